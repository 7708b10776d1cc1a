//! The class-by-split table of a stratified split: how many rows of each
//! class go to each split.
//!
//! Why a flow problem: rounding each cell `c_k · r_j / 100` on its own breaks
//! the margins (the split sizes stop summing right), and fixing margins by
//! hand breaks the "rounded down or up" rule. Choosing, for every cell, its
//! floor or its ceiling so that rows sum to class totals and columns to split
//! sizes is *controlled rounding* of a two-way table, a transportation
//! problem with 0/1 capacities, which max-flow solves exactly and
//! deterministically.

use super::sizes::split_sizes;
use crate::basics::error::{EngineError, Result};
use std::collections::{BTreeMap, VecDeque};

/// The stratified allocation `x[k][j]` (class `k`, split `j`) for class
/// totals `c_k` and ratios `r_j` (summing to `R`, normally 100).
///
/// Rules (`docs/cli.md`): with quota `q_kj = c_k · r_j / R`, every cell
/// is `⌊q_kj⌋` or `⌈q_kj⌉`; `Σ_j x_kj = c_k`; `Σ_k x_kj = s_j`, the split sizes
/// of [`split_sizes`] for `n = Σ c_k`.
///
/// Algorithm. Start every cell at its floor `f_kj`. Class `k` then still has
/// `a_k = c_k − Σ_j f_kj` units to place (an integer below the number of its
/// cells with a fractional quota, its set `E_k`), at most one per cell of
/// `E_k`; split `j` still needs `b_j = s_j − Σ_k f_kj`. Classes with the same
/// `(E_k, a_k)` are interchangeable, so they are pooled into at most
/// `2^m · m` *types* (m = number of splits). A max-flow source → type
/// (capacity `a · count`) → split (capacity `count`, one unit per class) →
/// sink (capacity `b_j`) is solved by Edmonds–Karp in a fixed node order.
/// Within a type, the units going to each split are dealt to the type's
/// classes (in class order) by McNaughton's wrap-around rule, which gives
/// every class exactly `a` units in distinct splits because no split takes
/// more than `count` units of a type.
///
/// Why it always succeeds: the fractional table `q` is a feasible flow when
/// the split capacities are the fractional residuals `B_j = Σ_k (q_kj − f_kj)`;
/// by the max-flow/min-cut (Gale) condition an integer flow exists for
/// `b_j` whenever, for every set `J` of splits, `Σ_J b_j ≤ ⌈Σ_J B_j⌉`, and
/// largest-remainder rounding guarantees exactly that for two or three splits
/// (the rounded-up splits are those with the largest fractional parts). The
/// property test `split_allocation` checks it over random inputs; should the
/// flow ever fall short, this returns an error instead of a wrong table.
pub fn stratified_allocation(class_counts: &[u64], ratios: &[u32]) -> Result<Vec<Vec<u64>>> {
    let m = ratios.len();
    if m == 0 || m > 8 {
        return Err(EngineError::bad_request(format!(
            "a stratified split needs between 1 and 8 ratios, got {m}"
        )));
    }
    let total_ratio: u128 = ratios.iter().map(|&r| u128::from(r)).sum();
    if total_ratio == 0 {
        return Err(EngineError::bad_request("the ratios sum to 0"));
    }
    let n = class_counts
        .iter()
        .try_fold(0u64, |a, &c| a.checked_add(c))
        .ok_or_else(|| EngineError::bad_request("too many rows"))?;
    let sizes = split_sizes(n, ratios);

    // Floors, and each class's leftover units and fractional cells.
    let mut table: Vec<Vec<u64>> = Vec::with_capacity(class_counts.len());
    let mut types: BTreeMap<(u32, u64), Vec<usize>> = BTreeMap::new();
    let mut need: Vec<u64> = sizes.clone();
    for (k, &c) in class_counts.iter().enumerate() {
        let mut row = Vec::with_capacity(m);
        let mut mask = 0u32;
        for (j, &r) in ratios.iter().enumerate() {
            let q = u128::from(c) * u128::from(r);
            let floor = u64::try_from(q / total_ratio).unwrap_or(u64::MAX);
            if q % total_ratio != 0 {
                mask |= 1 << j;
            }
            need[j] = need[j].checked_sub(floor).ok_or_else(internal)?;
            row.push(floor);
        }
        let placed: u64 = row.iter().sum();
        let a = c.checked_sub(placed).ok_or_else(internal)?;
        if a > 0 {
            types.entry((mask, a)).or_default().push(k);
        }
        table.push(row);
    }
    if types.is_empty() {
        return if need.iter().all(|&b| b == 0) {
            Ok(table)
        } else {
            Err(internal())
        };
    }

    // Nodes: 0 = source, 1..=T types, T+1..=T+m splits, T+m+1 = sink.
    let type_list: Vec<(&(u32, u64), &Vec<usize>)> = types.iter().collect();
    let t = type_list.len();
    let sink = t + m + 1;
    let nodes = sink + 1;
    let mut cap = vec![vec![0u64; nodes]; nodes];
    for (i, ((mask, a), classes)) in type_list.iter().enumerate() {
        let count = classes.len() as u64;
        cap[0][1 + i] = a.saturating_mul(count);
        for j in 0..m {
            if mask & (1 << j) != 0 {
                cap[1 + i][1 + t + j] = count;
            }
        }
    }
    for (j, &b) in need.iter().enumerate() {
        cap[1 + t + j][sink] = b;
    }
    let original = cap.clone();
    let flow = max_flow(&mut cap, 0, sink);
    let demand: u64 = need.iter().sum();
    let supply: u64 = type_list
        .iter()
        .map(|((_, a), classes)| a.saturating_mul(classes.len() as u64))
        .sum();
    if flow != demand || flow != supply {
        return Err(internal());
    }

    // Deal each type's units to its classes (McNaughton's wrap-around).
    for (i, ((_, _), classes)) in type_list.iter().enumerate() {
        let count = classes.len();
        let mut position = 0usize;
        for j in 0..m {
            let used = original[1 + i][1 + t + j] - cap[1 + i][1 + t + j];
            for _ in 0..used {
                let k = classes[position % count];
                table[k][j] += 1;
                position += 1;
            }
        }
    }
    Ok(table)
}

