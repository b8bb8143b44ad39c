//! The report screen: verdict and scores as bars, blockers, the AI panel, the timeline as bars, the cost
//! table and the ranked gaps, scrollable; keys export the same report as Markdown, HTML or JSON.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use std::path::Path;

use super::plan_form::{FormOutcome, PlanForm};
use super::{Ctx, Outcome};
use crate::assessment::Assessment;
use crate::estimate::{Parameters, money, range};
use crate::report::figures::{gauge, timeline_bars};
use crate::report::outline::{Align, Table};
use crate::report::sections::{self as outline_sections, Block as Piece, Part, Section};
use crate::report::{Format, Report};
use crate::scoring::Score;
use crate::text::one_line;
use crate::tui::action::Action;
use crate::tui::editor::{Editor, line_input};
use crate::tui::keymap::{self, Context};
use crate::tui::screens::DrawCtx;
use crate::tui::theme::Theme;
use crate::tui::widgets::{centred, clear_popup, draw_input};

/// The report of the assessment being answered; Esc goes back to the question.
pub struct ReportScreen {
    /// The report shown: the assessment as it is, or under the what-if settings.
    pub report: Report,
    pub scroll: u16,
    params: Parameters,
    today: NaiveDate,
    /// The gap the owner key acts on: an index in `report.gaps`.
    pub selected: usize,
    /// The what-if settings in force (`NAME=VALUE`); empty: the assessment as it is.
    pub what_if: Vec<String>,
    /// A prompt open over the report.
    pub dialog: Option<Dialog>,
}

