//! The interview on the questionnaire screen: the meeting (who is answering, how long it has run, how long
//! in this section), review marks, observations, undo, carried-over answers to confirm, and conflicts left
//! by a merge. The rules are the core's (`assessment::{interview::meetings, model::review, model::observations, model::undo, model::conflicts}`);
//! this is their keys and their drawing.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui_textarea::TextArea;

use super::{Ctx, Outcome};
use crate::assessment::interview::meetings::{self, MeetingClock, format_duration};
use crate::assessment::model::answer::check_note;
use crate::assessment::model::conflicts::{self, open_conflicts};
use crate::assessment::model::observations::{self, ObservationFields};
use crate::assessment::model::records::Observation;
use crate::assessment::model::review;
use crate::assessment::model::undo::{UndoStack, Undone};
use crate::assessment::{Assessment, Change, ChangeError, describe};
use crate::text::{one_line, truncate};
use crate::tui::action::Action;
use crate::tui::editor::{Editor, line_input};
use crate::tui::keymap::{self, Context};
use crate::tui::screens::questionnaire::{Mode, QuestionnaireScreen};
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap;

/// What the interview keeps while an assessment is open (not saved: the meeting itself is, in the file).
#[derive(Default)]
pub struct Interview {
    /// The meeting's clock: when it started, and when the current section was entered.
    pub clock: Option<MeetingClock>,
    pub undo: UndoStack,
    /// Set before the key being handled (or before the field now open): the assessment's change log
    /// records what it applies, observations included (undo applies their inverses).
    pending: bool,
    /// The finding the findings list last went to: `F` on its question lists from the next one.
    pub last_finding: Option<String>,
    /// The section whose carried-over answers the last key offered to confirm all at once: the same key
    /// again (and only next) confirms them.
    pub confirm_section: Option<String>,
}

