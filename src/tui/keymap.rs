//! Which key does what, where: the only place a key is named. The key-hint line, the help overlay, the
//! status messages and the screens all take key names from here, so they can never disagree with what
//! the keys do. A user keymap file (`CONFIG_DIR/keymap.json`) may rebind keys; problems in it are reported
//! when the interface starts, and the shipped keys are kept for the entries concerned.

use std::path::Path;
use std::sync::OnceLock;

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

    /// The context's name in a keymap file: `questionnaire`, `edit-note`.
    pub fn name(self) -> &'static str {
        match self {
            Context::Home => "home",
            Context::PickQuestionnaire => "pick-questionnaire",
            Context::TypeOrganisation => "type-organisation",
            Context::Questionnaire => "questionnaire",
            Context::TypeAnswer => "type-answer",
            Context::EditNote => "edit-note",
            Context::TypeRespondent => "type-respondent",
            Context::TypeEvidence => "type-evidence",
            Context::Search => "search",
            Context::Report => "report",
            Context::Help => "help",
        }
    }

    /// Contexts where typed characters are text, not commands: the one-line fields and the note.
    pub fn is_text_entry(self) -> bool {
        self == Context::EditNote || TYPING.contains(&self)
    }
}

/// One key: a key on its own (with Shift if the character needs it), or with Ctrl held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Plain(KeyCode),
    Ctrl(char),
}

impl Key {
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

    /// A key as a keymap file names it: `q`, `Enter`, `PageDown`, `Space`, `Ctrl-S`, `Shift-Tab`.
    pub fn parse(name: &str) -> Option<Key> {
        let mut chars = name.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return (!c.is_control() && c != ' ').then_some(Key::Plain(KeyCode::Char(c)));
        }
        let lower = name.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("ctrl-").or_else(|| lower.strip_prefix("ctrl+")) {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphanumeric() => Some(Key::Ctrl(c)),
                _ => None,
            };
        }
        let code = match lower.as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "space" => KeyCode::Char(' '),
            f if f.starts_with('f') => KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?),
            _ => return None,
        };
        Some(Key::Plain(code))
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

use Context::*;
use Key::Plain as P;
use KeyCode::{BackTab, Backspace, Char, Delete, Down, Enter, Esc, Left, PageDown, PageUp, Right, Tab, Up};

const LISTS: &[Context] = &[Home, PickQuestionnaire];
const BROWSING: &[Context] = &[Home, PickQuestionnaire, Questionnaire, Report];
const TYPING: &[Context] = &[TypeOrganisation, TypeAnswer, TypeRespondent, TypeEvidence, Search];

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

/// Load the user's keymap file from the configuration directory and use it from now on; returns what is
/// wrong with it, to tell the user (those entries keep the shipped keys).
pub fn install(config_dir: Option<&Path>) -> Vec<String> {
    let (keymap, problems) = match config_dir {
        Some(dir) => Keymap::load(&dir.join(KEYMAP_FILE)),
        None => (Keymap::shipped(), Vec::new()),
    };
    let _ = ACTIVE.set(keymap);
    problems
}

