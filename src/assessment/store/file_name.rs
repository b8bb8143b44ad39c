//! Names of assessment files: made from an organisation's name in any script for a new assessment, and
//! checked when the user chooses one (`rename`, `restore --as`).
//!
//! A name keeps the letters, digits and combining marks of every script, NFC-normalised (so "é" typed as
//! one character or as "e" and an accent gives one name), lower-cased where the script has case. Control,
//! bidirectional and invisible characters are dropped; anything else (spaces, punctuation, symbols, emoji)
//! becomes one `-`. Lengths are capped by characters and by bytes, so that the file and its companions
//! (`NAME.json.journal`, the temporary files of a save) stay under the 255-byte limit of common file
//! systems.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The most characters of an organisation's name kept in a new file's name.
pub const SLUG_CHARS: usize = 40;
/// The most bytes of an organisation's name kept in a new file's name (40 CJK characters take 120).
pub const SLUG_BYTES: usize = 120;
/// The longest name a user may give an assessment, in characters and in bytes (without `.json`).
pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_NAME_BYTES: usize = 180;

/// Characters a chosen name may not hold: Windows refuses them in file names (a store synced to a Windows
/// machine would lose the file), and shells treat them specially.
pub const RESERVED: &str = ":*?\"<>|";

/// Characters a name may not hold because a shell runs or expands them even where completion or a pasted
/// command put the name (`` `cmd` `` and `$(cmd)` run a command).
pub const SHELL: &str = "`$";

/// What a new assessment is called when its organisation's name has no letter or digit.
const FALLBACK: &str = "assessment";

/// A readable, safe file name part from an organisation's name: never empty, never hidden, never `..`,
/// one path component.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    // Whether the last character kept was a letter or digit (a combining mark belongs to it).
    let mut after_letter = false;
    for c in text.nfc() {
        let piece: String = if crate::text::is_unsafe(c) || c.is_control() {
            // Invisible: dropped without a trace (a bidi mark between two letters joins nothing). Before the
            // letters: a Hangul filler (U+115F) is a letter that shows as nothing.
            continue;
        } else if c.is_alphanumeric() {
            after_letter = true;
            c.to_lowercase().collect()
        } else if is_combining_mark(c) && after_letter {
            c.to_string()
        } else {
            after_letter = false;
            if out.is_empty() || out.ends_with('-') {
                continue;
            }
            "-".to_string()
        };
        if chars + 1 > SLUG_CHARS || out.len() + piece.len() > SLUG_BYTES {
            break;
        }
        out.push_str(&piece);
        chars += 1;
    }
    let out: String = out.trim_end_matches('-').nfc().collect();
    if out.is_empty() { FALLBACK.to_string() } else { out }
}

/// The same text capped to `max_bytes` at a character boundary.
pub fn cap_bytes(text: &str, max_bytes: usize) -> &str {
    if text.len() <= max_bytes {
        return text;
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A name as it would be typed in a shell: bare when that is safe, otherwise in single quotes (for the
/// commands messages suggest, such as `soc2-ready restore 'テスト 2027'`). Made safe for the terminal.
pub fn shell_quoted(name: &str) -> String {
    let safe = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || "-_.+@%,:".contains(c));
    let quoted = if safe { name.to_string() } else { format!("'{}'", name.replace('\'', r"'\''")) };
    crate::text::one_line(&quoted)
}

/// Why a name the user chose cannot name an assessment.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("the new name is empty: give the assessment a name, e.g. acme-2027")]
    Empty,
    #[error(
        "the new name \"{0}\" contains a path separator (/ or \\): give a name, not a path; the assessment stays in its folder"
    )]
    Separator(String),
    #[error(
        "the new name \"{0}\" starts with a dot, which would hide the file: choose a name that starts with a letter or digit"
    )]
    Hidden(String),
    #[error(
        "the new name \"{0}\" starts with a dash, which commands would read as an option: choose a name that \
         starts with a letter or digit"
    )]
    Dash(String),
    #[error("the new name \"{0}\" contains a control character (shown as \\u{{..}}): type the name again without it")]
    Control(String),
    #[error(
        "the new name \"{0}\" contains \"{1}\", which Windows does not allow in file names and shells read \
         specially: choose a name without any of : * ? \" < > |"
    )]
    Reserved(String, char),
    #[error(
        "the new name is {chars} characters ({bytes} bytes); names are at most {MAX_NAME_CHARS} characters and \
         {MAX_NAME_BYTES} bytes, so the file and its backups stay within what file systems allow"
    )]
    TooLong { chars: usize, bytes: usize },
    #[error(
        "the new name \"{0}\" contains \"{1}\", which a shell reads as a command or a variable when the name \
         is completed or pasted: choose a name without ` or $"
    )]
    Shell(String, char),
}

/// Refuse a file name a shell would run or expand (see [`SHELL`]): for files made where the user said
/// (`new --out`, `import --out`, `merge -o`), which are then named on command lines and completed.
pub fn check_shell_safe(path: &std::path::Path) -> Result<(), NameError> {
    let Some(name) = path.file_name() else { return Ok(()) };
    let name = name.to_string_lossy();
    match name.chars().find(|c| SHELL.contains(*c)) {
        Some(c) => Err(NameError::Shell(crate::text::one_line(&name), c)),
        None => Ok(()),
    }
}