/// The observation form: five one-line fields, one of them being typed in.
pub struct ObservationForm {
    pub fields: [TextArea<'static>; 5],
    pub focus: usize,
    /// The question was flagged for follow-up: saving the observation takes the flag's place.
    pub from_flag: bool,
    /// The observation being changed (`E`), or `None` for a new one.
    pub editing: Option<String>,
}

const FIELD_LABELS: [&str; 5] = ["Seen", "Risk", "Recommendation", "Owner", "Due"];

/// Choosing one of the answers merged files disagree on.
pub struct ConflictPick {
    pub question: String,
    pub selected: usize,
}

/// Start the meeting when an assessment is opened in the interface: who answered last is present.
/// Returns what is waiting to be settled (conflicts from a merge, carried-over answers), if anything.
pub fn begin_meeting(editor: &mut QuestionnaireScreen, now: &str) -> Result<Option<String>, String> {
    let present: Vec<String> =
        Some(editor.assessment().respondent.clone()).filter(|r| !r.trim().is_empty()).into_iter().collect();
    meetings::start(&mut editor.session.assessment, &present, now);
    let section = section_id(editor);
    editor.interview.clock = Some(MeetingClock::new(now, &section));
    editor.save()?;
    let a = editor.assessment();
    let key = |a: Action| keymap::key_label(Context::Questionnaire, a);
    let mut waiting = Vec::new();
    match a.conflicts.len() {
        0 => {}
        1 => {
            waiting.push(format!("1 answer the merged files disagree on ({} to choose)", key(Action::ResolveConflicts)))
        }
        n => waiting
            .push(format!("{n} answers the merged files disagree on ({} to choose)", key(Action::ResolveConflicts))),
    }
    match review::review_counts(a).to_confirm {
        0 => {}
        n => waiting.push(format!(
            "{n} carried-over answers to confirm ({} confirms and moves on, {} skips to the next, {} confirms a \
             whole section)",
            key(Action::ConfirmCarriedOver),
            key(Action::NextToConfirm),
            key(Action::ConfirmSection)
        )),
    }
    Ok((!waiting.is_empty()).then(|| format!("Meeting started. Waiting: {}.", waiting.join("; "))))
}

/// End the meeting (quitting, or going back to the home screen).
pub fn end_meeting(editor: &mut QuestionnaireScreen, now: &str) {
    if editor.interview.clock.take().is_some() {
        meetings::end(&mut editor.session.assessment, now);
        editor.dirty = true;
    }
}

fn section_id(editor: &QuestionnaireScreen) -> String {
    editor.assessment().questionnaire().sections[editor.cursor.section].id.clone()
}

/// Before a key is handled: remember what it may change (once per opened field).
pub fn before_action(editor: &mut QuestionnaireScreen) {
    // A typed answer's field opens without an action: what it may change is taken when it closes.
    if matches!(editor.mode, Mode::Answering) || !editor.interview.pending {
        editor.session.assessment.log.start();
        editor.interview.pending = true;
    }
}

/// After a key was handled (and its field, if any, closed): the changes it applied become one step to undo
/// and, for an answer, part of the meeting; the section timer follows the cursor.
pub fn after_action(editor: &mut QuestionnaireScreen, now: &str) {
    let section = section_id(editor);
    if let Some(clock) = &mut editor.interview.clock {
        clock.enter_section(&section, now);
    }
    if !matches!(editor.mode, Mode::Answering) {
        return;
    }
    if !std::mem::take(&mut editor.interview.pending) {
        return;
    }
    let met = observe_applied(editor);
    // What the meeting recorded is saved with the answer, not a save later.
    if met {
        let _ = editor.save();
    }
}

/// The changes applied since the log started (one key, or what was kept of a field when the program
/// ends): one step to undo, and each question whose value changed answered in the meeting going on.
/// Returns whether the meeting recorded one.
pub fn observe_applied(editor: &mut QuestionnaireScreen) -> bool {
    let applied = editor.session.assessment.log.take();
    editor.interview.undo.record(&applied);
    let a = &mut editor.session.assessment;
    if meetings::current(a).is_none() {
        return false;
    }
    let mut met = false;
    for answered in applied.iter().filter(|x| x.value_changed) {
        meetings::record_answered(a, &answered.question);
        met = true;
    }
    met
}

fn say(text: impl Into<String>) -> Option<Outcome> {
    Some(Outcome::Say(text.into()))
}

fn saved(editor: &mut QuestionnaireScreen, text: impl Into<String>) -> Option<Outcome> {
    Some(match editor.save() {
        Ok(()) => Outcome::Say(text.into()),
        Err(e) => Outcome::Complain(e.to_string()),
    })
}

/// `Y`: the first press says how many carried-over answers the section has to confirm and asks; the same key
/// again confirms them all, each through the one write path (checked on a copy first: all or none).
fn confirm_section(editor: &mut QuestionnaireScreen, offered: Option<String>, key: &str, now: &str) -> Outcome {
    let s = editor.cursor.section;
    let section = &editor.assessment().questionnaire().sections[s];
    let (section_id, title) = (section.id.clone(), one_line(&section.title));
    // The questions shown in the section (a hidden one is not asked, so not confirmed either).
    let ids: Vec<String> = (section.questions.iter().enumerate())
        .filter(|&(i, q)| editor.vis().question(s, i) && review::is_to_confirm(editor.assessment(), &q.id))
        .map(|(_, q)| q.id.clone())
        .collect();
    let n = ids.len();
    let answers = |n: usize| if n == 1 { "answer".to_string() } else { format!("{n} answers") };
    if n == 0 {
        return Outcome::Say(format!("No answer carried over from last year is left to confirm in {title}."));
    }
    if offered.as_deref() != Some(section_id.as_str()) {
        editor.interview.confirm_section = Some(section_id);
        let which =
            if n == 1 { "the one carried-over answer".to_string() } else { format!("all {n} carried-over answers") };
        return Outcome::Say(format!(
            "Confirm {which} in {title} as still true? {key} again confirms them; any other key leaves them."
        ));
    }
    let changes: Vec<Change> = ids.iter().map(|q| Change::Confirm { question: q.clone() }).collect();
    let mut trial = editor.assessment().clone();
    for c in &changes {
        if let Err(e) =
            crate::assessment::model::change::apply(&mut trial, c, crate::assessment::model::change::Ctx::at(now))
        {
            return Outcome::Complain(format!("Nothing confirmed: {e}."));
        }
    }
    for c in &changes {
        if let Err(e) = editor.apply(c, now) {
            return Outcome::Complain(e.to_string());
        }
    }
    let left = to_confirm_left(editor);
    let text = format!("Confirmed {} in {title} as still true; {left} left to confirm.", answers(n));
    saved(editor, text).unwrap_or(Outcome::Done)
}

/// The interview's keys while answering; `None` leaves the key to the questionnaire screen.
pub fn answering(editor: &mut QuestionnaireScreen, action: Action, ctx: &Ctx) -> Option<Outcome> {
    let now = ctx.now.as_str();
    let place = super::questionnaire::answering_context(editor);
    let key = |a: Action| keymap::key_label(place, a);
    let id = editor.question().id.clone();
    // Any other key leaves the offer to confirm a whole section.
    let offered = editor.interview.confirm_section.take();
    match action {
        Action::ConfirmSection => Some(confirm_section(editor, offered, &key(action), now)),
        Action::NextRespondent => {
            if meetings::respondents(editor.assessment()).is_empty() {
                return None;
            }
            let name = meetings::next_respondent(&mut editor.session.assessment, now);
            saved(
                editor,
                format!(
                    "Answers are now recorded as given by {} ({} adds someone).",
                    one_line(&name),
                    key(Action::SetRespondent)
                ),
            )
        }
        Action::ToggleReviewed => {
            if editor.assessment().value(&id).is_none() {
                return Some(Outcome::Complain("There is no answer to review yet.".into()));
            }
            if let Err(e) = editor.apply(&Change::Review { question: id.clone(), by: String::new() }, now) {
                return Some(Outcome::Complain(e.to_string()));
            }
            let reviewed = review::is_reviewed(editor.assessment(), &id);
            saved(
                editor,
                if reviewed { "Marked reviewed against evidence." } else { "Back to claimed (not reviewed)." },
            )
        }
        Action::ConfirmCarriedOver => {
            if editor.apply(&Change::Confirm { question: id.clone() }, now).is_err() {
                let next = key(Action::NextToConfirm);
                return say(format!("This answer is not one carried over to confirm; {next} goes to the next one."));
            }
            // C3: confirming moves on to the next one to confirm.
            let moved = next_to_confirm(editor);
            let text = match (to_confirm_left(editor), moved) {
                (0, _) => "Confirmed as still true; every carried-over answer is confirmed.".to_string(),
                (left, true) => format!("Confirmed as still true; on to the next of {left} left to confirm."),
                (left, false) => format!("Confirmed as still true; {left} carried-over answers left to confirm."),
            };
            saved(editor, text)
        }
        Action::NextToConfirm => {
            if !next_to_confirm(editor) {
                if review::is_to_confirm(editor.assessment(), &id) {
                    let confirm = key(Action::ConfirmCarriedOver);
                    return say(format!("This is the only answer left to confirm; {confirm} confirms it."));
                }
                return say("No carried-over answer is left to confirm among the questions shown.");
            }
            let left = to_confirm_left(editor);
            say(format!(
                "Carried over from last year: {} confirms it, or answer anew; {left} left to confirm.",
                key(Action::ConfirmCarriedOver)
            ))
        }
        Action::AddObservation => {
            let a = editor.assessment();
            let flagged = a.is_flagged(&id);
            let answer = a.answers().get(&id);
            let seen = if flagged { a.note(&id).replace(['\n', '\r'], " ") } else { String::new() };
            let owner = answer.map(|x| x.owner.clone()).unwrap_or_default();
            let due = answer.map(|x| x.due.clone()).unwrap_or_default();
            let mut fields = [
                line_input(&seen, "what was seen (required)"),
                line_input("", "the risk it leaves"),
                line_input("", "what to do about it"),
                line_input(&owner, "who owns it"),
                line_input(&due, "YYYY-MM-DD"),
            ];
            // C8: the flag's note is read from its start (its end alone can invert its meaning).
            fields[0].move_cursor(ratatui_textarea::CursorMove::Head);
            editor.mode =
                Mode::Observation(Box::new(ObservationForm { fields, focus: 0, from_flag: flagged, editing: None }));
            Some(Outcome::Done)
        }
        Action::ObservationStatus => {
            let Some(o) = observation_here(editor.assessment(), &id) else {
                return say(format!("No observation on this question; {} records one.", key(Action::AddObservation)));
            };
            let (obs, status) = (o.id.clone(), o.status.next());
            let by = editor.assessment().respondent.clone();
            if let Err(e) = editor.apply(&Change::ObservationStatus { id: obs.clone(), status, by }, now) {
                return Some(Outcome::Complain(e.to_string()));
            }
            let again = if status.is_closed() { "open".to_string() } else { status.next().id().to_string() };
            saved(editor, format!("Observation {obs} is now {}; {} again makes it {again}.", status.id(), key(action)))
        }
        Action::EditObservation => {
            let Some(o) = observation_here(editor.assessment(), &id) else {
                return say(format!("No observation on this question; {} records one.", key(Action::AddObservation)));
            };
            let mut fields = [
                line_input(&o.seen, "what was seen (required)"),
                line_input(&o.risk, "the risk it leaves"),
                line_input(&o.recommendation, "what to do about it"),
                line_input(&o.owner, "who owns it"),
                line_input(&o.due, "YYYY-MM-DD"),
            ];
            // Read from the start (the end alone can invert the meaning).
            for f in &mut fields {
                f.move_cursor(ratatui_textarea::CursorMove::Head);
            }
            let editing = Some(o.id.clone());
            editor.mode = Mode::Observation(Box::new(ObservationForm { fields, focus: 0, from_flag: false, editing }));
            Some(Outcome::Done)
        }
        Action::Undo => {
            editor.interview.pending = false;
            let undone = editor.interview.undo.undo(&mut editor.editor.session.assessment, now);
            // What undo applied is no step of its own.
            editor.session.assessment.log.take();
            let Some(undone) = undone else {
                return say("Nothing to undo.");
            };
            editor.recompute();
            let text = match undone {
                Undone::Answer(q) => {
                    // Back to the question, if it is shown (an answer undone may hide it).
                    if let Some(place) = place_of(editor.assessment(), &q).filter(|&(s, i)| editor.vis().question(s, i))
                    {
                        editor.go(place);
                    }
                    format!("Undone: the last change to {}.", one_line(&q))
                }
                Undone::Observation { id, question } => {
                    // Back to the question whose observation came back, changed or went.
                    if let Some(place) = place_of(editor.assessment(), &question) {
                        editor.go(place);
                    }
                    format!("Undone: the last change to observation {}.", one_line(&id))
                }
                Undone::Resolution(q) => {
                    if let Some(place) = place_of(editor.assessment(), &q).filter(|&(s, i)| editor.vis().question(s, i))
                    {
                        editor.go(place);
                    }
                    let resolve = keymap::key_label(Context::Questionnaire, Action::ResolveConflicts);
                    format!("Undone: the conflict on {} is open again; {resolve} resolves it.", one_line(&q))
                }
            };
            let left = editor.interview.undo.depth();
            let more = match left {
                0 => "Nothing more to undo.".to_string(),
                1 => "1 more step can be undone.".to_string(),
                n => format!("{n} more steps can be undone."),
            };
            saved(editor, format!("{text} {more}"))
        }
        Action::NextFlagged => {
            let a = editor.assessment();
            let open: std::collections::HashSet<&str> =
                a.observations.iter().filter(|o| !o.status.is_closed()).map(|o| o.question.as_str()).collect();
            let q = a.questionnaire();
            let found = editor.cursor.find_after(true, |(s, i)| {
                let id = q.sections[s].questions[i].id.as_str();
                a.is_flagged(id) || open.contains(id)
            });
            match found {
                Some(place) => {
                    editor.go(place);
                    let a = editor.assessment();
                    let here = editor.question().id.clone();
                    let obs = observations::on_question(a, &here).into_iter().filter(|o| !o.status.is_closed()).count();
                    let flag = if a.is_flagged(&here) { "flagged for follow-up" } else { "" };
                    let text = match (flag.is_empty(), obs) {
                        (false, 0) => {
                            format!("This question is {flag}; {} makes it an observation.", key(Action::AddObservation))
                        }
                        (true, n) => format!("{n} open observation(s) on this question."),
                        (false, n) => format!("This question is {flag}, with {n} open observation(s)."),
                    };
                    say(text)
                }
                None => say("No question is flagged for follow-up, and no observation is open."),
            }
        }
        Action::ResolveConflicts => {
            let a = editor.assessment();
            let open = open_conflicts(a);
            let Some(first) = open.first() else { return say("No conflicts between merged files are left.") };
            // The conflict on this question, or the first one.
            let question = open.iter().find(|c| c.question == id).unwrap_or(first).question.clone();
            if let Some(place) = place_of(a, &question) {
                editor.go(place);
            }
            editor.mode = Mode::Conflict(ConflictPick { question, selected: 0 });
            show_selected_candidate(editor, ctx);
            Some(Outcome::Done)
        }
        _ => None,
    }
}

/// A refused observation form: back to the field at fault (the due date, or else the first), nothing typed
/// lost, and why.
fn refused_form(editor: &mut QuestionnaireScreen, e: &ChangeError) -> Outcome {
    if let Mode::Observation(form) = &mut editor.mode {
        form.focus = match e {
            ChangeError::Observation(observations::ObservationError::BadDue(_)) => 4,
            _ => 0,
        };
    }
    Outcome::Complain(e.to_string())
}

/// Where a question is, by id.
pub(crate) fn place_of(a: &Assessment, id: &str) -> Option<(usize, usize)> {
    a.questionnaire()
        .sections
        .iter()
        .enumerate()
        .find_map(|(s, section)| section.questions.iter().position(|q| q.id == id).map(|i| (s, i)))
}

/// Go to the next shown question whose answer is carried over still to confirm (round to the start);
/// returns whether there is one other than this question.
pub fn next_to_confirm(editor: &mut QuestionnaireScreen) -> bool {
    let a = editor.assessment();
    let q = a.questionnaire();
    let here = editor.cursor.here();
    let found = editor.cursor.find_after(true, |(s, i)| review::is_to_confirm(a, &q.sections[s].questions[i].id));
    match found {
        Some(place) if place != here => {
            editor.go(place);
            true
        }
        _ => false,
    }
}

/// How many carried-over answers are still to confirm.
fn to_confirm_left(editor: &QuestionnaireScreen) -> usize {
    review::review_counts(editor.assessment()).to_confirm
}

/// The observation `S` and `E` act on: the question's oldest one not closed, or else its newest.
fn observation_here<'a>(a: &'a crate::assessment::Assessment, question: &str) -> Option<&'a Observation> {
    let on = observations::on_question(a, question);
    on.iter().find(|o| !o.status.is_closed()).or(on.last()).copied()
}

