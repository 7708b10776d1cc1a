//! The Scope lab's text: the lifecycle's stages as the course teaches them
//! (each linked to its lab), the iterative loops between them, and the
//! course's table of business problems and the ML solutions they suggest.
//! Plain data, so the page renders it with one loop per list.

use crate::lab::Lab;

/// One stage of the lifecycle map.
pub struct Stage {
    pub name: &'static str,
    /// What the course says happens in it.
    pub steps: &'static [&'static str],
    /// The labs where it is practised.
    pub labs: &'static [Lab],
}

pub const STAGES: [Stage; 5] = [
    Stage {
        name: "Scoping",
        steps: &[
            "Define the project",
            "Decide the key metrics: an ML metric, a business metric, latency and throughput",
            "Estimate resources and timeline; human-level performance as the baseline",
        ],
        labs: &[Lab::Scope],
    },
    Stage {
        name: "Data",
        steps: &[
            "Define the data and establish a baseline",
            "Label and organize the data: consistent labels",
            "Split it so every split represents it",
        ],
        labs: &[Lab::Data, Lab::Split],
    },
    Stage {
        name: "Modeling",
        steps: &[
            "Select and train a model",
            "Perform error analysis: slices, bias and variance",
            "Audit performance before it ships",
        ],
        labs: &[Lab::Model],
    },
    Stage {
        name: "Deployment",
        steps: &[
            "Deploy in production: canary, shadow, blue-green",
            "Automate partly first: human in the loop",
        ],
        labs: &[Lab::Deploy],
    },
    Stage {
        name: "Monitoring",
        steps: &[
            "Monitor and maintain the system",
            "Catch data drift and concept drift; retrain",
        ],
        labs: &[Lab::Drift],
    },
];

/// The loops the map draws: `(from, to, why)`, by stage index.
pub const LOOPS: [(usize, usize, &str); 3] = [
    (2, 1, "Error analysis sends you back to the data: collect, relabel or augment where the model fails."),
    (4, 3, "Monitoring feeds deployment: an alert rolls back or retrains and redeploys."),
    (4, 1, "Drift sends you back to the data: new data, new labels, a new split."),
];

/// The course's examples: a business problem, and ML solutions to try.
pub const PROBLEMS: [(&str, &str); 3] = [
    ("Increase conversion", "search, recommendations"),
    ("Reduce inventory", "demand prediction, marketing"),
    (
        "Increase margin (profit per item)",
        "optimizing what to sell (merchandising), recommending bundles",
    ),
];

/// The ethics questions a project answers before it starts.
pub const ETHICS: [(&str, &str); 3] = [
    (
        "value",
        "Is this project creating net positive societal value?",
    ),
    (
        "fair",
        "Is this project reasonably fair and free from bias?",
    ),
    (
        "debated",
        "Have any ethical concerns been openly aired and debated?",
    ),
];

/// The ML metrics the worksheet offers (the Model lab shows them all).
pub const ML_METRICS: [&str; 7] = [
    "accuracy",
    "precision",
    "recall",
    "f1",
    "roc_auc",
    "log_loss",
    "mae",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lab_but_none_is_practised_in_a_stage_and_loops_go_back() {
        for lab in Lab::ALL {
            assert!(STAGES.iter().any(|s| s.labs.contains(&lab)), "{lab:?}");
        }
        assert!(LOOPS
            .iter()
            .all(|&(from, to, why)| from > to && to < STAGES.len() && why.ends_with('.')));
    }
}
