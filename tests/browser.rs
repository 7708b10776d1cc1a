//! Tests that run inside headless Chromium (wasm-bindgen-test): the engine
//! compiled to wasm32 must give exactly the native results.

#![cfg(target_arch = "wasm32")]
// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn seeded_draws_match_native_golden_values() {
    // The same values are asserted natively in mlops_engine::basics::rng's tests.
    let mut r = mlops_engine::basics::rng::seeded(7);
    let xs: Vec<u64> = (0..5)
        .map(|_| mlops_engine::basics::rng::below(&mut r, 100))
        .collect();
    assert_eq!(xs, mlops_engine::basics::rng::GOLDEN_BELOW_100_SEED_7);
}

#[wasm_bindgen_test]
fn url_state_round_trips_in_the_browser() {
    let s = mlops_playground::url_state::UrlState::parse("?lab=split&seed=7");
    assert_eq!(s.lab, mlops_playground::lab::Lab::Split);
    assert_eq!(s.get("seed"), Some("7"));
}

/// The split golden fixture, checked natively by the engine's
/// `split_golden` test, must give the same rows here, in Chromium.
#[wasm_bindgen_test]
fn split_golden_fixture_matches_in_the_browser() {
    use mlops_engine::split::{assignment_text, golden_assignment, Strategy};
    let fixture: serde_json::Value = serde_json::from_str(include_str!(
        "../crates/engine/tests/fixtures/split/golden.json"
    ))
    .expect("fixture parses");
    let classes: Vec<u32> = fixture["classes"]
        .as_str()
        .expect("classes")
        .bytes()
        .map(|b| u32::from(b - b'0'))
        .collect();
    let cases = fixture["cases"].as_array().expect("cases");
    assert!(cases.len() >= 6);
    for case in cases {
        let strategy: Strategy =
            serde_json::from_value(case["strategy"].clone()).expect("strategy");
        let ratios: Vec<u32> = serde_json::from_value(case["ratios"].clone()).expect("ratios");
        let seed = case["seed"].as_u64().expect("seed");
        let got = golden_assignment(&classes, 2, strategy, &ratios, seed).expect("assignment");
        assert_eq!(
            assignment_text(&got),
            case["assignment"].as_str().expect("assignment text"),
            "{strategy:?} {ratios:?} seed {seed}"
        );
    }
}

/// The whole path (sample → reader → split → report) through the same
/// `Session` the worker uses, and the lottery's exact probability, bit for bit.
#[wasm_bindgen_test]
fn session_split_and_lottery_match_native() {
    use mlops_engine::api::{Request, Response};
    use mlops_engine::data;
    use mlops_engine::split::{self, SplitRequest, Strategy};
    let mut s = mlops_engine::Session::new();
    let loaded = s.handle(
        Request::Data(data::Request::LoadSample {
            id: "sample-defects".into(),
        }),
        None,
    );
    assert!(matches!(
        loaded,
        Response::Data(data::Response::Loaded { .. })
    ));
    let split = SplitRequest {
        target: "defect".into(),
        strategy: Strategy::Stratified,
        ratios: vec![60, 20, 20],
        seed: 7,
        by: None,
    };
    match s.handle(Request::Split(split::Request::Split(split)), None) {
        Response::Split(split::Response::Split(r)) => {
            let ones: Vec<u64> = r.splits.iter().map(|s| s.class_counts["1"]).collect();
            assert_eq!(ones, vec![18, 6, 6]);
        }
        other => panic!("unexpected {other:?}"),
    }
    let lottery = Request::Split(split::Request::Lottery {
        target: "defect".into(),
        ratios: vec![60, 20, 20],
        seeds: 1000,
        base_seed: 0,
        rows: None,
    });
    match s.handle(lottery, None) {
        Response::Split(split::Response::Lottery { report, .. }) => {
            assert_eq!(
                report.hit_probability.to_bits(),
                0.04731344884897331_f64.to_bits()
            );
        }
        other => panic!("unexpected {other:?}"),
    }
}

/// The Drift lab's seeded stream (CSV bytes) and a KS p-value, computed in
/// Chromium's wasm, are the native golden values to the bit.
#[wasm_bindgen_test]
fn drift_golden_values_match_in_the_browser() {
    let want: serde_json::Value = serde_json::from_str(include_str!(
        "../crates/engine/tests/fixtures/drift/golden.json"
    ))
    .expect("fixture parses");
    assert_eq!(
        mlops_engine::drift::golden::values(),
        mlops_engine::drift::golden::Golden::from_json(&want)
    );
}

/// A seeded rollout with latencies, in Chromium's wasm, is the native one.
#[wasm_bindgen_test]
fn rollout_golden_values_match_in_the_browser() {
    let want: serde_json::Value = serde_json::from_str(include_str!(
        "../crates/engine/tests/fixtures/rollout/golden.json"
    ))
    .expect("fixture parses");
    assert_eq!(
        mlops_engine::rollout::golden::values(),
        want["values"].as_str().expect("values")
    );
}
