//! The Drift lab's seeded results are the same bytes everywhere: a
//! simulated stream's CSV files, a KS p-value and a monitor's number on
//! sample-defects, against `tests/fixtures/drift/golden.json`. The same
//! fixture is asserted in headless Chromium (`tests/browser.rs` of the
//! web app), so the browser's wasm and the CLI agree to the bit.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mlops_engine::drift::golden;

#[test]
fn golden_values_hold_natively() {
    let want: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/drift/golden.json")).unwrap();
    let got = golden::values();
    assert_eq!(got, golden::Golden::from_json(&want), "got {got:?}");
}
