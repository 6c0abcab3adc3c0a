//! A layered layout of the commitment graph: columns are the phases.
//!
//! The phases are already the layers (the topological levels computed by
//! `graph`), so only two things are left to decide: the order of the
//! commitments within each column, and their heights.
//!
//! 1. **Long edges.** An edge that skips columns gets a *dummy* node in
//!    each column it crosses, so that it is routed between the boxes and
//!    takes part in the ordering like any other node (Sugiyama's method).
//!    When a graph would need more than [`MAX_DUMMIES`], long edges are
//!    drawn straight instead.
//! 2. **Order.** Barycentre heuristic: sweep the columns left to right,
//!    sorting each by the mean position of its nodes' neighbours in the
//!    column before, then right to left with the column after; a few
//!    rounds, keeping the order with the fewest edge crossings (counted
//!    exactly, by inversions). Sorts are stable, so ties keep spec order
//!    and the result is deterministic.
//! 3. **Heights.** Each node wants to sit at the mean height of its
//!    neighbours; within a column the order is fixed and boxes need a
//!    minimum gap. For a column that is a least-squares problem under
//!    ordering constraints, solved exactly by the pool-adjacent-violators
//!    algorithm. Alternate passes pull towards the column before and after.
//!
//! Everything is `O((nodes + dummies) × rounds)` plus sorting; a graph of a
//! few thousand commitments lays out in milliseconds (see the tests).

/// The most dummy nodes a layout adds before drawing long edges straight.
pub const MAX_DUMMIES: usize = 20_000;
/// Ordering rounds (each one sweep down and one up).
const ROUNDS: usize = 6;
/// Height passes (each one down and one up).
const HEIGHT_PASSES: usize = 4;

/// The sizes the layout works with, in SVG user units.
#[derive(Clone, Copy, Debug)]
pub struct Sizes {
    pub node_width: f64,
    pub node_height: f64,
    /// Between two boxes in a column.
    pub node_gap: f64,
    /// Between a box and a routed edge, or two routed edges.
    pub dummy_gap: f64,
    /// Between two columns.
    pub column_gap: f64,
}

/// What to lay out: `layer[i]` is the column of node `i` (0 for the first);
/// edges run from a prerequisite to its dependent.
#[derive(Clone, Debug, Default)]
pub struct Input {
    pub layer: Vec<usize>,
    pub edges: Vec<(usize, usize)>,
}

/// Where everything goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// The top-left corner of each node's box.
    pub nodes: Vec<(f64, f64)>,
    /// For each input edge, the points it passes through: the middle of the
    /// source's right side, then for each column crossed the left and right
    /// ends of its lane, then the middle of the target's left side.
    pub edges: Vec<Vec<(f64, f64)>>,
    pub width: f64,
    pub height: f64,
    pub columns: usize,
}

/// A node of the working graph: real (an input node) or a dummy.
#[derive(Clone, Debug)]
struct Slot {
    layer: usize,
    real: bool,
    /// Neighbours in the column before and after.
    up: Vec<usize>,
    down: Vec<usize>,
}

