//! Browser adapters: the only place (with `src/bin/worker.rs`) that touches
//! web-sys. Each wraps one browser API behind a small Rust function.

pub mod answer;
pub mod canvas;
pub mod chart_backend;
pub mod download;
pub mod engine;
pub mod files;
pub mod location;
pub mod panic;
pub mod share;
pub mod storage;
