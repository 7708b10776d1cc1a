//! `GET /metrics`: what the service has answered so far.

use mlops_engine::basics::sort::sort_f64;
use mlops_engine::basics::stats::quantile_sorted;
use serde_json::{json, Value};

/// Counters of `POST /predict` requests.
#[derive(Debug, Default)]
pub struct Stats {
    requests: u64,
    errors: u64,
    rows: u64,
    positives: u64,
    latencies_ms: Vec<f64>,
}

impl Stats {
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
    pub fn to_json(&self) -> Value {
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
}
