//! Workshop exercises: a link that sets a lab up (with `exercise=<id>`, so
//! the lab shows the question), the question, and a check that says when
//! the answer is on screen. The texts follow `docs/exercises.md`; the
//! engine's `tests/exercises.rs` proves each answer exists.

use crate::lab::Lab;
use crate::url_state::UrlState;
use mlops_engine::drift::MonitorReport;
use mlops_engine::rollout::{self, Outcome, RolloutReport, RolloutRequest};
use mlops_engine::split::SplitReport;
use mlops_engine::split::Strategy as SplitStrategy;
use rollout::Strategy;

/// How the page tells an exercise is solved.
pub enum Check {
    /// The split of this strategy puts these counts of class `1` in
    /// train, dev and test.
    SplitPositives(SplitStrategy, [u64; 3]),
    /// The metric `field` (as `mlops metrics --json` names it) is at least
    /// this, at the slider's threshold.
    MetricAtLeast(&'static str, f64),
    /// The monitored stream's detections: a signal whose name starts with
    /// `fires` alerted at or after the change, and none starting with any
    /// of `quiet` did.
    Signals {
        fires: &'static str,
        quiet: &'static [&'static str],
    },
    /// The rollout run (with its request) passes this test.
    Rollout(fn(&RolloutRequest, &RolloutReport) -> bool),
    /// The student types how many rows these label columns disagree on:
    /// solved when it is the agreement report's count for them.
    Disagreements(&'static [&'static str]),
}

/// A candidate at least twice as wrong as the baseline, rolled back before
/// 1% of the plan's requests reached it.
fn stopped_early(r: &RolloutRequest, report: &RolloutReport) -> bool {
    let planned = r.weights().len() as f64 * f64::from(r.requests_per_step);
    r.strategy == Strategy::Canary
        && r.baseline_error > 0.0
        && r.candidate_error >= 2.0 * r.baseline_error
        && report.outcome == Outcome::RolledBack
        && (report.requests_served_by_candidate as f64) < 0.01 * planned
}

/// Labels late by at least 90% of a step, and the canary still decides
/// (promotes or rolls back) instead of pausing.
fn decides_without_labels(r: &RolloutRequest, report: &RolloutReport) -> bool {
    u64::from(r.label_delay) * 10 >= 9 * u64::from(r.requests_per_step)
        && report.outcome != Outcome::Paused
}

pub struct Exercise {
    pub id: &'static str,
    pub lab: Lab,
    pub title: &'static str,
    /// The query that sets the lab up (relative to the page).
    pub link: &'static str,
    pub question: &'static str,
    pub check: Check,
}

pub const EXERCISES: [Exercise; 8] = [
    Exercise { id: "agreement", lab: Lab::Data, title: "Do the annotators agree?", link: "?lab=data&sample=sample-defects&exercise=agreement", question: "How many of the 100 images do defect and annotator_b disagree on, and what is Cohen's kappa?", check: Check::Disagreements(&["defect", "annotator_b"]) },
    Exercise { id: "lottery", lab: Lab::Split, title: "The split lottery", link: "?lab=split&sample=sample-defects&split.strategy=random&split.strategy_lock=1&exercise=lottery", question: "Find a seed where the random 60/20/20 split puts 21, 2 and 7 of the 30 defects in train, dev and test: a dev set with nearly no positive.", check: Check::SplitPositives(SplitStrategy::Random, [21, 2, 7]) },
    Exercise { id: "balance", lab: Lab::Split, title: "Balance it", link: "?lab=split&sample=sample-defects&split.strategy=random&split.seed=57&exercise=balance", question: "Change one setting so that dev and test hold 6 defects each, whatever the seed.", check: Check::SplitPositives(SplitStrategy::Stratified, [18, 6, 6]) },
    Exercise { id: "recall", lab: Lab::Model, title: "Recall first", link: "?lab=model&sample=sample-breast-cancer&model.kind=logistic&exercise=recall", question: "Train logistic regression and move the threshold until the recall of malignant on the test split is at least 0.95. What precision do you pay?", check: Check::MetricAtLeast("recall", 0.95) },
    Exercise { id: "seen-not-felt", lab: Lab::Drift, title: "Seen but not felt", link: "?lab=drift&drift.source=simulate&exercise=seen-not-felt", question: "Simulate a data drift that the input tests catch while the model's realized accuracy never alerts: a drift seen but not felt.", check: Check::Signals { fires: "drift.", quiet: &["realized."] } },
    Exercise { id: "felt-not-seen", lab: Lab::Drift, title: "Felt but not seen", link: "?lab=drift&drift.source=simulate&drift.scenario=concept&exercise=felt-not-seen", question: "Make a concept drift that only performance feels: the realized accuracy alerts, and no input drift test nor the dataset-drift rule does.", check: Check::Signals { fires: "realized.accuracy", quiet: &["drift.", "dataset_drift"] } },
    Exercise { id: "canary", lab: Lab::Deploy, title: "Stop a bad canary early", link: "?lab=deploy&deploy.baseline-error=0.05&deploy.candidate-error=0.1&exercise=canary", question: "The candidate is twice as wrong as the baseline. Change the plan (weights, requests per step) so the canary rolls it back before 1% of the plan's requests reach it.", check: Check::Rollout(stopped_early) },
    Exercise { id: "late-labels", lab: Lab::Deploy, title: "Labels arrive late", link: "?lab=deploy&deploy.candidate-error=0.05&deploy.label-delay=950&exercise=late-labels", question: "Labels arrive after 950 of each step's 1,000 requests, so the canary pauses. Make it decide without waiting: what must it trust instead?", check: Check::Rollout(decides_without_labels) },
];