/// What can be open over the report.
pub enum Dialog {
    /// The what-if settings being typed.
    WhatIf(Box<TextArea<'static>>),
    /// The owner and due date of the selected gap.
    Plan(Box<PlanForm>),
}

/// Save what is waiting, work out the report and show it.
pub fn open(editor: &mut Editor, ctx: &Ctx) -> Outcome {
    if let Err(e) = editor.flush(true, &ctx.now, ctx.at, None) {
        return Outcome::Complain(e.to_string());
    }
    let params = match crate::estimate::Parameters::load(crate::paths::config_dir().as_deref()) {
        Ok(p) => p,
        Err(e) => return Outcome::Complain(format!("{e}; fix or remove that file to see the report")),
    };
    let today = crate::clock::parse(&ctx.now).map(|t| t.date_naive()).unwrap_or_else(|_| crate::clock::today());
    let report = Report::build(editor.assessment(), &params, today);
    Outcome::Report(Box::new(ReportScreen {
        report,
        scroll: 0,
        params,
        today,
        selected: 0,
        what_if: Vec::new(),
        dialog: None,
    }))
}

/// What-if settings as typed: `NAME=VALUE`, separated by spaces or commas.
fn settings(typed: &str) -> Vec<String> {
    typed.split([' ', ',', ';']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

impl ReportScreen {
    /// Where the user is: reading the report, or typing in a prompt over it.
    pub fn context(&self) -> Context {
        match self.dialog {
            None => Context::Report,
            Some(Dialog::WhatIf(_)) => Context::TypeWhatIf,
            Some(Dialog::Plan(_)) => Context::TypePlan,
        }
    }

    /// The field being typed in, if any.
    pub fn text_input(&mut self) -> Option<&mut TextArea<'static>> {
        match &mut self.dialog {
            None => None,
            Some(Dialog::WhatIf(input)) => Some(input),
            Some(Dialog::Plan(form)) => Some(form.text_input()),
        }
    }

    /// Work the report out again from the assessment (after an owner changed), under the what-if settings.
    fn rebuild(&mut self, a: &Assessment) {
        let id = self.report.gaps.get(self.selected).map(|g| g.id.clone());
        self.report = if self.what_if.is_empty() {
            Report::build(a, &self.params, self.today)
        } else {
            crate::report::whatif::report(a, &self.params, self.today, &self.what_if)
                .unwrap_or_else(|_| Report::build(a, &self.params, self.today))
        };
        self.selected = id
            .and_then(|id| self.report.gaps.iter().position(|g| g.id == id))
            .unwrap_or(0)
            .min(self.report.gaps.len().saturating_sub(1));
    }

    /// Save an owner and due date typed in the report's form, if valid (the program is ending).
    pub fn keep_typed_plan(&mut self, editor: &mut Editor, now: &str) -> Option<String> {
        let Some(Dialog::Plan(form)) = self.dialog.take() else { return None };
        let told = form.apply(&mut editor.session.assessment, now).ok();
        editor.dirty |= told.is_some();
        told
    }

    pub fn update(&mut self, action: Action, editor: &mut Editor, ctx: &Ctx) -> Outcome {
        if self.dialog.is_some() {
            return self.on_dialog(action, editor, ctx);
        }
        let (page, max) = self.layout(ctx);
        let scroll = self.scroll.min(max);
        self.scroll = match action {
            Action::ScrollDown => scroll.saturating_add(1),
            Action::ScrollUp => scroll.saturating_sub(1),
            Action::PageDown => scroll.saturating_add(page),
            Action::PageUp => scroll.saturating_sub(page),
            Action::ScrollTop => 0,
            Action::ScrollBottom => max,
            _ => scroll,
        }
        // Stop where the report ends, so scrolling back up responds at once.
        .min(max);
        let format = match action {
            Action::ExportMarkdown => Format::Markdown,
            Action::ExportHtml => Format::Html,
            Action::ExportJson => Format::Json,
            Action::ExportCsv => Format::Csv,
            Action::Back => return Outcome::Back,
            Action::WhatIf if !self.what_if.is_empty() => {
                self.what_if.clear();
                self.rebuild(editor.assessment());
                return Outcome::Say("What-if comparison off: the report shows the answers as they are.".into());
            }
            Action::WhatIf if self.report.estimate.is_none() => {
                return Outcome::Complain(
                    "This report has no timeline or cost to compare: what if needs a SOC 2 readiness estimate.".into(),
                );
            }
            Action::WhatIf => {
                let input = line_input("", "NAME=VALUE, e.g. remediation_fte=2 auditor_tier=mid_tier");
                self.dialog = Some(Dialog::WhatIf(Box::new(input)));
                return Outcome::Done;
            }
            Action::NextGap | Action::PreviousGap => return self.select(action, ctx),
            Action::SetOwner => return self.open_plan(editor),
            Action::ExportFollowUps => return super::interview::export_follow_ups(editor, ctx),
            _ => return Outcome::Done,
        };
        self.export(format, editor, ctx)
    }

    fn export(&self, format: Format, editor: &Editor, ctx: &Ctx) -> Outcome {
        if format == Format::Csv && self.report.is_vendor() {
            return Outcome::Complain("A vendor assessment has no remediation plan to export as CSV.".into());
        }
        let path = ctx.export_dir.join(export_file_name(&editor.session.path, format));
        let text = crate::report::export(&self.report, format);
        match crate::output_file::write(&path, text.as_bytes(), &[editor.session.path.as_path()]) {
            Ok(()) if format == Format::Csv => Outcome::Say(format!("CSV plan written to {}", path.display())),
            Ok(()) => Outcome::Say(format!("{} report written to {}", format_name(format), path.display())),
            Err(e) => Outcome::Complain(e.to_string()),
        }
    }

    /// Select the next or previous gap, scrolling it into view.
    fn select(&mut self, action: Action, ctx: &Ctx) -> Outcome {
        let (rows, height) = self.gap_rows(ctx);
        if rows.is_empty() {
            return Outcome::Say(if self.report.is_vendor() {
                "A vendor report has no gap list of your own.".into()
            } else {
                "There is no gap to select.".into()
            });
        }
        let (top, bottom) =
            (usize::from(self.scroll), usize::from(self.scroll) + usize::from(height.saturating_sub(2)));
        let on_screen = |row: usize| row >= top && row < bottom;
        let at = match rows.iter().position(|(i, _)| *i == self.selected) {
            // The selected gap is in view: the one after (or before) it.
            Some(at) if on_screen(rows[at].1) => {
                if action == Action::NextGap {
                    (at + 1) % rows.len()
                } else {
                    (at + rows.len() - 1) % rows.len()
                }
            }
            // It is scrolled out of view (or none is selected yet): the first gap from the top of the view
            // down (or the last from its bottom up), so the key never skips what the user is looking at.
            _ if action == Action::NextGap => rows.iter().position(|&(_, row)| row >= top).unwrap_or(0),
            _ => rows.iter().rposition(|&(_, row)| row < bottom).unwrap_or(rows.len() - 1),
        };
        let (index, row) = rows[at];
        self.selected = index;
        let row = u16::try_from(row).unwrap_or(u16::MAX);
        if row < self.scroll || row >= self.scroll.saturating_add(height.saturating_sub(2)) {
            self.scroll = row.saturating_sub(height / 3);
        }
        let (_, max) = self.layout(ctx);
        self.scroll = self.scroll.min(max);
        Outcome::Done
    }

    /// The owner key: the form for the selected gap.
    fn open_plan(&mut self, editor: &Editor) -> Outcome {
        if self.report.is_vendor() {
            return Outcome::Complain(
                "A vendor report has no plan of your own: owners and due dates are for your gaps.".into(),
            );
        }
        let Some(gap) = self.report.gaps.get(self.selected) else {
            return Outcome::Say("There is no gap to give an owner.".into());
        };
        self.dialog = Some(Dialog::Plan(Box::new(PlanForm::new(editor.assessment(), &gap.id, &gap.text))));
        Outcome::Done
    }

    fn on_dialog(&mut self, action: Action, editor: &mut Editor, ctx: &Ctx) -> Outcome {
        match &mut self.dialog {
            Some(Dialog::Plan(form)) => match form.update(action, &mut editor.session.assessment, &ctx.now) {
                FormOutcome::Open => Outcome::Done,
                FormOutcome::Refused(e) => Outcome::Complain(e),
                FormOutcome::Cancelled => {
                    self.dialog = None;
                    Outcome::Done
                }
                FormOutcome::Set(told) => {
                    self.dialog = None;
                    let saved = editor.save();
                    self.rebuild(editor.assessment());
                    match saved {
                        Ok(()) => Outcome::Say(told),
                        Err(e) => Outcome::Complain(e.to_string()),
                    }
                }
            },
            Some(Dialog::WhatIf(input)) => match action {
                Action::Cancel => {
                    self.dialog = None;
                    Outcome::Done
                }
                Action::Confirm => {
                    let typed = settings(&input.lines().join(" "));
                    if typed.is_empty() {
                        self.dialog = None;
                        return Outcome::Done;
                    }
                    match crate::report::whatif::report(editor.assessment(), &self.params, self.today, &typed) {
                        Ok(report) => {
                            self.report = report;
                            self.what_if = typed;
                            self.dialog = None;
                            self.scroll = 0;
                            self.selected = self.selected.min(self.report.gaps.len().saturating_sub(1));
                            let off = keymap::key_label(Context::Report, Action::WhatIf);
                            Outcome::Say(format!(
                                "What if: the comparison is at the top; the assessment is unchanged. {off} turns it off."
                            ))
                        }
                        Err(e) => Outcome::Complain(e.to_string()),
                    }
                }
                _ => Outcome::Done,
            },
            None => Outcome::Done,
        }
    }

    /// The inner size of the report's panel in a terminal of the context's size.
    fn inner(ctx: &Ctx) -> Rect {
        let (width, height) = ctx.size;
        Rect { x: 0, y: 0, width: width.saturating_sub(2), height: height.saturating_sub(5) }
    }

    /// The shown gaps (index in the report's gaps, row), and the panel's height.
    fn gap_rows(&self, ctx: &Ctx) -> (Vec<(usize, usize)>, u16) {
        let inner = Self::inner(ctx);
        (build(&self.report, inner.width, ctx.theme, self.selected).1, inner.height)
    }

    /// The height of a page, and how far the report can scroll, in a terminal of the context's size.
    fn layout(&self, ctx: &Ctx) -> (u16, u16) {
        let inner = Self::inner(ctx);
        let count = build(&self.report, inner.width, ctx.theme, self.selected).0.len();
        (inner.height.max(1), max_scroll(count, inner.height))
    }
}

/// The name of an exported report: `NAME-report.md` (or `.html`, `.json`) for the assessment `NAME.json`.
/// The report screen writes it in the directory the program was started in, never in the store.
pub fn export_file_name(assessment: &Path, format: Format) -> String {
    let stem = assessment.file_stem().unwrap_or_default().to_string_lossy();
    format!("{stem}-report.{}", format.id())
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Markdown => "Markdown",
        Format::Html => "HTML",
        Format::Json => "JSON",
        Format::Csv => "CSV plan",
    }
}

/// Every line of the report as the screen shows it, for a given width (the first gap selected).
pub fn lines(r: &Report, width: u16, t: Theme) -> Vec<Line<'static>> {
    build(r, width, t, 0).0
}

