//! The report as Markdown, the default format. Questionnaire and answer text is untrusted: control
//! characters are shown as visible escapes and Markdown's special characters are backslash-escaped, so a
//! hostile question can neither break a table nor inject links or HTML.

use std::fmt::Write;

use super::figures::{days, num, timeline_bars};
use super::model::Report;
use super::outline::{self, Inline, Span, Table};
use super::sections::{self, Block, Part, Section};
use super::summary::OnePage;

/// Untrusted text as one line of inline Markdown.
pub fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::show_invisible(&crate::text::one_line(text)).chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' | '!' | '{' | '}') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An id inside a code span, where backslash escapes do not work: ids are validated to plain characters,
/// and a stray backtick is replaced so the span cannot be closed early.
pub fn code(text: &str) -> String {
    format!("`{}`", crate::text::one_line(text).replace('`', "'"))
}

/// Outline text as inline Markdown: text escaped, ids as code spans.
pub fn inline(x: &Inline) -> String {
    x.0.iter()
        .map(|s| match s {
            Span::Text(t) => md(t),
            Span::Code(t) => code(t),
            Span::Strong(t) => format!("**{}**", md(t)),
            Span::Em(t) => format!("*{}*", md(t)),
        })
        .collect()
}

/// An outline table as a Markdown table.
fn table(o: &mut String, t: &Table) {
    let _ = writeln!(o, "| {} |", t.headers().join(" | "));
    let _ = writeln!(o, "|{}", "---|".repeat(t.columns.len()));
    for row in &t.rows {
        let mut line = String::from("|");
        for cell in row.iter().map(inline) {
            line.push_str(&if cell.is_empty() { " |".to_string() } else { format!(" {cell} |") });
        }
        let _ = writeln!(o, "{line}");
    }
}

/// The mark on a line whose answer was checked against evidence.
fn reviewed(yes: bool) -> &'static str {
    if yes { " *(reviewed)*" } else { "" }
}

/// A section and its blocks: the heading, then each block after a blank line.
fn section(o: &mut String, s: &Section) {
    let _ = writeln!(o, "\n{} {}\n", "#".repeat(usize::from(s.level)), md(&s.title));
    for (i, block) in s.blocks.iter().enumerate() {
        if i > 0 && !matches!(block, Block::Sub(_) | Block::PageBreak) {
            let _ = writeln!(o);
        }
        match block {
            Block::Paragraph(text) => {
                let _ = writeln!(o, "{}", inline(text));
            }
            Block::List(items) => {
                for item in items {
                    let _ = writeln!(o, "- {}", inline(item));
                }
            }
            Block::Table(t) => table(o, t),
            Block::Sub(sub) => section(o, sub),
            Block::PageBreak => {}
        }
    }
}

fn one_page(o: &mut String, r: &Report) {
    let page = OnePage::of(r);
    let _ = writeln!(o, "\n## At a glance\n");
    let _ = writeln!(o, "**{}**\n", md(&page.verdict));
    if let Some(statement) = &page.statement {
        let _ = writeln!(o, "*{}*\n", md(statement));
    }
    for line in [&page.scores, &page.ai].into_iter().flatten() {
        let _ = writeln!(o, "- {}", md(line));
    }
    let _ = writeln!(o, "- {}", md(&page.completion));
    for line in [&page.type1, &page.type2, &page.cost].into_iter().flatten() {
        let _ = writeln!(o, "- {}", md(line));
    }
    if let Some(t) = outline::do_first(&page) {
        let _ = writeln!(o, "\n### Do these first\n");
        table(o, &t);
    }
}

