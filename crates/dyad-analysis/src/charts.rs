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

// Wide enough to fill a page's width on a laptop screen at about the size of its text (the
// pages scale the chart to their width).
const W: f64 = 1000.0;
const H: f64 = 360.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 52.0;
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

/// The stretch of time a chart shows: from the first to the last date, less sparse outliers
/// at either end — points separated from the rest by more than a quarter of the whole span
/// (and more than three steps between dates), together no more than a tenth of the points
/// (one point when there are at least six). One stray report years before the others would
/// otherwise squeeze the rest into a corner. Returns the first and last date shown and how
/// many points were left out before and after. `dates` are the dates of the points with a
/// value, in any order.
pub fn dense_range(dates: &[NaiveDate]) -> Option<(NaiveDate, NaiveDate, usize, usize)> {
    let mut sorted = dates.to_vec();
    sorted.sort_unstable();
    let (first, last) = (*sorted.first()?, *sorted.last()?);
    let mut distinct: Vec<(NaiveDate, usize)> = Vec::new();
    for d in &sorted {
        match distinct.last_mut() {
            Some((day, n)) if day == d => *n += 1,
            _ => distinct.push((*d, 1)),
        }
    }
    let step = distinct.windows(2).map(|w| (w[1].0 - w[0].0).num_days()).min().unwrap_or(1);
    let far_gap = ((last - first).num_days() as f64 / 4.0).max(3.0 * step as f64);
    let most = (sorted.len() / 10).max(usize::from(sorted.len() >= 6));
    let is_far = |a: NaiveDate, b: NaiveDate| (b - a).num_days() as f64 > far_gap;
    // The largest sparse block at the start, then at the end (never all of it).
    let (mut start, mut before, mut counted) = (0, 0, 0);
    for i in 0..distinct.len().saturating_sub(1) {
        counted += distinct[i].1;
        if counted > most {
            break;
        }
        if is_far(distinct[i].0, distinct[i + 1].0) {
            (start, before) = (i + 1, counted);
        }
    }
    let (mut end, mut after, mut counted) = (distinct.len() - 1, 0, 0);
    for i in (start + 1..distinct.len()).rev() {
        counted += distinct[i].1;
        if counted > most {
            break;
        }
        if is_far(distinct[i - 1].0, distinct[i].0) {
            (end, after) = (i - 1, counted);
        }
    }
    Some((distinct[start].0, distinct[end].0, before, after))
}

