//! The report's sections: titles, anchors, levels and their blocks (paragraphs, lists, the outline's
//! tables), decided once so Markdown, HTML and the terminal walk the same order and words instead of each
//! repeating its own headings.

use super::figures::days;
use super::model::{QuestionLine, Report};
use super::outline::{self, Inline, Table};
use crate::estimate::money;

/// One block of a section's body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Inline),
    /// A bulleted list, one item per entry.
    List(Vec<Inline>),
    Table(Table),
    /// A section one level below this one.
    Sub(Section),
    /// Where a printed page may break before the next block, when the renderer pages.
    PageBreak,
}

/// A titled part of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    /// A short, stable name for links and styles (`since`, `meetings`).
    pub anchor: &'static str,
    /// 2 for a part of the report, 3 for a part of a part.
    pub level: u8,
    pub blocks: Vec<Block>,
}

impl Section {
    fn new(title: impl Into<String>, anchor: &'static str, level: u8) -> Section {
        Section { title: title.into(), anchor, level, blocks: Vec::new() }
    }

    fn with(mut self, block: Block) -> Section {
        self.blocks.push(block);
        self
    }

    fn para(self, text: impl Into<String>) -> Section {
        self.with(Block::Paragraph(Inline::text(text)))
    }
}

fn t(s: impl Into<String>) -> Inline {
    Inline::text(s)
}

/// What changed since last year's answers: headline figures, the score table, the answers that changed and
/// those carried over still to confirm.
pub fn since_last_year(r: &Report) -> Option<Section> {
    let s = r.since_last_year.as_ref()?;
    let c = &s.changes;
    let mut figures = vec![t(format!("Verdict: {} → {}", c.verdict[0], c.verdict[1]))];
    if let Some([was, now]) = &c.estimate {
        figures.push(t(format!(
            "Remaining effort: {} → {} person-days",
            days(was.remaining_days),
            days(now.remaining_days)
        )));
        figures.push(t(format!(
            "Earliest Type II report: {} → {} months",
            days(was.type2_months),
            days(now.type2_months)
        )));
        figures.push(t(format!(
            "First-year cost: {}-{} → {}-{} {}",
            money(was.cost[0]),
            money(was.cost[1]),
            money(now.cost[0]),
            money(now.cost[1]),
            now.currency
        )));
    }
    let mut out = Section::new("Since last year", "since", 2)
        .para(format!(
            "Compared with last year's answers (saved {}): {} of {} questions answered then, {} of {} now.",
            c.old.updated_at, c.old.answered, c.old.shown, c.new.answered, c.new.shown
        ))
        .with(Block::List(figures));
    if let Some(table) = outline::since_last_year(r) {
        out = out.with(Block::Table(table));
    }
    if !c.answers.is_empty() {
        let items = c.answers.iter().map(|x| {
            Inline::default().code(x.question.clone()).then(format!(
                " {} — {}: {} → {}",
                x.text,
                x.change,
                x.old.as_deref().unwrap_or("-"),
                x.new.as_deref().unwrap_or("-")
            ))
        });
        let sub = Section::new(format!("Answers changed ({})", c.answers.len()), "answers-changed", 3);
        out = out.with(Block::Sub(sub.with(Block::List(items.collect()))));
    }
    if !s.to_confirm.is_empty() {
        let items = s.to_confirm.iter().map(|(id, text)| Inline::default().code(id.clone()).then(format!(" {text}")));
        let sub = Section::new(format!("Still to confirm ({})", s.to_confirm.len()), "to-confirm", 3)
            .para("Carried over from last year; not counted as answered until confirmed.")
            .with(Block::List(items.collect()));
        out = out.with(Block::Sub(sub));
    }
    Some(out)
}

/// The interview's record: meetings held, claimed and reviewed answers, and the consultant's observations
/// (only those the assessment has).
pub fn interview(r: &Report) -> Vec<Section> {
    let mut out = Vec::new();
    if let Some(table) = outline::meetings(r) {
        out.push(Section::new("Meetings", "meetings", 2).with(Block::Table(table)));
    }
    if let Some(table) = outline::review(r) {
        let intro = Inline::text("A ")
            .push(outline::Span::Em("reviewed".into()))
            .then(" answer was checked against evidence; the others are as the client claimed them.");
        out.push(
            Section::new("Claimed and reviewed", "review", 2).with(Block::Paragraph(intro)).with(Block::Table(table)),
        );
    }
    if let Some(table) = outline::observations(r) {
        out.push(Section::new("Observations", "observations", 2).with(Block::Table(table)));
    }
    out
}