fn vendor_part(o: &mut String, r: &Report) {
    let Some(v) = &r.vendor else { return };
    let _ = writeln!(o, "\n## Risk verdict: {} residual risk\n", v.risk.id());
    let _ = writeln!(o, "{}\n", v.risk.meaning());
    let _ = writeln!(o, "- Inherent risk (what the vendor gets, before any answer): {}", v.inherent.id());
    let _ = writeln!(o, "\n### Reasons\n");
    for reason in &v.reasons {
        let _ = writeln!(o, "- {}", md(reason));
    }
    if !v.show_stoppers.is_empty() {
        let _ = writeln!(o, "\n### Show-stoppers\n");
        for s in &v.show_stoppers {
            let _ = writeln!(o, "- {}", md(s));
        }
    }
    let _ = writeln!(o, "\n## Contract terms to ask for\n");
    if v.contract_terms.is_empty() {
        let _ = writeln!(o, "None beyond your standard terms.");
    }
    for term in &v.contract_terms {
        let _ = writeln!(o, "- {}", md(term));
    }
    let _ = writeln!(o, "\n## Attestations\n");
    if v.attestations.is_empty() {
        let _ = writeln!(o, "The vendor's answers name no independent attestation.");
    }
    if let Some(t) = outline::attestations(r) {
        table(o, &t);
    }
}

fn scores_part(o: &mut String, r: &Report) {
    if let Some(verdict) = r.shown_verdict() {
        let _ = writeln!(o, "\n## Verdict: {} (SOC 2 {} report)\n", verdict.label(), r.target.label());
        let _ = writeln!(o, "{}\n", md(&r.verdict_meaning()));
        if let Some(line) = r.scores_sentence() {
            let _ = writeln!(o, "{}\n", md(&line));
        }
        table(o, &outline::overall_scores(r));
        if r.completion.answered < r.completion.shown {
            let _ = writeln!(o, "\nOver all questions, an unanswered question counts as not in place.");
        }
    } else if let Some(t) = outline::custom_score(r) {
        let _ = writeln!(o, "\n## Score\n");
        let _ = writeln!(
            o,
            "This questionnaire's questions carry no SOC 2 criteria and efforts, so the report gives its score but \
             no SOC 2 verdict, timeline or cost.\n"
        );
        table(o, &t);
    } else {
        let _ = writeln!(o, "\n## Verdict\n");
        let _ = writeln!(o, "No verdict: no scored question has an answer that counts, so there is nothing to judge.");
        return;
    }

    // Blockers, coverage and AI assurance belong to a SOC 2 verdict: a questionnaire without one (its
    // questions carry no SOC 2 criteria) would read "every criterion designed" about criteria never asked.
    if r.shown_verdict().is_some() {
        verdict_parts(o, r);
    }

    let _ = writeln!(o, "\n## Scores by section\n");

    table(o, &outline::sections(r));
    if let Some(t) = outline::categories(r) {
        let _ = writeln!(o, "\n## Scores by Trust Services category\n");
        table(o, &t);
    }
}

/// The blockers (controls and criteria), the coverage table and AI assurance, under a SOC 2 verdict.
fn verdict_parts(o: &mut String, r: &Report) {
    let _ = writeln!(o, "\n## Blockers\n");
    let blocking: Vec<_> = r.blocking_criteria().collect();
    if r.blockers.is_empty() && blocking.is_empty() {
        let _ = writeln!(
            o,
            "None: every in-scope criterion asked about has a designed control and no critical control falls short."
        );
    }
    for b in &r.blockers {
        let answer = b.answer.as_deref().map(md).unwrap_or_else(|| "unanswered".into());
        let _ = writeln!(o, "- {} {} — {} ({}){}", code(&b.id), md(&b.text), answer, b.note, reviewed(b.reviewed));
    }
    for c in &blocking {
        let _ = writeln!(o, "- Criterion {}: {}", c.id, c.status.label());
    }
    if let Some(s) = sections::coverage(r) {
        section(o, &s);
    }
    ai_part(o, r);
}

