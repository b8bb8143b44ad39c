//! The follow-up list a client acts on: every question flagged for follow-up or answered "don't know",
//! and every observation not closed (open, remediated or verified), with its owner and due date.

use serde::Serialize;

use crate::assessment::model::answer::describe;
use crate::assessment::model::document::Assessment;
use crate::questionnaire::format::UNKNOWN;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    /// `question` (flagged or "don't know") or `observation`.
    pub kind: &'static str,
    /// The observation's id, or empty.
    pub id: String,
    pub section: String,
    pub question: String,
    pub text: String,
    /// The answer as people read it, or empty.
    pub answer: String,
    /// For a question: its note. For an observation: what was seen.
    pub detail: String,
    pub risk: String,
    pub recommendation: String,
    pub owner: String,
    pub due: String,
    /// Who to ask: the person named to ask about the question, or else who gave its answer (who said
    /// "don't know", or answered what was flagged). Empty when nobody was named.
    pub ask: String,
    /// For an observation: open, remediated or verified. For a question: `open`.
    pub status: &'static str,
}

/// The follow-ups in questionnaire order: a question's own entry first, then its observations.
pub fn follow_ups(a: &Assessment) -> Vec<FollowUp> {
    let mut out = Vec::new();
    let mut observations: std::collections::HashMap<&str, Vec<&crate::assessment::model::records::Observation>> =
        std::collections::HashMap::new();
    for o in a.observations.iter().filter(|o| !o.status.is_closed()) {
        observations.entry(o.question.as_str()).or_default().push(o);
    }
    for section in &a.questionnaire().sections {
        for q in &section.questions {
            let base = FollowUp {
                kind: "question",
                id: String::new(),
                section: section.title.clone(),
                question: q.id.clone(),
                text: q.text.clone(),
                answer: String::new(),
                detail: String::new(),
                risk: String::new(),
                recommendation: String::new(),
                owner: String::new(),
                due: String::new(),
                // Who to ask, when a meeting named them; otherwise who gave the answer.
                ask: a
                    .answers
                    .get(&q.id)
                    .map(|x| if x.ask.is_empty() { x.answered_by.clone() } else { x.ask.clone() })
                    .unwrap_or_default(),
                status: "open",
            };
            let answer = a.answers.get(&q.id);
            let unknown = answer.and_then(|x| x.value.as_ref()).and_then(|v| v.as_text()) == Some(UNKNOWN);
            if let Some(x) = answer.filter(|x| x.follow_up || unknown) {
                out.push(FollowUp {
                    answer: x.value.as_ref().map(|v| describe(q, v)).unwrap_or_default(),
                    detail: x.note.clone(),
                    recommendation: q.remediation.clone(),
                    owner: x.owner.clone(),
                    due: x.due.clone(),
                    ..base.clone()
                });
            }
            for o in observations.get(q.id.as_str()).into_iter().flatten() {
                out.push(FollowUp {
                    kind: "observation",
                    id: o.id.clone(),
                    answer: answer.and_then(|x| x.value.as_ref()).map(|v| describe(q, v)).unwrap_or_default(),
                    detail: o.seen.clone(),
                    risk: o.risk.clone(),
                    recommendation: o.recommendation.clone(),
                    owner: o.owner.clone(),
                    due: o.due.clone(),
                    status: o.status.id(),
                    ..base.clone()
                });
            }
        }
    }
    out
}

/// A Markdown table cell: one line, no pipe that would split the cell.
fn cell(text: &str) -> String {
    let text = crate::text::one_line(text).replace('|', "\\|");
    if text.is_empty() { "—".to_string() } else { text }
}

