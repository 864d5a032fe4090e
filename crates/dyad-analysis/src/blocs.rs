//! Blocs by signed community detection: the partition that maximises signed modularity
//! (Gómez, Jensen & Arenas 2009; the Potts model of Traag & Bruggeman 2009 with γ = 1),
//! which rewards positive weight and penalises negative weight inside blocs, each against
//! what a random network with the same node strengths would have. The number of blocs is not
//! fixed in advance: two, three or more come out as the data say.
//!
//! Optimisation: a local search over partitions with two kinds of step — move one node to
//! any bloc, or to a new bloc of its own, and merge any two blocs, whether or not they are
//! tied (countries that share an enemy gain from being joined) — taking the best step of
//! each kind until neither gains. It starts from every node alone, then restarts from random
//! partitions and from perturbations of the best partition so far (`restarts` of each, fewer
//! for large networks), and keeps the best local optimum. Deterministic: a fixed seed, nodes
//! visited in index order, and ties go to the current bloc, then the lower bloc. On random
//! networks of up to 10 nodes the tests require the exact optimum (exhaustive search over all
//! partitions); see `docs/analysis.md` for larger ones.

use crate::rng::Rng;
use crate::SignedNetwork;

const EPS: f64 = 1e-12;

/// A partition of a network's nodes into blocs.
#[derive(Debug, Clone, PartialEq)]
pub struct Blocs {
    /// The bloc of each node.
    pub of_node: Vec<usize>,
    /// Node indices of each bloc, sorted; blocs by decreasing total strength, then by their
    /// first node.
    pub members: Vec<Vec<usize>>,
    /// Signed modularity of the partition.
    pub modularity: f64,
}

struct Graph {
    /// (neighbour, positive weight, negative weight as a positive number)
    adj: Vec<Vec<(usize, f64, f64)>>,
    k_pos: Vec<f64>,
    k_neg: Vec<f64>,
    m_pos: f64,
    m_neg: f64,
}

impl Graph {
    fn new(net: &SignedNetwork) -> Graph {
        let n = net.nodes.len();
        let mut adj = vec![Vec::new(); n];
        let (mut k_pos, mut k_neg) = (vec![0.0; n], vec![0.0; n]);
        for e in &net.edges {
            let (p, q) = (e.weight.max(0.0), (-e.weight).max(0.0));
            adj[e.a].push((e.b, p, q));
            adj[e.b].push((e.a, p, q));
            k_pos[e.a] += p;
            k_pos[e.b] += p;
            k_neg[e.a] += q;
            k_neg[e.b] += q;
        }
        let (m_pos, m_neg) = (k_pos.iter().sum(), k_neg.iter().sum());
        Graph { adj, k_pos, k_neg, m_pos, m_neg }
    }

    /// The null-model terms of joining strengths (a⁺, a⁻) with (b⁺, b⁻).
    fn expected(&self, a_pos: f64, a_neg: f64, b_pos: f64, b_neg: f64) -> f64 {
        let pos = if self.m_pos > 0.0 { a_pos * b_pos / self.m_pos } else { 0.0 };
        let neg = if self.m_neg > 0.0 { a_neg * b_neg / self.m_neg } else { 0.0 };
        pos - neg
    }

    fn modularity(&self, of_node: &[usize]) -> f64 {
        let total = self.m_pos + self.m_neg;
        if total <= 0.0 {
            return 0.0;
        }
        let n_blocs = of_node.iter().max().map_or(0, |m| m + 1);
        let (mut kp, mut kn) = (vec![0.0; n_blocs], vec![0.0; n_blocs]);
        let mut inside = 0.0;
        for (v, neighbours) in self.adj.iter().enumerate() {
            kp[of_node[v]] += self.k_pos[v];
            kn[of_node[v]] += self.k_neg[v];
            for &(u, p, q) in neighbours {
                if of_node[u] == of_node[v] {
                    inside += p - q;
                }
            }
        }
        let expected: f64 = (0..n_blocs).map(|c| self.expected(kp[c], kn[c], kp[c], kn[c])).sum();
        (inside - expected) / total
    }
}

/// Restarts from random partitions, and as many from perturbations of the best, for a
/// network of `n` nodes. Merging from a random partition costs up to about n³ steps, so the
/// number falls for large networks to keep the whole near 20 million steps: 64 up to 67
/// nodes, 20 for 100, 2 for 200 (the monthly networks of `benches/windows.rs`).
fn restarts(n: usize) -> usize {
    (20_000_000 / n.max(1).pow(3)).clamp(2, 64)
}