pub fn layout(input: &Input, sizes: &Sizes) -> Layout {
    let n = input.layer.len();
    let columns = input.layer.iter().map(|l| l + 1).max().unwrap_or(0);
    let mut slots: Vec<Slot> = input
        .layer
        .iter()
        .map(|&layer| Slot {
            layer,
            real: true,
            up: Vec::new(),
            down: Vec::new(),
        })
        .collect();

    // Long edges through dummies, when the budget allows.
    let span = |&(a, b): &(usize, usize)| -> usize {
        match (input.layer.get(a), input.layer.get(b)) {
            (Some(&la), Some(&lb)) if lb > la => lb - la,
            _ => 0,
        }
    };
    let dummies: usize = input.edges.iter().map(|e| span(e).saturating_sub(1)).sum();
    let route = dummies <= MAX_DUMMIES;
    // For each edge, its chain of slots (source, dummies…, target), or
    // `None` when it is drawn straight (not left to right, or not routed).
    let mut chains: Vec<Option<Vec<usize>>> = Vec::with_capacity(input.edges.len());
    for e in &input.edges {
        let (a, b) = *e;
        let s = span(e);
        if a >= n || b >= n || s == 0 || (s > 1 && !route) {
            chains.push(None);
            continue;
        }
        let mut chain = vec![a];
        for k in 1..s {
            let id = slots.len();
            slots.push(Slot {
                layer: input.layer[a] + k,
                real: false,
                up: Vec::new(),
                down: Vec::new(),
            });
            chain.push(id);
        }
        chain.push(b);
        for w in chain.windows(2) {
            slots[w[0]].down.push(w[1]);
            slots[w[1]].up.push(w[0]);
        }
        chains.push(Some(chain));
    }

    // Columns, real nodes in input order, dummies after them.
    let mut cols: Vec<Vec<usize>> = vec![Vec::new(); columns];
    for (i, s) in slots.iter().enumerate() {
        if let Some(col) = cols.get_mut(s.layer) {
            col.push(i);
        }
    }
    order(&mut cols, &slots);

    // Heights.
    let mut pos = vec![0usize; slots.len()];
    for col in &cols {
        for (k, &i) in col.iter().enumerate() {
            pos[i] = k;
        }
    }
    let height_of = |i: usize| {
        if slots[i].real {
            sizes.node_height
        } else {
            0.0
        }
    };
    let gap_between = |a: usize, b: usize| {
        let sep = if slots[a].real && slots[b].real {
            sizes.node_gap
        } else {
            sizes.dummy_gap
        };
        (height_of(a) + height_of(b)) / 2.0 + sep
    };
    // Centre heights, packed.
    let mut y = vec![0.0f64; slots.len()];
    for col in &cols {
        let mut at = 0.0;
        for (k, &i) in col.iter().enumerate() {
            if k > 0 {
                at += gap_between(col[k - 1], i);
            }
            y[i] = at;
        }
    }
    for pass in 0..HEIGHT_PASSES * 2 {
        let downwards = pass % 2 == 0;
        let order: Vec<usize> = if downwards {
            (1..columns).collect()
        } else {
            (0..columns.saturating_sub(1)).rev().collect()
        };
        for c in order {
            let col = &cols[c];
            let wanted: Vec<(f64, f64)> = col
                .iter()
                .map(|&i| {
                    let near = if downwards {
                        &slots[i].up
                    } else {
                        &slots[i].down
                    };
                    let weight = if slots[i].real { 1.0 } else { 2.0 };
                    if near.is_empty() {
                        (y[i], 0.25)
                    } else {
                        let mean = near.iter().map(|&j| y[j]).sum::<f64>() / near.len() as f64;
                        (mean, weight)
                    }
                })
                .collect();
            let gaps: Vec<f64> = col.windows(2).map(|w| gap_between(w[0], w[1])).collect();
            let placed = place(&wanted, &gaps);
            for (&i, v) in col.iter().zip(placed) {
                y[i] = v;
            }
        }
    }
    // The first column has no column before: centre it on its neighbours
    // once more so that sources sit beside what they lead to.
    if columns > 1 {
        let col = &cols[0];
        let wanted: Vec<(f64, f64)> = col
            .iter()
            .map(|&i| {
                let near = &slots[i].down;
                if near.is_empty() {
                    (y[i], 0.25)
                } else {
                    (
                        near.iter().map(|&j| y[j]).sum::<f64>() / near.len() as f64,
                        1.0,
                    )
                }
            })
            .collect();
        let gaps: Vec<f64> = col.windows(2).map(|w| gap_between(w[0], w[1])).collect();
        for (&i, v) in col.iter().zip(place(&wanted, &gaps)) {
            y[i] = v;
        }
    }

    // Shift so that the highest box starts at 0.
    let top = slots
        .iter()
        .enumerate()
        .map(|(i, _)| y[i] - height_of(i) / 2.0)
        .fold(f64::INFINITY, f64::min);
    let top = if top.is_finite() { top } else { 0.0 };
    for v in &mut y {
        *v -= top;
    }
    let height = slots
        .iter()
        .enumerate()
        .map(|(i, _)| y[i] + height_of(i) / 2.0)
        .fold(0.0, f64::max);

    let x_of = |layer: usize| layer as f64 * (sizes.node_width + sizes.column_gap);
    let nodes: Vec<(f64, f64)> = (0..n)
        .map(|i| (x_of(slots[i].layer), y[i] - sizes.node_height / 2.0))
        .collect();
    let right = |i: usize| (x_of(slots[i].layer) + sizes.node_width, y[i]);
    let left = |i: usize| (x_of(slots[i].layer), y[i]);
    let edges = input
        .edges
        .iter()
        .zip(&chains)
        .map(|(&(a, b), chain)| match chain {
            Some(chain) => {
                let mut pts = vec![right(a)];
                for &d in &chain[1..chain.len() - 1] {
                    pts.push(left(d));
                    pts.push(right(d));
                }
                pts.push(left(b));
                pts
            }
            None if a < n && b < n => vec![right(a), left(b)],
            None => Vec::new(),
        })
        .collect();
    let width = if columns == 0 {
        0.0
    } else {
        x_of(columns - 1) + sizes.node_width
    };
    Layout {
        nodes,
        edges,
        width,
        height,
        columns,
    }
}