/// The list as Markdown, titled with the organisation and questionnaire.
pub fn to_markdown(a: &Assessment, list: &[FollowUp]) -> String {
    let mut out = format!(
        "# Follow-ups: {}\n\n{}\n\n",
        crate::text::one_line(&a.org),
        crate::text::one_line(&a.questionnaire().title)
    );
    if list.is_empty() {
        out.push_str(
            "Nothing to follow up: no question is flagged or answered \"don't know\", and no observation is open.\n",
        );
        return out;
    }
    let n = list.len();
    out.push_str(&format!("{n} item{} to act on.\n\n", if n == 1 { "" } else { "s" }));
    out.push_str("| # | Question | Answer | Follow-up | Recommendation | Owner | Due |\n");
    out.push_str("|---|---|---|---|---|---|---|\n");
    for (i, f) in list.iter().enumerate() {
        let what = match (f.kind, f.detail.is_empty()) {
            ("observation", _) => {
                let mut text = format!("Observation {}: {}", f.id, f.detail);
                let status = (f.status != "open").then(|| f.status.to_string());
                let risk = (!f.risk.is_empty()).then(|| format!("risk: {}", f.risk));
                let about: Vec<String> = [risk, status].into_iter().flatten().collect();
                if !about.is_empty() {
                    text.push_str(&format!(" ({})", about.join("; ")));
                }
                text
            }
            (_, true) => "Flagged for follow-up".to_string(),
            (_, false) => f.detail.clone(),
        };
        out.push_str(&format!(
            "| {} | `{}` {} | {} | {} | {} | {} | {} |\n",
            i + 1,
            cell(&f.question),
            cell(&f.text),
            cell(&f.answer),
            cell(&what),
            cell(&f.recommendation),
            cell(&f.owner),
            cell(&f.due),
        ));
    }
    out
}

/// What the client is to do about one item, in a sentence or two: the finding and what to do about it,
/// what to find out, or why it was flagged and the fix.
pub fn what_to_do(f: &FollowUp) -> String {
    let mut parts = Vec::new();
    if f.kind == "observation" {
        parts.push(format!("Finding {}: {}", f.id, f.detail));
        if !f.risk.is_empty() {
            parts.push(format!("Risk: {}", f.risk));
        }
    } else if f.answer.starts_with("Don't know") {
        parts.push(if f.detail.is_empty() {
            "Find out the answer".to_string()
        } else {
            format!("Find out the answer: {}", f.detail)
        });
    } else {
        parts.push(if f.detail.is_empty() { "Flagged for follow-up".to_string() } else { f.detail.clone() });
    }
    if !f.recommendation.is_empty() {
        parts.push(format!("Do: {}", f.recommendation));
    }
    parts.iter().map(|p| p.trim_end_matches('.').to_string()).collect::<Vec<_>>().join(". ") + "."
}

/// The CSV's columns, in words a client reads (C13: `question` held the id and `id` the observation's).
pub const CSV_HEADER: [&str; 7] = ["Question id", "Question", "What to do", "Owner", "Due", "Who to ask", "Status"];

