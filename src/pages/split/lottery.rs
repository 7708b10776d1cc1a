//! The split lottery: over 1,000 random seeds, how many positives land in dev
//! and test, how often a random split happens to be balanced, and how the
//! spread shrinks as the dataset grows.

use super::dataset_key;
use super::settings::{LOTTERY_SEEDS, LOTTERY_SIZES};
use crate::browser::engine;
use crate::components::BarChart;
use crate::state::AppState;
use leptos::prelude::*;
use mlops_engine::api::{Request, Response};
use mlops_engine::split::lottery::{CountBin, LotteryReport};
use mlops_engine::split::SplitRequest;

/// Bins of the share axis: wide enough to show the spread on 100 rows, and
/// the same axis at every dataset size so the shrinking spread is visible.
pub const SHARE_BINS: usize = 40;

/// Bars for a count histogram on a *share* axis `[0, 2 × balanced share]`
/// (capped at 100%): seeds per share bin, the balanced share's bin
/// highlighted. Counts are divided by the split's `rows`.
pub fn share_bars(bins: &[CountBin], rows: u64, target: u64) -> (Vec<f64>, Vec<String>, Vec<bool>) {
    if rows == 0 {
        return (vec![], vec![], vec![]);
    }
    let rows_f = rows as f64;
    let center = target as f64 / rows_f;
    let top = if center > 0.0 {
        (2.0 * center).min(1.0)
    } else {
        0.1
    };
    let width = top / SHARE_BINS as f64;
    let bin_of = |count: u64| ((count as f64 / rows_f / width) as usize).min(SHARE_BINS - 1);
    let mut values = vec![0.0; SHARE_BINS];
    for b in bins {
        values[bin_of(b.count)] += f64::from(b.seeds);
    }
    let labels = (0..SHARE_BINS)
        .map(|i| {
            format!(
                "{:.1}%–{:.1}%",
                i as f64 * width * 100.0,
                (i + 1) as f64 * width * 100.0
            )
        })
        .collect();
    let hot = bin_of(target);
    let highlight = (0..SHARE_BINS).map(|i| i == hot).collect();
    (values, labels, highlight)
}

/// The lesson for a dataset of `rows` rows (the course's small vs big data).
fn advice(rows: u64) -> &'static str {
    if rows <= 10_000 {
        "On small data a random split is a lottery: dev and test can easily miss the data's class balance. Use a balanced (stratified) split. Replay the lottery at 100,000 rows to see the spread shrink."
    } else {
        "On big data every random split lands close to the data's class balance: a random split is fine, and exact counts no longer matter."
    }
}

