//! Reusable view pieces: banners, the dataset badge, charts, tables.

mod banner;
mod chart;
mod data_table;
mod dataset_badge;
pub mod format;
mod lab_parts;
mod share_panel;

pub use banner::{Banner, BusyBar, Notices, Warnings};
pub use chart::Chart;
pub use data_table::{data_table, TableRow};
pub use dataset_badge::DatasetBadge;
pub use lab_parts::{answer_view, lab_answer_view, options, ColumnSelect, LabIntro};
pub use share_panel::SharePanel;