/// The report's lines with `selected` (an index in `r.gaps`) marked, and the row each shown gap starts at.
fn build(r: &Report, width: u16, t: Theme, selected: usize) -> (Vec<Line<'static>>, Vec<(usize, usize)>) {
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut gap_rows = Vec::new();
    let w = usize::from(width);
    let heading = |out: &mut Vec<Line<'static>>, text: String| {
        out.push(Line::raw(""));
        out.push(Line::styled(one_line(&text), t.title()));
    };
    // A bulleted or marked line (`• `, `✗ `, `? `, `⚑ `) wraps under its text, not under its mark.
    let para = |out: &mut Vec<Line<'static>>, text: &str, style: Style| {
        let marked = ["• ", "✗ ", "? ", "⚑ "].iter().any(|m| text.starts_with(m));
        let options = textwrap::Options::new(w.max(4)).subsequent_indent(if marked { "  " } else { "" });
        for l in textwrap::wrap(&crate::text::visible(text), options) {
            out.push(Line::styled(l.into_owned(), style));
        }
    };
    // label 22 + 1, bar, score 8, bar, score 6
    let bar_width = (w.saturating_sub(37) / 2).clamp(10, 30);
    let bars = |label: &str, score: Option<Score>| -> Line<'static> {
        let label = crate::text::truncate(&one_line(label), 22);
        match score {
            Some(s) => Line::from(vec![
                Span::raw(format!("{label:<22} ")),
                Span::styled(gauge(s.type1, bar_width), t.chosen()),
                Span::raw(format!(" {:>5.1}  ", s.type1)),
                Span::styled(gauge(s.type2, bar_width), t.label()),
                Span::raw(format!(" {:>5.1}", s.type2)),
            ]),
            None => Line::from(vec![Span::raw(format!("{label:<22} ")), Span::styled("not scored", t.dim())]),
        }
    };
    let bars_header = |out: &mut Vec<Line<'static>>| {
        out.push(Line::styled(
            format!("{:<22} {:<w1$}  {}", "", "Type I (designed)", "Type II (operating)", w1 = bar_width + 6),
            t.dim(),
        ));
    };

    para(&mut out, &r.title(), t.title());
    // The parts in the report's one order (its titles here are the screen's own, compact ones: a timeline
    // of bars and a cost list read better at 80 columns than the exports' tables). Policies, evidence and
    // the appendix are left to the exports.
    for part in outline_sections::parts(r) {
        match part {
            Part::WhatIf => {
                if let Some(what_if) = &r.what_if {
                    let off = keymap::key_label(Context::Report, Action::WhatIf);
                    out.push(Line::raw(""));
                    para(
                        &mut out,
                        &format!(
                            "What if {} (the assessment is unchanged; {off}: back to it as it is)",
                            what_if.changes.join(", ")
                        ),
                        t.warning(),
                    );
                    for l in &what_if.lines {
                        para(&mut out, &format!("  {l}"), t.plain());
                    }
                }
            }
            Part::AtAGlance => {
                if r.sample {
                    para(&mut out, crate::assessment::interview::sample::NOTICE, t.plain());
                }
                // The one page, first, in every kind of report.
                let page = crate::report::OnePage::of(r);
                out.push(Line::raw(""));
                for (i, l) in page.lines().into_iter().enumerate() {
                    let style = match i {
                        0 => t.warning(),
                        _ if l == "Do these first:" => t.title(),
                        _ => t.plain(),
                    };
                    // A numbered action wraps under its text, not under its number.
                    let numbered =
                        l.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
                    let options = textwrap::Options::new(w.max(4)).subsequent_indent(if numbered { "   " } else { "" });
                    for part in textwrap::wrap(&crate::text::visible(&l), options) {
                        out.push(Line::styled(part.into_owned(), style));
                    }
                }
            }
            Part::SinceLastYear => since_last_year_part(&mut out, r, w, t, &heading, &para),
            Part::Vendor => {
                if let Some(v) = &r.vendor {
                    heading(&mut out, format!("Risk verdict: {} residual risk", v.risk.id().to_uppercase()));
                    para(&mut out, v.risk.meaning(), t.plain());
                    para(
                        &mut out,
                        &format!("Inherent risk (what the vendor gets, before any answer): {}", v.inherent.id()),
                        t.dim(),
                    );
                    if !v.reasons.is_empty() {
                        heading(&mut out, "Why".into());
                        for reason in &v.reasons {
                            para(&mut out, &format!("• {reason}"), t.plain());
                        }
                    }
                    if !v.show_stoppers.is_empty() {
                        heading(&mut out, format!("Show-stoppers ({})", v.show_stoppers.len()));
                        for s in &v.show_stoppers {
                            para(&mut out, &format!("✗ {s}"), t.plain());
                        }
                    }
                    heading(&mut out, "Contract terms to ask for".into());
                    if v.contract_terms.is_empty() {
                        out.push(Line::styled("None beyond your standard terms.", t.dim()));
                    }
                    for term in &v.contract_terms {
                        para(&mut out, &format!("• {term}"), t.plain());
                    }
                    heading(&mut out, "Attestations".into());
                    if v.attestations.is_empty() {
                        out.push(Line::styled("The vendor's answers name no independent attestation.", t.dim()));
                    }
                    for x in &v.attestations {
                        let period = x.period_end.map_or("period not stated".into(), |d| format!("period ending {d}"));
                        let age = x.age_months.map_or(String::new(), |m| format!(", {m} months old"));
                        let opinion = if x.opinion.is_empty() {
                            "opinion not stated".into()
                        } else {
                            format!("{} opinion", x.opinion)
                        };
                        let bridge = if x.bridge_letter.is_empty() {
                            String::new()
                        } else {
                            format!(", bridge letter: {}", x.bridge_letter)
                        };
                        para(&mut out, &format!("• {}: {period}{age}, {opinion}{bridge}", x.kind), t.plain());
                    }
                    // One score per section: a vendor is not being readied for a Type I or Type II report.
                    heading(&mut out, "Scores by section (0-100)".into());
                    let single = |label: &str, score: Option<Score>| -> Line<'static> {
                        let label = crate::text::truncate(&one_line(label), 22);
                        match score {
                            Some(s) => Line::from(vec![
                                Span::raw(format!("{label:<22} ")),
                                Span::styled(gauge(s.type1, bar_width * 2), t.chosen()),
                                Span::raw(format!(" {:>5.1}", s.type1)),
                            ]),
                            None => Line::from(vec![
                                Span::raw(format!("{label:<22} ")),
                                Span::styled("not scored", t.dim()),
                            ]),
                        }
                    };
                    out.push(single("Overall", r.overall));
                    for s in &r.sections {
                        out.push(single(&s.title, Some(s.score)));
                    }
                }
            }
            Part::Verdict => {
                if let Some(verdict) = r.shown_verdict() {
                    heading(&mut out, format!("Verdict: {} (SOC 2 {} report)", verdict.label(), r.target.label()));
                    para(&mut out, &r.verdict_meaning(), t.plain());
                    out.push(Line::raw(""));
                    bars_header(&mut out);
                    out.push(bars("Overall", r.overall));
                    if r.completion.answered < r.completion.shown {
                        out.push(bars("Answered only", r.answered_score));
                    }

                    let blocking: Vec<_> = r.blocking_criteria().collect();
                    heading(&mut out, format!("Blockers ({})", r.blockers.len() + blocking.len()));
                    if r.blockers.is_empty() && blocking.is_empty() {
                        out.push(Line::styled(
                            "None: every criterion asked about designed, no critical control short.",
                            t.dim(),
                        ));
                    }
                    for b in &r.blockers {
                        let answer = b.answer.as_deref().unwrap_or("unanswered");
                        let checked = if b.reviewed { " · reviewed" } else { "" };
                        para(&mut out, &format!("✗ {}  {} ({answer}){checked}", b.id, b.text), t.plain());
                    }
                    for c in &blocking {
                        para(&mut out, &format!("✗ Criterion {}: {}", c.id, c.status.label()), t.plain());
                    }
                    // Criteria coverage: one line per in-scope criterion the questionnaire asks about.
                    if !r.criteria.is_empty() {
                        heading(&mut out, "Criteria coverage".into());
                        for c in r.covered() {
                            let weakest =
                                c.weakest.as_ref().map(|(id, a)| format!("  weakest {id}: {a}")).unwrap_or_default();
                            let style = if c.status.blocks() { t.warning() } else { t.plain() };
                            para(
                                &mut out,
                                &format!(
                                    "{:<6} {:<15} {} question(s){weakest}",
                                    c.id,
                                    c.status.label(),
                                    c.questions.len()
                                ),
                                style,
                            );
                        }
                        if let Some(line) = r.not_covered_sentence() {
                            let ids: Vec<&str> = r.not_covered().map(|c| c.id.as_str()).collect();
                            para(&mut out, &format!("{line} ({})", ids.join(", ")), t.dim());
                        }
                    }
                    if let (Some(ai), Some(line)) = (&r.ai_assurance, r.ai_sentence()) {
                        heading(&mut out, format!("AI assurance, apart from SOC 2: {}", ai.verdict.label()));
                        para(&mut out, &line, t.plain());
                        bars_header(&mut out);
                        for a in &ai.areas {
                            out.push(bars(a.area.label(), a.score));
                        }
                    }
                    sections(&mut out, r, &heading, &bars, &bars_header);
                } else if r.overall.is_some() {
                    heading(&mut out, "Score (no SOC 2 verdict)".into());
                    bars_header(&mut out);
                    out.push(bars("Overall", r.overall));
                    if r.completion.answered < r.completion.shown {
                        out.push(bars("Answered only", r.answered_score));
                    }
                    for s in &r.sections {
                        out.push(bars(&s.title, Some(s.score)));
                    }
                }
            }
            Part::Gaps => {
                let [next, owner] = [Action::NextGap, Action::SetOwner].map(|a| keymap::key_label(Context::Report, a));
                let answered = r.answered_gaps().count();
                heading(
                    &mut out,
                    format!(
                        "Gaps, highest priority first ({answered}; {next} selects, {owner} sets owner and due date)"
                    ),
                );
                if answered == 0 {
                    out.push(Line::styled("None among the answered questions.", t.dim()));
                }
                let unanswered = r.gaps.len() - answered;
                let mut rank = 0;
                for pass in [false, true] {
                    if pass && unanswered > 0 {
                        heading(&mut out, format!("Unanswered questions ({unanswered}), apart from the gaps"));
                    }
                    for (i, g) in r.gaps.iter().enumerate().filter(|(_, g)| g.unanswered == pass) {
                        rank += 1;
                        gap_rows.push((i, out.len()));
                        let mark = if i == selected { "▶" } else { " " };
                        let critical = if g.critical { "CRITICAL " } else { "" };
                        let mut about = Vec::new();
                        if !g.unanswered {
                            about.push(format!("priority {:.1}", g.priority));
                        }
                        if r.has_plan() {
                            about.push(range(g.remaining_days, "person-days"));
                        }
                        if !g.owner.is_empty() {
                            about.push(format!("owner {}", one_line(&g.owner)));
                        }
                        if !g.due.is_empty() {
                            about.push(format!("due {}", one_line(&g.due)));
                        }
                        if g.reviewed {
                            about.push("reviewed".into());
                        }
                        let number = if pass { String::new() } else { format!("{rank:>3}. ") };
                        let id_style = if i == selected { t.selected() } else { t.label() };
                        out.push(Line::from(vec![
                            Span::styled(format!("{mark}{number}{critical}"), t.warning()),
                            Span::styled(
                                crate::text::truncate(&one_line(&g.id), w.saturating_sub(15).max(8)),
                                id_style,
                            ),
                        ]));
                        if !g.criteria.is_empty() {
                            about.push(g.criteria.join(" "));
                        }
                        indented(&mut out, &about.join(" · "), w, t.dim());
                        indented(&mut out, &g.text, w, t.plain());
                        if !g.remediation.is_empty() && !g.unanswered {
                            indented(&mut out, &format!("Fix: {}", g.remediation), w, t.dim());
                        }
                    }
                }
            }
            Part::Plan => {
                if r.has_plan() && !r.plan_by_owner.is_empty() {
                    heading(&mut out, "Plan by owner".into());
                    for group in &r.plan_by_owner {
                        let count = crate::estimate::plural(group.questions.len() as f64, "gap", "gaps");
                        para(
                            &mut out,
                            &format!("{}: {count}, {}", group.name, range(group.remaining_days, "person-days")),
                            t.plain(),
                        );
                        // A long group names its first questions; the exports list them all.
                        let mut ids =
                            group.questions.iter().take(PLAN_IDS_SHOWN).cloned().collect::<Vec<_>>().join(", ");
                        if group.questions.len() > PLAN_IDS_SHOWN {
                            ids.push_str(&format!(" and {} more", group.questions.len() - PLAN_IDS_SHOWN));
                        }
                        indented(&mut out, &ids, w, t.dim());
                    }
                }
            }
            Part::Timeline => {
                let Some(e) = &r.estimate else { continue };
                let tl = &e.timeline;
                heading(&mut out, format!("Timeline from {} (█ certain, ▒ depending on effort)", tl.start_date));
                let bar_cells = w.saturating_sub(50).clamp(10, 60);
                for ((name, bar), phase) in timeline_bars(tl, bar_cells).into_iter().zip(&tl.phases) {
                    let name = crate::text::truncate(&name, 26);
                    out.push(Line::from(vec![
                        Span::raw(format!("{name:<26} ")),
                        Span::styled(format!("{bar:<bar_cells$}"), t.chosen()),
                        Span::raw(format!(" {}", range(phase.weeks, "wk"))),
                    ]));
                }
                if let Some(m) = &tl.type1_report {
                    out.push(Line::raw(format!(
                        "Type I report:  {} ({} to {})",
                        range(m.months, "months"),
                        m.dates[0],
                        m.dates[1]
                    )));
                }
                let m = &tl.type2_report;
                out.push(Line::raw(format!(
                    "Type II report: {} ({} to {})",
                    range(m.months, "months"),
                    m.dates[0],
                    m.dates[1]
                )));
                para(&mut out, &e.comparison.time, t.dim());
            }
            Part::Cost => {
                let Some(e) = &r.estimate else { continue };
                heading(&mut out, format!("Cost ({})", e.cost.currency));
                for item in &e.cost.items {
                    let name = crate::text::truncate(&one_line(&item.name), 30);
                    out.push(Line::raw(format!("{name:<30} {:>10} - {:>10}", money(item.low), money(item.high))));
                }
                out.push(Line::styled(
                    format!("{:<30} {:>10} - {:>10}", "Total", money(e.cost.total[0]), money(e.cost.total[1])),
                    t.title(),
                ));
                out.push(Line::raw(format!(
                    "{:<30} {:>10} - {:>10}",
                    "of which paid to others",
                    money(e.cost.external_total[0]),
                    money(e.cost.external_total[1])
                )));
                para(&mut out, &e.comparison.cost, t.dim());
            }
            Part::Interview => {
                for s in crate::report::sections::interview(r) {
                    section_lines(&mut out, &s, w, t);
                }
            }
            Part::QuestionLists => {
                if r.is_vendor() && !r.unanswered.is_empty() {
                    heading(&mut out, format!("Unanswered questions ({})", r.unanswered.len()));
                    for q in &r.unanswered {
                        para(&mut out, &format!("? {}  {}", q.id, q.text), t.plain());
                    }
                }

                if !r.follow_ups.is_empty() {
                    heading(&mut out, format!("Follow-ups ({})", r.follow_ups.len()));
                    for f in &r.follow_ups {
                        let checked = if f.reviewed { " · reviewed" } else { "" };
                        para(&mut out, &format!("⚑ {}  {}{checked}", f.id, f.text), t.plain());
                    }
                }
            }
            Part::Documents | Part::Appendix => {}
        }
    }
    (out, gap_rows)
}

