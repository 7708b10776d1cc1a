//! Count tables: the selected strategy's (with the test hooks and the
//! downloads) and random vs balanced side by side (no hooks).

use super::{ask_split, dataset_key, settings::with_strategy};
use crate::actions;
use crate::state::AppState;
use leptos::prelude::*;
use mlops_engine::split::{SplitReport, SplitRequest, Strategy};

/// One split's row: its size, counts per label and each label's share.
#[derive(Debug, Clone, PartialEq)]
pub struct CountRow {
    pub name: String,
    pub rows: u64,
    pub counts: Vec<u64>,
    pub shares: Vec<Option<f64>>,
}

/// A count table ready to draw: one row per split plus the whole dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct CountTable {
    pub labels: Vec<String>,
    pub rows: Vec<CountRow>,
    pub whole_counts: Vec<u64>,
    pub whole_shares: Vec<Option<f64>>,
}

fn shares(counts: &[u64], total: u64) -> Vec<Option<f64>> {
    counts
        .iter()
        .map(|&c| (total > 0).then(|| c as f64 / total as f64))
        .collect()
}

impl CountTable {
    pub fn of(report: &SplitReport) -> CountTable {
        let labels = report.labels.clone();
        let rows: Vec<_> = report
            .splits
            .iter()
            .map(|s| {
                let counts: Vec<u64> = labels
                    .iter()
                    .map(|l| s.class_counts.get(l).copied().unwrap_or(0))
                    .collect();
                CountRow {
                    name: s.name.clone(),
                    rows: s.rows,
                    shares: shares(&counts, s.rows),
                    counts,
                }
            })
            .collect();
        let whole_counts: Vec<u64> = (0..labels.len())
            .map(|k| rows.iter().map(|r| r.counts[k]).sum())
            .collect();
        let whole_shares = shares(&whole_counts, report.rows);
        CountTable {
            labels,
            rows,
            whole_counts,
            whole_shares,
        }
    }
}

fn pct(x: Option<f64>) -> String {
    x.map(|v| format!("{:.1}%", v * 100.0))
        .unwrap_or_else(|| "—".into())
}

fn label_text(l: &str) -> String {
    if l.is_empty() {
        "(missing)".into()
    } else {
        l.to_string()
    }
}

/// Draws a count table; `hooks` adds the `split-count`/`split-rows` hooks.
fn count_table(t: &CountTable, hooks: bool) -> impl IntoView {
    let head = t
        .labels
        .iter()
        .map(|l| view! { <th class="num">{label_text(l)}</th> })
        .collect_view();
    let body = t
        .rows
        .iter()
        .map(|CountRow { name, rows, counts, shares: sh }| {
            let cells = t
                .labels
                .iter()
                .enumerate()
                .map(|(k, l)| {
                    let c = counts[k];
                    view! {
                        <td class="num">
                            <span data-testid=hooks.then_some("split-count") data-split=name.clone()
                                data-class=l.clone() data-value=c.to_string()>{c}</span>
                            <span class="dim">" (" {pct(sh[k])} ")"</span>
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th>{name.clone()}</th>
                    <td class="num"><span data-testid=hooks.then_some("split-rows") data-split=name.clone()
                        data-value=rows.to_string()>{*rows}</span></td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let whole = t
        .whole_counts
        .iter()
        .zip(&t.whole_shares)
        .map(
            |(c, s)| view! { <td class="num">{*c}<span class="dim">" (" {pct(*s)} ")"</span></td> },
        )
        .collect_view();
    let total: u64 = t.rows.iter().map(|r| r.rows).sum();
    view! {
        <table class="grid counts">
            <thead><tr><th>"split"</th><th class="num">"rows"</th>{head}</tr></thead>
            <tbody>
                {body}
                <tr class="whole"><th>"all data"</th><td class="num">{total}</td>{whole}</tr>
            </tbody>
        </table>
    }
}

/// The selected strategy's counts, with hooks and downloads.
#[component]
pub fn SelectedCounts(
    #[prop(into)] report: Signal<Option<Result<SplitReport, String>>>,
) -> impl IntoView {
    let state = AppState::get();
    move || {
        let r = report.get()?.ok()?;
        let table = CountTable::of(&r);
        let title = format!(
            "{} split, seed {}",
            super::settings::strategy_slug(r.strategy),
            r.seed
        );
        let downloads = r
            .splits
            .iter()
            .map(|s| {
                let name = s.name.clone();
                view! {
                    <button class="primary" data-testid="split-download" data-split=name.clone()
                        on:click=move |_| actions::download_split(state, name.clone())>
                        "⬇ " {format!("{}.csv", s.name)}
                    </button>
                }
            })
            .collect_view();
        Some(view! {
            <section class="card selected-counts">
                <h2>{title}</h2>
                {count_table(&table, true)}
                <div class="downloads">{downloads}</div>
            </section>
        })
    }
}

/// Random and balanced splits of the same data and seed, side by side.
#[component]
pub fn Comparison(#[prop(into)] request: Signal<Option<SplitRequest>>) -> impl IntoView {
    let state = AppState::get();
    let both = LocalResource::new(move || {
        let _ = dataset_key(state);
        let req = request.get();
        async move {
            let req = req?;
            let random = ask_split(with_strategy(&req, Strategy::Random))
                .await
                .ok()?;
            let balanced = ask_split(with_strategy(&req, Strategy::Stratified))
                .await
                .ok()?;
            Some((random, balanced))
        }
    });
    move || {
        let (random, balanced) = both.get().flatten()?;
        Some(view! {
            <section class="card comparison">
                <h2>"Random vs balanced, same seed"</h2>
                <div class="side-by-side">
                    <div><h3>"random"</h3>{count_table(&CountTable::of(&random), false)}</div>
                    <div><h3>"balanced (stratified)"</h3>{count_table(&CountTable::of(&balanced), false)}</div>
                </div>
                <p class="dim">"On small data a random split can leave dev or test unrepresentative; a balanced split keeps every class's share in every split, as close as whole numbers allow."</p>
            </section>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn table_sums_and_shares() {
        let split = |name: &str, a: u64, b: u64| mlops_engine::split::SplitSummary {
            name: name.into(),
            rows: a + b,
            class_counts: BTreeMap::from([("0".to_string(), a), ("1".to_string(), b)]),
        };
        let r = SplitReport {
            strategy: Strategy::Stratified,
            seed: 0,
            rows: 100,
            target: "y".into(),
            splits: vec![
                split("train", 42, 18),
                split("dev", 14, 6),
                split("test", 14, 6),
            ],
            labels: vec!["0".into(), "1".into()],
            warnings: vec![],
        };
        let t = CountTable::of(&r);
        assert_eq!(t.whole_counts, vec![70, 30]);
        assert_eq!(t.rows[1].shares[1], Some(0.3));
        assert_eq!(t.whole_shares[1], Some(0.3));
    }
}
