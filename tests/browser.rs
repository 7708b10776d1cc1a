//! Tests that run inside headless Chromium (wasm-bindgen-test): the engine
//! compiled to wasm32 must give exactly the native results.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn seeded_draws_match_native_golden_values() {
    // The same values are asserted natively in mlops_engine::rng's tests.
    let mut r = mlops_engine::rng::seeded(7);
    let xs: Vec<u64> = (0..5)
        .map(|_| mlops_engine::rng::below(&mut r, 100))
        .collect();
    assert_eq!(xs, mlops_engine::rng::GOLDEN_BELOW_100_SEED_7);
}

#[wasm_bindgen_test]
fn url_state_round_trips_in_the_browser() {
    let s = mlops_playground::url_state::UrlState::parse("?lab=split&seed=7");
    assert_eq!(s.lab, mlops_playground::lab::Lab::Split);
    assert_eq!(s.get("seed"), Some("7"));
}
