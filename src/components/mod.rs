//! Reusable view pieces: banners, the dataset badge, charts, tables.

mod banner;
pub mod chart;
mod dataset_badge;

pub use banner::{Banner, BusyBar, Warnings};
pub use chart::BarChart;
pub use dataset_badge::DatasetBadge;