/// Keys in the observation form.
pub fn observation_form(editor: &mut QuestionnaireScreen, action: Action, ctx: &Ctx) -> Outcome {
    let id = editor.question().id.clone();
    let Mode::Observation(form) = &mut editor.mode else { return Outcome::Done };
    match action {
        Action::Down => form.focus = (form.focus + 1) % FIELD_LABELS.len(),
        Action::Up => form.focus = (form.focus + FIELD_LABELS.len() - 1) % FIELD_LABELS.len(),
        Action::Cancel => {
            editor.mode = Mode::Answering;
            return Outcome::Say("No observation recorded.".into());
        }
        Action::Confirm => {
            let text = |i: usize| form.fields[i].lines().join(" ");
            let fields = ObservationFields {
                seen: text(0),
                risk: text(1),
                recommendation: text(2),
                owner: text(3),
                due: text(4),
            };
            let too_long = [&fields.seen, &fields.risk, &fields.recommendation, &fields.owner]
                .into_iter()
                .find_map(|f| check_note(f).err());
            if let Some(e) = too_long {
                return Outcome::Complain(e.to_string());
            }
            let from_flag = form.from_flag;
            let now = ctx.now.as_str();
            if let Some(obs) = form.editing.clone() {
                return match editor.apply(&Change::EditObservation { id: obs.clone(), fields }, now) {
                    Ok(_) => {
                        editor.mode = Mode::Answering;
                        match editor.save() {
                            Ok(()) => Outcome::Say(format!("Observation {obs} changed.")),
                            Err(e) => Outcome::Complain(e.to_string()),
                        }
                    }
                    Err(e) => refused_form(editor, &e),
                };
            }
            // Who saw it is the assessor, not the person answering: left unnamed, as before.
            let by = String::new();
            match editor.apply(&Change::Observe { question: id.clone(), fields, by }, now) {
                Ok(applied) => {
                    let obs = applied.observation.map(|o| o.id).unwrap_or_default();
                    if from_flag && editor.assessment().is_flagged(&id) {
                        // Cannot be refused: a flag is always the user's to remove.
                        let _ = editor.apply(&Change::Flag { question: id.clone() }, now);
                    }
                    editor.mode = Mode::Answering;
                    let text = if from_flag {
                        format!("Observation {obs} recorded; it takes the place of the follow-up flag.")
                    } else {
                        format!("Observation {obs} recorded.")
                    };
                    return match editor.save() {
                        Ok(()) => Outcome::Say(text),
                        Err(e) => Outcome::Complain(e.to_string()),
                    };
                }
                Err(e) => return refused_form(editor, &e),
            }
        }
        _ => {}
    }
    Outcome::Done
}

