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

fn num(x: Option<f64>) -> String {
    match x {
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

/// A JSON report as `key  value` lines for a person: numbers to 4 decimals,
/// nested objects one line each, lists of numbers inline.
pub fn json_table(v: &serde_json::Value) -> String {
    let mut out = String::new();
    let scalar = |v: &serde_json::Value| match v {
        serde_json::Value::Number(n) => n
            .as_f64()
            .map(|x| {
                if x.fract() == 0.0 && x.abs() < 1e15 {
                    format!("{x}")
                } else {
                    format!("{x:.4}")
                }
            })
            .unwrap_or_default(),
        serde_json::Value::Null => "-".into(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if let serde_json::Value::Object(map) = v {
        for (k, v) in map {
            match v {
                serde_json::Value::Object(inner) => {
                    let parts: Vec<String> = inner
                        .iter()
                        .map(|(ik, iv)| match iv {
                            serde_json::Value::Object(_) => {
                                format!("\n  {ik}: {}", json_table(iv).replace('\n', "\n    "))
                            }
                            _ => format!("{ik} {}", scalar(iv)),
                        })
                        .collect();
                    let _ = writeln!(out, "{k:<20} {}", parts.join("  "));
                }
                serde_json::Value::Array(items) if k == "warnings" => {
                    for w in items {
                        let _ = writeln!(out, "warning: {}", scalar(w));
                    }
                }
                serde_json::Value::Array(items) => {
                    let parts: Vec<String> = items.iter().map(scalar).collect();
                    let _ = writeln!(out, "{k:<20} {}", parts.join("  "));
                }
                other => {
                    let _ = writeln!(out, "{k:<20} {}", scalar(other));
                }
            }
        }
    }
    out.trim_end().to_string()
}
