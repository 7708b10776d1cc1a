//! One `column-profile` card per column: its statistics and a small chart.

use crate::components::BarChart;
use crate::state::AppState;
use leptos::prelude::*;
use mlops_engine::table::{ColumnKind, ColumnProfile};

#[component]
pub fn ProfileCards() -> impl IntoView {
    let state = AppState::get();
    let cards = move || {
        state.profile.with(|p| {
            p.as_ref()
                .map(|p| p.columns.iter().map(card).collect_view())
        })
    };
    view! {
        <section class="card profiles">
            <h2>"Columns"</h2>
            <div class="profile-grid">{cards}</div>
        </section>
    }
}

fn kind_name(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Numeric => "numeric",
        ColumnKind::Categorical => "categorical",
        ColumnKind::Boolean => "boolean",
    }
}

/// A value's raw form for `data-value`: full precision, `null` when undefined.
pub fn raw(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_else(|| "null".into())
}

/// A number for a stat row: up to 4 decimals, `—` when undefined.
pub fn fmt_stat(x: Option<f64>) -> String {
    match x {
        None => "—".into(),
        Some(v) if v.abs() < 1e-12 => "0".into(),
        Some(v) if v.abs() >= 1e6 || (v != 0.0 && v.abs() < 1e-3) => format!("{v:.3e}"),
        Some(v) => {
            let s = format!("{v:.4}");
            let s = s.trim_end_matches('0').trim_end_matches('.');
            s.to_string()
        }
    }
}

fn card(c: &ColumnProfile) -> impl IntoView {
    let kind = kind_name(c.kind);
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
    let (values, labels): (Vec<f64>, Vec<String>) = match &c.histogram {
        Some(h) => h
            .counts
            .iter()
            .enumerate()
            .map(|(i, &n)| {
                let lo = h.edges.get(i).copied().unwrap_or(0.0);
                let hi = h.edges.get(i + 1).copied().unwrap_or(0.0);
                (
                    n as f64,
                    format!("{} – {}", fmt_stat(Some(lo)), fmt_stat(Some(hi))),
                )
            })
            .unzip(),
        None => {
            let counts = if c.value_counts.is_empty() {
                &c.top
            } else {
                &c.value_counts
            };
            counts
                .iter()
                .take(20)
                .map(|t| (t.count as f64, t.value.clone()))
                .unzip()
        }
    };
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
            <BarChart values=values labels=labels width=200.0 height=48.0 />
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
