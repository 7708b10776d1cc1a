//! Train/dev/test splits (`mlops split`, the Split lab) and the split lottery.
//!
//! Why this module is careful: a split decides what a test score means. A
//! class missing from a split, a group leaking across splits or a future
//! row in train makes a score lie without any error, so every strategy here
//! follows the rounding rules of `docs/cli.md` exactly, reports the
//! counts it achieved, and turns each trap into a sentence in `warnings`.
//!
//! Determinism: every assignment comes from integer-only draws on a ChaCha8
//! stream ([`crate::basics::rng`]), so a seed gives the same rows in the CLI and in
//! the browser. The golden fixture `tests/fixtures/split/golden.json` pins
//! this; [`golden_assignment`] is the function to check it on any platform.
//!
//! Files: [`sizes`] (largest remainder), [`allocate`] (the stratified
//! class-by-split table), [`assign`] (random and stratified rows), [`group`],
//! [`time`], [`kfold`] (stratified k-fold), [`export`] (split files),
//! [`lottery`] (the split lottery), [`leakage`] with [`normalize`] (a
//! scaler fitted on train only vs on all rows), and `requests` (the lab's
//! [`Request`]s and [`handle`]).

pub mod allocate;
pub mod assign;
pub mod export;
pub mod group;
pub mod kfold;
pub mod leakage;
pub mod lottery;
pub mod normalize;
mod requests;
pub mod sizes;
pub mod time;

pub use requests::{handle, ExportedFile, Request, Response};

pub use allocate::stratified_allocation;
pub use assign::{random_assignment, stratified_assignment};
pub use export::{append_columns, export_splits};
pub use kfold::stratified_kfold;
pub use lottery::{lottery, LotteryReport};
pub use sizes::split_sizes;

use crate::basics::error::{EngineError, Result};
use crate::table::Table;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How rows are assigned to splits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Strategy {
    #[default]
    Random,
    Stratified,
    Group,
    Time,
}

impl Strategy {
    /// Every strategy, in the order the CLI's help and the lab list them.
    pub const ALL: [Strategy; 4] = [
        Strategy::Random,
        Strategy::Stratified,
        Strategy::Group,
        Strategy::Time,
    ];

    /// The name used in the URL, on the command line and in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Strategy::Random => "random",
            Strategy::Stratified => "stratified",
            Strategy::Group => "group",
            Strategy::Time => "time",
        }
    }
}

impl std::fmt::Display for Strategy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Strategy {
    type Err = EngineError;

    /// The strategy named `text` (see [`Strategy::as_str`]).
    fn from_str(text: &str) -> Result<Self> {
        Strategy::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
            .ok_or_else(|| {
                let names: Vec<&str> = Strategy::ALL.iter().map(|s| s.as_str()).collect();
                EngineError::bad_request(format!(
                    "unknown split strategy \"{text}\" (one of {})",
                    names.join(", ")
                ))
            })
    }
}

/// A validated split request (`mlops split` and the Split lab).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SplitRequest {
    pub target: String,
    pub strategy: Strategy,
    /// Two or three whole percentages summing to 100.
    pub ratios: Vec<u32>,
    pub seed: u64,
    /// The group or time column.
    #[serde(default)]
    pub by: Option<String>,
}

/// One split's size and class counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SplitSummary {
    pub name: String,
    pub rows: u64,
    /// Every class of the target, zeros included, keyed by label.
    pub class_counts: BTreeMap<String, u64>,
    /// Each class's share of the split's rows, `count / rows` (`null` for an
    /// empty split). An addition to the spec's fields.
    #[serde(default)]
    pub class_shares: BTreeMap<String, Option<f64>>,
}

impl SplitSummary {
    /// A summary from counts in `labels` order; shares are `count / rows`.
    pub fn new(name: &str, labels: &[String], counts: &[u64]) -> SplitSummary {
        let rows: u64 = counts.iter().sum();
        // Inserted one by one: `collect` into a map sorts its input first,
        // one more sort instantiation (4 KB of wasm) per map type.
        let mut class_counts = BTreeMap::new();
        let mut class_shares = BTreeMap::new();
        for (label, &count) in labels.iter().zip(counts) {
            class_counts.insert(label.clone(), count);
            class_shares.insert(
                label.clone(),
                (rows > 0).then(|| count as f64 / rows as f64),
            );
        }
        SplitSummary {
            name: name.to_string(),
            rows,
            class_counts,
            class_shares,
        }
    }
}

