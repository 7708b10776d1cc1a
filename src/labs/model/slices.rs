//! Error analysis: the trained model's errors on the dev split, by the
//! values of a categorical column, sortable; with the course's
//! prioritisation (gap to HLP × share of data).

use super::settings::{self, SliceSort};
use crate::browser::answer::latest;
use crate::components::format::{fixed, fmt_stat, percent, raw};
use crate::components::ColumnSelect;
use crate::components::{data_table, TableRow};
use crate::state::{AppState, TrainedRun};
use leptos::prelude::*;
use mlops_engine::model;
use mlops_engine::model::slices::MAX_SLICES;
use mlops_engine::table::{ColumnKind, ProfileReport};

/// The columns worth slicing by: numeric ones (the engine cuts one with
/// many values into quantile bins), and others with at most [`MAX_SLICES`]
/// values and fewer than half the rows (an id column has one row per
/// value).
pub fn slice_columns(profile: &ProfileReport, target: &str) -> Vec<String> {
    profile
        .columns
        .iter()
        .filter(|c| {
            c.name != target
                && c.distinct >= 1
                && (c.kind == ColumnKind::Numeric
                    || (c.distinct <= MAX_SLICES as u64 && c.distinct * 2 <= profile.rows))
        })
        .map(|c| c.name.clone())
        .collect()
}

#[component]
pub fn Slices(#[prop(into)] run: Signal<Option<TrainedRun>>) -> impl IntoView {
    let state = AppState::get();
    let s = move || settings::current(state);
    // Numeric columns (binned) and columns with few values make slices (not ids).
    let columns = Signal::derive(move || {
        let target = state.target.get().unwrap_or_default();
        state.profile.with(|p| {
            p.as_ref()
                .map(|p| slice_columns(p, &target))
                .unwrap_or_default()
        })
    });
    let column = move || s().slice.or_else(|| columns.get().into_iter().next());
    let pick = Callback::new(move |v: String| {
        settings::update(state, |s| s.slice = Some(v).filter(|v| !v.is_empty()))
    });
    let answer = latest(move || {
        let run = run.get()?;
        (run.trained.info.task != mlops_engine::model::ModelTask::Regression).then_some(())?;
        let settings = s();
        let split = super::baseline::dev_split(&run.trained);
        let hlp = settings.typed_hlp().and_then(Result::ok);
        Some(model::Request::Slices {
            id: run.trained.id,
            split: split.into(),
            column: column()?,
            annotator: settings.hlp_column.clone(),
            hlp,
        })
    });
    let table = move || {
        answer.with(|a| match a {
            Some(Ok(model::Response::Slices { slices, .. })) => {
                let mut slices = slices.clone();
                s().sort.apply(&mut slices);
                let head = [
                    "value",
                    "rows",
                    "of data",
                    "of errors",
                    "accuracy",
                    "gap (points)",
                    "human error",
                    "priority",
                ]
                .map(String::from)
                .to_vec();
                let rows = slices
                    .into_iter()
                    .map(|x| TableRow {
                        testid: Some("slice-row"),
                        value: Some(x.value.clone()),
                        errors: Some(x.errors.to_string()),
                        priority: Some(raw(Some(x.priority))),
                        ..TableRow::new(vec![
                            x.value,
                            x.rows.to_string(),
                            percent(x.share_of_data),
                            percent(x.share_of_errors),
                            percent(x.accuracy),
                            fixed(x.gap * 100.0, 1),
                            x.human_error.map(percent).unwrap_or_else(|| "—".into()),
                            fmt_stat(Some(x.priority * 100.0)),
                        ])
                    })
                    .collect();
                Some(data_table(head, rows, "metric-table slices"))
            }
            Some(Err(e)) => Some(
                view! { <p class="warning" data-testid="warning">{e.to_string()}</p> }.into_any(),
            ),
            _ => None,
        })
    };
    let regression = move || {
        run.with(|r| {
            r.as_ref()
                .is_some_and(|r| r.trained.info.task == mlops_engine::model::ModelTask::Regression)
        })
    };
    view! {
        <Show when=regression>
            <section class="card wide">
                <h2>"Error analysis by slice"</h2>
                <p class="muted" data-testid="slices-why-not">"Slices count the rows a model got wrong; a model of a numeric target is never simply right or wrong, so its slices are not shown. Its error is the RMSE and MAE above."</p>
            </section>
        </Show>
        <Show when=move || !regression()>
        <section class="card wide">
            <h2>"Error analysis by slice"</h2>
            <p class="muted">"Where are the errors? Priority = (slice error − human-level error) × share of data: the accuracy there is to gain by working on that slice."</p>
            <div class="controls">
                <label class="field"><span>"Slice by"</span>
                    <ColumnSelect testid="slice-select" columns=columns selected=Signal::derive(column) on_pick=pick /></label>
                <label class="field"><span>"Order by"</span>
                    <select data-testid="slice-sort" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let sort = SliceSort::ALL.into_iter().find(|s| s.as_str() == v).unwrap_or_default();
                        settings::update(state, |s| s.sort = sort)
                    }>
                        {SliceSort::ALL.into_iter().map(|o| view! { <option value=o.as_str() selected=move || s().sort == o>{o.as_str()}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            {table}
        </section>
        </Show>
    }
}