fn internal() -> EngineError {
    EngineError::unusable(
        "split",
        "internal error: no stratified allocation found (please report this input)",
    )
}

/// Edmonds–Karp on a dense residual-capacity matrix; returns the flow value
/// and leaves the residual capacities in `cap`. Breadth-first search visits
/// nodes in index order, so the result is deterministic.
fn max_flow(cap: &mut [Vec<u64>], source: usize, sink: usize) -> u64 {
    let nodes = cap.len();
    let mut total = 0u64;
    loop {
        let mut parent = vec![usize::MAX; nodes];
        parent[source] = source;
        let mut queue = VecDeque::from([source]);
        while let Some(u) = queue.pop_front() {
            if u == sink {
                break;
            }
            for v in 0..nodes {
                if parent[v] == usize::MAX && cap[u][v] > 0 {
                    parent[v] = u;
                    queue.push_back(v);
                }
            }
        }
        if parent[sink] == usize::MAX {
            return total;
        }
        let mut bottleneck = u64::MAX;
        let mut v = sink;
        while v != source {
            let u = parent[v];
            bottleneck = bottleneck.min(cap[u][v]);
            v = u;
        }
        let mut v = sink;
        while v != source {
            let u = parent[v];
            cap[u][v] -= bottleneck;
            cap[v][u] = cap[v][u].saturating_add(bottleneck);
            v = u;
        }
        total = total.saturating_add(bottleneck);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_example() {
        let x = stratified_allocation(&[70, 30], &[60, 20, 20]).ok();
        assert_eq!(x, Some(vec![vec![42, 14, 14], vec![18, 6, 6]]));
    }

    #[test]
    fn many_singletons_fill_the_split_sizes() {
        let counts = vec![1u64; 10];
        let x = stratified_allocation(&counts, &[34, 33, 33]).unwrap_or_default();
        let cols: Vec<u64> = (0..3).map(|j| x.iter().map(|r| r[j]).sum()).collect();
        assert_eq!(cols, vec![4, 3, 3]);
        assert!(x.iter().all(|r| r.iter().sum::<u64>() == 1));
    }

    #[test]
    fn empty_and_zero_classes() {
        assert_eq!(
            stratified_allocation(&[], &[60, 20, 20]).ok(),
            Some(Vec::new())
        );
        assert_eq!(
            stratified_allocation(&[0, 5], &[60, 40]).ok(),
            Some(vec![vec![0, 0], vec![3, 2]])
        );
    }
}
