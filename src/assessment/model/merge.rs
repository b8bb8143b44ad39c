//! Merging assessments of one questionnaire: two people interviewed separately, or a client's own
//! pre-fill and the consultant's session.
//!
//! Answers that agree are merged, with everyone who gave them recorded; answers that differ are
//! conflicts, settled by a rule when one is given and otherwise kept open in the merged file (see
//! [`super::conflicts`]) for the interface to walk. Files of another questionnaire, or another version of
//! it, are merged by question id when their answers fit, and what does not fit is listed; when nothing
//! fits they are refused.

use std::collections::BTreeMap;

use serde::Serialize;

use super::answer::{Answer, AnswerValue, check_value, describe};
use super::change::{Change, Ctx, apply};
use super::conflicts::{Candidate, Conflict};
use super::document::Assessment;
use super::records::Observation;

/// One file to merge, and the name it goes by in lists (its file name without `.json`).
#[derive(Debug, Clone)]
pub struct Input {
    pub label: String,
    pub assessment: Assessment,
}

/// How to settle answers that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefer {
    /// The answer changed last.
    Newest,
    /// The answer of the first file given (then the second, and so on, for a question it did not answer).
    First,
    /// The answer checked against evidence; left open when none, or several that differ, were reviewed.
    Reviewed,
}

impl Prefer {
    pub fn id(self) -> &'static str {
        match self {
            Prefer::Newest => "newest",
            Prefer::First => "A",
            Prefer::Reviewed => "reviewed",
        }
    }
}