/// The field being typed in, in the observation form.
pub fn form_input(form: &mut ObservationForm) -> &mut TextArea<'static> {
    &mut form.fields[form.focus]
}

/// Keys while choosing between the answers of merged files.
pub fn conflict_pick(editor: &mut QuestionnaireScreen, action: Action, ctx: &Ctx) -> Outcome {
    let Mode::Conflict(pick) = &mut editor.mode else { return Outcome::Done };
    let question = pick.question.clone();
    let count = editor
        .editor
        .session
        .assessment
        .conflicts
        .iter()
        .find(|c| c.question == question)
        .map_or(0, |c| c.candidates.len());
    let choice = match action {
        Action::Down => {
            pick.selected = (pick.selected + 1).min(count.saturating_sub(1));
            show_selected_candidate(editor, ctx);
            return Outcome::Done;
        }
        Action::Up => {
            pick.selected = pick.selected.saturating_sub(1);
            show_selected_candidate(editor, ctx);
            return Outcome::Done;
        }
        Action::Cancel | Action::Back => {
            editor.mode = Mode::Answering;
            return Outcome::Say("The conflict stays open; the question stays unanswered until one is chosen.".into());
        }
        Action::Confirm => pick.selected,
        Action::Choose(n) if n >= 1 => n - 1,
        _ => return Outcome::Done,
    };
    let now = ctx.now.as_str();
    let a = editor.assessment();
    let Some(at) = a.conflicts.iter().position(|c| c.question == question) else {
        return Outcome::Complain(format!("There is no conflict on {} any more.", one_line(&question)));
    };
    let conflict = a.conflicts[at].clone();
    editor.session.assessment.log.start();
    if let Err(e) = conflicts::resolve(&mut editor.session.assessment, &question, choice, now) {
        return Outcome::Complain(e.to_string());
    }
    // Undo opens the conflict again, with every file's answer: nothing is lost by resolving.
    let applied = editor.session.assessment.log.take();
    editor.interview.undo.record_resolved(conflict, at, &applied);
    for answered in applied.iter().filter(|x| x.value_changed) {
        meetings::record_answered(&mut editor.session.assessment, &answered.question);
    }
    editor.interview.pending = false;
    editor.mode = Mode::Answering;
    editor.answer_changed(&question);
    let left = editor.assessment().conflicts.len();
    let text = if left == 0 {
        "Conflict resolved; none are left.".to_string()
    } else {
        format!(
            "Conflict resolved; {left} left: press {} for the next.",
            keymap::key_label(Context::Questionnaire, Action::ResolveConflicts)
        )
    };
    match editor.save() {
        Ok(()) => Outcome::Say(text),
        Err(e) => Outcome::Complain(e.to_string()),
    }
}

