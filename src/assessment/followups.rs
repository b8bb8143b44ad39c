//! The follow-up list a client acts on: every question flagged for follow-up or answered "don't know",
//! and every open observation, with its owner and due date.

use serde::Serialize;

use super::answer::describe;
use super::document::Assessment;
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
}

/// The follow-ups in questionnaire order: a question's own entry first, then its observations.
pub fn follow_ups(a: &Assessment) -> Vec<FollowUp> {
    let mut out = Vec::new();
    let mut observations: std::collections::HashMap<&str, Vec<&super::interview::Observation>> =
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
            ("observation", _) if f.risk.is_empty() => format!("Observation {}: {}", f.id, f.detail),
            ("observation", _) => format!("Observation {}: {} (risk: {})", f.id, f.detail, f.risk),
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

/// The list as CSV with a header row, every cell safe from formula injection.
pub fn to_csv(list: &[FollowUp]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "kind",
        "id",
        "section",
        "question",
        "text",
        "answer",
        "detail",
        "risk",
        "recommendation",
        "owner",
        "due",
    ])
    .expect("writing to memory cannot fail");
    for f in list {
        let row = [
            f.kind,
            &f.id,
            &f.section,
            &f.question,
            &f.text,
            &f.answer,
            &f.detail,
            &f.risk,
            &f.recommendation,
            &f.owner,
            &f.due,
        ];
        w.write_record(row.iter().map(|c| crate::text::spreadsheet_safe(c).into_owned()))
            .expect("writing to memory cannot fail");
    }
    let bytes = w.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("every cell is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::observations::{ObservationFields, add};
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
        crate::assessment::observations::set_closed(&mut a, "obs-2", true, "t").unwrap();
        let list = follow_ups(&a);
        let rows: Vec<_> = list.iter().map(|f| (f.kind, f.question.as_str(), f.owner.as_str())).collect();
        assert_eq!(
            rows,
            [("observation", "a.mfa", "Eve"), ("question", "a.reviews", ""), ("question", "v.review", "Dana")]
        );
        assert_eq!(list[1].answer, "Don't know (flagged for follow-up)");
        assert_eq!(list[2].due, "2026-02-01");
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
            let expected = crate::text::spreadsheet_safe(&note);
            proptest::prop_assert_eq!(&rows[0][6], expected.as_ref());
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
