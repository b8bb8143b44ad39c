//! The table `soc2-ready list` prints. To a pipe or a wide terminal: one row per assessment with every
//! column. To a terminal narrower than that (80 columns, where the full table wrapped every row into three
//! ragged lines): the name, progress, score and last change on one line, and the organisation and the
//! questionnaire on an indented line below, cut with `…` to the terminal's width. A name is never cut: it is
//! what the other commands take.

use unicode_width::UnicodeWidthStr;

use crate::text::one_line;

/// One assessment as the table shows it, every cell already one line of safe text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub name: String,
    pub org: String,
    pub questionnaire: String,
    pub progress: u32,
    pub score: String,
    pub last_change: String,
}

impl Row {
    pub fn new(name: &str, org: &str, questionnaire: &str, progress: u32, score: &str, last_change: &str) -> Row {
        Row {
            name: one_line(name),
            org: one_line(org),
            questionnaire: one_line(questionnaire),
            progress,
            score: one_line(score),
            last_change: one_line(last_change),
        }
    }
}

/// The width of the terminal standard output goes to, or `None` when it goes to a pipe or a file.
pub fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal as _;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    crossterm::terminal::size().ok().map(|(columns, _)| usize::from(columns)).filter(|&w| w > 0)
}

/// The widest a column grows; a longer entry pushes the rest of its own row along.
const CAP: usize = 60;

/// The table, every line ending in a newline. `terminal` is the terminal's width in columns when the
/// output goes to one.
pub fn render(rows: &[Row], terminal: Option<usize>) -> String {
    let wide = wide(rows, true);
    match terminal {
        Some(width) if widest_line(&wide) > width => {
            // Without the columns' least widths, which keep a pipe's columns steady, it may still fit.
            let tight = self::wide(rows, false);
            if widest_line(&tight) <= width { tight } else { narrow(rows, width) }
        }
        _ => wide,
    }
}

fn width_of(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(width_of(text))))
}

pub fn widest_line(text: &str) -> usize {
    text.lines().map(width_of).max().unwrap_or(0)
}

/// A column as wide as its widest entry and its header, at least `min`, at most the cap.
fn column(rows: &[Row], header: &str, min: usize, cell: impl Fn(&Row) -> &str) -> usize {
    let widest = rows.iter().map(|r| width_of(cell(r))).max().unwrap_or(0);
    widest.clamp(min.max(width_of(header)), CAP.max(min))
}

/// Every column on one line per assessment; `least`: the name, organisation and questionnaire columns at
/// least 36, 24 and 22 wide.
fn wide(rows: &[Row], least: bool) -> String {
    let least = |n: usize| if least { n } else { 0 };
    let wn = column(rows, "NAME", least(36), |r| &r.name);
    let wo = column(rows, "ORGANISATION", least(24), |r| &r.org);
    let wq = column(rows, "QUESTIONNAIRE", least(22), |r| &r.questionnaire);
    let ws = column(rows, "SCORE", 5, |r| &r.score);
    let mut out = format!(
        "{} {} {} {:>8}  {}  LAST CHANGE\n",
        pad("NAME", wn),
        pad("ORGANISATION", wo),
        pad("QUESTIONNAIRE", wq),
        "PROGRESS",
        pad("SCORE", ws)
    );
    for r in rows {
        out.push_str(&format!(
            "{} {} {} {:>7}%  {}  {}\n",
            pad(&r.name, wn),
            pad(&r.org, wo),
            pad(&r.questionnaire, wq),
            r.progress,
            pad(&r.score, ws),
            r.last_change
        ));
    }
    out
}

