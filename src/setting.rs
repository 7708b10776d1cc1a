//! Every lab's settings, declared once: a [`Setting`] is a key under
//! `<lab>.` in the URL, its control's label, the rule a value must follow,
//! and whether an instructor's link can lock it. Each lab's `settings.rs`
//! lists its own (`SETTINGS`); the registry (`labs::REGISTRY`) hands them
//! to the link checker, the locks and the settings readers, so a key's
//! name and range are written in one place.
//!
//! Why a rule per setting rather than per reader: a link is somebody
//! else's text. The link checker ([`crate::link_check`]) applies the rule
//! once at open, with a notice per change; the lab's reader applies the
//! same rule again ([`Setting::value`]) so that a value edited later can
//! never leave the range either.

use crate::lab::Lab;
use crate::locks::Control;
use crate::number::parse_decimal;
use crate::url_state::UrlState;

/// One setting of one lab.
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    pub lab: Lab,
    /// The key under `<lab>.` in the URL (`split.seed`).
    pub key: &'static str,
    /// Its control's label, as messages name it ("Rows per batch").
    pub label: &'static str,
    /// The engine's name for it where that differs from the key (the
    /// engine's `batch rows` is the page's `rows`), so an engine error
    /// names the control.
    pub engine_name: Option<&'static str>,
    pub rule: Rule,
    /// Whether a link can hide or freeze its control (`<key>_lock=1`).
    pub lockable: bool,
}

/// What a setting's value must be.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// Any text: a column's name, an answer in words.
    Text,
    /// A control with no value of its own (a link can only lock it).
    ControlOnly,
    /// A value this accepts; anything else means nothing.
    Valid(fn(&str) -> bool),
    /// A number from `lo` to `hi`; outside is clamped (a trailing `%` is
    /// read when `percent`).
    Number { lo: f64, hi: f64, percent: bool },
    /// A whole number from `lo` to `hi`; outside is clamped.
    Whole { lo: u64, hi: u64 },
    /// One of these sizes; another number is moved to the nearest (by
    /// ratio).
    Nearest(&'static [u64]),
}

/// What a rule makes of a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Keep,
    /// Out of range: this value instead.
    Clamp(String),
    /// Means nothing: the default instead.
    Drop,
}

impl Setting {
    /// A lockable setting whose engine name is its key.
    pub const fn new(lab: Lab, key: &'static str, label: &'static str, rule: Rule) -> Setting {
        Setting {
            lab,
            key,
            label,
            engine_name: None,
            rule,
            lockable: true,
        }
    }

    /// The same setting, named `name` by the engine.
    pub const fn engine(self, name: &'static str) -> Setting {
        Setting {
            engine_name: Some(name),
            ..self
        }
    }

    /// The same setting, which no link can lock.
    pub const fn unlockable(self) -> Setting {
        Setting {
            lockable: false,
            ..self
        }
    }

    /// `split.seed`: the key as a link writes it.
    pub fn url_key(&self) -> String {
        format!("{}.{}", self.lab.slug(), self.key)
    }

    /// The link's value, as written (the Split and Data labs also read the
    /// bare keys of older links).
    pub fn raw<'a>(&self, url: &'a UrlState) -> Option<&'a str> {
        url.lab_get(self.lab, self.key)
    }

    /// The link's value after its rule: clamped into range, `None` when
    /// absent, empty or meaningless.
    pub fn value(&self, url: &UrlState) -> Option<String> {
        self.rule.checked(self.raw(url)?)
    }

    /// Writes `value` (empty: removes the key, the default applies).
    pub fn set(&self, url: &mut UrlState, value: &str) {
        url.lab_set(self.lab, self.key, value);
    }

    /// How the link wants this setting's control shown.
    pub fn control(&self, url: &UrlState) -> Control {
        if self.lockable {
            crate::locks::control(url, self.lab, self.key)
        } else {
            Control::Shown
        }
    }

    /// Whether `name` (a key or the engine's name) is this setting.
    pub fn is_named(&self, name: &str) -> bool {
        self.key == name
            || self.engine_name == Some(name)
            || self.key.replace(['-', '_'], " ") == name
    }
}