/// The meeting part of the header: who is answering, how long the meeting and this section have run;
/// shorter words when the terminal is narrow, so the organisation keeps some room.
pub fn header(editor: &QuestionnaireScreen, now: &str, width: u16) -> String {
    let a = editor.assessment();
    let Some(clock) = &editor.interview.clock else {
        return if a.respondent.is_empty() {
            String::new()
        } else {
            format!(" │ answering: {}", truncate(&one_line(&a.respondent), 30))
        };
    };
    let (meeting, section) = clock.elapsed(now);
    let (meeting, section) = (format_duration(meeting), format_duration(section));
    if width >= 110 {
        let who =
            if a.respondent.is_empty() { "nobody named".to_string() } else { truncate(&one_line(&a.respondent), 24) };
        format!(" │ answering: {who} │ meeting {meeting} · section {section}")
    } else if width >= 80 {
        let who = if a.respondent.is_empty() { "no one".to_string() } else { truncate(&one_line(&a.respondent), 14) };
        format!(" │ {who} │ {meeting} · sect. {section}")
    } else {
        // Narrow: who answers and the meeting's time; the section's time waits for a wider terminal.
        let who = if a.respondent.is_empty() { "no one".to_string() } else { truncate(&one_line(&a.respondent), 10) };
        format!(" │ {who} │ {meeting}")
    }
}