type Heading<'a> = dyn Fn(&mut Vec<Line<'static>>, String) + 'a;
type Para<'a> = dyn Fn(&mut Vec<Line<'static>>, &str, Style) + 'a;

fn change(old: Option<f64>, new: Option<f64>, delta: Option<f64>) -> String {
    let show = |x: Option<f64>| x.map_or("-".to_string(), |x| format!("{x:.1}"));
    let delta = match delta {
        Some(d) if d > 0.0 => format!(" (+{d:.1})"),
        Some(d) => format!(" ({d:.1})"),
        None => String::new(),
    };
    format!("{} → {}{delta}", show(old), show(new))
}

/// The change since last year, for a carried-over assessment.
fn since_last_year_part(
    out: &mut Vec<Line<'static>>,
    r: &Report,
    w: usize,
    t: Theme,
    heading: &Heading<'_>,
    para: &Para<'_>,
) {
    let Some(s) = &r.since_last_year else { return };
    let c = &s.changes;
    heading(out, format!("Since last year (saved {})", c.old.updated_at));
    para(out, &format!("Verdict: {} → {}", c.verdict[0], c.verdict[1]), t.plain());
    if let Some([was, now]) = &c.estimate {
        para(
            out,
            &format!(
                "Remaining effort: {} → {}",
                range(was.remaining_days, "person-days"),
                range(now.remaining_days, "person-days")
            ),
            t.plain(),
        );
    }
    let rows = std::iter::once(&c.overall).chain(&c.sections).chain(&c.categories).chain(&c.ai_areas);
    for x in rows {
        let label = crate::text::truncate(&one_line(&x.name), 22);
        out.push(Line::from(vec![
            Span::raw(format!("{label:<22} ")),
            Span::raw(format!("Type I {}", change(x.old_type1, x.new_type1, x.type1_delta()))),
            Span::styled(format!("  Type II {}", change(x.old_type2, x.new_type2, x.type2_delta())), t.dim()),
        ]));
    }
    if !c.answers.is_empty() {
        para(out, &format!("{} answers changed since last year", c.answers.len()), t.plain());
        for x in &c.answers {
            let (was, now) = (x.old.as_deref().unwrap_or("-"), x.new.as_deref().unwrap_or("-"));
            indented(out, &format!("{} {}: {was} → {now}", x.question, x.change), w, t.dim());
        }
    }
    if !s.to_confirm.is_empty() {
        para(
            out,
            &format!("{} carried-over answers still to confirm (not counted as answered)", s.to_confirm.len()),
            t.warning(),
        );
        for (id, text) in &s.to_confirm {
            indented(out, &format!("{id}  {text}"), w, t.dim());
        }
    }
}

