//! The signed network written as JSON, GraphML (Gephi, yEd, igraph, NetworkX) and DOT
//! (Graphviz), with each node's bloc and side when an analysis is given.

use serde_json::json;

use crate::{Analysis, SignedNetwork};

/// The bloc index of each node (`None`: unaligned) and its side of the frustration partition.
fn annotations(
    net: &SignedNetwork,
    analysis: Option<&Analysis>,
) -> Vec<(Option<usize>, Option<u8>)> {
    net.nodes
        .iter()
        .map(|code| {
            let Some(a) = analysis else { return (None, None) };
            let bloc = a.blocs.iter().position(|b| b.members.contains(code));
            let side = a.sides.iter().position(|s| s.contains(code)).map(|s| s as u8);
            (bloc, side)
        })
        .collect()
}

pub fn to_json(net: &SignedNetwork, analysis: Option<&Analysis>) -> serde_json::Value {
    let notes = annotations(net, analysis);
    json!({
        "nodes": net.nodes.iter().zip(&notes).map(|(code, (bloc, side))| json!({
            "id": code, "bloc": bloc, "side": side,
        })).collect::<Vec<_>>(),
        "edges": net.edges.iter().map(|e| json!({
            "source": net.nodes[e.a],
            "target": net.nodes[e.b],
            "weight": e.weight,
            "sign": if e.weight > 0.0 { 1 } else { -1 },
            "cooperation": e.cooperation,
            "conflict": e.conflict,
            "n_events": e.n_events,
            "events": e.event_ids,
        })).collect::<Vec<_>>(),
    })
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub fn to_graphml(net: &SignedNetwork, analysis: Option<&Analysis>) -> String {
    let notes = annotations(net, analysis);
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
        "  <key id=\"bloc\" for=\"node\" attr.name=\"bloc\" attr.type=\"int\"/>\n",
        "  <key id=\"side\" for=\"node\" attr.name=\"side\" attr.type=\"int\"/>\n",
        "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n",
        "  <key id=\"sign\" for=\"edge\" attr.name=\"sign\" attr.type=\"int\"/>\n",
        "  <key id=\"n_events\" for=\"edge\" attr.name=\"n_events\" attr.type=\"int\"/>\n",
        "  <graph id=\"dyad\" edgedefault=\"undirected\">\n",
    ));
    for (code, (bloc, side)) in net.nodes.iter().zip(&notes) {
        out.push_str(&format!("    <node id=\"{}\">", xml_escape(code)));
        if let Some(b) = bloc {
            out.push_str(&format!("<data key=\"bloc\">{b}</data>"));
        }
        if let Some(s) = side {
            out.push_str(&format!("<data key=\"side\">{s}</data>"));
        }
        out.push_str("</node>\n");
    }
    for e in &net.edges {
        out.push_str(&format!(
            "    <edge source=\"{}\" target=\"{}\"><data key=\"weight\">{}</data><data key=\"sign\">{}</data><data key=\"n_events\">{}</data></edge>\n",
            xml_escape(&net.nodes[e.a]),
            xml_escape(&net.nodes[e.b]),
            e.weight,
            if e.weight > 0.0 { 1 } else { -1 },
            e.n_events
        ));
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

pub fn to_dot(net: &SignedNetwork, analysis: Option<&Analysis>) -> String {
    let notes = annotations(net, analysis);
    let mut out = String::from(
        "graph dyad {\n  node [shape=ellipse, style=filled, fillcolor=\"#eeeeee\"];\n",
    );
    for (code, (bloc, _)) in net.nodes.iter().zip(&notes) {
        let fill = bloc.map_or("#eeeeee", crate::charts::bloc_colour);
        out.push_str(&format!("  \"{code}\" [fillcolor=\"{fill}\"];\n"));
    }
    for e in &net.edges {
        let (colour, style) =
            if e.weight > 0.0 { ("#1a9850", "solid") } else { ("#d73027", "dashed") };
        out.push_str(&format!(
            "  \"{}\" -- \"{}\" [weight={:.2}, label=\"{:+.1}\", color=\"{colour}\", style={style}, penwidth={:.1}];\n",
            net.nodes[e.a],
            net.nodes[e.b],
            e.weight.abs(),
            e.weight,
            1.0 + e.weight.abs().ln_1p()
        ));
    }
    out.push_str("}\n");
    out
}
