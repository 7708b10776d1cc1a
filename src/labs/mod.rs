//! One folder per lab, and the registry: the one table of labs that the
//! shell and the lifecycle navigation read.
//!
//! Adding a lab: a folder here (its view, its typed settings), one line in
//! [`REGISTRY`]; the engine and the CLI each have their own one-line
//! registry (see ARCHITECTURE.md, "Adding a lab").

pub mod data;
pub mod deploy;
pub mod drift;
pub mod model;
pub mod scope;
pub mod split;

use crate::lab::Lab;
use crate::setting::Setting;
use leptos::prelude::*;

/// A lab as the page shows it.
pub struct LabEntry {
    pub lab: Lab,
    pub title: &'static str,
    /// The lesson, one sentence.
    pub lesson: &'static str,
    /// The lab's view.
    pub view: fn() -> AnyView,
    /// The lab's settings (URL keys, ranges, locks).
    pub settings: &'static [Setting],
}

/// Every lab, in lifecycle order.
pub const REGISTRY: [LabEntry; 6] = [
    LabEntry { lab: Lab::Scope, title: "Scope", lesson: "Decide what to build: the business metric, the ML metric, and what 'good enough' means.", view: scope::view, settings: scope::brief::SETTINGS },
    LabEntry { lab: Lab::Data, title: "Data", lesson: "Bring data, see what is in it, and check that it is labelled consistently.", view: data::view, settings: data::settings::SETTINGS },
    LabEntry { lab: Lab::Split, title: "Split", lesson: "Split train/dev/test so every split represents the data; on small data, balance it.", view: split::view, settings: split::settings::SETTINGS },
    LabEntry { lab: Lab::Model, title: "Model", lesson: "Start from a baseline, compare with human-level performance, pick the metric that matters, and move the threshold to see the trade-offs.", view: model::view, settings: model::settings::SETTINGS },
    LabEntry { lab: Lab::Drift, title: "Drift", lesson: "Compare live data with the training data and catch data and concept drift.", view: drift::view, settings: drift::settings::SETTINGS },
    LabEntry { lab: Lab::Deploy, title: "Deploy", lesson: "Roll out a new model safely: canary, shadow and blue-green, with automatic analysis.", view: deploy::view, settings: deploy::settings::SETTINGS },
];

/// The registry's entry of `lab`.
pub fn entry(lab: Lab) -> &'static LabEntry {
    REGISTRY
        .iter()
        .find(|e| e.lab == lab)
        .unwrap_or(&REGISTRY[1])
}

/// Every lab's settings.
pub fn all_settings() -> impl Iterator<Item = &'static Setting> {
    REGISTRY.iter().flat_map(|e| e.settings.iter())
}

/// The view of `lab` (each lab shows its own exercise card, with its
/// check).
pub fn view(lab: Lab) -> AnyView {
    (entry(lab).view)()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_lists_every_lab_once_in_lifecycle_order() {
        let labs: Vec<Lab> = REGISTRY.iter().map(|e| e.lab).collect();
        assert_eq!(labs, Lab::ALL.to_vec());
        assert!(REGISTRY
            .iter()
            .all(|e| !e.title.is_empty() && e.lesson.ends_with('.')));
    }
}
