//! One table view for every results table of the labs: rows of cells as
//! plain data, with the test hooks as optional attributes.
//!
//! Why one: each `view!` of a different shape compiles its own rendering
//! code into the page's wasm; results tables differ only in their data, so
//! they share this one (`make size` measured several KiB per table).

use leptos::prelude::*;

/// One row: its cells (the first one a header cell) and hook attributes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableRow {
    pub cells: Vec<String>,
    pub testid: Option<&'static str>,
    pub value: Option<String>,
    pub split: Option<String>,
    pub metric: Option<String>,
    pub variant: Option<String>,
    pub x: Option<String>,
    pub train: Option<String>,
    pub dev: Option<String>,
    pub errors: Option<String>,
    pub priority: Option<String>,
    /// Highlighted (the best variant).
    pub strong: bool,
}

impl TableRow {
    pub fn new(cells: Vec<String>) -> TableRow {
        TableRow {
            cells,
            ..TableRow::default()
        }
    }
}

/// A table of `rows` under `head` (no header row when empty).
pub fn data_table(head: Vec<String>, rows: Vec<TableRow>, class: &'static str) -> AnyView {
    let head = (!head.is_empty()).then(|| {
        view! { <thead><tr>{head.into_iter().map(|h| view! { <th>{h}</th> }).collect_view()}</tr></thead> }
    });
    let body = rows
        .into_iter()
        .map(|r| {
            let mut cells = r.cells.into_iter();
            let first = cells.next().unwrap_or_default();
            view! {
                <tr data-testid=r.testid data-value=r.value data-split=r.split data-metric=r.metric
                    data-variant=r.variant data-x=r.x data-train=r.train data-dev=r.dev
                    data-errors=r.errors data-priority=r.priority class:best=r.strong>
                    <th>{first}</th>
                    {cells.map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! { <table class=class>{head}<tbody>{body}</tbody></table> }.into_any()
}
