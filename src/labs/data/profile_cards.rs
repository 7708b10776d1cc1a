//! One `column-profile` card per column: its statistics and a small chart.
//!
//! Why cards appear a few at a time: a card is about a hundred DOM nodes, and
//! building a wide file's cards in the task that receives the profile held
//! the page's thread for 50–140 ms (a long task: the page could not answer
//! a click). The first [`FIRST_CARDS`] cards come with the reply (so a small
//! file's profile is whole at once) and [`CARDS_PER_FRAME`] more each
//! animation frame after it.

use crate::components::format::{fmt_stat, raw};
use crate::components::Chart;
use crate::state::AppState;
use leptos::prelude::*;
use mlops_engine::table::{ColumnKind, ColumnProfile};

/// Cards built in the task that receives a profile.
pub const FIRST_CARDS: usize = 4;
/// Cards built per animation frame after that.
pub const CARDS_PER_FRAME: usize = 3;

/// How many cards to show after `shown` of `total`, one step on.
pub fn next_batch(shown: usize, total: usize) -> usize {
    let step = if shown == 0 {
        FIRST_CARDS
    } else {
        CARDS_PER_FRAME
    };
    (shown + step).min(total)
}

#[component]
pub fn ProfileCards() -> impl IntoView {
    let state = AppState::get();
    // (profile generation, cards shown): a new profile restarts the count,
    // and the keys below change with it, so old cards never show new data.
    let batch = RwSignal::new((0u64, 0usize));
    // An effect, not a memo: the count grows with the frames, not with any
    // signal.
    Effect::new(move |previous: Option<u64>| {
        let total = state
            .profile
            .with(|p| p.as_ref().map_or(0, |p| p.columns.len()));
        let generation = previous.map_or(0, |g| g.wrapping_add(1));
        batch.set((generation, next_batch(0, total)));
        reveal(batch, generation, total);
        generation
    });
    let keys = move || {
        let (generation, shown) = batch.get();
        (0..shown).map(|i| (generation, i)).collect::<Vec<_>>()
    };
    view! {
        <section class="card profiles">
            <h2>"Columns"</h2>
            <div class="profile-grid">
                <For each=keys key=|k| *k let:k>
                    {state.profile.with_untracked(|p| {
                        p.as_ref().and_then(|p| p.columns.get(k.1)).map(card)
                    })}
                </For>
            </div>
        </section>
    }
}

/// Shows the next batch of cards at the next frame, until all are shown or
/// another profile has replaced this one.
fn reveal(batch: RwSignal<(u64, usize)>, generation: u64, total: usize) {
    request_animation_frame(move || {
        let Some((g, shown)) = batch.try_get_untracked() else {
            return; // the lab was left
        };
        if g != generation || shown >= total {
            return;
        }
        batch.set((g, next_batch(shown, total)));
        reveal(batch, generation, total);
    });
}

fn card(c: &ColumnProfile) -> impl IntoView {
    let kind = c.kind.as_str();
    // (label, hook name, raw value, text)
    let stats: Vec<(&str, &str, String, String)> = if c.kind == ColumnKind::Numeric {
        [
            ("mean", "mean", c.mean),
            ("std", "std", c.std),
            ("min", "min", c.min),
            ("p25", "p25", c.p25),
            ("median", "p50", c.p50),
            ("p75", "p75", c.p75),
            ("max", "max", c.max),
        ]
        .into_iter()
        .map(|(label, key, v)| (label, key, raw(v), fmt_stat(v)))
        .collect()
    } else {
        c.top
            .iter()
            .take(4)
            .map(|t| {
                (
                    "",
                    "",
                    t.count.to_string(),
                    format!("{} × {}", t.value, t.count),
                )
            })
            .collect()
    };
    let chart = mlops_charts::Bars::from_profile(c).map(|bars| {
        let file = format!("{}-histogram.png", c.name);
        view! { <Chart figure=Signal::stored(mlops_charts::Figure::Bars(bars)) width=220 height=110 testid="profile-chart" file=file /> }
    });
    let stat_rows = stats
        .into_iter()
        .map(|(k, key, value, v)| {
            let hook = (!key.is_empty()).then_some("profile-stat");
            view! {
                <div class="stat" class:wide=k.is_empty() data-testid=hook data-stat=key data-value=value>
                    <span class="k">{k}</span><span class="v">{v}</span>
                </div>
            }
        })
        .collect_view();
    view! {
        <article class="column-card" data-testid="column-profile" data-column=c.name.clone() data-kind=kind>
            <header>
                <span class="col-name" title=c.name.clone()>{c.name.clone()}</span>
                <span class=format!("kind {kind}")>{kind}</span>
            </header>
            {chart}
            <div class="stats">
                <div class="stat" data-testid="profile-stat" data-stat="missing" data-value=c.missing.to_string()>
                    <span class="k">"missing"</span><span class="v">{c.missing}</span>
                </div>
                <div class="stat" data-testid="profile-stat" data-stat="distinct" data-value=c.distinct.to_string()>
                    <span class="k">"distinct"</span><span class="v">{c.distinct}</span>
                </div>
                {stat_rows}
            </div>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_cover_every_card_once() {
        assert_eq!(next_batch(0, 4), 4);
        assert_eq!(next_batch(0, 31), FIRST_CARDS);
        let mut shown = 0;
        let mut steps = 0;
        while shown < 31 {
            shown = next_batch(shown, 31);
            steps += 1;
        }
        assert_eq!(shown, 31);
        assert_eq!(steps, 1 + (31 - FIRST_CARDS).div_ceil(CARDS_PER_FRAME));
        assert_eq!(next_batch(0, 0), 0);
    }
}
