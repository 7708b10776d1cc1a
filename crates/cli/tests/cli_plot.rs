//! `mlops profile --plot FILE.svg --column NAME`: the chart layer's picture
//! of one column, beside an unchanged profile on stdout.

// Test helpers outside `#[test]` functions may fail loudly too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::{path_str, run, sample};

#[test]
fn plot_draws_the_columns_histogram_and_leaves_stdout_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("pit.svg");
    let plain = run(&["profile", &path_str(&sample()), "--json"]);
    let plotted = run(&[
        "profile",
        &path_str(&sample()),
        "--json",
        "--plot",
        &path_str(&svg),
        "--column",
        "pit_count",
    ]);
    assert_eq!(plotted.code, Some(0), "{}", plotted.stderr);
    assert_eq!(plotted.stdout, plain.stdout);
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg"));
    // One bar per histogram bin that holds rows (the profile's own counts).
    let json: serde_json::Value = serde_json::from_str(&plain.stdout).unwrap();
    let column = json["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "pit_count")
        .unwrap();
    let nonzero = column["histogram"]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c.as_u64().unwrap() > 0)
        .count();
    assert!(nonzero > 1);
    assert!(
        text.matches("fill=\"#0072B2\"").count() >= nonzero,
        "{text}"
    );
    assert!(text.contains("pit_count"), "the x axis is named");
}

#[test]
fn plot_needs_a_column_that_exists() {
    let dir = tempfile::tempdir().unwrap();
    let svg = path_str(&dir.path().join("x.svg"));
    let r = run(&["profile", &path_str(&sample()), "--plot", &svg]);
    assert_eq!(r.code, Some(2));
    let r = run(&[
        "profile",
        &path_str(&sample()),
        "--plot",
        &svg,
        "--column",
        "nope",
    ]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("nope"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}
