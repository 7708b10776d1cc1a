//! Baseline, model and human-level performance side by side, the course's
//! bias/variance reading of them, and "which metric?" on imbalanced data.

use super::settings;
use crate::browser::answer::latest;
use crate::components::format::{fmt_stat, percent, raw};
use crate::components::{data_table, ColumnSelect, TableRow};
use crate::state::{AppState, TrainedRun};
use leptos::prelude::*;
use mlops_engine::metrics::MetricsRequest;
use mlops_engine::model::diagnosis::{diagnose, Focus};
use mlops_engine::model::TrainedSummary;

/// A metric of one split of a training run, from the CLI's JSON fields.
pub fn split_metric(summary: &TrainedSummary, split: &str, metric: &str) -> Option<f64> {
    let s = summary.splits.iter().find(|s| s.name == split)?;
    super::fields::fields(&s.metrics)
        .into_iter()
        .find(|f| f.name == metric)?
        .value
}

/// The split the course calls "dev": `dev` when there is one, else `test`.
pub fn dev_split(summary: &TrainedSummary) -> &'static str {
    if summary.splits.iter().any(|s| s.name == "dev") {
        "dev"
    } else {
        "test"
    }
}

/// A model's error on `split`: `1 − accuracy` for classes, the RMSE for a
/// numeric target.
fn error_of(summary: &TrainedSummary, split: &str) -> Option<f64> {
    if is_regression(summary) {
        split_metric(summary, split, "rmse")
    } else {
        split_metric(summary, split, "accuracy").map(|a| 1.0 - a)
    }
}

fn is_regression(summary: &TrainedSummary) -> bool {
    summary.info.task == mlops_engine::model::ModelTask::Regression
}

