//! Structural balance: the frustration index of a signed network — the least total weight of
//! edges whose removal (equivalently, whose sign change) leaves a balanced network, one whose
//! nodes split into two sides with every positive edge inside a side and every negative edge
//! across (Cartwright & Harary; Aref & Wilson, "Measuring partial balance in signed networks",
//! 2018) — and the partition that attains it.
//!
//! Method, per connected component:
//! 1. Nodes of degree one are peeled off: their edge can always be satisfied.
//! 2. A heuristic gives an upper bound: the best of local searches (flipping the node that
//!    gains most, until none gains) started from colourings that satisfy random spanning
//!    trees, and perturbations of the best. A lower bound comes from packing unbalanced
//!    cycles (each needs at least one frustrated edge): fundamental cycles of a spanning
//!    forest of the residual network, each taking the least residual weight on it, until the
//!    residual network is balanced. When the two meet, the value is exact.
//! 3. Otherwise branch and bound over two-colourings decides (nodes in maximum-connectivity
//!    order; the bound adds, for every uncoloured node, the cheaper of its two colours against
//!    the coloured ones), looking only for something better than the heuristic, within
//!    [`EXACT_NODE_BUDGET`] search nodes.
//! 4. When the budget runs out, the heuristic's value is reported with the lower bound.

use crate::rng::Rng;
use crate::SignedNetwork;

/// Branch-and-bound search nodes allowed per component before the heuristic answer is
/// returned with its bounds.
pub const EXACT_NODE_BUDGET: u64 = 300_000;

const EPS: f64 = 1e-9;

/// The frustration of a network and the two sides it implies.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Frustration {
    /// The least total weight of frustrated edges found; the minimum when `exact`.
    pub value: f64,
    /// A proven lower bound on the minimum (equal to `value` when exact).
    pub lower_bound: f64,
    pub exact: bool,
    /// How the value was found.
    pub method: String,
    /// The side of each node (by node index) in the best partition found.
    pub side: Vec<bool>,
    /// Indices (into the network's edges) of the edges that partition frustrates.
    pub frustrated: Vec<usize>,
    /// `value` divided by half the total weight: 0 balanced, 1 as frustrated as a random
    /// network can be (no network exceeds 1: a random partition frustrates half the weight
    /// on average). Aref & Wilson's normalised frustration.
    pub normalised: f64,
}

/// One component's edges in local indices: (u, v, weight > 0, positive).
type LocalEdge = (usize, usize, f64, bool);

fn cost(e: &LocalEdge, cu: bool, cv: bool) -> f64 {
    if (cu == cv) != e.3 {
        e.2
    } else {
        0.0
    }
}

fn total_cost(edges: &[LocalEdge], colour: &[bool]) -> f64 {
    edges.iter().map(|e| cost(e, colour[e.0], colour[e.1])).sum()
}

/// The frustration of `net`; with `weighted` false every edge counts 1 (the classic index).
pub fn frustration(net: &SignedNetwork, weighted: bool) -> Frustration {
    let n = net.nodes.len();
    let mut side = vec![false; n];
    let (mut value, mut lower, mut exact) = (0.0, 0.0, true);
    let mut notes: Vec<String> = Vec::new();
    for component in net.components() {
        if component.len() < 2 {
            continue;
        }
        let mut local = vec![usize::MAX; n];
        for (i, v) in component.iter().enumerate() {
            local[*v] = i;
        }
        let edges: Vec<LocalEdge> = net
            .edges
            .iter()
            .filter(|e| local[e.a] != usize::MAX)
            .map(|e| {
                let w = if weighted { e.weight.abs() } else { 1.0 };
                (local[e.a], local[e.b], w, e.weight > 0.0)
            })
            .collect();
        let solved = solve_component(component.len(), &edges);
        for (i, v) in component.iter().enumerate() {
            side[*v] = solved.colour[i];
        }
        value += solved.value;
        lower += solved.lower_bound;
        exact &= solved.exact;
        if !solved.exact {
            notes.push(format!(
                "a component of {} nodes: heuristic, frustration between {:.2} and {:.2}",
                component.len(),
                solved.lower_bound,
                solved.value
            ));
        }
    }
    let frustrated: Vec<usize> = net
        .edges
        .iter()
        .enumerate()
        .filter(|(_, e)| (side[e.a] == side[e.b]) != (e.weight > 0.0))
        .map(|(i, _)| i)
        .collect();
    let total: f64 = if weighted { net.total_weight() } else { net.edges.len() as f64 };
    let method = if exact {
        "exact (branch and bound after peeling degree-one nodes)".to_string()
    } else {
        format!(
            "heuristic (local search from spanning-tree colourings; lower bound by packing unbalanced cycles): {}",
            notes.join("; ")
        )
    };
    Frustration {
        value,
        lower_bound: if exact { value } else { lower },
        exact,
        method,
        side,
        frustrated,
        normalised: if total > 0.0 { (value / (total / 2.0)).min(1.0) } else { 0.0 },
    }
}

