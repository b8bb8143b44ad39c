//! The report as one self-contained HTML file: inline CSS, charts in inline SVG, no scripts, nothing
//! fetched (a Content-Security-Policy says so to the browser), readable in a browser and on paper (a print
//! stylesheet breaks pages between parts). All questionnaire and answer text is escaped here (five characters, so a small
//! function rather than a dependency), after control characters are made visible.

use std::fmt::Write;

use super::figures::{days, num};
use super::model::Report;
use super::outline::{self, Inline, Span, Table};
use super::sections::{self, Block, Part, Section};
use super::summary::OnePage;
use super::svg;

/// Nothing external may load or run: styles inline, charts inline SVG, no scripts, no images by URL.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'";

const CSS: &str = include_str!("../../assets/report.css");

/// Untrusted text, safe inside HTML elements and quoted attributes.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::show_invisible(&crate::text::visible(text)).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A table whose cells are HTML already (the answers appendix, whose evidence cells hold line breaks).
fn raw_table(o: &mut String, head: &[&str], rows: &[Vec<String>]) {
    let _ = write!(o, "<table><thead><tr>");
    for h in head {
        let _ = write!(o, "<th>{}</th>", esc(h));
    }
    let _ = writeln!(o, "</tr></thead><tbody>");
    for row in rows {
        let _ = writeln!(o, "<tr>{}</tr>", row.iter().map(|c| format!("<td>{c}</td>")).collect::<String>());
    }
    let _ = writeln!(o, "</tbody></table>");
}

/// Outline text as HTML: text escaped, ids as code.
pub fn inline(x: &Inline) -> String {
    x.0.iter()
        .map(|s| match s {
            Span::Text(t) => esc(t),
            Span::Code(t) => format!("<code>{}</code>", esc(t)),
            Span::Strong(t) => format!("<strong>{}</strong>", esc(t)),
            Span::Em(t) => format!("<em>{}</em>", esc(t)),
        })
        .collect()
}

/// An outline table; a dense one (reference material) prints smaller.
fn table(o: &mut String, t: &Table) {
    if t.dense {
        let _ = write!(o, "<table class=\"dense\"><thead><tr>");
    } else {
        let _ = write!(o, "<table><thead><tr>");
    }
    for h in t.headers() {
        let _ = write!(o, "<th>{}</th>", esc(h));
    }
    let _ = writeln!(o, "</tr></thead><tbody>");
    for row in &t.rows {
        let _ = write!(o, "<tr>");
        for cell in row {
            let _ = write!(o, "<td>{}</td>", inline(cell));
        }
        let _ = writeln!(o, "</tr>");
    }
    let _ = writeln!(o, "</tbody></table>");
}

/// The mark on a line whose answer was checked against evidence.
fn reviewed(yes: bool) -> &'static str {
    if yes { " <em class=\"reviewed\">(reviewed)</em>" } else { "" }
}

/// A section and its blocks, headed at its level.
fn section(o: &mut String, s: &Section) {
    let _ = writeln!(o, "<h{level}>{}</h{level}>", esc(&s.title), level = s.level);
    for block in &s.blocks {
        match block {
            Block::Paragraph(text) => {
                let _ = writeln!(o, "<p>{}</p>", inline(text));
            }
            Block::List(items) => {
                let _ = writeln!(o, "<ul>");
                for item in items {
                    let _ = writeln!(o, "<li>{}</li>", inline(item));
                }
                let _ = writeln!(o, "</ul>");
            }
            Block::Table(t) => table(o, t),
            Block::Sub(sub) => section(o, sub),
            Block::PageBreak => {}
        }
    }
}

fn open_part(o: &mut String, class: &str) {
    let _ = writeln!(o, "<section class=\"part {class}\">");
}

fn close_part(o: &mut String) {
    let _ = writeln!(o, "</section>");
}

