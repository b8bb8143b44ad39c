//! Merging two copies of one assessment with the copy they both started from: a git merge driver's job.
//!
//! A question changed on one side only takes that side's answer (a cleared answer stays cleared); a
//! question changed on both sides the same way takes it once; a question answered differently on both
//! sides becomes an open conflict, recorded exactly as [`super::merge`] records one, for the interface or
//! `soc2-ready resolve` to settle. Both sides must answer the same version of the same questionnaire.

use super::answer::{Answer, AnswerValue, describe};
use super::change::{Change, Ctx, apply};
use super::conflicts::{Candidate, Conflict};
use super::document::Assessment;
use super::merge::{
    Agreement, CandidateLine, ConflictLine, Input, MergeSummary, combine, push_unique, same_questionnaire,
};
use super::records::Observation;

/// Why the copies cannot be merged question by question; the files are left as they were.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThreeWayError {
    /// The copies answer different questionnaires or versions of one (an update on one branch).
    #[error(
        "{side} answers questionnaire `{theirs}` and {base} answers `{ours}`: merging with the common \
         ancestor needs both to answer the same version of the same questionnaire"
    )]
    NotOneQuestionnaire { base: String, side: String, ours: String, theirs: String },
    /// Both sides changed something that has no per-question conflict to hold two values.
    #[error("both sides changed the assessment's {what}, differently, and only one can be kept")]
    BothChanged { what: &'static str },
}

/// The merged copy, what the merge found, and the observations both sides edited (kept twice).
#[derive(Debug, Clone)]
pub struct ThreeWay {
    pub assessment: Assessment,
    pub summary: MergeSummary,
    /// `(ours, theirs)` ids of an observation both sides changed differently: both versions are kept.
    pub observations_kept_twice: Vec<(String, String)>,
}

impl ThreeWay {
    /// Whether someone has to look: a conflict left open by this merge, or an observation kept twice.
    pub fn needs_a_person(&self) -> bool {
        self.summary.open_conflicts() > 0 || !self.observations_kept_twice.is_empty()
    }
}

/// One question's state in one copy: its answer and its open conflict.
type State<'a> = (Option<&'a Answer>, Option<&'a Conflict>);

fn state<'a>(a: &'a Assessment, question: &str) -> State<'a> {
    (a.answers.get(question), a.conflicts.iter().find(|c| c.question == question))
}