/// The merged assessment and what the merge found.
#[derive(Debug, Clone)]
pub struct Merged {
    pub assessment: Assessment,
    pub summary: MergeSummary,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergeSummary {
    pub files: Vec<String>,
    /// Whether some file answers another questionnaire or version and was matched by question id.
    pub mapped_by_question_id: bool,
    /// Questions answered, after the merge (open conflicts not counted).
    pub answered: usize,
    /// Questions that two or more files answered the same way.
    pub agreed: Vec<Agreement>,
    pub conflicts: Vec<ConflictLine>,
    /// Answers that could not be carried into the merged questionnaire.
    pub unmatched: Vec<Unmatched>,
}

impl MergeSummary {
    pub fn open_conflicts(&self) -> usize {
        self.conflicts.iter().filter(|c| c.kept.is_none()).count()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    pub question: String,
    /// Who gave the answer, each once.
    pub by: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictLine {
    pub question: String,
    pub text: String,
    pub answers: Vec<CandidateLine>,
    /// The file whose answer was kept by the rule; `None` when the conflict is left open.
    pub kept: Option<String>,
    /// Why the rule did not settle it, when it did not: the newest answers were changed at the same time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_open: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateLine {
    pub from: String,
    pub by: String,
    pub answer: String,
    pub updated_at: String,
    pub reviewed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unmatched {
    pub from: String,
    pub question: String,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("give at least two assessments to merge")]
    TooFew,
    /// Another questionnaire with no answer that fits this one; the message names both.
    #[error("{0}")]
    Unrelated(String),
}

/// Why `other` cannot be merged into `base` whatever its answers: another questionnaire (another id or
/// kind; a readiness and a vendor assessment among them), or a customer questionnaire imported from
/// another workbook whose question of the same row id asks something else (two customers' files both
/// have a row `1`). Versions of one questionnaire (same id, another version) pass, to be matched by
/// question id.
fn unrelated(base: &Input, other: &Input) -> Option<String> {
    use crate::questionnaire::Kind;
    let (a, b) = (&base.assessment, &other.assessment);
    let (qa, qb) = (a.questionnaire(), b.questionnaire());
    let names = format!(
        "{other} answers questionnaire `{}` {} and {base} answers `{}` {}",
        b.questionnaire.id,
        b.questionnaire.version,
        a.questionnaire.id,
        a.questionnaire.version,
        other = other.label,
        base = base.label,
    );
    let advice = "merge assessments of the same questionnaire";
    if a.questionnaire.id != b.questionnaire.id || qa.kind != qb.kind {
        return Some(format!(
            "{names}: different questionnaires, which may share question ids but do not ask the same things, \
             so they cannot be merged; {advice}"
        ));
    }
    if qa.kind != Kind::Customer || same_questionnaire(a, b) {
        return None;
    }
    if let (Some(sa), Some(sb)) = (&a.source, &b.source)
        && sa.sha256 == sb.sha256
    {
        return None;
    }
    // Imported from different workbooks: the same questionnaire only if every question they share asks the
    // same thing, on the same sheet.
    let texts: std::collections::HashMap<&str, &str> =
        qa.questions().map(|(_, q)| (q.id.as_str(), q.text.as_str())).collect();
    let norm = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let sheet = |x: &Assessment, id: &str| x.source.as_ref().and_then(|s| s.cells.get(id)).map(|c| c.sheet.clone());
    for (_, q) in qb.questions() {
        let Some(text) = texts.get(q.id.as_str()) else { continue };
        if norm(text) != norm(&q.text) {
            return Some(format!(
                "{names}, customer questionnaires imported from different workbooks: question {} asks \"{}\" in {} \
                 and \"{}\" in {}, so their answers cannot be merged; {advice}",
                q.id,
                crate::text::one_line(&q.text),
                other.label,
                crate::text::one_line(text),
                base.label,
            ));
        }
        if sheet(a, &q.id) != sheet(b, &q.id) {
            return Some(format!(
                "{names}, customer questionnaires imported from different workbooks: question {} is on sheet \
                 \"{}\" in {} and \"{}\" in {}, so their answers cannot be merged; {advice}",
                q.id,
                crate::text::one_line(&sheet(b, &q.id).unwrap_or_default()),
                other.label,
                crate::text::one_line(&sheet(a, &q.id).unwrap_or_default()),
                base.label,
            ));
        }
    }
    None
}

pub(super) fn same_questionnaire(a: &Assessment, b: &Assessment) -> bool {
    a.questionnaire.id == b.questionnaire.id
        && a.questionnaire.version == b.questionnaire.version
        && a.questionnaire.hash == b.questionnaire.hash
}

/// Who gave an answer: its respondent, or the file it came from when nobody was named.
fn who(answer: &Answer, label: &str) -> String {
    if answer.answered_by.trim().is_empty() { label.to_string() } else { answer.answered_by.clone() }
}

pub(super) fn push_unique(list: &mut Vec<String>, item: &str) {
    if !item.is_empty() && !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}

/// Merge the files in the order given: the first file's questionnaire, organisation and place are kept.
pub fn merge(inputs: &[Input], prefer: Option<Prefer>, now: &str) -> Result<Merged, MergeError> {
    let [first, rest @ ..] = inputs else { return Err(MergeError::TooFew) };
    if rest.is_empty() {
        return Err(MergeError::TooFew);
    }
    let base = &first.assessment;
    let q = base.questionnaire();
    // Looking each answer's question up by id, not by a scan, keeps the merge linear.
    let by_id: std::collections::HashMap<&str, &crate::questionnaire::Question> =
        q.sections.iter().flat_map(|s| &s.questions).map(|x| (x.id.as_str(), x)).collect();
    let mut mapped = false;
    let mut unmatched = Vec::new();
    // Per question, each entry that fits: (index into `labels`, answer). A file's own open conflicts join
    // in as one entry per candidate, under the name of the file the candidate came from.
    let mut labels: Vec<String> = inputs.iter().map(|x| x.label.clone()).collect();
    let mut entries: BTreeMap<&str, Vec<(usize, &Answer)>> = BTreeMap::new();
    for input in rest {
        if let Some(why) = unrelated(first, input) {
            return Err(MergeError::Unrelated(why));
        }
    }
    for (i, input) in inputs.iter().enumerate() {
        let exact = same_questionnaire(base, &input.assessment);
        mapped |= !exact;
        let mut fitted = 0;
        let mut answered = 0;
        let candidates = input
            .assessment
            .conflicts
            .iter()
            .flat_map(|c| c.candidates.iter().map(move |x| (Some(x.from.as_str()), &c.question, &x.answer)));
        let own = input.assessment.answers.iter().map(|(id, answer)| (None, id, answer));
        for (from, id, answer) in own.chain(candidates) {
            let i = match from {
                None => i,
                Some(name) => {
                    labels.push(name.to_string());
                    labels.len() - 1
                }
            };
            answered += usize::from(answer.value.is_some());
            let Some(&question) = by_id.get(id.as_str()) else {
                unmatched.push(Unmatched {
                    from: input.label.clone(),
                    question: id.clone(),
                    why: format!("{} {} has no such question", q.id, q.version),
                });
                continue;
            };
            if let Some(value) = &answer.value
                && let Err(e) = check_value(question, value)
            {
                unmatched.push(Unmatched { from: input.label.clone(), question: id.clone(), why: e.to_string() });
                continue;
            }
            fitted += usize::from(answer.value.is_some());
            entries.entry(question.id.as_str()).or_default().push((i, answer));
        }
        if !exact && answered > 0 && fitted == 0 {
            return Err(MergeError::Unrelated(format!(
                "{other} answers questionnaire `{}` {} and {} answers `{}` {}, and none of {other}'s answers matches \
                 a question of {}'s by id and value, so they cannot be merged; merge assessments of the same \
                 questionnaire",
                input.assessment.questionnaire.id,
                input.assessment.questionnaire.version,
                first.label,
                base.questionnaire.id,
                base.questionnaire.version,
                first.label,
                other = input.label,
            )));
        }
    }

    // The merged file's answers are recorded through the one write path, in questionnaire order, so a value
    // that contradicts one already kept (file A's headcount of 10, file B's 40 engineers) is refused and
    // left open with the reason, never combined silently.
    let mut merged = base.clone();
    merged.answers = BTreeMap::new();
    merged.conflicts = Vec::new();
    let mut agreed = Vec::new();
    let mut conflict_lines = Vec::new();
    let mut open = Vec::new();
    for question in q.sections.iter().flat_map(|s| &s.questions) {
        let Some(list) = entries.get(question.id.as_str()) else { continue };
        let valued: Vec<&(usize, &Answer)> = list.iter().filter(|(_, x)| x.value.is_some()).collect();
        let mut values: Vec<&AnswerValue> = Vec::new();
        for (_, x) in &valued {
            let v = x.value.as_ref().expect("filtered on values");
            if !values.contains(&v) {
                values.push(v);
            }
        }
        // The answers a conflict on this question lists: those with a value, or every entry when none has
        // one (a note alone refused).
        let listed: Vec<&(usize, &Answer)> = if valued.is_empty() { list.iter().collect() } else { valued.clone() };
        let line = |kept: Option<usize>, left_open: Option<String>| ConflictLine {
            question: question.id.clone(),
            text: question.text.clone(),
            answers: listed
                .iter()
                .map(|(i, x)| CandidateLine {
                    from: labels[*i].clone(),
                    by: x.answered_by.clone(),
                    answer: x.value.as_ref().map_or_else(|| "(no answer)".to_string(), |v| describe(question, v)),
                    updated_at: x.updated_at.clone(),
                    reviewed: x.reviewed.is_some(),
                })
                .collect(),
            kept: kept.map(|i| labels[i].clone()),
            left_open,
        };
        let conflict = || Conflict {
            question: question.id.clone(),
            candidates: listed
                .iter()
                .map(|(i, x)| Candidate { from: labels[*i].clone(), answer: (*x).clone() })
                .collect(),
        };
        let keep = |merged: &mut Assessment, entry: Answer| {
            let change = Change::Keep { question: question.id.clone(), entry };
            apply(merged, &change, Ctx::at(now)).map(|_| ()).map_err(|e| format!("left open: {e}"))
        };
        if values.len() <= 1 {
            match keep(&mut merged, combine(&labels, list)) {
                Ok(()) if valued.len() >= 2 => {
                    let mut by = Vec::new();
                    for (i, x) in &valued {
                        push_unique(&mut by, &who(x, &labels[*i]));
                    }
                    agreed.push(Agreement { question: question.id.clone(), by });
                }
                Ok(()) => {}
                Err(why) => {
                    conflict_lines.push(line(None, Some(why)));
                    open.push(conflict());
                }
            }
            continue;
        }
        let (kept, left_open) = match prefer.map(|rule| pick(rule, &valued)) {
            Some(Ok(Some((i, answer)))) => match keep(&mut merged, answer.clone()) {
                Ok(()) => (Some(i), None),
                Err(why) => (None, Some(why)),
            },
            Some(Ok(None)) | None => (None, None),
            Some(Err(why)) => (None, Some(why)),
        };
        conflict_lines.push(line(kept, left_open));
        if kept.is_none() {
            open.push(conflict());
        }
    }

    merged.conflicts = open;
    merged.respondent = String::new();
    merged.updated_at = now.to_string();
    merged.created_at = inputs.iter().map(|x| x.assessment.created_at.as_str()).min().unwrap_or(now).to_string();
    let mut people = Vec::new();
    for input in inputs {
        for p in &input.assessment.people {
            push_unique(&mut people, p);
        }
    }
    for answer in merged.answers.values() {
        for name in answer.answered_by.split(", ") {
            push_unique(&mut people, name.trim());
        }
    }
    merged.people = people;
    merged.meetings = inputs.iter().flat_map(|x| x.assessment.meetings.iter().cloned()).collect();
    merged.meetings.sort_by(|a, b| a.started_at.cmp(&b.started_at));
    merged.observations = merged_observations(inputs);
    if merged.baseline.is_none() {
        merged.baseline = inputs.iter().find_map(|x| x.assessment.baseline.clone());
    }
    let summary = MergeSummary {
        files: inputs.iter().map(|x| x.label.clone()).collect(),
        mapped_by_question_id: mapped,
        answered: merged.answers.values().filter(|x| x.value.is_some()).count(),
        agreed,
        conflicts: conflict_lines,
        unmatched,
    };
    Ok(Merged { assessment: merged, summary })
}

/// Answers that agree (or only one file gave), as one: every note and evidence reference, everyone who
/// gave it, the latest review, the first owner and due date.
pub(super) fn combine(labels: &[String], list: &[(usize, &Answer)]) -> Answer {
    let mut out = Answer::default();
    let mut notes: Vec<String> = Vec::new();
    let mut by: Vec<String> = Vec::new();
    let mut all_to_confirm = true;
    for (i, x) in list {
        if out.value.is_none() {
            out.value = x.value.clone();
        }
        push_unique(&mut notes, x.note.trim());
        for e in &x.evidence {
            push_unique(&mut out.evidence, e);
        }
        out.follow_up |= x.follow_up;
        if x.value.is_some() {
            push_unique(&mut by, &who(x, &labels[*i]));
            all_to_confirm &= x.to_confirm;
        }
        if later(&x.updated_at, &out.updated_at) == std::cmp::Ordering::Greater {
            out.updated_at = x.updated_at.clone();
        }
        if x.reviewed.as_ref().is_some_and(|r| out.reviewed.as_ref().is_none_or(|o| r.at > o.at)) {
            out.reviewed = x.reviewed.clone();
        }
        if out.owner.is_empty() {
            out.owner = x.owner.clone();
        }
        if out.ask.is_empty() {
            out.ask = x.ask.clone();
        }
        if out.due.is_empty() {
            out.due = x.due.clone();
        }
    }
    out.note = notes.join("\n");
    out.answered_by = by.join(", ");
    out.to_confirm = out.value.is_some() && all_to_confirm;
    out
}

/// How two answer times compare: as times (`10:00:00.5Z` is after `10:00:00Z`, which their text does not
/// say), or as text when one is not a time.
fn later(a: &str, b: &str) -> std::cmp::Ordering {
    match (crate::clock::parse(a), crate::clock::parse(b)) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        _ => a.cmp(b),
    }
}

/// The answer a rule keeps: `Ok(Some)` when it settles the conflict, `Ok(None)` when it does not apply
/// (nobody reviewed), `Err` saying why it was left open when the newest answers differ but were changed at
/// the same time (files saved to the second, or a frozen clock): the order the files were given in must not
/// decide.
fn pick<'a>(rule: Prefer, valued: &[&(usize, &'a Answer)]) -> Result<Option<(usize, &'a Answer)>, String> {
    let newest = |list: Vec<&(usize, &'a Answer)>| -> Result<Option<(usize, &'a Answer)>, String> {
        let Some(&&(i, x)) = list.iter().max_by(|a, b| later(&a.1.updated_at, &b.1.updated_at)) else {
            return Ok(None);
        };
        let tied =
            list.iter().filter(|(_, y)| later(&y.updated_at, &x.updated_at).is_eq() && y.value != x.value).count();
        if tied > 0 {
            return Err(format!(
                "left open: the newest answers were changed at the same time ({}), so neither is newer",
                x.updated_at
            ));
        }
        Ok(Some((i, x)))
    };
    match rule {
        Prefer::First => Ok(valued.first().map(|&&(i, x)| (i, x))),
        Prefer::Newest => newest(valued.to_vec()),
        Prefer::Reviewed => {
            let reviewed: Vec<&(usize, &Answer)> =
                valued.iter().copied().filter(|(_, x)| x.reviewed.is_some()).collect();
            let Some(first) = reviewed.first() else { return Ok(None) };
            let first = first.1.value.as_ref();
            if reviewed.iter().any(|(_, x)| x.value.as_ref() != first) {
                return Ok(None);
            }
            newest(reviewed)
        }
    }
}