/// The list as CSV with a header row, every cell safe from formula injection.
pub fn to_csv(list: &[FollowUp]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER).expect("writing to memory cannot fail");
    for f in list {
        let what = what_to_do(f);
        let row = [&f.question, &f.text, &what, &f.owner, &f.due, &f.ask, f.status];
        w.write_record(row.iter().map(|c| crate::text::spreadsheet_safe(c).into_owned()))
            .expect("writing to memory cannot fail");
    }
    let bytes = w.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("every cell is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::model::observations::{ObservationFields, Status, add};
    use crate::scoring::tests::answered;

    #[test]
    fn flagged_unknown_and_open_observations_are_listed_in_order() {
        let mut a = answered(&[("a.mfa", "documented"), ("a.reviews", "unknown"), ("v.review", "some")]);
        a.toggle_follow_up("v.review", "t");
        a.answers.get_mut("v.review").unwrap().owner = "Dana".into();
        a.answers.get_mut("v.review").unwrap().due = "2026-02-01".into();
        let fields = ObservationFields { seen: "MFA off for admins".into(), owner: "Eve".into(), ..Default::default() };
        add(&mut a, "a.mfa", fields, "", "t").unwrap();
        add(&mut a, "a.sso", ObservationFields { seen: "closed one".into(), ..Default::default() }, "", "t").unwrap();
        crate::assessment::model::observations::set_closed(&mut a, "obs-2", true, "t").unwrap();
        let list = follow_ups(&a);
        let rows: Vec<_> = list.iter().map(|f| (f.kind, f.question.as_str(), f.owner.as_str())).collect();
        assert_eq!(
            rows,
            [("observation", "a.mfa", "Eve"), ("question", "a.reviews", ""), ("question", "v.review", "Dana")]
        );
        assert_eq!(list[1].answer, "Don't know (flagged for follow-up)");
        assert_eq!(list[2].due, "2026-02-01");
    }

    #[test]
    fn the_csv_has_the_columns_a_client_reads() {
        let mut a = answered(&[("a.reviews", "unknown"), ("v.review", "some")]);
        a.answers.get_mut("a.reviews").unwrap().answered_by = "Sam".into();
        a.set_note("a.reviews", "Dana keeps the Q3 review", "t");
        a.toggle_follow_up("v.review", "t");
        let fields = ObservationFields {
            seen: "MFA off for admins".into(),
            risk: "high".into(),
            recommendation: "Enforce MFA in the IdP.".into(),
            owner: "Eve".into(),
            due: "2026-03-31".into(),
        };
        add(&mut a, "a.mfa", fields, "Carol", "t").unwrap();
        crate::assessment::model::observations::set_status(&mut a, "obs-1", Status::Remediated, "Eve", "t").unwrap();
        let small = crate::scoring::tests::small();
        let text = |id: &str| small.question(id).unwrap().1.text.clone();
        let remediation = |id: &str| small.question(id).unwrap().1.remediation.clone();
        let csv = to_csv(&follow_ups(&a));
        let rows: Vec<Vec<String>> = csv::Reader::from_reader(csv.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        assert_eq!(csv.lines().next().unwrap(), "Question id,Question,What to do,Owner,Due,Who to ask,Status");
        let dont_know = format!("Find out the answer: Dana keeps the Q3 review. Do: {}", remediation("a.reviews"));
        let flagged = format!("Flagged for follow-up. Do: {}", remediation("v.review"));
        let expected = [
            [
                "a.mfa",
                &text("a.mfa"),
                "Finding obs-1: MFA off for admins. Risk: high. Do: Enforce MFA in the IdP.",
                "Eve",
                "2026-03-31",
                "",
                "remediated",
            ],
            ["a.reviews", &text("a.reviews"), &format!("{}.", dont_know.trim_end_matches('.')), "", "", "Sam", "open"],
            ["v.review", &text("v.review"), &format!("{}.", flagged.trim_end_matches('.')), "", "", "", "open"],
        ];
        assert_eq!(rows, expected.map(|r| r.map(str::to_string)));
        // The Markdown says where a finding stands when it is past open.
        let md = to_markdown(&a, &follow_ups(&a));
        assert!(md.contains("| Observation obs-1: MFA off for admins (risk: high; remediated) |"), "{md}");
    }

    proptest::proptest! {
        /// Whatever a note holds, the CSV reads back as the same one row with the note intact (or
        /// neutralised), and the Markdown row stays one table row of seven cells with nothing unsafe.
        #[test]
        fn any_note_stays_in_its_cell(note in "[=+@|,;\"'\\\\\n\r\t\u{1b}\u{202e}a-z ]{0,40}") {
            let mut a = answered(&[("a.reviews", "unknown")]);
            a.set_note("a.reviews", &note, "t");
            let list = follow_ups(&a);
            let csv_text = to_csv(&list);
            let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
            let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
            proptest::prop_assert_eq!(rows.len(), 1);
            let what = what_to_do(&list[0]);
            let expected = crate::text::spreadsheet_safe(&what);
            proptest::prop_assert_eq!(&rows[0][2], expected.as_ref());
            proptest::prop_assert!(what.contains(note.trim_end_matches('.')), "{} in {}", note, what);
            proptest::prop_assert!(!rows[0].iter().any(|c| c.starts_with(['=', '+', '-', '@', '\t', '\r'])));

            let md = to_markdown(&a, &list);
            let row = md.lines().last().unwrap();
            proptest::prop_assert_eq!(md.lines().count(), 9, "{}", md);
            let bars = row.char_indices().filter(|&(i, c)| c == '|' && !row[..i].ends_with('\\')).count();
            proptest::prop_assert_eq!(bars, 8, "{}", row);
            proptest::prop_assert!(!md.chars().any(crate::text::is_unsafe));
        }
    }
}
