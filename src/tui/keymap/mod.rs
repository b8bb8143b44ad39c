//! Which key does what, where: the only place a key is named. The key-hint line, the help overlay, the
//! status messages and the screens all take key names from here, so they can never disagree with what
//! the keys do. A user keymap file (`CONFIG_DIR/keymap.json`) may rebind keys; problems in it are reported
//! when the interface starts, and the shipped keys are kept for the entries concerned.

mod file;
mod table;

use std::sync::OnceLock;

pub use file::{KEYMAP_FILE, install};
pub use table::BINDINGS;
use table::TYPING;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where the user is: decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Home,
    PickQuestionnaire,
    TypeOrganisation,
    Questionnaire,
    /// The questionnaire on a question answered with text, no field open: printable keys type the answer,
    /// so every command there is a key that types nothing (arrows, Enter, Ctrl and function keys).
    TextQuestion,
    TypeAnswer,
    EditNote,
    TypeRespondent,
    TypeEvidence,
    Search,
    Report,
    Help,
    /// The report's what-if prompt.
    TypeWhatIf,
    /// The owner and due date form of a question or gap.
    TypePlan,
    // Interviews.
    TypeObservation,
    ResolveConflict,
    /// The list of open findings.
    Findings,
    /// Who to ask about a question.
    TypeAsk,
    /// The agenda of the person answering.
    Agenda,
    Vendors,
    // IMPORT: the path of the spreadsheet, and confirming what was detected in it.
    ImportPath,
    /// The file is being read: only stopping it does anything (keys typed meanwhile wait for the read).
    ImportReading,
    ImportConfirm,
    // Managing assessments: the home screen's delete question and rename prompt.
    ConfirmDelete,
    TypeName,
}

impl Context {
    pub const ALL: [Context; 25] = [
        Context::Home,
        Context::PickQuestionnaire,
        Context::TypeOrganisation,
        Context::ConfirmDelete,
        Context::TypeName,
        Context::Questionnaire,
        Context::TextQuestion,
        Context::TypeAnswer,
        Context::EditNote,
        Context::TypeRespondent,
        Context::TypeEvidence,
        Context::Search,
        Context::Report,
        Context::Help,
        Context::TypeWhatIf,
        Context::TypePlan,
        Context::TypeObservation,
        Context::ResolveConflict,
        Context::Findings,
        Context::TypeAsk,
        Context::Agenda,
        Context::Vendors,
        Context::ImportPath,
        Context::ImportReading,
        Context::ImportConfirm,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Context::Home => "Home: your assessments",
            Context::PickQuestionnaire => "New assessment: choose a questionnaire",
            Context::TypeOrganisation => "New assessment: the organisation's name",
            Context::Questionnaire => "Answering questions",
            Context::TextQuestion => "A text question: what you type is the answer",
            Context::TypeAnswer => "Typing an answer (number, text or date)",
            Context::EditNote => "Writing a note",
            Context::TypeRespondent => "Who is answering",
            Context::TypeEvidence => "Evidence references for this answer",
            Context::Search => "Searching the questions",
            Context::Report => "The readiness report",
            Context::Help => "This help",
            Context::TypeWhatIf => "What if: other assumptions for the report",
            Context::TypePlan => "Owner and due date of a gap",
            Context::TypeObservation => "Recording an observation",
            Context::ResolveConflict => "Resolving a conflict between merged files",
            Context::Findings => "The open findings",
            Context::TypeAsk => "Who to ask about this question",
            Context::Agenda => "The agenda of the person answering",
            Context::Vendors => "Vendors side by side",
            Context::ImportPath => "Import a spreadsheet: the file's path",
            Context::ImportReading => "Import a spreadsheet: reading the file",
            Context::ImportConfirm => "Import a spreadsheet: confirm what was detected",
            Context::ConfirmDelete => "Delete an assessment: confirm",
            Context::TypeName => "Rename an assessment: the new name",
        }
    }

    /// The context's name in a keymap file: `questionnaire`, `edit-note`.
    pub fn name(self) -> &'static str {
        match self {
            Context::Home => "home",
            Context::PickQuestionnaire => "pick-questionnaire",
            Context::TypeOrganisation => "type-organisation",
            Context::Questionnaire => "questionnaire",
            Context::TextQuestion => "text-question",
            Context::TypeAnswer => "type-answer",
            Context::EditNote => "edit-note",
            Context::TypeRespondent => "type-respondent",
            Context::TypeEvidence => "type-evidence",
            Context::Search => "search",
            Context::Report => "report",
            Context::Help => "help",
            Context::TypeWhatIf => "type-what-if",
            Context::TypePlan => "type-plan",
            Context::TypeObservation => "type-observation",
            Context::ResolveConflict => "resolve-conflict",
            Context::Findings => "findings",
            Context::TypeAsk => "type-ask",
            Context::Agenda => "agenda",
            Context::Vendors => "vendors",
            Context::ImportPath => "import-path",
            Context::ImportReading => "import-reading",
            Context::ImportConfirm => "import-confirm",
            Context::ConfirmDelete => "confirm-delete",
            Context::TypeName => "type-name",
        }
    }

    /// Contexts where typed characters are text, not commands: the one-line fields and the note.
    pub fn is_text_entry(self) -> bool {
        self == Context::EditNote || TYPING.contains(&self)
    }

    /// Contexts where a printable key is text: the fields, and a text question (it starts the answer).
    /// No printable key may be bound in them.
    pub fn types_text(self) -> bool {
        self.is_text_entry() || self == Context::TextQuestion
    }
}

