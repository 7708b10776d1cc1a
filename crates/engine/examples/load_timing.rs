//! The native side of `make bench-browser`: the same engine on the same file,
//! fed in 2 MiB slices, about the size of the chunks Chromium's
//! `File.stream()` hands the worker (1.9 MB on the 124 MB file).
//!
//! `cargo run --release -p mlops-engine --example load_timing -- FILE [RUNS]`
//! prints JSON: the median `read_ms` (bytes → typed table) and `profile_ms`
//! (what the worker computes before it replies: the dataset's summary and
//! every column's profile) over RUNS runs, and the table's `heap_bytes`.
//! The file is read into memory first, so disk time is not counted.

use mlops_engine::data::summarize;
use mlops_engine::table::{profile, CsvLoader, CsvOptions};
use std::time::Instant;

const SLICE: usize = 2 << 20;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or(0.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: load_timing FILE [RUNS]")?;
    let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(5);
    let bytes = std::fs::read(&path)?;
    let (mut read, mut prof, mut heap) = (Vec::new(), Vec::new(), 0);
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let mut loader = CsvLoader::new(CsvOptions {
            name: path.clone(),
            delimiter: None,
        });
        for slice in bytes.chunks(SLICE) {
            loader.push(slice)?;
        }
        let table = loader.finish()?;
        read.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let report = (summarize(&table, 1), profile(&table));
        prof.push(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(report);
        heap = table.heap_bytes();
    }
    println!(
        "{{\"read_ms\":{},\"profile_ms\":{},\"heap_bytes\":{heap}}}",
        median(read),
        median(prof)
    );
    Ok(())
}
