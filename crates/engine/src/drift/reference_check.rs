//! Is the reference honest? NannyML-style bounds are the reference's chunks'
//! mean ± 3 std, so they only mean something when the chunks are alike. A
//! file sorted by its label (common in real CSVs) gives chunks whose label
//! share runs from 0 to 1: the bounds of accuracy span [0, 1] and a concept
//! drift that halves accuracy never alerts, and nobody is told. This check
//! says so; the bounds stay as NannyML computes them.
//!
//! The test: the label's classes counted per chunk, Pearson's chi-square
//! test of homogeneity `Σ (O − E)² / E` with `(chunks − 1)(classes − 1)`
//! degrees of freedom; the chunks "disagree far beyond sampling" when
//! `p < 1e-6` (a shuffled file of any size passes it but once in a
//! million).

use crate::basics::decimal::fixed;
use crate::basics::special::chi2_sf;
use crate::table::Table;

/// The p-value below which the reference's chunks are called unlike.
pub const UNLIKE_P: f64 = 1e-6;

/// A warning when `target`'s class shares differ across the reference's
/// `chunks` chunks of `chunk_rows` rows far beyond sampling.
pub fn unlike_chunks(
    reference: &Table,
    target: &str,
    chunks: usize,
    chunk_rows: usize,
) -> Option<String> {
    let index = reference.column(target).ok()?.class_index();
    let classes = index.n_classes();
    if chunks < 2 || classes < 2 || chunk_rows == 0 {
        return None;
    }
    let mut counts = vec![vec![0u64; classes]; chunks];
    for (k, row) in counts.iter_mut().enumerate() {
        for r in k * chunk_rows..(k + 1) * chunk_rows {
            if let Some(&c) = index.codes.get(r) {
                if let Some(n) = row.get_mut(c as usize) {
                    *n += 1;
                }
            }
        }
    }
    let total = (chunks * chunk_rows) as f64;
    let class_totals: Vec<f64> = (0..classes)
        .map(|c| counts.iter().map(|row| row[c] as f64).sum())
        .collect();
    let mut statistic = 0.0;
    for row in &counts {
        let n: f64 = row.iter().map(|&x| x as f64).sum();
        for (c, &o) in row.iter().enumerate() {
            let e = n * class_totals[c] / total;
            if e > 0.0 {
                statistic += (o as f64 - e).powi(2) / e;
            }
        }
    }
    let dof = ((chunks - 1) * (classes - 1)) as f64;
    let p = chi2_sf(statistic, dof);
    if p >= UNLIKE_P {
        return None;
    }
    // The class whose share varies most, and its range over the chunks.
    let share = |row: &Vec<u64>, c: usize| row[c] as f64 / chunk_rows as f64;
    let (class, lo, hi) = (0..classes)
        .map(|c| {
            let (lo, hi) = counts.iter().fold((1.0f64, 0.0f64), |(lo, hi), row| {
                (lo.min(share(row, c)), hi.max(share(row, c)))
            });
            (c, lo, hi)
        })
        .max_by(|a, b| (a.2 - a.1).total_cmp(&(b.2 - b.1)))?;
    let label = index.labels.get(class).cloned().unwrap_or_default();
    let label = if label.is_empty() {
        "(missing)".to_string()
    } else {
        label
    };
    Some(format!(
        "the reference's chunks are not alike: the share of {target} = {label} runs from {} to {} across its {chunks} chunks (chi-square p {}), far beyond what sampling explains, so the bounds are wide and may never alert; is the file sorted? Shuffle it, or order it by time",
        fixed(lo, 2),
        fixed(hi, 2),
        if p < 1e-12 { "< 1e-12".to_string() } else { format!("= {p:.1e}") }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(labels: &[&str]) -> Table {
        let csv = format!(
            "x,y\n{}",
            labels
                .iter()
                .enumerate()
                .map(|(i, l)| format!("{i},{l}\n"))
                .collect::<String>()
        );
        let options = crate::table::CsvOptions {
            name: "t".into(),
            delimiter: None,
        };
        crate::table::read_csv(csv.as_bytes(), &options).unwrap_or_else(|e| unreachable!("{e}"))
    }

    #[test]
    fn a_file_sorted_by_its_label_is_named_a_shuffled_one_is_not() {
        let sorted: Vec<&str> = (0..500).map(|i| if i < 300 { "0" } else { "1" }).collect();
        let w = unlike_chunks(&table(&sorted), "y", 5, 100);
        let w = w.unwrap_or_default();
        assert!(
            w.contains("runs from 0.00 to 1.00 across its 5 chunks"),
            "{w}"
        );
        assert!(w.contains("Shuffle"), "{w}");
        // Alternating labels: every chunk alike.
        let mixed: Vec<&str> = (0..500)
            .map(|i| if i % 5 < 3 { "0" } else { "1" })
            .collect();
        assert_eq!(unlike_chunks(&table(&mixed), "y", 5, 100), None);
        // A seeded shuffle of the sorted labels passes too.
        let mut shuffled = sorted.clone();
        let mut rng = crate::basics::rng::seeded(7);
        for i in (1..shuffled.len()).rev() {
            let j = crate::basics::rng::below(&mut rng, (i + 1) as u64) as usize;
            shuffled.swap(i, j);
        }
        assert_eq!(unlike_chunks(&table(&shuffled), "y", 5, 100), None);
        assert_eq!(unlike_chunks(&table(&sorted), "nope", 5, 100), None);
    }
}
