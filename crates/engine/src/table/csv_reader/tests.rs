//! Named edge cases of the reader.

use super::*;
use crate::table::{ColumnData, ColumnKind};

fn read(text: &str) -> Table {
    read_csv(
        text.as_bytes(),
        &CsvOptions {
            name: "t.csv".into(),
            delimiter: None,
        },
    )
    .unwrap()
}

fn read_err(bytes: &[u8]) -> EngineError {
    read_csv(
        bytes,
        &CsvOptions {
            name: "t.csv".into(),
            delimiter: None,
        },
    )
    .unwrap_err()
}

fn texts(t: &Table, col: &str) -> Vec<Option<String>> {
    let c = t.column(col).unwrap();
    (0..c.len())
        .map(|r| c.text(r).map(|s| s.into_owned()))
        .collect()
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

/// Tables compared through their debug text, since NaN (a missing number's
/// placeholder) is not equal to itself.
fn dbg<T: std::fmt::Debug>(t: &T) -> String {
    format!("{t:?}")
}

fn read_chunked(bytes: &[u8], sizes: &mut dyn FnMut() -> usize) -> Result<Table> {
    let mut loader = CsvLoader::new(CsvOptions::default());
    let mut rest = bytes;
    while !rest.is_empty() {
        let n = sizes().clamp(1, rest.len());
        loader.push(&rest[..n])?;
        rest = &rest[n..];
    }
    loader.finish()
}

#[test]
fn quotes_and_doubled_quotes() {
    let t = read("a,b\n\"x,1\",\"say \"\"hi\"\"\"\n");
    assert_eq!(texts(&t, "a"), vec![s("x,1")]);
    assert_eq!(texts(&t, "b"), vec![s("say \"hi\"")]);
}

#[test]
fn quote_inside_unquoted_field_is_text() {
    let t = read("a,b\n5\"x,2\n");
    assert_eq!(texts(&t, "a"), vec![s("5\"x")]);
    assert_eq!(t.column("b").unwrap().kind(), ColumnKind::Numeric);
}

#[test]
fn newline_in_quotes_then_ragged_row_names_its_line() {
    let t = read("a,b\n\"line1\nline2\",1\n");
    assert_eq!(texts(&t, "a"), vec![s("line1\nline2")]);
    let e = read_err(b"a,b\n\"x\ny\nz\",1\n3,4\n5,6,7\n");
    assert_eq!(
        e.to_string(),
        "t.csv, line 6: found a record with 3 fields, but the header has 2"
    );
    // CRLF line endings and blank lines count as physical lines too.
    let e = read_err(b"a,b\r\n1,2\r\n\r\n\"q\r\nq\",3\r\n4\r\n");
    match e {
        EngineError::UnequalLengths { pos, .. } => assert_eq!(pos.line, Some(6)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn ragged_record_without_final_newline() {
    let e = read_err(b"a,b\n1,2\n3");
    assert_eq!(
        e.to_string(),
        "t.csv, line 3: found a record with 1 fields, but the header has 2"
    );
}

#[test]
fn crlf_and_lf_give_the_same_table() {
    let lf = read("a,b\n1,x\n2,y\n");
    let crlf = read("a,b\r\n1,x\r\n2,y\r\n");
    assert_eq!(dbg(&lf.columns), dbg(&crlf.columns));
    assert_eq!(lf.n_rows, 2);
}

#[test]
fn utf8_bom_is_ignored() {
    let t = read("\u{feff}a,b\n1,2\n");
    assert_eq!(t.column_names(), vec!["a", "b"]);
    assert_eq!(t.source.encoding, "utf-8");
}

#[test]
fn each_delimiter_is_detected() {
    for d in [',', ';', '\t', '|'] {
        let text = format!("a{d}b{d}c\n1{d}2{d}3\n4{d}5{d}6\n");
        let t = read(&text);
        assert_eq!(t.source.delimiter, d as u8, "{d:?}");
        assert_eq!(t.columns.len(), 3);
    }
}

#[test]
fn delimiter_rules() {
    // Decimal commas with `;`: `;` splits every record into 2, `,` does not.
    let t = read("a;b\n1,5;2\n3;4,5\n");
    assert_eq!(t.source.delimiter, b';');
    assert_eq!(t.column("a").unwrap().kind(), ColumnKind::Categorical);
    // Both fit: more fields wins.
    let t = read("a,b;c,d\n1,2;3,4\n");
    assert_eq!(t.source.delimiter, b',');
    let t = read("a;b;c,d\n1;2;3,4\n");
    assert_eq!(t.source.delimiter, b';');
    // Equal counts: the earlier candidate.
    let t = read("a,b|c\n1,2|3\n");
    assert_eq!(t.source.delimiter, b',');
    // Nothing fits: `,`.
    let t = read("only\n1\n2\n");
    assert_eq!(t.source.delimiter, b',');
    // Delimiters inside quotes do not count.
    let t = read("\"a;x\",b\n\"1;2\",3\n");
    assert_eq!(t.source.delimiter, b',');
    // Only the header and the first 20 records decide.
    let mut text = String::from("a,b\n");
    for i in 0..20 {
        text.push_str(&format!("{i},{i}\n"));
    }
    text.push_str("1,2,3\n");
    assert_eq!(
        read_err(text.as_bytes()).to_string(),
        "t.csv, line 22: found a record with 3 fields, but the header has 2"
    );
}

#[test]
fn given_delimiter_is_used() {
    let t = read_csv(
        b"a;b,c\n1;2,3\n",
        &CsvOptions {
            name: "t.csv".into(),
            delimiter: Some(b';'),
        },
    )
    .unwrap();
    assert_eq!(t.column_names(), vec!["a", "b,c"]);
}

#[test]
fn missing_tokens() {
    let t = read("x,y\n1,a\n,b\nNA,c\n n/a ,d\nNaN,e\nnull,f\nNONE,g\n2,none\n");
    let x = t.column("x").unwrap();
    assert_eq!(x.kind(), ColumnKind::Numeric);
    assert_eq!(x.missing_count(), 6);
    assert_eq!(x.number(7), Some(2.0));
    assert_eq!(t.column("y").unwrap().missing_count(), 1);
}

#[test]
fn inf_and_decimal_comma_are_categorical() {
    let t = read("a,b,c\n1,\"1,5\",2\ninf,2,.5\n");
    assert_eq!(t.column("a").unwrap().kind(), ColumnKind::Categorical);
    assert_eq!(texts(&t, "a"), vec![s("1"), s("inf")]);
    assert_eq!(t.column("b").unwrap().kind(), ColumnKind::Categorical);
    assert_eq!(t.column("c").unwrap().kind(), ColumnKind::Numeric);
}

#[test]
fn numbers_before_text_are_reformatted() {
    let t = read("a\n1.50\n-0\nx\n");
    assert_eq!(texts(&t, "a"), vec![s("1.5"), s("0"), s("x")]);
}

#[test]
fn kinds_booleans_and_spaces() {
    let t = read("n,b,c,e\n 1 ,TRUE,x,\n2e3,false, y ,NA\n");
    assert_eq!(t.column("n").unwrap().number(0), Some(1.0));
    assert_eq!(t.column("n").unwrap().number(1), Some(2000.0));
    assert_eq!(t.column("b").unwrap().kind(), ColumnKind::Boolean);
    assert_eq!(texts(&t, "b"), vec![s("true"), s("false")]);
    // Categories keep their text exactly.
    assert_eq!(texts(&t, "c"), vec![s("x"), s(" y ")]);
    let e = t.column("e").unwrap();
    assert_eq!(e.kind(), ColumnKind::Numeric);
    assert_eq!(e.missing_count(), 2);
    // A boolean column meeting another word is categorical.
    let t = read("b\ntrue\nmaybe\n");
    assert_eq!(t.column("b").unwrap().kind(), ColumnKind::Categorical);
    assert_eq!(texts(&t, "b"), vec![s("true"), s("maybe")]);
}

#[test]
fn empty_file_and_blank_file_are_malformed() {
    for input in [&b""[..], b"\n\n", b"\xef\xbb\xbf", b"\r\n"] {
        let e = read_err(input);
        assert!(matches!(e, EngineError::Malformed { .. }), "{input:?}");
        assert!(e.to_string().starts_with("t.csv: "));
    }
}

#[test]
fn header_only_has_no_rows() {
    let t = read("a,b\n");
    assert_eq!(t.n_rows, 0);
    assert_eq!(t.column_names(), vec!["a", "b"]);
    assert_eq!(t.column("a").unwrap().kind(), ColumnKind::Numeric);
}

#[test]
fn duplicate_and_empty_header_names() {
    let t = read("a,a,,b,a\n1,2,3,4,5\n");
    assert_eq!(t.column_names(), vec!["a", "a_2", "column_3", "b", "a_3"]);
    assert_eq!(t.warnings.len(), 3);
}

#[test]
fn utf16_with_bom() {
    let text = "name,n\nzoë,1\nçà,2\n";
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
    }
    for (bytes, enc) in [(le, "utf-16le"), (be, "utf-16be")] {
        let t = read_csv(&bytes, &CsvOptions::default()).unwrap();
        assert_eq!(t.source.encoding, enc);
        assert_eq!(texts(&t, "name"), vec![s("zoë"), s("çà")]);
        assert_eq!(t.source.bytes, bytes.len() as u64);
        let one = read_chunked(&bytes, &mut || 1).unwrap();
        assert_eq!(dbg(&one), dbg(&t));
    }
}

#[test]
fn windows_1252_is_decoded_with_a_warning() {
    // "café" and "naïve" in Windows-1252; the header has a UTF-8-looking
    // but valid byte pair earlier on ("Ã©" would be decoded back).
    let bytes = b"name,n\ncaf\xe9,1\nna\xefve,2\n";
    let t = read_csv(bytes, &CsvOptions::default()).unwrap();
    assert_eq!(t.source.encoding, "windows-1252");
    assert_eq!(texts(&t, "name"), vec![s("café"), s("naïve")]);
    assert_eq!(t.warnings.len(), 1);
    assert!(t.warnings[0].contains("Windows-1252"));
    assert!(t.warnings[0].contains("line 2"));
    // Text read as UTF-8 before the first invalid byte is re-read as
    // Windows-1252 too, as if the whole file had been.
    let t = read_csv(b"a\n\xc3\xa9\n\xe9\n", &CsvOptions::default()).unwrap();
    assert_eq!(texts(&t, "a"), vec![s("Ã©"), s("é")]);
    // Valid UTF-8 stays UTF-8, without warnings.
    let t = read("a\ncafé\n");
    assert_eq!(t.source.encoding, "utf-8");
    assert!(t.warnings.is_empty());
}

#[test]
fn source_facts() {
    let t = read("a;b\n1;2\n");
    assert_eq!(t.source.delimiter, b';');
    assert_eq!(t.source.bytes, 8);
    assert_eq!(t.name, "t.csv");
}

fn messy_file() -> Vec<u8> {
    let mut text = String::from("\u{feff}id;name;score;flag;note\r\n");
    for i in 0..300 {
        let note = match i % 5 {
            0 => "\"multi\r\nline; \"\"quoted\"\"\"".to_string(),
            1 => "NA".to_string(),
            2 => format!("plain {i}"),
            3 => "".to_string(),
            _ => "x\"y".to_string(),
        };
        let score = if i == 250 {
            "n/a".to_string()
        } else {
            format!("{}.25", i)
        };
        text.push_str(&format!(
            "{i};émile {};{score};{};{note}\r\n",
            i % 7,
            if i % 2 == 0 { "True" } else { "false" }
        ));
    }
    text.push_str("999;last;1e3;true;end");
    text.into_bytes()
}

#[test]
fn chunk_boundaries_do_not_matter() {
    let bytes = messy_file();
    let whole = read_csv(&bytes, &CsvOptions::default()).unwrap();
    assert_eq!(whole.n_rows, 301);
    assert_eq!(whole.source.delimiter, b';');
    assert_eq!(whole.column("flag").unwrap().kind(), ColumnKind::Boolean);
    assert_eq!(texts(&whole, "note")[0], s("multi\r\nline; \"quoted\""));
    let ones = read_chunked(&bytes, &mut || 1).unwrap();
    assert_eq!(dbg(&ones), dbg(&whole));
    let mut state = 12345u64;
    for _ in 0..20 {
        let mut sizes = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) % 97) as usize + 1
        };
        let t = read_chunked(&bytes, &mut sizes).unwrap();
        assert_eq!(dbg(&t), dbg(&whole));
    }
}