/// AI assurance, apart from SOC 2: its verdict and each area with its gaps and references.
fn ai_part(o: &mut String, r: &Report) {
    let (Some(ai), Some(line)) = (&r.ai_assurance, r.ai_sentence()) else { return };
    let _ = writeln!(o, "\n## AI assurance, apart from SOC 2: {}\n", ai.verdict.label());
    let _ = writeln!(o, "{}\n", md(&line));
    if let Some(t) = outline::ai_areas(r) {
        table(o, &t);
    }
    let _ = writeln!(o);
    for line in ai.coverage_lines() {
        let _ = writeln!(o, "- {}", md(&line));
    }
}

fn gaps_part(o: &mut String, r: &Report) {
    let real: Vec<_> = r.design_gaps().collect();
    let _ = writeln!(o, "\n## Top gaps\n");
    if real.is_empty() {
        let unanswered = r.gaps.len();
        let _ = writeln!(
            o,
            "{}",
            if unanswered == 0 {
                "None: every scored control operates with evidence over time.".to_string()
            } else {
                format!("None among the answered questions; {} still to answer (below).", plural(unanswered))
            }
        );
    } else {
        let _ = writeln!(
            o,
            "SOC 2 controls not designed yet, critical first, then by weight x shortfall. Showing {} of {}.\n",
            real.len().min(10),
            real.len()
        );
        table(o, &outline::top_gaps(&real, 10));
    }
    let operate: Vec<_> = r.operate_gaps().collect();
    if !operate.is_empty() {
        let _ = writeln!(o, "\n## Operate it and keep evidence\n");
        let _ = writeln!(
            o,
            "Designed and documented, short only of evidence over time: no design work left; run each control and \
             keep its evidence for the Type II window.\n"
        );
        for g in operate {
            let flag = if g.critical { " (**critical**: blocks the Type II report)" } else { "" };
            let _ = writeln!(o, "- {} {}{flag}", code(&g.id), md(&g.text));
        }
    }
    let advice: Vec<_> = r.answered_gaps().filter(|g| g.kind == super::model::GapKind::Advice).collect();
    if !advice.is_empty() {
        let _ = writeln!(o, "\n## Advice outside the audit's scope\n");
        let _ = writeln!(
            o,
            "These serve only criteria of categories out of scope, so they do not count toward the verdict.\n"
        );
        for g in advice {
            let _ = writeln!(o, "- {} {} ({})", code(&g.id), md(&g.text), md(&g.criteria.join(", ")));
        }
    }
}

fn plural(count: usize) -> String {
    crate::estimate::plural(count as f64, "question", "questions")
}

fn plan_part(o: &mut String, r: &Report) {
    let Some(effort) = r.effort.as_ref().filter(|_| r.has_plan()) else { return };
    let _ = writeln!(o, "\n## Remediation plan\n");
    let _ = writeln!(o, "{}\n", md(&effort.explanation()));
    for (title, t) in outline::plan(r) {
        let _ = writeln!(o, "### {title}\n");
        table(o, &t);
        let _ = writeln!(o);
    }
    for line in r.optional_lines() {
        let _ = writeln!(o, "- Optional: {}.", md(&line));
    }
}

fn timeline_part(o: &mut String, r: &Report) {
    let Some(e) = &r.estimate else { return };
    let t = &e.timeline;
    let _ = writeln!(o, "\n## Timeline\n");
    let _ = writeln!(
        o,
        "From {}, with {} FTE on {} person-days of remaining work (the plan's total above).{}\n",
        t.start_date,
        num(e.fte),
        days(e.remaining_days),
        e.start_note.as_ref().map(|s| format!(" {}", md(s))).unwrap_or_default()
    );
    if let Some(t) = outline::phases(r) {
        table(o, &t);
    }
    let _ = writeln!(o, "\n```text");
    for (name, bar) in timeline_bars(t, 40) {
        let _ = writeln!(o, "{name:<28} |{bar}");
    }
    let _ = writeln!(o, "```\n\n█ runs in every case, ▒ may run (the range between the low and the high estimate).\n");
    if let Some(m) = &t.type1_report {
        let _ = writeln!(o, "- Earliest Type I report: {} to {} ({} months)", m.dates[0], m.dates[1], days(m.months));
    }
    let m = &t.type2_report;
    let _ = writeln!(o, "- Earliest Type II report: {} to {} ({} months)", m.dates[0], m.dates[1], days(m.months));
    let _ = writeln!(o, "\n{}", md(&e.comparison.time));
}

