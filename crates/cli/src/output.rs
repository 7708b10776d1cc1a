//! Printing reports: one JSON object with `--json`, else a table for a
//! person; and writing what a command printed to stdout.

use mlops_engine::data::agreement::AgreementReport;
use mlops_engine::split::SplitReport;
use mlops_engine::table::ProfileReport;
use serde::Serialize;
use std::fmt::Write;

/// Writes a command's text to stdout. Not `println!`, which panics when
/// stdout is closed early (`mlops profile big.csv --json | head`).
pub fn print(text: &str) -> std::process::ExitCode {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        // The reader left: nobody is there to tell.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: writing to stdout: {e}");
            std::process::ExitCode::from(1)
        }
    }
}

/// JSON when asked, else the report's table.
pub fn render<T: Serialize>(report: &T, json: bool, table: fn(&T) -> String) -> String {
    if json {
        serde_json::to_string(report).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    } else {
        table(report)
    }
}

/// A statistic to 4 decimals (`-` when undefined; exponent form when huge
/// or tiny).
fn num(x: Option<f64>) -> String {
    match x {
        Some(v) if v.abs() >= 1e15 => format!("{v:.4e}"),
        Some(v) if v != 0.0 && v.abs() < 1e-3 => format!("{v:.4e}"),
        Some(v) => format!("{v:.4}"),
        None => "-".into(),
    }
}

fn warnings(out: &mut String, warnings: &[String]) {
    for w in warnings {
        let _ = writeln!(out, "warning: {w}");
    }
}

pub fn profile_table(r: &ProfileReport) -> String {
    let mut out = format!("{} rows, {} columns\n", r.rows, r.columns.len());
    let _ = writeln!(
        out,
        "{:<24} {:<12} {:>8} {:>8} {:>12} {:>12} {:>12} {:>12}",
        "column", "kind", "missing", "distinct", "mean", "std", "min", "max"
    );
    for c in &r.columns {
        let kind = serde_json::to_value(c.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:<24} {:<12} {:>8} {:>8} {:>12} {:>12} {:>12} {:>12}",
            c.name,
            kind,
            c.missing,
            c.distinct,
            num(c.mean),
            num(c.std),
            num(c.min),
            num(c.max)
        );
    }
    warnings(&mut out, &r.warnings);
    out.trim_end().to_string()
}

pub fn agreement_table(r: &AgreementReport) -> String {
    let mut out = format!(
        "{} rows, raters {}\npercent agreement {}\nfleiss kappa {}\ndisagreements {}\n",
        r.rows,
        r.raters.join(", "),
        num(r.percent_agreement),
        num(r.fleiss_kappa),
        r.disagreements
    );
    for k in &r.cohen_kappa {
        let _ = writeln!(out, "cohen kappa {} / {}: {}", k.a, k.b, num(k.kappa));
    }
    warnings(&mut out, &r.warnings);
    out.trim_end().to_string()
}

pub fn split_table(r: &SplitReport) -> String {
    let mut out = format!(
        "{} rows, target {}, seed {}\n{:<8} {:>8}",
        r.rows, r.target, r.seed, "split", "rows"
    );
    for l in &r.labels {
        let _ = write!(out, " {:>10}", if l.is_empty() { "(missing)" } else { l });
    }
    out.push('\n');
    for s in &r.splits {
        let _ = write!(out, "{:<8} {:>8}", s.name, s.rows);
        for l in &r.labels {
            let _ = write!(out, " {:>10}", s.class_counts.get(l).copied().unwrap_or(0));
        }
        out.push('\n');
    }
    warnings(&mut out, &r.warnings);
    out.trim_end().to_string()
}

