//! Judging one step: the error rate by the spec's one-sided test (Argo
//! Rollouts' and Flagger's analysis of a success-rate metric), the latency
//! the Kayenta way (a Mann–Whitney U test and a tolerance on the median),
//! and with both, Kayenta's canary score.

use crate::basics::special::{normal_cdf, normal_quantile};
use serde::{Deserialize, Serialize};

/// A step's (or a metric's) verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Fail,
    Inconclusive,
}

impl Verdict {
    /// Its name, as serde writes it (`pass`, `fail`, `inconclusive`).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Inconclusive => "inconclusive",
        }
    }
}

/// The error-rate test: inconclusive below `min` requests on either side;
/// fail when `z = (pc − pb − D) / √(pc(1−pc)/nc + pb(1−pb)/nb)` exceeds
/// `Φ⁻¹(C)` (or, with a zero denominator, when `pc − pb > D`); else pass.
/// Returns the verdict and `z` (when defined).
pub fn error_verdict(
    ec: u64,
    nc: u64,
    eb: u64,
    nb: u64,
    d: f64,
    confidence: f64,
    min: u64,
) -> (Verdict, Option<f64>) {
    if nc < min || nb < min || nc == 0 || nb == 0 {
        return (Verdict::Inconclusive, None);
    }
    let (pc, pb) = (ec as f64 / nc as f64, eb as f64 / nb as f64);
    let denom = (pc * (1.0 - pc) / nc as f64 + pb * (1.0 - pb) / nb as f64).sqrt();
    if denom == 0.0 {
        let v = if pc - pb > d {
            Verdict::Fail
        } else {
            Verdict::Pass
        };
        return (v, None);
    }
    let z = (pc - pb - d) / denom;
    let v = if z > normal_quantile(confidence) {
        Verdict::Fail
    } else {
        Verdict::Pass
    };
    (v, Some(z))
}

/// The one-sided Mann–Whitney U test that `candidate` tends to be larger
/// than `baseline`: midranks, the normal approximation with the tie
/// correction and a continuity correction (SciPy's `mannwhitneyu(c, b,
/// alternative="greater")` for large samples). Returns the p-value.
pub fn mann_whitney_greater(candidate: &[f64], baseline: &[f64]) -> Option<f64> {
    let (n1, n2) = (candidate.len(), baseline.len());
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let mut all: Vec<(f64, bool)> = candidate
        .iter()
        .map(|&x| (x, true))
        .chain(baseline.iter().map(|&x| (x, false)))
        .collect();
    let keys: Vec<u64> = all
        .iter()
        .map(|&(x, _)| crate::basics::sort::f64_order_key(x))
        .collect();
    let order = crate::basics::sort::order_by_key(&keys);
    let sorted: Vec<(f64, bool)> = order.iter().map(|&i| all[i]).collect();
    all.clear();
    let n = (n1 + n2) as f64;
    let (mut rank_sum, mut ties) = (0.0, 0.0);
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j + 1 < sorted.len() && sorted[j + 1].0 == sorted[i].0 {
            j += 1;
        }
        let mid = (i + j) as f64 / 2.0 + 1.0;
        let t = (j - i + 1) as f64;
        ties += t * t * t - t;
        rank_sum += mid * sorted[i..=j].iter().filter(|s| s.1).count() as f64;
        i = j + 1;
    }
    let (f1, f2) = (n1 as f64, n2 as f64);
    let u = rank_sum - f1 * (f1 + 1.0) / 2.0;
    let mu = f1 * f2 / 2.0;
    let sigma = (f1 * f2 / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0)))).sqrt();
    if sigma.is_nan() || sigma <= 0.0 {
        return Some(1.0);
    }
    let z = (u - mu - 0.5) / sigma;
    Some((1.0 - normal_cdf(z)).clamp(0.0, 1.0))
}

/// The latency metric: inconclusive below `min` samples on either side;
/// fail when the U test says the candidate is slower (`p < 1 − C`) and its
/// median is more than `tolerance` above the baseline's; else pass.
pub fn latency_verdict(
    p_value: Option<f64>,
    median_c: f64,
    median_b: f64,
    tolerance: f64,
    confidence: f64,
    enough: bool,
) -> Verdict {
    match p_value {
        _ if !enough => Verdict::Inconclusive,
        None => Verdict::Inconclusive,
        Some(p) if p < 1.0 - confidence && median_c > median_b * (1.0 + tolerance) => Verdict::Fail,
        Some(_) => Verdict::Pass,
    }
}

/// Kayenta's canary score over the metrics' verdicts: 100 × the share that
/// pass; the step passes at `pass` or above, fails below `marginal`, and
/// is inconclusive in between or when a metric is.
pub fn canary_score(verdicts: &[Verdict], pass: f64, marginal: f64) -> (Verdict, Option<f64>) {
    if verdicts.contains(&Verdict::Inconclusive) || verdicts.is_empty() {
        return (Verdict::Inconclusive, None);
    }
    let score = 100.0 * verdicts.iter().filter(|&&v| v == Verdict::Pass).count() as f64
        / verdicts.len() as f64;
    let v = if score >= pass {
        Verdict::Pass
    } else if score < marginal {
        Verdict::Fail
    } else {
        Verdict::Inconclusive
    };
    (v, Some(score))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_test_follows_the_spec() {
        // Too few requests.
        assert_eq!(
            error_verdict(5, 20, 50, 1000, 0.01, 0.95, 30).0,
            Verdict::Inconclusive
        );
        // Equal rates pass; a much worse candidate fails.
        assert_eq!(
            error_verdict(5, 100, 50, 1000, 0.01, 0.95, 30).0,
            Verdict::Pass
        );
        assert_eq!(
            error_verdict(20, 100, 50, 1000, 0.01, 0.95, 30).0,
            Verdict::Fail
        );
        // Zero denominator: both at 0 errors pass; 0 vs 1 compares pc − pb with D.
        assert_eq!(
            error_verdict(0, 100, 0, 1000, 0.01, 0.95, 30),
            (Verdict::Pass, None)
        );
        assert_eq!(
            error_verdict(100, 100, 0, 1000, 0.01, 0.95, 30),
            (Verdict::Fail, None)
        );
    }

    #[test]
    fn mann_whitney_matches_scipy() {
        // scipy.stats.mannwhitneyu([3,4,5,6,7,8], [1,2,3,4,5], alternative="greater",
        // method="asymptotic").pvalue = 0.0330077157606155
        let p = mann_whitney_greater(&[3.0, 4.0, 5.0, 6.0, 7.0, 8.0], &[1.0, 2.0, 3.0, 4.0, 5.0])
            .unwrap_or(0.0);
        assert!((p - 0.033_007_715_760_615_5).abs() < 1e-9, "{p}");
        assert_eq!(mann_whitney_greater(&[1.0], &[]), None);
    }

    #[test]
    fn canary_score_thresholds() {
        assert_eq!(
            canary_score(&[Verdict::Pass, Verdict::Pass], 95.0, 75.0),
            (Verdict::Pass, Some(100.0))
        );
        assert_eq!(
            canary_score(&[Verdict::Pass, Verdict::Fail], 95.0, 75.0),
            (Verdict::Fail, Some(50.0))
        );
        assert_eq!(
            canary_score(&[Verdict::Pass, Verdict::Fail], 95.0, 50.0),
            (Verdict::Inconclusive, Some(50.0))
        );
        assert_eq!(
            canary_score(&[Verdict::Pass, Verdict::Inconclusive], 95.0, 75.0).0,
            Verdict::Inconclusive
        );
    }
}
