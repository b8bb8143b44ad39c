//! Which key does what, where. The key-hint line and the help overlay are both built from this one table,
//! so they can never disagree with what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where the user is: decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Home,
    PickQuestionnaire,
    TypeOrganisation,
    Questionnaire,
    TypeAnswer,
    EditNote,
    TypeRespondent,
    TypeEvidence,
    Search,
    Report,
    Help,
}

impl Context {
    pub const ALL: [Context; 11] = [
        Context::Home,
        Context::PickQuestionnaire,
        Context::TypeOrganisation,
        Context::Questionnaire,
        Context::TypeAnswer,
        Context::EditNote,
        Context::TypeRespondent,
        Context::TypeEvidence,
        Context::Search,
        Context::Report,
        Context::Help,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Context::Home => "Home: your assessments",
            Context::PickQuestionnaire => "New assessment: choose a questionnaire",
            Context::TypeOrganisation => "New assessment: the organisation's name",
            Context::Questionnaire => "Answering questions",
            Context::TypeAnswer => "Typing an answer (number, text or date)",
            Context::EditNote => "Writing a note",
            Context::TypeRespondent => "Who is answering",
            Context::TypeEvidence => "Evidence references for this answer",
            Context::Search => "Searching the questions",
            Context::Report => "The readiness report",
            Context::Help => "This help",
        }
    }

    /// Contexts where typed characters are text, not commands.
    pub fn is_text_entry(self) -> bool {
        matches!(
            self,
            Context::TypeOrganisation
                | Context::TypeAnswer
                | Context::EditNote
                | Context::TypeRespondent
                | Context::Search
        )
    }
}

