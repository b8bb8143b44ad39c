//! The questionnaire screen: sections with their progress beside the current question; answering by
//! keys (the rules are the core's, in `assessment::interview::cursor`), and the fields for typed answers, notes,
//! evidence and who is answering.

pub mod fields;
mod mode;
mod view;

use ratatui_textarea::TextArea;

use super::{Ctx, Outcome};
use crate::assessment::AnswerValue;
use crate::assessment::interview::cursor::{self, ChooseError, Chosen, Unanswered};
use crate::assessment::model::change::{self, Change};
use crate::questionnaire::{Question, QuestionType};
use crate::text::one_line;
use crate::tui::action::Action;
use crate::tui::editor::{NotSaved, evidence_references, line_input, note_input};
use crate::tui::keymap::{self, Context};
pub use mode::{Mode, QuestionnaireScreen};
pub use view::{detail_area, detail_scroll_limit, draw, question_lines};

/// Where the user is on this screen: answering, or typing in one of its fields.
pub fn context(editor: &QuestionnaireScreen) -> Context {
    match editor.mode {
        Mode::Answering => answering_context(editor),
        Mode::TypeAnswer(_) => Context::TypeAnswer,
        Mode::EditNote(_) => Context::EditNote,
        Mode::TypeRespondent(_) => Context::TypeRespondent,
        Mode::TypeEvidence(_) => Context::TypeEvidence,
        Mode::Search(_) => Context::Search,
        Mode::Plan(_) => Context::TypePlan,
        Mode::Observation(_) => Context::TypeObservation,
        Mode::Conflict(_) => Context::ResolveConflict,
        Mode::Findings(_) => Context::Findings,
        Mode::TypeAsk(_) => Context::TypeAsk,
        Mode::Agenda(_) => Context::Agenda,
    }
}

/// Where the keys of the question itself are looked up, whatever field is open: on a text question a
/// sentence typed is the answer (C1), so no letter is a command there.
pub fn answering_context(editor: &QuestionnaireScreen) -> Context {
    // IMPORT: another answer field selected: letters type in a text field; a field with choices takes digits.
    if fields::selected(editor).is_some() {
        return if fields::typing_selected(editor) { Context::TextQuestion } else { Context::Questionnaire };
    }
    if editor.question().kind == QuestionType::Text { Context::TextQuestion } else { Context::Questionnaire }
}

/// The field being typed in, if any.
pub fn text_input(editor: &mut QuestionnaireScreen) -> Option<&mut TextArea<'static>> {
    match &mut editor.mode {
        Mode::TypeAnswer(i)
        | Mode::EditNote(i)
        | Mode::TypeRespondent(i)
        | Mode::TypeEvidence(i)
        | Mode::TypeAsk(i) => Some(i),
        Mode::Search(search) => Some(search.typing()),
        Mode::Plan(form) => Some(form.text_input()),
        Mode::Observation(form) => Some(super::interview::form_input(form)),
        Mode::Answering | Mode::Conflict(_) | Mode::Findings(_) | Mode::Agenda(_) => None,
    }
}

/// On a number, text or date question, a typed character starts the answer with that character.
pub fn start_typed_answer(editor: &mut QuestionnaireScreen, c: char) -> bool {
    if !matches!(editor.mode, Mode::Answering) {
        return false;
    }
    // IMPORT: a text field selected (the comment for the customer): the character starts it.
    if let Some(field) = fields::selected(editor) {
        if !field.choices().is_empty() {
            return false;
        }
        let mut input = line_input(&field.value(editor), "");
        input.move_cursor(ratatui_textarea::CursorMove::End);
        input.insert_char(c);
        editor.mode = Mode::TypeAnswer(input);
        return true;
    }
    if editor.question().kind.has_options() {
        return false;
    }
    // IMPORT: a read-only customer question takes the key without opening the field (the app says why).
    if super::customer::typing_refused(editor).is_some() {
        return true;
    }
    let mut input = line_input("", typed_answer_hint(editor.question().kind));
    input.insert_char(c);
    editor.mode = Mode::TypeAnswer(input);
    true
}

/// The placeholder of the field for a typed answer.
fn typed_answer_hint(kind: QuestionType) -> &'static str {
    match kind {
        QuestionType::Date => "YYYY-MM-DD",
        QuestionType::Number => "a number",
        _ => "your answer",
    }
}