/// The right end of the share axis, as text.
fn axis_end(target: u64, rows: u64) -> String {
    let center = if rows > 0 {
        target as f64 / rows as f64
    } else {
        0.0
    };
    let top = if center > 0.0 {
        (2.0 * center).min(1.0)
    } else {
        0.1
    };
    format!("{:.0}%", top * 100.0)
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
    let rows = move || state.setting("size", "").parse::<u64>().ok();
    let answer = LocalResource::new(move || {
        let _ = dataset_key(state);
        let req = request.get();
        let rows = rows();
        async move {
            let req = req?;
            let ask = Request::Lottery {
                target: req.target,
                ratios: req.ratios,
                seeds: LOTTERY_SEEDS,
                base_seed: req.seed,
                rows,
            };
            Some(engine::ask(ask, None).await)
        }
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
                let value = r.map(|x| x.to_string()).unwrap_or_default();
                let testid = format!(
                    "lottery-size-{}",
                    r.map(|x| x.to_string()).unwrap_or_else(|| "own".into())
                );
                let current = move || rows() == r;
                view! {
                    <button class="seg" class:current=current data-testid=testid
                        on:click=move |_| state.set_setting("size", &value)>{label}</button>
                }
            })
            .collect_view()
    };
    let body = move || match answer.get().flatten()? {
        Response::Lottery {
            report,
            labels,
            positive,
        } => Some(lottery_view(&report, &labels, positive).into_any()),
        Response::Error { message, .. } => {
            Some(view! { <p class="warning" data-testid="warning">{message}</p> }.into_any())
        }
        _ => None,
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
            let (values, bar_labels, highlight) = share_bars(&c.histogram, s.rows, c.target);
            let share = f64::from(c.target_seeds) / f64::from(report.seeds.max(1));
            let rows = s.rows.max(1) as f64;
            let range = format!(
                "90% of seeds: {:.1}% to {:.1}% \"{label}\" (balanced: {:.1}%)",
                c.p05 as f64 / rows * 100.0,
                c.p95 as f64 / rows * 100.0,
                c.target as f64 / rows * 100.0
            );
            Some(view! {
                <figure class="lottery-chart">
                    <figcaption>
                        {format!("class \"{label}\" in {} ({} rows): balanced = {}", s.name, s.rows, c.target)}
                    </figcaption>
                    <BarChart values=values labels=bar_labels highlight=highlight width=400.0 height=140.0
                        testid="lottery-chart" />
                    <div class="axis"><span>"0%"</span><span>"share of the split"</span><span>{axis_end(c.target, s.rows)}</span></div>
                    <p data-testid="lottery-range" data-split=s.name.clone() data-p05=c.p05.to_string() data-p95=c.p95.to_string()>{range}</p>
                    <p class="dim">{format!("{:.1}% of seeds put exactly {} there", share * 100.0, c.target)}</p>
                </figure>
            })
        })
        .collect_view();
    let p = report.hit_probability;
    view! {
        <p class="lottery-headline">
            "Chance that a random split gives exactly the balanced counts in every split: "
            <span class="share big" data-testid="lottery-hit-share" data-value=p.to_string()>
                {format!("{:.2}%", p * 100.0)}
            </span>
            <span class="dim">{format!(" (exact probability; in the {} seeds sampled here: {:.1}%. On {} rows, {:.1}% of seeds leave some class out of a split.)",
                report.seeds, report.hit_share_sampled * 100.0, report.rows, report.missing_class_share * 100.0)}</span>
        </p>
        {(report.rows > 1_000).then(|| view! {
            <p class="dim">"On this many rows exact counts are rare and no longer matter: what matters is how close every split stays to the data's share — look how narrow the 90% band is."</p>
        })}
        <div class="side-by-side">{charts}</div>
        <p class="advice">{advice(report.rows)}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_axis_is_fixed_and_target_marked() {
        // 20 rows, balanced 6 (30%): axis 0..60%, 40 bins of 1.5%.
        let bins = [
            CountBin { count: 1, seeds: 2 },
            CountBin { count: 6, seeds: 5 },
            CountBin {
                count: 20,
                seeds: 1,
            },
        ];
        let (v, l, h) = share_bars(&bins, 20, 6);
        assert_eq!(v.len(), SHARE_BINS);
        assert_eq!(v.iter().sum::<f64>(), 8.0);
        assert_eq!(v[3], 2.0); // 5% -> bin 3
        assert_eq!(v[20], 5.0); // 30% -> bin 20
        assert_eq!(v[39], 1.0); // 100% is clamped into the last bin
        assert!(h[20] && h.iter().filter(|&&x| x).count() == 1);
        assert_eq!(l[0], "0.0%–1.5%");
        // On 100,000 rows every seed lands within a bin or two of the target.
        let big = [
            CountBin {
                count: 5_950,
                seeds: 500,
            },
            CountBin {
                count: 6_050,
                seeds: 500,
            },
        ];
        let (v, _, _) = share_bars(&big, 20_000, 6_000);
        assert_eq!(v.iter().filter(|&&x| x > 0.0).count(), 2);
        assert!(share_bars(&[], 0, 0).0.is_empty());
    }
}
