//! Alliance analysis on event data: directed dyad time series, the signed and weighted
//! country network of a period, its structural balance (the frustration index and the
//! two-sided partition it implies), blocs by signed community detection, and a polarity index
//! that says how close the system is to two opposed blocs. Also the charts (SVG) that show
//! them.
//!
//! The commands and the server feed it the store's per-event facts one at a time
//! ([`Tally`]: sums per pair of states and period, so memory does not grow with events); the
//! same analysis over a list of [`Interaction`]s — one per merged event and pair of countries,
//! built from whole merged events by [`from_events`] — is the reference the tally is tested
//! against. Everything here is pure computation.
//!
//! ```
//! use dyad_analysis::{Interaction, network, NetworkOptions};
//! let tie = |a: &str, b: &str, intensity: f64| Interaction {
//!     event_id: 0, date: None, actor: a.into(), recipient: b.into(),
//!     quad: if intensity > 0.0 { 1 } else { 4 }, intensity, n_sources: 1,
//! };
//! let net = network(&[tie("RUS", "PRK", 7.0), tie("USA", "RUS", -5.0)], &NetworkOptions::default());
//! assert_eq!(net.nodes, ["PRK", "RUS", "USA"]);
//! let analysis = dyad_analysis::analyse(&net);
//! assert_eq!(analysis.frustration.value, 0.0);
//! ```
//!
//! Not here: querying the store, and file output (the CLI and the server do those).

mod balance;
mod blocs;
pub mod charts;
mod dyads;
mod events;
mod export;
mod polarity;
pub mod rng;
mod saved;
mod tally;
mod windows;

use chrono::NaiveDate;

pub use balance::{frustration, Frustration, EXACT_NODE_BUDGET};
pub use blocs::{signed_blocs, Blocs};
pub use dyads::{dyad_series, next_period, period_start, DyadPoint, Granularity};
pub use events::from_events;
pub use export::{to_dot, to_graphml, to_json};
pub use polarity::{analyse, Analysis, Bloc};
pub use saved::{
    save_first_analyses, saved_monthly_dyads, saved_monthly_windows, saved_whole, ToSave,
    DYADS_JSON,
};
pub use tally::{Tally, TallyOptions};
pub use windows::{windows, TooManyWindows, Window, MAX_WINDOWS};

/// One event between two countries: the unit of analysis. An event with several actors or
/// recipients gives one interaction per pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Interaction {
    /// The merged event it comes from (for links back to the evidence).
    pub event_id: i64,
    pub date: Option<NaiveDate>,
    pub actor: String,
    pub recipient: String,
    /// PLOVER quad code: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    pub quad: u8,
    /// PLOVER intensity, −10 (most hostile) to +10 (most cooperative).
    pub intensity: f64,
    /// Independent sources reporting the event.
    pub n_sources: u32,
}

/// Which interactions make an edge of the signed network.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkOptions {
    /// Events a pair needs for an edge.
    pub min_events: usize,
    /// The least absolute summed intensity of an edge; weaker pairs are left out.
    pub min_weight: f64,
    /// Only interactions dated in [since, until] (undated ones are kept when both are None).
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Default for NetworkOptions {
    fn default() -> Self {
        NetworkOptions { min_events: 1, min_weight: 0.5, since: None, until: None }
    }
}

/// An undirected edge of the signed network.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Edge {
    /// Node indices, `a < b`.
    pub a: usize,
    pub b: usize,
    /// The summed PLOVER intensity of the pair's events in both directions: its sign is the
    /// edge's sign (cooperation positive, conflict negative), its size the edge's weight.
    pub weight: f64,
    /// The summed intensity of the cooperative and of the hostile events, apart.
    pub cooperation: f64,
    pub conflict: f64,
    pub n_events: usize,
    /// The events behind the edge.
    pub event_ids: Vec<i64>,
}

/// A signed, weighted, undirected network of countries.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct SignedNetwork {
    /// Country codes, sorted.
    pub nodes: Vec<String>,
    /// Sorted by (a, b).
    pub edges: Vec<Edge>,
}

impl SignedNetwork {
    /// Node strength: the summed absolute weight of its edges.
    pub fn strengths(&self) -> Vec<f64> {
        let mut s = vec![0.0; self.nodes.len()];
        for e in &self.edges {
            s[e.a] += e.weight.abs();
            s[e.b] += e.weight.abs();
        }
        s
    }

    pub fn total_weight(&self) -> f64 {
        self.edges.iter().map(|e| e.weight.abs()).sum()
    }

