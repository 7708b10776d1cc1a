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
use crate::labs::model::settings::MODELS;
use crate::labs::split::settings::LOTTERY_SIZES;
use crate::number::parse_decimal;
use crate::url_state::UrlState;
use mlops_engine::model::ModelKind;
use mlops_engine::split::Strategy;

/// What a rule makes of a link's value.
enum Verdict {
    Keep,
    /// Out of range: this value instead.
    Clamp(String),
    /// Means nothing: the default instead.
    Drop,
}

/// A lab's setting and the rule its value must follow.
type Rule = (Lab, &'static str, fn(&str) -> Verdict);

/// Clamps and drops `url`'s settings in place; one notice per change.
/// `lab_text` is the link's raw `lab` value (an unknown one already fell
/// back to the Data lab when the query was parsed).
pub fn check_link(url: &mut UrlState, lab_text: Option<&str>) -> Vec<String> {
    let mut notices = Vec::new();
    if let Some(text) = lab_text.filter(|t| Lab::from_slug(t).is_none()) {
        notices.push(format!(
            "this link names a lab \"{text}\" that does not exist; showing the Data lab"
        ));
    }
    let rules: [Rule; 8] = [
        (Lab::Split, "strategy", strategy),
        (Lab::Split, "ratios", ratios),
        (Lab::Split, "seed", seed),
        (Lab::Split, "size", size),
        (Lab::Model, "source", source),
        (Lab::Model, "kind", kind),
        (Lab::Model, "threshold", threshold),
        (Lab::Model, "hlp_error", percentage),
    ];
    for (lab, key, rule) in rules {
        // The Split lab also reads the bare keys of older links.
        let legacy = lab == Lab::Split;
        let Some(value) = url.lab_get(lab, key, legacy).map(str::to_string) else {
            continue;
        };
        let name = format!("{}.{key}", lab.slug());
        match rule(&value) {
            Verdict::Keep => {}
            Verdict::Clamp(to) => {
                notices.push(format!(
                    "this link's {name}={value} is out of range; using {to}"
                ));
                url.lab_set(lab, key, &to);
            }
            Verdict::Drop => {
                notices.push(format!(
                    "this link's {name}={value} is not a valid value; using the default"
                ));
                url.lab_set(lab, key, "");
            }
        }
    }
    notices
}

fn strategy(v: &str) -> Verdict {
    keep_if(v.parse::<Strategy>().is_ok())
}

fn ratios(v: &str) -> Verdict {
    keep_if(mlops_engine::split::parse_ratios(v).is_ok())
}

/// A whole number 0 ..= 2^64 − 1: negative → 0, larger → the largest.
fn seed(v: &str) -> Verdict {
    let t = v.trim();
    if t.parse::<u64>().is_ok() {
        return Verdict::Keep;
    }
    let (negative, digits) = match t.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        Verdict::Drop
    } else if negative {
        Verdict::Clamp("0".into())
    } else {
        Verdict::Clamp(u64::MAX.to_string())
    }
}

/// One of the lottery's sizes: another number → the nearest (by ratio).
fn size(v: &str) -> Verdict {
    let Some(n) = parse_decimal(v).filter(|n| *n > 0.0) else {
        return Verdict::Drop;
    };
    if LOTTERY_SIZES.iter().any(|&s| s as f64 == n) {
        return Verdict::Keep;
    }
    let distance = |s: u64| (n / s as f64).max(s as f64 / n);
    let mut best = LOTTERY_SIZES[0];
    for s in LOTTERY_SIZES {
        if distance(s) < distance(best) {
            best = s;
        }
    }
    Verdict::Clamp(best.to_string())
}

fn source(v: &str) -> Verdict {
    keep_if(matches!(v, "columns" | "model"))
}

fn kind(v: &str) -> Verdict {
    keep_if(v.parse::<ModelKind>().is_ok_and(|k| MODELS.contains(&k)))
}

/// A decision threshold on a probability: 0 ..= 1. (A score column's own
/// range is known only once the data is loaded; the slider keeps to it.)
fn threshold(v: &str) -> Verdict {
    clamp(v, 0.0, 1.0)
}

fn percentage(v: &str) -> Verdict {
    clamp(v.trim().trim_end_matches('%'), 0.0, 100.0)
}

fn clamp(v: &str, lo: f64, hi: f64) -> Verdict {
    match parse_decimal(v) {
        Some(x) if x.is_finite() && x < lo => Verdict::Clamp(lo.to_string()),
        Some(x) if x.is_finite() && x > hi => Verdict::Clamp(hi.to_string()),
        Some(x) if x.is_finite() => Verdict::Keep,
        Some(x) if x > 0.0 => Verdict::Clamp(hi.to_string()),
        _ => Verdict::Drop,
    }
}

fn keep_if(valid: bool) -> Verdict {
    if valid {
        Verdict::Keep
    } else {
        Verdict::Drop
    }
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
}