fn one_page(o: &mut String, r: &Report) {
    let page = OnePage::of(r);
    let _ = writeln!(o, "<h2>At a glance</h2>\n<p class=\"verdict\"><strong>{}</strong></p>", esc(&page.verdict));
    if let Some(statement) = &page.statement {
        let _ = writeln!(o, "<p class=\"statement\"><em>{}</em></p>", esc(statement));
    }
    let _ = writeln!(o, "<ul>");
    for line in [&page.scores, &page.ai].into_iter().flatten() {
        let _ = writeln!(o, "<li>{}</li>", esc(line));
    }
    let _ = writeln!(o, "<li>{}</li>", esc(&page.completion));
    for line in [&page.type1, &page.type2, &page.cost].into_iter().flatten() {
        let _ = writeln!(o, "<li>{}</li>", esc(line));
    }
    let _ = writeln!(o, "</ul>");
    if let Some(t) = outline::do_first(&page) {
        let _ = writeln!(o, "<h3>Do these first</h3>");
        table(o, &t);
    }
}

fn vendor_part(o: &mut String, r: &Report) {
    let Some(v) = &r.vendor else { return };
    let _ = writeln!(o, "<h2>Risk verdict: {} residual risk</h2><p>{}</p>", esc(v.risk.id()), esc(v.risk.meaning()));
    let _ = writeln!(o, "<p>Inherent risk (what the vendor gets, before any answer): {}</p>", esc(v.inherent.id()));
    let _ = writeln!(o, "<h3>Reasons</h3><ul>");
    for reason in &v.reasons {
        let _ = writeln!(o, "<li>{}</li>", esc(reason));
    }
    let _ = writeln!(o, "</ul>");
    if !v.show_stoppers.is_empty() {
        let _ = writeln!(o, "<h3>Show-stoppers</h3><ul>");
        for x in &v.show_stoppers {
            let _ = writeln!(o, "<li>{}</li>", esc(x));
        }
        let _ = writeln!(o, "</ul>");
    }
    let _ = writeln!(o, "<h2>Contract terms to ask for</h2>");
    if v.contract_terms.is_empty() {
        let _ = writeln!(o, "<p>None beyond your standard terms.</p>");
    } else {
        let _ = writeln!(o, "<ul>");
        for term in &v.contract_terms {
            let _ = writeln!(o, "<li>{}</li>", esc(term));
        }
        let _ = writeln!(o, "</ul>");
    }
    let _ = writeln!(o, "<h2>Attestations</h2>");
    if v.attestations.is_empty() {
        let _ = writeln!(o, "<p>The vendor's answers name no independent attestation.</p>");
    }
    if let Some(t) = outline::attestations(r) {
        table(o, &t);
    }
}