/// How many shown questions of section `s` have a reviewed answer (kept up to date with the progress).
pub fn reviewed_in_section(editor: &QuestionnaireScreen, s: usize) -> usize {
    editor.tally().sections[s].reviewed
}

/// Each section's questions flagged for follow-up (among those shown) and open findings (observations
/// not closed, on any of its questions), in questionnaire order: what the sections list counts.
pub fn follow_ups_by_section(editor: &QuestionnaireScreen) -> Vec<(usize, usize)> {
    // Kept per section as answers change (recounting every question here, at every frame, was half of a
    // keystroke at 5,000 questions).
    editor.tally().sections.iter().map(|p| (p.flagged, p.findings)).collect()
}

/// Whether review marks are shown: once a shown answer has been marked reviewed against evidence. Opening
/// an assessment starts a meeting for everyone, so a founder answering alone would otherwise see "✔0"
/// beside every section and "CLAIMED" on every answer.
pub fn shows_review(editor: &QuestionnaireScreen) -> bool {
    editor.tally().total.reviewed > 0
}

/// The markers beside the question's id: claimed or reviewed, carried over, merged files disagreeing.
pub fn question_tags(editor: &QuestionnaireScreen, t: Theme) -> Vec<Span<'static>> {
    let a = editor.assessment();
    let id = &editor.question().id;
    let mut tags = Vec::new();
    let answer = a.answers().get(id);
    if answer.is_some_and(|x| x.to_confirm) {
        tags.push(Span::styled("  ↺ CARRIED OVER: TO CONFIRM", t.warning()));
    } else if answer.is_some_and(|x| x.reviewed.is_some()) {
        tags.push(Span::styled("  ✔ REVIEWED", t.chosen()));
    } else if answer.is_some_and(|x| x.value.is_some()) && shows_review(editor) {
        tags.push(Span::styled("  CLAIMED", t.dim()));
    }
    if a.conflicts.iter().any(|c| &c.question == id) {
        tags.push(Span::styled("  ≠ FILES DISAGREE", t.warning()));
    }
    tags
}

