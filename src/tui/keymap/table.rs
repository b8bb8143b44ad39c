//! The keys as shipped: every binding, in the order the help lists them (most important first, which is
//! also the order the hint line keeps them in when it runs out of room).

use super::Context::{self, *};
use super::{Binding, Key, Keys};
use crate::tui::action::Action;
use Key::Plain as P;
use crossterm::event::KeyCode::{
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, Home as HomeKey, Left, PageDown, PageUp, Right, Tab, Up,
};

const LISTS: &[Context] = &[Home, PickQuestionnaire];
const BROWSING: &[Context] = &[Home, PickQuestionnaire, Questionnaire, Report];
pub(super) const TYPING: &[Context] = &[TypeOrganisation, TypeAnswer, TypeRespondent, TypeEvidence, Search];

/// Every binding as shipped, in the order help lists them. A user keymap file may change their keys.
pub const BINDINGS: &[Binding] = &[
    // Answering.
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::Digits,
        action: Action::Choose(0),
        help: "choose that option and go to the next question (multiple choice: tick or untick it)",
        hint: Some("answer"),
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::List(&[P(Down), P(Char('j'))]),
        action: Action::NextQuestion,
        help: "next question",
        hint: Some("next"),
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::List(&[P(Up), P(Char('k'))]),
        action: Action::PreviousQuestion,
        help: "previous question",
        hint: None,
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::List(&[P(Char('u'))]),
        action: Action::NextUnanswered,
        help: "jump to the next unanswered question",
        hint: Some("unanswered"),
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::List(&[P(Char('F'))]),
        action: Action::NextFlagged,
        help: "jump to the next question flagged for follow-up",
        hint: None,
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::List(&[P(Enter)]),
        action: Action::EditAnswer,
        help: "type the answer to a number, text or date question (on other questions: next question)",
        hint: None,
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::List(&[P(Char('e'))]),
        action: Action::EditNote,
        help: "write a note on this question",
        hint: Some("note"),
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::List(&[P(Char('f'))]),
        action: Action::ToggleFlag,
        help: "flag or unflag this question for follow-up",
        hint: Some("flag"),
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::List(&[P(Char('x')), P(Delete), P(Backspace)]),
        action: Action::ClearAnswer,
        help: "clear this answer",
        hint: None,
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::List(&[P(Char('v'))]),
        action: Action::EditEvidence,
        help: "record references to evidence for this answer (documents, links, tickets), separated by commas",
        hint: None,
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::List(&[P(Char('w'))]),
        action: Action::SetRespondent,
        help: "set who is answering; recorded with every answer after this",
        hint: None,
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::List(&[P(Char('r'))]),
        action: Action::OpenReport,
        help: "open the readiness report",
        hint: Some("report"),
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::List(&[P(Char('/'))]),
        action: Action::Search,
        help: "search the questions by words, criteria (CC6.3) or topic, and jump to one",
        hint: Some("search"),
    },
    Binding {
        contexts: &[Search],
        keys: Keys::List(&[P(Down)]),
        action: Action::Down,
        help: "next match",
        hint: Some("match"),
    },
    Binding { contexts: &[Search], keys: Keys::List(&[P(Up)]), action: Action::Up, help: "previous match", hint: None },
    Binding {
        contexts: &[TypeRespondent],
        keys: Keys::List(&[P(Up)]),
        action: Action::Up,
        help: "the people who answered before, latest first",
        hint: Some("earlier"),
    },
    Binding {
        contexts: &[TypeRespondent],
        keys: Keys::List(&[P(Down)]),
        action: Action::Down,
        help: "back towards an empty field",
        hint: None,
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::List(&[P(Right), P(Char('l')), P(PageDown), P(Tab)]),
        action: Action::NextSection,
        help: "next section",
        hint: Some("section"),
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::List(&[P(Left), P(Char('h')), P(PageUp), P(BackTab)]),
        action: Action::PreviousSection,
        help: "previous section",
        hint: None,
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::List(&[P(Char(']'))]),
        action: Action::ScrollDown,
        help: "scroll the question's text down, when it does not fit",
        hint: None,
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::List(&[P(Char('['))]),
        action: Action::ScrollUp,
        help: "scroll the question's text back up",
        hint: None,
    },
    // The report.
    Binding {
        contexts: &[Report, Help],
        keys: Keys::List(&[P(Down), P(Char('j'))]),
        action: Action::ScrollDown,
        help: "scroll down",
        hint: Some("scroll"),
    },
    Binding {
        contexts: &[Report, Help],
        keys: Keys::List(&[P(Up), P(Char('k'))]),
        action: Action::ScrollUp,
        help: "scroll up",
        hint: None,
    },
    Binding {
        contexts: &[Report, Help],
        keys: Keys::List(&[P(PageDown), P(Char(' '))]),
        action: Action::PageDown,
        help: "scroll down a page",
        hint: None,
    },
    Binding {
        contexts: &[Report, Help],
        keys: Keys::List(&[P(PageUp)]),
        action: Action::PageUp,
        help: "scroll up a page",
        hint: None,
    },
    Binding {
        contexts: &[Report, Help],
        keys: Keys::List(&[P(HomeKey), P(Char('g'))]),
        action: Action::ScrollTop,
        help: "go to the top",
        hint: None,
    },
    Binding {
        contexts: &[Report, Help],
        keys: Keys::List(&[P(End), P(Char('G'))]),
        action: Action::ScrollBottom,
        help: "go to the end",
        hint: None,
    },
    Binding {
        contexts: &[Report],
        keys: Keys::List(&[P(Char('m'))]),
        action: Action::ExportMarkdown,
        help: "export the report as Markdown next to the assessment",
        hint: Some("markdown"),
    },
    Binding {
        contexts: &[Report],
        keys: Keys::List(&[P(Char('H'))]),
        action: Action::ExportHtml,
        help: "export the report as HTML next to the assessment",
        hint: Some("html"),
    },
    Binding {
        contexts: &[Report],
        keys: Keys::List(&[P(Char('J'))]),
        action: Action::ExportJson,
        help: "export the report as JSON next to the assessment",
        hint: Some("json"),
    },
    // Lists.
    Binding {
        contexts: LISTS,
        keys: Keys::List(&[P(Down), P(Char('j'))]),
        action: Action::Down,
        help: "move down",
        hint: Some("move"),
    },
    Binding {
        contexts: LISTS,
        keys: Keys::List(&[P(Up), P(Char('k'))]),
        action: Action::Up,
        help: "move up",
        hint: None,
    },
    Binding {
        contexts: LISTS,
        keys: Keys::List(&[P(Enter)]),
        action: Action::Open,
        help: "open the assessment or choose the questionnaire",
        hint: Some("open"),
    },
    Binding {
        contexts: &[Home],
        keys: Keys::List(&[P(Char('n'))]),
        action: Action::New,
        help: "start a new assessment",
        hint: Some("new"),
    },
    // Typing.
    Binding {
        contexts: TYPING,
        keys: Keys::List(&[P(Enter)]),
        action: Action::Confirm,
        help: "confirm what you typed",
        hint: Some("confirm"),
    },
    Binding {
        contexts: TYPING,
        keys: Keys::List(&[P(Esc)]),
        action: Action::Cancel,
        help: "cancel, keeping the earlier value",
        hint: Some("cancel"),
    },
    Binding {
        contexts: &[EditNote],
        keys: Keys::List(&[P(Esc)]),
        action: Action::Confirm,
        help: "finish the note (it is saved as you type); Enter starts a new line",
        hint: Some("done"),
    },
    Binding {
        contexts: TYPING,
        keys: Keys::List(&[Key::Ctrl('u')]),
        action: Action::ClearField,
        help: "clear the field",
        hint: None,
    },
    Binding {
        contexts: &[EditNote],
        keys: Keys::List(&[Key::Ctrl('s')]),
        action: Action::Confirm,
        help: "finish the note",
        hint: None,
    },
    // Everywhere.
    Binding {
        contexts: &[Questionnaire, Report, PickQuestionnaire],
        keys: Keys::List(&[P(Esc)]),
        action: Action::Back,
        help: "go back (questionnaire: to the home screen)",
        hint: Some("back"),
    },
    Binding {
        contexts: BROWSING,
        keys: Keys::List(&[P(Char('?'))]),
        action: Action::ToggleHelp,
        help: "show or hide every key",
        hint: Some("help"),
    },
    Binding {
        contexts: &[Help],
        keys: Keys::List(&[P(Char('?')), P(Esc), P(Char('q'))]),
        action: Action::ToggleHelp,
        help: "close this help",
        hint: Some("close"),
    },
    Binding {
        contexts: BROWSING,
        keys: Keys::List(&[P(Char('q'))]),
        action: Action::Quit,
        help: "quit (every answer is already saved)",
        hint: Some("quit"),
    },
    Binding {
        contexts: &Context::ALL,
        keys: Keys::List(&[Key::Ctrl('c')]),
        action: Action::Quit,
        help: "quit from anywhere, saving what you were typing",
        hint: None,
    },
    Binding {
        contexts: &Context::ALL,
        keys: Keys::List(&[Key::Ctrl('z')]),
        action: Action::Suspend,
        help: "suspend to the shell, saving first (fg comes back)",
        hint: None,
    },
];
