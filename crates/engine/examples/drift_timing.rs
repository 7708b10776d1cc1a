//! The native side of `make bench-drift`: the Drift lab's tests on the
//! files scripts/bench_drift.py writes, timed the way the script times
//! SciPy and NumPy (median of RUNS after a warm-up).
//!
//! `cargo run --release -p mlops-engine --example
//! drift_timing -- DIR [RUNS]` reads `DIR/drift-{a,b}.f64` (little-endian
//! f64, the reference and current numbers) and `DIR/drift-{ca,cb}.u32`
//! (category codes), builds the columns, and prints JSON: `ks_wasserstein_s`
//! (the pair, whose sort both use, then the KS p-value and the normed
//! Wasserstein distance), `psi_s` (the pair again, Sturges bins over both samples, PSI),
//! `chisquare_s` (category counts, chi-square p-value), and the results.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use mlops_engine::drift::batch_io::batch_table;
use mlops_engine::drift::sample::pair;
use mlops_engine::drift::stattests::score;
use mlops_engine::drift::{
    monitor, simulate, Method, MonitorRequest, Scenario, Shape, SimulateRequest,
};
use mlops_engine::table::{Bitmap, Column, ColumnData, Table};
use std::time::Instant;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len().saturating_sub(1) / 2]
}

fn numeric(path: &str) -> Column {
    let bytes = std::fs::read(path).unwrap();
    let values: Vec<f64> = bytes
        .chunks_exact(8)
        .map(|c| f64::from_le_bytes(c.try_into().unwrap()))
        .collect();
    let mut missing = Bitmap::new();
    values.iter().for_each(|_| missing.push(false));
    Column {
        name: "x".into(),
        data: ColumnData::Numeric { values, missing },
    }
}

fn categorical(path: &str) -> Column {
    let bytes = std::fs::read(path).unwrap();
    let codes: Vec<u32> = bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
        .collect();
    let k = codes.iter().copied().max().unwrap_or(0) as usize + 1;
    let dictionary = (0..k).map(|i| format!("c{i:02}")).collect();
    Column {
        name: "c".into(),
        data: ColumnData::Categorical { codes, dictionary },
    }
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut last = f();
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        last = f();
        times.push(t.elapsed().as_secs_f64());
    }
    (median(times), last)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = &args[1];
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let (a, b) = (
        numeric(&format!("{dir}/drift-a.f64")),
        numeric(&format!("{dir}/drift-b.f64")),
    );
    let (ca, cb) = (
        categorical(&format!("{dir}/drift-ca.u32")),
        categorical(&format!("{dir}/drift-cb.u32")),
    );
    let (ks_s, (ks, w)) = time(runs, || {
        let (p, _) = pair(&a, &b);
        (score(Method::Ks, &p), score(Method::Wasserstein, &p))
    });
    let (psi_s, psi) = time(runs, || {
        let (p, _) = pair(&a, &b);
        score(Method::Psi, &p)
    });
    let (chi_s, chi) = time(runs, || {
        let (p, _) = pair(&ca, &cb);
        score(Method::Chisquare, &p)
    });
    let timeline_s = timeline(runs);
    println!(
        "{{\"ks_wasserstein_s\": {ks_s}, \"psi_s\": {psi_s}, \"chisquare_s\": {chi_s}, \"timeline_s\": {timeline_s}, \"ks_p\": {}, \"wasserstein\": {}, \"psi\": {}, \"chisquare_p\": {}}}",
        ks.unwrap(),
        w.unwrap(),
        psi.unwrap(),
        chi.unwrap()
    );
}

/// The Drift lab's timeline: 20 batches of 1,000 rows × 20 numeric features
/// (a reference of 5,000 rows drawn from the file's numbers), simulated
/// with a sudden data drift on one feature, then monitored (every
/// feature's drift test, the chunk bounds, the alerts). Seconds, median.
fn timeline(runs: usize) -> f64 {
    let a = numeric(
        &std::env::args()
            .nth(1)
            .map(|d| format!("{d}/drift-a.f64"))
            .unwrap_or_default(),
    );
    let ColumnData::Numeric { values, .. } = &a.data else {
        return f64::NAN;
    };
    let columns: Vec<Column> = (0..20)
        .map(|f| {
            let v: Vec<f64> = values[f * 5000..(f + 1) * 5000].to_vec();
            let mut missing = Bitmap::new();
            v.iter().for_each(|_| missing.push(false));
            Column {
                name: format!("f{f:02}"),
                data: ColumnData::Numeric { values: v, missing },
            }
        })
        .collect();
    let reference = Table {
        name: "reference".into(),
        columns,
        n_rows: 5000,
        ..Table::default()
    };
    let request = SimulateRequest {
        scenario: Scenario::Data,
        shape: Shape::Sudden,
        batches: 20,
        seed: 1,
        batch_rows: Some(1000),
        magnitude: Some(0.5),
        feature: Some("f03".into()),
        target: None,
        change_at: None,
        period: None,
    };
    let (t, _) = time(runs, || {
        let (_, batches) = simulate(&reference, &request).unwrap();
        let tables: Vec<(String, Table)> = batches
            .iter()
            .enumerate()
            .map(|(i, b)| (format!("b{i}"), batch_table(&reference, b, format!("b{i}"))))
            .collect();
        monitor(&reference, &tables, None, &MonitorRequest::default())
            .unwrap()
            .batches
            .len()
    });
    t
}