/// `mlops split --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SplitReport {
    pub strategy: Strategy,
    pub seed: u64,
    pub rows: u64,
    pub target: String,
    pub splits: Vec<SplitSummary>,
    /// Class labels in the spec's order (an addition: `class_counts` is a
    /// JSON object, whose key order readers may not keep).
    #[serde(default)]
    pub labels: Vec<String>,
    /// The whole dataset as one summary named `all` (its class counts and
    /// shares, for comparing each split with the data). An addition.
    #[serde(default)]
    pub all: SplitSummary,
    pub warnings: Vec<String>,
}

/// A report plus the split index (0 = train, 1 = dev, 2 = test; `test` is 1
/// with two ratios) of every row.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitOutcome {
    pub report: SplitReport,
    pub assignment: Vec<u8>,
}

/// The names of the splits for a number of ratios.
pub fn split_names(n: usize) -> &'static [&'static str] {
    if n == 2 {
        &["train", "test"]
    } else {
        &["train", "dev", "test"]
    }
}

/// Checks ratios: two or three whole percentages summing to 100 (a zero
/// ratio is allowed; its split is empty and a warning says so).
/// `60,20,20` → `[60, 20, 20]`, validated by [`validate_ratios`]. The CLI's
/// `--ratios` and the Split lab's ratios field both read text with this.
pub fn parse_ratios(text: &str) -> Result<Vec<u32>> {
    let parts: std::result::Result<Vec<u32>, _> =
        text.split(',').map(|p| p.trim().parse::<u32>()).collect();
    let parts = parts.map_err(|_| {
        EngineError::bad_request(format!(
            "ratios must be whole percentages like 60,20,20, not \"{text}\""
        ))
    })?;
    validate_ratios(&parts)?;
    Ok(parts)
}

pub fn validate_ratios(ratios: &[u32]) -> Result<()> {
    if !(2..=3).contains(&ratios.len()) {
        return Err(EngineError::bad_request(format!(
            "ratios need two or three numbers, got {}",
            ratios.len()
        )));
    }
    let sum: u64 = ratios.iter().map(|&r| u64::from(r)).sum();
    if sum != 100 {
        return Err(EngineError::bad_request(format!(
            "ratios must sum to 100, not {sum}"
        )));
    }
    Ok(())
}

/// The assignment the golden fixture pins, from class codes alone: the
/// function to call from a `wasm-bindgen-test` with the fixture's `classes`
/// and each case's strategy, ratios and seed, comparing with
/// [`assignment_text`] of the result. `random` uses only `classes.len()`;
/// `group` and `time` need a table and are a bad request here.
pub fn golden_assignment(
    classes: &[u32],
    n_classes: usize,
    strategy: Strategy,
    ratios: &[u32],
    seed: u64,
) -> Result<Vec<u8>> {
    validate_ratios(ratios)?;
    match strategy {
        Strategy::Random => Ok(random_assignment(classes.len(), ratios, seed)),
        Strategy::Stratified => stratified_assignment(classes, n_classes, ratios, seed),
        Strategy::Group | Strategy::Time => Err(EngineError::bad_request(
            "golden assignments cover the random and stratified strategies",
        )),
    }
}

/// An assignment as text, one digit per row (`"0120…"`), as the golden
/// fixture stores it.
pub fn assignment_text(assignment: &[u8]) -> String {
    assignment
        .iter()
        .map(|&s| char::from(b'0'.saturating_add(s.min(9))))
        .collect()
}

/// "1 row has" / "3 rows have", for warnings.
pub(crate) fn rows_have(n: u64) -> String {
    if n == 1 {
        "1 row has".to_string()
    } else {
        format!("{n} rows have")
    }
}