/// The keys a binding answers to.
#[derive(Debug, Clone, Copy)]
pub enum Keys {
    /// Any of these keys, without Ctrl or Alt.
    Plain(&'static [KeyCode]),
    /// A key with Ctrl held.
    Ctrl(char),
    /// The digits 1 to 9: `Action::Choose(n)`.
    Digits,
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub contexts: &'static [Context],
    pub keys: Keys,
    /// How the keys are written in the hint line and help.
    pub label: &'static str,
    pub action: Action,
    /// What it does, for the help overlay.
    pub help: &'static str,
    /// The short word for the hint line; `None` keeps it out of the hint line.
    pub hint: Option<&'static str>,
}

use Context::*;
use KeyCode::{BackTab, Backspace, Char, Delete, Down, Enter, Esc, Left, PageDown, PageUp, Right, Tab, Up};

const LISTS: &[Context] = &[Home, PickQuestionnaire];
const BROWSING: &[Context] = &[Home, PickQuestionnaire, Questionnaire, Report];
const TYPING: &[Context] = &[TypeOrganisation, TypeAnswer, TypeRespondent, TypeEvidence, Search];

/// Every binding, in the order help lists them.
pub const BINDINGS: &[Binding] = &[
    // Answering.
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::Digits,
        label: "1-9",
        action: Action::Choose(0),
        help: "choose that option and go to the next question (multiple choice: tick or untick it)",
        hint: Some("answer"),
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::Plain(&[Down, Char('j')]),
        label: "↓ j",
        action: Action::NextQuestion,
        help: "next question",
        hint: Some("next"),
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::Plain(&[Up, Char('k')]),
        label: "↑ k",
        action: Action::PreviousQuestion,
        help: "previous question",
        hint: None,
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::Plain(&[Char('u')]),
        label: "u",
        action: Action::NextUnanswered,
        help: "jump to the next unanswered question",
        hint: Some("unanswered"),
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::Plain(&[Char('F')]),
        label: "F",
        action: Action::NextFlagged,
        help: "jump to the next question flagged for follow-up",
        hint: None,
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::Plain(&[Enter]),
        label: "Enter",
        action: Action::EditAnswer,
        help: "type the answer to a number, text or date question (on other questions: next question)",
        hint: None,
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::Plain(&[Char('e')]),
        label: "e",
        action: Action::EditNote,
        help: "write a note on this question",
        hint: Some("note"),
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::Plain(&[Char('f')]),
        label: "f",
        action: Action::ToggleFlag,
        help: "flag or unflag this question for follow-up",
        hint: Some("flag"),
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::Plain(&[Char('x'), Delete, Backspace]),
        label: "x",
        action: Action::ClearAnswer,
        help: "clear this answer (also Delete, Backspace)",
        hint: None,
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::Plain(&[Char('v')]),
        label: "v",
        action: Action::EditEvidence,
        help: "record references to evidence for this answer (documents, links, tickets), separated by commas",
        hint: None,
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::Plain(&[Char('w')]),
        label: "w",
        action: Action::SetRespondent,
        help: "set who is answering; recorded with every answer after this",
        hint: None,
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::Plain(&[Char('r')]),
        label: "r",
        action: Action::OpenReport,
        help: "open the readiness report",
        hint: Some("report"),
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::Plain(&[Char('/')]),
        label: "/",
        action: Action::Search,
        help: "search the questions by words, criteria (CC6.3) or topic, and jump to one",
        hint: Some("search"),
    },
    Binding {
        contexts: &[Search],
        keys: Keys::Plain(&[Down]),
        label: "↓",
        action: Action::Down,
        help: "next match",
        hint: Some("match"),
    },
    Binding {
        contexts: &[Search],
        keys: Keys::Plain(&[Up]),
        label: "↑",
        action: Action::Up,
        help: "previous match",
        hint: None,
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::Plain(&[Right, Char('l'), PageDown, Tab]),
        label: "→ l",
        action: Action::NextSection,
        help: "next section (also PageDown, Tab)",
        hint: Some("section"),
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::Plain(&[Left, Char('h'), PageUp, BackTab]),
        label: "← h",
        action: Action::PreviousSection,
        help: "previous section (also PageUp, Shift-Tab)",
        hint: None,
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::Plain(&[Char(']')]),
        label: "]",
        action: Action::ScrollDown,
        help: "scroll the question's text down, when it does not fit",
        hint: None,
    },
    Binding {
        contexts: &[Questionnaire],
        keys: Keys::Plain(&[Char('[')]),
        label: "[",
        action: Action::ScrollUp,
        help: "scroll the question's text back up",
        hint: None,
    },
    // The report.
    Binding {
        contexts: &[Report, Help],
        keys: Keys::Plain(&[Down, Char('j')]),
        label: "↓ j",
        action: Action::ScrollDown,
        help: "scroll down",
        hint: Some("scroll"),
    },
    Binding {
        contexts: &[Report, Help],
        keys: Keys::Plain(&[Up, Char('k')]),
        label: "↑ k",
        action: Action::ScrollUp,
        help: "scroll up",
        hint: None,
    },
    Binding {
        contexts: &[Report, Help],
        keys: Keys::Plain(&[PageDown, Char(' ')]),
        label: "PageDown",
        action: Action::PageDown,
        help: "scroll down a page (also Space)",
        hint: None,
    },
    Binding {
        contexts: &[Report, Help],
        keys: Keys::Plain(&[PageUp]),
        label: "PageUp",
        action: Action::PageUp,
        help: "scroll up a page",
        hint: None,
    },
    Binding {
        contexts: &[Report],
        keys: Keys::Plain(&[Char('m')]),
        label: "m",
        action: Action::ExportMarkdown,
        help: "export the report as Markdown next to the assessment",
        hint: Some("markdown"),
    },
    Binding {
        contexts: &[Report],
        keys: Keys::Plain(&[Char('H')]),
        label: "H",
        action: Action::ExportHtml,
        help: "export the report as HTML next to the assessment",
        hint: Some("html"),
    },
    Binding {
        contexts: &[Report],
        keys: Keys::Plain(&[Char('J')]),
        label: "J",
        action: Action::ExportJson,
        help: "export the report as JSON next to the assessment",
        hint: Some("json"),
    },
    // Lists.
    Binding {
        contexts: LISTS,
        keys: Keys::Plain(&[Down, Char('j')]),
        label: "↓ j",
        action: Action::Down,
        help: "move down",
        hint: Some("move"),
    },
    Binding {
        contexts: LISTS,
        keys: Keys::Plain(&[Up, Char('k')]),
        label: "↑ k",
        action: Action::Up,
        help: "move up",
        hint: None,
    },
    Binding {
        contexts: LISTS,
        keys: Keys::Plain(&[Enter]),
        label: "Enter",
        action: Action::Open,
        help: "open the assessment or choose the questionnaire",
        hint: Some("open"),
    },
    Binding {
        contexts: &[Home],
        keys: Keys::Plain(&[Char('n')]),
        label: "n",
        action: Action::New,
        help: "start a new assessment",
        hint: Some("new"),
    },
    // Typing.
    Binding {
        contexts: TYPING,
        keys: Keys::Plain(&[Enter]),
        label: "Enter",
        action: Action::Confirm,
        help: "confirm what you typed",
        hint: Some("confirm"),
    },
    Binding {
        contexts: TYPING,
        keys: Keys::Plain(&[Esc]),
        label: "Esc",
        action: Action::Cancel,
        help: "cancel, keeping the earlier value",
        hint: Some("cancel"),
    },
    Binding {
        contexts: &[EditNote],
        keys: Keys::Plain(&[Esc]),
        label: "Esc",
        action: Action::Confirm,
        help: "finish the note (it is saved as you type); Enter starts a new line",
        hint: Some("done"),
    },
    Binding {
        contexts: TYPING,
        keys: Keys::Ctrl('u'),
        label: "Ctrl-U",
        action: Action::ClearField,
        help: "clear the field",
        hint: None,
    },
    Binding {
        contexts: &[EditNote],
        keys: Keys::Ctrl('s'),
        label: "Ctrl-S",
        action: Action::Confirm,
        help: "finish the note",
        hint: None,
    },
    // Everywhere.
    Binding {
        contexts: &[Questionnaire, Report, PickQuestionnaire],
        keys: Keys::Plain(&[Esc]),
        label: "Esc",
        action: Action::Back,
        help: "go back (questionnaire: to the home screen)",
        hint: Some("back"),
    },
    Binding {
        contexts: BROWSING,
        keys: Keys::Plain(&[Char('?')]),
        label: "?",
        action: Action::ToggleHelp,
        help: "show or hide every key",
        hint: Some("help"),
    },
    Binding {
        contexts: &[Help],
        keys: Keys::Plain(&[Char('?'), Esc, Char('q')]),
        label: "? Esc",
        action: Action::ToggleHelp,
        help: "close this help",
        hint: Some("close"),
    },
    Binding {
        contexts: BROWSING,
        keys: Keys::Plain(&[Char('q')]),
        label: "q",
        action: Action::Quit,
        help: "quit (every answer is already saved)",
        hint: Some("quit"),
    },
    Binding {
        contexts: &Context::ALL,
        keys: Keys::Ctrl('c'),
        label: "Ctrl-C",
        action: Action::Quit,
        help: "quit from anywhere, saving what you were typing",
        hint: None,
    },
    Binding {
        contexts: &Context::ALL,
        keys: Keys::Ctrl('z'),
        label: "Ctrl-Z",
        action: Action::Suspend,
        help: "suspend to the shell, saving first (fg comes back)",
        hint: None,
    },
];

