//! The Model lab's experiments on the trained model's split: the
//! hyperparameter sweep and the learning curve as charts, and
//! model-centric vs data-centric work side by side.

use super::settings;
use crate::browser::answer::latest;
use crate::components::format::{fmt_stat, raw};
use crate::components::{data_table, Chart, TableRow};
use crate::state::{AppState, TrainedRun};
use leptos::prelude::*;
use mlops_charts::{Figure, Lines};
use mlops_engine::model::experiments::{best, DataCentric, Point};
use mlops_engine::model::{self, fitted::ModelKind, TrainRequest};

/// The values a sweep tries, per model.
pub fn sweep_values(kind: ModelKind) -> Option<(&'static str, Vec<f64>)> {
    match kind {
        ModelKind::Logistic => Some(("C", vec![0.001, 0.01, 0.1, 1.0, 10.0, 100.0])),
        ModelKind::Tree => Some(("max_depth", vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0])),
        _ => None,
    }
}

/// The run's training request on the current split.
fn base(state: AppState, run: &TrainedRun) -> Option<TrainRequest> {
    let split = crate::labs::split::current_request(state)?.ok()?;
    Some(TrainRequest {
        model: run.trained.info.kind,
        params: Default::default(),
        features: None,
        split,
    })
}

#[component]
pub fn Experiments(
    #[prop(into)] run: Signal<Option<TrainedRun>>,
    /// The columns that can be a second label of the target.
    #[prop(into)]
    second_labels: Signal<Vec<String>>,
) -> impl IntoView {
    let state = AppState::get();
    let sweep = latest(move || {
        let run = run.get()?;
        let (param, values) = sweep_values(run.trained.info.kind)?;
        Some(model::Request::Sweep {
            base: base(state, &run)?,
            param: param.into(),
            values,
        })
    });
    let curve = latest(move || {
        let run = run.get()?;
        (run.trained.info.kind != ModelKind::Majority).then_some(())?;
        Some(model::Request::LearningCurve {
            base: base(state, &run)?,
            seed: 0,
        })
    });
    let sweep_points = Memo::new(move |_| {
        sweep.with(|a| match a {
            Some(Ok(model::Response::Sweep { param, points })) => {
                Some((param.clone(), points.clone()))
            }
            _ => None,
        })
    });
    let curve_points = Memo::new(move |_| {
        curve.with(|a| match a {
            Some(Ok(model::Response::LearningCurve { points })) => Some(points.clone()),
            _ => None,
        })
    });
    let sweep_chart = move || {
        sweep_points.get().map(|(param, points)| {
            let figure = Signal::stored(Figure::Lines(Lines::sweep(&points, &param)));
            let rows = points
                .iter()
                .map(|p| TableRow {
                    testid: Some("sweep-point"),
                    x: Some(p.x.to_string()),
                    train: Some(raw(p.train.main())),
                    dev: Some(raw(p.dev.main())),
                    ..TableRow::new(vec![
                        fmt_stat(Some(p.x)),
                        fmt_stat(p.train.main()),
                        fmt_stat(p.dev.main()),
                    ])
                })
                .collect();
            let table = data_table(
                vec![param.clone(), "train".into(), "dev".into()],
                rows,
                "metric-table",
            );
            view! {
            <div>
                <Chart figure=figure width=360 height=240 testid="sweep-chart" file="sweep.png" />
                {table}
            </div>
        }.into_any()
        })
    };
    let curve_chart = move || {
        curve_points.get().map(|points| {
        let figure = Signal::stored(Figure::Lines(Lines::learning_curve(&points)));
        view! { <Chart figure=figure width=360 height=240 testid="learning-curve-chart" file="learning-curve.png" /> }.into_any()
    })
    };
    view! {
        <section class="card wide">
            <h2>"How much better can the model get, and from what?"</h2>
            <p class="muted">"The sweep trains once per setting; the learning curve trains on 10%, 20%, … of the train split. A dev line still rising at 100% says: more data will help."</p>
            <p class="legend"><span class="swatch train"></span>"train" <span class="swatch dev"></span>"dev (accuracy; R² for a numeric target)"</p>
            <div class="chart-row">{move || view! { {sweep_chart()}{curve_chart()} }.into_any()}</div>
            <DataCentricPanel run=run second_labels=second_labels best=Signal::derive(move || sweep_points.get().and_then(|(p, pts)| best(&pts).map(|b| (p, b.clone())))) />
        </section>
    }
}