/// An outline section as the screen's lines: its title, then each block wrapped to `w`.
fn section_lines(out: &mut Vec<Line<'static>>, s: &Section, w: usize, t: Theme) {
    out.push(Line::raw(""));
    out.push(Line::styled(one_line(&s.title), t.title()));
    for block in &s.blocks {
        match block {
            Piece::Paragraph(text) => wrapped(out, &text.plain(), w, "", t.plain()),
            Piece::List(items) => {
                for item in items {
                    wrapped(out, &format!("• {}", item.plain()), w, "  ", t.plain());
                }
            }
            Piece::Table(table) => table_lines(out, table, w, t),
            Piece::Sub(sub) => section_lines(out, sub, w, t),
            Piece::PageBreak => {}
        }
    }
}

/// Untrusted text wrapped to `w`, later lines under `indent`.
fn wrapped(out: &mut Vec<Line<'static>>, text: &str, w: usize, indent: &str, style: Style) {
    let options = textwrap::Options::new(w.max(8)).subsequent_indent(indent);
    for l in textwrap::wrap(&crate::text::visible(text), options) {
        out.push(Line::styled(l.into_owned(), style));
    }
}

/// An outline table: aligned columns under dim headers where they fit the width; otherwise one entry a row,
/// its first cell after a bullet and the others, named by their headers, wrapped under it.
fn table_lines(out: &mut Vec<Line<'static>>, table: &Table, w: usize, t: Theme) {
    let cells: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(|c| crate::text::visible(&one_line(&c.plain())).into_owned()).collect())
        .collect();
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let widths: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| cells.iter().filter_map(|r| r.get(i)).map(|s| width(s)).fold(width(&c.title), usize::max))
        .collect();
    let total = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
    let line = |texts: Vec<&str>| -> String {
        let padded: Vec<String> = texts
            .iter()
            .zip(&widths)
            .zip(&table.columns)
            .map(|((s, &cw), c)| {
                let pad = " ".repeat(cw.saturating_sub(width(s)));
                if c.align == Align::Right { format!("{pad}{s}") } else { format!("{s}{pad}") }
            })
            .collect();
        padded.join("  ").trim_end().to_string()
    };
    if total <= w {
        out.push(Line::styled(line(table.headers()), t.dim()));
        for row in &cells {
            out.push(Line::styled(line(row.iter().map(String::as_str).collect()), t.plain()));
        }
        return;
    }
    for (name, about) in table.entries() {
        wrapped(out, &format!("• {}", one_line(&name)), w, "  ", t.plain());
        indented(out, &one_line(&about.join(" · ")), w, t.dim());
    }
}