#[component]
pub fn Baseline(
    #[prop(into)] run: Signal<Option<TrainedRun>>,
    /// The columns that can be a second label of the target.
    #[prop(into)]
    second_labels: Signal<Vec<String>>,
) -> impl IntoView {
    let state = AppState::get();
    let s = move || settings::current(state);
    let annotators = second_labels;
    let pick = Callback::new(move |v: String| {
        settings::update(state, |s| s.hlp_column = Some(v).filter(|v| !v.is_empty()))
    });
    let hlp_answer = latest::<super::MetricsAsk>(move || {
        let _ = state.dataset_generation();
        let pred = s().hlp_column?;
        let target = state.target.get()?;
        Some(super::MetricsAsk::Columns(MetricsRequest {
            target,
            pred: Some(pred),
            ..Default::default()
        }))
    });
    // Human-level error: the annotator column's, else the typed number.
    let hlp = move || -> Option<Result<f64, String>> {
        if s().hlp_column.is_some() {
            let r = hlp_answer.get()?.map_err(|e| e.to_string());
            return Some(r.map(|r| {
                super::fields::fields(&r)
                    .into_iter()
                    .find(|f| f.name == "accuracy")
                    .and_then(|f| f.value)
                    .map_or(f64::NAN, |a| 1.0 - a)
            }));
        }
        s().typed_hlp()
    };
    let table = move || {
        let run = run.get()?;
        let dev = dev_split(&run.trained);
        let regression = is_regression(&run.trained);
        let shown = move |e: Option<f64>| {
            e.map(|e| {
                if regression {
                    fmt_stat(Some(e))
                } else {
                    percent(e)
                }
            })
            .unwrap_or_else(|| "—".into())
        };
        let row = |name: &str, m: Option<&TrainedSummary>, testid: &'static str| {
            let (train, dev_err) = (
                m.and_then(|m| error_of(m, "train")),
                m.and_then(|m| error_of(m, dev)),
            );
            TableRow {
                testid: Some(testid),
                train: Some(raw(train)),
                dev: Some(raw(dev_err)),
                ..TableRow::new(vec![name.to_string(), shown(train), shown(dev_err)])
            }
        };
        let hlp_row = match hlp() {
            Some(Ok(e)) => TableRow {
                testid: Some("hlp-error"),
                value: Some(raw(Some(e))),
                ..TableRow::new(vec!["human level (HLP)".into(), percent(e), String::new()])
            },
            Some(Err(msg)) => TableRow {
                testid: Some("warning"),
                ..TableRow::new(vec!["human level (HLP)".into(), msg, String::new()])
            },
            None => TableRow::new(vec![
                "human level (HLP)".into(),
                "pick an annotator column or type a number".into(),
                String::new(),
            ]),
        };
        let baseline = run.baseline.as_ref();
        let baseline_name = format!(
            "{} baseline",
            baseline.map_or("majority", |b| b.info.kind.as_str())
        );
        let error = if regression { "RMSE" } else { "error" };
        let rows = vec![
            row(&baseline_name, baseline, "baseline-error"),
            row(
                run.trained.info.kind.as_str(),
                Some(&run.trained),
                "model-error",
            ),
            hlp_row,
        ];
        Some(data_table(
            vec![
                String::new(),
                format!("train {error}"),
                format!("{dev} {error}"),
            ],
            rows,
            "baseline",
        ))
    };
    let reading = move || {
        let run = run.get()?;
        // Bias and variance in error points: a class target's reading.
        (!is_regression(&run.trained)).then_some(())?;
        let hlp = hlp()?.ok().filter(|e| e.is_finite())?;
        let dev = dev_split(&run.trained);
        let d = diagnose(
            error_of(&run.trained, "train")?,
            error_of(&run.trained, dev)?,
            hlp,
        );
        let focus = match d.focus {
            Focus::Bias => "Work on bias first.",
            Focus::Variance => "Work on variance first.",
            Focus::Neither => {
                "Both gaps are small: look at the errors by slice, or collect harder examples."
            }
        };
        Some(view! {
            <ul class="diagnosis">
                <li data-testid="avoidable-bias" data-value=raw(Some(d.avoidable_bias))>
                    <strong>{format!("Avoidable bias (train − HLP): {:+.1} points. ", d.avoidable_bias * 100.0)}</strong>{d.bias_advice}</li>
                <li data-testid="variance" data-value=raw(Some(d.variance))>
                    <strong>{format!("Variance ({dev} − train): {:+.1} points. ", d.variance * 100.0)}</strong>{d.variance_advice}</li>
                <li><strong>{focus}</strong></li>
            </ul>
        }.into_any())
    };
    let which_metric = move || {
        let run = run.get()?;
        let b = run.baseline.as_ref()?;
        let split = dev_split(&run.trained);
        let (acc, rec, f1) = (
            split_metric(b, split, "accuracy")?,
            split_metric(b, split, "recall"),
            split_metric(b, split, "f1"),
        );
        let positive = b.info.positive.clone()?;
        Some(view! {
            <div class="which-metric">
                <h3>"Which metric?"</h3>
                <p>{format!("Always predicting the most common class scores {} accuracy on {split}, but its recall of \"{positive}\" is {} and its F1 {}.", percent(acc), fmt_stat(rec), fmt_stat(f1))}</p>
                <p class="muted">"On imbalanced data accuracy rewards ignoring the rare class; recall, precision and F1 of the class you care about say whether the model finds it."</p>
            </div>
        }.into_any())
    };
    view! {
        <section class="card">
            <h2>"Baseline, model and human-level performance"</h2>
            <div class="controls">
                <label class="field"><span>"Second annotator column (HLP)"</span>
                    <ColumnSelect testid="hlp-select" none="—" columns=annotators selected=Signal::derive(move || s().hlp_column) on_pick=pick /></label>
                <label class="field"><span>"or human-level error (%)"</span>
                    <input type="text" data-testid="hlp-error-input" prop:value=move || s().hlp_error.unwrap_or_default()
                        on:change=move |ev| { let v = event_target_value(&ev); settings::update(state, |s| s.hlp_error = Some(v).filter(|v| !v.trim().is_empty())) } /></label>
            </div>
            {move || view! { {table()}{reading()}{which_metric()} }.into_any()}
        </section>
    }
}
