//! Split files: every input row exactly once, every field with its input text.
#![allow(clippy::panic)] // a failed read in a test helper is a test failure

use mlops_engine::split::{export_splits, split_table, SplitRequest, Strategy};
use mlops_engine::table::{read_csv, CsvOptions};
use mlops_engine::Table;

fn read(bytes: &[u8]) -> Table {
    let options = CsvOptions {
        name: "in.csv".into(),
        delimiter: None,
    };
    read_csv(bytes, &options).unwrap_or_else(|e| panic!("{e}"))
}

fn split(table: &Table, target: &str, ratios: &[u32], seed: u64) -> Vec<u8> {
    let request = SplitRequest {
        target: target.into(),
        strategy: Strategy::Random,
        ratios: ratios.to_vec(),
        seed,
        by: None,
    };
    split_table(table, &request)
        .unwrap_or_else(|e| panic!("{e}"))
        .assignment
}

fn export(bytes: &[u8], table: &Table, assignment: &[u8], n: usize) -> Vec<String> {
    export_splits(bytes, table, assignment, n)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|f| String::from_utf8(f).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

/// Data lines of every file (header dropped), sorted.
fn body_lines(files: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = files
        .iter()
        .flat_map(|f| f.lines().skip(1).map(str::to_string))
        .collect();
    lines.sort();
    lines
}

#[test]
fn sample_rows_appear_exactly_once_in_order() {
    let bytes = include_bytes!("../data/sample-defects.csv");
    let table = read(bytes);
    let assignment = split(&table, "defect", &[60, 20, 20], 7);
    let files = export(bytes, &table, &assignment, 3);
    let text = String::from_utf8_lossy(bytes);
    let mut input: Vec<&str> = text.lines().collect();
    let header = input.remove(0);
    for (j, file) in files.iter().enumerate() {
        assert!(file.ends_with('\n'));
        assert!(!file.contains('\r'));
        let mut lines = file.lines();
        assert_eq!(lines.next(), Some(header));
        // Rows keep their original order within a split.
        let want: Vec<&str> = input
            .iter()
            .zip(&assignment)
            .filter(|(_, &s)| s as usize == j)
            .map(|(l, _)| *l)
            .collect();
        assert_eq!(lines.collect::<Vec<_>>(), want);
    }
    let mut sorted: Vec<String> = input.iter().map(|s| s.to_string()).collect();
    sorted.sort();
    assert_eq!(body_lines(&files), sorted);
}

#[test]
fn fields_keep_their_text_and_quotes_only_where_needed() {
    let input = "\u{feff}id,x,note,y\r\n\
                 1,0.50,\"plain\",0\r\n\
                 2,1e3,\"a,b\",1\r\n\
                 3,-0,\"say \"\"hi\"\"\",0\r\n\
                 4,007,\"two\nlines\",1\r\n\
                 5,NA,it's 5\" tall,0\r\n\
                 6,,\"\",1\r\n";
    let table = read(input.as_bytes());
    assert_eq!(table.n_rows, 6);
    let assignment = vec![0, 1, 0, 1, 0, 1];
    let files = export(input.as_bytes(), &table, &assignment, 2);
    assert_eq!(
        files[0],
        "id,x,note,y\n1,0.50,plain,0\n3,-0,\"say \"\"hi\"\"\",0\n5,NA,\"it's 5\"\" tall\",0\n"
    );
    assert_eq!(
        files[1],
        "id,x,note,y\n2,1e3,\"a,b\",1\n4,007,\"two\nlines\",1\n6,,,1\n"
    );
    // Read back, the files give the same fields as the input.
    for file in &files {
        let back = read(file.as_bytes());
        assert_eq!(back.column_names(), vec!["id", "x", "note", "y"]);
    }
}

#[test]
fn semicolons_and_a_single_column() {
    let input = "a;b\n1,5;x\n2,5;y\n3,5;z\n";
    let table = read(input.as_bytes());
    assert_eq!(table.source.delimiter, b';');
    let files = export(input.as_bytes(), &table, &[1, 0, 1], 2);
    assert_eq!(files[0], "a;b\n2,5;y\n");
    assert_eq!(files[1], "a;b\n1,5;x\n3,5;z\n");
}

#[test]
fn utf16_and_windows_1252_sources_become_utf8() {
    let text = "name,y\nzoë,1\nçà,0\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let table = read(&utf16);
    assert_eq!(table.source.encoding, "utf-16le");
    let files = export(&utf16, &table, &[0, 1], 2);
    assert_eq!(files[0], "name,y\nzoë,1\n");
    assert_eq!(files[1], "name,y\nçà,0\n");

    let latin: Vec<u8> = b"name,y\nzo\xEB,1\n\xE7\xE0,0\n".to_vec();
    let table = read(&latin);
    assert_eq!(table.source.encoding, "windows-1252");
    let files = export(&latin, &table, &[1, 0], 2);
    assert_eq!(files[0], "name,y\nçà,0\n");
    assert_eq!(files[1], "name,y\nzoë,1\n");
}

#[test]
fn a_changed_source_is_an_error_not_a_wrong_file() {
    let input = "a,y\n1,0\n2,1\n";
    let table = read(input.as_bytes());
    let longer = "a,y\n1,0\n2,1\n3,0\n";
    assert!(export_splits(longer.as_bytes(), &table, &[0, 1], 2).is_err());
    assert!(export_splits(input.as_bytes(), &table, &[0], 2).is_err());
    assert!(export_splits(input.as_bytes(), &table, &[0, 5], 2).is_err());
}

#[test]
fn export_with_no_rows_writes_headers() {
    let input = "a,y\n";
    let table = read(input.as_bytes());
    let files = export(input.as_bytes(), &table, &[], 3);
    assert_eq!(files, vec!["a,y\n"; 3]);
}

mod roundtrip {
    use super::*;
    use proptest::prelude::*;
    use proptest::strategy::Strategy as _;

    fn field() -> impl proptest::strategy::Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "a", "1", ".", "0.50", " ", ",", ";", "\"", "\n", "\r\n", "é", "NA",
            ]),
            0..4,
        )
        .prop_map(|parts| parts.concat())
    }

    fn quote(f: &str, always: bool) -> String {
        if always || f.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", f.replace('"', "\"\""))
        } else {
            f.to_string()
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Every input record comes out exactly once, field for field, in a
        /// split file that reads back to the same fields.
        #[test]
        fn every_row_once_with_its_fields(
            rows in prop::collection::vec(prop::collection::vec(field(), 3), 1..40),
            quote_all in any::<bool>(),
            crlf in any::<bool>(),
            seed in any::<u64>(),
        ) {
            // A first column of row ids keeps every record non-blank and unique.
            let records: Vec<Vec<String>> = rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let mut rec = vec![format!("r{i}")];
                    rec.extend(r.iter().cloned());
                    rec
                })
                .collect();
            let eol = if crlf { "\r\n" } else { "\n" };
            let mut input = String::from("id,b,c,d");
            input.push_str(eol);
            for rec in &records {
                let line: Vec<String> = rec.iter().map(|f| quote(f, quote_all)).collect();
                input.push_str(&line.join(","));
                input.push_str(eol);
            }
            let table = read_csv(input.as_bytes(), &CsvOptions { name: "p.csv".into(), delimiter: Some(b',') })
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(table.n_rows, records.len());
            let assignment = mlops_engine::split::random_assignment(records.len(), &[60, 20, 20], seed);
            let files = export_splits(input.as_bytes(), &table, &assignment, 3)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let mut seen: Vec<Vec<String>> = Vec::new();
            for (j, file) in files.iter().enumerate() {
                prop_assert!(file.ends_with(b"\n"));
                prop_assert!(!file.starts_with(b"\xEF\xBB\xBF"));
                let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(file.as_slice());
                let mut expected = records
                    .iter()
                    .zip(&assignment)
                    .filter(|(_, &s)| s as usize == j)
                    .map(|(r, _)| r.clone());
                for rec in reader.records() {
                    let rec = rec.map_err(|e| TestCaseError::fail(e.to_string()))?;
                    let fields: Vec<String> = rec.iter().map(str::to_string).collect();
                    prop_assert_eq!(Some(fields.clone()), expected.next());
                    seen.push(fields);
                }
                prop_assert_eq!(expected.next(), None);
            }
            seen.sort();
            let mut all = records.clone();
            all.sort();
            prop_assert_eq!(seen, all);
        }
    }
}
