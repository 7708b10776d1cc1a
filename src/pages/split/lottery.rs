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

/// Bars for a count histogram: one per count from the smallest to the largest
/// seen (zeros filled), the balanced count highlighted. Wide ranges are
/// grouped into at most 60 bars.
pub fn histogram_bars(bins: &[CountBin], target: u64) -> (Vec<f64>, Vec<String>, Vec<bool>) {
    let (Some(lo), Some(hi)) = (
        bins.iter().map(|b| b.count).min(),
        bins.iter().map(|b| b.count).max(),
    ) else {
        return (vec![], vec![], vec![]);
    };
    let lo = lo.min(target);
    let hi = hi.max(target);
    let width = (hi - lo) / 60 + 1;
    let n = ((hi - lo) / width + 1) as usize;
    let mut values = vec![0.0; n];
    for b in bins {
        values[((b.count - lo) / width) as usize] += f64::from(b.seeds);
    }
    let labels = (0..n as u64)
        .map(|i| {
            let a = lo + i * width;
            if width == 1 {
                format!("{a}")
            } else {
                format!("{a}–{}", a + width - 1)
            }
        })
        .collect();
    let highlight = (0..n as u64).map(|i| (target - lo) / width == i).collect();
    (values, labels, highlight)
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
pub fn Lottery(
    #[prop(into)] request: Signal<Option<Result<SplitRequest, String>>>,
) -> impl IntoView {
    let state = AppState::get();
    let rows = move || state.setting("size", "").parse::<u64>().ok();
    let answer = LocalResource::new(move || {
        let _ = dataset_key(state);
        let req = request.get();
        let rows = rows();
        async move {
            let req = req?.ok()?;
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
            let (values, bar_labels, highlight) = histogram_bars(&c.histogram, c.target);
            let share = f64::from(c.target_seeds) / f64::from(report.seeds.max(1));
            Some(view! {
                <figure class="lottery-chart">
                    <figcaption>
                        {format!("class \"{label}\" in {} ({} rows): balanced = {}", s.name, s.rows, c.target)}
                    </figcaption>
                    <BarChart values=values labels=bar_labels highlight=highlight width=400.0 height=140.0
                        testid="lottery-chart" />
                    <p class="dim">{format!("{:.1}% of seeds put exactly {} there", share * 100.0, c.target)}</p>
                </figure>
            })
        })
        .collect_view();
    let p = report.hit_probability;
    view! {
        <p class="lottery-headline">
            "Chance that a random split is exactly balanced in every split: "
            <span class="share big" data-testid="lottery-hit-share" data-value=p.to_string()>
                {format!("{:.2}%", p * 100.0)}
            </span>
            <span class="dim">{format!(" ({:.1}% of the {} seeds drawn here; {} rows, {}% of seeds leave some class out of a split)",
                report.hit_share_sampled * 100.0, report.seeds, report.rows, (report.missing_class_share * 1000.0).round() / 10.0)}</span>
        </p>
        <div class="side-by-side">{charts}</div>
        <p class="advice">"With 100 examples, few random splits are balanced: use a balanced split. Replay the lottery at 100,000 rows with the same class balance and the spread is tiny: with large datasets a random split is fine."</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_gaps_and_mark_target() {
        let bins = [
            CountBin { count: 4, seeds: 2 },
            CountBin { count: 7, seeds: 5 },
        ];
        let (v, l, h) = histogram_bars(&bins, 6);
        assert_eq!(v, vec![2.0, 0.0, 0.0, 5.0]);
        assert_eq!(l, vec!["4", "5", "6", "7"]);
        assert_eq!(h, vec![false, false, true, false]);
        assert!(histogram_bars(&[], 3).0.is_empty());
    }

    #[test]
    fn wide_ranges_are_grouped() {
        let bins: Vec<CountBin> = (0..300)
            .map(|c| CountBin {
                count: 1000 + c,
                seeds: 1,
            })
            .collect();
        let (v, _, h) = histogram_bars(&bins, 1150);
        assert!(v.len() <= 61);
        assert_eq!(v.iter().sum::<f64>(), 300.0);
        assert_eq!(h.iter().filter(|&&x| x).count(), 1);
    }
}
