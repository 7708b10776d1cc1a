//! CSV read throughput: the engine's typed read against the `csv` crate's
//! bare `ByteRecord` loop over the same bytes.
//!
//! The file (1,000,000 rows: 10 numeric, 2 categorical and 1 label column,
//! about 100 MB) is generated deterministically and written to
//! `bench-data/bench.csv` (git-ignored) so `scripts/bench_pyarrow_csv.py` can
//! time pyarrow on the very same bytes. Before criterion's runs, a direct
//! timing prints the throughput ratio (target: engine >= 0.5x the bare loop)
//! and the table's memory against the file size (target: <= 1.2).
//!
//! Run: `cargo bench -p mlops-engine --bench csv_read`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use mlops_engine::table::{read_csv, CsvLoader, CsvOptions};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const ROWS: usize = 1_000_000;

/// A deterministic ~100 MB CSV.
fn generate() -> Vec<u8> {
    use std::fmt::Write;
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut s = String::with_capacity(ROWS * 104);
    s.push_str("f0,f1,f2,f3,f4,f5,i0,i1,g0,g1,shape,city,label\n");
    for _ in 0..ROWS {
        for _ in 0..6 {
            let v = (next() % 1_000_000) as f64 / 1000.0;
            let _ = write!(s, "{v:.3},");
        }
        for _ in 0..2 {
            let _ = write!(s, "{},", next() % 100_000);
        }
        for _ in 0..2 {
            let v = (next() % 1_000_000) as f64 / 1e6;
            let _ = write!(s, "{v:.6},");
        }
        let _ = writeln!(
            s,
            "shape_{},city_{},{}",
            next() % 50,
            next() % 2000,
            next() % 2
        );
    }
    s.into_bytes()
}

fn bare_loop(bytes: &[u8]) -> usize {
    let mut rdr = csv::ReaderBuilder::new().from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut fields = 0;
    while let Ok(true) = rdr.read_byte_record(&mut record) {
        fields += record.len();
    }
    fields
}

fn engine(bytes: &[u8]) -> usize {
    match read_csv(bytes, &CsvOptions::default()) {
        Ok(t) => t.n_rows,
        Err(_) => 0,
    }
}

fn engine_chunked(bytes: &[u8]) -> usize {
    let mut loader = CsvLoader::new(CsvOptions::default());
    for chunk in bytes.chunks(1 << 20) {
        if loader.push(chunk).is_err() {
            return 0;
        }
    }
    loader.finish().map(|t| t.n_rows).unwrap_or(0)
}

fn best_of(runs: usize, f: impl Fn() -> usize) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let bytes = generate();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench-data");
    if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::write(dir.join("bench.csv"), &bytes);
    }
    let mb = bytes.len() as f64 / 1e6;

    let bare = best_of(3, || bare_loop(&bytes));
    let typed = best_of(3, || engine(&bytes));
    let chunked = best_of(3, || engine_chunked(&bytes));
    let table = read_csv(&bytes, &CsvOptions::default());
    println!("file: {mb:.1} MB, {ROWS} rows");
    println!(
        "csv ByteRecord loop: {:.3} s ({:.0} MB/s)",
        bare.as_secs_f64(),
        mb / bare.as_secs_f64()
    );
    println!(
        "engine read_csv:     {:.3} s ({:.0} MB/s), ratio {:.2}x of the bare loop",
        typed.as_secs_f64(),
        mb / typed.as_secs_f64(),
        bare.as_secs_f64() / typed.as_secs_f64()
    );
    println!(
        "engine 1 MiB chunks: {:.3} s ({:.0} MB/s), ratio {:.2}x",
        chunked.as_secs_f64(),
        mb / chunked.as_secs_f64(),
        bare.as_secs_f64() / chunked.as_secs_f64()
    );
    if let Ok(t) = &table {
        let start = Instant::now();
        black_box(mlops_engine::table::profile(t));
        println!(
            "profile of the table: {:.3} s",
            start.elapsed().as_secs_f64()
        );
        println!(
            "memory: heap_bytes {} = {:.3} x file size; kinds {:?}",
            t.heap_bytes(),
            t.heap_bytes() as f64 / bytes.len() as f64,
            t.columns.iter().map(|c| c.kind()).collect::<Vec<_>>()
        );
    }

    let mut group = c.benchmark_group("csv_read");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("csv_byte_record_loop", |b| b.iter(|| bare_loop(&bytes)));
    group.bench_function("engine_read_csv", |b| b.iter(|| engine(&bytes)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
