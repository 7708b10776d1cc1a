//! The model as a prediction service (`mlops serve`, and the Deploy lab's
//! "see the API" panel): `POST /predict`, `GET /health`, `GET /metrics`,
//! each answered with a status and a JSON body. The HTTP server (the CLI)
//! or the page only carries requests here, so both answer the same bytes.
//!
//! `POST /predict`'s body: `{"rows": [{...}, ...]}` or one row object. The
//! rows become CSV text (numbers as written, strings as they are, booleans
//! as `true`/`false`, `null` as an empty field), which the engine's CSV
//! reader reads as `mlops predict` reads a file, so the numbers are the
//! same.

use crate::basics::sort::sort_f64;
use crate::basics::stats::quantile_sorted;
use crate::model::FittedModel;
use crate::table::{read_csv, CsvOptions};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// The largest request body read by default: 10 MiB.
pub const DEFAULT_MAX_BODY: u64 = 10 * 1024 * 1024;

/// One HTTP request to the service (its body rides beside).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HttpRequest {
    /// The kept model that answers.
    pub model: u32,
    pub method: String,
    pub path: String,
    /// Bodies over this many bytes are refused with 413.
    pub max_body: u64,
    /// The body's declared length (`Content-Length`), when the server
    /// did not read a body over the limit.
    pub declared_length: Option<u64>,
    /// Why the server could not read the body, if it could not.
    pub read_error: Option<String>,
}

/// The service's answer: a status and its JSON body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HttpResponse {
    pub status: u16,
    /// The body as sent (JSON text).
    pub body: String,
}

/// What `GET /metrics` reports: the `POST /predict` requests so far.
#[derive(Debug, Default)]
pub struct Service {
    requests: u64,
    errors: u64,
    rows: u64,
    positives: u64,
    latencies_ms: Vec<f64>,
}

impl Service {
    /// Records one `POST /predict`.
    pub fn record(&mut self, ok: bool, rows: u64, positives: u64, latency_ms: f64) {
        self.requests += 1;
        if !ok {
            self.errors += 1;
        }
        self.rows += rows;
        self.positives += positives;
        self.latencies_ms.push(latency_ms);
    }

    /// `{"requests", "errors", "rows", "latency_ms": {"p50", "p95", "p99"},
    /// "predicted_positive_share"}` (null where nothing was measured).
    pub fn metrics(&self) -> Value {
        let mut sorted = self.latencies_ms.clone();
        sort_f64(&mut sorted);
        let q = |p: f64| quantile_sorted(&sorted, p);
        json!({
            "requests": self.requests,
            "errors": self.errors,
            "rows": self.rows,
            "latency_ms": {"p50": q(0.5), "p95": q(0.95), "p99": q(0.99)},
            "predicted_positive_share": (self.rows > 0).then(|| self.positives as f64 / self.rows as f64),
        })
    }

    /// Answers `request` with `model` (`now` reads a clock in ms, for the
    /// latency `GET /metrics` reports; the answer does not depend on it).
    pub fn answer(
        &mut self,
        model: &FittedModel,
        request: &HttpRequest,
        body: &[u8],
        now: &dyn Fn() -> f64,
    ) -> HttpResponse {
        let started = now();
        let (status, value, rows, positives) = self.route(model, request, body);
        if request.path == "/predict" {
            self.record(status < 400, rows, positives, now() - started);
        }
        HttpResponse {
            status,
            body: value.to_string(),
        }
    }

    fn route(&self, model: &FittedModel, r: &HttpRequest, body: &[u8]) -> (u16, Value, u64, u64) {
        let error = |code: u16, message: String| (code, json!({ "error": message }), 0, 0);
        let method = r.method.as_str();
        match (r.path.as_str(), method) {
            ("/health", "GET") => (200, json!({"status": "ok"}), 0, 0),
            ("/metrics", "GET") => (200, self.metrics(), 0, 0),
            ("/predict", "POST") => {
                let too_big = r.declared_length.is_some_and(|n| n > r.max_body)
                    || body.len() as u64 > r.max_body;
                if too_big {
                    return error(
                        413,
                        format!("the body is over the limit of {} bytes", r.max_body),
                    );
                }
                if let Some(e) = &r.read_error {
                    return error(400, format!("could not read the body: {e}"));
                }
                match predict(model, body) {
                    Ok((value, rows, positives)) => (200, value, rows, positives),
                    Err(message) => error(400, message),
                }
            }
            ("/health" | "/metrics", _) => {
                error(405, format!("{method} is not allowed here: use GET"))
            }
            ("/predict", _) => error(405, format!("{method} is not allowed here: use POST")),
            (path, _) => error(
                404,
                format!("no such path: {path} (try POST /predict, GET /health, GET /metrics)"),
            ),
        }
    }
}