/// The blocs of `net` (nodes without edges are blocs of one).
pub fn signed_blocs(net: &SignedNetwork) -> Blocs {
    let n = net.nodes.len();
    let g = Graph::new(net);
    let mut best: Vec<usize> = (0..n).collect();
    improve(&g, &mut best);
    let mut best_q = g.modularity(&best);
    let mut rng = Rng::new(0x0b10c5);
    if n > 2 {
        for round in 0..2 * restarts(n) {
            let mut of_node = if round % 2 == 0 {
                // A random partition into up to n blocs.
                let k = 1 + rng.below(n);
                (0..n).map(|_| rng.below(k)).collect()
            } else {
                // The best so far with about a fifth of its nodes sent elsewhere.
                let mut p = best.clone();
                for _ in 0..(n / 5).max(1) {
                    p[rng.below(n)] = rng.below(n);
                }
                p
            };
            improve(&g, &mut of_node);
            let q = g.modularity(&of_node);
            if q > best_q + EPS {
                (best, best_q) = (of_node, q);
            }
        }
    }
    canonical(net, &g, best)
}

/// Blocs renumbered by decreasing strength, then first member; nodes without edges alone.
fn canonical(net: &SignedNetwork, g: &Graph, mut of_node: Vec<usize>) -> Blocs {
    let n = of_node.len();
    // A node without edges changes nothing wherever it is: it is a bloc of its own.
    for (v, bloc) in of_node.iter_mut().enumerate() {
        if g.adj[v].is_empty() {
            *bloc = n + v;
        }
    }
    let strengths = net.strengths();
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (v, c) in of_node.iter().enumerate() {
        groups.entry(*c).or_default().push(v);
    }
    let mut members: Vec<Vec<usize>> = groups.into_values().collect();
    let mass = |m: &Vec<usize>| -> f64 { m.iter().map(|v| strengths[*v]).sum() };
    members.sort_by(|a, b| mass(b).total_cmp(&mass(a)).then(a[0].cmp(&b[0])));
    let mut of_node = vec![0; n];
    for (c, m) in members.iter().enumerate() {
        for v in m {
            of_node[*v] = c;
        }
    }
    let modularity = g.modularity(&of_node);
    Blocs { of_node, members, modularity }
}

/// A partition under local search: bloc ids are in `0..n`, and the strengths and sizes of
/// every id are kept up to date.
struct Partition {
    of_node: Vec<usize>,
    /// Invariant: `kp[c]`, `kn[c]` and `count[c]` are the sums over the nodes in bloc `c`.
    kp: Vec<f64>,
    kn: Vec<f64>,
    count: Vec<usize>,
}

impl Partition {
    /// `of_node` with ids in `0..n` (larger ones are folded in).
    fn new(g: &Graph, of_node: &[usize]) -> Partition {
        let n = of_node.len();
        let mut p = Partition {
            of_node: of_node.iter().map(|c| c % n.max(1)).collect(),
            kp: vec![0.0; n],
            kn: vec![0.0; n],
            count: vec![0; n],
        };
        for v in 0..n {
            p.add(g, v, p.of_node[v]);
        }
        p
    }

    fn add(&mut self, g: &Graph, v: usize, c: usize) {
        self.of_node[v] = c;
        self.kp[c] += g.k_pos[v];
        self.kn[c] += g.k_neg[v];
        self.count[c] += 1;
    }

    fn remove(&mut self, g: &Graph, v: usize) {
        let c = self.of_node[v];
        self.kp[c] -= g.k_pos[v];
        self.kn[c] -= g.k_neg[v];
        self.count[c] -= 1;
    }
}

/// Local search from `of_node` to a local optimum: no node move and no merge gains.
fn improve(g: &Graph, of_node: &mut [usize]) {
    let mut p = Partition::new(g, of_node);
    loop {
        let moved = move_nodes(g, &mut p);
        let merged = merge_blocs(g, &mut p);
        if !moved && !merged {
            break;
        }
    }
    of_node.copy_from_slice(&p.of_node);
}

