//! The report as a Word document (.docx), the deliverable a consultant hands a client: the verdict, scores,
//! criteria coverage, findings with owners and dates, the plan, timeline and cost with the sources of the
//! figures, then the details as appendices. Drawn from the same model as the other formats.
//!
//! Every paragraph and table names one of the styles in [`STYLES`] and carries no formatting of its own, so
//! a consultant rebrands the whole document by changing those styles in Word (or by `--template`, see
//! [`super::docx_template`]). Questionnaire and answer text is untrusted: it goes through the same
//! escapes as the other renderers, and characters XML cannot hold are shown as escapes too.

use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, Docx, Footer, IndentLevel, Level, LevelJc, LevelText, LineSpacing,
    NumberFormat, Numbering, NumberingId, PageMargin, PageNum, Paragraph, Run, RunFonts, SpecialIndentType, Start,
    Style, StyleType, Table, TableBorder, TableBorderPosition, TableBorders, TableCell, TableCellMargins, TableRow,
    WidthType,
};

use super::model::{GapKind, Report};
use super::outline::{self, Align, Span};
use super::sections::{self, Block, Part, Section};
use super::summary::OnePage;

/// Why a document could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("cannot assemble the Word document: {0}")]
    Pack(String),
}

/// The styles the document uses: id (as Word stores it), the name Word's Styles pane shows, and what it is
/// for. docs/report.md lists them for whoever restyles the document.
pub const STYLES: [(&str, &str, &str); 11] = [
    ("Title", "Title", "the report's title"),
    ("Heading1", "heading 1", "each part: At a glance, Verdict, Findings, Plan, Timeline, Cost, appendices"),
    ("Heading2", "heading 2", "a part within a part"),
    ("Soc2Verdict", "SOC 2 Verdict", "the verdict sentence on the first page"),
    ("Soc2Note", "SOC 2 Note", "the self-assessment statement, the sample notice, explanations under tables"),
    ("Soc2Bullet", "SOC 2 Bullet", "list items"),
    ("Soc2Table", "SOC 2 Table", "every table (borders, cell margins)"),
    ("Soc2TableHeader", "SOC 2 Table Header", "the first row of every table"),
    ("Soc2TableText", "SOC 2 Table Text", "the text in table cells"),
    ("Soc2Footer", "SOC 2 Footer", "the footer: title and page number"),
    ("Normal", "Normal", "body text (and the font every other style inherits)"),
];

/// A4 with 2 cm margins, in twentieths of a point.
const PAGE: (u32, u32) = (11906, 16838);
const MARGIN: i32 = 1134;
/// The width tables fill.
const TEXT_WIDTH: usize = (PAGE.0 as usize) - 2 * (MARGIN as usize);
/// The bullet list's numbering (docx-rs defines a numbered list as 1).
const BULLETS: usize = 2;
const ACCENT: &str = "1F3864";
const GREY: &str = "595959";