/// Relabel or drop the rows the annotators disagree on, beside the sweep's
/// best setting: which helped the test metric more.
#[component]
fn DataCentricPanel(
    #[prop(into)] run: Signal<Option<TrainedRun>>,
    #[prop(into)] best: Signal<Option<(String, Point)>>,
    #[prop(into)] second_labels: Signal<Vec<String>>,
) -> impl IntoView {
    let state = AppState::get();
    let asked = RwSignal::new(false);
    // A second label only where one can be: a column the user named as the
    // human-level annotator, else a column whose few values are the
    // target's (the engine's `raters`), never any binary feature.
    let annotator = move || {
        let target = state.target.get()?;
        settings::current(state)
            .hlp_column
            .or_else(|| second_labels.with(|c| c.iter().find(|c| **c != target).cloned()))
    };
    let answer = latest(move || {
        asked.get().then_some(())?;
        let run = run.get()?;
        Some(model::Request::DataCentric {
            base: base(state, &run)?,
            annotator: annotator()?,
        })
    });
    let result = move || {
        answer.with(|a| match a {
            Some(Ok(model::Response::DataCentric(d))) => {
                Some(Ok::<DataCentric, String>((**d).clone()))
            }
            Some(Err(e)) => Some(Err(e.to_string())),
            _ => None,
        })
    };
    let table = move || {
        result().map(|r| match r {
        Err(e) => view! { <p class="warning" data-testid="warning">{e}</p> }.into_any(),
        Ok(d) => {
            let mut rows = vec![("model as trained", d.as_is.test.main()), ("disagreeing rows relabelled by the annotator", d.relabelled.test.main()), ("disagreeing rows left out", d.left_out.test.main())];
            let sweep_row = best.get().map(|(param, p)| (format!("best {param} of the sweep ({})", fmt_stat(Some(p.x))), p.test.main()));
            let winner = rows.iter().map(|r| r.1).chain(sweep_row.iter().map(|r| r.1)).flatten().fold(f64::NEG_INFINITY, f64::max);
            let mut all: Vec<(String, Option<f64>)> = rows.drain(..).map(|(n, v)| (n.to_string(), v)).collect();
            all.extend(sweep_row);
            let rows = all
                .into_iter()
                .map(|(name, v)| TableRow {
                    testid: Some("data-centric-row"),
                    variant: Some(name.clone()),
                    value: Some(raw(v)),
                    strong: v == Some(winner),
                    ..TableRow::new(vec![name, fmt_stat(v)])
                })
                .collect();
            view! {
                <p>{format!("{} train rows have labels the annotator disagrees with.", d.disagreeing)}</p>
                {data_table(vec!["variant".into(), "test accuracy".into()], rows, "metric-table")}
            }.into_any()
        }
    })
    };
    view! {
        <div class="which-metric">
            <h3>"Model-centric or data-centric?"</h3>
            {move || match annotator() {
                None => view! { <p class="muted" data-testid="data-centric-needs">"The comparison needs a second label of the target: a column with the same values (a second annotator's labels, as in the defects sample), or the annotator named as human-level performance above. This dataset has none, so there is nothing to relabel with."</p> }.into_any(),
                Some(a) => view! {
                    <p>"Retrain with the rows where " <strong>{a}</strong> " disagrees with the label relabelled, or left out, and compare with tuning the model."</p>
                    <button type="button" class="primary" data-testid="data-centric-run" on:click=move |_| asked.set(true)>"Compare"</button>
                }.into_any(),
            }}
            {table}
        </div>
    }
}
