//! Locks for exercises, like TensorFlow Playground's `*_hide` parameters:
//! an instructor's link hides a control (`split.seed_hide=1`) or shows it
//! frozen (`split.seed_lock=1`), so students change only what the exercise
//! is about. The keys are a lab's setting names; `true` works as `1`.
//!
//! Plain logic over [`UrlState`]: a lab asks its setting's
//! `Setting::control` (only a lockable setting can be locked).

use crate::lab::Lab;
use crate::url_state::UrlState;

/// How a link wants one control shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Shown,
    /// Visible, not changeable.
    Frozen,
    Hidden,
}

impl Control {
    pub fn hidden(self) -> bool {
        self == Control::Hidden
    }

    pub fn frozen(self) -> bool {
        self != Control::Shown
    }
}

/// The control for `lab`'s setting `key` (`Lab::Split`, `"seed"`).
pub fn control(url: &UrlState, lab: Lab, key: &str) -> Control {
    let on = |suffix: &str| {
        url.get(&format!("{}.{key}_{suffix}", lab.slug()))
            .is_some_and(|v| matches!(v, "1" | "true"))
    };
    if on("hide") {
        Control::Hidden
    } else if on("lock") {
        Control::Frozen
    } else {
        Control::Shown
    }
}

/// Whether a link locks anything at all (the page then says so).
pub fn any(url: &UrlState) -> bool {
    url.settings.iter().any(|(k, v)| {
        (k.ends_with("_hide") || k.ends_with("_lock")) && matches!(v.as_str(), "1" | "true")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hide_beats_lock_and_only_yes_values_count() {
        let u = UrlState::parse(
            "?split.seed_hide=1&split.seed_lock=1&split.ratios_lock=true&model.kind_hide=0",
        );
        assert_eq!(control(&u, Lab::Split, "seed"), Control::Hidden);
        assert_eq!(control(&u, Lab::Split, "ratios"), Control::Frozen);
        assert_eq!(control(&u, Lab::Split, "strategy"), Control::Shown);
        assert_eq!(control(&u, Lab::Model, "kind"), Control::Shown);
        assert_eq!(control(&u, Lab::Model, "seed"), Control::Shown);
        assert!(any(&u));
        assert!(!any(&UrlState::parse("?model.kind_hide=0")));
        assert!(Control::Frozen.frozen() && !Control::Frozen.hidden());
    }
}
