//! Properties of the drift methods and the simulator: distances are never
//! negative, a sample compared with itself never drifts, p-values stay in
//! [0, 1], the same seed gives the same batches, and strengths follow the
//! shape.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mlops_engine::drift::sample::pair;
use mlops_engine::drift::simulate::strength;
use mlops_engine::drift::stattests::{score, METHODS};
use mlops_engine::drift::{simulate, Scenario, Shape, SimulateRequest};
use mlops_engine::table::{read_csv, Bitmap, Column, ColumnData, CsvOptions};
use proptest::prelude::*;

fn numeric(values: &[f64]) -> Column {
    let mut missing = Bitmap::new();
    values.iter().for_each(|_| missing.push(false));
    Column {
        name: "x".into(),
        data: ColumnData::Numeric {
            values: values.to_vec(),
            missing,
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn scores_are_in_range_and_a_sample_does_not_drift_from_itself(
        a in prop::collection::vec(-50i32..50, 1..300),
        b in prop::collection::vec(-60i32..40, 1..300),
    ) {
        let a: Vec<f64> = a.into_iter().map(|x| f64::from(x) / 4.0).collect();
        let b: Vec<f64> = b.into_iter().map(|x| f64::from(x) / 4.0).collect();
        let (ca, cb) = (numeric(&a), numeric(&b));
        let (p, _) = pair(&ca, &cb);
        let (same, _) = pair(&ca, &ca);
        for m in METHODS {
            if let Some(s) = score(m, &p) {
                prop_assert!(s >= 0.0, "{} gave {s}", m.name());
                if m.is_test() { prop_assert!(s <= 1.0, "{} p = {s}", m.name()); }
            }
            if let Some(s) = score(m, &same) {
                prop_assert!(!m.drifted(s, m.default_threshold()), "{} drifted on identical samples: {s}", m.name());
                if !m.is_test() { prop_assert!(s.abs() < 1e-12, "{} distance {s}", m.name()); }
            }
        }
    }

    #[test]
    fn strengths_follow_the_shape(n in 1u32..40, k in 1u32..45, period in 1u32..5) {
        let s = |shape, b| strength(shape, b, k, n, period);
        for b in 1..=n {
            for shape in [Shape::Sudden, Shape::Incremental, Shape::Gradual, Shape::Recurring] {
                let v = s(shape, b);
                prop_assert!((0.0..=1.0).contains(&v));
                if b < k { prop_assert_eq!(v, 0.0); }
            }
            if b >= k {
                prop_assert_eq!(s(Shape::Sudden, b), 1.0);
                if b > k { prop_assert!(s(Shape::Incremental, b) > s(Shape::Incremental, b - 1)); }
            }
        }
        if k <= n { prop_assert_eq!(s(Shape::Incremental, n), 1.0); }
    }

    #[test]
    fn the_same_seed_gives_the_same_batches(seed in 0u64..1000, scenario in 0usize..4) {
        let csv = b"x,c,y\n1.5,a,0\n2.5,b,1\n3.5,a,0\n4.5,c,1\n5.5,a,1\n,b,0\n";
        let t = read_csv(csv, &CsvOptions { name: "r.csv".into(), delimiter: None }).unwrap();
        let request = SimulateRequest {
            scenario: [Scenario::Data, Scenario::Concept, Scenario::Prior, Scenario::Quality][scenario],
            shape: Shape::Gradual,
            batches: 4,
            seed,
            batch_rows: Some(50),
            magnitude: Some(1.5),
            feature: Some("x".into()),
            target: Some("y".into()),
            change_at: Some(2),
            period: None,
        };
        let (r1, b1) = simulate(&t, &request).unwrap();
        let (r2, b2) = simulate(&t, &request).unwrap();
        prop_assert_eq!(r1, r2);
        prop_assert_eq!(b1, b2);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Odd files (mixed kinds, missing values, one row, no shared column)
    /// and odd simulation settings give a report or a named error.
    #[test]
    fn odd_inputs_never_panic(
        cells in prop::collection::vec(prop_oneof![Just(String::new()), Just("NA".to_string()), Just("x".to_string()), Just("1e308".to_string()), Just("-0".to_string()), (-5i32..5).prop_map(|v| v.to_string())], 0..40),
        other in prop::collection::vec((-3i32..3).prop_map(|v| v.to_string()), 0..40),
        header in prop_oneof![Just("a,b"), Just("a,c"), Just("c,d")],
        batches in prop_oneof![Just(0u32), 1u32..4, Just(300u32)],
        rows in prop_oneof![Just(Some(0u32)), Just(None), Just(Some(u32::MAX)), (1u32..50).prop_map(Some)],
        m in prop_oneof![Just(f64::NAN), Just(f64::INFINITY), -3.0f64..3.0],
        scenario in 0usize..4,
    ) {
        let body = |v: &[String]| v.chunks(2).map(|c| format!("{},{}", c[0], c.get(1).cloned().unwrap_or_default())).collect::<Vec<_>>().join("\n");
        let r = read_csv(format!("a,b\n{}\n", body(&cells)).as_bytes(), &CsvOptions { name: "r.csv".into(), delimiter: Some(b',') });
        let c = read_csv(format!("{header}\n{}\n", body(&other)).as_bytes(), &CsvOptions { name: "c.csv".into(), delimiter: Some(b',') });
        if let (Ok(r), Ok(c)) = (r, c) {
            for method in [None, Some(mlops_engine::drift::Method::Ks), Some(mlops_engine::drift::Method::Psi), Some(mlops_engine::drift::Method::Z)] {
                let _ = mlops_engine::drift::compare((&r, "r.csv"), (&c, "c.csv"), &mlops_engine::drift::DriftRequest { method, ..Default::default() });
            }
            let request = SimulateRequest {
                scenario: [Scenario::Data, Scenario::Concept, Scenario::Prior, Scenario::Quality][scenario],
                shape: Shape::Recurring,
                batches,
                seed: 1,
                batch_rows: rows,
                magnitude: Some(m),
                feature: Some("a".into()),
                target: Some("b".into()),
                change_at: Some(1),
                period: Some(1),
            };
            let _ = simulate(&r, &request);
        }
    }
}
