//! Blocs by signed community detection: the partition that maximises signed modularity
//! (Gómez, Jensen & Arenas 2009; the Potts model of Traag & Bruggeman 2009 with γ = 1),
//! which rewards positive weight and penalises negative weight inside blocs, each against
//! what a random network with the same node strengths would have. The number of blocs is not
//! fixed in advance: two, three or more come out as the data say.
//!
//! Optimisation: local moving (each node to the neighbouring bloc that gains most, until no
//! move gains) alternating with merging the pair of blocs that gains most, until neither
//! gains — a small-network form of the Louvain method. Deterministic: nodes are visited in
//! index order and ties go to the lower bloc.

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

/// The blocs of `net` (nodes without edges are blocs of one).
pub fn signed_blocs(net: &SignedNetwork) -> Blocs {
    let n = net.nodes.len();
    let g = Graph::new(net);
    let mut of_node: Vec<usize> = (0..n).collect();
    loop {
        let moved = local_moving(&g, &mut of_node);
        let merged = merge_best_pair(&g, &mut of_node);
        if !moved && !merged {
            break;
        }
    }
    // Renumber: blocs by decreasing strength, then first member.
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

/// Moves nodes to the bloc that gains most until no move gains; whether any node moved.
fn local_moving(g: &Graph, of_node: &mut [usize]) -> bool {
    let n = of_node.len();
    let size = n.max(1);
    let (mut kp, mut kn) = (vec![0.0; size], vec![0.0; size]);
    let mut count = vec![0usize; size];
    for v in 0..n {
        kp[of_node[v]] += g.k_pos[v];
        kn[of_node[v]] += g.k_neg[v];
        count[of_node[v]] += 1;
    }
    let mut any = false;
    loop {
        let mut moved = false;
        for v in 0..n {
            let own = of_node[v];
            kp[own] -= g.k_pos[v];
            kn[own] -= g.k_neg[v];
            count[own] -= 1;
            // Weight from v to each neighbouring bloc.
            let mut links: Vec<(usize, f64)> = Vec::new();
            for &(u, p, q) in &g.adj[v] {
                let c = of_node[u];
                match links.iter_mut().find(|(b, _)| *b == c) {
                    Some(l) => l.1 += p - q,
                    None => links.push((c, p - q)),
                }
            }
            let score =
                |c: usize, link: f64| link - g.expected(g.k_pos[v], g.k_neg[v], kp[c], kn[c]);
            let own_link = links.iter().find(|(c, _)| *c == own).map_or(0.0, |l| l.1);
            let mut best = (own, score(own, own_link));
            for &(c, link) in &links {
                let s = score(c, link);
                if c != own && s > best.1 + EPS {
                    best = (c, s);
                }
            }
            // Alone, in an empty bloc, scores 0: better than a bloc that scores below it.
            if best.1 < -EPS && count[best.0] > 0 {
                if let Some(empty) = (0..size).find(|c| count[*c] == 0) {
                    best = (empty, 0.0);
                }
            }
            if best.0 != own {
                moved = true;
                any = true;
            }
            of_node[v] = best.0;
            kp[best.0] += g.k_pos[v];
            kn[best.0] += g.k_neg[v];
            count[best.0] += 1;
        }
        if !moved {
            return any;
        }
    }
}

/// Merges the pair of blocs whose union gains most, if any gains.
fn merge_best_pair(g: &Graph, of_node: &mut [usize]) -> bool {
    let n_blocs = of_node.iter().max().map_or(0, |m| m + 1);
    let (mut kp, mut kn) = (vec![0.0; n_blocs], vec![0.0; n_blocs]);
    let mut between: std::collections::BTreeMap<(usize, usize), f64> = Default::default();
    for (v, neighbours) in g.adj.iter().enumerate() {
        kp[of_node[v]] += g.k_pos[v];
        kn[of_node[v]] += g.k_neg[v];
        for &(u, p, q) in neighbours {
            let (a, b) = (of_node[v], of_node[u]);
            if a < b {
                *between.entry((a, b)).or_default() += p - q;
            }
        }
    }
    let best = between
        .iter()
        .map(|(&(a, b), &w)| ((a, b), w - g.expected(kp[a], kn[a], kp[b], kn[b])))
        .filter(|(_, gain)| *gain > EPS)
        .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
    let Some(((a, b), _)) = best else { return false };
    for c in of_node.iter_mut() {
        if *c == b {
            *c = a;
        }
    }
    true
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
}
