//! The Split lab's settings: typed, read from the URL and written back
//! ([`SplitSettings`]), and validated into an engine `SplitRequest` before
//! anything is asked of the worker.

use crate::lab::Lab;
use crate::setting::{Rule, Setting};
use crate::url_state::{LabSettings, UrlState};
use mlops_engine::split::{SplitRequest, Strategy};

/// The Split lab's settings, under `split.` in the URL.
pub mod key {
    use super::*;

    pub const STRATEGY: Setting = Setting::new(
        Lab::Split,
        "strategy",
        "Strategy",
        Rule::Valid(|v| v.parse::<Strategy>().is_ok()),
    );
    pub const RATIOS: Setting = Setting::new(
        Lab::Split,
        "ratios",
        "Ratios",
        Rule::Valid(|v| mlops_engine::split::parse_ratios(v).is_ok()),
    );
    pub const SEED: Setting = Setting::new(
        Lab::Split,
        "seed",
        "Seed",
        Rule::Whole {
            lo: 0,
            hi: u64::MAX,
        },
    );
    /// The group or time column.
    pub const BY: Setting = Setting::new(Lab::Split, "by", "Column", Rule::Text);
    pub const SIZE: Setting = Setting::new(
        Lab::Split,
        "size",
        "Dataset size",
        Rule::Nearest(&LOTTERY_SIZES),
    );
    /// The target picker (the target itself is the app's `target=`).
    pub const TARGET: Setting = Setting::new(Lab::Split, "target", "Target", Rule::ControlOnly);
    /// The leakage demo's column.
    pub const SCALE: Setting = Setting::new(Lab::Split, "scale", "Column to scale", Rule::Text);
}

/// Every setting of the Split lab.
pub const SETTINGS: &[Setting] = &[
    key::STRATEGY,
    key::RATIOS,
    key::SEED,
    key::BY,
    key::SIZE,
    key::SCALE,
    key::TARGET,
];

pub const DEFAULT_RATIOS: &str = "60,20,20";
pub const DEFAULT_SEED: u64 = 0;
/// Seeds drawn by the lottery.
pub const LOTTERY_SEEDS: u32 = 1000;
/// Dataset sizes the lottery can be replayed at (same class balance).
pub const LOTTERY_SIZES: [u64; 4] = [100, 1_000, 10_000, 100_000];

/// What the Split lab's controls hold. `ratios` and `seed` keep the text
/// typed (a wrong value is shown back with what is wrong with it).
#[derive(Debug, Clone, PartialEq)]
pub struct SplitSettings {
    pub strategy: Strategy,
    pub ratios: String,
    pub seed: String,
    /// The group or time column chosen (else the lab picks one).
    pub by: Option<String>,
    /// The size the lottery is replayed at (`None`: the dataset's own).
    pub size: Option<u64>,
    /// The column of the leakage demo (else the first numeric one).
    pub scale: Option<String>,
}

impl Default for SplitSettings {
    fn default() -> Self {
        SplitSettings {
            strategy: Strategy::Stratified,
            ratios: DEFAULT_RATIOS.into(),
            seed: DEFAULT_SEED.to_string(),
            by: None,
            size: None,
            scale: None,
        }
    }
}

impl LabSettings for SplitSettings {
    const LAB: Lab = Lab::Split;

    fn from_url(url: &UrlState) -> Self {
        let text = |s: Setting| s.raw(url).filter(|v| !v.is_empty()).map(str::to_string);
        let d = SplitSettings::default();
        SplitSettings {
            strategy: key::STRATEGY.raw(url).map_or(d.strategy, parse_strategy),
            ratios: text(key::RATIOS).unwrap_or(d.ratios),
            seed: text(key::SEED).unwrap_or(d.seed),
            by: text(key::BY),
            size: key::SIZE.value(url).and_then(|s| s.parse().ok()),
            scale: text(key::SCALE),
        }
    }

    fn write(&self, url: &mut UrlState) {
        let size = self.size.map(|s| s.to_string()).unwrap_or_default();
        let strategy = if self.strategy == Strategy::Stratified {
            ""
        } else {
            self.strategy.as_str()
        };
        let ratios = if self.ratios == DEFAULT_RATIOS {
            ""
        } else {
            self.ratios.as_str()
        };
        let seed = if self.seed == DEFAULT_SEED.to_string() {
            ""
        } else {
            self.seed.as_str()
        };
        for (setting, value) in [
            (key::STRATEGY, strategy),
            (key::RATIOS, ratios),
            (key::SEED, seed),
            (key::BY, self.by.as_deref().unwrap_or("")),
            (key::SIZE, size.as_str()),
            (key::SCALE, self.scale.as_deref().unwrap_or("")),
        ] {
            setting.set(url, value);
        }
    }
}

