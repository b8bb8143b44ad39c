//! The plan as CSV, one row per gap, for importing into an issue tracker (Jira, Linear, GitHub, a
//! spreadsheet). RFC 4180: comma-separated, every field quoted, quotes doubled, CRLF line ends, UTF-8.
//!
//! Columns, in order:
//!
//! | column | what |
//! |---|---|
//! | id | the question's id |
//! | question | the question's text |
//! | status | `gap` (answered, short of full credit) or `unanswered` |
//! | priority | weight x shortfall (higher first) |
//! | critical | `yes` or `no` |
//! | criteria | the Trust Services criteria, separated by `; ` |
//! | remediation | what to do |
//! | effort_low, effort_high | this gap's part of the remaining effort, in person-days |
//! | owner | who owns it (`answer ... --owner`), empty when nobody does |
//! | due | YYYY-MM-DD (`answer ... --due`), empty when not set |
//! | policy | the policy document it belongs to |
//! | evidence | what an auditor will sample, separated by `; ` |
//! | section | the questionnaire section |
//!
//! A cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
//! return) gets a leading `'`, so opening the file can never run anything.

use super::model::Report;
use crate::estimate::n;

pub const COLUMNS: [&str; 15] = [
    "id",
    "question",
    "status",
    "priority",
    "critical",
    "criteria",
    "remediation",
    "effort_low",
    "effort_high",
    "owner",
    "due",
    "policy",
    "evidence",
    "section",
    "answer",
];

/// One cell: made inert for spreadsheets, then quoted.
pub fn cell(text: &str) -> String {
    let visible = crate::text::visible(text);
    let text = super::show_invisible(&visible);
    let inert = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.into_owned() };
    format!("\"{}\"", inert.replace('"', "\"\""))
}

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let row = |out: &mut String, cells: &[String]| {
        out.push_str(&cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    };
    row(&mut out, &COLUMNS.map(String::from));
    for g in &r.gaps {
        row(
            &mut out,
            &[
                g.id.clone(),
                g.text.clone(),
                if g.unanswered { "unanswered" } else { "gap" }.into(),
                n(g.priority),
                if g.critical { "yes" } else { "no" }.into(),
                g.criteria.join("; "),
                g.remediation.clone(),
                n(g.remaining_days[0]),
                n(g.remaining_days[1]),
                g.owner.clone(),
                g.due.clone(),
                g.policy.clone(),
                g.evidence.join("; "),
                g.section.clone(),
                g.answer.clone().unwrap_or_default(),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_made_inert_and_quotes_doubled() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+1"), "\"'+1\"");
        assert_eq!(cell("-2"), "\"'-2\"");
        assert_eq!(cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(cell("plain, text"), "\"plain, text\"");
        assert_eq!(cell("3.5"), "\"3.5\"");
    }
}
