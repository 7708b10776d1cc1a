//! MLOps Playground, the web app: a Leptos page that teaches the ML project
//! lifecycle (scope → data → split → model → drift → deploy) on real numbers.
//!
//! The page computes nothing itself: every number comes from `mlops-engine`
//! running in a Web Worker (`src/bin/worker.rs`), reached through
//! [`browser::engine`]. Pages own signals and format replies; plain logic
//! (URL state, lab list, chart geometry) lives in modules without Leptos so it
//! is tested natively with ordinary `#[test]`s. The worker links only the
//! modules without Leptos (feature `ui` off).

#[cfg(feature = "ui")]
pub mod actions;
#[cfg(feature = "ui")]
pub mod app;
#[cfg(feature = "ui")]
pub mod browser;
pub mod browser_log;
#[cfg(feature = "ui")]
pub mod components;
pub mod lab;
#[cfg(feature = "ui")]
pub mod labs;
#[cfg(feature = "ui")]
pub mod link_check;
pub mod locks;
pub mod number;
#[cfg(feature = "ui")]
pub mod setting;
pub mod share;
#[cfg(feature = "ui")]
pub mod state;
pub mod url_state;
pub mod wire;