/// The lines the interview adds under the answer: the files' answers when they disagree, the question's
/// observations.
pub fn question_lines(editor: &QuestionnaireScreen, width: u16, t: Theme) -> Vec<Line<'static>> {
    let a = editor.assessment();
    let question = editor.question();
    let mut lines = Vec::new();
    if let Some(conflict) = a.conflicts.iter().find(|c| c.question == question.id) {
        let picking = match &editor.mode {
            Mode::Conflict(p) if p.question == question.id => Some(p.selected),
            _ => None,
        };
        let how = match picking {
            Some(_) => "a number, or Enter, keeps that file's answer".to_string(),
            None => format!("{} to choose one", keymap::key_label(Context::Questionnaire, Action::ResolveConflicts)),
        };
        for l in wrap(&format!("The merged files disagree ({how}):"), width) {
            lines.push(Line::styled(l, t.label()));
        }
        for (i, c) in conflict.candidates.iter().enumerate() {
            let value = c.answer.value.as_ref().map_or("(no answer)".to_string(), |v| describe(question, v));
            let by =
                if c.answer.answered_by.is_empty() { String::new() } else { format!(" (by {})", c.answer.answered_by) };
            let mark = if picking == Some(i) { ">" } else { " " };
            let text = format!("{mark}{} {}: {value}{by}", i + 1, c.from);
            let style = if picking == Some(i) { t.selected() } else { t.plain() };
            for l in wrap(&text, width) {
                lines.push(Line::styled(l, style));
            }
            // Each file's note and evidence beside its answer: what the answer rests on.
            let beside = [("note", c.answer.note.clone()), ("evidence", c.answer.evidence.join("; "))];
            for (label, text) in beside.into_iter().filter(|(_, text)| !text.trim().is_empty()) {
                for l in wrap(&format!("{label}: {}", one_line(&text)), width.saturating_sub(CANDIDATE_INDENT)) {
                    lines.push(Line::styled(format!("{}{l}", " ".repeat(CANDIDATE_INDENT.into())), t.dim()));
                }
            }
        }
        lines.push(Line::raw(""));
    }
    for o in observations::on_question(a, &question.id) {
        let state = o.status.id();
        let mut text = format!("Observation {} ({state}): {}", o.id, o.seen);
        if !o.risk.is_empty() {
            text.push_str(&format!(" · risk: {}", o.risk));
        }
        if !o.recommendation.is_empty() {
            text.push_str(&format!(" · do: {}", o.recommendation));
        }
        if !o.owner.is_empty() {
            text.push_str(&format!(" · owner: {}", o.owner));
        }
        if !o.due.is_empty() {
            text.push_str(&format!(" · due {}", o.due));
        }
        for l in wrap(&text, width) {
            lines.push(Line::styled(l, if o.status.is_closed() { t.dim() } else { t.plain() }));
        }
    }
    lines
}

/// How far a file's note and evidence are indented under its answer in the conflict panel.
const CANDIDATE_INDENT: u16 = 3;

/// Scroll the question's panel so the file chosen in the conflict panel shows whole (its answer, note and
/// evidence), between the "more above" and "more below" lines.
fn show_selected_candidate(editor: &mut QuestionnaireScreen, ctx: &Ctx) {
    let area = super::questionnaire::detail_area(editor, ctx.size);
    let lines = super::questionnaire::question_lines(editor, area.width, ctx.theme);
    let text = |l: &Line| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>();
    let Mode::Conflict(pick) = &editor.mode else { return };
    let mark = format!(">{} ", pick.selected + 1);
    let Some(start) = lines.iter().position(|l| text(l).starts_with(&mark)) else { return };
    let indent = " ".repeat(CANDIDATE_INDENT.into());
    let len = 1 + lines[start + 1..].iter().take_while(|l| text(l).starts_with(&indent)).count();
    let height = usize::from(area.height);
    let max = lines.len().saturating_sub(height);
    let scroll = usize::from(editor.detail_scroll).min(max);
    // The first and last rows give way to "more above" / "more below" when there is more.
    let scroll = if start < scroll + 1 {
        start.saturating_sub(1)
    } else if start + len + 1 > scroll + height {
        (start + len + 1).saturating_sub(height).min(start.saturating_sub(1))
    } else {
        scroll
    };
    editor.detail_scroll = u16::try_from(scroll.min(max)).unwrap_or(u16::MAX);
}

/// Height of the observation form.
pub const FORM_HEIGHT: u16 = 7;