struct Solved {
    colour: Vec<bool>,
    value: f64,
    lower_bound: f64,
    exact: bool,
}

fn solve_component(n: usize, edges: &[LocalEdge]) -> Solved {
    // Peel degree-one nodes: each takes the colour that satisfies its one edge, decided
    // after the rest is coloured (last peeled, first coloured).
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in edges.iter().enumerate() {
        adj[e.0].push(i);
        adj[e.1].push(i);
    }
    let mut alive_edge = vec![true; edges.len()];
    let mut degree: Vec<usize> = adj.iter().map(Vec::len).collect();
    let mut removed = vec![false; n];
    let mut peeled: Vec<(usize, usize)> = Vec::new(); // (node, its edge)
    let mut stack: Vec<usize> = (0..n).filter(|v| degree[*v] == 1).collect();
    while let Some(v) = stack.pop() {
        if removed[v] || degree[v] != 1 {
            continue;
        }
        let Some(&e) = adj[v].iter().find(|e| alive_edge[**e]) else { continue };
        removed[v] = true;
        alive_edge[e] = false;
        peeled.push((v, e));
        let other = if edges[e].0 == v { edges[e].1 } else { edges[e].0 };
        degree[v] = 0;
        degree[other] -= 1;
        if degree[other] == 1 {
            stack.push(other);
        }
    }
    let core: Vec<usize> = (0..n).filter(|v| !removed[*v]).collect();
    let mut colour = vec![false; n];
    let (mut value, mut lower_bound, mut exact) = (0.0, 0.0, true);
    if core.len() >= 2 {
        let mut local = vec![usize::MAX; n];
        for (i, v) in core.iter().enumerate() {
            local[*v] = i;
        }
        let core_edges: Vec<LocalEdge> = edges
            .iter()
            .zip(&alive_edge)
            .filter(|(_, alive)| **alive)
            .map(|(e, _)| (local[e.0], local[e.1], e.2, e.3))
            .collect();
        let (heuristic_colour, heuristic_value) = heuristic(core.len(), &core_edges);
        let packing = cycle_packing_bound(core.len(), &core_edges).min(heuristic_value);
        // When the packing bound meets the heuristic's value, that value is the minimum;
        // otherwise branch and bound decides, within its budget.
        let found = if heuristic_value - packing < EPS {
            Some((heuristic_colour.clone(), heuristic_value))
        } else {
            branch_and_bound(core.len(), &core_edges, heuristic_value, EXACT_NODE_BUDGET)
        };
        let core_colour = match found {
            Some((c, v)) => {
                value = v;
                lower_bound = v;
                c
            }
            None => {
                exact = false;
                value = heuristic_value;
                lower_bound = packing;
                heuristic_colour
            }
        };
        for (i, v) in core.iter().enumerate() {
            colour[*v] = core_colour[i];
        }
    } else if let Some(&v) = core.first() {
        colour[v] = false;
    }
    for (v, e) in peeled.into_iter().rev() {
        let edge = &edges[e];
        let other = if edge.0 == v { edge.1 } else { edge.0 };
        colour[v] = if edge.3 { colour[other] } else { !colour[other] };
    }
    debug_assert!((total_cost(edges, &colour) - value).abs() < 1e-6);
    Solved { colour, value, lower_bound, exact }
}

/// Adjacency lists: (neighbour, edge index).
fn adjacency(n: usize, edges: &[LocalEdge]) -> Vec<Vec<(usize, usize)>> {
    let mut adj = vec![Vec::new(); n];
    for (i, e) in edges.iter().enumerate() {
        adj[e.0].push((e.1, i));
        adj[e.1].push((e.0, i));
    }
    adj
}