fn scores_part(o: &mut String, r: &Report) {
    let Some(verdict) = r.shown_verdict() else {
        match r.overall {
            Some(_) => {
                let _ = writeln!(
                    o,
                    "<h2>Score</h2><p>This questionnaire's questions carry no SOC 2 criteria and efforts, so the \
                     report gives its score but no SOC 2 verdict, timeline or cost.</p>"
                );
                if let Some(t) = outline::custom_score(r) {
                    table(o, &t);
                }
            }
            None => {
                let _ = writeln!(
                    o,
                    "<h2>Verdict</h2><p>No verdict: no scored question has an answer that counts, so there is \
                     nothing to judge.</p>"
                );
            }
        }
        return;
    };
    let _ = writeln!(
        o,
        "<h2>Verdict: {} (SOC 2 {} report)</h2><p>{}</p>",
        esc(verdict.label()),
        r.target.label(),
        esc(&r.verdict_meaning())
    );
    if let Some(line) = r.scores_sentence() {
        let _ = writeln!(o, "<p>{}</p>", esc(&line));
    }
    table(o, &outline::overall_scores(r));
    if r.completion.answered < r.completion.shown {
        let _ = writeln!(o, "<p>Over all questions, an unanswered question counts as not in place.</p>");
    }
    let _ = writeln!(o, "<h2>Blockers</h2>");
    let blocking: Vec<_> = r.blocking_criteria().collect();
    if r.blockers.is_empty() && blocking.is_empty() {
        let _ = writeln!(
            o,
            "<p>None: every in-scope criterion asked about has a designed control and no critical control falls \
             short.</p>"
        );
    } else {
        let _ = writeln!(o, "<ul>");
        for c in &blocking {
            let _ = writeln!(o, "<li>Criterion {}: {}</li>", esc(&c.id), c.status.label());
        }
        for b in &r.blockers {
            let answer = b.answer.as_deref().map(esc).unwrap_or_else(|| "unanswered".into());
            let _ = writeln!(
                o,
                "<li><code>{}</code> {} — {answer} ({}){}</li>",
                esc(&b.id),
                esc(&b.text),
                esc(&b.note),
                reviewed(b.reviewed)
            );
        }
        let _ = writeln!(o, "</ul>");
    }
    let _ = writeln!(o, "<h2>Scores by section</h2>");
    let rows: Vec<_> = r.sections.iter().map(|s| (s.title.clone(), Some(s.score))).collect();
    let _ = writeln!(o, "{}", svg::score_bars("Scores by section", &rows));
    if !r.categories.is_empty() {
        let _ = writeln!(o, "<h2>Scores by Trust Services category</h2>");
        let rows: Vec<_> = r.categories.iter().map(|(c, s)| (c.label().to_string(), Some(*s))).collect();
        let _ = writeln!(o, "{}", svg::score_bars("Scores by Trust Services category", &rows));
    }
    if let (Some(ai), Some(line)) = (&r.ai_assurance, r.ai_sentence()) {
        let _ = writeln!(o, "<h2>AI assurance, apart from SOC 2: {}</h2><p>{}</p>", ai.verdict.label(), esc(&line));
        let rows: Vec<_> = ai.areas.iter().map(|a| (a.area.label().to_string(), a.score)).collect();
        let _ = writeln!(o, "{}", svg::score_bars("AI assurance by area", &rows));
        let _ = writeln!(
            o,
            "<p>The controls below \"documented\" in each area, and where buyers look, are in the appendix.</p>"
        );
    }
}

fn gaps_part(o: &mut String, r: &Report) {
    let real: Vec<_> = r.design_gaps().collect();
    let _ = writeln!(o, "<h2>Gaps</h2>");
    if real.is_empty() {
        let _ = writeln!(
            o,
            "<p>{}</p>",
            if r.gaps.is_empty() {
                "None: every scored control operates with evidence over time.".to_string()
            } else {
                format!(
                    "None among the answered questions; {} still to answer (below).",
                    crate::estimate::plural(r.gaps.len() as f64, "question", "questions")
                )
            }
        );
    } else {
        let shown = top_gaps(&real);
        if shown < real.len() {
            let _ = writeln!(
                o,
                "<p>SOC 2 controls not designed yet: the {shown} most urgent of {}, critical first, then by weight × \
                 shortfall. All {}, by section with one line each, are in the appendix.</p>",
                real.len(),
                real.len()
            );
        } else {
            let _ = writeln!(o, "<p>SOC 2 controls not designed yet, critical first, then by weight × shortfall.</p>");
        }
        table(o, &outline::top_gaps(&real, shown));
    }
    let operate: Vec<_> = r.operate_gaps().collect();
    if !operate.is_empty() {
        let _ = writeln!(
            o,
            "<h2>Operate it and keep evidence</h2><p>Designed and documented, short only of evidence over time: no \
             design work left; run each control and keep its evidence for the Type II window.</p><ul class=\"compact\">"
        );
        for g in operate {
            let flag = if g.critical { " (<strong>critical</strong>: blocks the Type II report)" } else { "" };
            let _ = writeln!(o, "<li><code>{}</code> {}{flag}</li>", esc(&g.id), esc(&g.text));
        }
        let _ = writeln!(o, "</ul>");
    }
    let advice: Vec<_> = r.answered_gaps().filter(|g| g.kind == super::model::GapKind::Advice).collect();
    if !advice.is_empty() {
        let _ = writeln!(
            o,
            "<h2>Advice outside the audit's scope</h2><p>These serve only criteria of categories out of scope, so \
             they do not count toward the verdict.</p><ul>"
        );
        for g in advice {
            let _ =
                writeln!(o, "<li><code>{}</code> {} ({})</li>", esc(&g.id), esc(&g.text), esc(&g.criteria.join(", ")));
        }
        let _ = writeln!(o, "</ul>");
    }
}