/// The user's keymap file, in the configuration directory.
pub const KEYMAP_FILE: &str = "keymap.json";

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

    /// The shipped keymap with a keymap file's changes; a missing file changes nothing.
    pub fn load(path: &Path) -> (Keymap, Vec<String>) {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let (keymap, problems) = Keymap::with_changes(&text);
                let problems = problems.into_iter().map(|p| format!("{}: {p}", path.display())).collect();
                (keymap, problems)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Keymap::shipped(), Vec::new()),
            Err(e) => {
                (Keymap::shipped(), vec![format!("{}: cannot read it ({e}); using the shipped keys", path.display())])
            }
        }
    }

    /// The shipped keymap changed by a keymap file's text: a JSON object from an action's name (or
    /// `context.action`) to its keys, e.g. `{"next-question": ["n", "Down"], "report.scroll-down": "Space"}`.
    /// Each entry that names an unknown action or key, or gives a key already used for something else
    /// where the action applies, is reported and left out.
    pub fn with_changes(text: &str) -> (Keymap, Vec<String>) {
        let mut keymap = Keymap::shipped();
        let mut problems = Vec::new();
        let entries: serde_json::Map<String, serde_json::Value> = match serde_json::from_str(text) {
            Ok(serde_json::Value::Object(map)) => map,
            Ok(_) => {
                return (
                    keymap,
                    vec!["must be a JSON object from action names to keys; using the shipped keys".into()],
                );
            }
            Err(e) => return (keymap, vec![format!("is not valid JSON ({e}); using the shipped keys")]),
        };
        for (name, value) in entries {
            if let Err(problem) = keymap.change(&name, &value) {
                problems.push(format!("`{}`: {problem}; its shipped keys are kept", crate::text::one_line(&name)));
            }
        }
        (keymap, problems)
    }

    fn change(&mut self, name: &str, value: &serde_json::Value) -> Result<(), String> {
        let (context, action_name) = match name.split_once('.') {
            Some((c, a)) => {
                let context = Context::ALL.into_iter().find(|x| x.name() == c).ok_or_else(|| {
                    format!(
                        "no such place `{}` (places: {})",
                        crate::text::one_line(c),
                        names(Context::ALL.map(Context::name))
                    )
                })?;
                (Some(context), a)
            }
            None => (None, name),
        };
        let action = Action::from_name(action_name).ok_or(
            "no such action (names such as next-question or open-report; the README's Keys section lists them all)",
        )?;
        let key_names: Vec<&str> = match value {
            serde_json::Value::String(k) => vec![k.as_str()],
            serde_json::Value::Array(ks) => {
                ks.iter().map(|k| k.as_str().ok_or("keys must be strings")).collect::<Result<_, _>>()?
            }
            _ => return Err("give a key name or a list of them".into()),
        };
        if key_names.is_empty() {
            return Err("give at least one key".into());
        }
        let keys = key_names
            .iter()
            .map(|k| {
                Key::parse(k).ok_or_else(|| {
                    format!("`{}` is not a key name (e.g. q, Enter, PageDown, Space, Ctrl-S)", crate::text::one_line(k))
                })
            })
            .collect::<Result<Vec<Key>, String>>()?;
        let mut changed = self.clone();
        let mut found = false;
        let mut split = Vec::new();
        for b in changed.bindings.iter_mut().filter(|b| b.action == action && !b.digits) {
            match context {
                None => {
                    b.keys = keys.clone();
                    found = true;
                }
                Some(c) if b.contexts.contains(&c) => {
                    b.contexts.retain(|x| *x != c);
                    split.push(Bound { contexts: vec![c], keys: keys.clone(), ..b.clone() });
                    found = true;
                }
                Some(_) => {}
            }
        }
        if !found {
            return Err(format!(
                "that action has no key{}",
                context.map(|c| format!(" in {}", c.name())).unwrap_or_default()
            ));
        }
        changed.bindings.extend(split);
        changed.bindings.retain(|b| !b.contexts.is_empty());
        if let Some(conflict) = changed.conflict() {
            return Err(conflict);
        }
        if !changed.bindings.iter().any(|b| b.action == Action::Quit && b.keys.contains(&Key::Ctrl('c'))) {
            return Err("Ctrl-C must stay a way to quit from anywhere".into());
        }
        *self = changed;
        Ok(())
    }

    /// The first key bound to two things in one place, said as the user reads it.
    pub fn conflict(&self) -> Option<String> {
        for context in Context::ALL {
            let mut seen: Vec<(Key, Action)> = Vec::new();
            for b in self.bindings.iter().filter(|b| b.contexts.contains(&context)) {
                for key in b.all_keys() {
                    if let Some((_, other)) = seen.iter().find(|(k, a)| *k == key && *a != b.action) {
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
                    seen.push((key, b.action));
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

fn names<const N: usize>(names: [&str; N]) -> String {
    names.join(", ")
}

/// The action a key asks for in a context, if any.
pub fn action_for(context: Context, key: &KeyEvent) -> Option<Action> {
    active().action_for(context, key)
}

/// The hint line's entries for a context: (key, word). On a question answered by typing (number, text,
/// date), the digits start the answer instead of choosing an option, and the hint says so.
pub fn hints(context: Context, typed_question: bool) -> Vec<(String, &'static str)> {
    active()
        .in_context(context)
        .filter_map(|b| {
            let hint = b.hint?;
            if typed_question && b.digits {
                return Some(("0-9".to_string(), "type answer"));
            }
            Some((b.first_label(), hint))
        })
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
            for c in b.contexts.iter().filter(|c| c.is_text_entry()) {
                for k in &b.keys {
                    assert!(!matches!(k, Key::Plain(KeyCode::Char(_))), "{k:?} in {c:?} would eat typed text");
                }
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

    #[test]
    fn a_keymap_file_rebinds_keys_and_reports_what_it_cannot_do() {
        let (k, problems) = Keymap::with_changes(
            r#"{
                "next-question": ["n", "Down"],
                "report.scroll-down": "s",
                "flyaway": "z",
                "toggle-flag": "Hyper-Q",
                "previous-question": "u",
                "open-report": []
            }"#,
        );
        assert_eq!(k.action_for(Questionnaire, &key(Char('n'))), Some(Action::NextQuestion));
        assert_eq!(k.action_for(Questionnaire, &key(Char('j'))), None, "j is no longer next");
        assert_eq!(k.action_for(Report, &key(Char('s'))), Some(Action::ScrollDown));
        assert_eq!(k.action_for(Help, &key(Char('j'))), Some(Action::ScrollDown), "help keeps its keys");
        assert_eq!(k.key_label(Questionnaire, Action::NextQuestion), "n");
        assert_eq!(problems.len(), 4, "{problems:#?}");
        assert!(problems[0].contains("`flyaway`: no such action"), "{problems:#?}");
        assert!(problems.iter().any(|p| p.contains("`Hyper-Q` is not a key name")), "{problems:#?}");
        assert!(
            problems.iter().any(|p| p.contains("u would be both") && p.contains("`next-unanswered`")),
            "{problems:#?}"
        );
        assert!(problems.iter().any(|p| p.contains("`open-report`: give at least one key")), "{problems:#?}");
        let (_, conflict) = Keymap::with_changes(r#"{"report.scroll-down": "Space"}"#);
        assert!(conflict[0].contains("Space would be both `page-down` and `scroll-down` in report"), "{conflict:?}");
        // Entries with problems keep the shipped keys.
        assert_eq!(k.action_for(Questionnaire, &key(Char('k'))), Some(Action::PreviousQuestion));
        assert_eq!(k.action_for(Questionnaire, &key(Char('r'))), Some(Action::OpenReport));
        let (_, problems) = Keymap::with_changes("[1]");
        assert!(problems[0].contains("JSON object"));
        let (_, problems) = Keymap::with_changes(r#"{"quit": "Q"}"#);
        assert!(problems[0].contains("Ctrl-C must stay"), "{problems:?}");
    }

    #[test]
    fn key_names_parse() {
        assert_eq!(Key::parse("q"), Some(Key::Plain(Char('q'))));
        assert_eq!(Key::parse("PageDown"), Some(Key::Plain(PageDown)));
        assert_eq!(Key::parse("ctrl-s"), Some(Key::Ctrl('s')));
        assert_eq!(Key::parse("Space"), Some(Key::Plain(Char(' '))));
        assert_eq!(Key::parse("F5"), Some(Key::Plain(KeyCode::F(5))));
        assert_eq!(Key::parse("F13"), None);
        assert_eq!(Key::parse(""), None);
        assert_eq!(Key::parse("\u{1b}"), None);
    }
}
