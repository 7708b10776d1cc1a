//! The CSV reader through the public API, on the committed sample datasets
//! and fixtures: chunking and encodings never change the table.

// Test helpers outside `#[test]` functions may fail loudly too.
#![allow(clippy::unwrap_used, clippy::panic)]

use mlops_engine::table::{read_csv, CsvLoader, CsvOptions, Table};
use std::path::PathBuf;

fn files() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["data", "tests/fixtures/data"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "csv") {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                out.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    assert!(out.len() >= 5);
    out
}

fn options(name: &str) -> CsvOptions {
    CsvOptions {
        name: name.into(),
        delimiter: None,
    }
}

fn chunked(name: &str, bytes: &[u8], size: usize) -> Table {
    let mut loader = CsvLoader::new(options(name));
    let mut last = None;
    for chunk in bytes.chunks(size) {
        let p = loader.push(chunk).unwrap();
        if let Some(prev) = last {
            assert!(p.rows_read >= prev, "progress never goes back");
        }
        last = Some(p.rows_read);
    }
    loader.finish().unwrap()
}

/// Tables compare through their debug text: a missing number is NaN.
fn same(a: &Table, b: &Table) -> bool {
    format!("{:?}", a.columns) == format!("{:?}", b.columns) && a.n_rows == b.n_rows
}

#[test]
fn chunk_sizes_do_not_change_tables() {
    for (name, bytes) in files() {
        let whole = read_csv(&bytes, &options(&name)).unwrap();
        assert!(whole.n_rows > 0, "{name}");
        assert_eq!(whole.source.bytes, bytes.len() as u64);
        for size in [1, 2, 3, 7, 64, 1000, 4096, 1 << 20] {
            let t = chunked(&name, &bytes, size);
            assert!(same(&t, &whole), "{name} in chunks of {size}");
            assert_eq!(t.source, whole.source, "{name} in chunks of {size}");
            assert_eq!(t.warnings, whole.warnings, "{name} in chunks of {size}");
        }
    }
}

#[test]
fn utf16_and_windows_1252_copies_read_the_same() {
    for (name, bytes) in files() {
        let whole = read_csv(&bytes, &options(&name)).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        for (copy, encoding) in [(le, "utf-16le"), (be, "utf-16be")] {
            for size in [1, 5, 1 << 20] {
                let t = chunked(&name, &copy, size);
                assert!(same(&t, &whole), "{name} as {encoding} in chunks of {size}");
                assert_eq!(t.source.encoding, encoding);
            }
        }
        let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
        if !unmappable && !text.is_ascii() {
            let t = read_csv(&cp1252, &options(&name)).unwrap();
            assert!(same(&t, &whole), "{name} as windows-1252");
            assert_eq!(t.source.encoding, "windows-1252");
            assert_eq!(t.warnings.len(), whole.warnings.len() + 1);
        }
    }
}

#[test]
fn samples_have_the_expected_shape() {
    let defects = files()
        .into_iter()
        .find(|(n, _)| n == "sample-defects.csv")
        .unwrap();
    let t = read_csv(&defects.1, &options(&defects.0)).unwrap();
    assert_eq!(t.n_rows, 100);
    assert_eq!(t.source.delimiter, b',');
    assert_eq!(t.source.encoding, "utf-8");
    assert!(t.warnings.is_empty());
}