fn plan_part(o: &mut String, r: &Report) {
    let Some(effort) = r.effort.as_ref().filter(|_| r.has_plan()) else { return };
    let _ = writeln!(o, "<h2>Remediation plan</h2><p>{}</p>", esc(&effort.explanation()));
    for (title, t) in outline::plan(r) {
        let _ = writeln!(o, "<h3>{title}</h3>");
        table(o, &t);
    }
    for line in r.optional_lines() {
        let _ = writeln!(o, "<p>Optional: {}.</p>", esc(&line));
    }
}

fn timeline_part(o: &mut String, r: &Report) {
    let Some(e) = &r.estimate else { return };
    let t = &e.timeline;
    let _ = writeln!(
        o,
        "<h2>Timeline</h2><p>From {}, with {} FTE on {} person-days of remaining work (the plan's total).{}</p>",
        t.start_date,
        num(e.fte),
        days(e.remaining_days),
        e.start_note.as_ref().map(|s| format!(" {}", esc(s))).unwrap_or_default()
    );
    let _ = writeln!(o, "{}", svg::gantt(t));
    if let Some(t) = outline::phases(r) {
        table(o, &t);
    }
    let _ = writeln!(o, "<ul>");
    if let Some(m) = &t.type1_report {
        let _ = writeln!(
            o,
            "<li>Earliest Type I report: {} to {} ({} months)</li>",
            m.dates[0],
            m.dates[1],
            days(m.months)
        );
    }
    let m = &t.type2_report;
    let _ = writeln!(
        o,
        "<li>Earliest Type II report: {} to {} ({} months)</li></ul>",
        m.dates[0],
        m.dates[1],
        days(m.months)
    );
    let _ = writeln!(o, "<p>{}</p>", esc(&e.comparison.time));
}

fn cost_part(o: &mut String, r: &Report) {
    let Some(e) = &r.estimate else { return };
    let _ = writeln!(o, "<h2>Cost</h2><h3>First year</h3>");
    if let Some([first, later]) = outline::cost(r) {
        table(o, &first);
        let _ = writeln!(o, "<p>{}</p>", esc(&e.comparison.cost));
        let _ = writeln!(o, "<h3>Every year after the first report</h3>");
        table(o, &later);
    }
}

fn documents_part(o: &mut String, r: &Report) {
    let _ = writeln!(o, "<h2>Policy documents</h2>");
    table(o, &outline::policies(r));
    let ready = r.evidence.iter().filter(|e| e.ready).count();
    let _ = writeln!(
        o,
        "<h2>Evidence checklist for the Type II window</h2><p>{} items: {ready} ready, {} to collect.</p>",
        r.evidence.len(),
        r.evidence.len() - ready
    );
    let _ = writeln!(
        o,
        "<p class=\"print-only\">The checklist, item by item, is left out of print to keep it short: it is in \
         this file on screen and in the Markdown report.</p>"
    );
    let _ = writeln!(o, "<ul class=\"checklist screen-only\">");
    for e in &r.evidence {
        let _ = writeln!(
            o,
            "<li>{} {} <small>({})</small></li>",
            if e.ready { "☑ ready:" } else { "☐ to collect:" },
            esc(&e.item),
            esc(&e.questions.join(", "))
        );
    }
    let _ = writeln!(o, "</ul>");
}

