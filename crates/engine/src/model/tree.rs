//! CART decision trees as scikit-learn grows them (`DecisionTreeClassifier`
//! with the Gini criterion, `DecisionTreeRegressor` with squared error),
//! depth first, best split per node.
//!
//! Matching scikit-learn: features are compared as `f32` (its `DTYPE`);
//! values closer than 1e-7 count as equal (`FEATURE_THRESHOLD`); a split's
//! threshold is `a/2 + b/2` of the two neighbouring values (or `a` when
//! that rounds to `b`); a row goes left when `x <= threshold`. A node is a
//! leaf at `max_depth`, below `2 × min_samples_leaf` rows (or 2), when its
//! impurity is at most ε, or when no split keeps `min_samples_leaf` rows on
//! each side. The best split maximizes scikit-learn's proxy
//! (Gini: `−(n_l G_l + n_r G_r)`; squared error: `S_l²/n_l + S_r²/n_r`).

use ndarray::Array2;
use serde::{Deserialize, Serialize};

const FEATURE_THRESHOLD: f64 = 1e-7;

/// One node: a split (`feature`, `threshold`, children) or a leaf.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// `None` for a leaf.
    pub feature: Option<usize>,
    pub threshold: f64,
    pub left: usize,
    pub right: usize,
    /// Class shares (classification) or `[mean]` (regression).
    pub value: Vec<f64>,
    pub rows: usize,
}

/// A fitted tree; node 0 is the root.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tree {
    pub nodes: Vec<Node>,
}

/// What the tree predicts.
pub enum Target<'a> {
    Classes { y: &'a [u32], k: usize },
    Values(&'a [f64]),
}

struct Grower<'a> {
    x: Vec<Vec<f32>>,
    target: Target<'a>,
    max_depth: usize,
    min_leaf: usize,
    nodes: Vec<Node>,
}

/// Grows a tree on `x` (rows × features).
pub fn fit(x: &Array2<f64>, target: Target<'_>, max_depth: usize, min_samples_leaf: usize) -> Tree {
    let (n, d) = x.dim();
    let columns = (0..d)
        .map(|j| x.column(j).iter().map(|&v| v as f32).collect())
        .collect();
    let mut g = Grower {
        x: columns,
        target,
        max_depth,
        min_leaf: min_samples_leaf.max(1),
        nodes: Vec::new(),
    };
    let mut rows: Vec<usize> = (0..n).collect();
    g.grow(&mut rows, 0);
    Tree { nodes: g.nodes }
}

impl Grower<'_> {
    /// Leaf value and impurity of `rows`.
    fn summary(&self, rows: &[usize]) -> (Vec<f64>, f64) {
        let n = rows.len().max(1) as f64;
        match &self.target {
            Target::Classes { y, k } => {
                let mut counts = vec![0.0; *k];
                for &r in rows {
                    if let Some(c) = counts.get_mut(y.get(r).copied().unwrap_or(0) as usize) {
                        *c += 1.0;
                    }
                }
                let gini = 1.0 - counts.iter().map(|c| (c / n) * (c / n)).sum::<f64>();
                (counts.iter().map(|c| c / n).collect(), gini)
            }
            Target::Values(y) => {
                let vals = rows.iter().map(|&r| y.get(r).copied().unwrap_or(0.0));
                let mean = vals.clone().sum::<f64>() / n;
                let var = vals.map(|v| v * v).sum::<f64>() / n - mean * mean;
                (vec![mean], var)
            }
        }
    }

    fn grow(&mut self, rows: &mut [usize], depth: usize) -> usize {
        let (value, impurity) = self.summary(rows);
        let id = self.nodes.len();
        self.nodes.push(Node {
            feature: None,
            threshold: 0.0,
            left: 0,
            right: 0,
            value,
            rows: rows.len(),
        });
        let leaf = depth >= self.max_depth
            || rows.len() < 2
            || rows.len() < 2 * self.min_leaf
            || impurity <= f64::EPSILON;
        if leaf {
            return id;
        }
        let Some((feature, threshold)) = self.best_split(rows) else {
            return id;
        };
        let column = &self.x[feature];
        // A stable partition: rows going left first, each side in order.
        let (left, right): (Vec<usize>, Vec<usize>) = rows
            .iter()
            .partition(|&&r| f64::from(column[r]) <= threshold);
        let mid = left.len();
        rows[..mid].copy_from_slice(&left);
        rows[mid..].copy_from_slice(&right);
        let (left_rows, right_rows) = rows.split_at_mut(mid);
        let left = self.grow(left_rows, depth + 1);
        let right = self.grow(right_rows, depth + 1);
        let node = &mut self.nodes[id];
        node.feature = Some(feature);
        node.threshold = threshold;
        node.left = left;
        node.right = right;
        id
    }

    /// The split with the best proxy improvement, if any is allowed.
    fn best_split(&self, rows: &[usize]) -> Option<(usize, f64)> {
        let mut best: Option<(f64, usize, f64)> = None;
        let n = rows.len();
        let mut order: Vec<usize> = rows.to_vec();
        for (j, column) in self.x.iter().enumerate() {
            crate::basics::sort::sort_indices(&mut order, &|a, b| column[a].total_cmp(&column[b]));
            let v = |i: usize| f64::from(column[order[i]]);
            if v(n - 1) <= v(0) + FEATURE_THRESHOLD {
                continue;
            }
            let mut scan = Scan::new(&self.target, &order);
            let mut p = 0;
            while p + 1 < n {
                scan.move_left(&self.target, order[p]);
                if v(p + 1) <= v(p) + FEATURE_THRESHOLD {
                    p += 1;
                    continue;
                }
                p += 1;
                if p < self.min_leaf || n - p < self.min_leaf {
                    continue;
                }
                let proxy = scan.proxy(p, n);
                if best.is_none_or(|(b, _, _)| proxy > b) {
                    let (a, b) = (v(p - 1), v(p));
                    let mut t = a / 2.0 + b / 2.0;
                    if t == b || !t.is_finite() {
                        t = a;
                    }
                    best = Some((proxy, j, t));
                }
            }
        }
        best.map(|(_, j, t)| (j, t))
    }
}

