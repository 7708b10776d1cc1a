//! The Drift lab: is the current data still like the reference?
//!
//! [`stattests`] holds Evidently's methods (KS with SciPy's exact and
//! asymptotic p-values from [`ks`] and [`kolmogorov`], chi-square, z,
//! normed Wasserstein, Jensen–Shannon, PSI, KL) and its default choice;
//! [`sample`] turns two table columns into what every method reads;
//! [`report`] compares every shared column and applies the dataset-drift
//! share rule (`mlops drift`).

pub mod kolmogorov;
pub mod ks;
pub mod report;
pub mod requests;
pub mod sample;
pub mod stattests;

pub use report::{compare, ColumnDrift, Distribution, DriftReport, DriftRequest};
pub use requests::{handle, Request, Response, Side};
pub use stattests::Method;