/// Splits a table (`docs/cli.md`, `mlops split`).
///
/// Checks, in order: the ratios (bad request), `by` present for `group` and
/// `time` (bad request naming it), the target and `by` columns (unknown
/// column). A table with no rows is not an error: every split is empty and
/// a warning says so. Class counts come from the target's
/// [`crate::table::ClassIndex`] (labels numeric-sorted when all are numbers;
/// a missing value is the class `""`).
pub fn split_table(table: &Table, request: &SplitRequest) -> Result<SplitOutcome> {
    validate_ratios(&request.ratios)?;
    let by_name = match request.strategy {
        Strategy::Group | Strategy::Time => match request.by.as_deref() {
            Some(name) if !name.is_empty() => Some(name),
            _ => {
                return Err(EngineError::bad_request(format!(
                    "the {} strategy needs --by, the {} column",
                    strategy_name(request.strategy),
                    if request.strategy == Strategy::Group {
                        "group"
                    } else {
                        "time"
                    }
                )))
            }
        },
        _ => None,
    };
    let target = table.column(&request.target)?;
    let by = by_name.map(|name| table.column(name)).transpose()?;
    let index = target.class_index();
    let n = index.codes.len();
    let ratios = &request.ratios;
    let mut warnings = Vec::new();
    let ignored_by = request.by.as_deref().filter(|b| !b.is_empty());
    if let (Strategy::Random | Strategy::Stratified, Some(name)) = (request.strategy, ignored_by) {
        warnings.push(format!(
            "\"{name}\" is used only by group and time splits; the {} split ignores it",
            if request.strategy == Strategy::Random {
                "random"
            } else {
                "stratified"
            }
        ));
    }

    if index.n_classes() > 20 && index.n_classes() * 2 > n {
        warnings.push(format!(
            "\"{}\" has {} distinct values in {n} rows: counting its classes per split \
             says little, and stratifying by it is close to a random split (is it a class label?)",
            request.target,
            index.n_classes()
        ));
    }

    let assignment = match (request.strategy, by) {
        (Strategy::Stratified, _) => {
            stratified_assignment(&index.codes, index.n_classes(), ratios, request.seed)?
        }
        (Strategy::Group, Some(by)) => {
            let groups = by.class_index();
            if groups.missing > 0 {
                warnings.push(format!(
                    "{} no value in \"{}\"; they form one group",
                    rows_have(groups.missing as u64),
                    by.name
                ));
            }
            let split =
                group::group_assignment(&groups.codes, groups.n_classes(), ratios, request.seed);
            if split.sizes != split.targets {
                warnings.push(group_miss_warning(&split.sizes, &split.targets, ratios));
            }
            split.assignment
        }
        (Strategy::Time, Some(by)) => {
            let split = time::time_assignment(by, ratios);
            warnings.extend(split.warnings);
            split.assignment
        }
        _ => random_assignment(n, ratios, request.seed),
    };

    let report = build_report(
        request,
        &index.labels,
        &index.codes,
        &assignment,
        index.missing,
        warnings,
    );
    Ok(SplitOutcome { report, assignment })
}

fn strategy_name(s: Strategy) -> &'static str {
    match s {
        Strategy::Random => "random",
        Strategy::Stratified => "stratified",
        Strategy::Group => "group",
        Strategy::Time => "time",
    }
}

/// `58/21/21 rows (58.0%/21.0%/21.0%)` against the targets.
fn group_miss_warning(sizes: &[u64], targets: &[u64], ratios: &[u32]) -> String {
    let n: u64 = sizes.iter().sum();
    let percent: Vec<String> = sizes
        .iter()
        .map(|&s| crate::basics::decimal::percent_tenths(s, n))
        .collect();
    let join = |v: &[u64]| v.iter().map(u64::to_string).collect::<Vec<_>>().join("/");
    let wanted: Vec<String> = ratios.iter().map(|r| format!("{r}%")).collect();
    format!(
        "groups must stay whole, so the split is {} ({} rows) instead of {} ({} rows)",
        percent.join("/"),
        join(sizes),
        wanted.join("/"),
        join(targets)
    )
}