impl SplitSettings {
    /// Column choices do not carry over to another dataset.
    pub fn forget_columns(&mut self) {
        self.by = None;
        self.scale = None;
    }

    /// The split these settings describe for `target`, or a message for the
    /// user. `by` is the group/time column in effect.
    pub fn request(&self, target: &str, by: Option<String>) -> Result<SplitRequest, String> {
        let strategy = self.strategy;
        let ratios = parse_ratios(&self.ratios)?;
        let seed =
            self.seed.trim().parse::<u64>().map_err(|_| {
                format!("the seed must be a whole number ≥ 0, not \"{}\"", self.seed)
            })?;
        // The group/time column matters only to those strategies.
        let by = by.filter(|_| matches!(strategy, Strategy::Group | Strategy::Time));
        if matches!(strategy, Strategy::Group | Strategy::Time) && by.is_none() {
            return Err(format!(
                "the {} split needs a column to {} by",
                strategy.as_str(),
                if strategy == Strategy::Group {
                    "group"
                } else {
                    "order"
                }
            ));
        }
        Ok(SplitRequest {
            target: target.to_string(),
            strategy,
            ratios,
            seed,
            by,
        })
    }
}

/// The Split lab's settings now (tracked).
#[cfg(feature = "ui")]
pub fn current(state: crate::state::AppState) -> SplitSettings {
    state.settings()
}

/// Changes the Split lab's settings (and so the URL).
#[cfg(feature = "ui")]
pub fn update(state: crate::state::AppState, change: impl FnOnce(&mut SplitSettings)) {
    state.update_settings(change);
}

/// The URL's strategy; an unknown name falls back to stratified.
pub fn parse_strategy(text: &str) -> Strategy {
    text.parse().unwrap_or(Strategy::Stratified)
}

/// `60,20,20` → `[60, 20, 20]` by the engine's rules, or a message saying
/// what is wrong.
pub fn parse_ratios(text: &str) -> Result<Vec<u32>, String> {
    mlops_engine::split::parse_ratios(text).map_err(|e| e.to_string())
}

/// The split the URL describes for `target` (with the URL's `by`), or a
/// message for the user.
pub fn split_request(url: &UrlState, target: &str) -> Result<SplitRequest, String> {
    let s = SplitSettings::from_url(url);
    let by = s.by.clone();
    s.request(target, by)
}

/// The same split with another strategy (for the side-by-side comparison).
pub fn with_strategy(request: &SplitRequest, strategy: Strategy) -> SplitRequest {
    SplitRequest {
        strategy,
        ..request.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_course_example() {
        let r = split_request(&UrlState::default(), "defect").unwrap();
        assert_eq!(r.strategy, Strategy::Stratified);
        assert_eq!(r.ratios, vec![60, 20, 20]);
        assert_eq!(r.seed, 0);
    }

    #[test]
    fn bad_settings_say_what_is_wrong() {
        let mut u = UrlState::default();
        u.set("ratios", "60,20,10");
        assert!(split_request(&u, "y").unwrap_err().contains("sum to 100"));
        u.set("ratios", "80,20");
        u.set("seed", "-1");
        assert!(split_request(&u, "y").unwrap_err().contains("seed"));
        u.set("seed", "3");
        u.set("strategy", "group");
        assert!(split_request(&u, "y").unwrap_err().contains("group"));
        u.set("by", "image");
        assert_eq!(split_request(&u, "y").unwrap().by.as_deref(), Some("image"));
    }

    #[test]
    fn settings_round_trip_through_the_url_under_the_labs_keys() {
        let s = SplitSettings {
            strategy: Strategy::Time,
            ratios: "70,15,15".into(),
            seed: "11".into(),
            by: Some("day".into()),
            size: Some(100_000),
            scale: None,
        };
        let mut u = UrlState::parse("?lab=split&strategy=random&seed=3");
        s.write(&mut u);
        assert_eq!(SplitSettings::from_url(&u), s);
        let q = u.to_query();
        assert!(
            q.contains("split.strategy=time") && q.contains("split.size=100000"),
            "{q}"
        );
        assert!(!q.contains("&strategy=") && !q.contains("&seed="), "{q}");
        // Defaults write nothing.
        let mut empty = UrlState::default();
        SplitSettings::default().write(&mut empty);
        assert_eq!(empty.to_query(), "?lab=data");
    }
}
