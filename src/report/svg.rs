//! Charts as inline SVG for the HTML report: no scripts, nothing fetched, readable without colour (every
//! bar carries its figure as text, and Type II bars are hatched rather than told apart by hue), and sharp
//! on paper.

use std::fmt::Write;

use super::html::esc;
use crate::estimate::{Timeline, n};
use crate::scoring::Score;

const WIDTH: f64 = 720.0;
/// The narrowest label column; a wider one when a label needs it, so every label is printed in full.
const LABEL: f64 = 230.0;
/// The widest label column: half the chart.
const MAX_LABEL: f64 = WIDTH / 2.0;

/// The label column's width for these labels (12px text, about 6.8px a character, 8px gap): never cut.
fn label_width<'a>(labels: impl Iterator<Item = &'a str>) -> f64 {
    let longest = labels.map(|l| l.chars().count()).max().unwrap_or(0) as f64;
    (longest * 6.8 + 14.0).clamp(LABEL, MAX_LABEL)
}
const ROW: f64 = 34.0;

fn pattern(o: &mut String) {
    let _ = write!(
        o,
        "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
         patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/>\
         <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#333\" stroke-width=\"2\"/></pattern></defs>"
    );
}

/// Horizontal bars, two per row: Type I solid, Type II hatched, each with its score written beside it.
/// `None` rows say "not assessed".
pub fn score_bars(title: &str, rows: &[(String, Option<Score>)]) -> String {
    let lw = label_width(rows.iter().map(|(l, _)| l.as_str()));
    let plot = WIDTH - lw - 60.0;
    let height = 30.0 + ROW * rows.len() as f64 + 10.0;
    let mut o = String::new();
    let _ = write!(
        o,
        "<svg class=\"chart\" role=\"img\" aria-label=\"{t}\" xmlns=\"http://www.w3.org/2000/svg\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\"><title>{t}</title>",
        t = esc(title)
    );
    pattern(&mut o);
    let _ = write!(
        o,
        "<g font-size=\"11\"><rect x=\"{lw}\" y=\"6\" width=\"12\" height=\"10\" fill=\"#333\"/>\
         <text x=\"{}\" y=\"15\">Type I (designed)</text>\
         <rect x=\"{}\" y=\"6\" width=\"12\" height=\"10\" fill=\"url(#hatch)\" stroke=\"#333\"/>\
         <text x=\"{}\" y=\"15\">Type II (operating)</text></g>",
        lw + 16.0,
        lw + 140.0,
        lw + 156.0
    );
    for (i, (label, score)) in rows.iter().enumerate() {
        let y = 26.0 + ROW * i as f64;
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\">{}</text>",
            lw - 8.0,
            y + 17.0,
            esc(label)
        );
        match score {
            Some(s) => {
                for (k, (value, fill)) in [(s.type1, "#333"), (s.type2, "url(#hatch)")].into_iter().enumerate() {
                    let by = y + 3.0 + 14.0 * k as f64;
                    let w = (value.clamp(0.0, 100.0) / 100.0 * plot).max(0.5);
                    let _ = write!(
                        o,
                        "<rect class=\"bar\" x=\"{lw}\" y=\"{by}\" width=\"{w:.1}\" height=\"12\" fill=\"{fill}\" \
                         stroke=\"#333\"/><text x=\"{:.1}\" y=\"{}\" font-size=\"11\">{}</text>",
                        lw + w + 4.0,
                        by + 10.0,
                        n(value)
                    );
                }
            }
            None => {
                let _ = write!(
                    o,
                    "<text x=\"{lw}\" y=\"{}\" font-size=\"11\" font-style=\"italic\">not assessed</text>",
                    y + 17.0
                );
            }
        }
    }
    o.push_str("</svg>");
    o
}

/// The timeline as a Gantt chart: one row per phase, solid where it runs in every case, dashed outline
/// where it may run (between the low and the high estimate); month ticks along the top.
pub fn gantt(t: &Timeline) -> String {
    let end = t.phases.iter().map(|p| p.end_week[1]).fold(0.0_f64, f64::max).max(1.0);
    let lw = label_width(t.phases.iter().map(|p| p.name.as_str()));
    let plot = WIDTH - lw - 20.0;
    let x = |w: f64| lw + (w / end).clamp(0.0, 1.0) * plot;
    let height = 34.0 + ROW * t.phases.len() as f64 + 24.0;
    let mut o = String::new();
    let _ = write!(
        o,
        "<svg class=\"chart gantt\" role=\"img\" aria-label=\"Timeline\" xmlns=\"http://www.w3.org/2000/svg\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\"><title>Timeline from {}</title>",
        t.start_date
    );
    // Month ticks: about ten across the chart.
    let months = end / crate::estimate::timeline::WEEKS_PER_MONTH;
    let step = (months / 10.0).ceil().max(1.0);
    let mut m = 0.0;
    while m <= months {
        let tx = x(m * crate::estimate::timeline::WEEKS_PER_MONTH);
        let _ = write!(
            o,
            "<line x1=\"{tx:.1}\" y1=\"22\" x2=\"{tx:.1}\" y2=\"{}\" stroke=\"#ccc\"/>\
             <text x=\"{tx:.1}\" y=\"16\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
            height - 20.0,
            n(m)
        );
        m += step;
    }
    let _ =
        write!(o, "<text x=\"{}\" y=\"16\" font-size=\"10\" text-anchor=\"end\">months from start</text>", lw - 8.0);
    for (i, p) in t.phases.iter().enumerate() {
        let y = 28.0 + ROW * i as f64;
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\">{}</text>",
            lw - 8.0,
            y + 15.0,
            esc(&p.name)
        );
        let (a, b, c, d) = (x(p.start_week[0]), x(p.start_week[1]), x(p.end_week[0]), x(p.end_week[1]));
        let _ = write!(
            o,
            "<rect class=\"may\" x=\"{a:.1}\" y=\"{}\" width=\"{:.1}\" height=\"18\" fill=\"#fff\" stroke=\"#333\" \
             stroke-dasharray=\"4 3\"/>",
            y + 2.0,
            (d - a).max(1.0)
        );
        if c > b {
            let _ = write!(
                o,
                "<rect class=\"bar\" x=\"{b:.1}\" y=\"{}\" width=\"{:.1}\" height=\"18\" fill=\"#333\"/>",
                y + 2.0,
                c - b
            );
        }
        let _ = write!(
            o,
            "<title>{}: weeks {}-{} to {}-{}, {} to {}</title>",
            esc(&p.name),
            n(p.start_week[0]),
            n(p.start_week[1]),
            n(p.end_week[0]),
            n(p.end_week[1]),
            p.start,
            p.end
        );
    }
    let _ = write!(
        o,
        "<g font-size=\"11\"><rect x=\"{lw}\" y=\"{y}\" width=\"14\" height=\"10\" fill=\"#333\"/>\
         <text x=\"{}\" y=\"{}\">runs in every case</text>\
         <rect x=\"{}\" y=\"{y}\" width=\"14\" height=\"10\" fill=\"#fff\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>\
         <text x=\"{}\" y=\"{}\">may run (between the low and the high estimate)</text></g>",
        lw + 18.0,
        height - 6.0 - 1.0,
        lw + 150.0,
        lw + 168.0,
        height - 6.0 - 1.0,
        y = height - 16.0
    );
    o.push_str("</svg>");
    o
}
