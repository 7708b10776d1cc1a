//! Models: baselines trained on the Split lab's train rows, exactly as
//! `docs/cli.md` (`train`) defines them, kept in the session by id
//! so the Drift and Deploy labs use the model trained here.
//!
//! Why our own estimators and not linfa: scikit-learn is the reference, and
//! each estimator here is the textbook algorithm in under 200 lines, which
//! costs the worker tens of kilobytes where linfa's three crates cost 108
//! KiB gzip (measured when the Model lab was built), and keeps every number
//! ours to check: [`logistic`] on [`lbfgs`] reaches the convex optimum,
//! [`naive_bayes`] and [`tree`] follow scikit-learn's formulas and stopping
//! rules, [`linear`] is ridge by Cholesky. [`features`] is the
//! preprocessing (fitted on train only), [`fitted`] the model and its
//! `mlops-model/1` JSON, [`train`] the `mlops train` computation.

pub mod diagnosis;
pub mod experiments;
pub mod features;
pub mod fitted;
pub mod hyper;
pub mod lbfgs;
pub mod linear;
pub mod logistic;
pub mod model_json;
pub mod naive_bayes;
pub mod newton;
mod requests;
pub mod slices;
pub mod store;
pub mod train;
pub mod tree;

pub use fitted::{FittedModel, ModelKind, ModelTask, Predictions};
pub use requests::{handle, Request, Response, TrainedSummary};
pub use store::{Kept, ModelStore, Run};
pub use train::{train, SplitMetrics, TrainRequest, Trained};
