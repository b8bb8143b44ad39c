//! Next year's assessment from this year's: every answer that still fits is carried over "to confirm"
//! (not counted as answered until confirmed), with its note, evidence, owner and due date; observations
//! come along as they stand, closed ones as history; last year's answers are kept whole as the baseline
//! the report compares with.

use serde::Serialize;

use crate::assessment::model::answer::check_value;
use crate::assessment::model::document::Assessment;
use crate::assessment::model::records::Baseline;
use crate::questionnaire::Questionnaire;

/// What was carried over, and what could not be.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CarriedOver {
    /// Answers carried over to confirm.
    pub answers: usize,
    /// Observations not closed, carried over to act on.
    pub observations: usize,
    /// Closed observations, carried over as history.
    pub closed_observations: usize,
    /// Last year's answers the new questionnaire has no place for, with why.
    pub dropped: Vec<(String, String)>,
}

/// Start an assessment of `questionnaire` for `org` from `last`, as of `now`.
pub fn carry_over(last: &Assessment, questionnaire: Questionnaire, org: &str, now: &str) -> (Assessment, CarriedOver) {
    let mut next = Assessment::new(questionnaire, org, now);
    next.people = last.people.clone();
    let questionnaire = next.questionnaire().clone();
    let by_id: std::collections::HashMap<&str, &crate::questionnaire::Question> =
        questionnaire.sections.iter().flat_map(|s| &s.questions).map(|x| (x.id.as_str(), x)).collect();
    let mut summary = CarriedOver { answers: 0, observations: 0, closed_observations: 0, dropped: Vec::new() };
    for (id, answer) in &last.answers {
        let Some(&question) = by_id.get(id.as_str()) else {
            let why = format!("{} {} has no such question", next.questionnaire.id, next.questionnaire.version);
            summary.dropped.push((id.clone(), why));
            continue;
        };
        let mut carried = answer.clone();
        if let Some(value) = &answer.value
            && let Err(e) = check_value(question, value)
        {
            // The question changed: its note and evidence still help, the value does not.
            summary.dropped.push((id.clone(), e.to_string()));
            carried.value = None;
        }
        // Checked last year is not checked this year.
        carried.reviewed = None;
        carried.to_confirm = carried.value.is_some();
        summary.answers += usize::from(carried.to_confirm);
        if !carried.is_empty() || carried.to_confirm {
            next.answers.insert(id.clone(), carried);
        }
    }
    // Findings not closed come over as they stand (open stays open) for this year's follow-ups; closed
    // ones come over closed, as history. Numbered afresh, in last year's order.
    let kept: Vec<_> = last.observations.iter().filter(|o| by_id.contains_key(o.question.as_str())).cloned().collect();
    for (n, mut o) in kept.into_iter().enumerate() {
        o.id = format!("obs-{}", n + 1);
        if o.status.is_closed() {
            summary.closed_observations += 1;
        } else {
            summary.observations += 1;
        }
        next.observations.push(o);
    }
    // C3: open on the first answer to confirm (otherwise the first unanswered, which may be the last).
    let vis = crate::assessment::model::progress::Visibility::of_assessment(&next);
    let first = questionnaire.sections.iter().enumerate().find_map(|(s, section)| {
        let i = section
            .questions
            .iter()
            .enumerate()
            .position(|(i, x)| vis.question(s, i) && next.answers.get(&x.id).is_some_and(|a| a.to_confirm))?;
        Some((section, &section.questions[i]))
    });
    if let Some((section, question)) = first {
        next.position = Some(crate::assessment::model::document::Position {
            section: section.id.clone(),
            question: question.id.clone(),
        });
    }
    next.baseline = Some(Box::new(Baseline {
        org: last.org.clone(),
        questionnaire_id: last.questionnaire.id.clone(),
        questionnaire_version: last.questionnaire.version.clone(),
        updated_at: last.updated_at.clone(),
        answers: last.answers.clone(),
    }));
    (next, summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::model::observations::Status;
    use crate::assessment::model::records::Observation;
    use crate::assessment::{Review, Visibility, progress};
    use crate::scoring::tests::{answered, small};

    #[test]
    fn answers_come_over_to_confirm_with_notes_and_evidence() {
        let mut last = answered(&[("a.mfa", "documented"), ("a.sso", "yes")]);
        last.set_note("a.mfa", "Okta, enforced", "t");
        last.set_evidence("a.mfa", vec!["IdP export".into()], "t");
        last.answers.get_mut("a.sso").unwrap().reviewed = Some(Review { by: "Carol".into(), at: "t".into() });
        last.observations.push(Observation {
            id: "obs-4".into(),
            question: "a.sso".into(),
            seen: "x".into(),
            ..Default::default()
        });
        last.observations.push(Observation {
            id: "obs-5".into(),
            question: "a.mfa".into(),
            status: Status::Closed,
            ..Default::default()
        });
        last.observations.push(Observation {
            id: "obs-6".into(),
            question: "a.mfa".into(),
            status: Status::Remediated,
            ..Default::default()
        });
        let (next, summary) = carry_over(&last, small(), "Acme", "2027-01-01T00:00:00Z");
        assert_eq!(summary, CarriedOver { answers: 2, observations: 2, closed_observations: 1, dropped: vec![] });
        // Open stays open, remediated stays remediated, closed comes as history; numbered afresh.
        let carried: Vec<_> = next.observations.iter().map(|o| (o.id.as_str(), o.status)).collect();
        assert_eq!(carried, [("obs-1", Status::Open), ("obs-2", Status::Closed), ("obs-3", Status::Remediated)]);
        let open: Vec<_> =
            crate::assessment::interview::followups::follow_ups(&next).into_iter().map(|f| f.id).collect();
        assert_eq!(open, ["obs-3", "obs-1"], "the closed one is not a follow-up");
        let mfa = &next.answers["a.mfa"];
        assert!(mfa.to_confirm);
        assert_eq!((mfa.note.as_str(), mfa.evidence.as_slice()), ("Okta, enforced", &["IdP export".to_string()][..]));
        assert_eq!(next.answers["a.sso"].reviewed, None);
        assert_eq!(next.observations[0].id, "obs-1");
        let baseline = next.baseline.as_ref().unwrap();
        assert_eq!(baseline.answers, last.answers);
        assert_eq!(baseline.updated_at, last.updated_at);
        // Carried-over answers are not answered until confirmed.
        let (_, total) = progress(&next, &Visibility::of_assessment(&next));
        assert_eq!(total.answered, 0);
    }

    #[test]
    fn answers_that_no_longer_fit_are_dropped_but_keep_their_note() {
        let mut last = answered(&[("v.review", "some")]);
        last.set_note("v.review", "two of five", "t");
        let mut q = small();
        q.sections[2].questions[0].options.retain(|o| o.id != "some");
        let (next, summary) = carry_over(&last, q, "Acme", "t");
        assert_eq!(summary.answers, 0);
        assert_eq!(summary.dropped.len(), 1);
        assert_eq!(next.answers["v.review"].value, None);
        assert!(!next.answers["v.review"].to_confirm);
        assert_eq!(next.note("v.review"), "two of five");
    }
}