/// The name the user typed, checked and NFC-normalised, without a `.json` the user may have added.
pub fn chosen_name(typed: &str) -> Result<String, NameError> {
    let shown = || crate::text::one_line(typed);
    // Invisible formatting (bidi marks, zero-width characters) is dropped, as in names made from an
    // organisation: nobody can see it in the name they typed. Control characters are refused below.
    let visible: String = typed.chars().filter(|c| c.is_control() || !crate::text::is_unsafe(*c)).collect();
    let name: String = visible.trim().nfc().collect();
    let name = name.strip_suffix(".json").unwrap_or(&name).to_string();
    if name.trim().is_empty() {
        return Err(NameError::Empty);
    }
    if name.contains(['/', '\\']) {
        return Err(NameError::Separator(shown()));
    }
    if name.starts_with('.') {
        return Err(NameError::Hidden(shown()));
    }
    if name.starts_with('-') {
        return Err(NameError::Dash(shown()));
    }
    if name.chars().any(|c| c.is_control() || crate::text::is_unsafe(c)) {
        return Err(NameError::Control(shown()));
    }
    if let Some(c) = name.chars().find(|c| RESERVED.contains(*c)) {
        return Err(NameError::Reserved(shown(), c));
    }
    if let Some(c) = name.chars().find(|c| SHELL.contains(*c)) {
        return Err(NameError::Shell(shown(), c));
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS || name.len() > MAX_NAME_BYTES {
        return Err(NameError::TooLong { chars, bytes: name.len() });
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_any_script_stay_readable() {
        assert_eq!(slug("Acme AI, Inc."), "acme-ai-inc");
        assert_eq!(slug("株式会社テスト"), "株式会社テスト");
        assert_eq!(slug("شركة الذكاء"), "شركة-الذكاء");
        assert_eq!(slug("Café Ünïcode"), "café-ünïcode");
        // Decomposed accents give the same name as composed ones.
        assert_eq!(slug("Cafe\u{301}"), slug("Café"));
        assert_eq!(slug("हिन्दी AI"), "हिन्दी-ai", "vowel signs (combining marks) stay with their letters");
        assert_eq!(slug("ACME/../x"), "acme-x");
        assert_eq!(slug("🚀 Rocket 🚀"), "rocket");
        assert_eq!(slug("\u{202e}Evil\u{200f}Corp\u{1b}[2J"), "evilcorp-2j");
        assert_eq!(slug("..."), "assessment");
        assert_eq!(slug(""), "assessment");
        assert_eq!(slug("🚀"), "assessment");
        assert_eq!(slug(".hidden"), "hidden");
    }

    #[test]
    fn long_names_are_cut_by_characters_within_the_byte_cap() {
        let cut = slug(&"株".repeat(100));
        assert_eq!(cut.chars().count(), SLUG_CHARS);
        assert_eq!(cut.len(), 120);
        let four_bytes = slug(&"𠀀".repeat(100));
        assert_eq!(four_bytes.len(), 120, "30 characters of 4 bytes");
        assert_eq!(slug(&"a ".repeat(100)).chars().count(), 39, "never ends with a dash");
    }

    #[test]
    fn names_are_quoted_for_the_shell_when_needed() {
        assert_eq!(shell_quoted("acme-2027"), "acme-2027");
        assert_eq!(shell_quoted("株式会社テスト"), "株式会社テスト");
        assert_eq!(shell_quoted("テスト 2027"), "'テスト 2027'");
        assert_eq!(shell_quoted("it's"), r"'it'\''s'");
        assert_eq!(shell_quoted("a$(rm)"), "'a$(rm)'");
    }

    #[test]
    fn chosen_names_are_checked() {
        assert_eq!(chosen_name("  acme-2027.json "), Ok("acme-2027".into()));
        assert_eq!(chosen_name("株式会社テスト 2027"), Ok("株式会社テスト 2027".into()));
        assert_eq!(chosen_name("Cafe\u{301}"), Ok("Café".into()));
        assert_eq!(chosen_name(" "), Err(NameError::Empty));
        assert_eq!(chosen_name(".json"), Err(NameError::Empty));
        assert!(matches!(chosen_name("a/b"), Err(NameError::Separator(_))));
        assert!(matches!(chosen_name("a\\b"), Err(NameError::Separator(_))));
        assert!(matches!(chosen_name(".."), Err(NameError::Hidden(_))));
        assert!(matches!(chosen_name(".acme"), Err(NameError::Hidden(_))));
        assert!(matches!(chosen_name("-rf"), Err(NameError::Dash(_))));
        assert_eq!(chosen_name("\u{200f}שם \u{202e}עברי\u{200f}"), Ok("שם עברי".into()), "invisible marks are dropped");
        assert!(matches!(chosen_name("a\nb"), Err(NameError::Control(_))));
        for c in RESERVED.chars() {
            assert_eq!(chosen_name(&format!("acme{c}2027")), Err(NameError::Reserved(format!("acme{c}2027"), c)));
        }
        for c in SHELL.chars() {
            assert_eq!(chosen_name(&format!("wwq{c}cmd{c}")), Err(NameError::Shell(format!("wwq{c}cmd{c}"), c)));
        }
        assert!(slug("Acme `rm` $(HOME)").chars().all(|c| !SHELL.contains(c)), "{}", slug("Acme `rm` $(HOME)"));
        assert!(matches!(chosen_name(&"x".repeat(101)), Err(NameError::TooLong { chars: 101, .. })));
        assert!(matches!(chosen_name(&"株".repeat(61)), Err(NameError::TooLong { bytes: 183, .. })));
        let e = chosen_name("a\u{1b}b").unwrap_err().to_string();
        assert!(e.contains("\\u{1b}") && !e.contains('\u{1b}'), "{e}");
    }
}