/// A JSON report as `key  value` lines for a person: numbers to 4
/// decimals (whole numbers bare, tiny ones in exponent form), objects of
/// plain values on one line, lists of objects as an indented table (one
/// row each), lists of lists as indented rows, `warnings` as `warning:`
/// lines. Never JSON text: a person reads this.
pub fn json_table(v: &serde_json::Value) -> String {
    let mut out = String::new();
    if let serde_json::Value::Object(map) = v {
        for (k, v) in map {
            entry(&mut out, k, v, 0);
        }
    }
    out.trim_end().to_string()
}

/// One key and its value, `indent` spaces in.
fn entry(out: &mut String, key: &str, v: &serde_json::Value, indent: usize) {
    use serde_json::Value;
    let pad = " ".repeat(indent);
    let width = 20usize.saturating_sub(indent);
    match v {
        Value::Array(items) if key == "warnings" => {
            for w in items {
                let _ = writeln!(out, "{pad}warning: {}", plain(w));
            }
        }
        Value::Object(inner) if inner.values().all(is_flat) => {
            let parts: Vec<String> = inner
                .iter()
                .map(|(ik, iv)| match iv {
                    Value::Array(_) => format!("{ik} [{}]", plain(iv)),
                    _ => format!("{ik} {}", plain(iv)),
                })
                .collect();
            let _ = writeln!(out, "{pad}{key:<width$} {}", parts.join("  "));
        }
        Value::Object(inner) => {
            let _ = writeln!(out, "{pad}{key}");
            for (ik, iv) in inner {
                entry(out, ik, iv, indent + 2);
            }
        }
        Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_object) => {
            let _ = writeln!(out, "{pad}{key}");
            table_of_objects(out, items, indent + 2);
        }
        Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_array) => {
            let _ = writeln!(out, "{pad}{key}");
            for row in items {
                let _ = writeln!(out, "{pad}  {}", plain(row));
            }
        }
        other => {
            let _ = writeln!(out, "{pad}{key:<width$} {}", plain(other));
        }
    }
}

/// Objects as a table: a header of their keys, a row each.
fn table_of_objects(out: &mut String, items: &[serde_json::Value], indent: usize) {
    let pad = " ".repeat(indent);
    let mut keys: Vec<&str> = Vec::new();
    for item in items {
        if let Some(o) = item.as_object() {
            for k in o.keys() {
                if !keys.contains(&k.as_str()) {
                    keys.push(k);
                }
            }
        }
    }
    let cells: Vec<Vec<String>> = items
        .iter()
        .map(|item| keys.iter().map(|k| plain(&item[*k])).collect())
        .collect();
    let widths: Vec<usize> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| {
            cells
                .iter()
                .map(|row| row[i].chars().count())
                .chain([k.chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |row: Vec<String>| {
        row.iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:>w$}"))
            .collect::<Vec<_>>()
            .join("  ")
    };
    let _ = writeln!(
        out,
        "{pad}{}",
        line(keys.iter().map(|k| k.to_string()).collect())
    );
    for row in cells {
        let _ = writeln!(out, "{pad}{}", line(row));
    }
}

/// A value with no nesting, or a list of such values.
fn is_flat(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Object(_) => false,
        serde_json::Value::Array(items) => !items.iter().any(|i| i.is_object() || i.is_array()),
        _ => true,
    }
}

/// A value as a person reads it: `-` for none, lists space-separated
/// (`[lo hi]` inside a line).
fn plain(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Number(n) => n.as_f64().map(number).unwrap_or_default(),
        Value::Null => "-".into(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(" "),
        Value::Object(inner) => inner
            .iter()
            .map(|(k, v)| format!("{k} {}", plain(v)))
            .collect::<Vec<_>>()
            .join("  "),
    }
}

/// Whole numbers bare, tiny ones in exponent form (`1e-9`), huge ones too
/// (`3.3333e307`), the rest to 4 decimals.
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x}")
    } else if x.abs() >= 1e15 {
        format!("{x:.4e}")
    } else if x != 0.0 && x.abs() < 1e-3 {
        format!("{x:e}")
    } else {
        format!("{x:.4}")
    }
}
