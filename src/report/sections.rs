//! The report's sections: titles, anchors, levels and their blocks (paragraphs, lists, the outline's
//! tables), decided once so Markdown, HTML and the terminal walk the same order and words instead of each
//! repeating its own headings.

use super::markdown::days;
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