    /// Connected components, each a sorted list of node indices, largest first.
    pub fn components(&self) -> Vec<Vec<usize>> {
        let n = self.nodes.len();
        let mut parent: Vec<usize> = (0..n).collect();
        fn find(p: &mut [usize], x: usize) -> usize {
            let mut r = x;
            while p[r] != r {
                r = p[r];
            }
            let mut x = x;
            while p[x] != r {
                let next = p[x];
                p[x] = r;
                x = next;
            }
            r
        }
        for e in &self.edges {
            let (ra, rb) = (find(&mut parent, e.a), find(&mut parent, e.b));
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
        let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for v in 0..n {
            let r = find(&mut parent, v);
            groups.entry(r).or_default().push(v);
        }
        let mut out: Vec<Vec<usize>> = groups.into_values().collect();
        out.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
        out
    }
}

/// Builds the signed network from interactions: one edge per unordered pair of countries whose
/// events pass `options`. Interactions of a country with itself are left out.
pub fn network(interactions: &[Interaction], options: &NetworkOptions) -> SignedNetwork {
    use std::collections::BTreeMap;
    // Per pair: cooperation, conflict, and the events counted (each event once per pair, even
    // when it gives interactions in both directions).
    let mut pairs: BTreeMap<(&str, &str), (tally::PairSums, BTreeSet<i64>)> = BTreeMap::new();
    for i in interactions {
        if i.actor == i.recipient {
            continue;
        }
        if let Some(d) = i.date {
            if options.since.is_some_and(|s| d < s) || options.until.is_some_and(|u| d > u) {
                continue;
            }
        } else if options.since.is_some() || options.until.is_some() {
            continue;
        }
        let key = if i.actor < i.recipient {
            (i.actor.as_str(), i.recipient.as_str())
        } else {
            (i.recipient.as_str(), i.actor.as_str())
        };
        let (sums, seen) = pairs.entry(key).or_default();
        if !seen.insert(i.event_id) {
            continue;
        }
        if i.intensity >= 0.0 {
            sums.cooperation += i.intensity;
        } else {
            sums.conflict += i.intensity;
        }
        sums.n_events += 1;
        sums.event_ids.push(i.event_id);
    }
    assemble(pairs.iter().map(|(k, (sums, _))| (*k, sums)), options)
}

use std::collections::BTreeSet;

/// The network of pairs (in any order) and their sums: the edges that pass `options`'
/// thresholds, their nodes sorted, the edges by node; each edge's event ids sorted.
pub(crate) fn assemble<'a>(
    pairs: impl Iterator<Item = ((&'a str, &'a str), &'a tally::PairSums)>,
    options: &NetworkOptions,
) -> SignedNetwork {
    let kept: Vec<((&str, &str), &tally::PairSums)> = pairs
        .filter(|(_, s)| {
            s.n_events >= options.min_events
                && (s.cooperation + s.conflict).abs() >= options.min_weight
        })
        .collect();
    let mut nodes: Vec<String> =
        kept.iter().flat_map(|((a, b), _)| [a.to_string(), b.to_string()]).collect();
    nodes.sort();
    nodes.dedup();
    let index = |code: &str| nodes.binary_search_by(|n| n.as_str().cmp(code)).unwrap_or(0);
    let mut edges: Vec<Edge> = kept
        .iter()
        .map(|((a, b), s)| {
            let mut ids = s.event_ids.clone();
            ids.sort_unstable();
            Edge {
                a: index(a),
                b: index(b),
                weight: s.cooperation + s.conflict,
                cooperation: s.cooperation,
                conflict: s.conflict,
                n_events: s.n_events,
                event_ids: ids,
            }
        })
        .collect();
    edges.sort_by_key(|e| (e.a, e.b));
    SignedNetwork { nodes, edges }
}

/// A network of `n` nodes `N00`, `N01`, … with the given (a, b, weight) edges, for tests.
#[cfg(test)]
pub(crate) fn test_network(n: usize, edges: &[(usize, usize, f64)]) -> SignedNetwork {
    SignedNetwork {
        nodes: (0..n).map(|i| format!("N{i:02}")).collect(),
        edges: edges
            .iter()
            .map(|&(a, b, w)| Edge {
                a: a.min(b),
                b: a.max(b),
                weight: w,
                cooperation: w.max(0.0),
                conflict: w.min(0.0),
                n_events: 1,
                event_ids: vec![],
            })
            .collect(),
    }
}
