//! The user's keymap file: `keymap.json` in the configuration directory maps action names (or
//! `place.action`) to keys. What cannot be applied is reported, and keeps the shipped keys.

use std::path::Path;

use crossterm::event::KeyCode;

use super::{ACTIVE, Action, Bound, Context, Key, Keymap};

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

/// At most this many keys for one action in one entry: more are left out, and the user is told.
pub const MAX_KEYS_PER_ACTION: usize = 8;

/// At most this many problems are listed on the status line; the rest are counted.
const MAX_PROBLEMS_SAID: usize = 5;

impl Key {
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

impl Keymap {
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
            let name = crate::text::one_line(&name);
            match keymap.change(&name, &value) {
                Ok(None) => {}
                Ok(Some(note)) => problems.push(format!("`{name}`: {note}")),
                Err(problem) => problems.push(format!("`{name}`: {problem}; its shipped keys are kept")),
            }
        }
        if problems.len() > MAX_PROBLEMS_SAID {
            let more = problems.len() - MAX_PROBLEMS_SAID;
            problems.truncate(MAX_PROBLEMS_SAID);
            problems.push(format!("and {more} more problems"));
        }
        (keymap, problems)
    }

    /// Apply one entry. `Ok(Some(..))` says what of it was left out (keys beyond the cap).
    fn change(&mut self, name: &str, value: &serde_json::Value) -> Result<Option<String>, String> {
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
            "no such action (names such as next-question or open-report; docs/keys.md in the manual lists them all)",
        )?;
        // Attack 15: a list of 100,000 keys took 19 s to check; only the first few are used.
        let (key_names, given): (Vec<&str>, usize) = match value {
            serde_json::Value::String(k) => (vec![k.as_str()], 1),
            serde_json::Value::Array(ks) => (
                ks.iter()
                    .take(MAX_KEYS_PER_ACTION)
                    .map(|k| k.as_str().ok_or("keys must be strings"))
                    .collect::<Result<_, _>>()?,
                ks.len(),
            ),
            _ => return Err("give a key name or a list of them".into()),
        };
        if key_names.is_empty() {
            return Err("give at least one key".into());
        }
        let note = (given > MAX_KEYS_PER_ACTION).then(|| {
            format!("{given} keys given; only the first {MAX_KEYS_PER_ACTION} are used (the most one action takes)")
        });
        let keys = key_names
            .iter()
            .map(|k| {
                Key::parse(k).ok_or_else(|| {
                    format!("`{}` is not a key name (e.g. q, Enter, PageDown, Space, Ctrl-S)", crate::text::one_line(k))
                })
            })
            .collect::<Result<Vec<Key>, String>>()?;
        // C1: a key that types (a letter, a digit) is never bound where text is typed.
        let types = keys.iter().any(|k| k.types());
        if let Some(c) = context.filter(|c| types && c.types_text()) {
            return Err(format!(
                "a character key would be typed text in {}: use a Ctrl key, an arrow or F1-F12",
                c.name()
            ));
        }
        let mut changed = self.clone();
        let mut found = false;
        let mut kept_for_typing = false;
        let mut split = Vec::new();
        for b in changed.bindings.iter_mut().filter(|b| b.action == action && !b.digits) {
            match context {
                // Where text is typed, the binding keeps its keys; elsewhere it takes the new ones.
                None if types && b.contexts.iter().any(|c| c.types_text()) => {
                    let (typing, others): (Vec<Context>, Vec<Context>) =
                        b.contexts.iter().partition(|c| c.types_text());
                    kept_for_typing = true;
                    if !others.is_empty() {
                        split.push(Bound { contexts: others, keys: keys.clone(), ..b.clone() });
                        found = true;
                    }
                    b.contexts = typing;
                }
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
        if !found && kept_for_typing {
            return Err(
                "a character key would be typed text where that action applies: use a Ctrl key, an arrow or F1-F12"
                    .into(),
            );
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
        let ctrl_c = crossterm::event::KeyEvent::new(KeyCode::Char('c'), crossterm::event::KeyModifiers::CONTROL);
        if Context::ALL.into_iter().any(|c| changed.action_for(c, &ctrl_c) != Some(Action::Quit)) {
            return Err("Ctrl-C must stay a way to quit from anywhere".into());
        }
        *self = changed;
        Ok(note)
    }
}

fn names<const N: usize>(names: [&str; N]) -> String {
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use Context::*;
    use KeyCode::{Char, PageDown};
    use crossterm::event::{KeyEvent, KeyModifiers};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
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
    fn a_hundred_thousand_keys_for_one_action_are_capped_and_said() {
        // Attack 15: every key was compared with every other (19 s before the first frame).
        let keys: Vec<String> = (0..100_000).map(|i| format!("F{}", i % 12 + 1)).collect();
        let text = serde_json::json!({ "report.export-follow-ups": keys }).to_string();
        let (k, problems) = Keymap::with_changes(&text);
        let bound = k.bindings.iter().find(|b| b.action == Action::ExportFollowUps).unwrap();
        assert_eq!(bound.keys.len(), MAX_KEYS_PER_ACTION);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("100000 keys given; only the first 8 are used"), "{problems:?}");
        // Problems past the first few are counted, not listed.
        let many: serde_json::Map<String, serde_json::Value> =
            (0..1000).map(|i| (format!("nothing-{i}"), serde_json::json!("z"))).collect();
        let (_, problems) = Keymap::with_changes(&serde_json::Value::Object(many).to_string());
        assert_eq!(problems.len(), MAX_PROBLEMS_SAID + 1);
        assert_eq!(problems.last().unwrap(), "and 995 more problems");
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
