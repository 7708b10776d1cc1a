//! Workshop exercises: a link that sets a lab up (with `exercise=<id>`, so
//! the lab shows the question), the question, and a check that says when
//! the answer is on screen. The texts follow `docs/exercises.md`; the
//! engine's `tests/exercises.rs` proves each answer exists.

use crate::lab::Lab;
use crate::url_state::UrlState;
use mlops_engine::split::{SplitReport, Strategy};

/// How the page tells an exercise is solved.
pub enum Check {
    /// The split of this strategy puts these counts of class `1` in
    /// train, dev and test.
    SplitPositives(Strategy, [u64; 3]),
    /// The metric `field` (as `mlops metrics --json` names it) is at least
    /// this, at the slider's threshold.
    MetricAtLeast(&'static str, f64),
    /// The student reads it off the screen (the hint says where).
    ByEye,
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

pub const EXERCISES: [Exercise; 6] = [
    Exercise { id: "agreement", lab: Lab::Data, title: "Do the annotators agree?", link: "?lab=data&sample=sample-defects&exercise=agreement", question: "How many of the 100 images do defect and annotator_b disagree on, and what is Cohen's kappa?", check: Check::ByEye },
    Exercise { id: "lottery", lab: Lab::Split, title: "The split lottery", link: "?lab=split&sample=sample-defects&split.strategy=random&split.strategy_lock=1&exercise=lottery", question: "Find a seed where the random 60/20/20 split puts 21, 2 and 7 of the 30 defects in train, dev and test: a dev set with nearly no positive.", check: Check::SplitPositives(Strategy::Random, [21, 2, 7]) },
    Exercise { id: "balance", lab: Lab::Split, title: "Balance it", link: "?lab=split&sample=sample-defects&split.strategy=random&split.seed=57&exercise=balance", question: "Change one setting so that dev and test hold 6 defects each, whatever the seed.", check: Check::SplitPositives(Strategy::Stratified, [18, 6, 6]) },
    Exercise { id: "recall", lab: Lab::Model, title: "Recall first", link: "?lab=model&sample=sample-breast-cancer&model.kind=logistic&exercise=recall", question: "Train logistic regression and move the threshold until the recall of malignant on the test split is at least 0.95. What precision do you pay?", check: Check::MetricAtLeast("recall", 0.95) },
    Exercise { id: "seen-not-felt", lab: Lab::Drift, title: "Seen but not felt (mlops monitor)", link: "?lab=drift&exercise=seen-not-felt", question: "Simulate a data drift on a feature the model leans on little: which alerts fire? (With the mlops commands in docs/exercises.md until the Drift page ships.)", check: Check::ByEye },
    Exercise { id: "canary", lab: Lab::Deploy, title: "Stop a bad canary early (mlops rollout)", link: "?lab=deploy&exercise=canary", question: "Tune the canary steps so a model twice as bad is stopped before 1% of requests reach it. (With mlops rollout until the Deploy page ships.)", check: Check::ByEye },
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

#[cfg(test)]
mod tests {
    use super::*;
    use mlops_engine::data::samples;
    use mlops_engine::split::{split_table, SplitRequest};
    use mlops_engine::table::{read_csv, CsvOptions};

    fn report(strategy: Strategy, seed: u64) -> SplitReport {
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
            lottery.split_solved(&report(Strategy::Random, 57)),
            Some(true)
        );
        assert_eq!(
            lottery.split_solved(&report(Strategy::Random, 56)),
            Some(false)
        );
        let balance = &EXERCISES[2];
        assert_eq!(
            balance.split_solved(&report(Strategy::Random, 57)),
            Some(false)
        );
        assert_eq!(
            balance.split_solved(&report(Strategy::Stratified, 57)),
            Some(true)
        );
        assert_eq!(
            EXERCISES[0].split_solved(&report(Strategy::Random, 57)),
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
