//! The analysis on constructed networks whose answers are known.

use dyad_analysis::{analyse, frustration, network, Interaction, NetworkOptions, SignedNetwork};
use proptest::prelude::*;

fn tie(id: i64, a: &str, b: &str, intensity: f64) -> Interaction {
    Interaction {
        event_id: id,
        date: chrono::NaiveDate::from_ymd_opt(2024, 6, 1),
        actor: a.into(),
        recipient: b.into(),
        quad: if intensity > 0.0 { 2 } else { 4 },
        intensity,
        n_sources: 1,
    }
}

/// Cooperation (+coop) inside each group, conflict (−conf) between every two groups.
fn coalitions(groups: &[&[&str]], coop: f64, conf: f64) -> Vec<Interaction> {
    let mut out = Vec::new();
    let mut id = 0;
    let all: Vec<(usize, &str)> =
        groups.iter().enumerate().flat_map(|(g, m)| m.iter().map(move |c| (g, *c))).collect();
    for (i, (ga, a)) in all.iter().enumerate() {
        for (gb, b) in &all[i + 1..] {
            id += 1;
            out.push(tie(id, a, b, if ga == gb { coop } else { -conf }));
        }
    }
    out
}

const WEST: &[&str] = &["USA", "JPN", "KOR", "UKR"];
const EAST: &[&str] = &["RUS", "PRK", "IRN", "BLR"];
const SOUTH: &[&str] = &["IND", "BRA", "ZAF", "IDN"];

#[test]
fn two_opposed_coalitions_are_balanced_and_fully_polarised() {
    let net = network(&coalitions(&[WEST, EAST], 6.0, 5.0), &NetworkOptions::default());
    let a = analyse(&net);
    assert_eq!(a.frustration.value, 0.0);
    assert!(a.frustration.exact);
    let mut sides = a.sides.clone();
    sides.sort();
    let sorted = |m: &[&str]| {
        let mut v: Vec<String> = m.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    };
    assert_eq!(sides, [sorted(EAST), sorted(WEST)]);
    assert_eq!(a.blocs.len(), 2);
    assert!((a.polarity - 1.0).abs() < 1e-9, "polarity {}", a.polarity);
    assert!((a.effective_blocs - 2.0).abs() < 1e-9);
}

#[test]
fn known_frustrated_edges_are_found() {
    let mut events = coalitions(&[WEST, EAST], 6.0, 5.0);
    // Two ties that contradict the split, lighter than anything else.
    events.push(tie(100, "USA", "RUS", 1.5 + 5.0)); // net +1.5: a positive tie across
    events.push(tie(101, "JPN", "KOR", -6.0 - 1.0)); // net −1: a negative tie inside
    let net = network(&events, &NetworkOptions::default());
    let f = frustration(&net, true);
    assert!(f.exact);
    assert_eq!(f.value, 2.5);
    let names: Vec<(String, String)> = f
        .frustrated
        .iter()
        .map(|i| (net.nodes[net.edges[*i].a].clone(), net.nodes[net.edges[*i].b].clone()))
        .collect();
    assert_eq!(names, [("JPN".into(), "KOR".into()), ("RUS".into(), "USA".into())]);
    let a = analyse(&net);
    assert!(a.polarity < 1.0 && a.polarity > 0.8, "{}", a.polarity);
}

#[test]
fn three_blocs_and_an_unaligned_group_score_lower() {
    let two = analyse(&network(&coalitions(&[WEST, EAST], 6.0, 5.0), &NetworkOptions::default()));
    let three =
        analyse(&network(&coalitions(&[WEST, EAST, SOUTH], 6.0, 5.0), &NetworkOptions::default()));
    assert_eq!(three.blocs.len(), 3, "{:?}", three.blocs);
    assert!(three.frustration.value > 0.0, "three hostile blocs cannot be two sides");
    assert!(three.polarity < two.polarity - 0.2, "{} vs {}", three.polarity, two.polarity);

    // A third group that only cooperates among itself: unaligned weight.
    let mut events = coalitions(&[WEST, EAST], 6.0, 5.0);
    events.extend(coalitions(&[SOUTH], 6.0, 5.0).into_iter().map(|mut e| {
        e.event_id += 1000;
        e
    }));
    let aside = analyse(&network(&events, &NetworkOptions::default()));
    assert!(aside.alignment < 1.0 && aside.polarity < two.polarity, "{}", aside.polarity);

    // A third group that cooperates with everyone: it contradicts any split.
    let mut events = coalitions(&[WEST, EAST], 6.0, 5.0);
    let mut id = 2000;
    for s in SOUTH {
        for other in WEST.iter().chain(EAST) {
            id += 1;
            events.push(tie(id, s, other, 2.0));
        }
    }
    let bridging = analyse(&network(&events, &NetworkOptions::default()));
    assert!(bridging.polarity < two.polarity, "{}", bridging.polarity);

    // Everyone cooperating: balanced, but not polarised at all.
    let friendly = analyse(&network(&coalitions(&[WEST], 6.0, 5.0), &NetworkOptions::default()));
    assert_eq!(friendly.polarity, 0.0);
}

#[test]
fn noise_does_not_hide_the_coalitions() {
    let mut events = coalitions(&[WEST, EAST], 6.0, 5.0);
    // A few weak contrary events on top.
    events.push(tie(300, "USA", "PRK", 1.0));
    events.push(tie(301, "RUS", "IRN", -1.0));
    events.push(tie(302, "KOR", "BLR", 2.0));
    let a = analyse(&network(&events, &NetworkOptions::default()));
    assert!(a
        .sides
        .iter()
        .any(|s| s.contains(&"USA".to_string()) && s.contains(&"UKR".to_string())));
    assert_eq!(a.blocs.len(), 2);
    assert!(a.polarity > 0.8, "{}", a.polarity);
}

/// A random signed network of up to 9 nodes.
fn small_network() -> impl Strategy<Value = SignedNetwork> {
    (3usize..9).prop_flat_map(|n| {
        let pairs: Vec<(usize, usize)> =
            (0..n).flat_map(|a| (a + 1..n).map(move |b| (a, b))).collect();
        let k = pairs.len();
        prop::collection::vec(prop::option::of(-5i32..=5), k).prop_map(move |weights| {
            let mut interactions = Vec::new();
            for (id, ((a, b), w)) in pairs.iter().zip(weights).enumerate() {
                if let Some(w) = w.filter(|w| *w != 0) {
                    interactions.push(tie(
                        id as i64,
                        &format!("C{a}"),
                        &format!("C{b}"),
                        f64::from(w),
                    ));
                }
            }
            network(&interactions, &NetworkOptions { min_weight: 0.0, ..NetworkOptions::default() })
        })
    })
}

proptest! {
    /// Switching a node (changing the sign of every edge at it) moves it to the other side
    /// and leaves the frustration unchanged.
    #[test]
    fn switching_leaves_frustration_unchanged(net in small_network(), pick in 0usize..9) {
        prop_assume!(!net.nodes.is_empty());
        let v = pick % net.nodes.len();
        let mut switched = net.clone();
        for e in &mut switched.edges {
            if e.a == v || e.b == v {
                e.weight = -e.weight;
            }
        }
        for weighted in [true, false] {
            let before = frustration(&net, weighted);
            let after = frustration(&switched, weighted);
            prop_assert!(before.exact && after.exact);
            prop_assert!((before.value - after.value).abs() < 1e-9);
        }
    }
}