/// Merge `ours` and `theirs` with `ancestor`, the copy both started from (`None` when both added the file:
/// then nothing was answered before). The result keeps `ours`'s place in the questionnaire and respondent.
pub fn merge_with_ancestor(
    ancestor: Option<&Assessment>,
    ours: &Input,
    theirs: &Input,
    now: &str,
) -> Result<ThreeWay, ThreeWayError> {
    let (a, b) = (&ours.assessment, &theirs.assessment);
    let named = |x: &Assessment| format!("{} {}", x.questionnaire.id, x.questionnaire.version);
    let refuse = |side: &str, x: &Assessment| ThreeWayError::NotOneQuestionnaire {
        base: ours.label.clone(),
        side: side.to_string(),
        ours: named(a),
        theirs: named(x),
    };
    if !same_questionnaire(a, b) {
        return Err(refuse(&theirs.label, b));
    }
    let empty = empty_like(a);
    let o = match ancestor {
        Some(o) if !same_questionnaire(a, o) => return Err(refuse("the common ancestor", o)),
        Some(o) => o,
        None => &empty,
    };
    let mut merged = a.clone();
    merged.org = scalar(&o.org, &a.org, &b.org, "organisation name")?.clone();
    merged.source = scalar(&o.source, &a.source, &b.source, "source workbook")?.clone();
    merged.baseline = scalar(&o.baseline, &a.baseline, &b.baseline, "last year's baseline")?.clone();
    merged.answers = Default::default();
    merged.conflicts = Vec::new();

    let labels = [ours.label.clone(), theirs.label.clone()];
    let mut agreed = Vec::new();
    let mut lines = Vec::new();
    let q = a.questionnaire().clone();
    for question in q.sections.iter().flat_map(|s| &s.questions) {
        let id = question.id.as_str();
        let (so, sa, sb) = (state(o, id), state(a, id), state(b, id));
        // The side whose state wins, when only one changed (or both the same way).
        let winner = if sa == sb || sb == so {
            Some((0, sa))
        } else if sa == so {
            Some((1, sb))
        } else {
            None
        };
        let entry = match winner {
            Some((_, (None, None))) => continue,
            Some((_, (_, Some(conflict)))) => {
                merged.conflicts.push(conflict.clone());
                continue;
            }
            Some((side, (Some(answer), None))) => (vec![(side, answer.clone())], answer.clone()),
            None => {
                // Both changed: every answer either side holds, its own or its open conflict's candidates.
                let mut candidates: Vec<(String, Answer)> = Vec::new();
                for (side, (answer, conflict)) in [(0, sa), (1, sb)] {
                    match (answer, conflict) {
                        (_, Some(c)) => {
                            candidates.extend(c.candidates.iter().map(|x| (x.from.clone(), x.answer.clone())))
                        }
                        (Some(x), None) => candidates.push((labels[side].clone(), x.clone())),
                        (None, None) => candidates.push((labels[side].clone(), Answer::default())),
                    }
                }
                let first = candidates[0].1.value.clone();
                let one_value = candidates.iter().all(|(_, x)| x.value == first);
                if !(one_value && sa.1.is_none() && sb.1.is_none()) {
                    lines.push(line(question, &candidates, None));
                    merged.conflicts.push(conflict(id, candidates));
                    continue;
                }
                let list: Vec<(usize, &Answer)> =
                    [sa.0, sb.0].into_iter().enumerate().filter_map(|(i, x)| Some((i, x?))).collect();
                let combined = combine(&labels, &list);
                if combined.value.is_some() {
                    let mut by = Vec::new();
                    for (i, x) in &list {
                        let who = if x.answered_by.trim().is_empty() { &labels[*i] } else { &x.answered_by };
                        push_unique(&mut by, who);
                    }
                    agreed.push(Agreement { question: id.to_string(), by });
                }
                (list.iter().map(|(i, x)| (*i, (*x).clone())).collect(), combined)
            }
        };
        // Kept through the one write path, in questionnaire order, so a value that contradicts one kept
        // before (one side's headcount of 10, the other's 40 engineers) is left open with the reason.
        let (from, answer) = entry;
        let change = Change::Keep { question: id.to_string(), entry: answer };
        if let Err(e) = apply(&mut merged, &change, Ctx::at(now)) {
            let candidates: Vec<(String, Answer)> = from.into_iter().map(|(i, x)| (labels[i].clone(), x)).collect();
            lines.push(line(question, &candidates, Some(format!("left open: {e}"))));
            merged.conflicts.push(conflict(id, candidates));
        }
    }

    let (observations, twice) = observations(o, a, b);
    merged.observations = observations;
    for m in &b.meetings {
        if !merged.meetings.contains(m) {
            merged.meetings.push(m.clone());
        }
    }
    merged.meetings.sort_by(|x, y| x.started_at.cmp(&y.started_at));
    for p in &b.people {
        push_unique(&mut merged.people, p);
    }
    merged.created_at = a.created_at.clone().min(b.created_at.clone());
    merged.updated_at = now.to_string();
    let summary = MergeSummary {
        files: labels.to_vec(),
        mapped_by_question_id: false,
        answered: merged.answers.values().filter(|x| x.value.is_some()).count(),
        agreed,
        conflicts: lines,
        unmatched: Vec::new(),
    };
    Ok(ThreeWay { assessment: merged, summary, observations_kept_twice: twice })
}

/// The ancestor of two copies that were each added: the same questionnaire, nothing answered.
fn empty_like(a: &Assessment) -> Assessment {
    let mut o = Assessment::new(a.questionnaire().clone(), "", &a.created_at);
    o.questionnaire = a.questionnaire.clone();
    o.org = String::new();
    o
}

/// A value with no per-question conflict to hold two: one side's change wins; two different changes refuse.
fn scalar<'a, T: PartialEq>(o: &'a T, a: &'a T, b: &'a T, what: &'static str) -> Result<&'a T, ThreeWayError> {
    match (a == b || b == o, a == o) {
        (true, _) => Ok(a),
        (false, true) => Ok(b),
        (false, false) => Err(ThreeWayError::BothChanged { what }),
    }
}

fn conflict(question: &str, candidates: Vec<(String, Answer)>) -> Conflict {
    let mut list: Vec<Candidate> = Vec::new();
    for (from, answer) in candidates {
        let candidate = Candidate { from, answer };
        if !list.contains(&candidate) {
            list.push(candidate);
        }
    }
    Conflict { question: question.to_string(), candidates: list }
}

fn line(
    question: &crate::questionnaire::Question,
    candidates: &[(String, Answer)],
    why: Option<String>,
) -> ConflictLine {
    let shown =
        |v: &Option<AnswerValue>| v.as_ref().map_or_else(|| "(no answer)".to_string(), |v| describe(question, v));
    ConflictLine {
        question: question.id.clone(),
        text: question.text.clone(),
        answers: candidates
            .iter()
            .map(|(from, x)| CandidateLine {
                from: from.clone(),
                by: x.answered_by.clone(),
                answer: shown(&x.value),
                updated_at: x.updated_at.clone(),
                reviewed: x.reviewed.is_some(),
            })
            .collect(),
        kept: None,
        left_open: why,
    }
}