/// Exact minimum by branch and bound, or `None` when `budget` search nodes do not suffice.
/// `upper` is a known achievable value (the heuristic's).
fn branch_and_bound(
    n: usize,
    edges: &[LocalEdge],
    upper: f64,
    budget: u64,
) -> Option<(Vec<bool>, f64)> {
    let adj = adjacency(n, edges);
    // Maximum-connectivity order: next the node most tied to those already ordered.
    let mut order = Vec::with_capacity(n);
    let mut placed = vec![false; n];
    let mut tie = vec![0.0f64; n];
    let strength: Vec<f64> =
        (0..n).map(|v| adj[v].iter().map(|(_, e)| edges[*e].2).sum()).collect();
    for _ in 0..n {
        let next = (0..n)
            .filter(|v| !placed[*v])
            .max_by(|a, b| {
                tie[*a]
                    .total_cmp(&tie[*b])
                    .then(strength[*a].total_cmp(&strength[*b]))
                    .then(b.cmp(a))
            })
            .expect("an unplaced node remains");
        placed[next] = true;
        order.push(next);
        for (u, e) in &adj[next] {
            tie[*u] += edges[*e].2;
        }
    }
    struct Search<'a> {
        edges: &'a [LocalEdge],
        adj: &'a [Vec<(usize, usize)>],
        order: Vec<usize>,
        assigned: Vec<Option<bool>>,
        /// Cost of each colour of an unassigned node against the assigned ones.
        acc: Vec<[f64; 2]>,
        best: f64,
        best_colour: Option<Vec<bool>>,
        visited: u64,
        budget: u64,
        /// Undo records of `acc` (node, previous value), popped back to a mark.
        undo: Vec<(usize, [f64; 2])>,
    }
    impl Search<'_> {
        fn run(&mut self, k: usize, cost_so_far: f64, rest_bound: f64) -> bool {
            self.visited += 1;
            if self.visited > self.budget {
                return false;
            }
            if k == self.order.len() {
                if cost_so_far < self.best - EPS {
                    self.best = cost_so_far;
                    self.best_colour =
                        Some(self.assigned.iter().map(|c| c.unwrap_or(false)).collect());
                }
                return true;
            }
            let v = self.order[k];
            let acc = self.acc[v];
            let colours: &[bool] = if k == 0 {
                &[false]
            } else if acc[0] <= acc[1] {
                &[false, true]
            } else {
                &[true, false]
            };
            for &c in colours {
                let spent = cost_so_far + acc[usize::from(c)];
                let mut bound = rest_bound - acc[0].min(acc[1]);
                if spent + bound >= self.best - EPS {
                    continue;
                }
                self.assigned[v] = Some(c);
                let mark = self.undo.len();
                for &(u, e) in &self.adj[v] {
                    if self.assigned[u].is_some() {
                        continue;
                    }
                    let before = self.acc[u];
                    let edge = &self.edges[e];
                    self.acc[u][0] += cost(edge, c, false);
                    self.acc[u][1] += cost(edge, c, true);
                    bound += self.acc[u][0].min(self.acc[u][1]) - before[0].min(before[1]);
                    self.undo.push((u, before));
                }
                let within_budget = if spent + bound < self.best - EPS {
                    self.run(k + 1, spent, bound)
                } else {
                    true
                };
                while self.undo.len() > mark {
                    if let Some((u, before)) = self.undo.pop() {
                        self.acc[u] = before;
                    }
                }
                self.assigned[v] = None;
                if !within_budget {
                    return false;
                }
            }
            true
        }
    }
    let mut search = Search {
        edges,
        adj: &adj,
        order,
        assigned: vec![None; n],
        acc: vec![[0.0, 0.0]; n],
        // Search for anything strictly better than the heuristic; if nothing is, the
        // heuristic's value is the minimum.
        best: upper + 2.0 * EPS,
        best_colour: None,
        visited: 0,
        budget,
        undo: Vec::new(),
    };
    let complete = search.run(0, 0.0, 0.0);
    if !complete {
        return None;
    }
    // A complete search always reaches a colouring at least as good as the heuristic's.
    search.best_colour.map(|c| {
        let v = total_cost(edges, &c);
        (c, v)
    })
}

