//! The split lottery: over 1,000 random seeds, how many positives land in dev
//! and test, how often a random split happens to be balanced, and how the
//! spread shrinks as the dataset grows.

use super::dataset_key;
use super::settings::{self, LOTTERY_SEEDS, LOTTERY_SIZES};
use crate::browser::answer::latest;
use crate::components::format::{fixed, percent};
use crate::components::{lab_answer_view, Chart};
use crate::state::AppState;
use leptos::prelude::*;
use mlops_engine::split::lottery::LotteryReport;
use mlops_engine::split::{self, SplitRequest};

/// The lesson for a dataset of `rows` rows (the course's small vs big data).
fn advice(rows: u64) -> &'static str {
    if rows <= 10_000 {
        "On small data a random split is a lottery: dev and test can easily miss the data's class balance. Use a balanced (stratified) split. Replay the lottery at 100,000 rows to see the spread shrink."
    } else {
        "On big data every random split lands close to the data's class balance: a random split is fine, and exact counts no longer matter."
    }
}

fn size_label(rows: u64) -> String {
    match rows {
        100_000 => "100,000".into(),
        10_000 => "10,000".into(),
        1_000 => "1,000".into(),
        r => r.to_string(),
    }
}

#[component]
pub fn Lottery(#[prop(into)] request: Signal<Option<SplitRequest>>) -> impl IntoView {
    let state = AppState::get();
    let rows = move || settings::current(state).size;
    let answer = latest(move || {
        let _ = dataset_key(state);
        let req = request.get()?;
        Some(split::Request::Lottery {
            target: req.target,
            ratios: req.ratios,
            seeds: LOTTERY_SEEDS,
            base_seed: req.seed,
            rows: rows(),
        })
    });
    let own_rows = move || {
        state
            .dataset
            .with(|d| d.as_ref().map(|d| d.rows).unwrap_or(0))
    };
    let sizes = move || {
        let mut v = vec![(None, format!("this dataset ({})", own_rows()))];
        v.extend(
            LOTTERY_SIZES
                .iter()
                .map(|&r| (Some(r), format!("{} rows", size_label(r)))),
        );
        v.into_iter()
            .map(|(r, label)| {
                let testid = format!(
                    "lottery-size-{}",
                    r.map(|x| x.to_string()).unwrap_or_else(|| "own".into())
                );
                let current = move || rows() == r;
                view! {
                    <button class="seg" class:current=current data-testid=testid
                        on:click=move |_| settings::update(state, |s| s.size = r)>{label}</button>
                }
            })
            .collect_view()
    };
    let body = move || {
        lab_answer_view(answer.get(), |a| match a {
            split::Response::Lottery {
                report,
                labels,
                positive,
            } => Some(lottery_view(&report, &labels, positive).into_any()),
            _ => None,
        })
    };
    view! {
        <section class="card wide lottery">
            <h2>"The split lottery: 1,000 random seeds"</h2>
            <div class="segmented">{sizes}</div>
            {body}
        </section>
    }
}

fn lottery_view(
    report: &LotteryReport,
    labels: &[String],
    positive: Option<usize>,
) -> impl IntoView {
    let k = positive.unwrap_or(0);
    let label = labels.get(k).cloned().unwrap_or_default();
    let charts = report
        .splits
        .iter()
        .skip(1)
        .filter_map(|s| {
            let c = s.classes.get(k)?;
            let bars = mlops_charts::Bars::from_shares(&c.shares, &label, &s.name);
            let file = format!("lottery-{}.png", s.name);
            let exact = f64::from(c.target_seeds) / f64::from(report.seeds.max(1));
            let range = format!(
                "90% of seeds: {} to {} \"{label}\" (balanced: {})",
                percent(c.p05_share),
                percent(c.p95_share),
                percent(c.target_share)
            );
            Some(view! {
                <figure class="lottery-chart">
                    <figcaption>
                        {format!("class \"{label}\" in {} ({} rows): balanced = {}", s.name, s.rows, c.target)}
                    </figcaption>
                    <Chart figure=Signal::stored(mlops_charts::Figure::Bars(bars)) width=420 height=200 testid="lottery-chart" file=file />
                    <p data-testid="lottery-range" data-split=s.name.clone() data-p05=c.p05.to_string() data-p95=c.p95.to_string()>{range}</p>
                    <p class="dim">{format!("{} of seeds put exactly {} there", percent(exact), c.target)}</p>
                </figure>
            })
        })
        .collect_view();
    let p = report.hit_probability;
    view! {
        <p class="lottery-headline">
            "Chance that a random split gives exactly the balanced counts in every split: "
            <span class="share big" data-testid="lottery-hit-share" data-value=p.to_string()>
                {format!("{}%", fixed(p * 100.0, 2))}
            </span>
            <span class="dim">{format!(" (exact probability; in the {} seeds sampled here: {}. On {} rows, {} of seeds leave some class out of a split.)",
                report.seeds, percent(report.hit_share_sampled), report.rows, percent(report.missing_class_share))}</span>
        </p>
        {(report.rows > 1_000).then(|| view! {
            <p class="dim">"On this many rows exact counts are rare and no longer matter: what matters is how close every split stays to the data's share — look how narrow the 90% band is."</p>
        })}
        <div class="side-by-side">{charts}</div>
        <p class="advice">{advice(report.rows)}</p>
    }
}