/// A question as one list item: its id, text, answer and note, marked when reviewed.
fn question(l: &QuestionLine) -> Inline {
    let mut item = Inline::default().code(l.id.clone()).then(format!(" {}", l.text));
    if let Some(answer) = &l.answer {
        item = item.then(format!(" (answer: {answer})"));
    }
    if !l.note.is_empty() {
        item = item.then(format!(" — {}", l.note));
    }
    outline::reviewed(item, l.reviewed)
}

/// The questions still open in some way: follow-ups, unanswered, and those marked not applicable.
pub fn question_lists(r: &Report) -> Vec<Section> {
    [
        ("Follow-ups", "follow-ups", &r.follow_ups, "None."),
        ("Unanswered questions", "unanswered", &r.unanswered, "None: every shown question is answered."),
        ("Not applicable", "not-applicable", &r.not_applicable, "None."),
    ]
    .into_iter()
    .map(|(title, anchor, items, empty)| {
        let s = Section::new(title, anchor, 2);
        if items.is_empty() { s.para(empty) } else { s.with(Block::List(items.iter().map(question).collect())) }
    })
    .collect()
}

/// Every in-scope criterion the questionnaire asks about, how many are designed, and those it never asks
/// about. None without criteria.
pub fn coverage(r: &Report) -> Option<Section> {
    if r.criteria.is_empty() {
        return None;
    }
    let mut s = Section::new("Criteria coverage", "coverage", 2);
    let (designed, covered) = r.coverage_counts();
    if covered > 0 {
        s = s.para(format!(
            "{designed} of {covered} in-scope criteria the questionnaire asks about have a designed control (or do \
             not apply). A criterion is designed when at least one question behind it is at \"documented\" or above \
             and no critical one is below."
        ));
    }
    if let Some(table) = outline::coverage(r) {
        s = s.with(Block::Table(table));
    }
    if let Some(line) = r.not_covered_sentence() {
        let ids: Vec<&str> = r.not_covered().map(|c| c.id.as_str()).collect();
        s = s.para(format!("{line} They are: {}.", ids.join(", ")));
    }
    Some(s)
}

/// A top-level part of the report, in the one order every renderer walks (see [`parts`]). Each renderer
/// draws a part its own way where the part is its own (HTML's charts, the terminal's bars) and with the
/// shared sections above where it is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The settings a what-if report assumes.
    WhatIf,
    AtAGlance,
    SinceLastYear,
    /// A vendor review's risk verdict, contract terms and attestations (instead of the SOC 2 parts).
    Vendor,
    /// The verdict (or the score without one), blockers, coverage, AI assurance and scores.
    Verdict,
    Gaps,
    Plan,
    Timeline,
    Cost,
    /// Policy documents and the evidence checklist.
    Documents,
    /// Meetings, claimed and reviewed answers, observations.
    Interview,
    /// Follow-ups, unanswered and not applicable.
    QuestionLists,
    /// Assumptions and all answers (and, where a renderer moves them there, its reference tables).
    Appendix,
}

impl Part {
    /// A short, stable name for links and styles; parts sharing one are printed together.
    pub fn anchor(self) -> &'static str {
        match self {
            Part::WhatIf => "whatif",
            Part::AtAGlance => "glance",
            Part::SinceLastYear => "since",
            Part::Vendor => "vendor",
            Part::Verdict => "scores",
            Part::Gaps | Part::Plan => "gaps",
            Part::Timeline => "timeline",
            Part::Cost => "cost",
            Part::Documents => "documents",
            Part::Interview => "interview",
            Part::QuestionLists => "lists",
            Part::Appendix => "appendix",
        }
    }

    /// The part's heading where it does not depend on the report (the verdict's does).
    pub fn title(self) -> Option<&'static str> {
        match self {
            Part::AtAGlance => Some("At a glance"),
            Part::SinceLastYear => Some("Since last year"),
            Part::Plan => Some("Remediation plan"),
            Part::Timeline => Some("Timeline"),
            Part::Cost => Some("Cost"),
            Part::Documents => Some("Policy documents"),
            _ => None,
        }
    }
}

