//! The split lottery: exact probabilities, sampled distributions, determinism.
#![allow(clippy::panic)] // failures in test helpers are test failures

use mlops_engine::split::lottery::table_probability;
use mlops_engine::split::{lottery, LotteryReport};

fn run(counts: &[u64], ratios: &[u32], seeds: u32, base: u64) -> LotteryReport {
    match lottery(counts, ratios, seeds, base) {
        Ok(r) => r,
        Err(e) => panic!("lottery failed: {e}"),
    }
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs()
}

/// Class counts, split sizes, a count table and its probability.
type Case = (&'static [u64], &'static [u64], Vec<Vec<u64>>, f64);

/// Exact values from Python's `fractions` (products of factorials), matched to the bit.
#[test]
fn exact_probabilities_match_rational_arithmetic() {
    let cases: [Case; 5] = [
        (
            &[70, 30],
            &[60, 20, 20],
            vec![vec![42, 14, 14], vec![18, 6, 6]],
            0.04731344884897331,
        ),
        (
            &[500, 300, 200],
            &[700, 150, 150],
            vec![vec![350, 75, 75], vec![210, 45, 45], vec![140, 30, 30]],
            5.303835089034297e-05,
        ),
        (&[3, 1], &[2, 2], vec![vec![1, 2], vec![1, 0]], 0.5),
        (
            &[10000, 90000],
            &[80000, 20000],
            vec![vec![8000, 2000], vec![72000, 18000]],
            0.010512587128829541,
        ),
        (
            &[1, 2, 3, 4, 5, 6, 7],
            &[10, 9, 9],
            vec![
                vec![0, 0, 1],
                vec![0, 0, 2],
                vec![1, 0, 2],
                vec![1, 1, 2],
                vec![2, 1, 2],
                vec![5, 1, 0],
                vec![1, 6, 0],
            ],
            7.109209657906082e-08,
        ),
    ];
    for (counts, sizes, table, want) in cases {
        let got = table_probability(counts, sizes, &table);
        assert_eq!(got.to_bits(), want.to_bits(), "{counts:?}: {got} vs {want}");
    }
}

#[test]
fn course_example() {
    let r = run(&[70, 30], &[60, 20, 20], 1000, 0);
    assert!(close(r.hit_probability, 0.04731344884897331, 1e-14));
    assert_eq!(r.splits.len(), 3);
    assert_eq!(r.splits[0].rows, 60);
    let positives_train = &r.splits[0].classes[1];
    assert_eq!(positives_train.target, 18);
    assert_eq!(r.splits[1].classes[1].target, 6);
    for split in &r.splits {
        for class in &split.classes {
            let seeds: u32 = class.histogram.iter().map(|b| b.seeds).sum();
            assert_eq!(seeds, 1000);
            assert!(class.histogram.windows(2).all(|w| w[0].count < w[1].count));
        }
    }
    // The train positives average 18 (hypergeometric mean 60 · 30 / 100).
    let mean = positives_train
        .histogram
        .iter()
        .map(|b| b.count as f64 * f64::from(b.seeds))
        .sum::<f64>()
        / 1000.0;
    assert!((mean - 18.0).abs() < 0.3, "{mean}");
}

#[test]
fn sampled_hit_share_agrees_with_the_exact_probability() {
    let r = run(&[70, 30], &[60, 20, 20], 50_000, 3);
    // Binomial standard error: sqrt(p(1-p)/n) ≈ 0.00095.
    assert!(
        (r.hit_share_sampled - r.hit_probability).abs() < 0.005,
        "{} vs {}",
        r.hit_share_sampled,
        r.hit_probability
    );
    // A random split of 30 positives leaves dev or test with none only rarely.
    assert!(r.missing_class_share < 0.01);
}

