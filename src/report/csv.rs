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
//! | answer | the answer given, empty when none |
//! | kind | `design` or `operate` (SOC 2 work, in the plan's total), `ai_assurance` or `advice` (optional work the SOC 2 report does not need, outside the total) |
//!
//! A cell that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
//! return) gets a leading `'`, so opening the file can never run anything.

use super::model::Report;
use crate::estimate::n;

pub const COLUMNS: [&str; 16] = [
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
    "kind",
];

/// One cell's text: invisible characters shown, then made inert for spreadsheets (the writer quotes it).
fn cell(text: &str) -> String {
    let visible = crate::text::visible(text);
    let text = super::show_invisible(&visible);
    crate::text::spreadsheet_safe(&text).into_owned()
}

pub fn render(r: &Report) -> String {
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut row = |cells: &[String]| {
        // Writing to memory cannot fail.
        let _ = w.write_record(cells.iter().map(|c| cell(c)));
    };
    row(&COLUMNS.map(String::from));
    for g in &r.gaps {
        row(&[
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
            g.kind.id().into(),
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_made_inert_and_quotes_doubled() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("plain, text"), "plain, text");
        let mut w = csv::WriterBuilder::new().quote_style(csv::QuoteStyle::Always).from_writer(Vec::new());
        w.write_record([cell("=HYPERLINK(\"x\")"), cell("3.5")]).expect("in memory");
        let bytes = w.into_inner().expect("in memory");
        assert_eq!(String::from_utf8(bytes).expect("utf-8"), "\"'=HYPERLINK(\"\"x\"\")\",\"3.5\"\n");
    }
}