#[test]
fn progress_is_reported_while_streaming() {
    let mut text = String::from("a,b\n");
    for i in 0..1000 {
        text.push_str(&format!("{i},{}\n", i * 2));
    }
    let bytes = text.as_bytes();
    let mut loader = CsvLoader::new(CsvOptions::default());
    let half = bytes.len() / 2;
    let p = loader.push(&bytes[..half]).unwrap();
    assert_eq!(p.bytes_read, half as u64);
    assert!(p.rows_read > 400, "{p:?}");
    let p = loader.push(&bytes[half..]).unwrap();
    assert_eq!(p.rows_read, 1000);
    let t = loader.finish().unwrap();
    assert_eq!(t.n_rows, 1000);
}

#[test]
fn an_error_sticks() {
    let mut loader = CsvLoader::new(CsvOptions {
        name: "t.csv".into(),
        delimiter: Some(b','),
    });
    loader.push(b"a,b\n1,2,3\n").unwrap_err();
    assert!(loader.push(b"4,5\n").is_err());
    assert!(loader.finish().is_err());
}

#[test]
fn column_with_no_values_is_numeric() {
    let t = read("a,b\n,1\nNA,2\n");
    let a = t.column("a").unwrap();
    assert_eq!(a.kind(), ColumnKind::Numeric);
    assert_eq!(a.missing_count(), 2);
    assert!(matches!(&a.data, ColumnData::Numeric { values, .. } if values.len() == 2));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Cell {
        Num(f64),
        Text(String),
        Missing,
    }

    fn cell() -> impl Strategy<Value = Cell> {
        prop_oneof![
            (-1e12f64..1e12).prop_map(Cell::Num),
            any::<i32>().prop_map(|i| Cell::Num(f64::from(i))),
            "[a-zA-Z ,;\"\n\r|\t]{1,8}".prop_map(Cell::Text),
            Just(Cell::Missing),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn written_tables_read_back(
            ncols in 1usize..5,
            rows in proptest::collection::vec(proptest::collection::vec(cell(), 5), 0..30),
            delim in prop_oneof![Just(b','), Just(b';'), Just(b'\t'), Just(b'|')],
        ) {
            let mut w = csv::WriterBuilder::new().delimiter(delim).from_writer(vec![]);
            let header: Vec<String> = (0..ncols).map(|i| format!("c{i}")).collect();
            w.write_record(&header).unwrap();
            for row in &rows {
                let rec: Vec<String> = row[..ncols].iter().map(|c| match c {
                    Cell::Num(x) => format!("{x}"),
                    Cell::Text(t) => t.clone(),
                    Cell::Missing => String::new(),
                }).collect();
                w.write_record(&rec).unwrap();
            }
            let bytes = w.into_inner().unwrap();
            let t = read_csv(&bytes, &CsvOptions { name: "p".into(), delimiter: Some(delim) }).unwrap();
            prop_assert_eq!(t.n_rows, rows.len());
            for (ci, col) in t.columns.iter().enumerate() {
                for (ri, row) in rows.iter().enumerate() {
                    let expect = &row[ci];
                    match (col.kind(), expect) {
                        (_, Cell::Missing) => prop_assert!(col.is_missing(ri)),
                        (ColumnKind::Numeric, Cell::Num(x)) => prop_assert_eq!(col.number(ri), Some(*x)),
                        (ColumnKind::Numeric, Cell::Text(tx)) => {
                            // Text that happens to be a number or a missing token.
                            let tr = infer::trim_ascii(tx.as_bytes());
                            prop_assert!(infer::is_missing_token(tr) || infer::parse_number(tr).is_some());
                        }
                        (_, Cell::Text(tx)) => {
                            let tr = infer::trim_ascii(tx.as_bytes());
                            if infer::is_missing_token(tr) {
                                prop_assert!(col.is_missing(ri));
                            } else if col.kind() == ColumnKind::Categorical {
                                prop_assert_eq!(col.text(ri).map(|c| c.into_owned()), Some(tx.clone()));
                            }
                        }
                        (_, Cell::Num(x)) => {
                            let txt = col.text(ri).map(|c| c.into_owned()).unwrap_or_default();
                            prop_assert_eq!(txt.parse::<f64>().ok(), Some(*x));
                        }
                    }
                }
            }
        }

        #[test]
        fn records_agree_with_the_csv_crate(text in "[ab1,\"\n\r é]{0,120}") {
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let records: Vec<csv::ByteRecord> =
                rdr.byte_records().collect::<std::result::Result<_, _>>().unwrap();
            let got = read_csv(text.as_bytes(), &CsvOptions { name: "p".into(), delimiter: Some(b',') });
            match records.split_first() {
                None => {
                    let malformed = matches!(got, Err(EngineError::Malformed { .. }));
                    prop_assert!(malformed, "{:?}", got);
                }
                Some((header, rows)) => {
                    match rows.iter().position(|r| r.len() != header.len()) {
                        Some(_) => {
                            let ragged = matches!(got, Err(EngineError::UnequalLengths { .. }));
                            prop_assert!(ragged, "{:?}", got);
                        }
                        None => {
                            let t = got.unwrap();
                            prop_assert_eq!(t.n_rows, rows.len());
                            prop_assert_eq!(t.columns.len(), header.len());
                            for (ci, col) in t.columns.iter().enumerate() {
                                if col.kind() != ColumnKind::Categorical {
                                    continue;
                                }
                                for (ri, r) in rows.iter().enumerate() {
                                    let raw = std::str::from_utf8(&r[ci]).unwrap();
                                    let tr = infer::trim_ascii(raw.as_bytes());
                                    let want = if infer::is_missing_token(tr) {
                                        None
                                    } else if infer::parse_number(tr).is_some() {
                                        continue; // reformatted by design
                                    } else {
                                        Some(raw.to_string())
                                    };
                                    prop_assert_eq!(col.text(ri).map(|c| c.into_owned()), want);
                                }
                            }
                        }
                    }
                }
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), cut in 1usize..50) {
            let whole = read_csv(&bytes, &CsvOptions::default());
            let chunked = read_chunked(&bytes, &mut || cut);
            prop_assert_eq!(whole.is_ok(), chunked.is_ok());
            if let (Ok(a), Ok(b)) = (whole, chunked) {
                prop_assert_eq!(dbg(&a), dbg(&b));
            }
        }

        #[test]
        fn csvish_bytes_never_panic(text in "[a1,;\"\n\r\t|é.\\-eE\u{feff}]{0,200}", cut in 1usize..20) {
            let whole = read_csv(text.as_bytes(), &CsvOptions::default());
            let chunked = read_chunked(text.as_bytes(), &mut || cut);
            prop_assert_eq!(dbg(&whole), dbg(&chunked));
        }
    }
}

#[test]
fn header_not_utf8_names_line_one() {
    let t = read_csv(b"caf\xe9,b\n1,2\n", &CsvOptions::default()).unwrap();
    assert_eq!(t.column_names(), vec!["café", "b"]);
    assert!(t.warnings[0].contains("line 1"), "{:?}", t.warnings);
    let t = read_csv(b"\"caf\xe9\",b\n1,2\n", &CsvOptions::default()).unwrap();
    assert!(t.warnings[0].contains("line 1"), "{:?}", t.warnings);
}

#[test]
fn fast_and_quoted_paths_mix() {
    // Simple lines, then a quoted one, a CRLF one, blank lines, and simple
    // lines again: the two record paths hand over without losing a line.
    let text = b"a,b\n1,x\n\"2\",\"y\nz\"\r\n\n3,w\r\n\n\n4,v\n5,u,extra\n";
    let e = read_err(text);
    assert_eq!(
        e.to_string(),
        "t.csv, line 10: found a record with 3 fields, but the header has 2"
    );
    let t = read(std::str::from_utf8(&text[..text.len() - 10]).unwrap());
    assert_eq!(texts(&t, "b"), vec![s("x"), s("y\nz"), s("w"), s("v")]);
    assert_eq!(t.column("a").unwrap().number(3), Some(4.0));
}

#[test]
fn decimal_commas_stay_text_with_a_warning_naming_the_column() {
    let t = read("height;weight;city\n1,52;60,5;K\n1,80;1.082,0;B\n1,65;;W\n");
    assert_eq!(t.columns[0].kind(), ColumnKind::Categorical);
    let said: Vec<&String> = t
        .warnings
        .iter()
        .filter(|w| w.contains("decimal comma"))
        .collect();
    assert_eq!(said.len(), 2, "{:?}", t.warnings);
    assert!(
        said[0].contains("\"height\"") && said[0].contains("1,52"),
        "{said:?}"
    );
    assert!(said[1].contains("\"weight\""), "{said:?}");
    // Text that merely has commas, or a comma-separated file, says nothing.
    let t = read("a;b\nx,y;1\n2,5;2\n");
    assert!(
        t.warnings.iter().all(|w| !w.contains("decimal comma")),
        "{:?}",
        t.warnings
    );
}