/// Orders the columns by barycentre sweeps, keeping the best order found.
fn order(cols: &mut [Vec<usize>], slots: &[Slot]) {
    let mut pos = vec![0usize; slots.len()];
    let index = |cols: &[Vec<usize>], pos: &mut Vec<usize>| {
        for col in cols {
            for (k, &i) in col.iter().enumerate() {
                pos[i] = k;
            }
        }
    };
    index(cols, &mut pos);
    let mut best = cols.to_vec();
    let mut best_crossings = crossings(cols, slots, &pos);
    for _ in 0..ROUNDS {
        if best_crossings == 0 {
            break;
        }
        for downwards in [true, false] {
            let range: Vec<usize> = if downwards {
                (1..cols.len()).collect()
            } else {
                (0..cols.len().saturating_sub(1)).rev().collect()
            };
            for c in range {
                let mut keyed: Vec<(f64, usize)> = cols[c]
                    .iter()
                    .map(|&i| {
                        let near = if downwards {
                            &slots[i].up
                        } else {
                            &slots[i].down
                        };
                        let key = if near.is_empty() {
                            pos[i] as f64
                        } else {
                            near.iter().map(|&j| pos[j] as f64).sum::<f64>() / near.len() as f64
                        };
                        (key, i)
                    })
                    .collect();
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
                cols[c] = keyed.into_iter().map(|(_, i)| i).collect();
                for (k, &i) in cols[c].iter().enumerate() {
                    pos[i] = k;
                }
            }
            let now = crossings(cols, slots, &pos);
            if now < best_crossings {
                best_crossings = now;
                best = cols.to_vec();
            }
        }
    }
    cols.clone_from_slice(&best);
}

/// The number of edge crossings between adjacent columns.
fn crossings(cols: &[Vec<usize>], slots: &[Slot], pos: &[usize]) -> usize {
    let mut total = 0;
    for col in cols {
        // Edges from this column to the next, sorted by source then target
        // position; crossings are the inversions of the target positions.
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for &i in col {
            for &j in &slots[i].down {
                if slots[j].layer == slots[i].layer + 1 {
                    pairs.push((pos[i], pos[j]));
                }
            }
        }
        pairs.sort_unstable();
        let mut targets: Vec<usize> = pairs.into_iter().map(|(_, t)| t).collect();
        total += inversions(&mut targets);
    }
    total
}

/// Counts the pairs `i < j` with `v[i] > v[j]` (merge sort; sorts `v`).
fn inversions(v: &mut [usize]) -> usize {
    let n = v.len();
    if n < 2 {
        return 0;
    }
    let mid = n / 2;
    let mut count = inversions(&mut v[..mid]) + inversions(&mut v[mid..]);
    let mut merged = Vec::with_capacity(n);
    let (mut i, mut j) = (0, mid);
    while i < mid && j < n {
        if v[j] < v[i] {
            count += mid - i;
            merged.push(v[j]);
            j += 1;
        } else {
            merged.push(v[i]);
            i += 1;
        }
    }
    merged.extend_from_slice(&v[i..mid]);
    merged.extend_from_slice(&v[j..n]);
    v.copy_from_slice(&merged);
    count
}

