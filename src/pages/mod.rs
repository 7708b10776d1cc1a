//! One module per lifecycle lab.

mod coming;
pub mod data;
pub mod split;

pub use coming::ComingLab;
pub use data::DataLab;
pub use split::SplitLab;
