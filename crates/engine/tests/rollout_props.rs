//! The rollout simulation's promises: weights follow the schedule until a
//! failure, a failure ends the rollout, shadow serves nothing, the same
//! seed gives the same run; and the analysis' statistics: an equal
//! candidate is rarely rolled back, a clearly worse one is caught at the
//! first step with enough traffic, a 30% slower one fails the latency check.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mlops_engine::rollout::{run, Errors, Latency, Outcome, RolloutRequest, Strategy, Verdict};
use proptest::prelude::*;

fn rates(r: &RolloutRequest) -> (Errors, Errors) {
    (
        Errors::Rate(r.baseline_error),
        Errors::Rate(r.candidate_error),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn runs_keep_their_promises(
        seed in 0u64..10_000,
        strategy in 0usize..3,
        b in 0.0f64..0.3,
        c in 0.0f64..0.3,
        n in 1u32..2000,
        mut steps in prop::collection::vec(0u32..=100, 1..7),
    ) {
        steps.sort_unstable();
        let r = RolloutRequest {
            strategy: [Strategy::Canary, Strategy::Shadow, Strategy::BlueGreen][strategy],
            steps: steps.iter().map(|&s| f64::from(s)).collect(),
            requests_per_step: n,
            baseline_error: b,
            candidate_error: c,
            seed,
            ..RolloutRequest::default()
        };
        let (eb, ec) = rates(&r);
        let out = run(&r, &eb, &ec, 0).unwrap();
        prop_assert_eq!(&out, &run(&r, &eb, &ec, 0).unwrap());
        let weights = r.weights();
        for (s, w) in out.steps.iter().zip(&weights) {
            prop_assert_eq!(s.candidate_weight, *w);
            prop_assert_eq!(s.baseline_requests + s.candidate_served, u64::from(n));
        }
        // A failure is the last step run; every earlier one did not fail.
        if let Some(k) = out.rolled_back_at_step {
            prop_assert_eq!(out.outcome, Outcome::RolledBack);
            prop_assert_eq!(k as usize, out.steps.len());
            prop_assert_eq!(out.steps.last().map(|s| s.verdict), Some(Verdict::Fail));
        }
        prop_assert!(out.steps[..out.steps.len() - 1].iter().all(|s| s.verdict != Verdict::Fail));
        if out.outcome == Outcome::Promoted {
            prop_assert_eq!(out.steps.len(), weights.len());
        }
        if r.strategy == Strategy::Shadow {
            prop_assert_eq!(out.requests_served_by_candidate, 0);
            prop_assert!(out.steps.iter().all(|s| s.agreement.is_some()));
        }
        let served: u64 = out.steps.iter().map(|s| s.candidate_served).sum();
        prop_assert_eq!(served, out.requests_served_by_candidate);
    }
}

#[test]
fn an_equal_candidate_is_rarely_rolled_back() {
    let rollbacks = (0..400)
        .filter(|&seed| {
            let r = RolloutRequest {
                baseline_error: 0.05,
                candidate_error: 0.05,
                seed,
                ..RolloutRequest::default()
            };
            let (b, c) = rates(&r);
            run(&r, &b, &c, 0).unwrap().outcome == Outcome::RolledBack
        })
        .count();
    // Five one-sided tests at 95% with a tolerance of 1 point: well under 5%.
    assert!(
        rollbacks < 20,
        "{rollbacks} of 400 equal candidates rolled back"
    );
}

#[test]
fn a_clearly_worse_candidate_is_caught_at_the_first_step_with_enough_traffic() {
    for seed in 0..50 {
        let r = RolloutRequest {
            baseline_error: 0.05,
            candidate_error: 0.20,
            steps: vec![25.0, 50.0, 100.0],
            seed,
            ..RolloutRequest::default()
        };
        let (b, c) = rates(&r);
        let out = run(&r, &b, &c, 0).unwrap();
        assert_eq!(out.rolled_back_at_step, Some(1), "seed {seed}");
        assert_eq!(out.requests_served_by_candidate, 250);
    }
}

#[test]
fn a_slower_candidate_fails_the_latency_check_and_an_equal_one_passes() {
    let lat = |m: f64| {
        Some(Latency {
            median_ms: m,
            p99_ms: 4.0 * m,
        })
    };
    let mut slow_caught = 0;
    let mut equal_passed = 0;
    for seed in 0..40 {
        let base = RolloutRequest {
            baseline_latency: lat(50.0),
            candidate_latency: lat(65.0),
            seed,
            ..RolloutRequest::default()
        };
        let (b, c) = rates(&base);
        let out = run(&base, &b, &c, 0).unwrap();
        if out.outcome == Outcome::RolledBack
            && out
                .steps
                .last()
                .and_then(|s| s.latency.as_ref())
                .is_some_and(|l| l.verdict == Verdict::Fail)
        {
            slow_caught += 1;
        }
        let same = RolloutRequest {
            candidate_latency: lat(50.0),
            ..base
        };
        if run(&same, &b, &c, 0).unwrap().steps.iter().all(|s| {
            s.latency
                .as_ref()
                .is_none_or(|l| l.verdict != Verdict::Fail)
        }) {
            equal_passed += 1;
        }
    }
    assert!(
        slow_caught >= 38,
        "a 30% slower candidate was caught {slow_caught} of 40 times"
    );
    assert!(
        equal_passed >= 38,
        "an equally fast candidate passed {equal_passed} of 40 times"
    );
}

#[test]
fn without_latencies_the_run_is_the_specs() {
    let r = RolloutRequest {
        seed: 9,
        candidate_error: 0.07,
        ..RolloutRequest::default()
    };
    let (b, c) = rates(&r);
    let out = run(&r, &b, &c, 0).unwrap();
    assert!(out
        .steps
        .iter()
        .all(|s| s.latency.is_none() && s.score.is_none() && s.verdict == s.error_verdict));
}

#[test]
fn bad_settings_are_named() {
    let bad = |r: RolloutRequest, word: &str| {
        let (b, c) = rates(&r);
        let e = run(&r, &b, &c, 0).unwrap_err().to_string();
        assert!(e.contains(word), "{e}");
    };
    bad(
        RolloutRequest {
            steps: vec![10.0, 120.0],
            ..RolloutRequest::default()
        },
        "outside 0–100",
    );
    bad(
        RolloutRequest {
            steps: vec![50.0, 10.0],
            ..RolloutRequest::default()
        },
        "goes down",
    );
    bad(
        RolloutRequest {
            candidate_error: 1.5,
            ..RolloutRequest::default()
        },
        "candidate error: 1.5 is outside 0–1",
    );
    bad(
        RolloutRequest {
            requests_per_step: 0,
            ..RolloutRequest::default()
        },
        "requests per step: must be at least 1",
    );
    bad(
        RolloutRequest {
            confidence: 1.0,
            ..RolloutRequest::default()
        },
        "confidence: 1 must be strictly",
    );
    // The setting is named in words; the CLI prints it as its flag.
    let r = RolloutRequest {
        max_increase: 2.0,
        ..RolloutRequest::default()
    };
    let (b, c) = rates(&r);
    let e = run(&r, &b, &c, 0).unwrap_err();
    assert_eq!(
        e.naming_setting(|s| format!("--{}", s.replace(' ', "-"))),
        "--max-increase: 2 is outside 0–1"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any settings, even NaN or huge ones, give a run or a named error.
    #[test]
    fn odd_settings_never_panic(
        strategy in 0usize..3,
        steps in prop::collection::vec(prop_oneof![Just(f64::NAN), Just(f64::INFINITY), -10.0f64..200.0], 0..6),
        step_count in prop_oneof![Just(0u32), Just(u32::MAX), 1u32..5],
        n in prop_oneof![Just(0u32), Just(u32::MAX), 1u32..300],
        b in prop_oneof![Just(f64::NAN), -1.0f64..2.0],
        conf in prop_oneof![Just(f64::NAN), Just(1.0), Just(0.0), 0.0f64..1.0],
        d in prop_oneof![Just(f64::NAN), -0.5f64..1.5],
        seed in 0u64..100,
    ) {
        let r = RolloutRequest {
            strategy: [Strategy::Canary, Strategy::Shadow, Strategy::BlueGreen][strategy],
            steps,
            step_count,
            requests_per_step: n,
            baseline_error: b,
            candidate_error: 0.1,
            confidence: conf,
            max_increase: d,
            seed,
            ..RolloutRequest::default()
        };
        let _ = run(&r, &Errors::Rate(0.05), &Errors::Rows(vec![true, false]), 2);
    }
}

/// The golden rollout (also asserted in headless Chromium).
#[test]
fn golden_rollout_holds_natively() {
    let want: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/rollout/golden.json")).unwrap();
    assert_eq!(
        mlops_engine::rollout::golden::values(),
        want["values"].as_str().unwrap()
    );
}