/// AI assurance by area, in the appendix: the controls below "documented" and where buyers look.
fn ai_appendix(o: &mut String, r: &Report) {
    let Some(ai) = &r.ai_assurance else { return };
    if r.shown_verdict().is_none() {
        return;
    }
    let _ = writeln!(o, "<h2>Appendix: AI assurance by area</h2>");
    // The scores are drawn as bars in the body: here only what is below "documented" and where buyers look.
    if let Some(t) = outline::ai_areas(r) {
        table(o, &t.only(&[0, 3, 4]).dense());
    }
    let _ = writeln!(o, "<ul>");
    for line in ai.coverage_lines() {
        let _ = writeln!(o, "<li>{}</li>", esc(&line));
    }
    let _ = writeln!(o, "</ul>");
}

/// The coverage table, in the appendix part (before all answers) so the printed report stays short: the
/// criteria that block are named in the blockers already. Only the criteria the questionnaire asks about
/// get a row.
fn coverage_appendix(o: &mut String, r: &Report) {
    if r.shown_verdict().is_none() {
        return;
    }
    if let Some(s) = sections::coverage(r) {
        appendix(o, &s);
    }
}

/// A section placed in the appendices: its title says so.
fn appendix(o: &mut String, s: &Section) {
    let mut title = s.title.chars();
    let first = title.next().map(|c| c.to_lowercase().collect::<String>()).unwrap_or_default();
    section(o, &Section { title: format!("Appendix: {first}{}", title.as_str()), ..s.clone() });
}

/// Gaps the body's table shows: every critical one, then the most urgent others up to [`TOP_GAPS`].
fn top_gaps(real: &[&super::model::GapLine]) -> usize {
    real.iter().filter(|g| g.critical).count().max(TOP_GAPS).min(real.len())
}

/// Rows of the body's gaps table beyond the critical ones: the rest are in the appendix, one line each.
pub const TOP_GAPS: usize = 10;

/// Every design gap, by section in the questionnaire's order, one line each, when the body shows only the
/// most urgent.
fn gaps_appendix(o: &mut String, r: &Report) {
    let real: Vec<_> = r.design_gaps().collect();
    if r.is_vendor() || top_gaps(&real) == real.len() {
        return;
    }
    let _ = writeln!(
        o,
        "<h2>Appendix: all gaps by section</h2><p>{} SOC 2 controls not designed yet, most urgent first in each \
         section: priority (weight × shortfall) and remaining person-days; the remediation of each is in the \
         Markdown report and the plan CSV.</p>",
        real.len()
    );
    let mut sections: Vec<&str> = Vec::new();
    for a in &r.answers {
        if !sections.contains(&a.section.as_str()) {
            sections.push(&a.section);
        }
    }
    for g in &real {
        if !sections.contains(&g.section.as_str()) {
            sections.push(&g.section);
        }
    }
    for section in sections {
        let these: Vec<_> = real.iter().filter(|g| g.section == section).collect();
        if these.is_empty() {
            continue;
        }
        let _ = writeln!(o, "<h3>{} ({})</h3>\n<ul class=\"oneline\">", esc(section), these.len());
        for g in these {
            let _ = writeln!(
                o,
                "<li>{}<code>{}</code> {} — {}, {} person-days</li>",
                if g.critical { "<strong>critical</strong> " } else { "" },
                esc(&g.id),
                esc(&g.text),
                num(g.priority),
                if g.effort_days.is_some() { days(g.remaining_days) } else { "-".into() }
            );
        }
        let _ = writeln!(o, "</ul>");
    }
}