/// The exercise a link opens in `lab`, if any.
pub fn active(url: &UrlState, lab: Lab) -> Option<&'static Exercise> {
    let id = url.get("exercise")?;
    EXERCISES.iter().find(|e| e.id == id && e.lab == lab)
}

impl Exercise {
    /// Solved on this split report? `None` when the check is by eye.
    pub fn split_solved(&self, report: &SplitReport) -> Option<bool> {
        let Check::SplitPositives(strategy, want) = self.check else {
            return None;
        };
        let positives: Vec<u64> = report
            .splits
            .iter()
            .map(|s| s.class_counts.get("1").copied().unwrap_or(0))
            .collect();
        Some(report.strategy == strategy && positives == want)
    }
}

impl Exercise {
    /// Solved by these metric fields? `None` unless the check is a metric's.
    pub fn metric_solved(&self, fields: &[mlops_engine::metrics::fields::Field]) -> Option<bool> {
        let Check::MetricAtLeast(name, min) = self.check else {
            return None;
        };
        let value = fields.iter().find(|f| f.name == name).and_then(|f| f.value);
        Some(value.is_some_and(|v| v >= min))
    }
}

impl Exercise {
    /// Solved by the typed `answer` on this agreement report? `None` unless
    /// the check is a disagreement count (or the report is of other
    /// columns: then not yet).
    pub fn disagreements_solved(
        &self,
        report: Option<&mlops_engine::data::agreement::AgreementReport>,
        answer: &str,
    ) -> Option<bool> {
        let Check::Disagreements(raters) = self.check else {
            return None;
        };
        let Some(r) = report else { return Some(false) };
        let same = r.raters.len() == raters.len()
            && raters.iter().all(|c| r.raters.iter().any(|x| x == c));
        Some(same && answer.trim().parse::<u64>().ok() == Some(r.disagreements))
    }

    /// Solved by this monitored stream? `None` unless the check is one.
    pub fn signals_solved(&self, report: &MonitorReport) -> Option<bool> {
        let Check::Signals { fires, quiet } = self.check else {
            return None;
        };
        let d = &report.detections;
        let fired = d
            .iter()
            .any(|x| x.metric.starts_with(fires) && x.first_alert_after_change.is_some());
        let noisy = d
            .iter()
            .any(|x| quiet.iter().any(|q| x.metric.starts_with(q)));
        Some(fired && !noisy)
    }

