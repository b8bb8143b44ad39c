//! The consultant's parts of the report: the meetings of an interview, what the client claimed against
//! what was checked against evidence, the observations, and the change since last year. Each is empty
//! (or `None`) when the assessment has nothing of it, so a founder's own report does not grow empty parts.

use chrono::NaiveDate;
use serde::Serialize;

use super::changes::{Changes, since_last_year};
use crate::assessment::interview::meetings::{MeetingLine, meeting_lines};
use crate::assessment::{Assessment, Visibility, model::review};
use crate::estimate::Parameters;

/// What the client claimed and what was checked, in one section (or over all of them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionReview {
    pub section: String,
    /// Answered as the client said, not checked.
    pub claimed: usize,
    /// Checked against evidence.
    pub reviewed: usize,
    /// Carried over from last year, not answered until confirmed.
    pub to_confirm: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewPart {
    /// Over every shown question: the sum of the sections.
    pub total: SectionReview,
    /// Sections with at least one answer, in questionnaire order.
    pub sections: Vec<SectionReview>,
}

/// An observation as the report lists it, with its question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObservationLine {
    pub id: String,
    pub question: String,
    pub text: String,
    pub section: String,
    pub seen: String,
    pub risk: String,
    pub recommendation: String,
    pub owner: String,
    pub due: String,
    /// Who recorded it.
    pub by: String,
    pub closed: bool,
    /// Open, remediated, verified or closed.
    pub status: crate::assessment::model::observations::Status,
}

/// The change since last year, for an assessment carried over from last year.
#[derive(Debug, Clone, PartialEq)]
pub struct SinceLastYear {
    pub changes: Changes,
    /// Carried-over answers not confirmed yet: question id and text, in questionnaire order.
    pub to_confirm: Vec<(String, String)>,
}

/// Whether someone was interviewed: a meeting names who was present. Opening an assessment in the
/// interface starts a meeting, so a founder answering alone has meetings too, naming nobody.
fn interviewed(a: &Assessment) -> bool {
    a.meetings.iter().any(|m| !m.attendees.is_empty())
}

/// The meetings of an interview, as `assessment::interview::meetings` lists them (numbered as held), leaving out
/// sittings that named nobody and answered nothing (an assessment opened to read its report). None when
/// nobody was interviewed.
pub fn meetings(a: &Assessment) -> Vec<MeetingLine> {
    if !interviewed(a) {
        return Vec::new();
    }
    meeting_lines(a).into_iter().filter(|m| !m.attendees.is_empty() || !m.answered.is_empty()).collect()
}

/// The review state by section, when there is one to show: something reviewed or still to confirm, or
/// someone interviewed. A founder answering alone gets `None`.
pub fn review_part(a: &Assessment, vis: &Visibility) -> Option<ReviewPart> {
    let counts = review::review_counts(a);
    if counts.reviewed == 0 && counts.to_confirm == 0 && !interviewed(a) {
        return None;
    }
    let empty = |section: &str| SectionReview { section: section.to_string(), claimed: 0, reviewed: 0, to_confirm: 0 };
    let mut total = empty("All sections");
    let mut sections = Vec::new();
    for (si, s) in a.questionnaire().sections.iter().enumerate() {
        let mut row = empty(&s.title);
        for (qi, x) in s.questions.iter().enumerate() {
            if !vis.question(si, qi) || a.value(&x.id).is_none() {
                continue;
            }
            if review::is_to_confirm(a, &x.id) {
                row.to_confirm += 1;
            } else if review::is_reviewed(a, &x.id) {
                row.reviewed += 1;
            } else {
                row.claimed += 1;
            }
        }
        if row.claimed + row.reviewed + row.to_confirm > 0 {
            total.claimed += row.claimed;
            total.reviewed += row.reviewed;
            total.to_confirm += row.to_confirm;
            sections.push(row);
        }
    }
    Some(ReviewPart { total, sections })
}

/// Every observation, open ones first, each group in questionnaire order (oldest first on one question).
pub fn observations(a: &Assessment) -> Vec<ObservationLine> {
    let order = crate::assessment::model::observations::question_order(a);
    let mut list: Vec<_> = a.observations.iter().collect();
    list.sort_by_key(|o| (o.status.is_closed(), order.get(o.question.as_str()).copied().unwrap_or(usize::MAX)));
    list.into_iter()
        .map(|o| {
            let place = a.questionnaire().sections.iter().find_map(|s| {
                s.questions.iter().find(|x| x.id == o.question).map(|x| (s.title.clone(), x.text.clone()))
            });
            let (section, text) = place.unwrap_or_default();
            ObservationLine {
                id: o.id.clone(),
                question: o.question.clone(),
                text,
                section,
                seen: o.seen.clone(),
                risk: o.risk.clone(),
                recommendation: o.recommendation.clone(),
                owner: o.owner.clone(),
                due: o.due.clone(),
                by: o.by.clone(),
                closed: o.status.is_closed(),
                status: o.status,
            }
        })
        .collect()
}

/// The change since last year, for a carried-over assessment; `None` otherwise.
pub fn since(a: &Assessment, params: &Parameters, today: NaiveDate) -> Option<SinceLastYear> {
    let changes = since_last_year(a, params, today)?;
    let to_confirm = a
        .questionnaire()
        .sections
        .iter()
        .flat_map(|s| &s.questions)
        .filter(|x| review::is_to_confirm(a, &x.id))
        .map(|x| (x.id.clone(), x.text.clone()))
        .collect();
    Some(SinceLastYear { changes, to_confirm })
}
