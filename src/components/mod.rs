//! Reusable view pieces: banners, the dataset badge, charts, tables.

mod banner;
mod chart;
mod dataset_badge;

pub use banner::{Banner, BusyBar, Warnings};
pub use chart::Chart;
pub use dataset_badge::DatasetBadge;
