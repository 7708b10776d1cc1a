//! The Drift lab: is the current data still like the reference?
//!
//! [`stattests`] holds Evidently's methods (KS with SciPy's exact and
//! asymptotic p-values from [`ks`] and [`kolmogorov`], chi-square, z,
//! normed Wasserstein, Jensen–Shannon, PSI, KL) and its default choice;
//! [`sample`] turns two table columns into what every method reads;
//! [`report`] compares every shared column and applies the dataset-drift
//! share rule (`mlops drift`). [`simulate`] and [`scenario`] make the
//! seeded batch streams of `mlops simulate`; [`batch_io`] turns a batch
//! into a table or a CSV file. [`monitor`] watches a stream of batches
//! (drift tests, NannyML's chunk bounds, [`cbpe`]'s estimated performance);
//! [`scenarios`] runs one stream's settings under every scenario (which
//! signals catch which drift); [`stream_csv`] writes the stream as one CSV with a batch column;
//! [`reference_check`] warns when the reference's chunks disagree far
//! beyond sampling (a file sorted by its label); [`what_changed`] shows what a simulated change did to a feature and to
//! the label's rate across it.

pub mod batch_io;
pub mod binning;
pub mod cbpe;
pub mod detection;
pub mod golden;
pub mod kolmogorov;
pub mod kolmogorov_cdf;
pub mod ks;
pub mod monitor;
pub mod monitor_snapshot;
pub mod monitor_stats;
pub mod reference_check;
pub mod report;
pub mod requests;
pub mod sample;
pub mod sample_size;
pub mod scenario;
pub mod scenario_fit;
pub mod scenarios;
pub mod simulate;
pub mod stattests;
pub mod stream_csv;
pub mod what_changed;

pub use monitor::{monitor, MonitorReport, MonitorRequest};
pub use report::{compare, ColumnDrift, Distribution, DriftReport, DriftRequest};
pub use requests::{handle, Request, Response, Side, Stream};
pub use scenario::Scenario;
pub use simulate::{simulate, Shape, SimulateReport, SimulateRequest};
pub use stattests::Method;
pub use what_changed::{what_changed, WhatChanged};