/// The observation form, under the question.
pub fn draw_form(frame: &mut Frame, form: &ObservationForm, area: Rect, t: Theme) {
    let save = keymap::key_label(Context::TypeObservation, Action::Confirm);
    let cancel = keymap::key_label(Context::TypeObservation, Action::Cancel);
    let title = if form.from_flag { "Observation for the flag" } else { "Observation" };
    let block = Block::bordered().title(format!(" {title} ({save}: save · {cancel}: cancel) "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = Layout::vertical([Constraint::Length(1); 5]).split(inner);
    let label_width = 17u16.min(inner.width / 2);
    for (i, row) in rows.iter().enumerate() {
        let [label, field] = Layout::horizontal([Constraint::Length(label_width), Constraint::Min(1)]).areas(*row);
        let style = if i == form.focus { t.selected() } else { t.label() };
        let mark = if i == form.focus { ">" } else { " " };
        frame.render_widget(Paragraph::new(Span::styled(format!("{mark}{}:", FIELD_LABELS[i]), style)), label);
        let input = &form.fields[i];
        let text = input.lines().join(" ");
        let cursor = (i == form.focus).then(|| input.cursor().1);
        let line = if text.is_empty() {
            // What the field is for, as the text field itself would show it.
            let mark = if cursor.is_some() { Span::styled(" ", Style::new().reversed()) } else { Span::raw(" ") };
            Line::from(vec![mark, Span::styled(input.placeholder_text().to_string(), t.dim())])
        } else {
            field_window(&text, cursor, usize::from(field.width), t)
        };
        frame.render_widget(Paragraph::new(line), field);
    }
}

/// What a one-line field of the form shows in `width` columns (C8: the tail of a long text was shown, so
/// "... is not" read as "... is"): the start when the cursor is there or the field is not being typed in,
/// otherwise the part around the cursor; `…` at either end says that more text is hidden there.
fn field_window(text: &str, cursor: Option<usize>, width: usize, t: Theme) -> Line<'static> {
    use unicode_width::UnicodeWidthChar;
    let chars: Vec<char> = crate::text::visible(text).chars().collect();
    let w = |c: &char| c.width().unwrap_or(0);
    let at = cursor.unwrap_or(0).min(chars.len());
    // Columns for text: the width less a column for the cursor after the end, and for each marker.
    let fits = |from: usize, to: usize| {
        let markers = usize::from(from > 0) + usize::from(to < chars.len());
        chars[from..to].iter().map(w).sum::<usize>() + markers + usize::from(to == chars.len()) <= width
    };
    // Start at the beginning; move the window right only as far as the cursor needs.
    let mut from = 0;
    while from < at && !fits(from, at + usize::from(at < chars.len())) {
        from += 1;
    }
    let mut to = from;
    while to < chars.len() && fits(from, to + 1) {
        to += 1;
    }
    let mut spans = Vec::new();
    if from > 0 {
        spans.push(Span::styled("…", t.dim()));
    }
    for (i, c) in chars.iter().enumerate().take(to).skip(from) {
        let style = if cursor.is_some() && i == at { Style::new().reversed() } else { Style::new() };
        spans.push(Span::styled(c.to_string(), style));
    }
    if cursor.is_some() && at == chars.len() && at >= from {
        spans.push(Span::styled(" ", Style::new().reversed()));
    }
    if to < chars.len() {
        spans.push(Span::styled("…", t.dim()));
    }
    Line::from(spans)
}

/// Export the follow-ups (flagged questions, open observations) as Markdown from the report screen.
pub fn export_follow_ups(editor: &Editor, ctx: &Ctx) -> Outcome {
    use crate::assessment::interview::followups;
    let a = editor.assessment();
    let list = followups::follow_ups(a);
    let stem = editor.session.path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    let path = ctx.export_dir.join(format!("{stem}-follow-ups.md"));
    match crate::output_file::write(
        &path,
        followups::to_markdown(a, &list).as_bytes(),
        &[editor.session.path.as_path()],
    ) {
        Ok(()) => Outcome::Say(format!(
            "{} written to {}",
            if list.len() == 1 { "1 follow-up".to_string() } else { format!("{} follow-ups", list.len()) },
            path.display()
        )),
        Err(e) => Outcome::Complain(e.to_string()),
    }
}

/// Keep an observation being typed when the program ends (quit, Ctrl-C, a signal): it is recorded as far
/// as it can be (a due date that is not one is kept in the recommendation). Returns what to tell the user.
pub fn keep_typed_observation(editor: &mut QuestionnaireScreen, now: &str) -> Option<String> {
    let Mode::Observation(form) = &editor.mode else { return None };
    let text = |i: usize| form.fields[i].lines().join(" ").trim().to_string();
    let mut fields =
        ObservationFields { seen: text(0), risk: text(1), recommendation: text(2), owner: text(3), due: text(4) };
    editor.mode = Mode::Answering;
    if [&fields.seen, &fields.risk, &fields.recommendation, &fields.owner, &fields.due].iter().all(|f| f.is_empty()) {
        return None;
    }
    if [&fields.seen, &fields.risk, &fields.recommendation, &fields.owner].iter().any(|f| check_note(f).is_err()) {
        return Some("The observation being typed was too long to keep.".into());
    }
    if fields.seen.is_empty() {
        fields.seen = "(not said)".into();
    }
    let id = editor.question().id.clone();
    let observe = |fields: ObservationFields| Change::Observe { question: id.clone(), fields, by: String::new() };
    if let Err(ChangeError::Observation(observations::ObservationError::BadDue(due))) =
        editor.apply(&observe(fields.clone()), now)
    {
        fields.recommendation = format!("{} (due: {due})", fields.recommendation).trim().to_string();
        fields.due.clear();
        editor.apply(&observe(fields), now).ok()?;
    }
    editor.dirty = true;
    Some(format!("The observation being typed on {} was saved.", one_line(&id)))
}
