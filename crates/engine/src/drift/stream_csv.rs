//! The simulated stream as one CSV file with a `batch` column (the batch's
//! number, 1, 2, …) before the reference's columns: what the Drift lab's
//! "batches as CSV" download gives, to take the stream into a notebook.
//! Values are written as the engine reads them (numbers in their shortest
//! round-trip form, missing as an empty field).

use crate::table::Table;

/// One field, quoted when it holds a comma, a quote or a line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// `batches` (name, table; batch 1 first) as one CSV text.
pub fn stream_csv(batches: &[(String, Table)]) -> String {
    let mut out = String::new();
    let Some((_, first)) = batches.first() else {
        return out;
    };
    let header: Vec<String> = std::iter::once("batch".to_string())
        .chain(first.columns.iter().map(|c| field(&c.name)))
        .collect();
    out.push_str(&header.join(","));
    out.push('\n');
    for (i, (_, t)) in batches.iter().enumerate() {
        for r in 0..t.n_rows {
            out.push_str(&(i + 1).to_string());
            for c in &t.columns {
                out.push(',');
                out.push_str(&c.text(r).map(|v| field(&v)).unwrap_or_default());
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{read_csv, CsvOptions};

    #[test]
    fn one_csv_with_a_batch_column_that_reads_back() {
        let t = |csv: &str| read_csv(csv.as_bytes(), &CsvOptions::default()).unwrap_or_default();
        let batches = vec![
            ("b1".to_string(), t("x,name\n1,\"a, b\"\n2,c\n")),
            ("b2".to_string(), t("x,name\n3,\nNaN,d\n")),
        ];
        let csv = stream_csv(&batches);
        assert!(
            csv.starts_with("batch,x,name\n1,1,\"a, b\"\n1,2,c\n2,3,\n"),
            "{csv}"
        );
        let back = t(&csv);
        assert_eq!(back.n_rows, 4);
        assert_eq!(back.column_names(), vec!["batch", "x", "name"]);
    }
}
