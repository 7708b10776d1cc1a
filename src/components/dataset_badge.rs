//! The working dataset's name and size, in the header of every lab.

use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn DatasetBadge() -> impl IntoView {
    let state = AppState::get();
    let name = move || state.dataset.with(|d| d.as_ref().map(|d| d.name.clone()));
    let rows = move || state.dataset.with(|d| d.as_ref().map(|d| d.rows));
    let loaded = Memo::new(move |_| rows().is_some());
    let cols = move || state.dataset.with(|d| d.as_ref().map(|d| d.columns.len()));
    view! {
        <div class="dataset-badge">
            <span class="dataset-name" data-testid="dataset-name">
                {move || name().unwrap_or_else(|| "loading…".into())}
            </span>
            {move || loaded.get().then(|| view! {
                <span class="dim">
                    <span data-testid="dataset-rows" data-value=move || rows().unwrap_or(0).to_string()>
                        {move || rows().unwrap_or(0).to_string()}
                    </span>
                    " rows × "
                    <span data-testid="dataset-columns" data-value=move || cols().unwrap_or(0).to_string()>
                        {move || cols().unwrap_or(0).to_string()}
                    </span>
                    " columns"
                </span>
            }.into_any())}
        </div>
    }
}