/// Observations by id: one side's change (an edit, a status, a deletion) wins; both sides' different
/// edits keep both versions, theirs under a new id; each side's new ones are kept, theirs renumbered
/// after ours unless ours has the same one.
fn observations(o: &Assessment, a: &Assessment, b: &Assessment) -> (Vec<Observation>, Vec<(String, String)>) {
    let find = |x: &Assessment, id: &str| x.observations.iter().find(|k| k.id == id).cloned();
    let mut out: Vec<Observation> = Vec::new();
    let mut extra: Vec<Observation> = Vec::new();
    let mut twice = Vec::new();
    for old in &o.observations {
        let (oa, ob) = (find(a, &old.id), find(b, &old.id));
        let old = Some(old.clone());
        match (oa, ob) {
            (oa, ob) if oa == ob || ob == old => out.extend(oa),
            (oa, ob) if oa == old => out.extend(ob),
            // Deleted on one side, edited on the other: the edit is kept, so nothing written is lost.
            (None, Some(x)) | (Some(x), None) => out.push(x),
            (None, None) => {}
            (Some(x), Some(y)) => {
                twice.push(x.id.clone());
                out.push(x);
                extra.push(y);
            }
        }
    }
    let known = |x: &Observation| o.observations.iter().any(|k| k.id == x.id);
    out.extend(a.observations.iter().filter(|x| !known(x)).cloned());
    for x in b.observations.iter().filter(|x| !known(x)) {
        if !out.iter().any(|k| k.question == x.question && k.seen == x.seen) {
            extra.push(x.clone());
        }
    }
    let mut pairs = Vec::new();
    for mut x in extra {
        let highest = out.iter().filter_map(|k| k.id.strip_prefix("obs-")?.parse::<u32>().ok()).max();
        let id = format!("obs-{}", highest.unwrap_or(0) + 1);
        if let Some(pos) = twice.iter().position(|t| *t == x.id) {
            pairs.push((twice.remove(pos), id.clone()));
        }
        x.id = id;
        out.push(x);
    }
    (out, pairs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::model::observations::Status;
    use crate::scoring::tests::answered;

    const T0: &str = "2026-01-10T10:00:00Z";

    fn text(v: &str) -> AnswerValue {
        AnswerValue::Text(v.into())
    }

    fn side(label: &str, a: &Assessment) -> Input {
        Input { label: label.into(), assessment: a.clone() }
    }

    fn base() -> Assessment {
        let mut o = answered(&[]);
        o.set_value("a.mfa", text("planned"), T0);
        o.set_value("a.sso", text("yes"), T0);
        o
    }

    #[test]
    fn changes_on_one_side_each_are_taken_and_a_clear_stays_cleared() {
        let o = base();
        let (mut a, mut b) = (o.clone(), o.clone());
        a.set_value("a.mfa", text("documented"), "2026-01-11T10:00:00Z");
        b.set_value("v.review", text("all"), "2026-01-12T10:00:00Z");
        b.answers_unchecked_mut().remove("a.sso");
        let m = merge_with_ancestor(Some(&o), &side("ann", &a), &side("bob", &b), "now").unwrap();
        assert_eq!(m.assessment.value("a.mfa"), Some(&text("documented")), "ann's change");
        assert_eq!(m.assessment.value("v.review"), Some(&text("all")), "bob's new answer");
        assert_eq!(m.assessment.value("a.sso"), None, "bob cleared it and ann did not touch it");
        assert!(m.assessment.conflicts.is_empty() && m.summary.conflicts.is_empty());
        assert!(!m.needs_a_person());
        // An answer both left as it was keeps its respondent and time: nothing is stamped by the merge.
        assert_eq!(m.assessment.answers["a.mfa"], a.answers["a.mfa"]);
        m.assessment.check().unwrap();
    }

    #[test]
    fn the_same_question_answered_differently_is_an_open_conflict_as_merge_records_it() {
        let o = base();
        let (mut a, mut b) = (o.clone(), o.clone());
        a.set_value("a.mfa", text("documented"), "2026-01-11T10:00:00Z");
        b.set_value("a.mfa", text("evidenced"), "2026-01-12T10:00:00Z");
        let m = merge_with_ancestor(Some(&o), &side("main", &a), &side("ann", &b), "now").unwrap();
        assert!(m.needs_a_person());
        assert_eq!(m.assessment.value("a.mfa"), None);
        let c = &m.assessment.conflicts;
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].question, "a.mfa");
        let froms: Vec<_> = c[0].candidates.iter().map(|x| (x.from.as_str(), x.answer.value.clone())).collect();
        assert_eq!(froms, [("main", Some(text("documented"))), ("ann", Some(text("evidenced")))]);
        assert_eq!(m.summary.open_conflicts(), 1);
        // The interface's resolution closes it with the chosen side's answer.
        let mut resolved = m.assessment.clone();
        crate::assessment::model::conflicts::resolve(&mut resolved, "a.mfa", 1, "later").unwrap();
        assert_eq!(resolved.value("a.mfa"), Some(&text("evidenced")));
        assert!(resolved.conflicts.is_empty());
    }

    #[test]
    fn the_same_value_given_on_both_sides_merges_with_both_notes() {
        let o = base();
        let (mut a, mut b) = (o.clone(), o.clone());
        a.set_value("v.review", text("all"), "2026-01-11T10:00:00Z");
        a.set_note("v.review", "quarterly", "2026-01-11T10:00:00Z");
        b.set_value("v.review", text("all"), "2026-01-12T10:00:00Z");
        let m = merge_with_ancestor(Some(&o), &side("main", &a), &side("ann", &b), "now").unwrap();
        assert!(!m.needs_a_person());
        let x = &m.assessment.answers["v.review"];
        assert_eq!(
            (x.value.clone(), x.note.as_str(), x.updated_at.as_str()),
            (Some(text("all")), "quarterly", "2026-01-12T10:00:00Z")
        );
        assert_eq!(m.summary.agreed.len(), 1);
    }

    #[test]
    fn without_an_ancestor_only_differing_answers_conflict() {
        let (mut a, mut b) = (answered(&[]), answered(&[]));
        a.set_value("a.mfa", text("planned"), T0);
        b.set_value("a.mfa", text("planned"), T0);
        a.set_value("a.sso", text("yes"), T0);
        b.set_value("a.sso", text("no"), T0);
        let m = merge_with_ancestor(None, &side("main", &a), &side("ann", &b), "now").unwrap();
        assert_eq!(m.assessment.value("a.mfa"), Some(&text("planned")));
        assert_eq!(m.assessment.conflicts.iter().map(|c| c.question.as_str()).collect::<Vec<_>>(), ["a.sso"]);
    }

    #[test]
    fn another_version_or_two_new_names_are_refused() {
        let o = base();
        let mut b = o.clone();
        b.questionnaire.version = "9".into();
        let err = merge_with_ancestor(Some(&o), &side("main", &o), &side("ann", &b), "now").unwrap_err();
        assert!(matches!(err, ThreeWayError::NotOneQuestionnaire { .. }), "{err}");
        assert!(err.to_string().starts_with("ann answers questionnaire `small 9` and main answers `small 1`"), "{err}");
        let (mut a, mut b) = (o.clone(), o.clone());
        a.org = "Acme Ltd".into();
        b.org = "Acme Inc".into();
        let err = merge_with_ancestor(Some(&o), &side("main", &a), &side("ann", &b), "now").unwrap_err();
        assert_eq!(
            err.to_string(),
            "both sides changed the assessment's organisation name, differently, and only one can be kept"
        );
    }

    #[test]
    fn observations_merge_by_id_and_both_sides_edits_are_both_kept() {
        use crate::assessment::model::observations::{ObservationFields, add, set_status};
        let mut o = base();
        let seen = |s: &str| ObservationFields { seen: s.into(), ..Default::default() };
        add(&mut o, "a.mfa", seen("No MFA on the console"), "Carol", T0).unwrap();
        add(&mut o, "a.sso", seen("No SSO"), "Carol", T0).unwrap();
        let (mut a, mut b) = (o.clone(), o.clone());
        set_status(&mut a, "obs-1", Status::Closed, "Ann", "t1").unwrap();
        add(&mut a, "a.mfa", seen("Shared admin account"), "Ann", "t1").unwrap();
        add(&mut b, "a.sso", seen("Console without SSO"), "Bob", "t2").unwrap();
        crate::assessment::model::observations::update(&mut a, "obs-2", seen("No SSO at all"), "t1").unwrap();
        crate::assessment::model::observations::update(&mut b, "obs-2", seen("No SSO for admins"), "t2").unwrap();
        let m = merge_with_ancestor(Some(&o), &side("main", &a), &side("ann", &b), "now").unwrap();
        let got: Vec<_> =
            m.assessment.observations.iter().map(|x| (x.id.as_str(), x.seen.as_str(), x.status)).collect();
        assert_eq!(
            got,
            [
                ("obs-1", "No MFA on the console", Status::Closed),
                ("obs-2", "No SSO at all", Status::Open),
                ("obs-3", "Shared admin account", Status::Open),
                ("obs-4", "No SSO for admins", Status::Open),
                ("obs-5", "Console without SSO", Status::Open),
            ]
        );
        assert_eq!(m.observations_kept_twice, [("obs-2".to_string(), "obs-4".to_string())]);
        assert!(m.needs_a_person());
    }
}
