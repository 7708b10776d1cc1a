//! The Split lab's settings, read from the URL and validated into an engine
//! `SplitRequest` before anything is asked of the worker.

use crate::url_state::UrlState;
use mlops_engine::split::{SplitRequest, Strategy};

pub const DEFAULT_RATIOS: &str = "60,20,20";
pub const DEFAULT_SEED: u64 = 0;
/// Seeds drawn by the lottery.
pub const LOTTERY_SEEDS: u32 = 1000;
/// Dataset sizes the lottery can be replayed at (same class balance).
pub const LOTTERY_SIZES: [u64; 4] = [100, 1_000, 10_000, 100_000];

/// The strategy's name in the URL (the engine's, as in the CLI and JSON).
pub fn strategy_slug(s: Strategy) -> &'static str {
    s.as_str()
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

/// The split the URL describes for `target`, or a message for the user.
pub fn split_request(url: &UrlState, target: &str) -> Result<SplitRequest, String> {
    let strategy = parse_strategy(url.get("strategy").unwrap_or("stratified"));
    let ratios = parse_ratios(url.get("ratios").unwrap_or(DEFAULT_RATIOS))?;
    let seed = match url.get("seed") {
        None => DEFAULT_SEED,
        Some(s) => s
            .trim()
            .parse::<u64>()
            .map_err(|_| format!("the seed must be a whole number ≥ 0, not \"{s}\""))?,
    };
    // The group/time column matters only to those strategies.
    let by = url
        .get("by")
        .filter(|_| matches!(strategy, Strategy::Group | Strategy::Time))
        .map(str::to_string);
    if matches!(strategy, Strategy::Group | Strategy::Time) && by.is_none() {
        return Err(format!(
            "the {} split needs a column to {} by",
            strategy_slug(strategy),
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
}
