//! Property tests of the split strategies: the rounding rules of
//! `docs/cli.md` hold for every input, and seeds behave.

use mlops_engine::split::{
    random_assignment, split_sizes, split_table, stratified_allocation, stratified_assignment,
    SplitRequest, Strategy as SplitStrategy,
};
use mlops_engine::table::{Bitmap, Column, ColumnData, Table};
use proptest::prelude::*;

fn ratios_strategy() -> impl Strategy<Value = Vec<u32>> {
    prop_oneof![
        (0u32..=100).prop_map(|a| vec![a, 100 - a]),
        (0u32..=100, 0u32..=100).prop_map(|(a, b)| {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            vec![lo, hi - lo, 100 - hi]
        }),
    ]
}

fn numeric(name: &str, values: &[Option<f64>]) -> Column {
    let mut missing = Bitmap::new();
    for v in values {
        missing.push(v.is_none());
    }
    Column {
        name: name.into(),
        data: ColumnData::Numeric {
            values: values.iter().map(|v| v.unwrap_or(f64::NAN)).collect(),
            missing,
        },
    }
}

fn table(columns: Vec<Column>) -> Table {
    let n_rows = columns.first().map_or(0, Column::len);
    Table {
        name: "t.csv".into(),
        columns,
        n_rows,
        ..Table::default()
    }
}

