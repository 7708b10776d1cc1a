//! What every lab uses: the engine's error type, portable `exp`/`ln`, the seeded RNG, its two
//! sorts, the statistics that follow numpy, and text decoding.

pub mod decimal;
pub mod error;
pub mod json;
pub mod math;
pub mod rng;
pub mod sort;
pub mod special;
pub mod stats;
pub mod text_encoding;