/// The action a key asks for in a context, if any.
pub fn action_for(context: Context, key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    BINDINGS.iter().filter(|b| b.contexts.contains(&context)).find_map(|b| match b.keys {
        Keys::Ctrl(c) => (ctrl && key.code == Char(c)).then_some(b.action),
        Keys::Plain(codes) => (!ctrl && !alt && codes.contains(&key.code)).then_some(b.action),
        Keys::Digits => match key.code {
            Char(d @ '1'..='9') if !ctrl && !alt => Some(Action::Choose(d as usize - '0' as usize)),
            _ => None,
        },
    })
}

/// The hint line's entries for a context: (keys, word). On a question answered by typing (number, text,
/// date), the digits start the answer instead of choosing an option, and the hint says so.
pub fn hints(context: Context, typed_question: bool) -> Vec<(&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .filter_map(|b| {
            let hint = b.hint?;
            if typed_question && matches!(b.keys, Keys::Digits) {
                return Some(("0-9", "type answer"));
            }
            Some((first_key(b.label), hint))
        })
        .collect()
}

/// How a key is written: `↓`, `Enter`, `Space`, `Ctrl-C`.
pub fn code_label(code: KeyCode) -> String {
    match code {
        Char(' ') => "Space".into(),
        Char(c) => c.to_string(),
        Down => "↓".into(),
        Up => "↑".into(),
        Left => "←".into(),
        Right => "→".into(),
        BackTab => "Shift-Tab".into(),
        other => other.to_string(),
    }
}

