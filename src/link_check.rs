//! A link's settings checked once, when the page opens it: a value out of
//! range is clamped to the nearest allowed one and a value that means
//! nothing is dropped (the default is used), each with a notice saying what
//! changed, never a crash (TensorFlow Playground's issue #63).
//!
//! Why once, at open: while a user types, a half-typed value (`-`, `60,2`)
//! is the lab's to explain next to its control; a link is somebody else's
//! text, so it is made valid before any lab reads it.
//!
//! Lock keys (`<lab>.<key>_hide`, `<lab>.<key>_lock`, see [`crate::locks`])
//! and unknown keys pass through untouched.

use crate::lab::Lab;
use crate::labs::all_settings;
use crate::setting::Verdict;
use crate::url_state::UrlState;

/// Clamps and drops `url`'s settings in place by each lab's declared rules
/// (`labs::REGISTRY`); one notice per change. `lab_text` is the link's raw
/// `lab` value (an unknown one already fell back to the Data lab when the
/// query was parsed).
pub fn check_link(url: &mut UrlState, lab_text: Option<&str>) -> Vec<String> {
    let mut notices = Vec::new();
    if let Some(text) = lab_text.filter(|t| Lab::from_slug(t).is_none()) {
        notices.push(format!(
            "this link names a lab \"{text}\" that does not exist; showing the Data lab"
        ));
    }
    for setting in all_settings() {
        let Some(value) = setting.raw(url).map(str::to_string) else {
            continue;
        };
        let name = setting.url_key();
        match setting.rule.check(&value) {
            Verdict::Keep => {}
            Verdict::Clamp(to) => {
                notices.push(format!(
                    "this link's {name}={value} is out of range; using {to}"
                ));
                setting.set(url, &to);
            }
            Verdict::Drop => {
                notices.push(format!(
                    "this link's {name}={value} is not a valid value; using the default"
                ));
                setting.set(url, "");
            }
        }
    }
    notices.extend(check_locks(url));
    notices
}

/// A lock of a setting no lab has, or one that cannot be locked, does
/// nothing: it is dropped from the link, with a notice.
fn check_locks(url: &mut UrlState) -> Vec<String> {
    let locks: Vec<String> = url
        .settings
        .iter()
        .map(|(k, _)| k.clone())
        .filter(|k| k.ends_with("_hide") || k.ends_with("_lock"))
        .collect();
    let mut notices = Vec::new();
    for lock in locks {
        let Some(name) = lock
            .strip_suffix("_hide")
            .or_else(|| lock.strip_suffix("_lock"))
        else {
            continue;
        };
        let known = all_settings().any(|s| s.lockable && s.url_key() == name);
        if !known {
            notices.push(format!(
                "this link locks {name}, which is not a setting a link can lock; ignored"
            ));
            url.set(&lock, "");
        }
    }
    notices
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(query: &str) -> (UrlState, Vec<String>) {
        let mut url = UrlState::parse(query);
        let lab = query
            .split(['?', '&'])
            .find_map(|p| p.strip_prefix("lab="))
            .map(str::to_string);
        let notices = check_link(&mut url, lab.as_deref());
        (url, notices)
    }

    #[test]
    fn a_valid_link_is_left_alone() {
        let q = "?lab=split&split.seed=57&split.ratios=70,15,15&split.size=1000&model.threshold=0.3&split.seed_lock=1";
        let (url, notices) = checked(q);
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(url, UrlState::parse(q));
    }

    #[test]
    fn out_of_range_values_are_clamped_with_a_notice() {
        let (url, notices) = checked(
            "?lab=model&split.seed=-5&split.size=3000000&model.threshold=7&model.hlp_error=-3",
        );
        assert_eq!(url.get("split.seed"), Some("0"));
        assert_eq!(url.get("split.size"), Some("100000"));
        assert_eq!(url.get("model.threshold"), Some("1"));
        assert_eq!(url.get("model.hlp_error"), Some("0"));
        assert_eq!(notices.len(), 4, "{notices:?}");
        assert!(notices[0].contains("split.seed=-5 is out of range; using 0"));
        let (url, _) = checked("?seed=99999999999999999999999&split.size=7");
        assert_eq!(url.get("split.seed"), Some("18446744073709551615"));
        assert_eq!(url.get("seed"), None);
        assert_eq!(url.get("split.size"), Some("100"));
    }

    #[test]
    fn meaningless_values_fall_back_to_the_default_with_a_notice() {
        let (url, notices) = checked(
            "?lab=nowhere&split.strategy=magic&split.ratios=50,50,50&split.seed=abc&model.kind=svm&model.threshold=NaN",
        );
        assert_eq!(url.lab, Lab::Data);
        for key in [
            "split.strategy",
            "split.ratios",
            "split.seed",
            "model.kind",
            "model.threshold",
        ] {
            assert_eq!(url.get(key), None, "{key}");
        }
        assert_eq!(notices.len(), 6, "{notices:?}");
        assert!(notices[0].contains("lab \"nowhere\""));
    }

    #[test]
    fn every_labs_declared_ranges_are_checked() {
        let (url, notices) = checked(
            "?lab=drift&drift.batches=5000&drift.scenario=storm&deploy.confidence=3&deploy.steps=5,x&data.raters=a,b",
        );
        assert_eq!(url.get("drift.batches"), Some("100"));
        assert_eq!(url.get("drift.scenario"), None);
        assert_eq!(url.get("deploy.confidence"), Some("1"));
        assert_eq!(url.get("deploy.steps"), None);
        assert_eq!(url.get("data.raters"), Some("a,b"));
        assert_eq!(notices.len(), 4, "{notices:?}");
    }

    #[test]
    fn a_lock_of_no_setting_is_dropped_with_a_notice() {
        let (url, notices) =
            checked("?split.seed_lock=1&split.sed_lock=1&scope.problem_hide=1&deploy.seed_hide=1");
        assert_eq!(url.get("split.seed_lock"), Some("1"));
        assert_eq!(url.get("deploy.seed_hide"), Some("1"));
        assert_eq!(url.get("split.sed_lock"), None);
        assert_eq!(url.get("scope.problem_hide"), None);
        assert_eq!(notices.len(), 2, "{notices:?}");
        assert!(notices[0].contains("split.sed"), "{notices:?}");
    }

    #[test]
    fn every_exercise_link_is_valid_as_written() {
        for e in crate::labs::scope::exercises::EXERCISES {
            let (_, notices) = checked(e.link);
            assert!(notices.is_empty(), "{}: {notices:?}", e.id);
        }
    }

    #[test]
    fn no_setting_is_declared_twice() {
        let mut keys: Vec<String> = all_settings().map(|s| s.url_key()).collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), n);
    }
}
