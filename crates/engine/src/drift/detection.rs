//! Which monitored numbers caught the change, and how soon: the course's
//! "iterate on the set of metrics to monitor", measured on a timeline.
//!
//! For each metric that alerted in any batch: the first batch it alerted
//! in, and with the change's batch K known (a simulation's `change_at`),
//! the first alert from K on, its delay in batches, and the alerts before
//! K (false alarms).

use super::monitor::BatchMonitor;
use serde::{Deserialize, Serialize};

/// One metric's record on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    pub metric: String,
    /// The first batch (1-based) the metric alerted in.
    pub first_alert: u32,
    /// The first alert at or after the change (with `change_at`).
    pub first_alert_after_change: Option<u32>,
    /// Batches from the change to that alert (0: the changed batch itself).
    pub delay: Option<u32>,
    /// Alerts before the change.
    pub false_alarms: u32,
    /// Batches it alerted in, in all.
    pub alerts: u32,
}

/// The detections over `batches`, the quickest after the change first
/// (else by first alert), ties by name.
pub fn detections(batches: &[BatchMonitor], change_at: Option<u32>) -> Vec<Detection> {
    let mut out: Vec<Detection> = Vec::new();
    for (i, b) in batches.iter().enumerate() {
        let batch = i as u32 + 1;
        let after = change_at.is_some_and(|k| batch >= k);
        for a in &b.alerts {
            let k = match out.iter().position(|d| d.metric == a.metric) {
                Some(k) => k,
                None => {
                    out.push(Detection {
                        metric: a.metric.clone(),
                        first_alert: batch,
                        first_alert_after_change: None,
                        delay: None,
                        false_alarms: 0,
                        alerts: 0,
                    });
                    out.len() - 1
                }
            };
            let d = &mut out[k];
            d.alerts += 1;
            if after {
                if d.first_alert_after_change.is_none() {
                    d.first_alert_after_change = Some(batch);
                    d.delay = change_at.map(|k| batch - k);
                }
            } else if change_at.is_some() {
                d.false_alarms += 1;
            }
        }
    }
    let key = |d: &Detection| (d.delay.unwrap_or(u32::MAX), d.first_alert);
    crate::basics::sort::sort_items(&mut out, &|a, b| {
        key(a).cmp(&key(b)).then_with(|| a.metric.cmp(&b.metric))
    });
    out
}
