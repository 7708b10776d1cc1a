//! Split sizes: `n × ratio`, rounded by largest remainder.
//!
//! Why largest remainder: it is the one rounding of a set of quotas that
//! always sums to `n` and never moves a size by a whole unit or more from its
//! quota, so a 60/20/20 split of 101 rows is 61/20/20, never 60/21/21 or 61/21/20.

/// Split sizes for `n` rows and whole-number ratios (normally percentages
/// summing to 100; any positive sum works).
///
/// With quotas `q_j = n · r_j / Σr`, every size starts at `⌊q_j⌋` and the
/// `n − Σ⌊q_j⌋` leftover rows go, one each, to the splits with the largest
/// remainders `q_j − ⌊q_j⌋`; equal remainders go to the earlier split (train,
/// then dev, then test). Integer arithmetic throughout (`u128`), so the
/// result is exact for every `n`.
pub fn split_sizes(n: u64, ratios: &[u32]) -> Vec<u64> {
    let weights: Vec<u64> = ratios.iter().map(|&r| u64::from(r)).collect();
    largest_remainder(n, &weights)
}

/// `n` apportioned to `weights` by largest remainder, as [`split_sizes`]
/// describes (ties to the earlier weight); all zeros when the weights are.
/// Also used to scale class counts to another dataset size.
pub fn largest_remainder(n: u64, weights: &[u64]) -> Vec<u64> {
    let total: u128 = weights.iter().map(|&r| u128::from(r)).sum();
    if total == 0 {
        return vec![0; weights.len()];
    }
    let mut sizes = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for &r in weights {
        let q = u128::from(n) * u128::from(r);
        // q / total <= n, so it fits in u64.
        sizes.push(u64::try_from(q / total).unwrap_or(u64::MAX));
        remainders.push(q % total);
    }
    let assigned: u64 = sizes.iter().fold(0u64, |a, &s| a.saturating_add(s));
    let mut left = n.saturating_sub(assigned);
    let mut order: Vec<usize> = (0..weights.len()).collect();
    crate::basics::sort::sort_indices(&mut order, &|a, b| {
        remainders[b].cmp(&remainders[a]).then(a.cmp(&b))
    });
    for &j in &order {
        if left == 0 {
            break;
        }
        sizes[j] += 1;
        left -= 1;
    }
    sizes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_example_and_rounding() {
        assert_eq!(split_sizes(100, &[60, 20, 20]), vec![60, 20, 20]);
        assert_eq!(split_sizes(101, &[60, 20, 20]), vec![61, 20, 20]);
        // 10 × (1/3 each): remainders tie, the earlier split gets the unit.
        assert_eq!(split_sizes(10, &[34, 33, 33]), vec![4, 3, 3]);
        assert_eq!(split_sizes(1, &[20, 40, 40]), vec![0, 1, 0]);
        assert_eq!(split_sizes(0, &[60, 20, 20]), vec![0, 0, 0]);
        assert_eq!(split_sizes(7, &[50, 50]), vec![4, 3]);
        assert_eq!(
            split_sizes(u64::MAX, &[50, 50]).iter().sum::<u64>(),
            u64::MAX
        );
    }
}