/// Moves each node to the bloc, or new bloc, that gains most, until no move gains; whether
/// any node moved.
fn move_nodes(g: &Graph, p: &mut Partition) -> bool {
    let n = p.of_node.len();
    // Weight from the current node to each bloc; reset through `touched`.
    let mut link = vec![0.0; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut any = false;
    loop {
        let mut moved = false;
        for v in 0..n {
            let own = p.of_node[v];
            p.remove(g, v);
            for &(u, w_pos, w_neg) in &g.adj[v] {
                let c = p.of_node[u];
                if link[c] == 0.0 {
                    touched.push(c);
                }
                link[c] += w_pos - w_neg;
            }
            let score = |c: usize| link[c] - g.expected(g.k_pos[v], g.k_neg[v], p.kp[c], p.kn[c]);
            // Alone, in an empty bloc, scores 0.
            let own_score = if p.count[own] == 0 { 0.0 } else { score(own) };
            let mut best = (own, own_score);
            let mut empty = None;
            for c in 0..n {
                if p.count[c] == 0 {
                    empty = empty.or(Some(c));
                } else if c != own {
                    let s = score(c);
                    if s > best.1 + EPS {
                        best = (c, s);
                    }
                }
            }
            if let Some(empty) = empty {
                if best.1 < -EPS && p.count[own] > 0 {
                    best = (empty, 0.0);
                }
            }
            for c in touched.drain(..) {
                link[c] = 0.0;
            }
            if best.0 != own {
                moved = true;
                any = true;
            }
            p.add(g, v, best.0);
        }
        if !moved {
            return any;
        }
    }
}

/// Merges the pair of blocs whose union gains most — tied or not — while any pair gains;
/// whether any merged.
fn merge_blocs(g: &Graph, p: &mut Partition) -> bool {
    let n = p.of_node.len();
    let blocs: Vec<usize> = (0..n).filter(|c| p.count[*c] > 0).collect();
    // Weight between blocs, by position in `blocs`.
    let mut position = vec![usize::MAX; n];
    for (i, &c) in blocs.iter().enumerate() {
        position[c] = i;
    }
    let b = blocs.len();
    let mut between = vec![0.0; b * b];
    for (v, neighbours) in g.adj.iter().enumerate() {
        let i = position[p.of_node[v]];
        for &(u, w_pos, w_neg) in neighbours {
            between[i * b + position[p.of_node[u]]] += w_pos - w_neg;
        }
    }
    let mut alive = vec![true; b];
    let mut any = false;
    loop {
        let mut best: Option<(usize, usize, f64)> = None;
        for i in (0..b).filter(|i| alive[*i]) {
            let (ci, wi) = (blocs[i], &between[i * b..(i + 1) * b]);
            for j in (i + 1..b).filter(|j| alive[*j]) {
                let cj = blocs[j];
                let gain = wi[j] - g.expected(p.kp[ci], p.kn[ci], p.kp[cj], p.kn[cj]);
                if gain > best.map_or(EPS, |x| x.2 + EPS) {
                    best = Some((i, j, gain));
                }
            }
        }
        let Some((i, j, _)) = best else { return any };
        any = true;
        alive[j] = false;
        let (ci, cj) = (blocs[i], blocs[j]);
        for v in 0..n {
            if p.of_node[v] == cj {
                p.of_node[v] = ci;
            }
        }
        p.kp[ci] += p.kp[cj];
        p.kn[ci] += p.kn[cj];
        p.count[ci] += p.count[cj];
        (p.kp[cj], p.kn[cj], p.count[cj]) = (0.0, 0.0, 0);
        for k in 0..b {
            between[i * b + k] += between[j * b + k];
            between[k * b + i] += between[k * b + j];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(n: usize, edges: &[(usize, usize, f64)]) -> SignedNetwork {
        crate::test_network(n, edges)
    }

    /// Groups of `size` nodes, positive inside, negative between every two groups.
    fn groups(k: usize, size: usize) -> SignedNetwork {
        let mut edges = Vec::new();
        for a in 0..k * size {
            for b in a + 1..k * size {
                edges.push((a, b, if a / size == b / size { 2.0 } else { -1.0 }));
            }
        }
        net(k * size, &edges)
    }

    #[test]
    fn finds_two_and_three_blocs() {
        let two = signed_blocs(&groups(2, 4));
        assert_eq!(two.members, vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7]]);
        assert!(two.modularity > 0.0);
        let three = signed_blocs(&groups(3, 4));
        assert_eq!(three.members.len(), 3);
        for m in &three.members {
            assert!(m.iter().all(|v| v / 4 == m[0] / 4), "{:?}", three.members);
        }
    }

    #[test]
    fn isolated_nodes_stay_alone() {
        let b = signed_blocs(&net(3, &[(0, 1, 1.0)]));
        assert_eq!(b.members, vec![vec![0, 1], vec![2]]);
    }

    /// Issue 18: countries that share an enemy but have no tie among themselves are one bloc.
    #[test]
    fn joins_nodes_that_share_an_enemy() {
        // FRA, GBR, RUS, USA: each of the three protests RUS.
        let b = signed_blocs(&net(4, &[(0, 2, -1.0), (1, 2, -1.0), (3, 2, -1.0)]));
        assert_eq!(b.members, vec![vec![0, 1, 3], vec![2]]);
        assert!((b.modularity - 0.5).abs() < 1e-9, "{}", b.modularity);
    }

    /// A random network of `n` nodes: each pair tied with probability `density`, weights
    /// from -3 to 3 in steps of a half, hostile ones rarer.
    fn random_network(rng: &mut Rng, n: usize) -> SignedNetwork {
        let density = [0.2, 0.35, 0.5, 0.8][rng.below(4)];
        let mut edges = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                if (rng.below(1000) as f64) < density * 1000.0 {
                    let size = 0.5 * (1 + rng.below(6)) as f64;
                    edges.push((a, b, if rng.below(3) == 0 { -size } else { size }));
                }
            }
        }
        net(n, &edges)
    }

    /// The highest modularity over every partition of the nodes (restricted growth strings).
    fn exhaustive_best(g: &Graph, n: usize) -> f64 {
        let mut of_node = vec![0usize; n];
        let mut best = g.modularity(&of_node);
        loop {
            // Next restricted growth string: raise the last position that can be raised.
            let mut i = n;
            loop {
                if i <= 1 {
                    return best;
                }
                i -= 1;
                let limit = of_node[..i].iter().max().map_or(0, |m| m + 1);
                if of_node[i] < limit {
                    of_node[i] += 1;
                    of_node[i + 1..].fill(0);
                    break;
                }
            }
            best = best.max(g.modularity(&of_node));
        }
    }

    #[test]
    fn small_networks_reach_the_exhaustive_optimum() {
        let mut rng = Rng::new(18);
        for case in 0..120 {
            let n = 3 + case % 8;
            let network = random_network(&mut rng, n);
            let g = Graph::new(&network);
            let exact = exhaustive_best(&g, n);
            let found = signed_blocs(&network).modularity;
            assert!(found > exact - 1e-9, "case {case} ({n} nodes): {found} < {exact}");
        }
    }

    /// The best of many local searches from random partitions: a strong reference for
    /// networks too large to search exhaustively.
    fn reference_best(g: &Graph, n: usize, rng: &mut Rng) -> f64 {
        (0..300)
            .map(|_| {
                let k = 1 + rng.below(n);
                let mut of_node: Vec<usize> = (0..n).map(|_| rng.below(k)).collect();
                improve(g, &mut of_node);
                g.modularity(&of_node)
            })
            .fold(f64::MIN, f64::max)
    }

    /// The figures in `docs/analysis.md` (run with `--nocapture` to see them).
    #[test]
    fn medium_networks_come_close_to_a_strong_reference() {
        let mut rng = Rng::new(1812);
        let (mut reached, mut shortfall, mut worst) = (0, 0.0, 0.0f64);
        for case in 0..40 {
            let n = 12 + case % 9;
            let network = random_network(&mut rng, n);
            let g = Graph::new(&network);
            let reference = reference_best(&g, n, &mut rng);
            let found = signed_blocs(&network).modularity;
            let short = ((reference - found) / reference.abs().max(1e-12)).max(0.0);
            if short < 1e-9 {
                reached += 1;
            }
            shortfall += short;
            worst = worst.max(short);
        }
        println!(
            "reference reached {reached}/40, mean shortfall {:.3}%, worst {:.3}%",
            100.0 * shortfall / 40.0,
            100.0 * worst
        );
        assert!(reached >= 38 && worst < 0.01, "{reached}/40, worst {worst}");
    }
}