pub fn update(editor: &mut QuestionnaireScreen, action: Action, ctx: &Ctx) -> Outcome {
    // IMPORT: the list of what an export skipped closes with the next key.
    if editor.exported.take().is_some() {
        return Outcome::Done;
    }
    super::interview::before_action(editor);
    editor.refused_option = None;
    let outcome = update_mode(editor, action, ctx);
    super::interview::after_action(editor, &ctx.now);
    outcome
}

fn update_mode(editor: &mut QuestionnaireScreen, action: Action, ctx: &Ctx) -> Outcome {
    match editor.mode {
        Mode::Observation(_) => super::interview::observation_form(editor, action, ctx),
        Mode::Conflict(_) => super::interview::conflict_pick(editor, action, ctx),
        Mode::Findings(_) => super::findings::update(editor, action, ctx),
        Mode::TypeAsk(_) => super::agenda::ask(editor, action, ctx),
        Mode::Agenda(_) => super::agenda::update(editor, action),
        Mode::Answering => answering(editor, action, ctx),
        Mode::Search(_) => super::search::update(editor, action),
        Mode::EditNote(_) => note(editor, action, ctx),
        Mode::TypeAnswer(_) | Mode::TypeRespondent(_) | Mode::TypeEvidence(_) => typing(editor, action, ctx),
        Mode::Plan(_) => plan(editor, action, ctx),
    }
}

/// Keys in the owner and due date form (REPORT): saved when confirmed, like any change.
fn plan(editor: &mut QuestionnaireScreen, action: Action, ctx: &Ctx) -> Outcome {
    use super::plan_form::FormOutcome;
    let Mode::Plan(form) = &mut editor.mode else { return Outcome::Done };
    match form.update(action, &mut editor.editor.session.assessment, &ctx.now) {
        FormOutcome::Open => Outcome::Done,
        FormOutcome::Refused(e) => Outcome::Complain(e),
        FormOutcome::Cancelled => {
            editor.mode = Mode::Answering;
            Outcome::Done
        }
        FormOutcome::Set(told) => {
            editor.mode = Mode::Answering;
            saved(editor.save(), told)
        }
    }
}

/// A message if there is one.
fn say(text: Option<String>) -> Outcome {
    text.map_or(Outcome::Done, Outcome::Say)
}

fn told(result: Result<String, String>) -> Outcome {
    result.map_or_else(Outcome::Complain, Outcome::Say)
}

fn saved(result: Result<(), NotSaved>, text: impl Into<String>) -> Outcome {
    match result {
        Ok(()) => Outcome::Say(text.into()),
        Err(e) => Outcome::Complain(e.to_string()),
    }
}

