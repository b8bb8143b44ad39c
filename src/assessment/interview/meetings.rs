//! Meetings: the sittings of an interview, who was present, what was answered in each, how long they
//! took; and who is answering now.

use chrono::{DateTime, FixedOffset};

use crate::assessment::model::document::Assessment;
use crate::assessment::model::records::Meeting;

fn parse(t: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(t).ok()
}

/// Seconds from one RFC 3339 time to another; 0 when either is unreadable or they are out of order.
pub fn seconds_between(from: &str, to: &str) -> u64 {
    match (parse(from), parse(to)) {
        (Some(a), Some(b)) => u64::try_from((b - a).num_seconds()).unwrap_or(0),
        _ => 0,
    }
}

/// A duration as the header shows it: `7 min`, `1 h 05 min`.
pub fn format_duration(seconds: u64) -> String {
    let minutes = seconds / 60;
    if minutes < 60 { format!("{minutes} min") } else { format!("{} h {:02} min", minutes / 60, minutes % 60) }
}

/// Start a meeting with the people present (names trimmed; each joins the assessment's people). A meeting
/// left open by a program that was killed is closed first, at its last recorded change.
pub fn start(a: &mut Assessment, attendees: &[String], now: &str) {
    if let Some(open) = a.meetings.last_mut().filter(|m| m.ended_at.is_empty()) {
        open.ended_at = a.updated_at.clone();
    }
    let mut present: Vec<String> = Vec::new();
    for name in attendees.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if !present.iter().any(|p| p == name) {
            present.push(name.to_string());
        }
        if !a.people.iter().any(|p| p == name) {
            a.people.push(name.to_string());
        }
    }
    a.meetings.push(Meeting { started_at: now.to_string(), attendees: present, ..Meeting::default() });
    a.updated_at = now.to_string();
}

/// The meeting going on, if any.
pub fn current(a: &Assessment) -> Option<&Meeting> {
    a.meetings.last().filter(|m| m.ended_at.is_empty())
}

/// Close the meeting going on (on quit).
pub fn end(a: &mut Assessment, now: &str) {
    if let Some(open) = a.meetings.last_mut().filter(|m| m.ended_at.is_empty()) {
        open.ended_at = now.to_string();
        a.updated_at = now.to_string();
    }
}

/// Note that a question was answered or changed in the meeting going on (once per meeting).
pub fn record_answered(a: &mut Assessment, question: &str) {
    if let Some(open) = a.meetings.last_mut().filter(|m| m.ended_at.is_empty())
        && !open.answered.iter().any(|q| q == question)
    {
        open.answered.push(question.to_string());
    }
}

/// Add someone who joined the meeting going on.
pub fn add_attendee(a: &mut Assessment, name: &str, now: &str) {
    let name = name.trim();
    if name.is_empty() {
        return;
    }
    if let Some(open) = a.meetings.last_mut().filter(|m| m.ended_at.is_empty())
        && !open.attendees.iter().any(|p| p == name)
    {
        open.attendees.push(name.to_string());
    }
    if !a.people.iter().any(|p| p == name) {
        a.people.push(name.to_string());
    }
    a.updated_at = now.to_string();
}

/// Who may be answering: the current meeting's attendees, or everyone in the assessment when no meeting
/// is going on or it names nobody. The respondent picker lists these.
pub fn respondents(a: &Assessment) -> Vec<String> {
    match current(a).filter(|m| !m.attendees.is_empty()) {
        Some(m) => m.attendees.clone(),
        None => a.people.clone(),
    }
}

/// Switch to the next respondent in the list (the `w` key), wrapping round; returns who answers now
/// (empty when there is nobody to choose from).
pub fn next_respondent(a: &mut Assessment, now: &str) -> String {
    let people = respondents(a);
    if people.is_empty() {
        return a.respondent.clone();
    }
    let next = match people.iter().position(|p| *p == a.respondent) {
        Some(i) => people[(i + 1) % people.len()].clone(),
        None => people[0].clone(),
    };
    a.set_respondent(&next, now);
    next
}

/// The clock the header shows: time in the meeting and in the current section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingClock {
    pub started_at: String,
    pub section: String,
    pub section_since: String,
}

impl MeetingClock {
    pub fn new(started_at: &str, section: &str) -> MeetingClock {
        MeetingClock { started_at: started_at.into(), section: section.into(), section_since: started_at.into() }
    }

    /// Call on every move; the section clock restarts only when the section changes.
    pub fn enter_section(&mut self, section: &str, now: &str) {
        if self.section != section {
            self.section = section.to_string();
            self.section_since = now.to_string();
        }
    }