fn cost_part(o: &mut String, r: &Report) {
    let Some(e) = &r.estimate else { return };
    let _ = writeln!(o, "\n## Cost\n");
    let _ = writeln!(o, "First year:\n");
    let Some([first, later]) = outline::cost(r) else { return };
    table(o, &first);
    let _ = writeln!(o, "\n{}", md(&e.comparison.cost));
    let _ = writeln!(o, "\nEvery year after the first report:\n");
    table(o, &later);
}

pub fn render(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", md(&r.title()));
    let _ = writeln!(
        o,
        "- Questionnaire: {} ({}, version {})",
        md(&r.questionnaire_title),
        md(&r.questionnaire_id),
        md(&r.questionnaire_version)
    );
    let _ = writeln!(o, "- Date: {}", r.date);
    let _ = writeln!(
        o,
        "- Completion: {}% ({} of {} shown questions answered)",
        r.completion.percent, r.completion.answered, r.completion.shown
    );
    if r.sample {
        let _ = writeln!(o, "- {}", md(crate::assessment::interview::sample::NOTICE));
    }
    for part in sections::parts(r) {
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
            Part::Appendix => appendix(&mut o, r),
        }
    }
    o
}

fn what_if(o: &mut String, r: &Report) {
    let Some(w) = &r.what_if else { return };
    let _ = writeln!(o, "\n## What if: {}\n", md(&w.changes.join(", ")));
    let _ = writeln!(o, "This report assumes the settings above; the assessment itself is unchanged.\n");
    for line in &w.lines {
        let _ = writeln!(o, "- {}", md(line));
    }
}

fn documents_part(o: &mut String, r: &Report) {
    let _ = writeln!(o, "\n## Policy documents\n");
    if r.policies.is_empty() {
        let _ = writeln!(o, "No question names a policy document.");
    } else {
        table(o, &outline::policies(r));
    }
    let _ = writeln!(o, "\n## Evidence checklist for the Type II window\n");
    if r.evidence.is_empty() {
        let _ = writeln!(o, "No evidence items are listed for the shown questions.");
    }
    for e in &r.evidence {
        let ids: Vec<String> = e.questions.iter().map(|q| code(q)).collect();
        let _ = writeln!(o, "- [{}] {} ({})", if e.ready { "x" } else { " " }, md(&e.item), ids.join(", "));
    }
}

/// The assumptions and every answer, by section.
fn appendix(o: &mut String, r: &Report) {
    if let Some(t) = outline::assumptions(r) {
        let _ = writeln!(o, "\n## Assumptions\n");
        table(o, &t);
    }

    let _ = writeln!(o, "\n## Appendix: all answers\n");
    let mut section = "";
    for a in &r.answers {
        if a.section != section {
            section = &a.section;
            let _ = writeln!(o, "\n### {}\n", md(section));
        }
        let answer = a.answer.as_deref().map(md).unwrap_or_else(|| "*unanswered*".into());
        let flag = format!(
            "{}{}{}",
            if a.follow_up { " *(follow-up)*" } else { "" },
            reviewed(a.reviewed),
            if a.to_confirm { " *(carried over, to confirm)*" } else { "" }
        );
        let by = if a.answered_by.is_empty() { String::new() } else { format!(" — {}", md(&a.answered_by)) };
        let _ = writeln!(o, "- {} {}: **{answer}**{flag}{by}", code(&a.id), md(&a.text));
        if !a.note.is_empty() {
            let _ = writeln!(o, "  - Note: {}", md(&a.note));
        }
        if !a.evidence.is_empty() {
            let refs: Vec<String> = a.evidence.iter().map(|e| md(e)).collect();
            let _ = writeln!(o, "  - Evidence: {}", refs.join("; "));
        }
    }
}