/// Flips nodes while some flip lowers the cost, the best flip first.
fn local_search(adj: &[Vec<(usize, usize)>], edges: &[LocalEdge], colour: &mut [bool]) {
    let n = colour.len();
    let gain_of = |v: usize, colour: &[bool]| -> f64 {
        adj[v]
            .iter()
            .map(|(u, e)| {
                let edge = &edges[*e];
                cost(edge, colour[v], colour[*u]) - cost(edge, !colour[v], colour[*u])
            })
            .sum()
    };
    let mut gain: Vec<f64> = (0..n).map(|v| gain_of(v, colour)).collect();
    loop {
        let Some((v, g)) = gain
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
            .map(|(v, g)| (v, *g))
        else {
            return;
        };
        if g <= EPS {
            return;
        }
        colour[v] = !colour[v];
        gain[v] = -gain[v];
        for (u, _) in &adj[v] {
            gain[*u] = gain_of(*u, colour);
        }
    }
}

/// The colouring that satisfies every edge of a random spanning tree (breadth-first from a
/// random root, neighbours in random order).
fn tree_colouring(adj: &[Vec<(usize, usize)>], edges: &[LocalEdge], rng: &mut Rng) -> Vec<bool> {
    let n = adj.len();
    let mut colour = vec![false; n];
    let mut seen = vec![false; n];
    let mut roots: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut roots);
    for root in roots {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        let mut queue = std::collections::VecDeque::from([root]);
        while let Some(v) = queue.pop_front() {
            let mut next: Vec<(usize, usize)> = adj[v].clone();
            rng.shuffle(&mut next);
            for (u, e) in next {
                if !seen[u] {
                    seen[u] = true;
                    colour[u] = if edges[e].3 { colour[v] } else { !colour[v] };
                    queue.push_back(u);
                }
            }
        }
    }
    colour
}

/// Restarts of the heuristic (each a spanning-tree start and a local search) and
/// perturbations of the best.
const STARTS: usize = 24;
const PERTURBATIONS: usize = 48;

fn heuristic(n: usize, edges: &[LocalEdge]) -> (Vec<bool>, f64) {
    let adj = adjacency(n, edges);
    let mut rng = Rng::new(0x5eed_0000 + n as u64 * 31 + edges.len() as u64);
    let mut best = vec![false; n];
    local_search(&adj, edges, &mut best);
    let mut best_value = total_cost(edges, &best);
    for _ in 0..STARTS {
        let mut c = tree_colouring(&adj, edges, &mut rng);
        local_search(&adj, edges, &mut c);
        let v = total_cost(edges, &c);
        if v < best_value - EPS {
            best = c;
            best_value = v;
        }
    }
    for _ in 0..PERTURBATIONS {
        let mut c = best.clone();
        let flips = (n / 10).max(1);
        for _ in 0..flips {
            let v = rng.below(n);
            // Flip a node with its neighbourhood: a small move local search cannot make.
            c[v] = !c[v];
            for (u, _) in &adj[v] {
                if rng.below(2) == 0 {
                    c[*u] = !c[*u];
                }
            }
        }
        local_search(&adj, edges, &mut c);
        let v = total_cost(edges, &c);
        if v < best_value - EPS {
            best = c;
            best_value = v;
        }
    }
    (best, best_value)
}

