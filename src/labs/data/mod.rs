//! The Data lab: bring data (file or built-in sample), see its shape and
//! profile, pick the target, and check that labels are consistent.

mod agreement;
mod profile_cards;
pub mod settings;
mod source;

use crate::components::{LabIntro, Warnings};
use crate::state::AppState;
use leptos::prelude::*;

/// Up to this many rows, the course says: clean, consistent labels matter most.
pub const SMALL_DATA_ROWS: u64 = 10_000;

/// The course's small-data vs big-data advice for a dataset of `rows` rows.
pub fn size_guidance(rows: u64) -> (&'static str, &'static str) {
    if rows <= SMALL_DATA_ROWS {
        (
            "Small data",
            "With 10,000 examples or fewer, every label counts: make sure labels are clean and consistent (tighten the labelling instructions, review the disagreements) before reaching for a bigger model.",
        )
    } else {
        (
            "Big data",
            "With this many examples, single noisy labels matter less: focus on the data process — how data is collected, labelled and kept consistent over time.",
        )
    }
}

/// The lab's view, for the registry.
pub fn view() -> AnyView {
    view! { <DataLab /> }.into_any()
}

#[component]
pub fn DataLab() -> impl IntoView {
    let state = AppState::get();
    let warnings = Signal::derive(move || {
        state
            .profile
            .with(|p| p.as_ref().map(|p| p.warnings.clone()).unwrap_or_default())
    });
    view! {
        <div class="lab-grid">
            <LabIntro lab=crate::lab::Lab::Data>
                <source::DataSource />
            </LabIntro>
            <Summary />
            <Warnings items=warnings />
            <agreement::AgreementPanel />
            <Preview />
            <profile_cards::ProfileCards />
        </div>
    }
}

/// The dataset's facts, the target picker and the size guidance.
#[component]
fn Summary() -> impl IntoView {
    let state = AppState::get();
    let columns = move || state.column_names();
    let facts = move || {
        state.dataset.with(|d| {
            d.as_ref().map(|d| {
                let delim = match d.delimiter.as_str() {
                    "\t" => "tab".to_string(),
                    other => format!("\"{other}\""),
                };
                format!(
                    "{} rows · {} columns · delimiter {delim} · {} · {} KiB",
                    d.rows,
                    d.columns.len(),
                    d.encoding,
                    crate::components::format::fixed(d.bytes as f64 / 1024.0, 1)
                )
            })
        })
    };
    let guidance = move || {
        state
            .dataset
            .with(|d| d.as_ref().map(|d| size_guidance(d.rows)))
    };
    view! {
        <section class="card summary">
            <h2>"Dataset"</h2>
            <p class="facts">{move || facts().unwrap_or_else(|| "Loading…".into())}</p>
            <label class="field" hidden=move || state.control(settings::key::TARGET).hidden()>
                <span>"Target (label) column"</span>
                <select data-testid="target-select" disabled=move || state.control(settings::key::TARGET).frozen()
                    on:change=move |ev| state.target.set(Some(event_target_value(&ev)))
                    prop:value=move || state.target.get().unwrap_or_default()>
                    {crate::components::options(Signal::derive(columns), state.target.into())}
                </select>
            </label>
            {move || guidance().map(|(title, text)| view! {
                <div class="guidance"><strong>{title} ": "</strong>{text}</div>
            })}
        </section>
    }
}

/// The first rows, as read.
#[component]
fn Preview() -> impl IntoView {
    let state = AppState::get();
    move || {
        state.dataset.with(|d| {
            d.as_ref().map(|d| {
                let head = d.columns.iter().map(|c| view! { <th>{c.name.clone()}</th> }).collect_view();
                let rows = d
                    .preview
                    .iter()
                    .map(|r| {
                        let cells = r
                            .iter()
                            .map(|v| {
                                let missing = v.is_empty();
                                view! { <td class:missing=missing>{if missing { "∅".to_string() } else { v.clone() }}</td> }
                            })
                            .collect_view();
                        view! { <tr>{cells}</tr> }
                    })
                    .collect_view();
                view! {
                    <section class="card preview">
                        <h2>"First rows, as parsed"</h2>
                        <div class="scroll">
                            <table class="grid" data-testid="preview-table">
                                <thead><tr>{head}</tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    </section>
                }
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guidance_switches_above_ten_thousand_rows() {
        assert_eq!(size_guidance(100).0, "Small data");
        assert_eq!(size_guidance(10_000).0, "Small data");
        assert_eq!(size_guidance(10_001).0, "Big data");
    }
}
