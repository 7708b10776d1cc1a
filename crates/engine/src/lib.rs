//! `mlops-engine`: everything MLOps Playground computes, in pure Rust.
//!
//! The browser app (through its Web Worker), the `mlops` CLI and the tests all
//! reach the engine through one door, [`api`]: a serde [`api::Request`] goes in,
//! a serde [`api::Response`] comes out. Nothing here knows about the web: no
//! leptos, web-sys, js-sys or wasm-bindgen, so every number can be tested
//! natively and is identical on every platform.
//!
//! Architecture invariants:
//! - Deterministic: randomness enters as a seed (see [`rng`]), never from the OS.
//! - Never panics on any input: bad input is an [`error::EngineError`] with a
//!   position, and messy-but-usable input is a result plus `warnings`.

pub mod agreement;
pub mod api;
pub mod error;
pub mod normalize;
pub mod rng;
pub mod samples;
pub mod session;
pub mod sort;
pub mod split;
pub mod stats;
pub mod suggest;
pub mod table;
pub mod text_encoding;
pub mod what_if;

pub use error::EngineError;
pub use table::{Column, ColumnData, Table};
