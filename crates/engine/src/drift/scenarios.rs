//! Iterate on the set of metrics to monitor, measured: the same stream
//! settings under each of the four scenarios (data, concept, prior,
//! quality), each monitored with the same model, and for each scenario the
//! detections: which signal alerted first after the change, how late, with
//! how many false alarms. The page keeps the signals the user picked and
//! says, per scenario, whether they would have caught it.

use super::detection::Detection;
use super::monitor::{monitor, MonitorRequest};
use super::scenario::Scenario;
use super::simulate::{simulate, SimulateRequest};
use crate::model::FittedModel;
use crate::table::{ColumnKind, Table};
use serde::{Deserialize, Serialize};

/// One scenario's run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioRun {
    pub scenario: Scenario,
    pub change_at: u32,
    pub detections: Vec<Detection>,
    /// Why the scenario could not run (e.g. concept drift needs a numeric
    /// feature), when it could not.
    pub error: Option<String>,
}

/// The signal family of a detection's metric: `drift`, `js`, `mean`,
/// `missing`, `output`, `estimated`, `realized` or `dataset_drift`.
pub fn family(metric: &str) -> &str {
    metric.split_once('.').map_or(metric, |(f, _)| f)
}

/// Runs `base` under every scenario against `reference` with `model`. A
/// scenario whose feature does not fit it (concept drift on a column with
/// no numbers) uses the first numeric column besides the target.
pub fn compare_scenarios(
    reference: &Table,
    base: &SimulateRequest,
    request: &MonitorRequest,
    model: Option<&FittedModel>,
) -> Vec<ScenarioRun> {
    Scenario::ALL
        .into_iter()
        .map(|scenario| {
            let mut r = SimulateRequest {
                scenario,
                ..base.clone()
            };
            if scenario == Scenario::Concept {
                let numeric = |name: &str| {
                    reference
                        .column(name)
                        .is_ok_and(|c| c.kind() == ColumnKind::Numeric)
                };
                if !r.feature.as_deref().is_some_and(numeric) {
                    r.feature = reference
                        .columns
                        .iter()
                        .find(|c| {
                            c.kind() == ColumnKind::Numeric && Some(&c.name) != r.target.as_ref()
                        })
                        .map(|c| c.name.clone());
                }
            }
            let run = simulate(reference, &r).and_then(|(report, batches)| {
                let kept = super::batch_io::named_batches(reference, &batches);
                let m = MonitorRequest {
                    change_at: Some(report.change_at),
                    ..request.clone()
                };
                monitor(reference, &kept, model, &m).map(|out| (report.change_at, out.detections))
            });
            match run {
                Ok((change_at, detections)) => ScenarioRun {
                    scenario,
                    change_at,
                    detections,
                    error: None,
                },
                Err(e) => ScenarioRun {
                    scenario,
                    change_at: 0,
                    detections: Vec::new(),
                    error: Some(e.to_string()),
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drift::Shape;

    #[test]
    fn every_scenario_runs_and_concept_drift_is_felt_by_performance_only() {
        let bytes = include_bytes!("../../data/sample-defects.csv");
        let options = crate::table::CsvOptions {
            name: "defects".into(),
            delimiter: None,
        };
        let table = crate::table::read_csv(bytes, &options).unwrap_or_else(|e| unreachable!("{e}"));
        let base = SimulateRequest {
            scenario: Scenario::Data,
            shape: Shape::Sudden,
            batches: 8,
            seed: 2,
            batch_rows: None,
            magnitude: None,
            feature: Some("brightness".into()),
            target: Some("defect".into()),
            change_at: Some(4),
            period: None,
        };
        let request = MonitorRequest {
            target: Some("defect".into()),
            ..MonitorRequest::default()
        };
        let runs = compare_scenarios(&table, &base, &request, None);
        assert_eq!(runs.len(), 4);
        assert!(runs.iter().all(|r| r.error.is_none()), "{runs:?}");
        // Without a model only the inputs are watched: the data drift of
        // brightness is caught by its input tests; the concept drift is not.
        let data = &runs[0];
        assert!(data
            .detections
            .iter()
            .any(|d| d.metric == "drift.brightness"));
        let concept = &runs[1];
        assert!(!concept
            .detections
            .iter()
            .any(|d| family(&d.metric) == "drift"));
        assert_eq!(family("dataset_drift"), "dataset_drift");
        assert_eq!(family("output.mean_score"), "output");
    }
}