/// Keys while answering (no field open).
fn answering(editor: &mut QuestionnaireScreen, action: Action, ctx: &Ctx) -> Outcome {
    let place = answering_context(editor);
    let key = |a: Action| keymap::key_label(place, a);
    let question = editor.question().clone();
    let now = ctx.now.as_str();
    // IMPORT: a customer question whose answer cell is a formula or locked is read-only.
    if super::customer::changes_answer(action, question.kind.has_options())
        && let Some(why) = super::customer::read_only(editor)
    {
        return Outcome::Complain(why);
    }
    if let Some(outcome) = super::interview::answering(editor, action, ctx) {
        return outcome;
    }
    if action == Action::SwitchField {
        return told(fields::next(editor));
    }
    // IMPORT: another answer field selected: a digit, Enter and the clear key are for it.
    if let Some(field) = fields::selected(editor) {
        match action {
            Action::Choose(n) if !field.choices().is_empty() => return told(fields::choose(editor, &field, n, now)),
            Action::EditAnswer if field.choices().is_empty() => {
                editor.mode = Mode::TypeAnswer(line_input(&field.value(editor), ""));
                return Outcome::Done;
            }
            Action::EditAnswer => {
                return Outcome::Say(format!("{}: press a digit to choose.", field.name()));
            }
            Action::ClearAnswer => {
                if let Err(e) = editor.apply(&field.change(&question.id, ""), now) {
                    return Outcome::Complain(e.to_string());
                }
                return saved(editor.save(), format!("{} cleared.", field.name()));
            }
            _ => {}
        }
    }
    match action {
        Action::Choose(n) => choose(editor, &question, n, now),
        Action::NextQuestion => say((!editor.next_question()).then(|| {
            let (unanswered, report) = (key(Action::NextUnanswered), key(Action::OpenReport));
            format!("That was the last question. Press {unanswered} for any left unanswered, {report} for the report.")
        })),
        Action::PreviousQuestion => say((!editor.previous_question()).then(|| "This is the first question.".into())),
        Action::NextSection => say((!editor.next_section()).then(|| "This is the last section.".into())),
        Action::PreviousSection => say((!editor.previous_section()).then(|| "This is the first section.".into())),
        Action::NextUnanswered => match editor.cursor.next_unanswered(editor.assessment()) {
            Unanswered::Here => Outcome::Say("This question is not answered yet.".into()),
            Unanswered::At(p) => {
                editor.go(p);
                Outcome::Done
            }
            // C3: carried-over answers still to confirm are not answered; say so rather than "every
            // question is answered" at 0%.
            Unanswered::None => match crate::assessment::model::review::review_counts(editor.assessment()).to_confirm {
                0 => Outcome::Say(format!(
                    "Every shown question is answered. Press {} for the report.",
                    key(Action::OpenReport)
                )),
                n => Outcome::Say(format!(
                    "Every shown question has an answer, but {n} carried over from last year {} still to confirm: {} \
                     goes to the next, {} confirms it.",
                    if n == 1 { "is" } else { "are" },
                    key(Action::NextToConfirm),
                    key(Action::ConfirmCarriedOver)
                )),
            },
        },
        Action::NextFlagged => match editor.cursor.next_flagged(editor.assessment()) {
            Some(p) => {
                editor.go(p);
                Outcome::Done
            }
            None => Outcome::Say("No question is flagged for follow-up.".into()),
        },
        Action::ScrollDown | Action::ScrollUp => {
            let max = detail_scroll_limit(editor, ctx.size, ctx.theme);
            let scroll = editor.detail_scroll.min(max);
            editor.detail_scroll =
                if action == Action::ScrollDown { scroll.saturating_add(1).min(max) } else { scroll.saturating_sub(1) };
            Outcome::Done
        }
        Action::ToggleFlag => {
            if let Err(e) = editor.apply(&Change::Flag { question: question.id.clone() }, now) {
                return Outcome::Complain(e.to_string());
            }
            let flagged = editor.assessment().is_flagged(&question.id);
            saved(editor.save(), if flagged { "Flagged for follow-up." } else { "Follow-up flag removed." })
        }
        Action::ClearAnswer => {
            if let Err(e) = editor.apply(&Change::clear(&question.id), now) {
                return Outcome::Complain(e.to_string());
            }
            saved(editor.save(), "Answer cleared.")
        }
        Action::EditAnswer if !question.kind.has_options() => {
            let current = editor.assessment().value(&question.id).map(|v| match v {
                AnswerValue::Number(n) => crate::assessment::model::answer::format_number(*n),
                AnswerValue::Text(t) => t.clone(),
                AnswerValue::List(l) => l.join(","),
            });
            editor.mode =
                Mode::TypeAnswer(line_input(current.as_deref().unwrap_or(""), typed_answer_hint(question.kind)));
            Outcome::Done
        }
        Action::EditAnswer => say((!editor.next_question()).then(|| "That was the last question.".into())),
        Action::EditNote => {
            editor.note_before = editor.assessment().note(&question.id).to_string();
            editor.mode = Mode::EditNote(note_input(&editor.note_before));
            Outcome::Done
        }
        Action::EditEvidence => {
            let current = editor.assessment().answers().get(&question.id).map(|a| a.evidence.join(", "));
            editor.mode = Mode::TypeEvidence(line_input(
                current.as_deref().unwrap_or(""),
                "e.g. Access Control Policy v2, JIRA-142, https://wiki/runbook",
            ));
            Outcome::Done
        }
        Action::SetRespondent | Action::NextRespondent => {
            // Start empty: in an interview the next person usually replaces the last one.
            let current = &editor.assessment().respondent;
            let earlier = if editor.assessment().people.is_empty() {
                String::new()
            } else {
                format!(", {} for earlier people", keymap::key_label(Context::TypeRespondent, Action::Up))
            };
            let placeholder = if current.is_empty() {
                format!("name of the person answering{earlier}")
            } else {
                format!("now {}: type who answers next (Enter on nothing: nobody{earlier})", one_line(current))
            };
            editor.respondent_pick = None;
            editor.mode = Mode::TypeRespondent(line_input("", &placeholder));
            Outcome::Done
        }
        Action::Search => {
            editor.mode = Mode::Search(super::search::Search::new());
            Outcome::Done
        }
        Action::Findings => super::findings::open(editor),
        Action::AskWhom => super::agenda::start_ask(editor),
        Action::Agenda => super::agenda::open(editor),
        Action::OpenReport => super::report::open(editor, ctx),
        Action::SetOwner => {
            let form = super::plan_form::PlanForm::new(editor.assessment(), &question.id, &question.text);
            editor.mode = Mode::Plan(Box::new(form));
            Outcome::Done
        }
        // IMPORT: the answer library's suggestions, and the customer's file with the answers.
        Action::NextSuggestion => told(super::suggestions::next(editor, ctx)),
        Action::ApplySuggestion => told(super::suggestions::apply(editor, now)),
        Action::ApproveSuggestion => told(super::suggestions::approve(editor, now)),
        Action::ExportAnswers => super::customer::export(editor, ctx),
        Action::Back => match editor.flush(true, now, ctx.at) {
            Ok(_) => Outcome::Back,
            Err(e) => Outcome::Complain(e.to_string()),
        },
        _ => Outcome::Done,
    }
}

