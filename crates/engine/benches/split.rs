//! Split speed: a stratified split of 1,000,000 rows (compare with
//! `scripts/bench_sklearn_split.py`, scikit-learn's `train_test_split` with
//! `stratify=y` on the same sizes) and the split lottery (1,000 seeds over
//! 100,000 rows; the page redraws it as a slider moves).
//!
//! Run: `cargo bench -p mlops-engine --bench split`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use mlops_engine::basics::rng::{below, seeded};
use mlops_engine::split::{
    lottery, random_assignment, split_table, stratified_assignment, SplitRequest, Strategy,
};
use mlops_engine::table::{Bitmap, Column, ColumnData, Table};
use std::time::Duration;

const ROWS: usize = 1_000_000;

/// 1M labels, about 30% ones, in random order.
fn labels() -> Vec<u32> {
    let mut rng = seeded(99);
    (0..ROWS)
        .map(|_| u32::from(below(&mut rng, 10) < 3))
        .collect()
}

fn table(labels: &[u32]) -> Table {
    let values: Vec<f64> = labels.iter().map(|&c| f64::from(c)).collect();
    Table {
        name: "bench.csv".into(),
        n_rows: values.len(),
        columns: vec![Column {
            name: "y".into(),
            data: ColumnData::Numeric {
                missing: Bitmap::zeros(values.len()),
                values,
            },
        }],
        ..Table::default()
    }
}

fn bench(c: &mut Criterion) {
    let labels = labels();
    let table = table(&labels);
    let request = |ratios: &[u32]| SplitRequest {
        target: "y".into(),
        strategy: Strategy::Stratified,
        ratios: ratios.to_vec(),
        seed: 42,
        by: None,
    };
    let three = request(&[60, 20, 20]);
    let two = request(&[80, 20]);
    // class_index + allocation + assignment + report, from a typed table.
    c.bench_function("split_table stratified 60/20/20, 1M rows", |b| {
        b.iter(|| split_table(black_box(&table), black_box(&three)))
    });
    c.bench_function("split_table stratified 80/20, 1M rows", |b| {
        b.iter(|| split_table(black_box(&table), black_box(&two)))
    });
    c.bench_function("class_index, 1M rows", |b| {
        b.iter(|| black_box(&table.columns[0]).class_index())
    });
    c.bench_function("stratified_assignment 60/20/20, 1M codes", |b| {
        b.iter(|| stratified_assignment(black_box(&labels), 2, &[60, 20, 20], 42))
    });
    c.bench_function("random_assignment 60/20/20, 1M rows", |b| {
        b.iter(|| random_assignment(black_box(ROWS), &[60, 20, 20], 42))
    });
    c.bench_function("lottery 1000 seeds, 100k rows, 60/20/20", |b| {
        b.iter(|| lottery(black_box(&[70_000, 30_000]), &[60, 20, 20], 1000, 7))
    });
    c.bench_function("lottery 1000 seeds, 100k rows, 10 classes", |b| {
        let counts: Vec<u64> = (1..=10).map(|k| k * 1_818).collect();
        b.iter(|| lottery(black_box(&counts), &[60, 20, 20], 1000, 7))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