/// The first key bound to an action in a context, as the user reads it, for messages and screens.
pub fn key_label(context: Context, action: Action) -> String {
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context) && b.action == action)
        .find_map(|b| match b.keys {
            Keys::Plain(codes) => codes.first().map(|c| code_label(*c)),
            Keys::Ctrl(c) => Some(format!("Ctrl-{}", c.to_ascii_uppercase())),
            Keys::Digits => Some("1-9".into()),
        })
        .unwrap_or_else(|| "?".into())
}

/// The hint line names only the first of a binding's keys, to leave room for more hints.
fn first_key(label: &'static str) -> &'static str {
    label.split(' ').next().unwrap_or(label)
}

/// Every binding of a context, for help: (keys, what it does).
pub fn help_rows(context: Context) -> Vec<(&'static str, &'static str)> {
    BINDINGS.iter().filter(|b| b.contexts.contains(&context)).map(|b| (b.label, b.help)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn no_key_means_two_things_in_one_context() {
        for context in Context::ALL {
            let mut seen: Vec<String> = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.contexts.contains(&context)) {
                let names: Vec<String> = match b.keys {
                    Keys::Plain(codes) => codes.iter().map(|c| format!("{c:?}")).collect(),
                    Keys::Ctrl(c) => vec![format!("ctrl-{c}")],
                    Keys::Digits => (1..=9).map(|d| format!("Char('{d}')")).collect(),
                };
                for n in names {
                    assert!(!seen.contains(&n), "{n} is bound twice in {context:?}");
                    seen.push(n);
                }
            }
        }
    }

    #[test]
    fn digits_choose_and_ctrl_c_quits_everywhere() {
        assert_eq!(action_for(Questionnaire, &key(Char('3'))), Some(Action::Choose(3)));
        assert_eq!(action_for(Home, &key(Char('3'))), None);
        let ctrl_c = KeyEvent::new(Char('c'), KeyModifiers::CONTROL);
        for context in [Home, Questionnaire, EditNote, TypeAnswer, Help, Report] {
            assert_eq!(action_for(context, &ctrl_c), Some(Action::Quit), "{context:?}");
        }
        // In text entry, letters are text.
        assert_eq!(action_for(TypeAnswer, &key(Char('q'))), None);
        assert_eq!(action_for(EditNote, &key(Enter)), None);
    }

    #[test]
    fn every_context_offers_help_or_a_way_out() {
        for context in Context::ALL {
            let actions: Vec<Action> =
                BINDINGS.iter().filter(|b| b.contexts.contains(&context)).map(|b| b.action).collect();
            assert!(
                actions.iter().any(|a| matches!(
                    a,
                    Action::Back | Action::Cancel | Action::Confirm | Action::ToggleHelp | Action::Quit
                )),
                "{context:?}"
            );
        }
    }
}