/// Key N on the current question: pick (or, for multiple choice, tick) option N, by the core's rules; the
/// screen then moves on, stays, or opens the note for the reason of a "not applicable".
fn choose(editor: &mut QuestionnaireScreen, question: &Question, n: usize, now: &str) -> Outcome {
    let key = |a: Action| keymap::key_label(Context::Questionnaire, a);
    let ctx = change::Ctx { now, shown: Some(&editor.editor.cursor.vis) };
    let chosen = match cursor::choose(&mut editor.editor.session.assessment, question, n, ctx) {
        Ok(chosen) => chosen,
        Err(ChooseError::TypedAnswer) => {
            return Outcome::Complain(format!(
                "This question takes a typed answer: type it, or press {}.",
                key(Action::EditAnswer)
            ));
        }
        Err(other) => {
            // F8: a fast typist must notice, or the next digits answer the questions one early.
            if let ChooseError::NoSuchOption { n, .. } = other {
                editor.refused_option = Some(n);
            }
            return Outcome::Complain(other.to_string());
        }
    };
    editor.answer_changed(&question.id);
    if let Err(e) = editor.save() {
        return Outcome::Complain(e.to_string());
    }
    match chosen {
        Chosen::Ticked => Outcome::Say(format!(
            "Ticked or unticked; press {} or {} when done.",
            key(Action::NextQuestion),
            key(Action::EditAnswer)
        )),
        Chosen::AskWhyNotApplicable => {
            editor.mode = Mode::EditNote(note_input(""));
            editor.note_before = String::new();
            editor.advance_after_note = true;
            let done = keymap::key_label(Context::EditNote, Action::Confirm);
            Outcome::Say(format!("Not applicable: say why in the note (auditors ask), then {done}."))
        }
        Chosen::Answered if !editor.next_question() => Outcome::Say(format!(
            "Saved. That was the last question: press {} for any left unanswered, {} for the report.",
            key(Action::NextUnanswered),
            key(Action::OpenReport)
        )),
        Chosen::Answered => Outcome::Done,
    }
}

/// Keys in the note editor (it is saved as it is typed; closing saves at once).
fn note(editor: &mut QuestionnaireScreen, action: Action, ctx: &Ctx) -> Outcome {
    if action != Action::Confirm {
        return Outcome::Done;
    }
    let told = match editor.flush(true, &ctx.now, ctx.at) {
        Ok(told) => told,
        // Keep the note open: nothing typed is thrown away.
        Err(e) => return Outcome::Complain(e.to_string()),
    };
    editor.mode = Mode::Answering;
    let id = editor.question().id.clone();
    let note = editor.assessment().note(&id).to_string();
    // F7: "not applicable" ends on the next question, with or without a note, so the digits typed next
    // answer the questions they were meant for.
    if std::mem::take(&mut editor.advance_after_note) {
        editor.next_question();
    }
    match told {
        Some(told) => Outcome::Say(told),
        None if note == editor.note_before => Outcome::Done,
        None if note.is_empty() => Outcome::Say("Note removed.".into()),
        None => Outcome::Say("Note saved.".into()),
    }
}

