//! Observations: what the assessor saw on a question, the risk, the recommendation, who owns it and by
//! when. The follow-up flag becomes one of these.

use super::document::Assessment;
use super::interview::Observation;

/// What the interface asks for when recording an observation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObservationFields {
    pub seen: String,
    pub risk: String,
    pub recommendation: String,
    pub owner: String,
    /// YYYY-MM-DD, or empty.
    pub due: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ObservationError {
    #[error("the questionnaire has no question `{0}`")]
    UnknownQuestion(String),
    #[error("say what was seen: an observation needs a description")]
    NothingSeen,
    #[error("the due date `{0}` is not a date; write it as YYYY-MM-DD")]
    BadDue(String),
    #[error("there is no observation `{0}`")]
    NotFound(String),
}

fn check(a: &Assessment, question: &str, fields: &ObservationFields) -> Result<(), ObservationError> {
    if a.questionnaire().question(question).is_none() {
        return Err(ObservationError::UnknownQuestion(crate::text::one_line(question)));
    }
    if fields.seen.trim().is_empty() {
        return Err(ObservationError::NothingSeen);
    }
    let due = fields.due.trim();
    if !due.is_empty() && (due.len() != 10 || chrono::NaiveDate::parse_from_str(due, "%Y-%m-%d").is_err()) {
        return Err(ObservationError::BadDue(crate::text::one_line(due)));
    }
    Ok(())
}

/// The next free id: `obs-N`, one more than the highest used.
fn next_id(a: &Assessment) -> String {
    let highest = a.observations.iter().filter_map(|o| o.id.strip_prefix("obs-")?.parse::<u32>().ok()).max();
    format!("obs-{}", highest.unwrap_or(0) + 1)
}

/// Record an observation on a question; returns its id.
pub fn add(
    a: &mut Assessment,
    question: &str,
    fields: ObservationFields,
    by: &str,
    now: &str,
) -> Result<String, ObservationError> {
    check(a, question, &fields)?;
    let id = next_id(a);
    a.observations.push(Observation {
        id: id.clone(),
        question: question.to_string(),
        seen: fields.seen.trim().to_string(),
        risk: fields.risk.trim().to_string(),
        recommendation: fields.recommendation.trim().to_string(),
        owner: fields.owner.trim().to_string(),
        due: fields.due.trim().to_string(),
        by: by.trim().to_string(),
        created_at: now.to_string(),
        closed: false,
    });
    a.updated_at = now.to_string();
    Ok(id)
}

fn find<'a>(a: &'a mut Assessment, id: &str) -> Result<&'a mut Observation, ObservationError> {
    a.observations.iter_mut().find(|o| o.id == id).ok_or_else(|| ObservationError::NotFound(id.to_string()))
}

/// Change what an observation says; refused changes leave it as it was.
pub fn update(a: &mut Assessment, id: &str, fields: ObservationFields, now: &str) -> Result<(), ObservationError> {
    let question = a.observations.iter().find(|o| o.id == id).map(|o| o.question.clone());
    let question = question.ok_or_else(|| ObservationError::NotFound(id.to_string()))?;
    check(a, &question, &fields)?;
    let o = find(a, id)?;
    o.seen = fields.seen.trim().to_string();
    o.risk = fields.risk.trim().to_string();
    o.recommendation = fields.recommendation.trim().to_string();
    o.owner = fields.owner.trim().to_string();
    o.due = fields.due.trim().to_string();
    a.updated_at = now.to_string();
    Ok(())
}

/// Close an observation (done) or reopen it; closed ones stay in the file but leave the follow-up list.
pub fn set_closed(a: &mut Assessment, id: &str, closed: bool, now: &str) -> Result<(), ObservationError> {
    find(a, id)?.closed = closed;
    a.updated_at = now.to_string();
    Ok(())
}

/// Delete an observation recorded by mistake.
pub fn remove(a: &mut Assessment, id: &str, now: &str) -> Result<Observation, ObservationError> {
    let index =
        a.observations.iter().position(|o| o.id == id).ok_or_else(|| ObservationError::NotFound(id.to_string()))?;
    a.updated_at = now.to_string();
    Ok(a.observations.remove(index))
}

/// A question's observations, oldest first.
pub fn on_question<'a>(a: &'a Assessment, question: &str) -> Vec<&'a Observation> {
    a.observations.iter().filter(|o| o.question == question).collect()
}

/// Each question's place in the questionnaire.
pub(crate) fn question_order(a: &Assessment) -> std::collections::HashMap<&str, usize> {
    a.questionnaire().sections.iter().flat_map(|s| &s.questions).enumerate().map(|(i, q)| (q.id.as_str(), i)).collect()
}

/// The open observations in questionnaire order (then oldest first): what `F` walks.
pub fn open_in_order(a: &Assessment) -> Vec<&Observation> {
    let order = question_order(a);
    let mut out: Vec<&Observation> = a.observations.iter().filter(|o| !o.closed).collect();
    // Stable: observations on one question stay oldest first.
    out.sort_by_key(|o| order.get(o.question.as_str()).copied().unwrap_or(usize::MAX));
    out
}