/// Per-split class counts, and the warnings every strategy shares.
fn build_report(
    request: &SplitRequest,
    labels: &[String],
    codes: &[u32],
    assignment: &[u8],
    missing: usize,
    mut warnings: Vec<String>,
) -> SplitReport {
    let m = request.ratios.len();
    let names = split_names(m);
    // Counted in one flat array (split-major), then cut into rows.
    let k_classes = labels.len();
    let mut flat = vec![0u64; m * k_classes];
    for (&c, &s) in codes.iter().zip(assignment) {
        if let Some(cell) = flat.get_mut(s as usize * k_classes + c as usize) {
            *cell += 1;
        }
    }
    let counts: Vec<Vec<u64>> = if k_classes == 0 {
        vec![Vec::new(); m]
    } else {
        flat.chunks(k_classes).map(<[u64]>::to_vec).collect()
    };
    let rows: Vec<u64> = counts.iter().map(|r| r.iter().sum()).collect();
    let n = codes.len();
    if n == 0 {
        warnings.push("the table has no rows, so every split is empty".to_string());
    } else {
        for (j, &r) in rows.iter().enumerate() {
            if r == 0 {
                warnings.push(format!(
                    "{} has no rows ({} × {}% rounds to 0 or nothing was left)",
                    names.get(j).copied().unwrap_or("?"),
                    n,
                    request.ratios.get(j).copied().unwrap_or(0)
                ));
            }
        }
    }
    if missing > 0 {
        warnings.push(format!(
            "{} no value in \"{}\"; they are counted as the class \"\"",
            rows_have(missing as u64),
            request.target
        ));
    }
    if n > 0 && labels.len() == 1 {
        warnings.push(format!(
            "\"{}\" has one class (\"{}\"): every split holds only that class, so a \
             model cannot learn to tell classes apart (is this the right target?)",
            request.target, labels[0]
        ));
    }
    let mut singletons = Vec::new();
    let mut absent: Vec<(String, Vec<&str>)> = Vec::new();
    for (k, label) in labels.iter().enumerate() {
        let total: u64 = counts.iter().map(|r| r[k]).sum();
        if total == 1 && m > 1 {
            singletons.push(label.clone());
            continue;
        }
        let empty_in: Vec<&str> = (0..m)
            .filter(|&j| rows[j] > 0 && counts[j][k] == 0)
            .map(|j| names.get(j).copied().unwrap_or("?"))
            .collect();
        if total > 0 && !empty_in.is_empty() {
            absent.push((label.clone(), empty_in));
        }
    }
    const LISTED: usize = 5;
    match singletons.len() {
        0 => {}
        1 => warnings.push(format!(
            "class \"{}\" has only one row, so only one split can contain it",
            singletons[0]
        )),
        c => warnings.push(format!(
            "{c} classes have only one row each ({}), so each is in one split only",
            quote_list(&singletons, LISTED)
        )),
    }
    for (label, splits) in absent.iter().take(LISTED) {
        warnings.push(format!(
            "class \"{label}\" has no rows in {}: its recall and per-class metrics are undefined there",
            splits.join(" and ")
        ));
    }
    if absent.len() > LISTED {
        warnings.push(format!(
            "{} more classes have no rows in some split",
            absent.len() - LISTED
        ));
    }
    let splits = (0..m)
        .map(|j| SplitSummary::new(names.get(j).copied().unwrap_or("?"), labels, &counts[j]))
        .collect();
    let totals: Vec<u64> = (0..labels.len())
        .map(|k| {
            counts
                .iter()
                .map(|row| row.get(k).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    SplitReport {
        strategy: request.strategy,
        seed: request.seed,
        rows: n as u64,
        target: request.target.clone(),
        splits,
        labels: labels.to_vec(),
        all: SplitSummary::new("all", labels, &totals),
        warnings,
    }
}

/// `"a", "b", "c" and 4 more`.
fn quote_list(items: &[String], shown: usize) -> String {
    let mut text: Vec<String> = items
        .iter()
        .take(shown)
        .map(|s| format!("\"{s}\""))
        .collect();
    if items.len() > shown {
        text.push(format!("{} more", items.len() - shown));
    }
    text.join(", ")
}

#[cfg(test)]
mod tests {
    use super::Strategy;

    #[test]
    fn strategy_names_are_one_set_for_url_cli_and_json() {
        for s in Strategy::ALL {
            assert_eq!(s.as_str().parse::<Strategy>().unwrap(), s);
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
        }
        let e = "shuffled".parse::<Strategy>().unwrap_err();
        assert!(e.is_usage() && e.to_string().contains("random, stratified, group, time"));
    }
}