#[test]
fn every_seed_partitions_each_class() {
    // Per class, the three histograms' means add up to the class count.
    let counts = [50u64, 7, 1, 0, 300];
    let r = run(&counts, &[70, 15, 15], 2000, 11);
    for (k, &c) in counts.iter().enumerate() {
        let total: f64 = r
            .splits
            .iter()
            .map(|s| {
                s.classes[k]
                    .histogram
                    .iter()
                    .map(|b| b.count as f64 * f64::from(b.seeds))
                    .sum::<f64>()
            })
            .sum();
        assert_eq!(total, c as f64 * 2000.0);
    }
    assert!(
        r.missing_class_share > 0.9,
        "the one-row class is always missing somewhere"
    );
    assert!(!r.warnings.is_empty());
}

#[test]
fn deterministic_and_serde() {
    let a = run(&[700, 300], &[60, 20, 20], 500, 42);
    let b = run(&[700, 300], &[60, 20, 20], 500, 42);
    assert_eq!(a, b);
    let c = run(&[700, 300], &[60, 20, 20], 500, 43);
    assert_ne!(a.splits, c.splits);
    let json = serde_json::to_string(&a).unwrap_or_default();
    let back: LotteryReport = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, a);
}

/// Pinned first outcome: if this changes, the lottery's seeds changed meaning
/// (and the browser would show other numbers than before).
#[test]
fn golden_lottery_summary() {
    let r = run(&[70, 30], &[60, 20, 20], 1000, 7);
    let hist: Vec<(u64, u32)> = r.splits[2].classes[1]
        .histogram
        .iter()
        .map(|b| (b.count, b.seeds))
        .collect();
    let hits = (r.hit_share_sampled * 1000.0).round() as u32;
    let want = [
        (0, 1),
        (1, 4),
        (2, 15),
        (3, 65),
        (4, 125),
        (5, 186),
        (6, 194),
        (7, 192),
        (8, 126),
        (9, 57),
        (10, 26),
        (11, 8),
        (12, 1),
    ];
    assert_eq!(hist, want);
    assert_eq!(hits, 54);
    assert_eq!(
        r.hit_probability.to_bits(),
        0.04731344884897331f64.to_bits()
    );
}

#[test]
fn edge_cases() {
    assert!(lottery(&[70, 30], &[60, 20, 10], 10, 0).is_err());
    assert!(lottery(&[70, 30], &[60, 40], 0, 0).is_err());
    let r = run(&[], &[60, 40], 10, 0);
    assert_eq!(r.rows, 0);
    assert_eq!(r.hit_probability, 1.0);
    assert_eq!(r.hit_share_sampled, 1.0);
    let r = run(&[5], &[60, 40], 10, 0);
    assert_eq!(r.hit_probability, 1.0);
}

/// Behaviour on a large input; its speed is the criterion bench's business
/// (`benches/split.rs`), never a timed test.
#[test]
fn large_inputs_give_a_tiny_hit_probability() {
    let r = run(&[70_000, 30_000], &[60, 20, 20], 1000, 0);
    assert!(
        r.hit_probability > 0.0 && r.hit_probability < 1e-3,
        "{}",
        r.hit_probability
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(60))]

        /// Any input: a report, every histogram over all seeds, the
        /// probability a number in (0, 1], never NaN.
        #[test]
        fn lottery_never_fails_on_valid_input(
            counts in prop::collection::vec(0u64..5_000, 0..8),
            split in 0u32..=100,
            seeds in 1u32..50,
            base in any::<u64>(),
        ) {
            let ratios = [split, 100 - split];
            let r = lottery(&counts, &ratios, seeds, base)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(r.hit_probability > 0.0 && r.hit_probability <= 1.0, "{}", r.hit_probability);
            prop_assert!((0.0..=1.0).contains(&r.hit_share_sampled));
            for s in &r.splits {
                for c in &s.classes {
                    prop_assert_eq!(c.histogram.iter().map(|b| b.seeds).sum::<u32>(), seeds);
                    prop_assert!(c.histogram.iter().all(|b| b.count <= counts[c.class]));
                }
            }
        }
    }

    #[test]
    fn tiny_probabilities_do_not_underflow_to_nan() {
        let counts: Vec<u64> = (1..=40).map(|k| k * 997).collect();
        let r = run(&counts, &[60, 20, 20], 5, 1);
        assert!(
            r.hit_probability > 0.0 && r.hit_probability < 1e-20,
            "{}",
            r.hit_probability
        );
    }
}