/// The control label of `name` among `settings` (a key or the engine's
/// name for it); an unknown name is capitalised as it is.
pub fn label_of(settings: &[Setting], name: &str) -> String {
    match settings.iter().find(|s| s.is_named(name)) {
        Some(s) => s.label.to_string(),
        None => {
            let mut c = name.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
    }
}

impl Rule {
    /// `value` after this rule: clamped into range, `None` when empty or
    /// meaningless.
    pub fn checked(&self, value: &str) -> Option<String> {
        if value.is_empty() {
            return None;
        }
        match self.check(value) {
            Verdict::Keep => Some(value.to_string()),
            Verdict::Clamp(to) => Some(to),
            Verdict::Drop => None,
        }
    }

    /// What this rule makes of `value`.
    pub fn check(&self, value: &str) -> Verdict {
        match *self {
            Rule::Text | Rule::ControlOnly => Verdict::Keep,
            Rule::Valid(valid) => keep_if(valid(value)),
            Rule::Number { lo, hi, percent } => {
                let v = if percent {
                    value.trim().trim_end_matches('%')
                } else {
                    value
                };
                clamp(v, lo, hi)
            }
            Rule::Whole { lo, hi } => whole(value, lo, hi),
            Rule::Nearest(sizes) => nearest(value, sizes),
        }
    }
}

fn keep_if(valid: bool) -> Verdict {
    if valid {
        Verdict::Keep
    } else {
        Verdict::Drop
    }
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

/// A whole number `lo ..= hi`: below → `lo`, above (however many digits)
/// → `hi`; anything but digits means nothing.
fn whole(v: &str, lo: u64, hi: u64) -> Verdict {
    let t = v.trim();
    let (negative, digits) = match t.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Verdict::Drop;
    }
    if negative {
        return Verdict::Clamp(lo.to_string());
    }
    match digits.parse::<u64>() {
        Ok(n) if n < lo => Verdict::Clamp(lo.to_string()),
        Ok(n) if n > hi => Verdict::Clamp(hi.to_string()),
        Ok(_) => Verdict::Keep,
        Err(_) => Verdict::Clamp(hi.to_string()),
    }
}

fn nearest(v: &str, sizes: &[u64]) -> Verdict {
    let Some(n) = parse_decimal(v).filter(|n| *n > 0.0) else {
        return Verdict::Drop;
    };
    if sizes.iter().any(|&s| s as f64 == n) {
        return Verdict::Keep;
    }
    let distance = |s: u64| (n / s as f64).max(s as f64 / n);
    sizes
        .iter()
        .copied()
        .min_by(|a, b| distance(*a).total_cmp(&distance(*b)))
        .map_or(Verdict::Drop, |best| Verdict::Clamp(best.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_clamp_at_both_ends_and_garbage_drops() {
        let seed = Rule::Whole {
            lo: 0,
            hi: u64::MAX,
        };
        assert_eq!(seed.check("57"), Verdict::Keep);
        assert_eq!(seed.check("-5"), Verdict::Clamp("0".into()));
        assert_eq!(
            seed.check("99999999999999999999999"),
            Verdict::Clamp(u64::MAX.to_string())
        );
        assert_eq!(seed.check("1.5"), Verdict::Drop);
        assert_eq!(seed.check(""), Verdict::Drop);
        let batches = Rule::Whole { lo: 1, hi: 100 };
        assert_eq!(batches.check("0"), Verdict::Clamp("1".into()));
        assert_eq!(batches.check("5000"), Verdict::Clamp("100".into()));
    }

    #[test]
    fn numbers_clamp_and_read_percentages() {
        let p = Rule::Number {
            lo: 0.0,
            hi: 100.0,
            percent: true,
        };
        assert_eq!(p.check("4%"), Verdict::Keep);
        assert_eq!(p.check("-3"), Verdict::Clamp("0".into()));
        assert_eq!(p.check("1e999"), Verdict::Clamp("100".into()));
        assert_eq!(p.check("NaN"), Verdict::Drop);
        let sizes = Rule::Nearest(&[100, 1_000]);
        assert_eq!(sizes.check("7"), Verdict::Clamp("100".into()));
        assert_eq!(sizes.check("1000"), Verdict::Keep);
    }

    #[test]
    fn a_setting_reads_its_value_after_its_rule_and_names_its_control() {
        const ROWS: Setting = Setting::new(
            Lab::Drift,
            "rows",
            "Rows per batch",
            Rule::Whole { lo: 1, hi: 100_000 },
        )
        .engine("batch rows");
        let u = UrlState::parse("?drift.rows=0");
        assert_eq!(ROWS.value(&u).as_deref(), Some("1"));
        assert_eq!(ROWS.url_key(), "drift.rows");
        assert_eq!(label_of(&[ROWS], "batch rows"), "Rows per batch");
        assert_eq!(label_of(&[ROWS], "rows"), "Rows per batch");
        assert_eq!(label_of(&[ROWS], "seed"), "Seed");
        let locked = UrlState::parse("?drift.rows_lock=1");
        assert!(ROWS.control(&locked).frozen());
        assert!(!ROWS.unlockable().control(&locked).frozen());
    }
}
