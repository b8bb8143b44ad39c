//! How figures are written in every format: numbers, signed changes, ranges, and the text bars the
//! terminal and the Markdown draw. Shared by the outline, the sections and each renderer.

use crate::assessment::model::answer::format_number;
use crate::estimate::Timeline;

/// A number as every format writes it.
pub fn num(x: f64) -> String {
    format_number(x)
}

/// A change with its sign (`+2.6`, `-35.7`), or `-` when there is none to give.
pub fn signed(x: Option<f64>) -> String {
    match x {
        Some(d) if d > 0.0 => format!("+{}", num(d)),
        Some(d) => num(d),
        None => "-".into(),
    }
}

/// A figure, or `-` when there is none.
pub fn opt(x: Option<f64>) -> String {
    x.map_or("-".into(), num)
}

/// A range without its unit, once when both ends agree (`13`, not `13-13`), to one decimal.
pub fn days(d: [f64; 2]) -> String {
    let (a, b) = (crate::estimate::n(d[0]), crate::estimate::n(d[1]));
    if a == b { a } else { format!("{a}-{b}") }
}

/// A bar of `width` cells for a score out of 100.
pub fn gauge(value: f64, width: usize) -> String {
    let filled = ((value / 100.0) * width as f64).round().clamp(0.0, width as f64) as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// One line per phase: `█` where the phase runs in every case, `▒` where it may run.
pub fn timeline_bars(t: &Timeline, width: usize) -> Vec<(String, String)> {
    let end = t.phases.iter().map(|p| p.end_week[1]).fold(0.0_f64, f64::max).max(1.0);
    let cell = |w: f64| ((w / end) * width as f64).round() as usize;
    t.phases
        .iter()
        .map(|p| {
            let (a, b, c, d) = (cell(p.start_week[0]), cell(p.start_week[1]), cell(p.end_week[0]), cell(p.end_week[1]));
            let mut bar = String::new();
            for i in 0..width {
                bar.push(if i < a || i >= d.max(a + 1) {
                    ' '
                } else if i >= b && i < c {
                    '█'
                } else {
                    '▒'
                });
            }
            (p.name.clone(), bar.trim_end().to_string())
        })
        .collect()
}