/// Running left/right sums while scanning a sorted feature.
struct Scan {
    left: Vec<f64>,
    total: Vec<f64>,
}

impl Scan {
    fn new(target: &Target<'_>, rows: &[usize]) -> Scan {
        let mut s = Scan {
            left: Vec::new(),
            total: Vec::new(),
        };
        match target {
            Target::Classes { k, .. } => {
                s.left = vec![0.0; *k];
                s.total = vec![0.0; *k];
            }
            Target::Values(_) => {
                s.left = vec![0.0];
                s.total = vec![0.0];
            }
        }
        for &r in rows {
            s.add(target, r, true);
        }
        s
    }

    fn add(&mut self, target: &Target<'_>, r: usize, total: bool) {
        let into = if total {
            &mut self.total
        } else {
            &mut self.left
        };
        match target {
            Target::Classes { y, .. } => {
                if let Some(c) = into.get_mut(y.get(r).copied().unwrap_or(0) as usize) {
                    *c += 1.0;
                }
            }
            Target::Values(y) => into[0] += y.get(r).copied().unwrap_or(0.0),
        }
    }

    fn move_left(&mut self, target: &Target<'_>, r: usize) {
        self.add(target, r, false);
    }

    /// scikit-learn's proxy improvement with `nl` rows on the left.
    fn proxy(&self, nl: usize, n: usize) -> f64 {
        let (nl, nr) = (nl as f64, (n - nl) as f64);
        if self.left.len() == 1 && self.total.len() == 1 {
            let (sl, st) = (self.left[0], self.total[0]);
            let sr = st - sl;
            return sl * sl / nl + sr * sr / nr;
        }
        let gini = |counts: &mut dyn Iterator<Item = f64>, m: f64| {
            1.0 - counts.map(|c| (c / m) * (c / m)).sum::<f64>()
        };
        let gl = gini(&mut self.left.iter().copied(), nl);
        let gr = gini(
            &mut self.left.iter().zip(&self.total).map(|(l, t)| t - l),
            nr,
        );
        -(nl * gl) - nr * gr
    }
}

impl Tree {
    /// The leaf value of each row of `x`.
    pub fn predict(&self, x: &Array2<f64>) -> Vec<Vec<f64>> {
        x.rows()
            .into_iter()
            .map(|xi| {
                let mut at = 0;
                for _ in 0..self.nodes.len() {
                    let Some(node) = self.nodes.get(at) else {
                        break;
                    };
                    match node.feature {
                        Some(j) => {
                            let v = f64::from(xi.get(j).copied().unwrap_or(0.0) as f32);
                            at = if v <= node.threshold {
                                node.left
                            } else {
                                node.right
                            };
                        }
                        None => return node.value.clone(),
                    }
                }
                Vec::new()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_step() {
        let x = Array2::from_shape_vec((4, 1), vec![1.0, 2.0, 3.0, 4.0]).unwrap_or_default();
        let t = fit(
            &x,
            Target::Classes {
                y: &[0, 0, 1, 1],
                k: 2,
            },
            5,
            1,
        );
        assert_eq!(t.nodes[0].threshold, 2.5);
        assert_eq!(t.predict(&x)[3], vec![0.0, 1.0]);
        let r = fit(&x, Target::Values(&[1.0, 1.0, 5.0, 5.0]), 5, 1);
        assert_eq!(r.predict(&x)[0], vec![1.0]);
    }

    #[test]
    fn constant_features_make_a_leaf() {
        let x = Array2::<f64>::zeros((3, 2));
        let t = fit(
            &x,
            Target::Classes {
                y: &[0, 1, 1],
                k: 2,
            },
            5,
            1,
        );
        assert_eq!(t.nodes.len(), 1);
    }
}