pub fn render(r: &Report) -> String {
    let mut o = String::new();
    let title = esc(&r.title());
    let _ = writeln!(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">");
    let _ = writeln!(o, "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">");
    let _ = writeln!(o, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    let _ = writeln!(o, "<title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>");
    let _ = writeln!(o, "<h1>{title}</h1>");
    let _ = writeln!(
        o,
        "<p class=\"meta\">{} ({}, version {}) · {} · {}% complete ({} of {} shown questions answered)</p>",
        esc(&r.questionnaire_title),
        esc(&r.questionnaire_id),
        esc(&r.questionnaire_version),
        r.date,
        r.completion.percent,
        r.completion.answered,
        r.completion.shown
    );
    if r.sample {
        let _ = writeln!(o, "<p class=\"meta\">{}</p>", esc(crate::assessment::interview::sample::NOTICE));
    }
    // Parts sharing an anchor are printed together, as one section of the page.
    let mut open: Option<&str> = None;
    for part in sections::parts(r) {
        let group = Some(part.anchor()).filter(|_| part != Part::WhatIf);
        if group != open {
            if open.is_some() {
                close_part(&mut o);
            }
            if let Some(class) = group {
                open_part(&mut o, class);
            }
            open = group;
        }
        match part {
            Part::WhatIf => what_if(&mut o, r),
            Part::AtAGlance => one_page(&mut o, r),
            Part::Vendor => vendor_part(&mut o, r),
            Part::Verdict => scores_part(&mut o, r),
            Part::Gaps => gaps_part(&mut o, r),
            Part::Plan => plan_part(&mut o, r),
            Part::Timeline => timeline_part(&mut o, r),
            Part::Cost => cost_part(&mut o, r),
            Part::Documents => documents_part(&mut o, r),
            Part::SinceLastYear | Part::Interview | Part::QuestionLists => {
                sections::shared(part, r).into_iter().flatten().for_each(|s| section(&mut o, &s))
            }
            Part::Appendix => appendix_part(&mut o, r),
        }
    }
    if open.is_some() {
        close_part(&mut o);
    }
    let _ = writeln!(o, "</body>\n</html>");
    o
}

fn what_if(o: &mut String, r: &Report) {
    let Some(w) = &r.what_if else { return };
    let _ = writeln!(
        o,
        "<section class=\"whatif\"><h2>What if: {}</h2><p>This report assumes the settings above; the \
         assessment itself is unchanged.</p><ul>",
        esc(&w.changes.join(", "))
    );
    for line in &w.lines {
        let _ = writeln!(o, "<li>{}</li>", esc(line));
    }
    let _ = writeln!(o, "</ul></section>");
}

/// The appendices share one part, so printing starts one new page for them, not one each.
fn appendix_part(o: &mut String, r: &Report) {
    if !r.is_vendor() {
        coverage_appendix(o, r);
        ai_appendix(o, r);
    }
    // Reference for whoever checks the figures: every parameter with its source.
    if let Some(t) = outline::assumptions(r) {
        let _ = writeln!(o, "<h2>Appendix: assumptions and their sources</h2>");
        table(o, &t);
    }
    gaps_appendix(o, r);
    let _ = writeln!(o, "<h2>Appendix: all answers</h2>");
    let _ = writeln!(
        o,
        "<p class=\"print-only\">Every answer ({}), with its note, evidence and who gave it, is left out of print \
         to keep it short: it is in this file on screen, in the Markdown report \
         and in the spreadsheet.</p>\n<div class=\"screen-only\">",
        r.answers.len()
    );
    let rows: Vec<_> = r
        .answers
        .iter()
        .map(|a| {
            vec![
                esc(&a.section),
                format!("<code>{}</code> {}", esc(&a.id), esc(&a.text)),
                a.answer.as_deref().map_or("<em>unanswered</em>".into(), esc),
                format!(
                    "{}{}{}{}",
                    esc(&a.note),
                    if a.follow_up { " <em>(follow-up)</em>" } else { "" },
                    reviewed(a.reviewed),
                    if a.to_confirm { " <em>(carried over, to confirm)</em>" } else { "" }
                ),
                a.evidence.iter().map(|e| esc(e)).collect::<Vec<_>>().join("<br>"),
                esc(&a.answered_by),
            ]
        })
        .collect();
    raw_table(o, &["Section", "Question", "Answer", "Note", "Evidence", "By"], &rows);
    let _ = writeln!(o, "</div>");
}
