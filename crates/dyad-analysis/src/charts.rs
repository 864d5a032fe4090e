//! Charts as SVG text: time series (polarity, dyad intensity) and the signed network with its
//! blocs coloured. Every point and edge can carry a link back to the events behind it. Text
//! is set in DejaVu Sans (falling back to any sans-serif font) so that a renderer with only
//! that font installed draws the same picture.

use chrono::NaiveDate;

use crate::{Analysis, SignedNetwork, Window};

const FONT: &str = "DejaVu Sans, Verdana, sans-serif";
const PALETTE: [&str; 8] =
    ["#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377", "#bbbbbb", "#994411"];

/// The fill colour of bloc `i` (colour-blind-safe palette, Paul Tol's "bright").
pub fn bloc_colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// One point of a series: a date, a value, a tooltip and where it links to. A value that is
/// not a number (`f64::NAN`) is a gap: nothing is drawn and the line breaks there.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub date: NaiveDate,
    pub value: f64,
    pub label: String,
    pub link: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<Point>,
}

const W: f64 = 760.0;
const H: f64 = 340.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 60.0;

fn nice_ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let span = (hi - lo).max(1e-9);
    let raw = span / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step =
        [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(raw);
    let first = (lo / step).ceil() * step;
    (0..=n * 2).map(|i| first + i as f64 * step).take_while(|v| *v <= hi + step * 1e-6).collect()
}