fn floor_ceil(c: u64, r: u32) -> (u64, u64) {
    let q = c * u64::from(r);
    (q / 100, q.div_ceil(100))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn split_sizes_are_largest_remainder(n in 0u64..100_000, ratios in ratios_strategy()) {
        let sizes = split_sizes(n, &ratios);
        prop_assert_eq!(sizes.iter().sum::<u64>(), n);
        for (&s, &r) in sizes.iter().zip(&ratios) {
            let (lo, hi) = floor_ceil(n, r);
            prop_assert!(s == lo || s == hi);
        }
    }

    /// The controlled rounding always exists and obeys both margins.
    #[test]
    fn split_allocation(
        counts in prop::collection::vec(0u64..500, 0..30),
        ratios in ratios_strategy(),
    ) {
        let table = stratified_allocation(&counts, &ratios);
        prop_assert!(table.is_ok(), "no allocation for {:?} {:?}", counts, ratios);
        let table = table.unwrap_or_default();
        let n: u64 = counts.iter().sum();
        let sizes = split_sizes(n, &ratios);
        for (k, row) in table.iter().enumerate() {
            prop_assert_eq!(row.iter().sum::<u64>(), counts[k]);
            for (j, &x) in row.iter().enumerate() {
                let (lo, hi) = floor_ceil(counts[k], ratios[j]);
                prop_assert!(x == lo || x == hi, "cell {} {} = {}", k, j, x);
            }
        }
        for (j, &s) in sizes.iter().enumerate() {
            prop_assert_eq!(table.iter().map(|r| r[j]).sum::<u64>(), s);
        }
    }

    /// Singleton-heavy inputs (many classes of 1–3 rows) stress the flow.
    #[test]
    fn split_allocation_small_classes(
        counts in prop::collection::vec(1u64..4, 0..200),
        ratios in ratios_strategy(),
    ) {
        let table = stratified_allocation(&counts, &ratios);
        prop_assert!(table.is_ok());
        let table = table.unwrap_or_default();
        let sizes = split_sizes(counts.iter().sum(), &ratios);
        for (j, &s) in sizes.iter().enumerate() {
            prop_assert_eq!(table.iter().map(|r| r[j]).sum::<u64>(), s);
        }
    }

    #[test]
    fn stratified_rows_match_the_allocation(
        classes in prop::collection::vec(0u32..4, 0..300),
        ratios in ratios_strategy(),
        seed in any::<u64>(),
    ) {
        let a = stratified_assignment(&classes, 4, &ratios, seed).unwrap_or_default();
        prop_assert_eq!(a.len(), classes.len());
        let mut counts = [0u64; 4];
        for &c in &classes { counts[c as usize] += 1; }
        let mut got = vec![vec![0u64; ratios.len()]; 4];
        for (&c, &s) in classes.iter().zip(&a) {
            prop_assert!((s as usize) < ratios.len());
            got[c as usize][s as usize] += 1;
        }
        // The spec's rules (the allocation may differ from the unseeded
        // `stratified_allocation` where rounding has a choice): every cell is
        // the class total times the ratio rounded down or up, and the
        // columns sum to the split sizes.
        let sizes = split_sizes(classes.len() as u64, &ratios);
        for (k, row) in got.iter().enumerate() {
            for (j, &x) in row.iter().enumerate() {
                let (lo, hi) = floor_ceil(counts[k], ratios[j]);
                prop_assert!(x == lo || x == hi, "class {} split {} = {}", k, j, x);
            }
        }
        for (j, &size) in sizes.iter().enumerate() {
            prop_assert_eq!(got.iter().map(|row| row[j]).sum::<u64>(), size);
        }
        // Same seed, same rows.
        prop_assert_eq!(stratified_assignment(&classes, 4, &ratios, seed).unwrap_or_default(), a);
    }

    #[test]
    fn random_partitions_with_exact_sizes(
        n in 0usize..2000,
        ratios in ratios_strategy(),
        seed in any::<u64>(),
    ) {
        let a = random_assignment(n, &ratios, seed);
        prop_assert_eq!(a.len(), n);
        let sizes = split_sizes(n as u64, &ratios);
        for (j, &s) in sizes.iter().enumerate() {
            prop_assert_eq!(a.iter().filter(|&&x| x as usize == j).count() as u64, s);
        }
        prop_assert_eq!(random_assignment(n, &ratios, seed), a);
    }

    #[test]
    fn different_seeds_usually_differ(seed in 0u64..1_000_000) {
        let a = random_assignment(200, &[60, 20, 20], seed);
        let b = random_assignment(200, &[60, 20, 20], seed + 1);
        prop_assert_ne!(a, b);
        let classes: Vec<u32> = (0..200).map(|i| u32::from(i % 3 == 0)).collect();
        let c = stratified_assignment(&classes, 2, &[60, 20, 20], seed).unwrap_or_default();
        let d = stratified_assignment(&classes, 2, &[60, 20, 20], seed + 1).unwrap_or_default();
        prop_assert_ne!(c, d);
    }

    #[test]
    fn group_rows_stay_together(
        groups in prop::collection::vec(0u32..25, 1..300),
        ratios in ratios_strategy(),
        seed in any::<u64>(),
    ) {
        let g: Vec<Option<f64>> = groups.iter().map(|&x| Some(f64::from(x))).collect();
        let y: Vec<Option<f64>> = (0..groups.len()).map(|i| Some((i % 2) as f64)).collect();
        let t = table(vec![numeric("y", &y), numeric("g", &g)]);
        let req = SplitRequest {
            target: "y".into(), strategy: SplitStrategy::Group, ratios: ratios.clone(), seed,
            by: Some("g".into()),
        };
        let out = split_table(&t, &req);
        prop_assert!(out.is_ok());
        let out = out.map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut split_of = std::collections::HashMap::new();
        for (&grp, &s) in groups.iter().zip(&out.assignment) {
            let prev = *split_of.entry(grp).or_insert(s);
            prop_assert_eq!(prev, s);
        }
        let total: u64 = out.report.splits.iter().map(|s| s.rows).sum();
        prop_assert_eq!(total, groups.len() as u64);
    }

    #[test]
    fn time_splits_are_ordered(
        times in prop::collection::vec(prop::option::weighted(0.9, -50i32..50), 0..300),
        ratios in ratios_strategy(),
    ) {
        let t_col: Vec<Option<f64>> = times.iter().map(|t| t.map(f64::from)).collect();
        let y: Vec<Option<f64>> = (0..times.len()).map(|i| Some((i % 2) as f64)).collect();
        let t = table(vec![numeric("y", &y), numeric("t", &t_col)]);
        let req = SplitRequest {
            target: "y".into(), strategy: SplitStrategy::Time, ratios: ratios.clone(), seed: 0,
            by: Some("t".into()),
        };
        let out = split_table(&t, &req).map_err(|e| TestCaseError::fail(e.to_string()))?;
        // Missing times count as +infinity: after every timed row.
        let key = |i: usize| times[i].map_or(f64::INFINITY, f64::from);
        let m = ratios.len();
        let mut max_of = vec![f64::NEG_INFINITY; m];
        let mut min_of = vec![f64::INFINITY; m];
        for (i, &s) in out.assignment.iter().enumerate() {
            let s = s as usize;
            max_of[s] = max_of[s].max(key(i));
            min_of[s] = min_of[s].min(key(i));
        }
        for (a, &end) in max_of.iter().enumerate() {
            for (b, &start) in min_of.iter().enumerate().skip(a + 1) {
                prop_assert!(end <= start, "split {} ends after split {} starts", a, b);
            }
        }
        let sizes = split_sizes(times.len() as u64, &ratios);
        let rows: Vec<u64> = out.report.splits.iter().map(|s| s.rows).collect();
        prop_assert_eq!(rows, sizes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Fold sizes and per-class counts are ⌊·/k⌋ or ⌈·/k⌉.
    #[test]
    fn kfold_is_balanced(
        classes in prop::collection::vec(0u32..5, 0..400),
        k in 2usize..12,
        seed in any::<u64>(),
    ) {
        let folds = mlops_engine::split::stratified_kfold(&classes, 5, k, seed)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(folds.len(), classes.len());
        let mut cells = vec![vec![0usize; k]; 5];
        for (&c, &f) in classes.iter().zip(&folds) {
            prop_assert!((f as usize) < k);
            cells[c as usize][f as usize] += 1;
        }
        let n = classes.len();
        for f in 0..k {
            let size: usize = cells.iter().map(|r| r[f]).sum();
            prop_assert!(size == n / k || size == n.div_ceil(k));
        }
        for row in &cells {
            let c: usize = row.iter().sum();
            prop_assert!(row.iter().all(|&x| x == c / k || x == c.div_ceil(k)));
        }
        let again = mlops_engine::split::stratified_kfold(&classes, 5, k, seed)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(again, folds);
    }
}
