//! The sample-size dial: the same shift seen at growing sample sizes. A
//! test's p-value measures evidence, which grows with n, so KS's p-value
//! collapses towards 0 for a shift too small to matter; a distance
//! (Wasserstein, PSI) measures the size of the change and stays put. The
//! complaint of Evidently's issues #50 and #509, shown as numbers.
//!
//! For each n: n values drawn with replacement from the reference column,
//! and n more drawn the same way and shifted by `shift` reference standard
//! deviations; both compared by KS, normed Wasserstein and PSI. Seeded.

use super::sample::pair;
use super::stattests::{score, Method};
use crate::basics::error::{EngineError, Result};
use crate::basics::rng::{below, seeded};
use crate::basics::stats::sample_std;
use crate::table::{Bitmap, Column, ColumnData};
use serde::{Deserialize, Serialize};

/// One sample size's scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DialPoint {
    pub n: u32,
    pub ks_p_value: Option<f64>,
    pub wasserstein: Option<f64>,
    pub psi: Option<f64>,
}

fn numbers_column(values: Vec<f64>) -> Column {
    let mut missing = Bitmap::new();
    values.iter().for_each(|_| missing.push(false));
    Column {
        name: "x".into(),
        data: ColumnData::Numeric { values, missing },
    }
}

/// The dial over `sizes` for a numeric column's values.
pub fn sample_size_dial(
    column: &Column,
    shift: f64,
    sizes: &[u32],
    seed: u64,
) -> Result<Vec<DialPoint>> {
    let values: Vec<f64> = (0..column.len()).filter_map(|r| column.number(r)).collect();
    if values.len() < 2 {
        return Err(EngineError::bad_request(format!(
            "column '{}' needs at least two numbers for the sample-size dial",
            column.name
        )));
    }
    if sizes.len() > 20 {
        return Err(EngineError::bad_request(
            "the sample-size dial takes at most 20 sizes",
        ));
    }
    if !shift.is_finite() {
        return Err(EngineError::bad_request("the shift must be a number"));
    }
    let delta = shift * sample_std(&values).unwrap_or(0.0);
    let mut rng = seeded(seed);
    let mut out = Vec::with_capacity(sizes.len());
    for &n in sizes {
        let n = n.clamp(2, 5_000_000);
        let mut draw = |d: f64| -> Vec<f64> {
            (0..n)
                .map(|_| values[below(&mut rng, values.len() as u64) as usize] + d)
                .collect()
        };
        let (r, c) = (numbers_column(draw(0.0)), numbers_column(draw(delta)));
        let (p, _) = pair(&r, &c);
        out.push(DialPoint {
            n,
            ks_p_value: score(Method::Ks, &p),
            wasserstein: score(Method::Wasserstein, &p),
            psi: score(Method::Psi, &p),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_p_value_collapses_while_the_distances_stay() {
        let values: Vec<f64> = (0..2000)
            .map(|i| f64::from((i * 7919) % 1000) / 100.0)
            .collect();
        let c = numbers_column(values);
        let dial = sample_size_dial(&c, 0.1, &[100, 1_000, 100_000], 7).unwrap_or_default();
        assert_eq!(dial.len(), 3);
        let (small, big) = (&dial[0], &dial[2]);
        assert!(small.ks_p_value.unwrap_or(0.0) > 0.05, "{small:?}");
        assert!(big.ks_p_value.unwrap_or(1.0) < 1e-6, "{big:?}");
        let w = |d: &DialPoint| d.wasserstein.unwrap_or(f64::NAN);
        assert!(
            (w(big) - 0.1).abs() < 0.03 && (w(small) - 0.1).abs() < 0.1,
            "{dial:?}"
        );
        assert_eq!(
            dial,
            sample_size_dial(&c, 0.1, &[100, 1_000, 100_000], 7).unwrap_or_default()
        );
    }
}
