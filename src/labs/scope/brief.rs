//! The scoping worksheet ([`Worksheet`]): typed, kept in the URL under
//! `scope.<key>` (so a copied link shares the brief), and exported as a
//! Markdown project brief ([`Worksheet::to_markdown`]).

use super::content::{ETHICS, ML_METRICS};
use crate::lab::Lab;
use crate::setting::{Rule, Setting};
use crate::url_state::{LabSettings, UrlState};

/// What the worksheet's fields hold (text as typed; empty = not answered).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Worksheet {
    pub problem: String,
    pub solution: String,
    pub ml_metric: String,
    pub ml_target: String,
    pub business_metric: String,
    pub latency_ms: String,
    pub throughput: String,
    /// Human-level performance on the ML metric (the baseline to beat).
    pub hlp: String,
    /// Examples that can be labelled per day, and for how many days.
    pub per_day: String,
    pub days: String,
    /// The three ethics questions, answered yes (`true`) or not yet.
    pub ethics: [bool; 3],
}

/// The worksheet's settings, under `scope.` in the URL (free text; a
/// link cannot lock them).
pub mod key {
    use super::*;

    pub const PROBLEM: Setting = Setting::new(
        Lab::Scope,
        "problem",
        "Business problem (not the solution)",
        Rule::Text,
    )
    .unlockable();
    pub const SOLUTION: Setting =
        Setting::new(Lab::Scope, "solution", "ML solution to try", Rule::Text).unlockable();
    pub const ML_METRIC: Setting = Setting::new(
        Lab::Scope,
        "ml_metric",
        "ML metric",
        Rule::Valid(|v| ML_METRICS.contains(&v)),
    )
    .unlockable();
    pub const ML_TARGET: Setting =
        Setting::new(Lab::Scope, "ml_target", "ML metric target", Rule::Text).unlockable();
    pub const BUSINESS_METRIC: Setting =
        Setting::new(Lab::Scope, "business_metric", "Business metric", Rule::Text).unlockable();
    pub const LATENCY_MS: Setting =
        Setting::new(Lab::Scope, "latency_ms", "Latency target (ms)", Rule::Text).unlockable();
    pub const THROUGHPUT: Setting = Setting::new(
        Lab::Scope,
        "throughput",
        "Throughput target (queries/s)",
        Rule::Text,
    )
    .unlockable();
    pub const HLP: Setting = Setting::new(
        Lab::Scope,
        "hlp",
        "Human-level performance (same metric)",
        Rule::Text,
    )
    .unlockable();
    pub const PER_DAY: Setting = Setting::new(
        Lab::Scope,
        "per_day",
        "Examples labelled per day",
        Rule::Text,
    )
    .unlockable();
    pub const DAYS: Setting =
        Setting::new(Lab::Scope, "days", "Days of labelling (k)", Rule::Text).unlockable();
}

/// One text field of the worksheet: its setting and where it is kept.
#[derive(Clone, Copy)]
pub struct Field {
    pub setting: Setting,
    read: fn(&Worksheet) -> &String,
    write: fn(&mut Worksheet) -> &mut String,
}

/// The worksheet's text fields, in the order they are shown.
pub const FIELDS: [Field; 10] = [
    Field {
        setting: key::PROBLEM,
        read: |w| &w.problem,
        write: |w| &mut w.problem,
    },
    Field {
        setting: key::SOLUTION,
        read: |w| &w.solution,
        write: |w| &mut w.solution,
    },
    Field {
        setting: key::ML_METRIC,
        read: |w| &w.ml_metric,
        write: |w| &mut w.ml_metric,
    },
    Field {
        setting: key::ML_TARGET,
        read: |w| &w.ml_target,
        write: |w| &mut w.ml_target,
    },
    Field {
        setting: key::BUSINESS_METRIC,
        read: |w| &w.business_metric,
        write: |w| &mut w.business_metric,
    },
    Field {
        setting: key::LATENCY_MS,
        read: |w| &w.latency_ms,
        write: |w| &mut w.latency_ms,
    },
    Field {
        setting: key::THROUGHPUT,
        read: |w| &w.throughput,
        write: |w| &mut w.throughput,
    },
    Field {
        setting: key::HLP,
        read: |w| &w.hlp,
        write: |w| &mut w.hlp,
    },
    Field {
        setting: key::PER_DAY,
        read: |w| &w.per_day,
        write: |w| &mut w.per_day,
    },
    Field {
        setting: key::DAYS,
        read: |w| &w.days,
        write: |w| &mut w.days,
    },
];

/// Every setting of the Scope lab.
pub const SETTINGS: &[Setting] = &[
    key::PROBLEM,
    key::SOLUTION,
    key::ML_METRIC,
    key::ML_TARGET,
    key::BUSINESS_METRIC,
    key::LATENCY_MS,
    key::THROUGHPUT,
    key::HLP,
    key::PER_DAY,
    key::DAYS,
];

impl Field {
    fn of(setting: Setting) -> Option<Field> {
        FIELDS.into_iter().find(|f| f.setting.key == setting.key)
    }
}