/// A lower bound on the frustration: a packing of unbalanced cycles, each given the least
/// residual weight on it (which every edge on it then loses), found among the fundamental
/// cycles of spanning forests of the residual network.
fn cycle_packing_bound(n: usize, edges: &[LocalEdge]) -> f64 {
    let mut residual: Vec<f64> = edges.iter().map(|e| e.2).collect();
    let mut bound = 0.0;
    loop {
        // A spanning forest of the edges with residual weight, with each node's parity (the
        // product of signs along its tree path from the root).
        let adj = {
            let mut adj = vec![Vec::new(); n];
            for (i, e) in edges.iter().enumerate() {
                if residual[i] > EPS {
                    adj[e.0].push((e.1, i));
                    adj[e.1].push((e.0, i));
                }
            }
            adj
        };
        let mut parent: Vec<Option<(usize, usize)>> = vec![None; n];
        let mut depth = vec![0usize; n];
        let mut parity = vec![false; n];
        let mut seen = vec![false; n];
        let mut tree_edge = vec![false; edges.len()];
        for root in 0..n {
            if seen[root] {
                continue;
            }
            seen[root] = true;
            let mut queue = std::collections::VecDeque::from([root]);
            while let Some(v) = queue.pop_front() {
                for &(u, e) in &adj[v] {
                    if !seen[u] {
                        seen[u] = true;
                        parent[u] = Some((v, e));
                        depth[u] = depth[v] + 1;
                        parity[u] = parity[v] ^ !edges[e].3;
                        tree_edge[e] = true;
                        queue.push_back(u);
                    }
                }
            }
        }
        let mut packed = false;
        for (i, e) in edges.iter().enumerate() {
            let unbalanced = parity[e.0] ^ parity[e.1] ^ !e.3;
            if tree_edge[i] || residual[i] <= EPS || !unbalanced {
                continue;
            }
            // The cycle: this edge and the tree paths from its ends to their common ancestor.
            let mut path = vec![i];
            let (mut a, mut b) = (e.0, e.1);
            while a != b {
                if depth[a] >= depth[b] {
                    let Some((p, pe)) = parent[a] else { break };
                    path.push(pe);
                    a = p;
                } else {
                    let Some((p, pe)) = parent[b] else { break };
                    path.push(pe);
                    b = p;
                }
            }
            let y = path.iter().map(|p| residual[*p]).fold(f64::INFINITY, f64::min);
            if y <= EPS {
                continue;
            }
            for p in &path {
                residual[*p] -= y;
            }
            bound += y;
            packed = true;
        }
        if !packed {
            return bound;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(n: usize, edges: &[(usize, usize, f64)]) -> SignedNetwork {
        crate::test_network(n, edges)
    }

    /// The minimum over all colourings (the first node's colour fixed).
    fn brute_force(n: usize, net: &SignedNetwork, weighted: bool) -> f64 {
        let mut best = f64::INFINITY;
        for mask in 0..(1u64 << (n - 1)) {
            let colour: Vec<bool> = (0..n).map(|i| i > 0 && mask >> (i - 1) & 1 == 1).collect();
            let v: f64 = net
                .edges
                .iter()
                .filter(|e| (colour[e.a] == colour[e.b]) != (e.weight > 0.0))
                .map(|e| if weighted { e.weight.abs() } else { 1.0 })
                .sum();
            best = best.min(v);
        }
        best
    }

    #[test]
    fn triangles_and_trees() {
        // All-negative triangle: one edge must be frustrated.
        let f = frustration(&net(3, &[(0, 1, -1.0), (1, 2, -1.0), (0, 2, -1.0)]), true);
        assert_eq!((f.value, f.exact, f.frustrated.len()), (1.0, true, 1));
        // A tree is always balanced.
        let f = frustration(&net(4, &[(0, 1, -2.0), (1, 2, 3.0), (1, 3, -1.0)]), true);
        assert_eq!(f.value, 0.0);
        assert!(f.side[0] != f.side[1] && f.side[1] == f.side[2] && f.side[1] != f.side[3]);
        // Weighted: the lightest edge of an unbalanced cycle is the one frustrated.
        let f = frustration(&net(3, &[(0, 1, 5.0), (1, 2, 5.0), (0, 2, -0.5)]), true);
        assert_eq!(f.value, 0.5);
    }

    #[test]
    fn exact_matches_brute_force_on_random_networks() {
        let mut rng = Rng::new(7);
        for case in 0..60 {
            let n = 4 + case % 10;
            let mut edges = Vec::new();
            for a in 0..n {
                for b in a + 1..n {
                    if rng.below(3) == 0 {
                        let w =
                            (1 + rng.below(5)) as f64 * if rng.below(2) == 0 { 1.0 } else { -1.0 };
                        edges.push((a, b, w));
                    }
                }
            }
            let g = net(n, &edges);
            for weighted in [true, false] {
                let f = frustration(&g, weighted);
                assert!(f.exact);
                assert_eq!(
                    f.value,
                    brute_force(n, &g, weighted),
                    "case {case} weighted {weighted}"
                );
            }
        }
    }

    #[test]
    fn large_networks_report_bounds() {
        // 150 nodes, dense random signs: beyond the exact budget.
        let mut rng = Rng::new(11);
        let n = 150;
        let mut edges = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                if rng.below(4) == 0 {
                    edges.push((a, b, if rng.below(2) == 0 { 1.0 } else { -1.0 }));
                }
            }
        }
        let g = net(n, &edges);
        let f = frustration(&g, false);
        assert!(!f.exact);
        assert!(f.lower_bound > 0.0 && f.lower_bound <= f.value, "{} {}", f.lower_bound, f.value);
        assert!(f.value < edges.len() as f64 / 2.0, "better than a random partition");
        assert!(f.method.contains("heuristic"));
        // The reported frustrated edges are those of the reported partition.
        assert_eq!(f.frustrated.len() as f64, f.value);
    }
}
