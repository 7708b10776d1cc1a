//! `mlops-engine`: everything MLOps Playground computes, in pure Rust.
//!
//! The browser app (through its Web Worker), the `mlops` CLI and the tests all
//! reach the engine through one door, [`api`]: a serde [`api::Request`] goes in,
//! a serde [`api::Response`] comes out. Nothing here knows about the web: no
//! leptos, web-sys, js-sys, wasm-bindgen or plotters, so every number can be
//! tested natively and is identical on every platform.
//!
//! Layout: [`basics`] (errors, the seeded RNG, sorts, statistics, text
//! encodings) and [`table`] (typed columns, CSV reading, profiles) serve
//! every lab; [`state`] holds the datasets by role; then one folder per lab,
//! each owning its requests, answers and state: [`data`], [`split`],
//! [`metrics`], [`model`], `drift`, `rollout`. [`api`] sits on top: the
//! request and response enums and [`Session`], the one dispatch. Modules
//! import only downwards (basics → table → state → labs → api; `make lint`
//! checks there is no cycle).
//!
//! Architecture invariants:
//! - Deterministic: randomness enters as a seed (see [`basics::rng`]), never
//!   from the OS.
//! - Never panics on any input: bad input is an [`EngineError`] with a
//!   position, and messy-but-usable input is a result plus `warnings`.

pub mod api;
pub mod basics;
pub mod data;
pub mod drift;
pub mod metrics;
pub mod model;
pub mod rollout;
pub mod split;
pub mod state;
pub mod table;

pub use api::Session;
pub use basics::error::EngineError;
pub use table::{Column, ColumnData, Table};