/// Every file's observations, the same one (question and what was seen) once, numbered afresh.
fn merged_observations(inputs: &[Input]) -> Vec<Observation> {
    let mut out: Vec<Observation> = Vec::new();
    for o in inputs.iter().flat_map(|x| &x.assessment.observations) {
        if out.iter().any(|k| k.question == o.question && k.seen == o.seen) {
            continue;
        }
        let mut o = o.clone();
        o.id = format!("obs-{}", out.len() + 1);
        out.push(o);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Review;
    use crate::scoring::tests::answered;

    fn input(label: &str, by: &str, at: &str, pairs: &[(&str, &str)]) -> Input {
        let mut a = answered(&[]);
        a.set_respondent(by, at);
        for (id, v) in pairs {
            a.set_value(id, AnswerValue::Text(v.to_string()), at);
        }
        Input { label: label.into(), assessment: a }
    }

    #[test]
    fn agreeing_answers_merge_with_both_people_recorded() {
        let mut ann = input("ann", "Ann", "2026-01-10T10:00:00Z", &[("a.mfa", "documented"), ("a.sso", "yes")]);
        ann.assessment.set_note("a.mfa", "Okta", "2026-01-10T10:00:00Z");
        let mut bob = input("bob", "Bob", "2026-01-12T10:00:00Z", &[("a.mfa", "documented"), ("v.review", "all")]);
        bob.assessment.set_evidence("a.mfa", vec!["IdP export".into()], "2026-01-12T10:00:00Z");
        let m = merge(&[ann, bob], None, "now").unwrap();
        let mfa = &m.assessment.answers["a.mfa"];
        assert_eq!(mfa.answered_by, "Ann, Bob");
        assert_eq!(mfa.note, "Okta");
        assert_eq!(mfa.evidence, ["IdP export"]);
        assert_eq!(mfa.updated_at, "2026-01-12T10:00:00Z");
        assert_eq!(m.summary.agreed, [Agreement { question: "a.mfa".into(), by: vec!["Ann".into(), "Bob".into()] }]);
        assert_eq!(m.summary.answered, 3, "a.mfa, a.sso and v.review");
        assert!(m.summary.conflicts.is_empty());
        assert_eq!(m.assessment.people, ["Ann", "Bob"]);
        m.assessment.check().unwrap();
    }

    #[test]
    fn without_a_rule_a_conflict_stays_open_and_unanswered() {
        let ann = input("ann", "Ann", "2026-01-10T10:00:00Z", &[("a.mfa", "documented")]);
        let bob = input("bob", "Bob", "2026-01-12T10:00:00Z", &[("a.mfa", "planned")]);
        let m = merge(&[ann, bob], None, "now").unwrap();
        assert!(!m.assessment.answers.contains_key("a.mfa"));
        assert_eq!(m.assessment.conflicts.len(), 1);
        let c = &m.assessment.conflicts[0];
        assert_eq!(c.candidates.iter().map(|x| x.from.as_str()).collect::<Vec<_>>(), ["ann", "bob"]);
        let line = &m.summary.conflicts[0];
        assert_eq!(line.answers[0].answer, "Documented and in place");
        assert_eq!(line.answers[1].answer, "Planned or in progress");
        assert_eq!(line.kept, None);
        assert_eq!(m.summary.open_conflicts(), 1);
    }

    #[test]
    fn rules_settle_conflicts() {
        let ann = input("ann", "Ann", "2026-01-10T10:00:00Z", &[("a.mfa", "documented")]);
        let mut bob = input("bob", "Bob", "2026-01-12T10:00:00Z", &[("a.mfa", "planned")]);
        let kept = |inputs: &[Input], rule| {
            let m = merge(inputs, Some(rule), "now").unwrap();
            m.assessment.value("a.mfa").and_then(|v| v.as_text().map(String::from))
        };
        let both = [ann.clone(), bob.clone()];
        assert_eq!(kept(&both, Prefer::Newest).as_deref(), Some("planned"));
        assert_eq!(kept(&both, Prefer::First).as_deref(), Some("documented"));
        assert_eq!(kept(&both, Prefer::Reviewed), None, "nobody reviewed it: left open");
        bob.assessment.answers.get_mut("a.mfa").unwrap().reviewed = Some(Review { by: "Carol".into(), at: "t".into() });
        assert_eq!(kept(&[ann, bob], Prefer::Reviewed).as_deref(), Some("planned"));
    }

    #[test]
    fn another_version_is_mapped_by_question_id_and_the_rest_listed() {
        let ann = input("ann", "Ann", "t", &[("a.mfa", "documented")]);
        let mut q = crate::scoring::tests::small();
        q.version = "2".into();
        q.sections[1].questions[0].id = "a.mfa_v2".into();
        let mut other = Assessment::new(q, "Acme", "t");
        other.set_value("a.mfa_v2", AnswerValue::Text("planned".into()), "t");
        other.set_value("a.sso", AnswerValue::Text("yes".into()), "t");
        let m = merge(&[ann, Input { label: "v2".into(), assessment: other }], None, "now").unwrap();
        assert!(m.summary.mapped_by_question_id);
        assert_eq!(m.summary.unmatched.len(), 1);
        assert_eq!(m.summary.unmatched[0].question, "a.mfa_v2");
        assert_eq!(m.assessment.value("a.sso"), Some(&AnswerValue::Text("yes".into())));
    }

    #[test]
    fn a_merged_file_with_open_conflicts_merges_again_with_a_third() {
        let ann = input("ann", "Ann", "2026-01-10T10:00:00Z", &[("a.mfa", "documented")]);
        let bob = input("bob", "Bob", "2026-01-12T10:00:00Z", &[("a.mfa", "planned")]);
        let first = merge(&[ann, bob], None, "now").unwrap().assessment;
        let cy = input("cy", "Cy", "2026-01-14T10:00:00Z", &[("a.mfa", "planned")]);
        let m =
            merge(&[Input { label: "ann-bob".into(), assessment: first.clone() }, cy.clone()], None, "now").unwrap();
        let froms: Vec<_> = m.assessment.conflicts[0].candidates.iter().map(|c| c.from.as_str()).collect();
        assert_eq!(froms, ["ann", "bob", "cy"], "nobody's answer is lost");
        let m =
            merge(&[Input { label: "ann-bob".into(), assessment: first }, cy], Some(Prefer::Newest), "now").unwrap();
        assert_eq!(m.summary.conflicts[0].kept.as_deref(), Some("cy"));
        assert!(m.assessment.conflicts.is_empty());
    }

    #[test]
    fn an_unrelated_questionnaire_is_refused() {
        let ann = input("ann", "Ann", "t", &[("a.mfa", "documented")]);
        let mut q = crate::scoring::tests::small();
        q.id = "other".into();
        for s in &mut q.sections {
            for x in &mut s.questions {
                x.id = format!("z.{}", x.id);
            }
        }
        let mut other = Assessment::new(q, "Acme", "t");
        other.set_value("z.a.sso", AnswerValue::Text("yes".into()), "t");
        let err = merge(&[ann, Input { label: "zed".into(), assessment: other }], None, "now").unwrap_err();
        assert!(matches!(err, MergeError::Unrelated(_)), "{err}");
        assert!(merge(&[input("a", "", "t", &[])], None, "now").is_err());
    }

    #[test]
    fn answers_the_profile_or_the_question_refuses_are_not_merged_silently() {
        let soc2 = || {
            let q = crate::questionnaire::catalog::built_in("soc2-ai-readiness").unwrap();
            Assessment::new(q, "Acme", "2026-01-10T10:00:00Z")
        };
        let (mut a, mut b) = (soc2(), soc2());
        a.set_value("profile.headcount", AnswerValue::Number(10.0), "2026-01-10T10:00:00Z");
        // Each file fits on its own; together ten people cannot include 40 engineers.
        b.set_value("profile.engineers", AnswerValue::Number(40.0), "2026-01-12T10:00:00Z");
        b.set_value("profile.start_date", AnswerValue::Text("2026-02-30".into()), "2026-01-12T10:00:00Z");
        b.set_value("access.reviews", AnswerValue::Text("sometimes".into()), "2026-01-12T10:00:00Z");
        let inputs = [Input { label: "a".into(), assessment: a }, Input { label: "b".into(), assessment: b }];
        for prefer in [None, Some(Prefer::Newest)] {
            let m = merge(&inputs, prefer, "now").unwrap();
            assert_eq!(m.assessment.value("profile.headcount"), Some(&AnswerValue::Number(10.0)));
            assert_eq!(m.assessment.value("profile.engineers"), None, "refused, not combined");
            let line = m.summary.conflicts.iter().find(|c| c.question == "profile.engineers").unwrap();
            assert_eq!(
                line.left_open.as_deref(),
                Some("left open: 40 engineers is more than the headcount of 10 answered in `profile.headcount`")
            );
            assert_eq!((line.kept.as_deref(), line.answers.len(), line.answers[0].from.as_str()), (None, 1, "b"));
            assert_eq!(m.summary.open_conflicts(), 1);
            let open = &m.assessment.conflicts;
            assert_eq!(
                (open.len(), open[0].question.as_str(), open[0].candidates[0].from.as_str()),
                (1, "profile.engineers", "b")
            );
            // A malformed date and a value that is not an option are listed as not merged, with the reason.
            let why = |id: &str| m.summary.unmatched.iter().find(|u| u.question == id).map(|u| u.why.clone());
            assert!(why("profile.start_date").unwrap().contains("2026-02-30"), "{:?}", m.summary.unmatched);
            assert!(why("access.reviews").unwrap().contains("`sometimes` is not one of its options"));
            assert_eq!(m.assessment.value("profile.start_date"), None);
            assert_eq!(m.assessment.value("access.reviews"), None);
            m.assessment.check().unwrap();
        }
    }
}