    /// `Meeting 12 min · Access 3 min`, without the section title (the screen has it).
    pub fn elapsed(&self, now: &str) -> (u64, u64) {
        (seconds_between(&self.started_at, now), seconds_between(&self.section_since, now))
    }
}

/// One meeting as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MeetingLine {
    pub number: usize,
    pub started_at: String,
    pub ended_at: String,
    /// Whole seconds; 0 while a meeting is still open.
    pub duration_seconds: u64,
    pub duration: String,
    pub attendees: Vec<String>,
    pub answered: Vec<String>,
}

/// Every meeting, for the report: when, how long, who attended, what was answered.
pub fn meeting_lines(a: &Assessment) -> Vec<MeetingLine> {
    a.meetings
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let seconds = if m.ended_at.is_empty() { 0 } else { seconds_between(&m.started_at, &m.ended_at) };
            MeetingLine {
                number: i + 1,
                started_at: m.started_at.clone(),
                ended_at: m.ended_at.clone(),
                duration_seconds: seconds,
                duration: if m.ended_at.is_empty() { "not closed".into() } else { format_duration(seconds) },
                attendees: m.attendees.clone(),
                answered: m.answered.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::tests::answered;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_meeting_records_attendees_answers_and_duration() {
        let mut a = answered(&[]);
        start(&mut a, &names(&["Ann", " Bob ", "Ann", ""]), "2026-01-15T09:00:00Z");
        assert_eq!(current(&a).unwrap().attendees, names(&["Ann", "Bob"]));
        assert_eq!(a.people, names(&["Ann", "Bob"]));
        record_answered(&mut a, "a.mfa");
        record_answered(&mut a, "a.sso");
        record_answered(&mut a, "a.mfa");
        end(&mut a, "2026-01-15T10:05:30Z");
        assert!(current(&a).is_none());
        record_answered(&mut a, "v.review"); // no meeting open: not recorded
        let lines = meeting_lines(&a);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].answered, names(&["a.mfa", "a.sso"]));
        // 09:00:00 to 10:05:30 is 3930 s: 65 whole minutes.
        assert_eq!(lines[0].duration_seconds, 3930);
        assert_eq!(lines[0].duration, "1 h 05 min");
    }

    #[test]
    fn a_meeting_left_open_by_a_crash_is_closed_at_the_last_change() {
        let mut a = answered(&[]);
        start(&mut a, &[], "2026-01-15T09:00:00Z");
        a.updated_at = "2026-01-15T09:20:00Z".into();
        start(&mut a, &[], "2026-01-16T09:00:00Z");
        assert_eq!(a.meetings[0].ended_at, "2026-01-15T09:20:00Z");
        assert_eq!(meeting_lines(&a)[0].duration, "20 min");
        assert_eq!(meeting_lines(&a)[1].duration, "not closed");
    }

    #[test]
    fn w_cycles_through_the_people_present() {
        let mut a = answered(&[]);
        assert_eq!(next_respondent(&mut a, "t"), "", "nobody to choose from");
        a.people = names(&["Zoe"]);
        start(&mut a, &names(&["Ann", "Bob"]), "2026-01-15T09:00:00Z");
        assert_eq!(respondents(&a), names(&["Ann", "Bob"]));
        assert_eq!(next_respondent(&mut a, "t"), "Ann");
        assert_eq!(next_respondent(&mut a, "t"), "Bob");
        assert_eq!(next_respondent(&mut a, "t"), "Ann");
        add_attendee(&mut a, "Cy", "t");
        assert_eq!(respondents(&a), names(&["Ann", "Bob", "Cy"]));
        end(&mut a, "2026-01-15T10:00:00Z");
        assert_eq!(respondents(&a), names(&["Zoe", "Ann", "Bob", "Cy"]));
    }

    #[test]
    fn the_section_clock_restarts_only_on_a_new_section() {
        let mut clock = MeetingClock::new("2026-01-15T09:00:00Z", "profile");
        clock.enter_section("profile", "2026-01-15T09:05:00Z");
        clock.enter_section("access", "2026-01-15T09:10:00Z");
        clock.enter_section("access", "2026-01-15T09:12:00Z");
        assert_eq!(clock.elapsed("2026-01-15T09:13:00Z"), (780, 180));
        assert_eq!(format_duration(780), "13 min");
        assert_eq!(seconds_between("garbage", "2026-01-15T09:13:00Z"), 0);
    }
}
