//! The report screen: verdict and scores as bars, blockers, the AI panel, the timeline as bars, the cost
//! table and the ranked gaps, scrollable; keys export the same report as Markdown, HTML or JSON.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use std::path::Path;

use super::{Ctx, Outcome};
use crate::estimate::money;
use crate::report::markdown::{gauge, timeline_bars};
use crate::report::{Format, Report};
use crate::scoring::Score;
use crate::text::one_line;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::editor::Editor;
use crate::tui::keymap::{self, Context};
use crate::tui::theme::Theme;
use crate::tui::view::wrap;

/// The report of the assessment being answered; Esc goes back to the question.
pub struct ReportScreen {
    pub report: Report,
    pub scroll: u16,
}

/// Save what is waiting, work out the report and show it.
pub fn open(editor: &mut Editor, ctx: &Ctx) -> Outcome {
    if let Err(e) = editor.flush(true, &ctx.now, ctx.at) {
        return Outcome::Complain(e);
    }
    let params = match crate::estimate::Parameters::load(crate::paths::config_dir().as_deref()) {
        Ok(p) => p,
        Err(e) => return Outcome::Complain(format!("{e}; fix or remove that file to see the report")),
    };
    let today = crate::clock::parse(&ctx.now).map(|t| t.date_naive()).unwrap_or_else(|_| crate::clock::today());
    let report = Report::build(editor.assessment(), &params, today);
    Outcome::Report(Box::new(ReportScreen { report, scroll: 0 }))
}

impl ReportScreen {
    pub fn update(&mut self, action: Action, editor: &Editor, ctx: &Ctx) -> Outcome {
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
            Action::Back => return Outcome::Back,
            Action::ExportFollowUps => return super::interview::export_follow_ups(editor, ctx),
            _ => return Outcome::Done,
        };
        let path = ctx.export_dir.join(export_file_name(&editor.session.path, format));
        let text = crate::report::export(&self.report, format);
        match write_export(&path, text.as_bytes()) {
            Ok(()) => Outcome::Say(format!("{} report written to {}", format_name(format), path.display())),
            Err(e) => Outcome::Complain(e),
        }
    }

    /// The height of a page, and how far the report can scroll, in a terminal of the context's size.
    fn layout(&self, ctx: &Ctx) -> (u16, u16) {
        let (width, height) = ctx.size;
        let inner = Rect { x: 0, y: 0, width: width.saturating_sub(2), height: height.saturating_sub(5) };
        let count = lines(&self.report, inner.width, ctx.theme).len();
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

/// Write an exported report, replacing only a regular file that is not an assessment.
pub(crate) fn write_export(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if !meta.file_type().is_file() {
            return Err(format!(
                "{}: not replaced, because it is not a regular file; move it away or export from another directory",
                path.display()
            ));
        }
        if crate::assessment::store::read(path).is_ok() {
            return Err(format!(
                "{}: not replaced, because it is a soc2-ready assessment; rename it or export from another directory",
                path.display()
            ));
        }
    }
    crate::assessment::store::write_private(path, bytes).map_err(|e| format!("{e}"))
}