/// Heights for a column: as near as possible (weighted least squares) to
/// `wanted[k] = (height, weight)`, keeping the order and at least `gaps[k]`
/// between items `k` and `k + 1`. Pool adjacent violators on the heights
/// less their minimum offsets.
fn place(wanted: &[(f64, f64)], gaps: &[f64]) -> Vec<f64> {
    let mut offset = Vec::with_capacity(wanted.len());
    let mut at = 0.0;
    for k in 0..wanted.len() {
        if k > 0 {
            at += gaps[k - 1];
        }
        offset.push(at);
    }
    // Blocks of pooled items: (mean, total weight, count).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::new();
    for (k, &(h, w)) in wanted.iter().enumerate() {
        let w = w.max(1e-6);
        blocks.push((h - offset[k], w, 1));
        while blocks.len() > 1 {
            let last = blocks[blocks.len() - 1];
            let prev = blocks[blocks.len() - 2];
            if prev.0 <= last.0 {
                break;
            }
            let weight = prev.1 + last.1;
            let mean = (prev.0 * prev.1 + last.0 * last.1) / weight;
            blocks.pop();
            let end = blocks.len() - 1;
            blocks[end] = (mean, weight, prev.2 + last.2);
        }
    }
    let mut out = Vec::with_capacity(wanted.len());
    for (mean, _, count) in blocks {
        for _ in 0..count {
            let k = out.len();
            out.push(mean + offset[k]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZES: Sizes = Sizes {
        node_width: 100.0,
        node_height: 40.0,
        node_gap: 10.0,
        dummy_gap: 6.0,
        column_gap: 50.0,
    };

    fn all_crossings(input: &Input, l: &Layout) -> usize {
        // Count crossings of edges between adjacent columns by heights.
        let mut count = 0;
        let segs: Vec<((f64, f64), (f64, f64))> = l
            .edges
            .iter()
            .flat_map(|pts| pts.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>())
            .filter(|(a, b)| b.0 > a.0)
            .collect();
        for (i, a) in segs.iter().enumerate() {
            for b in &segs[i + 1..] {
                if (a.0 .0 - b.0 .0).abs() < 1e-9
                    && (a.1 .0 - b.1 .0).abs() < 1e-9
                    && (a.0 .1 - b.0 .1) * (a.1 .1 - b.1 .1) < 0.0
                {
                    count += 1;
                }
            }
        }
        let _ = input;
        count
    }

    #[test]
    fn boxes_in_a_column_do_not_overlap() {
        let input = Input {
            layer: vec![0, 0, 0, 1, 1, 2],
            edges: vec![(0, 3), (1, 3), (2, 4), (3, 5), (0, 5)],
        };
        let l = layout(&input, &SIZES);
        assert_eq!(l.columns, 3);
        for i in 0..6 {
            for j in i + 1..6 {
                if input.layer[i] == input.layer[j] {
                    let (a, b) = (l.nodes[i].1, l.nodes[j].1);
                    assert!((a - b).abs() >= 40.0 + 10.0 - 1e-6, "{i} {j} {a} {b}");
                }
            }
        }
        // The long edge 0 → 5 passes through column 1.
        assert_eq!(l.edges[4].len(), 4);
        assert!(l.nodes.iter().all(|&(_, y)| y >= -1e-9));
    }

    #[test]
    fn barycentre_removes_an_avoidable_crossing() {
        // 0→3 and 1→2 cross when kept in input order.
        let input = Input {
            layer: vec![0, 0, 1, 1],
            edges: vec![(0, 3), (1, 2)],
        };
        let l = layout(&input, &SIZES);
        assert_eq!(all_crossings(&input, &l), 0);
    }

    #[test]
    fn deterministic() {
        let input = Input {
            layer: vec![0, 0, 1, 1, 2, 2, 3],
            edges: vec![(0, 2), (1, 3), (0, 3), (2, 4), (3, 5), (1, 6), (4, 6)],
        };
        assert_eq!(layout(&input, &SIZES), layout(&input, &SIZES));
    }

    #[test]
    fn empty_and_degenerate_inputs() {
        let l = layout(&Input::default(), &SIZES);
        assert_eq!((l.width, l.height, l.columns), (0.0, 0.0, 0));
        // Out-of-range and backwards edges do not panic.
        let input = Input {
            layer: vec![1, 0],
            edges: vec![(0, 1), (0, 9), (1, 1)],
        };
        let l = layout(&input, &SIZES);
        assert_eq!(l.edges.len(), 3);
    }

    #[test]
    fn large_graphs_are_fast() {
        // 3,000 commitments in 30 phases, each depending on two earlier
        // ones, some far back.
        let n = 3_000;
        let layer: Vec<usize> = (0..n).map(|i| i * 30 / n).collect();
        let mut edges = Vec::new();
        for i in 0..n {
            if layer[i] > 0 {
                let first = (i * 7919) % n;
                for j in [first, (i * 104_729) % n] {
                    if layer[j] < layer[i] {
                        edges.push((j, i));
                    }
                }
            }
        }
        let started = std::time::Instant::now();
        let l = layout(&Input { layer, edges }, &SIZES);
        assert_eq!(l.nodes.len(), n);
        assert!(
            started.elapsed().as_secs() < 20,
            "took {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn pav_respects_gaps_and_order() {
        let out = place(&[(10.0, 1.0), (0.0, 1.0), (5.0, 1.0)], &[10.0, 10.0]);
        assert!(out[1] - out[0] >= 10.0 - 1e-9);
        assert!(out[2] - out[1] >= 10.0 - 1e-9);
        let out = place(&[(0.0, 1.0), (100.0, 1.0)], &[10.0]);
        assert_eq!(out, vec![0.0, 100.0]);
    }

    #[test]
    fn inversion_count() {
        assert_eq!(inversions(&mut [3, 1, 2]), 2);
        assert_eq!(inversions(&mut [1, 2, 3]), 0);
        assert_eq!(inversions(&mut [3, 2, 1]), 3);
    }
}