impl Worksheet {
    /// The text of `setting`'s field (empty when it is not a field).
    pub fn field(&self, setting: Setting) -> &str {
        Field::of(setting).map_or("", |f| (f.read)(self).as_str())
    }

    pub fn set_field(&mut self, setting: Setting, value: String) {
        if let Some(f) = Field::of(setting) {
            *(f.write)(self) = value;
        }
    }

    /// "How much data can we get in k days": per day × days, when both are
    /// whole numbers.
    pub fn data_in_days(&self) -> Option<u64> {
        let per_day: u64 = self.per_day.trim().parse().ok()?;
        let days: u64 = self.days.trim().parse().ok()?;
        per_day.checked_mul(days)
    }

    /// The project brief as Markdown; `dataset_rows` is the working
    /// dataset's size, to set the data estimate against.
    pub fn to_markdown(&self, dataset_rows: Option<u64>) -> String {
        let or_open = |s: &str| {
            if s.trim().is_empty() {
                "_(open)_".to_string()
            } else {
                s.trim().to_string()
            }
        };
        let mut md = String::from("# Project brief\n\n## Problem\n\n");
        md += &format!(
            "- Business problem: {}\n- ML solution to try: {}\n\n",
            or_open(&self.problem),
            or_open(&self.solution)
        );
        md += "## Key metrics\n\n";
        md += &format!(
            "- ML metric: {} (target {})\n",
            or_open(&self.ml_metric),
            or_open(&self.ml_target)
        );
        md += &format!("- Business metric: {}\n", or_open(&self.business_metric));
        md += &format!(
            "- Latency: {} ms; throughput: {} queries/s\n\n",
            or_open(&self.latency_ms),
            or_open(&self.throughput)
        );
        md += "## Feasibility\n\n";
        md += &format!(
            "- Human-level performance (the baseline): {}\n",
            or_open(&self.hlp)
        );
        match self.data_in_days() {
            Some(n) => {
                md += &format!(
                    "- Data in {} days at {} a day: {n} labelled examples\n",
                    self.days.trim(),
                    self.per_day.trim()
                )
            }
            None => md += "- Data in k days: _(open)_\n",
        }
        if let Some(rows) = dataset_rows {
            md += &format!("- The working dataset has {rows} rows; the Model lab's learning curve shows whether more would help.\n");
        }
        md += "\n## Ethics\n\n";
        for ((_, question), yes) in ETHICS.iter().zip(self.ethics) {
            md += &format!("- [{}] {question}\n", if yes { "x" } else { " " });
        }
        md
    }
}

impl LabSettings for Worksheet {
    const LAB: Lab = Lab::Scope;

    fn from_url(url: &UrlState) -> Self {
        let mut w = Worksheet::default();
        for f in FIELDS {
            *(f.write)(&mut w) = f.setting.value(url).unwrap_or_default();
        }
        for (slot, (key, _)) in w.ethics.iter_mut().zip(ETHICS) {
            *slot = url.lab_get(Lab::Scope, key) == Some("1");
        }
        w
    }

    fn write(&self, url: &mut UrlState) {
        for f in FIELDS {
            f.setting.set(url, (f.read)(self));
        }
        for (yes, (key, _)) in self.ethics.iter().zip(ETHICS) {
            url.lab_set(Lab::Scope, key, if *yes { "1" } else { "" });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worksheet_round_trips_through_the_url() {
        let mut w = Worksheet {
            problem: "Too many returns & refunds".into(),
            ml_metric: "recall".into(),
            per_day: "200".into(),
            days: "5".into(),
            ..Default::default()
        };
        w.ethics[1] = true;
        let mut u = UrlState::default();
        w.write(&mut u);
        assert!(
            u.to_query()
                .contains("scope.problem=Too%20many%20returns%20%26%20refunds"),
            "{}",
            u.to_query()
        );
        assert_eq!(Worksheet::from_url(&UrlState::parse(&u.to_query())), w);
        assert_eq!(
            Worksheet::from_url(&UrlState::parse("?scope.ml_metric=vibes")).ml_metric,
            ""
        );
    }

    #[test]
    fn the_brief_says_what_is_open_and_estimates_the_data() {
        let w = Worksheet {
            problem: "Increase conversion".into(),
            per_day: "200".into(),
            days: "5".into(),
            ethics: [true, false, false],
            ..Default::default()
        };
        let md = w.to_markdown(Some(100));
        assert!(md.starts_with("# Project brief\n"));
        assert!(md.contains("- Business problem: Increase conversion\n"));
        assert!(md.contains("- ML solution to try: _(open)_\n"));
        assert!(md.contains("- Data in 5 days at 200 a day: 1000 labelled examples\n"));
        assert!(md.contains("has 100 rows"));
        assert!(md.contains("- [x] Is this project creating net positive"));
        assert!(md.contains("- [ ] Is this project reasonably fair"));
        assert_eq!(
            Worksheet {
                per_day: "many".into(),
                days: "3".into(),
                ..Default::default()
            }
            .data_in_days(),
            None
        );
    }
}
