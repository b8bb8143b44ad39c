//! The core says what is wrong in its own words; only the command line knows its flags. No string literal
//! in a core module (outside comments and `#[cfg(test)]` code) names a command-line flag (` --sheet`): the
//! command line renders the core's typed errors and suggestions as flags, the interface as keys.

use std::path::Path;

use crate::tui_layering::core_files;

/// The string literals of Rust source outside comments and `#[cfg(test)]` items, with their line numbers.
fn string_literals(src: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line, mut depth) = (0usize, 1usize, 0usize);
    // Set by `#[cfg(test)]`: the next item is skipped (to its `;`, or to the `}` closing its block).
    let mut pending = false;
    let mut skip_to: Option<usize> = None;
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                line += usize::from(chars[i] == '\n');
                i += 1;
            }
            i += 2;
        } else if src_at(&chars, i, "#[cfg(test)]") {
            pending = true;
            i += "#[cfg(test)]".len();
        } else if c == '"' || ((c == 'r' || c == 'b') && (i == 0 || !ident(chars[i - 1])) && raw_start(&chars, i)) {
            let start_line = line;
            let (text, end) = literal(&chars, i);
            line += text.matches('\n').count();
            if skip_to.is_none() {
                out.push((start_line, text));
            }
            i = end;
        } else if c == '\'' {
            // A char literal ('"', '\'', '\u{a9}') or a lifetime ('a).
            if next == Some('\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else {
            match c {
                '{' => {
                    if pending && skip_to.is_none() {
                        skip_to = Some(depth);
                    }
                    pending = false;
                    depth += 1;
                }
                '}' => {
                    depth = depth.saturating_sub(1);
                    if skip_to == Some(depth) {
                        skip_to = None;
                    }
                }
                ';' => pending = false,
                _ => {}
            }
            i += 1;
        }
    }
    out
}

fn src_at(chars: &[char], i: usize, word: &str) -> bool {
    word.chars().enumerate().all(|(n, w)| chars.get(i + n) == Some(&w))
}

/// Whether `r"`, `r#"`, `b"`, `br"`, `br#"` starts at `i`.
fn raw_start(chars: &[char], i: usize) -> bool {
    let mut j = i;
    if chars[j] == 'b' {
        j += 1;
    }
    if chars.get(j) == Some(&'r') {
        j += 1;
        while chars.get(j) == Some(&'#') {
            j += 1;
        }
    }
    j > i && chars.get(j) == Some(&'"')
}

/// The literal starting at `i` (plain, byte or raw) and the index after it.
fn literal(chars: &[char], i: usize) -> (String, usize) {
    let mut j = i;
    if chars[j] == 'b' {
        j += 1;
    }
    let raw = chars[j] == 'r';
    let mut hashes = 0;
    if raw {
        j += 1;
        while chars[j] == '#' {
            hashes += 1;
            j += 1;
        }
    }
    j += 1; // the opening quote
    let mut text = String::new();
    while j < chars.len() {
        let c = chars[j];
        if !raw && c == '\\' {
            text.push(c);
            if let Some(n) = chars.get(j + 1) {
                text.push(*n);
            }
            j += 2;
            continue;
        }
        if c == '"' && (0..hashes).all(|h| chars.get(j + 1 + h) == Some(&'#')) {
            return (text, j + 1 + hashes);
        }
        text.push(c);
        j += 1;
    }
    (text, j)
}

/// Whether the text names a flag: `--` and a letter, at the start or after white space.
fn names_a_flag(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(2)).any(|i| {
        bytes[i] == b'-'
            && bytes[i + 1] == b'-'
            && bytes[i + 2].is_ascii_lowercase()
            && (i == 0
                || bytes[i - 1].is_ascii_whitespace()
                || b"(`'".contains(&bytes[i - 1])
                || (i >= 2 && (&bytes[i - 2..i] == b"\\n" || &bytes[i - 2..i] == b"\\t")))
    })
}

/// Every literal naming a flag in the source, as `line: text`.
fn flags_in(src: &str) -> Vec<String> {
    string_literals(src).into_iter().filter(|(_, t)| names_a_flag(t)).map(|(n, t)| format!("{n}: {t}")).collect()
}

#[test]
fn the_checker_finds_a_planted_flag_and_nothing_in_comments_or_tests() {
    let planted = r####"
//! A comment may say " --sheet".
/// So may a doc comment: "import again with --header-row".
fn hint(c: char) -> String {
    let quote = '"';
    let lifetime: &'static str = "plain words";
    /* a block comment " --answer-col " */
    let raw = r#"a "quoted" word"#;
    format!("import again with --sheet '{c}' {quote}{lifetime}{raw}")
}
#[cfg(test)]
use std::fmt::Write as _;
fn later() -> &'static str {
    "pick one with\n--question-col"
}
#[cfg(test)]
mod tests {
    fn check() {
        assert_eq!(super::hint('x'), "import again with --sheet 'x'");
        let nested = { "--id-col" };
    }
}
fn after_tests() -> &'static str { "no flag -- here, nor in x--y" }
"####;
    let found = flags_in(planted);
    assert_eq!(
        found,
        ["9: import again with --sheet '{c}' {quote}{lifetime}{raw}", "14: pick one with\\n--question-col"]
    );
    assert!(!flags_in("fn f() -> &'static str { \"a -- b\" }").iter().any(|_| true));
}

/// Known and left to their owner, matched by file and words. None at present: add one only with a reason.
const KNOWN: &[(&str, &str)] = &[];

#[test]
fn no_core_string_names_a_command_line_flag() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for file in &core_files() {
        let text = std::fs::read_to_string(file).unwrap();
        let shown = file.strip_prefix(&src).unwrap_or(file).display().to_string();
        let shown = format!("src/{shown}");
        let known = |f: &String| KNOWN.iter().any(|(file, words)| *file == shown && f.contains(words));
        found.extend(flags_in(&text).into_iter().filter(|f| !known(f)).map(|f| format!("{shown}:{f}")));
    }
    found.sort();
    assert!(
        found.is_empty(),
        "core strings name command-line flags; return data or a typed error and let the command line say the flag:\n{}",
        found.join("\n")
    );
}
