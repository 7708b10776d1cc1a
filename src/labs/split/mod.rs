//! The Split lab: random vs balanced train/dev/test splits, the split
//! lottery, train-only normalization and split downloads.

mod counts;
mod leakage;
mod lottery;
pub mod settings;

use crate::browser::answer::{latest, Answer};
use crate::components::{ColumnSelect, LabIntro, Warnings};
use crate::state::AppState;
use leptos::prelude::*;
use mlops_engine::split::{self, SplitReport, SplitRequest, Strategy};
use settings::{key, parse_strategy};

/// The working dataset's identity: requests re-run when it changes.
pub fn dataset_key(state: AppState) -> Option<u64> {
    state.dataset_generation()
}

/// The group/time column in effect: the URL's, else a sensible default for
/// the strategy (a label-like column for groups, a numeric one for time).
pub fn effective_by(state: AppState) -> Option<String> {
    let settings = settings::current(state);
    if let Some(chosen) = settings.by {
        return Some(chosen);
    }
    let strategy = settings.strategy;
    let target = state.target.get().unwrap_or_default();
    state.dataset.with(|d| {
        let d = d.as_ref()?;
        let others = || d.columns.iter().filter(|c| c.name != target);
        match strategy {
            Strategy::Time => others()
                .find(|c| c.kind == mlops_engine::table::ColumnKind::Numeric)
                .map(|c| c.name.clone()),
            Strategy::Group => d
                .label_columns
                .iter()
                .find(|c| **c != target)
                .cloned()
                .or_else(|| others().next().map(|c| c.name.clone())),
            _ => None,
        }
    })
}

/// The validated split request of the current settings.
pub fn current_request(state: AppState) -> Option<Result<SplitRequest, String>> {
    let target = state.target.get()?;
    let by = effective_by(state);
    Some(settings::current(state).request(&target, by))
}

/// The split report in the Split lab's answer, or its error.
pub fn split_report(answer: &Answer<split::Request>) -> Result<SplitReport, String> {
    match answer {
        Ok(split::Response::Split(r)) => Ok(r.clone()),
        Ok(_) => Err("the engine answered a split with something else".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// The lab's view, for the registry.
pub fn view() -> AnyView {
    view! { <SplitLab /> }.into_any()
}

#[component]
pub fn SplitLab() -> impl IntoView {
    let state = AppState::get();
    let checked = Memo::new(move |_| current_request(state));
    // While a setting is invalid, the lab keeps showing the last valid split.
    let request = Memo::new(
        move |previous: Option<&Option<SplitRequest>>| match checked.get() {
            Some(Ok(r)) => Some(r),
            _ => previous.cloned().flatten(),
        },
    );
    let settings_error = move || checked.get().and_then(|r| r.err());
    let report = latest(move || {
        let _ = dataset_key(state);
        request.get().map(split::Request::Split)
    });
    let report_signal = Signal::derive(move || report.with(|r| r.as_ref().map(split_report)));
    let warnings = Signal::derive(move || {
        report_signal
            .get()
            .and_then(|r| r.ok())
            .map(|r| r.warnings)
            .unwrap_or_default()
    });
    let error = move || settings_error().or_else(|| report_signal.get().and_then(|r| r.err()));
    view! {
        <div class="lab-grid">
            <LabIntro lab=crate::lab::Lab::Split>
                <Controls />
                {move || error().map(|e| view! {
                    <div class="error-banner" role="alert" data-testid="error-banner">{e}</div>
                })}
            </LabIntro>
            {move || state.url.with(|u| crate::labs::scope::exercises::active(u, crate::lab::Lab::Split)).map(|e| {
                let solved = Signal::derive(move || report_signal.with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).and_then(|r| e.split_solved(r))));
                view! { <crate::labs::scope::ExerciseCard exercise=e solved=solved /> }
            })}
            <counts::SelectedCounts report=report_signal />
            <counts::Comparison request=request />
            <Warnings items=warnings />
            <lottery::Lottery request=request />
            <leakage::Leakage request=request />
        </div>
    }
}

/// Strategy, ratios, seed and the group/time column.
#[component]
fn Controls() -> impl IntoView {
    let state = AppState::get();
    let strategy = move || settings::current(state).strategy;
    let pick_by = Callback::new(move |v: String| {
        settings::update(state, |s| s.by = Some(v).filter(|v| !v.is_empty()))
    });
    let columns = move || state.column_names();
    // Targets are offered label columns first; the rest (ids, measurements)
    // are still choosable, under a heading that says why they are odd.
    let labels = move || state.label_columns();
    let others = move || {
        let l = state.label_columns();
        columns()
            .into_iter()
            .filter(|c| !l.contains(c))
            .collect::<Vec<_>>()
    };
    let lock = move |setting| state.control(setting);
    let options = [
        Strategy::Random,
        Strategy::Stratified,
        Strategy::Group,
        Strategy::Time,
    ];
    view! {
        <div class="controls">
            <label class="field" hidden=move || lock(key::TARGET).hidden()>
                <span>"Target (label)"</span>
                <select data-testid="split-target-select" disabled=move || lock(key::TARGET).frozen()
                    on:change=move |ev| state.target.set(Some(event_target_value(&ev)))>
                    <optgroup label="label columns">
                        {crate::components::options(Signal::derive(labels), state.target.into())}
                    </optgroup>
                    <optgroup label="other columns (many values: not class labels)">
                        {crate::components::options(Signal::derive(others), state.target.into())}
                    </optgroup>
                </select>
            </label>
            <label class="field" hidden=move || lock(key::STRATEGY).hidden()>
                <span>"Strategy"</span>
                <select data-testid="split-strategy" disabled=move || lock(key::STRATEGY).frozen()
                    on:change=move |ev| { let v = parse_strategy(&event_target_value(&ev)); settings::update(state, |s| s.strategy = v) }>
                    {options.into_iter().map(|s| {
                        let slug = s.as_str();
                        let label = if s == Strategy::Stratified { "stratified (balanced)" } else { slug };
                        view! { <option value=slug selected=move || strategy() == s>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="field" hidden=move || lock(key::RATIOS).hidden()>
                <span>"Ratios (train,dev,test %)"</span>
                <input type="text" data-testid="split-ratios" disabled=move || lock(key::RATIOS).frozen()
                    prop:value=move || settings::current(state).ratios
                    on:change=move |ev| { let v = event_target_value(&ev); settings::update(state, |s| s.ratios = v) } />
            </label>
            <label class="field" hidden=move || lock(key::SEED).hidden()>
                <span>"Seed"</span>
                <input type="number" min="0" step="1" data-testid="split-seed" disabled=move || lock(key::SEED).frozen()
                    prop:value=move || settings::current(state).seed
                    on:change=move |ev| { let v = event_target_value(&ev); settings::update(state, |s| s.seed = v) } />
            </label>
            <label class="field" hidden=move || lock(key::BY).hidden() class:muted=move || !matches!(strategy(), Strategy::Group | Strategy::Time)>
                <span>"Group / time column"</span>
                <ColumnSelect testid="split-by-select" none="—" columns=Signal::derive(columns)
                    selected=Signal::derive(move || effective_by(state)) on_pick=pick_by />
            </label>
        </div>
    }
}
