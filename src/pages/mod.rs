//! One module per lifecycle lab.

mod coming;
mod data;
mod split;

pub use coming::ComingLab;
pub use data::DataLab;
pub use split::SplitLab;