/// Every line of the report as the screen shows it, for a given width.
pub fn lines(r: &Report, width: u16, t: Theme) -> Vec<Line<'static>> {
    let mut out: Vec<Line<'static>> = Vec::new();
    let w = usize::from(width);
    let heading = |out: &mut Vec<Line<'static>>, text: String| {
        out.push(Line::raw(""));
        out.push(Line::styled(text, t.title()));
    };
    let para = |out: &mut Vec<Line<'static>>, text: &str, style: Style| {
        for l in wrap(text, width) {
            out.push(Line::styled(l, style));
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

    out.push(Line::from(vec![
        Span::styled(format!("Verdict: {}", r.verdict.label()), t.warning()),
        Span::raw(format!(
            "   completion {}% ({} of {} shown questions answered)",
            r.completion.percent, r.completion.answered, r.completion.shown
        )),
    ]));
    para(&mut out, &r.verdict.meaning(), t.plain());
    if let Some(v) = &r.vendor {
        out.push(Line::styled(format!("Vendor risk: {}", v.risk.id().to_uppercase()), t.warning()));
        para(&mut out, v.risk.meaning(), t.plain());
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        format!("{:<22} {:<w1$}  {}", "", "Type I (designed)", "Type II (operating)", w1 = bar_width + 6),
        t.dim(),
    ));
    out.push(bars("Overall", r.overall));

    heading(&mut out, format!("Blockers ({})", r.blockers.len()));
    if r.blockers.is_empty() {
        out.push(Line::styled("None: no critical control is below \"documented\".", t.dim()));
    }
    for b in &r.blockers {
        let answer = b.answer.as_deref().unwrap_or("unanswered");
        para(&mut out, &format!("✗ {}  {} ({answer})", b.id, b.text), t.plain());
    }

    heading(&mut out, "Sections".into());
    for s in &r.sections {
        out.push(bars(&s.title, Some(s.score)));
    }
    if !r.categories.is_empty() {
        heading(&mut out, "Trust Services categories".into());
        for (c, s) in &r.categories {
            out.push(bars(c.label(), Some(*s)));
        }
    }
    if r.ai_areas.iter().any(|(_, s)| s.is_some()) {
        heading(&mut out, "AI-specific areas".into());
        for (area, s) in &r.ai_areas {
            out.push(bars(area.label(), *s));
        }
    }

    if let Some(e) = &r.estimate {
        let tl = &e.timeline;
        heading(&mut out, format!("Timeline from {} (█ certain, ▒ depending on effort)", tl.start_date));
        let bar_cells = w.saturating_sub(50).clamp(10, 60);
        for ((name, bar), phase) in timeline_bars(tl, bar_cells).into_iter().zip(&tl.phases) {
            let name = crate::text::truncate(&name, 26);
            out.push(Line::from(vec![
                Span::raw(format!("{name:<26} ")),
                Span::styled(format!("{bar:<bar_cells$}"), t.chosen()),
                Span::raw(format!(" {:.1}-{:.1} wk", phase.weeks[0], phase.weeks[1])),
            ]));
        }
        if let Some(m) = &tl.type1_report {
            out.push(Line::raw(format!(
                "Type I report:  {:.1}-{:.1} months ({} to {})",
                m.months[0], m.months[1], m.dates[0], m.dates[1]
            )));
        }
        let m = &tl.type2_report;
        out.push(Line::raw(format!(
            "Type II report: {:.1}-{:.1} months ({} to {})",
            m.months[0], m.months[1], m.dates[0], m.dates[1]
        )));
        para(&mut out, &e.comparison.time, t.dim());

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

    heading(&mut out, format!("Gaps, highest priority first ({})", r.gaps.len()));
    for (i, g) in r.gaps.iter().enumerate() {
        let critical = if g.critical { "CRITICAL " } else { "" };
        let effort = g.effort_days.map(|[a, b]| format!(" · {a}-{b} days")).unwrap_or_default();
        out.push(Line::from(vec![
            Span::styled(format!("{:>3}. {critical}", i + 1), t.warning()),
            Span::styled(one_line(&g.id), t.label()),
            Span::styled(format!("  priority {:.1}{effort}  {}", g.priority, g.criteria.join(" ")), t.dim()),
        ]));
        para(&mut out, &format!("     {}", g.text), t.plain());
        if !g.remediation.is_empty() {
            para(&mut out, &format!("     Fix: {}", g.remediation), t.dim());
        }
    }

    if !r.follow_ups.is_empty() {
        heading(&mut out, format!("Follow-ups ({})", r.follow_ups.len()));
        for f in &r.follow_ups {
            para(&mut out, &format!("⚑ {}  {}", f.id, f.text), t.plain());
        }
    }
    if let Some(v) = &r.vendor {
        heading(&mut out, "Contract terms to ask for".into());
        for term in &v.contract_terms {
            para(&mut out, &format!("• {term}"), t.plain());
        }
    }
    out
}

/// Draw the report.
pub fn draw(frame: &mut Frame, header: Rect, body: Rect, screen: &ReportScreen, app: &App) {
    let (r, scroll) = (&screen.report, screen.scroll);
    let t = app.theme;
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" soc2-ready ", t.title()),
            Span::raw(format!("│ {} │ report of {} │ {}", one_line(&r.org), one_line(&r.questionnaire_title), r.date)),
        ])),
        header,
    );
    let [md, html, json] =
        [Action::ExportMarkdown, Action::ExportHtml, Action::ExportJson].map(|a| keymap::key_label(Context::Report, a));
    let block =
        Block::bordered().title(format!(" Readiness report ({md} Markdown · {html} HTML · {json} JSON export) "));
    let inner = block.inner(body);
    let all = lines(r, inner.width, t);
    let max = max_scroll(all.len(), inner.height);
    frame.render_widget(Paragraph::new(all).block(block).scroll((scroll.min(max), 0)), body);
}

/// How far the report can scroll so its last line is at the bottom.
pub fn max_scroll(lines: usize, height: u16) -> u16 {
    u16::try_from(lines.saturating_sub(usize::from(height))).unwrap_or(u16::MAX)
}