/// Untrusted text as one line a Word document can hold: control and invisible characters as visible
/// escapes, like every renderer, and the two non-characters XML refuses too.
pub fn clean(text: &str) -> String {
    super::show_invisible(&crate::text::one_line(text))
        .chars()
        .map(|c| match c {
            '\u{FFFE}' | '\u{FFFF}' => format!("\\u{{{:x}}}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

fn styles() -> Vec<Style> {
    let spacing = |before: u32, after: u32| LineSpacing::new().before(before).after(after);
    let heading = |id: &str, name: &str, size: usize, level: usize, before: u32| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .size(size)
            .bold()
            .color(ACCENT)
            .outline_lvl(level)
            .line_spacing(spacing(before, 120))
            .q_format(true)
    };
    let cell_border =
        |p: TableBorderPosition| TableBorder::new(p).border_type(BorderType::Single).size(4).color("A6A6A6");
    let borders = [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::with_empty(), |b, p| b.set(cell_border(p)));
    vec![
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .size(48)
            .bold()
            .color(ACCENT)
            .line_spacing(spacing(0, 240))
            .q_format(true),
        heading("Heading1", "heading 1", 32, 0, 360),
        heading("Heading2", "heading 2", 24, 1, 240),
        Style::new("Soc2Verdict", StyleType::Paragraph)
            .name("SOC 2 Verdict")
            .size(28)
            .bold()
            .color(ACCENT)
            .line_spacing(spacing(120, 120))
            .q_format(true),
        Style::new("Soc2Note", StyleType::Paragraph)
            .name("SOC 2 Note")
            .size(18)
            .italic()
            .color(GREY)
            .line_spacing(spacing(60, 120))
            .q_format(true),
        Style::new("Soc2Bullet", StyleType::Paragraph).name("SOC 2 Bullet").line_spacing(spacing(0, 60)).q_format(true),
        Style::new("Soc2Table", StyleType::Table)
            .name("SOC 2 Table")
            .set_borders(borders)
            .margins(TableCellMargins::new().margin(40, 80, 40, 80)),
        Style::new("Soc2TableHeader", StyleType::Paragraph)
            .name("SOC 2 Table Header")
            .size(18)
            .bold()
            .color(ACCENT)
            .line_spacing(spacing(0, 0))
            .q_format(true),
        Style::new("Soc2TableText", StyleType::Paragraph)
            .name("SOC 2 Table Text")
            .size(18)
            .line_spacing(spacing(0, 0))
            .q_format(true),
        Style::new("Soc2Footer", StyleType::Paragraph).name("SOC 2 Footer").size(16).color(GREY),
    ]
}

/// The document being written: paragraphs and tables in order.
struct Doc {
    docx: Docx,
}

impl Doc {
    fn para(&mut self, style: &str, text: &str) {
        let p = Paragraph::new().style(style).add_run(Run::new().add_text(clean(text)));
        self.push(p);
    }

    fn push(&mut self, p: Paragraph) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_paragraph(p);
    }

    fn h1(&mut self, text: &str) {
        self.para("Heading1", text);
    }

    fn h2(&mut self, text: &str) {
        self.para("Heading2", text);
    }

    fn text(&mut self, text: &str) {
        self.para("Normal", text);
    }

    fn note(&mut self, text: &str) {
        self.para("Soc2Note", text);
    }

    fn bullet(&mut self, text: &str) {
        let p = Paragraph::new()
            .style("Soc2Bullet")
            .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
            .add_run(Run::new().add_text(clean(text)));
        self.push(p);
    }

    /// A table of plain text filling the text width: each column's share of it by weight.
    fn table(&mut self, columns: &[(&str, usize)], rows: Vec<Vec<String>>) {
        self.outline(&outline::Table::plain(columns, rows));
    }

    /// An outline table: widths by the columns' weights, figures aligned right, ids in brackets after their
    /// text (Word has no code span in these styles).
    fn outline(&mut self, t: &outline::Table) {
        let total: usize = t.columns.iter().map(|c| c.weight).sum::<usize>().max(1);
        let widths: Vec<usize> = t.columns.iter().map(|c| TEXT_WIDTH * c.weight / total).collect();
        let cell = |text: String, w: usize, style: &str, align: Align| {
            let mut p = Paragraph::new().style(style).add_run(Run::new().add_text(clean(&text)));
            if align == Align::Right {
                p = p.align(AlignmentType::Right);
            }
            TableCell::new().width(w, WidthType::Dxa).add_paragraph(p)
        };
        let header = TableRow::new(
            t.columns.iter().zip(&widths).map(|(c, w)| cell(c.title.clone(), *w, "Soc2TableHeader", c.align)).collect(),
        )
        .cant_split();
        let body = t.rows.iter().map(|row| {
            TableRow::new(
                row.iter()
                    .zip(&widths)
                    .zip(&t.columns)
                    .map(|((x, w), c)| cell(words(x), *w, "Soc2TableText", c.align))
                    .collect(),
            )
            .cant_split()
        });
        let table = Table::without_borders(std::iter::once(header).chain(body).collect())
            .style("Soc2Table")
            .set_grid(widths.clone())
            .width(TEXT_WIDTH, WidthType::Dxa);
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_table(table).add_paragraph(Paragraph::new().style("Normal"));
    }

    /// An outline section: a part of the report (level 2) as Heading 1, a part of a part as Heading 2.
    fn section(&mut self, s: &Section) {
        if s.level <= 2 {
            self.h1(&s.title)
        } else {
            self.h2(&s.title)
        }
        for block in &s.blocks {
            match block {
                Block::Paragraph(text) => self.text(&words(text)),
                Block::List(items) => items.iter().for_each(|x| self.bullet(&words(x))),
                Block::Table(t) => self.outline(t),
                Block::Sub(sub) => self.section(sub),
                Block::PageBreak => self.page_break(),
            }
        }
    }

    fn page_break(&mut self) {
        self.push(Paragraph::new().style("Normal").page_break_before(true));
    }
}

/// Outline text as Word text: ids in brackets.
fn words(x: &outline::Inline) -> String {
    x.0.iter()
        .map(|s| match s {
            Span::Code(t) => format!("({t})"),
            Span::Text(t) | Span::Strong(t) | Span::Em(t) => t.clone(),
        })
        .collect()
}

fn num(x: f64) -> String {
    crate::assessment::model::answer::format_number(x)
}

fn days(d: [f64; 2]) -> String {
    super::figures::days(d)
}

fn or_dash(x: &str) -> String {
    if x.trim().is_empty() { "-".into() } else { x.to_string() }
}

fn reviewed(yes: bool) -> &'static str {
    if yes { " (reviewed)" } else { "" }
}

fn cover(d: &mut Doc, r: &Report) {
    d.para("Title", &r.title());
    d.text(&format!(
        "Questionnaire: {} ({}, version {})",
        r.questionnaire_title, r.questionnaire_id, r.questionnaire_version
    ));
    d.text(&format!("Date: {}", r.date));
    if r.sample {
        d.note(crate::assessment::interview::sample::NOTICE);
    }
}

fn what_if(d: &mut Doc, r: &Report) {
    if let Some(w) = &r.what_if {
        d.h2(&format!("What if: {}", w.changes.join(", ")));
        d.note("This report assumes the settings above; the assessment itself is unchanged.");
        for line in &w.lines {
            d.bullet(line);
        }
    }
}

fn at_a_glance(d: &mut Doc, r: &Report) {
    let page = OnePage::of(r);
    d.h1("At a glance");
    d.para("Soc2Verdict", &page.verdict);
    if let Some(statement) = &page.statement {
        d.note(statement);
    }
    for line in [&page.scores, &page.ai].into_iter().flatten() {
        d.bullet(line);
    }
    d.bullet(&page.completion);
    for line in [&page.type1, &page.type2, &page.cost].into_iter().flatten() {
        d.bullet(line);
    }
    if let Some(t) = outline::do_first(&page) {
        d.h2("Do these first");
        d.outline(&t);
    }
}

fn vendor(d: &mut Doc, r: &Report) {
    let Some(v) = &r.vendor else { return };
    d.h1(&format!("Risk verdict: {} residual risk", v.risk.id()));
    d.para("Soc2Verdict", v.risk.meaning());
    d.bullet(&format!("Inherent risk (what the vendor gets, before any answer): {}", v.inherent.id()));
    d.h2("Reasons");
    for reason in &v.reasons {
        d.bullet(reason);
    }
    if !v.show_stoppers.is_empty() {
        d.h2("Show-stoppers");
        for s in &v.show_stoppers {
            d.bullet(s);
        }
    }
    d.h2("Contract terms to ask for");
    if v.contract_terms.is_empty() {
        d.text("None beyond your standard terms.");
    }
    for term in &v.contract_terms {
        d.bullet(term);
    }
    d.h2("Attestations");
    if v.attestations.is_empty() {
        d.text("The vendor's answers name no independent attestation.");
    }
    if let Some(t) = outline::attestations(r) {
        d.outline(&t);
    }
}

fn scores(d: &mut Doc, r: &Report) {
    if let Some(verdict) = r.shown_verdict() {
        d.h1(&format!("Verdict: {} (SOC 2 {} report)", verdict.label(), r.target.label()));
        d.text(&r.verdict_meaning());
        if let Some(line) = r.scores_sentence() {
            d.text(&line);
        }
        d.outline(&outline::overall_scores(r));
        if r.completion.answered < r.completion.shown {
            d.note("Over all questions, an unanswered question counts as not in place.");
        }
        blockers(d, r);
        ai(d, r);
    } else if let Some(t) = outline::custom_score(r) {
        d.h1("Score");
        d.text(
            "This questionnaire's questions carry no SOC 2 criteria and efforts, so the report gives its score but \
             no SOC 2 verdict, timeline or cost.",
        );
        d.outline(&t);
    } else {
        d.h1("Verdict");
        d.text("No verdict: no scored question has an answer that counts, so there is nothing to judge.");
        return;
    }
    d.h2("Scores by section");
    d.outline(&outline::sections(r));
    if let Some(t) = outline::categories(r) {
        d.h2("Scores by Trust Services category");
        d.outline(&t);
    }
}

fn blockers(d: &mut Doc, r: &Report) {
    d.h2("Blockers");
    let blocking: Vec<_> = r.blocking_criteria().collect();
    if r.blockers.is_empty() && blocking.is_empty() {
        d.text(
            "None: every in-scope criterion asked about has a designed control and no critical control falls short.",
        );
    }
    for b in &r.blockers {
        let answer = b.answer.as_deref().unwrap_or("unanswered");
        d.bullet(&format!("{} {} — {answer} ({}){}", b.id, b.text, b.note, reviewed(b.reviewed)));
    }
    for c in &blocking {
        d.bullet(&format!("Criterion {}: {}", c.id, c.status.label()));
    }
}

fn ai(d: &mut Doc, r: &Report) {
    let (Some(ai), Some(line)) = (&r.ai_assurance, r.ai_sentence()) else { return };
    d.h2(&format!("AI assurance, apart from SOC 2: {}", ai.verdict.label()));
    d.text(&line);
    if let Some(t) = outline::ai_areas(r) {
        d.outline(&t.only(&[0, 1, 2, 3]));
    }
    d.note("Where buyers look for each area (ISO/IEC 42001, NIST AI RMF, EU AI Act) is in the appendix.");
}

/// Where buyers look for each AI area, and how much of each framework the questions cover.
fn ai_appendix(d: &mut Doc, r: &Report) {
    let Some(ai) = &r.ai_assurance else { return };
    d.h2("AI assurance: where buyers look");
    if let Some(t) = outline::ai_areas(r) {
        d.outline(&t.only(&[0, 4]));
    }
    for line in ai.coverage_lines() {
        d.bullet(&line);
    }
}

/// The gaps to close: design gaps, then those short only of evidence, then advice out of scope.
fn gaps(d: &mut Doc, r: &Report) {
    let real: Vec<_> = r.design_gaps().collect();
    d.h1("Top gaps");
    if real.is_empty() {
        let unanswered = r.gaps.len();
        d.text(&if unanswered == 0 {
            "None: every scored control operates with evidence over time.".to_string()
        } else {
            format!(
                "None among the answered questions; {} still to answer (see the appendix).",
                crate::estimate::plural(unanswered as f64, "question", "questions")
            )
        });
    } else {
        d.note(&format!(
            "SOC 2 controls not designed yet, critical first, then by weight x shortfall. Showing {} of {}.",
            real.len().min(10),
            real.len()
        ));
        d.outline(&outline::top_gaps(&real, 10));
    }
    let operate: Vec<_> = r.operate_gaps().collect();
    if !operate.is_empty() {
        d.h2("Operate it and keep evidence");
        d.note(
            "Designed and documented, short only of evidence over time: no design work left; run each control and \
             keep its evidence for the Type II window.",
        );
        for g in operate {
            let flag = if g.critical { " (critical: blocks the Type II report)" } else { "" };
            d.bullet(&format!("{} {}{flag}", g.id, g.text));
        }
    }
    let advice: Vec<_> = r.answered_gaps().filter(|g| g.kind == GapKind::Advice).collect();
    if !advice.is_empty() {
        d.h2("Advice outside the audit's scope");
        d.note("These serve only criteria of categories out of scope, so they do not count toward the verdict.");
        for g in advice {
            d.bullet(&format!("{} {} ({})", g.id, g.text, g.criteria.join(", ")));
        }
    }
}

fn plan(d: &mut Doc, r: &Report) {
    let Some(effort) = r.effort.as_ref().filter(|_| r.has_plan()) else { return };
    d.h1("Remediation plan");
    d.text(&effort.explanation());
    for (title, t) in outline::plan(r) {
        d.h2(title);
        d.outline(&t);
    }
    for line in r.optional_lines() {
        d.bullet(&format!("Optional: {line}."));
    }
}

fn timeline(d: &mut Doc, r: &Report) {
    let Some(e) = &r.estimate else { return };
    let t = &e.timeline;
    d.h1("Timeline");
    d.text(&format!(
        "From {}, with {} FTE on {} person-days of remaining work (the plan's total above).{}",
        t.start_date,
        num(e.fte),
        days(e.remaining_days),
        e.start_note.as_ref().map(|s| format!(" {s}")).unwrap_or_default()
    ));
    if let Some(t) = outline::phases(r) {
        d.outline(&t);
    }
    if let Some(m) = &t.type1_report {
        d.bullet(&format!("Earliest Type I report: {} to {} ({} months)", m.dates[0], m.dates[1], days(m.months)));
    }
    let m = &t.type2_report;
    d.bullet(&format!("Earliest Type II report: {} to {} ({} months)", m.dates[0], m.dates[1], days(m.months)));
    d.note(&e.comparison.time);
}

fn cost(d: &mut Doc, r: &Report) {
    let Some(e) = &r.estimate else { return };
    d.h1("Cost");
    d.h2("First year");
    let Some([first, later]) = outline::cost(r) else { return };
    d.outline(&first);
    d.note(&e.comparison.cost);
    d.h2("Every year after the first report");
    d.outline(&later);
}

/// Policy documents and the evidence checklist for the Type II window.
fn documents(d: &mut Doc, r: &Report) {
    d.h1("Policy documents");
    if r.policies.is_empty() {
        d.text("No question names a policy document.");
    } else {
        d.outline(&outline::policies(r));
    }
    d.h1("Evidence checklist for the Type II window");
    if r.evidence.is_empty() {
        d.text("No evidence items are listed for the shown questions.");
    }
    let rows = r
        .evidence
        .iter()
        .map(|e| vec![e.item.clone(), e.questions.join(", "), if e.ready { "ready" } else { "not yet" }.into()])
        .collect::<Vec<_>>();
    if !rows.is_empty() {
        d.table(&[("Evidence", 7), ("Questions", 3), ("Status", 2)], rows);
    }
}

fn assumptions(d: &mut Doc, r: &Report) {
    let Some(t) = outline::assumptions(r) else { return };
    d.h2("Assumptions and their sources");
    d.outline(&t);
}

fn appendices(d: &mut Doc, r: &Report) {
    d.page_break();
    d.h1("Appendix: details");
    assumptions(d, r);
    // Every criterion with the questions behind it, here rather than in the body to keep the body short.
    if let Some(s) = sections::coverage(r).filter(|_| r.shown_verdict().is_some()) {
        d.section(&Section { level: 3, ..s });
    }
    ai_appendix(d, r);
    d.h2("All answers");
    let mut section = "";
    let mut rows = Vec::new();
    let columns = [("Id", 2), ("Question", 7), ("Answer", 4), ("Note and evidence", 5)];
    for a in &r.answers {
        if a.section != section {
            if !rows.is_empty() {
                d.table(&columns, std::mem::take(&mut rows));
            }
            section = &a.section;
            d.para("Soc2TableHeader", section);
        }
        let flags = format!(
            "{}{}{}",
            if a.follow_up { " (follow-up)" } else { "" },
            reviewed(a.reviewed),
            if a.to_confirm { " (carried over, to confirm)" } else { "" }
        );
        let by = if a.answered_by.is_empty() { String::new() } else { format!(" — {}", a.answered_by) };
        let mut note = a.note.clone();
        if !a.evidence.is_empty() {
            if !note.is_empty() {
                note.push_str("; ");
            }
            note.push_str(&format!("evidence: {}", a.evidence.join("; ")));
        }
        rows.push(vec![
            a.id.clone(),
            a.text.clone(),
            format!("{}{flags}{by}", a.answer.as_deref().unwrap_or("unanswered")),
            or_dash(&note),
        ]);
    }
    if !rows.is_empty() {
        d.table(&columns, rows);
    }
}

fn setup(r: &Report) -> Docx {
    let bullets =
        AbstractNumbering::new(BULLETS).add_level(
            Level::new(0, Start::new(1), NumberFormat::new("bullet"), LevelText::new("•"), LevelJc::new("left"))
                .indent(Some(360), Some(SpecialIndentType::Hanging(240)), None, None),
        );
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .style("Soc2Footer")
            .align(AlignmentType::Right)
            .add_run(Run::new().add_text(format!("{} — page ", clean(&r.title()))))
            .add_page_num(PageNum::new()),
    );
    let margin =
        PageMargin { top: MARGIN, left: MARGIN, bottom: MARGIN, right: MARGIN, header: 567, footer: 567, gutter: 0 };
    let docx = Docx::new()
        .page_size(PAGE.0, PAGE.1)
        .page_margin(margin)
        .default_fonts(RunFonts::new().ascii("Calibri").hi_ansi("Calibri").cs("Calibri"))
        .default_size(20)
        .default_spacing(0)
        .add_abstract_numbering(bullets)
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        .footer(footer)
        .created_at(&format!("{}T00:00:00Z", r.date))
        .updated_at(&format!("{}T00:00:00Z", r.date));
    styles().into_iter().fold(docx, Docx::add_style)
}

/// The report as a .docx file.
pub fn render(r: &Report) -> Result<Vec<u8>, DocxError> {
    let mut d = Doc { docx: setup(r) };
    cover(&mut d, r);
    for part in sections::parts(r) {
        if let Some(shared) = sections::shared(part, r) {
            shared.iter().for_each(|s| d.section(s));
            continue;
        }
        match part {
            Part::WhatIf => what_if(&mut d, r),
            Part::AtAGlance => at_a_glance(&mut d, r),
            Part::Vendor => vendor(&mut d, r),
            Part::Verdict => scores(&mut d, r),
            Part::Gaps => gaps(&mut d, r),
            Part::Plan => plan(&mut d, r),
            Part::Timeline => timeline(&mut d, r),
            Part::Cost => cost(&mut d, r),
            Part::Documents => documents(&mut d, r),
            Part::Appendix => appendices(&mut d, r),
            Part::SinceLastYear | Part::Interview | Part::QuestionLists => {}
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    d.docx.pack(&mut out).map_err(|e| DocxError::Pack(e.to_string()))?;
    super::docx_package::rewrite(&out.into_inner(), |_, _| None, &[]).map_err(DocxError::Pack)
}
