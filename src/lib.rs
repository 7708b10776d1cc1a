//! MLOps Playground, the web app: a Leptos page that teaches the ML project
//! lifecycle (scope → data → split → model → drift → deploy) on real numbers.
//!
//! The page computes nothing itself: every number comes from `mlops-engine`
//! running in a Web Worker (`src/bin/worker.rs`), reached through
//! [`browser::engine`]. Pages own signals and format replies; plain logic
//! (URL state, lab list, chart geometry) lives in modules without Leptos so it
//! is tested natively with ordinary `#[test]`s.

pub mod actions;
pub mod app;
pub mod browser;
pub mod components;
pub mod lab;
pub mod pages;
pub mod state;
pub mod url_state;
pub mod wire;
