//! The metrics panel: every metric with its hook, the confusion matrix
//! (`confusion-cell`s), and the ROC, precision–recall and calibration
//! charts with the threshold marked. The slider's threshold moves the
//! matrix and the threshold metrics from the report's threshold table, with
//! no round trip.

use super::fields::{classification, confusion, live_counts, shown_at, title, Field};
use crate::components::format::{fmt_stat, raw};
use crate::components::{data_table, Chart, TableRow};
use leptos::prelude::*;
use mlops_charts::{Figure, Lines};
use mlops_engine::metrics::bootstrap::Interval;
use mlops_engine::metrics::MetricsReport;

/// The panel for `report`, with the slider at `threshold`.
#[component]
pub fn MetricsPanel(
    #[prop(into)] report: Signal<Option<MetricsReport>>,
    #[prop(into)] threshold: Signal<f64>,
    #[prop(into)] heading: Signal<&'static str>,
    /// Bootstrap intervals of the committed threshold's metrics.
    #[prop(into)]
    intervals: Signal<Vec<Interval>>,
) -> impl IntoView {
    let live = Memo::new(move |_| {
        let t = threshold.get();
        report.with(|r| {
            r.as_ref()
                .and_then(classification)
                .and_then(|c| live_counts(c, t))
        })
    });
    let shown = move || {
        report
            .with(|r| r.as_ref().map(|r| shown_at(r, threshold.get())))
            .unwrap_or_default()
    };
    let headline = [
        "accuracy",
        "balanced_accuracy",
        "precision",
        "recall",
        "f1",
        "roc_auc",
        "average_precision",
        "log_loss",
        "brier",
        "mcc",
        "cohen_kappa",
        "r2",
        "mae",
        "rmse",
        "mse",
        "mape",
    ];
    // A multiclass report has no single precision, recall or F1: its card
    // shows the macro average (saying so); a card a report does not define
    // is left out, never shown blank.
    let multiclass = move || {
        report.with(|r| {
            r.as_ref()
                .and_then(classification)
                .is_some_and(|c| c.labels.len() > 2)
        })
    };
    let cards = move || {
        let all = shown();
        let multi = multiclass();
        headline
            .iter()
            .filter_map(|h| {
                let own = all.iter().find(|f| f.name == *h).cloned();
                let macro_avg = || all.iter().find(|f| f.name == format!("macro.{h}")).cloned();
                match own {
                    Some(f) if f.value.is_some() => Some(f),
                    _ if multi => macro_avg(),
                    Some(f) if !multi && classification_of(&all) => Some(f),
                    _ => None,
                }
            })
            .map(|f| {
                // Intervals are of the committed threshold: none while sliding.
                let interval = intervals
                    .with(|all| all.iter().find(|i| i.metric == f.name).cloned())
                    .filter(|_| live.get().is_none());
                metric_card(f, interval)
            })
            .collect_view()
    };
    let rest = move || {
        // Every metric once: what a card shows is left out of the table.
        let on_cards: Vec<String> = if multiclass() {
            ["precision", "recall", "f1"]
                .iter()
                .map(|m| format!("macro.{m}"))
                .collect()
        } else {
            Vec::new()
        };
        let rows = shown()
            .into_iter()
            .filter(|f| !headline.contains(&f.name.as_str()) && !on_cards.contains(&f.name))
            .map(|f| TableRow {
                testid: Some("metric"),
                metric: Some(f.name.clone()),
                value: Some(raw(f.value)),
                ..TableRow::new(vec![f.name, fmt_stat(f.value)])
            })
            .collect();
        data_table(Vec::new(), rows, "metric-table")
    };
    let per_class = move || {
        report.with(|r| {
            let c = r.as_ref().and_then(classification)?;
            (c.labels.len() > 2).then(|| {
                let rows = c.counts.per_class.iter().map(|m| view! {
                    <tr data-testid="class-metric" data-label=m.label.clone() data-precision=m.precision.to_string()
                        data-recall=m.recall.to_string() data-f1=m.f1.to_string() data-support=m.support>
                        <th>{m.label.clone()}</th>
                        <td class="num">{fmt_stat(Some(m.precision))}</td>
                        <td class="num">{fmt_stat(Some(m.recall))}</td>
                        <td class="num">{fmt_stat(Some(m.f1))}</td>
                        <td class="num">{m.support}</td>
                    </tr>
                }).collect_view();
                view! {
                    <details data-testid="per-class">
                        <summary>"Per class (the cards show the macro average: each class counts the same)"</summary>
                        <table class="metric-table">
                            <thead><tr><th>"class"</th><th>"precision"</th><th>"recall"</th><th>"F1"</th><th>"support"</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </details>
                }.into_any()
            })
        })
    };
    let matrix = move || {
        report.with(|r| {
            let c = r.as_ref().and_then(classification)?;
            let m = confusion(c, live.get());
            let labels = c.labels.clone();
            let head = labels.iter().map(|l| view! { <th class="num">{l.clone()}</th> }).collect_view();
            let rows = m.iter().enumerate().map(|(t, row)| {
                let cells = row.iter().enumerate().map(|(p, &v)| {
                    let (tl, pl) = (labels.get(t).cloned().unwrap_or_default(), labels.get(p).cloned().unwrap_or_default());
                    view! { <td class="num" class:diag=t == p data-testid="confusion-cell" data-true=tl data-pred=pl data-value=v.to_string()>{v}</td> }
                }).collect_view();
                view! { <tr><th>{labels.get(t).cloned().unwrap_or_default()}</th>{cells}</tr> }
            }).collect_view();
            Some(view! {
                <table class="confusion">
                    <caption>"Confusion matrix (rows: true label, columns: predicted)"</caption>
                    <thead><tr><th></th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }.into_any())
        })
    };
    let scores = move || {
        report.with(|r| {
            r.as_ref()
                .and_then(classification)
                .and_then(|c| c.scores.clone())
        })
    };
    let charts = move || {
        scores().map(|s| {
            let roc = { let s = s.clone(); Signal::derive(move || Figure::Lines(Lines::roc(&s, threshold.get()))) };
            let pr = { let s = s.clone(); Signal::derive(move || Figure::Lines(Lines::pr(&s, threshold.get()))) };
            let cal = Signal::derive(move || Figure::Lines(Lines::calibration(&s, threshold.get())));
            view! {
                <div class="chart-row">
                    <Chart figure=roc width=300 height=260 testid="roc-chart" file="roc.png" />
                    <Chart figure=pr width=300 height=260 testid="pr-chart" file="precision-recall.png" />
                    <Chart figure=cal width=300 height=260 testid="calibration-chart" file="calibration.png" />
                </div>
            }.into_any()
        })
    };
    view! {
        <section class="card metrics">
            <h2>{move || format!("{}{}", heading.get(), report.with(|r| r.as_ref().map(|r| format!(" — {} rows", r.rows)).unwrap_or_default()))}</h2>
            // One closure for every number (they all follow the report and
            // the slider): each reactive child costs the page's wasm.
            {move || view! {
                <div class="metric-cards">{cards()}</div>
                {per_class()}
                {matrix()}
                <details>
                    <summary>"Every metric"</summary>
                    {rest()}
                </details>
            }.into_any()}
            {charts}
        </section>
    }
}

/// Whether `fields` are a classification report's (they have accuracy).
fn classification_of(fields: &[Field]) -> bool {
    fields.iter().any(|f| f.name == "accuracy")
}

fn metric_card(f: Field, interval: Option<Interval>) -> impl IntoView {
    let (low, high) = interval.as_ref().map_or((None, None), |i| (i.low, i.high));
    let range = interval.map(|i| match (i.low, i.high) {
        (Some(l), Some(h)) => format!("95% CI {}–{}", fmt_stat(Some(l)), fmt_stat(Some(h))),
        _ => "95% CI undefined".into(),
    });
    let (data_low, data_high) = (
        range.as_ref().map(|_| raw(low)),
        range.as_ref().map(|_| raw(high)),
    );
    view! {
        <div class="metric" data-testid="metric" data-metric=f.name.clone() data-value=raw(f.value)
            data-low=data_low data-high=data_high>
            <span class="metric-name">{title(&f.name)}</span>
            <span class="metric-value">{fmt_stat(f.value)}</span>
            {range.map(|r| view! { <span class="metric-ci">{r}</span> })}
        </div>
    }
}