/// Keys in a one-line field: a typed answer, evidence references, who is answering.
fn typing(editor: &mut QuestionnaireScreen, action: Action, ctx: &Ctx) -> Outcome {
    let now = ctx.now.as_str();
    let question = editor.question().clone();
    let typed = match &editor.mode {
        Mode::TypeAnswer(i) | Mode::TypeRespondent(i) | Mode::TypeEvidence(i) => i.lines().join(" "),
        _ => return Outcome::Done,
    };
    match action {
        Action::Cancel => {
            editor.mode = Mode::Answering;
            Outcome::Done
        }
        Action::Up | Action::Down => {
            pick_earlier_person(editor, action);
            Outcome::Done
        }
        Action::Confirm if matches!(editor.mode, Mode::TypeAnswer(_)) && fields::selected(editor).is_some() => {
            let field = fields::selected(editor).expect("just seen");
            match editor.apply(&field.change(&question.id, typed.trim_end()), now) {
                Ok(_) => {
                    editor.mode = Mode::Answering;
                    saved(editor.save(), format!("{} saved.", field.name()))
                }
                Err(e) => Outcome::Complain(e.to_string()),
            }
        }
        Action::Confirm => match editor.mode {
            // An empty answer field: Enter moves on (a typed answer is removed with the clear key).
            Mode::TypeAnswer(_) if typed.trim().is_empty() => {
                editor.mode = Mode::Answering;
                say((!editor.next_question()).then(|| "That was the last question.".into()))
            }
            Mode::TypeAnswer(_) => match editor.apply(&Change::typed(&question.id, &typed), now) {
                Ok(_) => {
                    editor.mode = Mode::Answering;
                    match editor.save() {
                        Ok(()) => {
                            editor.next_question();
                            Outcome::Say("Saved.".into())
                        }
                        Err(e) => Outcome::Complain(e.to_string()),
                    }
                }
                Err(e) => Outcome::Complain(e.to_string()),
            },
            Mode::TypeRespondent(_) => {
                let name = typed.trim().to_string();
                editor.session.assessment.set_respondent(&name, now);
                crate::assessment::interview::meetings::add_attendee(&mut editor.session.assessment, &name, now);
                editor.mode = Mode::Answering;
                let text = if name.is_empty() {
                    "Answers will not name who gave them.".into()
                } else {
                    format!("Answers are now recorded as given by {name}.")
                };
                saved(editor.save(), text)
            }
            _ => {
                let references = evidence_references(&typed);
                let count = references.len();
                if let Err(e) =
                    editor.apply(&Change::Evidence { question: question.id.clone(), evidence: references }, now)
                {
                    return Outcome::Complain(e.to_string());
                }
                editor.mode = Mode::Answering;
                let text = match count {
                    0 => "Evidence references removed.".to_string(),
                    1 => "1 evidence reference recorded.".to_string(),
                    n => format!("{n} evidence references recorded."),
                };
                saved(editor.save(), text)
            }
        },
        _ => Outcome::Done,
    }
}

/// In the field for who is answering, ↑ and ↓ go through the people who answered before, latest first, so
/// switching back to someone needs no retyping.
fn pick_earlier_person(editor: &mut QuestionnaireScreen, action: Action) {
    let Mode::TypeRespondent(input) = &mut editor.mode else { return };
    let people = &editor.editor.session.assessment.people;
    let pick = match (editor.respondent_pick, action) {
        (None, Action::Up) if !people.is_empty() => Some(0),
        (Some(i), Action::Up) => Some((i + 1).min(people.len().saturating_sub(1))),
        (Some(0), Action::Down) | (None, _) => None,
        (Some(i), _) => Some(i - 1),
    };
    editor.respondent_pick = pick;
    let name = pick.and_then(|i| people.iter().rev().nth(i)).cloned().unwrap_or_default();
    input.select_all();
    input.cut();
    input.insert_str(name);
}