/// The open observation after `current` (or the first), wrapping round: one press of `F`.
pub fn next_open<'a>(a: &'a Assessment, current: Option<&str>) -> Option<&'a Observation> {
    let open = open_in_order(a);
    let at = current.and_then(|id| open.iter().position(|o| o.id == id));
    match at {
        Some(i) => open.get((i + 1) % open.len()).copied(),
        None => open.first().copied(),
    }
}

/// Turn a question's follow-up flag into an observation (its note becomes what was seen), clearing the
/// flag; returns the new observation's id, or `None` when the question is not flagged.
pub fn from_follow_up(a: &mut Assessment, question: &str, by: &str, now: &str) -> Option<String> {
    let answer = a.answers.get(question).filter(|x| x.follow_up)?;
    let seen = if answer.note.trim().is_empty() { "Flagged for follow-up".to_string() } else { answer.note.clone() };
    let fields = ObservationFields { seen, owner: answer.owner.clone(), due: answer.due.clone(), ..Default::default() };
    let id = add(a, question, fields, by, now).ok()?;
    if let Some(answer) = a.answers.get_mut(question) {
        answer.follow_up = false;
        answer.flagged_by_unknown = false;
    }
    if a.answers.get(question).is_some_and(super::answer::Answer::is_empty) {
        a.answers.remove(question);
    }
    Some(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::tests::answered;

    fn seen(text: &str) -> ObservationFields {
        ObservationFields { seen: text.into(), ..Default::default() }
    }

    #[test]
    fn add_update_close_and_remove() {
        let mut a = answered(&[("a.mfa", "documented")]);
        let fields = ObservationFields {
            seen: " MFA off for two admins ".into(),
            risk: "Account takeover".into(),
            recommendation: "Enforce MFA in the IdP".into(),
            owner: "Dana".into(),
            due: "2026-03-31".into(),
        };
        assert_eq!(add(&mut a, "a.mfa", fields, "Carol", "t1").unwrap(), "obs-1");
        assert_eq!(add(&mut a, "a.sso", seen("No SSO for the console"), "Carol", "t2").unwrap(), "obs-2");
        let o = &a.observations[0];
        assert_eq!((o.seen.as_str(), o.owner.as_str(), o.by.as_str()), ("MFA off for two admins", "Dana", "Carol"));
        update(&mut a, "obs-2", ObservationFields { owner: "Eve".into(), ..seen("No SSO") }, "t3").unwrap();
        assert_eq!(a.observations[1].owner, "Eve");
        set_closed(&mut a, "obs-1", true, "t4").unwrap();
        assert_eq!(open_in_order(&a).iter().map(|o| o.id.as_str()).collect::<Vec<_>>(), ["obs-2"]);
        remove(&mut a, "obs-1", "t5").unwrap();
        // Ids are never reused while a higher one exists.
        assert_eq!(add(&mut a, "a.mfa", seen("again"), "", "t6").unwrap(), "obs-3");
    }

    #[test]
    fn bad_input_is_refused_and_changes_nothing() {
        let mut a = answered(&[]);
        assert_eq!(add(&mut a, "a.mfa", seen("  "), "", "t").unwrap_err(), ObservationError::NothingSeen);
        let late = ObservationFields { due: "31/03/2026".into(), ..seen("x") };
        assert_eq!(
            add(&mut a, "a.mfa", late, "", "t").unwrap_err().to_string(),
            "the due date `31/03/2026` is not a date; write it as YYYY-MM-DD"
        );
        assert!(matches!(add(&mut a, "nope", seen("x"), "", "t"), Err(ObservationError::UnknownQuestion(_))));
        assert!(matches!(set_closed(&mut a, "obs-9", true, "t"), Err(ObservationError::NotFound(_))));
        assert!(a.observations.is_empty());
    }

    #[test]
    fn f_walks_open_observations_in_questionnaire_order_and_wraps() {
        let mut a = answered(&[]);
        add(&mut a, "v.review", seen("late"), "", "t").unwrap(); // obs-1, last section
        add(&mut a, "a.mfa", seen("first"), "", "t").unwrap(); // obs-2, first question
        let walk = |a: &Assessment, from: Option<&str>| next_open(a, from).map(|o| o.id.clone());
        assert_eq!(walk(&a, None).as_deref(), Some("obs-2"));
        assert_eq!(walk(&a, Some("obs-2")).as_deref(), Some("obs-1"));
        assert_eq!(walk(&a, Some("obs-1")).as_deref(), Some("obs-2"));
        assert_eq!(on_question(&a, "a.mfa").len(), 1);
    }

    #[test]
    fn a_follow_up_flag_becomes_an_observation() {
        let mut a = answered(&[("a.reviews", "unknown")]);
        a.set_note("a.reviews", "Ask Dana for the Q3 review", "t");
        assert_eq!(from_follow_up(&mut a, "a.reviews", "Carol", "t1").as_deref(), Some("obs-1"));
        assert!(!a.is_flagged("a.reviews"));
        assert_eq!(a.observations[0].seen, "Ask Dana for the Q3 review");
        assert_eq!(from_follow_up(&mut a, "a.reviews", "Carol", "t1"), None, "no longer flagged");
    }
}