/// One key: a key on its own (with Shift if the character needs it), or with Ctrl held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Plain(KeyCode),
    Ctrl(char),
}

impl Key {
    /// Whether the key types a character (a letter, a digit, a sign, Space) when text is being typed.
    pub fn types(self) -> bool {
        matches!(self, Key::Plain(KeyCode::Char(_)))
    }

    fn matches(self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match self {
            Key::Ctrl(c) => ctrl && !alt && key.code == KeyCode::Char(c),
            Key::Plain(code) => !ctrl && !alt && key.code == code,
        }
    }

    /// How the key is written: `↓`, `Enter`, `Space`, `Ctrl-C`.
    pub fn label(self) -> String {
        match self {
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Plain(code) => code_label(code),
        }
    }
}

/// How a key code is written.
pub fn code_label(code: KeyCode) -> String {
    match code {
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::PageDown => "PageDown".into(),
        KeyCode::PageUp => "PageUp".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Delete".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => other.to_string(),
    }
}

/// The keys of a shipped binding.
#[derive(Debug, Clone, Copy)]
pub enum Keys {
    List(&'static [Key]),
    /// The digits 1 to 9: `Action::Choose(n)`.
    Digits,
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub contexts: &'static [Context],
    pub keys: Keys,
    pub action: Action,
    /// What it does, for the help overlay.
    pub help: &'static str,
    /// The short word for the hint line; `None` keeps it out of the hint line.
    pub hint: Option<&'static str>,
}

/// A binding as it applies: the shipped one, or with the keys the user's keymap file gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    pub contexts: Vec<Context>,
    /// Empty for the digits.
    pub keys: Vec<Key>,
    pub digits: bool,
    pub action: Action,
    pub help: &'static str,
    pub hint: Option<&'static str>,
}

impl Bound {
    fn action_for(&self, key: &KeyEvent) -> Option<Action> {
        if self.digits {
            let no_modifier = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            return match key.code {
                KeyCode::Char(d @ '1'..='9') if no_modifier => Some(Action::Choose(d as usize - '0' as usize)),
                _ => None,
            };
        }
        self.keys.iter().any(|k| k.matches(key)).then_some(self.action)
    }

    /// Every key, as help shows them: `↓ j`.
    pub fn label(&self) -> String {
        if self.digits { "1-9".into() } else { self.keys.iter().map(|k| k.label()).collect::<Vec<_>>().join(" ") }
    }

    /// The first key, as the hint line and messages show it.
    pub fn first_label(&self) -> String {
        if self.digits { "1-9".into() } else { self.keys.first().map_or_else(|| "?".into(), |k| k.label()) }
    }

    /// Every key this binding answers to, for finding conflicts.
    fn all_keys(&self) -> Vec<Key> {
        if self.digits { ('1'..='9').map(|d| Key::Plain(KeyCode::Char(d))).collect() } else { self.keys.clone() }
    }
}

/// Every binding in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub bindings: Vec<Bound>,
}

/// The keymap the interface uses: the shipped one unless [`install`] put the user's in place.
static ACTIVE: OnceLock<Keymap> = OnceLock::new();

pub fn active() -> &'static Keymap {
    ACTIVE.get_or_init(Keymap::shipped)
}

impl Keymap {
    pub fn shipped() -> Keymap {
        let bindings = BINDINGS
            .iter()
            .map(|b| Bound {
                contexts: b.contexts.to_vec(),
                keys: match b.keys {
                    Keys::List(keys) => keys.to_vec(),
                    Keys::Digits => Vec::new(),
                },
                digits: matches!(b.keys, Keys::Digits),
                action: b.action,
                help: b.help,
                hint: b.hint,
            })
            .collect();
        Keymap { bindings }
    }