/// The report's top-level parts this report has, in order: one list for Markdown, HTML, Word and the
/// terminal, so no renderer decides the order or which parts a vendor review leaves out.
pub fn parts(r: &Report) -> Vec<Part> {
    let mut out = Vec::new();
    if r.what_if.is_some() {
        out.push(Part::WhatIf);
    }
    out.push(Part::AtAGlance);
    if r.since_last_year.is_some() {
        out.push(Part::SinceLastYear);
    }
    if r.is_vendor() {
        out.push(Part::Vendor);
    } else {
        out.push(Part::Verdict);
        if r.overall.is_some() {
            out.push(Part::Gaps);
        }
        if r.has_plan() {
            out.push(Part::Plan);
        }
        if r.estimate.is_some() {
            out.extend([Part::Timeline, Part::Cost, Part::Documents]);
        }
    }
    if !interview(r).is_empty() {
        out.push(Part::Interview);
    }
    out.extend([Part::QuestionLists, Part::Appendix]);
    out
}

/// The sections of a part every renderer draws the same way (since last year, the interview record, the
/// question lists); None for a part each renderer draws its own way.
pub fn shared(part: Part, r: &Report) -> Option<Vec<Section>> {
    match part {
        Part::SinceLastYear => Some(since_last_year(r).into_iter().collect()),
        Part::Interview => Some(interview(r)),
        Part::QuestionLists => Some(question_lists(r)),
        _ => None,
    }
}

/// A section as plain lines, for a reader that hears one line at a time: its title, each paragraph and
/// list item, and each table row as its name followed by its named cells.
pub fn plain_lines(s: &Section) -> Vec<String> {
    let mut out = vec![s.title.clone()];
    for block in &s.blocks {
        match block {
            Block::Paragraph(text) => out.push(text.plain()),
            Block::List(items) => out.extend(items.iter().map(Inline::plain)),
            Block::Table(table) => out.extend(table.entries().into_iter().map(|(name, about)| {
                if about.is_empty() { format!("{name}.") } else { format!("{name}, {}.", about.join("; ")) }
            })),
            Block::Sub(sub) => out.extend(plain_lines(sub)),
            Block::PageBreak => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::outline::Table;

    fn parts_of(id: &str) -> Vec<Part> {
        let q = crate::questionnaire::catalog::built_in(id).expect("built in");
        let a = crate::assessment::Assessment::new(q.clone(), "Acme", "2026-11-26T09:00:00Z");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
        parts(&Report::build(&a, &crate::estimate::Parameters::built_in(), today))
    }

    /// A readiness report has the SOC 2 parts, its gaps among them; a vendor review has its risk verdict in place
    /// of every SOC 2 part. Both start at a glance and end with the lists and the appendix.
    #[test]
    fn parts_are_in_one_order_and_a_vendor_review_leaves_out_the_soc2_ones() {
        use Part::*;
        let readiness = parts_of("soc2-ai-readiness");
        assert_eq!(readiness[..2], [AtAGlance, Verdict]);
        assert!(!readiness.contains(&Vendor) && readiness.contains(&Gaps));
        assert_eq!(readiness[readiness.len() - 2..], [QuestionLists, Appendix]);
        assert_eq!(parts_of("ai-vendor-assessment"), [AtAGlance, Vendor, QuestionLists, Appendix]);
        assert_eq!(Plan.anchor(), Gaps.anchor(), "the plan prints with the gaps");
    }

    #[test]
    fn plain_lines_name_each_row_and_its_cells() {
        let table = Table::plain(
            &[("Criterion", 1), ("Status", 1), ("Weakest answer", 1)],
            vec![vec!["CC6.1".into(), "not assessed".into(), "-".into()], vec!["CC6.2".into(), "".into(), "".into()]],
        );
        let s = Section::new("Criteria coverage", "coverage", 2).para("2 asked about.").with(Block::Table(table));
        assert_eq!(plain_lines(&s), ["Criteria coverage", "2 asked about.", "CC6.1, status: not assessed.", "CC6.2."]);
    }

    #[test]
    fn a_numbered_table_names_its_entries_by_number_and_the_next_cell() {
        let table = Table::plain(
            &[("#", 1), ("Started", 1), ("Duration", 1)],
            vec![vec!["2".into(), "14 Jan".into(), "40 min".into()]],
        );
        assert_eq!(table.entries(), [("2. 14 Jan".to_string(), vec!["duration: 40 min".to_string()])]);
    }
}