fn field(v: &Value) -> Result<String, String> {
    let text = match v {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => {
            return Err(format!(
                "values must be numbers, strings, booleans or null, not {other}"
            ))
        }
    };
    Ok(if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    })
}

/// The predictions for the body, the rows predicted and how many were
/// predicted positive; or the message of a 400.
pub fn predict(model: &FittedModel, body: &[u8]) -> Result<(Value, u64, u64), String> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| format!("the body is not JSON: {e}"))?;
    let rows: Vec<&Map<String, Value>> = match &value {
        Value::Object(o) => match o.get("rows") {
            Some(Value::Array(a)) => a
                .iter()
                .enumerate()
                .map(|(i, r)| r.as_object().ok_or(format!("rows[{i}] is not an object")))
                .collect::<Result<_, _>>()?,
            Some(_) => return Err("\"rows\" must be an array of row objects".into()),
            None => vec![o],
        },
        _ => return Err("the body must be {\"rows\": [{...}, ...]} or one row object".into()),
    };
    if rows.is_empty() {
        return Ok((
            json!({"model": model.model.as_str(), "predictions": []}),
            0,
            0,
        ));
    }
    let mut csv = String::new();
    let header: Vec<String> = model
        .features
        .iter()
        .map(|f| field(&Value::String(f.clone())))
        .collect::<Result<_, _>>()?;
    csv.push_str(&header.join(","));
    csv.push('\n');
    for (i, row) in rows.iter().enumerate() {
        let mut fields = Vec::with_capacity(model.features.len());
        for f in &model.features {
            let v = row.get(f).ok_or(format!(
                "rows[{i}] has no feature \"{f}\" (the model needs {})",
                model.features.join(", ")
            ))?;
            fields.push(field(v)?);
        }
        // A record of one empty field would read as a blank line.
        if fields.len() == 1 && fields[0].is_empty() {
            fields[0] = "\"\"".into();
        }
        csv.push_str(&fields.join(","));
        csv.push('\n');
    }
    let table = read_csv(
        csv.as_bytes(),
        &CsvOptions {
            name: "request".into(),
            delimiter: Some(b','),
        },
    )
    .map_err(|e| e.to_string())?;
    let all: Vec<usize> = (0..table.n_rows).collect();
    let p = model.predict(&table, &all).map_err(|e| e.to_string())?;
    let positives = model.positive.as_deref().map_or(0, |pos| {
        p.labels.iter().filter(|l| l.as_str() == pos).count()
    }) as u64;
    let predictions: Vec<Value> = p
        .labels
        .iter()
        .enumerate()
        .map(
            |(i, label)| match p.scores.as_ref().and_then(|s| s.get(i)) {
                Some(s) => json!({"prediction": label, "score": s}),
                None => json!({"prediction": label}),
            },
        )
        .collect();
    Ok((
        json!({"model": model.model.as_str(), "predictions": predictions}),
        rows.len() as u64,
        positives,
    ))
}

/// A body prefilled from `table`'s first `n` rows: `{"rows": [...]}` with
/// the model's features, numbers as numbers (what the Deploy lab's panel
/// starts from).
pub fn example_body(model: &FittedModel, table: &crate::table::Table, n: usize) -> String {
    let rows: Vec<Value> = (0..table.n_rows.min(n))
        .map(|r| {
            let mut o = Map::new();
            for f in &model.features {
                let v = table
                    .column(f)
                    .ok()
                    .map_or(Value::Null, |c| match c.number(r) {
                        Some(x) => json!(x),
                        None => c
                            .text(r)
                            .map_or(Value::Null, |t| Value::String(t.into_owned())),
                    });
                o.insert(f.clone(), v);
            }
            Value::Object(o)
        })
        .collect();
    serde_json::to_string_pretty(&json!({ "rows": rows })).unwrap_or_default()
}
