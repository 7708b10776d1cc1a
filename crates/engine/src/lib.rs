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
//! every lab; then one folder per lab, each owning its requests: [`data`],
//! [`split`] (later `model`, `metrics`, `drift`, `rollout`). [`session`]
//! keeps the datasets between requests and dispatches each lab's request to
//! that lab's `handle`.
//!
//! Architecture invariants:
//! - Deterministic: randomness enters as a seed (see [`basics::rng`]), never
//!   from the OS.
//! - Never panics on any input: bad input is an [`EngineError`] with a
//!   position, and messy-but-usable input is a result plus `warnings`.

pub mod api;
pub mod basics;
pub mod data;
#[cfg(feature = "drift")]
pub mod drift;
pub mod metrics;
pub mod model;
#[cfg(feature = "rollout")]
pub mod rollout;
pub mod session;
pub mod split;
pub mod table;

pub use basics::error::EngineError;
pub use table::{Column, ColumnData, Table};