    /// Solved by this rollout? `None` unless the check is a rollout's.
    pub fn rollout_solved(&self, request: &RolloutRequest, report: &RolloutReport) -> Option<bool> {
        let Check::Rollout(test) = self.check else {
            return None;
        };
        Some(test(request, report))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mlops_engine::data::samples;
    use mlops_engine::split::{split_table, SplitRequest};
    use mlops_engine::table::{read_csv, CsvOptions};

    fn report(strategy: SplitStrategy, seed: u64) -> SplitReport {
        let csv = samples::csv("sample-defects").unwrap();
        let table = read_csv(csv.as_bytes(), &CsvOptions::default()).unwrap();
        let req = SplitRequest {
            target: "defect".into(),
            strategy,
            ratios: vec![60, 20, 20],
            seed,
            by: None,
        };
        split_table(&table, &req).unwrap().report
    }

    #[test]
    fn every_link_opens_its_own_lab_and_exercise() {
        for e in &EXERCISES {
            let url = UrlState::parse(e.link);
            assert_eq!(url.lab, e.lab, "{}", e.id);
            assert_eq!(active(&url, e.lab).map(|a| a.id), Some(e.id));
        }
        assert!(active(&UrlState::parse("?exercise=lottery"), Lab::Model).is_none());
    }

    #[test]
    fn the_split_checks_fire_on_the_answer_only() {
        let lottery = &EXERCISES[1];
        assert_eq!(
            lottery.split_solved(&report(SplitStrategy::Random, 57)),
            Some(true)
        );
        assert_eq!(
            lottery.split_solved(&report(SplitStrategy::Random, 56)),
            Some(false)
        );
        let balance = &EXERCISES[2];
        assert_eq!(
            balance.split_solved(&report(SplitStrategy::Random, 57)),
            Some(false)
        );
        assert_eq!(
            balance.split_solved(&report(SplitStrategy::Stratified, 57)),
            Some(true)
        );
        assert_eq!(
            EXERCISES[0].split_solved(&report(SplitStrategy::Random, 57)),
            None
        );
    }

    #[test]
    fn the_recall_check_fires_at_the_bar() {
        use mlops_engine::metrics::fields::Field;
        let recall = &EXERCISES[3];
        let at = |v: Option<f64>| {
            vec![Field {
                name: "recall".into(),
                value: v,
            }]
        };
        assert_eq!(recall.metric_solved(&at(Some(0.95))), Some(true));
        assert_eq!(recall.metric_solved(&at(Some(0.9499))), Some(false));
        assert_eq!(recall.metric_solved(&at(None)), Some(false));
        assert_eq!(EXERCISES[1].metric_solved(&at(Some(1.0))), None);
    }
}

#[cfg(test)]
mod rollout_checks {
    use super::*;
    use mlops_engine::rollout::{run, Errors};

    fn ran(r: &RolloutRequest) -> RolloutReport {
        run(
            r,
            &Errors::Rate(r.baseline_error),
            &Errors::Rate(r.candidate_error),
            0,
        )
        .unwrap_or_else(|e| unreachable!("{e}"))
    }

    #[test]
    fn the_canary_check_fires_on_an_early_rollback_only() {
        let canary = EXERCISES.iter().find(|e| e.id == "canary");
        let Some(canary) = canary else { unreachable!() };
        let bad = RolloutRequest {
            baseline_error: 0.05,
            candidate_error: 0.1,
            ..RolloutRequest::default()
        };
        // The default plan: the bad model reaches far more than 1%.
        assert_eq!(canary.rollout_solved(&bad, &ran(&bad)), Some(false));
        // A 1% first step of 10,000 requests: 100 requests, caught at once.
        let early = RolloutRequest {
            steps: vec![1.0, 10.0, 50.0, 100.0],
            requests_per_step: 10_000,
            ..bad
        };
        let report = ran(&early);
        assert_eq!(report.rolled_back_at_step, Some(1), "{report:?}");
        assert_eq!(canary.rollout_solved(&early, &report), Some(true));
    }

    #[test]
    fn the_late_labels_check_fires_when_the_proxy_decides() {
        let Some(late) = EXERCISES.iter().find(|e| e.id == "late-labels") else {
            unreachable!()
        };
        let waits = RolloutRequest {
            candidate_error: 0.05,
            label_delay: 950,
            ..RolloutRequest::default()
        };
        assert_eq!(late.rollout_solved(&waits, &ran(&waits)), Some(false));
        let trusts = RolloutRequest {
            max_disagreement: Some(0.2),
            ..waits
        };
        assert_eq!(late.rollout_solved(&trusts, &ran(&trusts)), Some(true));
    }
}
