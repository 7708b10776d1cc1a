//! Count tables: the selected strategy's (with the test hooks and the
//! downloads) and random vs balanced side by side (no hooks).

use super::{dataset_key, settings::with_strategy, split_report};
use crate::actions;
use crate::browser::answer::latest_answers;
use crate::state::AppState;
use leptos::prelude::*;
use mlops_engine::api::{Ask, Request, Response};
use mlops_engine::split;
use mlops_engine::split::{SplitReport, SplitRequest, SplitSummary, Strategy};

/// One row of a count table: a split (or the whole data) in label order.
#[derive(Debug, Clone, PartialEq)]
pub struct CountRow {
    pub name: String,
    pub rows: u64,
    pub counts: Vec<u64>,
    pub shares: Vec<Option<f64>>,
}

impl CountRow {
    fn of(summary: &SplitSummary, labels: &[String]) -> CountRow {
        CountRow {
            name: summary.name.clone(),
            rows: summary.rows,
            counts: labels
                .iter()
                .map(|l| summary.class_counts.get(l).copied().unwrap_or(0))
                .collect(),
            shares: labels
                .iter()
                .map(|l| summary.class_shares.get(l).copied().flatten())
                .collect(),
        }
    }
}

/// A count table ready to draw: the engine's numbers laid out in rows.
#[derive(Debug, Clone, PartialEq)]
pub struct CountTable {
    pub labels: Vec<String>,
    pub rows: Vec<CountRow>,
    pub whole: CountRow,
}

impl CountTable {
    pub fn of(report: &SplitReport) -> CountTable {
        let labels = report.labels.clone();
        CountTable {
            rows: report
                .splits
                .iter()
                .map(|s| CountRow::of(s, &labels))
                .collect(),
            whole: CountRow::of(&report.all, &labels),
            labels,
        }
    }
}

fn pct(x: Option<f64>) -> String {
    x.map(crate::components::format::percent)
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
        .whole
        .counts
        .iter()
        .zip(&t.whole.shares)
        .map(
            |(c, s)| view! { <td class="num">{*c}<span class="dim">" (" {pct(*s)} ")"</span></td> },
        )
        .collect_view();
    let total = t.whole.rows;
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

/// Classes shown open; a table with more is folded behind a summary (its
/// cells and hooks stay in the page).
pub const OPEN_CLASSES: usize = 12;

fn folded(classes: usize, table: impl IntoView + 'static) -> AnyView {
    if classes <= OPEN_CLASSES {
        table.into_any()
    } else {
        view! {
            <details class="many-classes">
                <summary>{format!("{classes} classes: is this a class label? Show the table")}</summary>
                {table}
            </details>
        }
        .into_any()
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
        let title = format!("{} split, seed {}", r.strategy.as_str(), r.seed);
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
                {folded(table.labels.len(), count_table(&table, true))}
                <div class="downloads">{downloads}</div>
            </section>
        })
    }
}

/// Random and balanced splits of the same data and seed, side by side.
#[component]
pub fn Comparison(#[prop(into)] request: Signal<Option<SplitRequest>>) -> impl IntoView {
    let state = AppState::get();
    // Asked together, shown together: never two different settings.
    let both = latest_answers(move || {
        let _ = dataset_key(state);
        request.with(|r| {
            let r = r.as_ref()?;
            Some(vec![
                Request::Split(split::Request::Split(with_strategy(r, Strategy::Random))),
                Request::Split(split::Request::Split(with_strategy(
                    r,
                    Strategy::Stratified,
                ))),
            ])
        })
    });
    move || {
        let (random, balanced) = both.with(|a| match a.as_deref()? {
            [random, balanced] => {
                let report = |a: &Response| split_report(&split::Request::answer(a.clone())).ok();
                Some((report(random)?, report(balanced)?))
            }
            _ => None,
        })?;
        Some(view! {
            <section class="card comparison">
                <h2>"Random vs balanced, same seed"</h2>
                <div class="side-by-side">
                    <div><h3>"random"</h3>{folded(random.labels.len(), count_table(&CountTable::of(&random), false))}</div>
                    <div><h3>"balanced (stratified)"</h3>{folded(balanced.labels.len(), count_table(&CountTable::of(&balanced), false))}</div>
                </div>
                <p class="dim">"On small data a random split can leave dev or test unrepresentative; a balanced split keeps every class's share in every split, as close as whole numbers allow."</p>
            </section>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_lays_out_the_engine_numbers() {
        let labels = vec!["0".to_string(), "1".to_string()];
        let split = |name: &str, a: u64, b: u64| SplitSummary::new(name, &labels, &[a, b]);
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
            labels: labels.clone(),
            all: split("all", 70, 30),
            warnings: vec![],
        };
        let t = CountTable::of(&r);
        assert_eq!(t.whole.counts, vec![70, 30]);
        assert_eq!(t.rows[1].shares[1], Some(0.3));
        assert_eq!(t.whole.shares[1], Some(0.3));
        assert_eq!(t.rows[2].name, "test");
    }
}