    /// The first key bound to two things in one place, said as the user reads it.
    /// Linear in the number of keys (attack 15: a list of 100,000 keys was compared pair by pair).
    pub fn conflict(&self) -> Option<String> {
        for context in Context::ALL {
            let mut seen: std::collections::HashMap<Key, Action> = std::collections::HashMap::new();
            for b in self.bindings.iter().filter(|b| b.contexts.contains(&context)) {
                for key in b.all_keys() {
                    if let Some(other) = seen.get(&key).filter(|a| **a != b.action) {
                        let what = |a: Action| {
                            if b.digits && a == b.action { "choose".to_string() } else { a.name().to_string() }
                        };
                        return Some(format!(
                            "{} would be both `{}` and `{}` in {}",
                            key.label(),
                            what(*other),
                            what(b.action),
                            context.name()
                        ));
                    }
                    seen.entry(key).or_insert(b.action);
                }
            }
        }
        None
    }

    fn in_context(&self, context: Context) -> impl Iterator<Item = &Bound> {
        self.bindings.iter().filter(move |b| b.contexts.contains(&context))
    }

    /// The action a key asks for in a context, if any.
    pub fn action_for(&self, context: Context, key: &KeyEvent) -> Option<Action> {
        self.in_context(context).find_map(|b| b.action_for(key))
    }

    /// The first key bound to an action in a context, as the user reads it.
    pub fn key_label(&self, context: Context, action: Action) -> String {
        self.in_context(context).find(|b| b.action == action).map_or_else(|| "?".into(), Bound::first_label)
    }
}

/// The action a key asks for in a context, if any.
pub fn action_for(context: Context, key: &KeyEvent) -> Option<Action> {
    active().action_for(context, key)
}

/// The hint line's entries for a context: (key, word). On a question answered by typing (number, text,
/// date), the digits start the answer instead of choosing an option, and the hint says so.
pub fn hints(context: Context, typed_question: bool) -> Vec<(String, &'static str)> {
    // On a text question every printable key types: the first hint says so.
    let typing = (context == Context::TextQuestion).then(|| ("a-z".to_string(), "type answer"));
    typing
        .into_iter()
        .chain(active().in_context(context).filter_map(|b| {
            let hint = b.hint?;
            if typed_question && b.digits {
                return Some(("0-9".to_string(), "type answer"));
            }
            Some((b.first_label(), hint))
        }))
        .collect()
}

/// The first key bound to an action in a context, as the user reads it, for messages and screens.
pub fn key_label(context: Context, action: Action) -> String {
    active().key_label(context, action)
}

/// Every binding of a context, for help: (keys, what it does).
pub fn help_rows(context: Context) -> Vec<(String, &'static str)> {
    active().in_context(context).map(|b| (b.label(), b.help)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Context::*;
    use KeyCode::{Char, Enter};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn no_key_means_two_things_in_one_context() {
        assert_eq!(Keymap::shipped().conflict(), None);
    }

    #[test]
    fn one_text_entry_predicate() {
        // Every binding in a text-entry context is for finishing or leaving the field, never a letter.
        for b in Keymap::shipped().bindings {
            for c in b.contexts.iter().filter(|c| c.types_text()) {
                for k in &b.keys {
                    assert!(!k.types(), "{k:?} in {c:?} would eat typed text");
                }
                assert!(!b.digits, "the digits in {c:?} would eat typed text");
            }
        }
        assert!(Context::TypeEvidence.is_text_entry() && Context::EditNote.is_text_entry());
        assert!(!Context::Questionnaire.is_text_entry());
    }

    #[test]
    fn digits_choose_and_ctrl_c_quits_everywhere() {
        let k = Keymap::shipped();
        assert_eq!(k.action_for(Questionnaire, &key(Char('3'))), Some(Action::Choose(3)));
        assert_eq!(k.action_for(Home, &key(Char('3'))), None);
        let ctrl_c = KeyEvent::new(Char('c'), KeyModifiers::CONTROL);
        for context in Context::ALL {
            assert_eq!(k.action_for(context, &ctrl_c), Some(Action::Quit), "{context:?}");
        }
        // In text entry, letters are text.
        assert_eq!(k.action_for(TypeAnswer, &key(Char('q'))), None);
        assert_eq!(k.action_for(EditNote, &key(Enter)), None);
    }

    #[test]
    fn labels_come_from_the_key_codes() {
        let k = Keymap::shipped();
        assert_eq!(k.key_label(Questionnaire, Action::NextSection), "→");
        assert_eq!(k.key_label(Report, Action::PageDown), "PageDown");
        assert_eq!(k.key_label(EditNote, Action::Quit), "Ctrl-C");
        let rows = help_rows(Report);
        assert!(rows.iter().any(|(keys, _)| keys == "PageDown Space"), "{rows:?}");
    }

    #[test]
    fn every_context_offers_help_or_a_way_out() {
        for context in Context::ALL {
            let actions: Vec<Action> = Keymap::shipped().in_context(context).map(|b| b.action).collect();
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
