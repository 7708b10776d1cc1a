//! The `group` strategy: rows sharing a `--by` value stay in one split.
//!
//! Why: rows of one patient, one machine or one photo session are not
//! independent; when some land in train and some in test, the test score
//! measures memory of the group, not generalisation (group leakage).

use super::sizes::split_sizes;
use crate::basics::rng::{seeded, shuffle};

/// A group split's assignment and the rows each split got.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSplit {
    pub assignment: Vec<u8>,
    /// Rows per split (may differ from the target sizes).
    pub sizes: Vec<u64>,
    /// The target sizes of [`split_sizes`].
    pub targets: Vec<u64>,
}

/// Assigns whole groups to splits.
///
/// `groups[i]` is row `i`'s group code, below `n_groups` (codes out of range
/// are treated as one extra group). Algorithm:
/// 1. target sizes `t_j` = [`split_sizes`]`(n, ratios)`;
/// 2. the groups that have rows, in code order, shuffled by Fisher–Yates with
///    `seeded(seed)`, then ordered largest first (equal sizes keep their
///    shuffled order);
/// 3. each group in that order goes to the split with the largest remaining
///    deficit `t_j − filled_j` (ties to the earlier split).
///
/// Largest first is the classic greedy for this packing problem: the big
/// groups are placed while every split still has room, and the many small
/// ones fill the gaps, so splits end close to their targets (a random order
/// could leave a big group for last and empty a split). The seed decides
/// among groups of equal size, which for real data (many patients with a
/// few rows each) is most of them. Integer arithmetic only.
pub fn group_assignment(groups: &[u32], n_groups: usize, ratios: &[u32], seed: u64) -> GroupSplit {
    let n = groups.len();
    let extra = n_groups;
    let code = |g: u32| (g as usize).min(extra);
    let mut group_rows = vec![0u64; n_groups + 1];
    for &g in groups {
        group_rows[code(g)] += 1;
    }
    let mut order: Vec<usize> = (0..group_rows.len())
        .filter(|&g| group_rows[g] > 0)
        .collect();
    shuffle(&mut seeded(seed), &mut order);
    let position: Vec<usize> = order.clone();
    let mut by_size: Vec<usize> = (0..position.len()).collect();
    crate::basics::sort::sort_indices(&mut by_size, &|a, b| {
        group_rows[position[b]]
            .cmp(&group_rows[position[a]])
            .then(a.cmp(&b))
    });
    let order: Vec<usize> = by_size.iter().map(|&i| position[i]).collect();
    let targets = split_sizes(n as u64, ratios);
    let mut filled = vec![0u64; ratios.len()];
    let mut split_of_group = vec![0u8; group_rows.len()];
    for &g in &order {
        let mut best = 0usize;
        let mut best_deficit = i128::MIN;
        for (j, (&t, &f)) in targets.iter().zip(&filled).enumerate() {
            let deficit = i128::from(t) - i128::from(f);
            if deficit > best_deficit {
                best = j;
                best_deficit = deficit;
            }
        }
        split_of_group[g] = u8::try_from(best).unwrap_or(0);
        if let Some(f) = filled.get_mut(best) {
            *f += group_rows[g];
        }
    }
    let assignment = groups.iter().map(|&g| split_of_group[code(g)]).collect();
    GroupSplit {
        assignment,
        sizes: filled,
        targets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_groups_hit_the_targets() {
        // 50 groups of 2 rows: 60/20/20 of 100 is reachable exactly.
        let groups: Vec<u32> = (0..100).map(|i| i / 2).collect();
        let s = group_assignment(&groups, 50, &[60, 20, 20], 3);
        assert_eq!(s.sizes, vec![60, 20, 20]);
        for pair in s.assignment.chunks(2) {
            assert_eq!(pair[0], pair[1]);
        }
    }

    #[test]
    fn one_big_group_misses() {
        let groups = vec![0u32; 10];
        let s = group_assignment(&groups, 1, &[60, 20, 20], 0);
        assert_eq!(s.sizes, vec![10, 0, 0]);
    }
}
