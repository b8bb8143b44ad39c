//! Observations (findings): what the assessor saw on a question, the risk, the recommendation, who owns
//! it and by when, and where it stands: open, remediated, verified or closed, with who moved it and when.
//! The follow-up flag becomes one of these.

use serde::{Deserialize, Serialize};

use super::document::Assessment;
use super::records::Observation;

/// Where a finding stands. Only closed ones leave the follow-up list and the report's open list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Seen, not yet fixed.
    #[default]
    Open,
    /// The client says it is fixed.
    Remediated,
    /// The assessor checked the fix against evidence.
    Verified,
    /// Done with: kept as history.
    Closed,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Open, Status::Remediated, Status::Verified, Status::Closed];

    pub fn id(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Remediated => "remediated",
            Status::Verified => "verified",
            Status::Closed => "closed",
        }
    }

    /// A status by its id, in any case.
    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.id().eq_ignore_ascii_case(text.trim()))
    }

    /// The next one along (closed goes back to open): one key press in the interface.
    pub fn next(self) -> Status {
        match self {
            Status::Open => Status::Remediated,
            Status::Remediated => Status::Verified,
            Status::Verified => Status::Closed,
            Status::Closed => Status::Open,
        }
    }

    pub fn is_open(&self) -> bool {
        *self == Status::Open
    }

    pub fn is_closed(self) -> bool {
        self == Status::Closed
    }
}

/// One change of a finding's status: to what, by whom, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub status: Status,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    pub at: String,
}

/// An observation as files hold it: as now, or from before statuses, with `closed: true`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredObservation {
    id: String,
    question: String,
    seen: String,
    #[serde(default)]
    risk: String,
    #[serde(default)]
    recommendation: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    due: String,
    #[serde(default)]
    by: String,
    created_at: String,
    #[serde(default)]
    status: Option<Status>,
    #[serde(default)]
    history: Vec<StatusChange>,
    /// Before statuses: closed or open.
    #[serde(default)]
    closed: bool,
}

impl From<StoredObservation> for Observation {
    fn from(o: StoredObservation) -> Observation {
        let old = if o.closed { Status::Closed } else { Status::Open };
        Observation {
            id: o.id,
            question: o.question,
            seen: o.seen,
            risk: o.risk,
            recommendation: o.recommendation,
            owner: o.owner,
            due: o.due,
            by: o.by,
            created_at: o.created_at,
            status: o.status.unwrap_or(old),
            history: o.history,
        }
    }
}

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
        status: Status::Open,
        history: Vec::new(),
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

/// Move an observation to `status`, recording who and when; returns whether it changed (the same status
/// again changes nothing).
pub fn set_status(a: &mut Assessment, id: &str, status: Status, by: &str, now: &str) -> Result<bool, ObservationError> {
    let o = find(a, id)?;
    if o.status == status {
        return Ok(false);
    }
    o.status = status;
    o.history.push(StatusChange { status, by: by.trim().to_string(), at: now.to_string() });
    a.updated_at = now.to_string();
    Ok(true)
}

/// Close an observation (done) or reopen it; closed ones stay in the file but leave the follow-up list.
pub fn set_closed(a: &mut Assessment, id: &str, closed: bool, now: &str) -> Result<(), ObservationError> {
    set_status(a, id, if closed { Status::Closed } else { Status::Open }, "", now).map(|_| ())
}

impl ObservationFields {
    /// What an observation says now, to change some of it.
    pub fn of(o: &Observation) -> ObservationFields {
        ObservationFields {
            seen: o.seen.clone(),
            risk: o.risk.clone(),
            recommendation: o.recommendation.clone(),
            owner: o.owner.clone(),
            due: o.due.clone(),
        }
    }
}

/// The observations in questionnaire order (then oldest first), only those of `status` when given.
pub fn in_order(a: &Assessment, status: Option<Status>) -> Vec<&Observation> {
    let order = question_order(a);
    let mut out: Vec<&Observation> = a.observations.iter().filter(|o| status.is_none_or(|s| o.status == s)).collect();
    out.sort_by_key(|o| order.get(o.question.as_str()).copied().unwrap_or(usize::MAX));
    out
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

/// The observations not closed in questionnaire order (then oldest first): what `F` walks.
pub fn open_in_order(a: &Assessment) -> Vec<&Observation> {
    // Stable: observations on one question stay oldest first.
    in_order(a, None).into_iter().filter(|o| !o.status.is_closed()).collect()
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
    fn a_finding_moves_open_remediated_verified_closed_with_who_and_when() {
        let mut a = answered(&[]);
        add(&mut a, "a.mfa", seen("MFA off for admins"), "Carol", "t0").unwrap();
        assert!(set_status(&mut a, "obs-1", Status::Remediated, "Dana", "t1").unwrap());
        assert!(!set_status(&mut a, "obs-1", Status::Remediated, "Dana", "t2").unwrap(), "the same again: nothing");
        set_status(&mut a, "obs-1", Status::Verified, " Carol ", "t3").unwrap();
        assert_eq!(open_in_order(&a).len(), 1, "verified is not closed yet");
        set_status(&mut a, "obs-1", Status::Closed, "Carol", "t4").unwrap();
        assert!(open_in_order(&a).is_empty());
        let o = &a.observations[0];
        let history: Vec<_> = o.history.iter().map(|h| (h.status.id(), h.by.as_str(), h.at.as_str())).collect();
        assert_eq!(history, [("remediated", "Dana", "t1"), ("verified", "Carol", "t3"), ("closed", "Carol", "t4")]);
        assert_eq!(in_order(&a, Some(Status::Closed)).len(), 1);
        assert!(in_order(&a, Some(Status::Open)).is_empty());
        // Saved and read back whole.
        let json = serde_json::to_string(o).unwrap();
        assert!(json.contains(r#""status":"closed""#), "{json}");
        assert_eq!(serde_json::from_str::<Observation>(&json).unwrap(), *o);
        assert_eq!(Status::parse(" Verified "), Some(Status::Verified));
        assert_eq!(Status::parse("done"), None);
        assert_eq!(Status::Closed.next(), Status::Open);
    }

    #[test]
    fn files_from_before_statuses_still_load() {
        let old = r#"{"id":"obs-1","question":"a.mfa","seen":"x","created_at":"t","closed":true}"#;
        let o: Observation = serde_json::from_str(old).unwrap();
        assert_eq!((o.status, o.history.len()), (Status::Closed, 0));
        let open: Observation =
            serde_json::from_str(r#"{"id":"obs-2","question":"a.mfa","seen":"x","created_at":"t"}"#).unwrap();
        assert_eq!(open.status, Status::Open);
        assert!(!serde_json::to_string(&open).unwrap().contains("status"), "open is the default, not written");
        let unknown = r#"{"id":"obs-1","question":"a.mfa","seen":"x","created_at":"t","state":"x"}"#;
        assert!(serde_json::from_str::<Observation>(unknown).is_err(), "unknown fields are still refused");
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
