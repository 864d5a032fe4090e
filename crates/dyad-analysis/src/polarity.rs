//! The whole analysis of one network: frustration and its two sides, blocs, and the
//! polarity index.
//!
//! **Polarity** says how close the system is to two opposed blocs. It is the product of three
//! shares, each between 0 and 1:
//!
//! - *balance* β = 1 − 2F/W of the core (the connected component that carries the most
//!   hostile weight): 1 when every tie agrees with one split into two sides, falling as
//!   more weight contradicts every such split (F is the frustration of the core, W its total
//!   weight; F ≤ W/2 always, so β ≥ 0). This is one minus Aref & Wilson's normalised
//!   frustration. Three or more mutually hostile blocs cannot all be on two sides, so they
//!   lower it.
//! - *parity* μ = 4·m₁·m₂ / (m₁ + m₂)² of the two sides' masses (the summed strength of their
//!   members): 1 for two poles of equal weight, 0 when one side is empty — a system in which
//!   everyone cooperates is balanced but not polarised.
//! - *alignment* α = W_core / W_all: the share of all interaction weight inside the core. A
//!   group of countries that deals only with itself is unaligned and lowers it.
//!
//! P = β·μ·α is 1 exactly for two opposed blocs of equal weight with nothing else going on.
//! A balanced system of three blocs scores lower (β < 1), as does one with a large unaligned
//! group (α < 1) or one where everyone sides with one pole (μ → 0). The blocs themselves come
//! from signed community detection (Traag & Bruggeman), which may find more than two; the
//! effective number of blocs, (Σ mᵢ)² / Σ mᵢ² over their masses (the Laakso–Taagepera
//! measure used for party systems and, as the effective number of poles, for international
//! systems), is reported beside the index.

use crate::{frustration, signed_blocs, Frustration, SignedNetwork};

/// A bloc, for reports.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Bloc {
    /// Country codes, sorted.
    pub members: Vec<String>,
    /// Summed strength of the members.
    pub mass: f64,
    /// Summed signed weight of the edges inside the bloc.
    pub internal_weight: f64,
}

/// Everything `dyad blocs` and `dyad polarity` report for one network.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Analysis {
    pub frustration: Frustration,
    /// The two sides of the core implied by the frustration partition (the larger first);
    /// empty when the network has no hostile tie.
    pub sides: [Vec<String>; 2],
    /// Blocs from signed community detection: groups of countries, and countries alone that
    /// are hostile to someone (a lone pole).
    pub blocs: Vec<Bloc>,
    /// Countries in no bloc: alone, and with only cooperative ties (to several blocs).
    pub unaligned: Vec<String>,
    pub modularity: f64,
    pub effective_blocs: f64,
    pub polarity: f64,
    pub balance: f64,
    pub parity: f64,
    pub alignment: f64,
}

pub fn analyse(net: &SignedNetwork) -> Analysis {
    let f = frustration(net, true);
    let blocs = signed_blocs(net);
    let strengths = net.strengths();
    let names = |ids: &[usize]| -> Vec<String> {
        let mut v: Vec<String> = ids.iter().map(|i| net.nodes[*i].clone()).collect();
        v.sort();
        v
    };
    let mut bloc_list = Vec::new();
    let mut unaligned = Vec::new();
    let hostile_to_someone =
        |v: usize| net.edges.iter().any(|e| (e.a == v || e.b == v) && e.weight < 0.0);
    for members in &blocs.members {
        // A country alone is a bloc of its own when it is hostile to someone (a lone pole);
        // one that only cooperates, with several blocs, is unaligned.
        if members.len() < 2 && !hostile_to_someone(members[0]) {
            unaligned.extend(names(members));
            continue;
        }
        let inside = |i: usize| blocs.of_node[i] == blocs.of_node[members[0]];
        bloc_list.push(Bloc {
            members: names(members),
            mass: members.iter().map(|v| strengths[*v]).sum(),
            internal_weight: net
                .edges
                .iter()
                .filter(|e| inside(e.a) && inside(e.b))
                .map(|e| e.weight)
                .sum(),
        });
    }
    unaligned.sort();
    let masses: Vec<f64> =
        blocs.members.iter().map(|m| m.iter().map(|v| strengths[*v]).sum()).collect();
    let mass_sum: f64 = masses.iter().sum();
    let mass_sq: f64 = masses.iter().map(|m| m * m).sum();
    let effective_blocs = if mass_sq > 0.0 { mass_sum * mass_sum / mass_sq } else { 0.0 };

    // The core: the component with the most hostile weight.
    let components = net.components();
    let hostile = |c: &Vec<usize>| -> f64 {
        net.edges
            .iter()
            .filter(|e| c.binary_search(&e.a).is_ok() && e.weight < 0.0)
            .map(|e| -e.weight)
            .sum()
    };
    let core = components
        .iter()
        .filter(|c| hostile(c) > 0.0)
        .max_by(|a, b| hostile(a).total_cmp(&hostile(b)).then(b[0].cmp(&a[0])));
    let (mut polarity, mut balance, mut parity, mut alignment) = (0.0, 0.0, 0.0, 0.0);
    let mut sides: [Vec<String>; 2] = [Vec::new(), Vec::new()];
    if let Some(core) = core {
        let in_core = |v: usize| core.binary_search(&v).is_ok();
        let core_edges: Vec<usize> =
            (0..net.edges.len()).filter(|i| in_core(net.edges[*i].a)).collect();
        let w_core: f64 = core_edges.iter().map(|i| net.edges[*i].weight.abs()).sum();
        let f_core: f64 = f
            .frustrated
            .iter()
            .filter(|i| in_core(net.edges[**i].a))
            .map(|i| net.edges[*i].weight.abs())
            .sum();
        balance = (1.0 - 2.0 * f_core / w_core).clamp(0.0, 1.0);
        let (mut m1, mut m2) = (0.0, 0.0);
        let (mut s1, mut s2) = (Vec::new(), Vec::new());
        for &v in core {
            if f.side[v] {
                m1 += strengths[v];
                s1.push(v);
            } else {
                m2 += strengths[v];
                s2.push(v);
            }
        }
        parity = if m1 + m2 > 0.0 { 4.0 * m1 * m2 / ((m1 + m2) * (m1 + m2)) } else { 0.0 };
        alignment = w_core / net.total_weight();
        polarity = balance * parity * alignment;
        let (mut a, mut b) = (names(&s1), names(&s2));
        if b.len() > a.len() || (b.len() == a.len() && b < a) {
            std::mem::swap(&mut a, &mut b);
        }
        sides = [a, b];
    }
    Analysis {
        frustration: f,
        sides,
        blocs: bloc_list,
        unaligned,
        modularity: blocs.modularity,
        effective_blocs,
        polarity,
        balance,
        parity,
        alignment,
    }
}

impl Analysis {
    /// The analysis as JSON: `{"blocs": [{"members": [...], ...}], "frustration": ..., ...}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "blocs": self.blocs.iter().map(|b| serde_json::json!({
                "members": b.members, "mass": b.mass, "internal_weight": b.internal_weight,
            })).collect::<Vec<_>>(),
            "unaligned": self.unaligned,
            "sides": self.sides,
            "frustration": self.frustration.value,
            "frustration_lower_bound": self.frustration.lower_bound,
            "frustration_exact": self.frustration.exact,
            "frustration_normalised": self.frustration.normalised,
            "frustration_method": self.frustration.method,
            "modularity": self.modularity,
            "effective_blocs": self.effective_blocs,
            "polarity": self.polarity,
            "balance": self.balance,
            "parity": self.parity,
            "alignment": self.alignment,
        })
    }
}
