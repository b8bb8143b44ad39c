//! The report as one self-contained HTML file: inline CSS, no scripts, nothing fetched, readable in a
//! browser and on paper. All questionnaire and answer text is escaped here (five characters, so a small
//! function rather than a dependency), after control characters are made visible.

use std::fmt::Write;

use super::markdown::{days, gauge, num, timeline_bars};
use super::model::{QuestionLine, Report};
use crate::estimate::money;
use crate::scoring::Score;

const CSS: &str = include_str!("../../assets/report.css");

/// Untrusted text, safe inside HTML elements and quoted attributes.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::visible(text).chars() {
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

fn score(s: Option<Score>) -> (String, String) {
    s.map_or(("-".into(), "-".into()), |s| (num(s.type1), num(s.type2)))
}

fn table(o: &mut String, head: &[&str], rows: &[Vec<String>]) {
    let _ = write!(o, "<table><thead><tr>");
    for h in head {
        let _ = write!(o, "<th>{}</th>", esc(h));
    }
    let _ = writeln!(o, "</tr></thead><tbody>");
    for row in rows {
        let _ = write!(o, "<tr>");
        for cell in row {
            let _ = write!(o, "<td>{cell}</td>");
        }
        let _ = writeln!(o, "</tr>");
    }
    let _ = writeln!(o, "</tbody></table>");
}

fn list(o: &mut String, title: &str, items: &[QuestionLine], empty: &str) {
    let _ = writeln!(o, "<h2>{}</h2>", esc(title));
    if items.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", esc(empty));
        return;
    }
    let _ = writeln!(o, "<ul>");
    for l in items {
        let answer = l.answer.as_deref().map(|a| format!(" (answer: {})", esc(a))).unwrap_or_default();
        let note = if l.note.is_empty() { String::new() } else { format!(" — {}", esc(&l.note)) };
        let _ = writeln!(o, "<li><code>{}</code> {}{answer}{note}</li>", esc(&l.id), esc(&l.text));
    }
    let _ = writeln!(o, "</ul>");
}