/// Two lines per assessment, to fit `width` columns.
fn narrow(rows: &[Row], width: usize) -> String {
    let ws = column(rows, "SCORE", 5, |r| &r.score);
    let wl = column(rows, "LAST CHANGE", 0, |r| &r.last_change);
    // The name takes what the other columns leave, up to its widest; a longer name pushes its row along.
    let rest = 1 + 8 + 2 + ws + 2 + wl;
    let wn = column(rows, "NAME", 0, |r| &r.name).min(width.saturating_sub(rest)).max(width_of("NAME"));
    let mut out = format!("{} {:>8}  {}  LAST CHANGE\n", pad("NAME", wn), "PROGRESS", pad("SCORE", ws));
    for r in rows {
        out.push_str(&format!("{} {:>7}%  {}  {}\n", pad(&r.name, wn), r.progress, pad(&r.score, ws), r.last_change));
        let about = format!("{} · {}", r.org, r.questionnaire);
        out.push_str(&format!("  {}\n", cut(&about, width.saturating_sub(2))));
    }
    out
}

/// The text cut to `width` columns, with `…` where it was cut.
pub fn cut(text: &str, width: usize) -> String {
    if width_of(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Row> {
        vec![
            Row::new("acme-ai-soc2-ai-readiness", "Acme AI", "soc2-ai-readiness", 0, "Blocked 0", "today 16:16"),
            Row::new(
                "example-ai-ltd-sample-soc2-ai-readiness",
                "Example AI Ltd (sample)",
                "soc2-ai-readiness",
                63,
                "Blocked 32.6",
                "2026-11-25 09:05",
            ),
            Row::new(
                "株式会社テスト-soc2-ai-readiness",
                "株式会社テスト",
                "soc2-ai-readiness",
                5,
                "Blocked 1",
                "today 09:00",
            ),
        ]
    }

    #[test]
    fn to_a_pipe_or_a_wide_terminal_every_column_is_on_one_line() {
        let table = render(&rows(), None);
        assert_eq!(table, render(&rows(), Some(200)));
        assert_eq!(table.lines().count(), 4);
        assert!(table.starts_with("NAME "), "{table}");
        assert!(table.contains("Example AI Ltd (sample)  soc2-ai-readiness"), "{table}");
        assert!(widest_line(&table) > 80, "the wide table does not fit 80 columns: {table}");
    }

    #[test]
    fn at_80_columns_each_assessment_takes_two_lines_that_fit() {
        let table = render(&rows(), Some(80));
        assert_eq!(
            table,
            "NAME                                    PROGRESS  SCORE         LAST CHANGE\n\
             acme-ai-soc2-ai-readiness                     0%  Blocked 0     today 16:16\n\
             \x20 Acme AI · soc2-ai-readiness\n\
             example-ai-ltd-sample-soc2-ai-readiness      63%  Blocked 32.6  2026-11-25 09:05\n\
             \x20 Example AI Ltd (sample) · soc2-ai-readiness\n\
             株式会社テスト-soc2-ai-readiness              5%  Blocked 1     today 09:00\n\
             \x20 株式会社テスト · soc2-ai-readiness\n"
        );
        assert!(widest_line(&table) <= 80);
    }

    #[test]
    fn a_terminal_that_holds_the_columns_without_their_padding_gets_one_line_each() {
        let rows = &rows()[..2];
        assert_eq!(widest_line(&render(rows, None)), 128, "padded to the columns' least widths");
        let table = render(rows, Some(125));
        assert_eq!(table.lines().count(), 3, "{table}");
        assert_eq!(widest_line(&table), 122, "{table}");
        assert!(table.lines().nth(1).unwrap().contains("Acme AI"), "{table}");
    }

    #[test]
    fn a_long_organisation_is_cut_to_the_width_and_a_long_name_never_is() {
        let long_org = "界".repeat(100);
        let long_name = "n".repeat(90);
        let rows = vec![Row::new(&long_name, &long_org, "soc2-ai-readiness", 1, "Blocked 0", "today 16:16")];
        let table = render(&rows, Some(80));
        let lines: Vec<&str> = table.lines().collect();
        assert!(lines[1].starts_with(&long_name), "{table}");
        assert!(lines[2].ends_with('…') && width_of(lines[2]) <= 80, "{table}");
        assert!(lines[0].len() <= 80, "{table}");
    }
}