/// How many question ids a group of the plan by owner names on the screen.
const PLAN_IDS_SHOWN: usize = 8;

/// Untrusted text wrapped to `width` under a five-space indent.
fn indented(out: &mut Vec<Line<'static>>, text: &str, width: usize, style: Style) {
    if text.trim().is_empty() {
        return;
    }
    let indent = "     ";
    let options = textwrap::Options::new(width.max(8)).initial_indent(indent).subsequent_indent(indent);
    for l in textwrap::wrap(&crate::text::visible(text), options) {
        out.push(Line::styled(l.into_owned(), style));
    }
}

/// Scores by section, Trust Services category and AI area.
fn sections(
    out: &mut Vec<Line<'static>>,
    r: &Report,
    heading: &dyn Fn(&mut Vec<Line<'static>>, String),
    bars: &dyn Fn(&str, Option<Score>) -> Line<'static>,
    bars_header: &dyn Fn(&mut Vec<Line<'static>>),
) {
    heading(out, "Sections".into());
    bars_header(out);
    for s in &r.sections {
        out.push(bars(&s.title, Some(s.score)));
    }
    if !r.categories.is_empty() {
        heading(out, "Trust Services categories".into());
        for (c, s) in &r.categories {
            out.push(bars(c.label(), Some(*s)));
        }
    }
    if r.ai_assurance.is_none() && r.ai_areas.iter().any(|(_, s)| s.is_some()) {
        heading(out, "AI-specific areas".into());
        for (area, s) in &r.ai_areas {
            out.push(bars(area.label(), *s));
        }
    }
}

/// The report's header: the organisation and the date always show; the title takes what is left, cut
/// between words (F16).
fn report_header(org: &str, title: &str, date: &str, width: u16) -> String {
    use unicode_width::UnicodeWidthStr;
    let free = usize::from(width).saturating_sub(" soc2-ready ".len() + "│  │ report of  │ ".width() + date.width());
    let org = crate::tui::widgets::fit_words(&one_line(org), free.saturating_sub(12).max(free * 3 / 5));
    let title = crate::tui::widgets::fit_words(&one_line(title), free.saturating_sub(org.width()));
    format!("│ {org} │ report of {title} │ {date}")
}

/// Draw the report, and a prompt over it when one is open.
pub fn draw(frame: &mut Frame, header: Rect, body: Rect, screen: &ReportScreen, ctx: &DrawCtx<'_>) {
    let (r, scroll) = (&screen.report, screen.scroll);
    let t = ctx.theme;
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" soc2-ready ", t.title()),
            Span::raw(report_header(&r.org, &r.questionnaire_title, &r.date.to_string(), header.width)),
        ])),
        header,
    );
    let [md, html, json, csv] = [Action::ExportMarkdown, Action::ExportHtml, Action::ExportJson, Action::ExportCsv]
        .map(|a| keymap::key_label(Context::Report, a));
    let what = if r.is_vendor() { "Vendor report" } else { "Report" };
    let csv = if r.is_vendor() { String::new() } else { format!(" · {csv} CSV plan") };
    let block = Block::bordered().title(format!(" {what} ({md} Markdown · {html} HTML · {json} JSON{csv} export) "));
    let inner = block.inner(body);
    let all = build(r, inner.width, t, screen.selected).0;
    let max = max_scroll(all.len(), inner.height);
    frame.render_widget(Paragraph::new(all).block(block).scroll((scroll.min(max), 0)), body);
    match &screen.dialog {
        None => {}
        Some(Dialog::Plan(form)) => form.draw(frame, body, t),
        Some(Dialog::WhatIf(input)) => {
            let area = centred(body, body.width.saturating_sub(4).min(76), 8);
            clear_popup(frame, area);
            let [ok, cancel] = [Action::Confirm, Action::Cancel].map(|a| keymap::key_label(Context::TypeWhatIf, a));
            let block = Block::bordered().title(format!(" What if ({ok}: compare · {cancel}: cancel) "));
            let inner = block.inner(area);
            frame.render_widget(block, area);
            let [about, field] = Layout::vertical([Constraint::Length(3), Constraint::Length(3)]).areas(inner);
            frame.render_widget(
                Paragraph::new(
                    "A profile answer (remediation_fte=2, auditor_tier=mid_tier) or an estimate parameter \
                     (hourly_cost=140, penetration_test=8000-12000); several separated by spaces.",
                )
                .style(t.dim())
                .wrap(Wrap { trim: true }),
                about,
            );
            draw_input(frame, input, "Settings", field);
        }
    }
}

/// How far the report can scroll so its last line is at the bottom.
pub fn max_scroll(lines: usize, height: u16) -> u16 {
    u16::try_from(lines.saturating_sub(usize::from(height))).unwrap_or(u16::MAX)
}