/// A line chart of one or more series over dates. `y_range` fixes the axis (0–1 for the
/// polarity index); otherwise it fits the data and includes 0.
pub fn line_chart(
    title: &str,
    y_label: &str,
    series: &[Series],
    y_range: Option<(f64, f64)>,
) -> String {
    let points = series.iter().flat_map(|s| &s.points);
    let dates: Vec<NaiveDate> = points.clone().map(|p| p.date).collect();
    let values: Vec<f64> = points.map(|p| p.value).filter(|v| v.is_finite()).collect();
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" font-family=\"{FONT}\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<text x=\"{LEFT}\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{}</text>\n",
        escape(title)
    );
    let (Some(d0), Some(d1)) = (dates.iter().min(), dates.iter().max()) else {
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#666\">no dated events</text>\n</svg>\n",
            W / 2.0,
            H / 2.0
        ));
        return svg;
    };
    let (lo, hi) = y_range.unwrap_or_else(|| {
        let lo = values.iter().copied().fold(0.0, f64::min);
        let hi = values.iter().copied().fold(0.0, f64::max);
        let (lo, hi) = if (hi - lo).abs() < 1e-9 { (lo - 1.0, hi + 1.0) } else { (lo, hi) };
        // Out to the ticks around the data, so that nothing sits on the frame.
        let ticks = nice_ticks(lo, hi, 5);
        let step = if ticks.len() > 1 { ticks[1] - ticks[0] } else { 1.0 };
        ((lo / step).floor() * step, (hi / step).ceil() * step)
    });
    let days = ((*d1 - *d0).num_days().max(1)) as f64;
    let x = |d: NaiveDate| LEFT + (d - *d0).num_days() as f64 / days * (W - LEFT - RIGHT);
    let y = |v: f64| TOP + (hi - v) / (hi - lo) * (H - TOP - BOTTOM);
    // Axes and grid.
    for t in nice_ticks(lo, hi, 5) {
        svg.push_str(&format!(
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#e5e5e5\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#444\">{}</text>\n",
            W - RIGHT,
            LEFT - 6.0,
            y(t) + 4.0,
            if t.fract().abs() < 1e-9 { format!("{t:.0}") } else { format!("{t:.2}") },
            y = y(t)
        ));
    }
    if lo < 0.0 && hi > 0.0 {
        svg.push_str(&format!(
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y0:.1}\" y2=\"{y0:.1}\" stroke=\"#888\"/>\n",
            W - RIGHT,
            y0 = y(0.0)
        ));
    }
    svg.push_str(&format!(
        "<line x1=\"{LEFT}\" x2=\"{LEFT}\" y1=\"{TOP}\" y2=\"{}\" stroke=\"#444\"/><line x1=\"{LEFT}\" x2=\"{}\" y1=\"{b}\" y2=\"{b}\" stroke=\"#444\"/>\n",
        H - BOTTOM,
        W - RIGHT,
        b = H - BOTTOM
    ));
    // Date labels at least 90 px apart; the last one anchored at its end so it stays inside.
    let mut ticks: Vec<NaiveDate> = dates.clone();
    ticks.sort();
    ticks.dedup();
    let mut last_x = f64::NEG_INFINITY;
    let plot_right = W - RIGHT;
    for d in &ticks {
        let tx = x(*d);
        if tx - last_x < 90.0 {
            continue;
        }
        last_x = tx;
        let anchor = if tx > plot_right - 40.0 { "end" } else { "middle" };
        svg.push_str(&format!(
            "<text x=\"{tx:.1}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"#444\">{}</text>\n",
            H - BOTTOM + 18.0,
            d.format("%Y-%m-%d")
        ));
    }
    svg.push_str(&format!(
        "<text transform=\"translate(16 {:.1}) rotate(-90)\" text-anchor=\"middle\" fill=\"#444\">{}</text>\n",
        (TOP + H - BOTTOM) / 2.0,
        escape(y_label)
    ));
    for (k, s) in series.iter().enumerate() {
        let colour = bloc_colour(k);
        let mut pts: Vec<&Point> = s.points.iter().collect();
        pts.sort_by_key(|p| p.date);
        // One polyline per run of numbers; a gap (NaN) breaks the line.
        let mut runs: Vec<Vec<String>> = vec![Vec::new()];
        for p in &pts {
            if p.value.is_finite() {
                if let Some(run) = runs.last_mut() {
                    run.push(format!("{:.1},{:.1}", x(p.date), y(p.value)));
                }
            } else if runs.last().is_some_and(|r| !r.is_empty()) {
                runs.push(Vec::new());
            }
        }
        for run in runs.iter().filter(|r| !r.is_empty()) {
            svg.push_str(&format!(
                "<polyline class=\"series\" data-series=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{}\"/>\n",
                escape(&s.name),
                run.join(" ")
            ));
        }
        for p in pts.into_iter().filter(|p| p.value.is_finite()) {
            let dot = format!(
                "<circle class=\"point\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{colour}\"><title>{}</title></circle>",
                x(p.date),
                y(p.value),
                escape(&p.label)
            );
            match &p.link {
                Some(href) => svg.push_str(&format!("<a href=\"{}\">{dot}</a>\n", escape(href))),
                None => svg.push_str(&format!("{dot}\n")),
            }
        }
        if series.len() > 1 {
            let lx = LEFT + 10.0 + k as f64 * 135.0;
            svg.push_str(&format!(
                "<rect x=\"{lx}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\">{}</text>\n",
                H - 22.0,
                lx + 16.0,
                H - 12.0,
                escape(&s.name)
            ));
        }
    }
    svg.push_str("</svg>\n");
    svg
}