/// A line chart of one or more series over dates. `y_range` fixes the axis (0–1 for the
/// polarity index); otherwise it fits the data and includes 0. The time axis covers where
/// the data is dense ([`dense_range`]) and says what it leaves out; a line breaks where a
/// value is missing (`NaN`) and where consecutive points are further apart than the
/// chart's period, so that an empty stretch is drawn as a gap, not a straight line.
pub fn line_chart(
    title: &str,
    y_label: &str,
    series: &[Series],
    y_range: Option<(f64, f64)>,
) -> String {
    let valued: Vec<NaiveDate> = series
        .iter()
        .flat_map(|s| &s.points)
        .filter(|p| p.value.is_finite())
        .map(|p| p.date)
        .collect();
    let range = dense_range(&valued);
    let shown =
        |p: &&Point| range.is_some_and(|(from, until, _, _)| p.date >= from && p.date <= until);
    let points = series.iter().flat_map(|s| &s.points).filter(shown);
    let dates: Vec<NaiveDate> = points.clone().map(|p| p.date).collect();
    let values: Vec<f64> = points.map(|p| p.value).filter(|v| v.is_finite()).collect();
    let mut svg = format!(
        "<svg class=\"chart line-chart\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" font-family=\"{FONT}\" font-size=\"13\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<text x=\"{LEFT}\" y=\"22\" font-size=\"16\" font-weight=\"bold\">{}</text>\n",
        escape(title)
    );
    if let Some((from, until, before, after)) = range.filter(|r| r.2 + r.3 > 0) {
        let mut left_out = Vec::new();
        if before > 0 {
            left_out.push(format!("{before} earlier point{} before {from}", plural(before)));
        }
        if after > 0 {
            left_out.push(format!("{after} later point{} after {until}", plural(after)));
        }
        svg.push_str(&format!(
            "<text class=\"note\" x=\"{LEFT}\" y=\"40\" fill=\"#666\">From {from} to {until}, where the data is dense: {}, far from the rest, not shown</text>\n",
            left_out.join(" and ")
        ));
    }
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
    // The chart's period: the shortest distance between two dates. Points of a series
    // further apart than that (with room for months of different lengths) have an empty
    // stretch between them.
    let period = ticks.windows(2).map(|w| (w[1] - w[0]).num_days()).min();
    let apart = |a: NaiveDate, b: NaiveDate| {
        period.is_some_and(|p| (b - a).num_days() as f64 > p as f64 * 1.6)
    };
    for (k, s) in series.iter().enumerate() {
        let colour = bloc_colour(k);
        let mut pts: Vec<&Point> = s.points.iter().filter(shown).collect();
        pts.sort_by_key(|p| p.date);
        // One polyline per run of numbers; a gap (NaN, or an empty stretch) breaks the line.
        let mut runs: Vec<Vec<String>> = vec![Vec::new()];
        let mut previous: Option<NaiveDate> = None;
        for p in &pts {
            if p.value.is_finite() {
                if previous.is_some_and(|d| apart(d, p.date)) {
                    runs.push(Vec::new());
                }
                if let Some(run) = runs.last_mut() {
                    run.push(format!("{:.1},{:.1}", x(p.date), y(p.value)));
                }
                previous = Some(p.date);
            } else {
                previous = None;
                if runs.last().is_some_and(|r| !r.is_empty()) {
                    runs.push(Vec::new());
                }
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

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Monthly points from 2023-09 to 2024-10, with the months in `empty` left out.
    fn monthly(empty: &[u32]) -> Vec<Point> {
        (0..14)
            .filter(|i| !empty.contains(i))
            .map(|i| Point {
                date: day("2023-09-01").checked_add_months(chrono::Months::new(i)).unwrap(),
                value: f64::from(i),
                label: String::new(),
                link: None,
            })
            .collect()
    }

    #[test]
    fn a_stray_early_point_is_left_out_and_the_chart_says_so() {
        // Issue 19: one 2019 mention stretched the series over years of nothing.
        let mut points = monthly(&[]);
        points.insert(
            0,
            Point { date: day("2019-03-01"), value: 1.0, label: String::new(), link: None },
        );
        let dates: Vec<NaiveDate> = points.iter().map(|p| p.date).collect();
        assert_eq!(dense_range(&dates), Some((day("2023-09-01"), day("2024-10-01"), 1, 0)));
        let svg = line_chart("t", "y", &[Series { name: "s".into(), points }], None);
        assert!(
            svg.contains("From 2023-09-01 to 2024-10-01, where the data is dense: 1 earlier point before 2023-09-01"),
            "{svg}"
        );
        assert!(!svg.contains("2019"), "{svg}");
        // Evenly spread data keeps every point; so does a small series.
        assert_eq!(dense_range(&dates[1..]).map(|r| (r.2, r.3)), Some((0, 0)));
        assert_eq!(dense_range(&[day("2019-01-01"), day("2024-01-01")]).map(|r| r.2), Some(0));
    }

    #[test]
    fn empty_months_break_the_line() {
        let one_run =
            line_chart("t", "y", &[Series { name: "s".into(), points: monthly(&[]) }], None);
        assert_eq!(one_run.matches("<polyline").count(), 1);
        // Months 5 and 6 without events: two runs, not a straight line across.
        let gap =
            line_chart("t", "y", &[Series { name: "s".into(), points: monthly(&[5, 6]) }], None);
        assert_eq!(gap.matches("<polyline").count(), 2, "{gap}");
        assert_eq!(gap.matches("<circle").count(), 12);
    }
}