pub fn render(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">");
    let _ = writeln!(o, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    let _ =
        writeln!(o, "<title>SOC 2 readiness report: {}</title>\n<style>\n{CSS}</style>\n</head>\n<body>", esc(&r.org));
    let _ = writeln!(o, "<h1>SOC 2 readiness report: {}</h1>", esc(&r.org));
    let _ = writeln!(
        o,
        "<p class=\"meta\">{} ({}, version {}) · {} · {}% complete ({} of {} shown questions answered; unanswered questions count as not in place)</p>",
        esc(&r.questionnaire_title),
        esc(&r.questionnaire_id),
        esc(&r.questionnaire_version),
        r.date,
        r.completion.percent,
        r.completion.answered,
        r.completion.shown
    );

    let (t1, t2) = score(r.overall);
    let _ = writeln!(
        o,
        "<section class=\"verdict\"><h2>Verdict: {}</h2><p>{}</p>",
        esc(r.verdict.label()),
        esc(&r.verdict.meaning())
    );
    table(
        &mut o,
        &["Report", "Score (0-100)"],
        &[vec!["Type I (controls designed)".into(), t1], vec!["Type II (controls operating over time)".into(), t2]],
    );
    let _ = writeln!(o, "</section>");

    if let Some(v) = &r.vendor {
        let _ = writeln!(o, "<h2>Vendor risk: {}</h2><p>{}</p><ul>", esc(v.risk.id()), esc(v.risk.meaning()));
        for reason in &v.reasons {
            let _ = writeln!(o, "<li>{}</li>", esc(reason));
        }
        let _ = writeln!(o, "</ul><h3>Contract terms to ask for</h3><ul>");
        for term in &v.contract_terms {
            let _ = writeln!(o, "<li>{}</li>", esc(term));
        }
        let _ = writeln!(o, "</ul>");
    }

    let _ = writeln!(o, "<h2>Blockers</h2>");
    if r.blockers.is_empty() {
        let _ = writeln!(o, "<p>None: every critical control is at least documented.</p>");
    } else {
        let _ = writeln!(o, "<ul>");
        for b in &r.blockers {
            let answer = b.answer.as_deref().map(esc).unwrap_or_else(|| "unanswered".into());
            let _ = writeln!(o, "<li><code>{}</code> {} — {answer} ({})</li>", esc(&b.id), esc(&b.text), esc(&b.note));
        }
        let _ = writeln!(o, "</ul>");
    }

    let _ = writeln!(o, "<h2>Scores by section</h2>");
    let rows: Vec<_> = r.sections.iter().map(|s| vec![esc(&s.title), num(s.score.type1), num(s.score.type2)]).collect();
    table(&mut o, &["Section", "Type I", "Type II"], &rows);
    let _ = writeln!(o, "<h2>Scores by Trust Services category</h2>");
    let rows: Vec<_> = r.categories.iter().map(|(c, s)| vec![esc(c.label()), num(s.type1), num(s.type2)]).collect();
    table(&mut o, &["Category", "Type I", "Type II"], &rows);
    let _ = writeln!(o, "<h2>AI-specific areas</h2>");
    let rows: Vec<_> = r
        .ai_areas
        .iter()
        .map(|(a, s)| {
            let (x, y) = score(*s);
            let bar = s.map_or("not assessed".into(), |s| format!("<span class=\"bar\">{}</span>", gauge(s.type1, 10)));
            vec![esc(a.label()), x, y, bar]
        })
        .collect();
    table(&mut o, &["Area", "Type I", "Type II", ""], &rows);

    let _ = writeln!(o, "<h2>Gaps</h2>");
    if r.gaps.is_empty() {
        let _ = writeln!(o, "<p>None: every scored control operates with evidence over time.</p>");
    } else {
        let _ = writeln!(o, "<p>Ranked critical first, then by weight × shortfall.</p>");
        let rows: Vec<_> = r
            .gaps
            .iter()
            .enumerate()
            .map(|(i, g)| {
                vec![
                    (i + 1).to_string(),
                    format!(
                        "{}{} <code>{}</code>",
                        if g.critical { "<strong>critical</strong> " } else { "" },
                        esc(&g.text),
                        esc(&g.id)
                    ),
                    num(g.priority),
                    esc(&g.criteria.join(", ")),
                    esc(&g.remediation),
                    g.effort_days.map_or("-".into(), |[l, h]| format!("{l}-{h}")),
                    esc(&g.policy),
                ]
            })
            .collect();
        table(&mut o, &["#", "Question", "Priority", "Criteria", "Remediation", "Effort (days)", "Policy"], &rows);
    }

    let _ = writeln!(o, "<h2>Remediation plan</h2>");
    for (title, groups) in [("By policy document", &r.plan_by_policy), ("By area", &r.plan_by_area)] {
        let _ = writeln!(o, "<h3>{title}</h3>");
        let rows: Vec<_> =
            groups.iter().map(|g| vec![esc(&g.name), g.questions.len().to_string(), days(g.remaining_days)]).collect();
        table(&mut o, &["Name", "Gaps", "Remaining person-days"], &rows);
    }

    if let Some(e) = &r.estimate {
        let t = &e.timeline;
        let _ = writeln!(
            o,
            "<h2>Timeline</h2><p>From {}, with {} FTE on {} person-days of remaining work.</p>",
            t.start_date,
            num(e.fte),
            days(e.remaining_days)
        );
        let bars = timeline_bars(t, 40);
        let rows: Vec<_> = t
            .phases
            .iter()
            .zip(bars)
            .map(|(p, (_, bar))| {
                vec![
                    esc(&p.name),
                    days(p.weeks),
                    p.start.to_string(),
                    p.end.to_string(),
                    format!("<span class=\"bar\">{bar}</span>"),
                ]
            })
            .collect();
        table(&mut o, &["Phase", "Weeks", "From", "Until", ""], &rows);
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
        let _ = writeln!(o, "<h2>Cost</h2>");
        let mut rows: Vec<_> =
            e.cost.items.iter().map(|i| vec![esc(&i.name), money(i.low), money(i.high), esc(&i.basis)]).collect();
        rows.push(vec![
            "<strong>External spend</strong>".into(),
            money(e.cost.external_total[0]),
            money(e.cost.external_total[1]),
            String::new(),
        ]);
        rows.push(vec!["<strong>Total</strong>".into(), money(e.cost.total[0]), money(e.cost.total[1]), String::new()]);
        table(&mut o, &["Item", "Low (USD)", "High (USD)", "Basis"], &rows);
        let _ = writeln!(o, "<p>{}</p>", esc(&e.comparison.cost));
    }

    let _ = writeln!(o, "<h2>Policy documents</h2>");
    let rows: Vec<_> = r.policies.iter().map(|p| vec![esc(&p.name), esc(&p.status)]).collect();
    table(&mut o, &["Document", "Status"], &rows);

    let _ = writeln!(o, "<h2>Evidence checklist for the Type II window</h2><ul class=\"checklist\">");
    for e in &r.evidence {
        let _ = writeln!(
            o,
            "<li>{} {} <small>({})</small></li>",
            if e.ready { "☑" } else { "☐" },
            esc(&e.item),
            esc(&e.questions.join(", "))
        );
    }
    let _ = writeln!(o, "</ul>");

    list(&mut o, "Follow-ups", &r.follow_ups, "None.");
    list(&mut o, "Unanswered questions", &r.unanswered, "None: every shown question is answered.");
    list(&mut o, "Not applicable", &r.not_applicable, "None.");

    let _ = writeln!(o, "<h2>Assumptions</h2>");
    let rows: Vec<_> = r.assumptions.iter().map(|a| vec![esc(&a.name), esc(&a.value), esc(&a.source)]).collect();
    table(&mut o, &["Assumption", "Value", "Source"], &rows);

    let _ = writeln!(o, "<h2>Appendix: all answers</h2>");
    let rows: Vec<_> = r
        .answers
        .iter()
        .map(|a| {
            vec![
                esc(&a.section),
                format!("<code>{}</code> {}", esc(&a.id), esc(&a.text)),
                a.answer.as_deref().map_or("<em>unanswered</em>".into(), esc),
                format!("{}{}", esc(&a.note), if a.follow_up { " <em>(follow-up)</em>" } else { "" }),
                a.evidence.iter().map(|e| esc(e)).collect::<Vec<_>>().join("<br>"),
                esc(&a.answered_by),
            ]
        })
        .collect();
    table(&mut o, &["Section", "Question", "Answer", "Note", "Evidence", "By"], &rows);
    let _ = writeln!(o, "</body>\n</html>");
    o
}