/// The network drawn on a circle, the members of each bloc next to each other and filled
/// with its colour, unaligned countries grey; cooperative edges solid green, hostile ones
/// dashed red, wider for more weight. `link` gives each edge's target (the events behind it).
pub fn network_chart(
    title: &str,
    net: &SignedNetwork,
    analysis: &Analysis,
    link: &dyn Fn(&str, &str) -> Option<String>,
) -> String {
    let size = 640.0;
    let (cx, cy) = (size / 2.0, size / 2.0 + 10.0);
    let radius = size / 2.0 - 80.0;
    let legend_lines = analysis.blocs.len().min(6);
    let height = size + 20.0 + 18.0 * legend_lines as f64;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{height}\" viewBox=\"0 0 {size} {height}\" font-family=\"{FONT}\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<text x=\"20\" y=\"24\" font-size=\"15\" font-weight=\"bold\">{}</text>\n",
        escape(title)
    );
    // Order: blocs in order, then unaligned; each bloc's members sorted.
    let mut order: Vec<(usize, Option<usize>)> = Vec::new();
    for (b, bloc) in analysis.blocs.iter().enumerate() {
        for m in &bloc.members {
            if let Some(i) = net.nodes.iter().position(|n| n == m) {
                order.push((i, Some(b)));
            }
        }
    }
    for i in 0..net.nodes.len() {
        if !order.iter().any(|(j, _)| *j == i) {
            order.push((i, None));
        }
    }
    let n = order.len().max(1);
    let mut pos = vec![(cx, cy); net.nodes.len()];
    for (k, (i, _)) in order.iter().enumerate() {
        let angle = -std::f64::consts::FRAC_PI_2 + k as f64 / n as f64 * std::f64::consts::TAU;
        pos[*i] = (cx + radius * angle.cos(), cy + radius * angle.sin());
    }
    let max_w = net.edges.iter().map(|e| e.weight.abs()).fold(1.0, f64::max);
    for e in &net.edges {
        let (a, b) = (pos[e.a], pos[e.b]);
        let positive = e.weight > 0.0;
        let line = format!(
            "<line class=\"edge {}\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"{:.1}\" stroke-opacity=\"0.75\"{}><title>{} – {}: {:+.1} ({} events)</title></line>",
            if positive { "cooperation" } else { "conflict" },
            a.0,
            a.1,
            b.0,
            b.1,
            if positive { "#1a9850" } else { "#d73027" },
            1.0 + 5.0 * e.weight.abs() / max_w,
            if positive { "" } else { " stroke-dasharray=\"6 4\"" },
            escape(&net.nodes[e.a]),
            escape(&net.nodes[e.b]),
            e.weight,
            e.n_events
        );
        match link(&net.nodes[e.a], &net.nodes[e.b]) {
            Some(href) => svg.push_str(&format!("<a href=\"{}\">{line}</a>\n", escape(&href))),
            None => svg.push_str(&format!("{line}\n")),
        }
    }
    for (i, bloc) in &order {
        let (x, y) = pos[*i];
        let fill = bloc.map_or("#dddddd", bloc_colour);
        let code = escape(&net.nodes[*i]);
        let (dx, anchor) = if x >= cx { (14.0, "start") } else { (-14.0, "end") };
        svg.push_str(&format!(
            "<circle class=\"node\" data-code=\"{code}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"10\" fill=\"{fill}\" stroke=\"#333\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" font-weight=\"bold\">{code}</text>\n",
            x + dx,
            y + 4.0
        ));
    }
    // Legend: the first six blocs.
    for (b, bloc) in analysis.blocs.iter().enumerate().take(legend_lines) {
        let ly = size + 14.0 + 18.0 * b as f64;
        svg.push_str(&format!(
            "<rect x=\"20\" y=\"{:.1}\" width=\"12\" height=\"12\" fill=\"{}\"/><text class=\"legend\" x=\"38\" y=\"{ly:.1}\">bloc {}: {}</text>\n",
            ly - 10.0,
            bloc_colour(b),
            b + 1,
            escape(&bloc.members.join(", "))
        ));
    }
    svg.push_str("</svg>\n");
    svg
}

/// Polarity over time: one point per window, a gap where a window has no ties; `link` gives
/// each point's target (window index and window).
pub fn polarity_chart(
    windows: &[Window],
    link: &dyn Fn(usize, &Window) -> Option<String>,
) -> String {
    let points = windows
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let start = w.start?;
            Some(Point {
                date: start,
                value: if w.network.edges.is_empty() { f64::NAN } else { w.analysis.polarity },
                label: format!(
                    "{start}: polarity {:.2}, {} blocs, {} countries",
                    w.analysis.polarity,
                    w.analysis.blocs.len(),
                    w.network.nodes.len()
                ),
                link: link(i, w),
            })
        })
        .collect();
    line_chart(
        "Polarity over time (1 = two opposed blocs)",
        "polarity index",
        &[Series { name: "polarity".into(), points }],
        Some((0.0, 1.0)),
    )
}
