//! The core is plain data and pure functions: no core module may name the terminal crates or the front
//! ends, so any front end (the interface, the commands, a line mode) can sit on it.

use std::path::{Path, PathBuf};

/// The core's folders and files under `src/`: everything but the front ends (`tui`, `cli`, `plain`) and the
/// binary's `main.rs`.
const CORE: &[&str] = &[
    "questionnaire",
    "assessment",
    "scoring",
    "estimate",
    "report",
    "spreadsheet",
    "library",
    "comparison",
    "search",
    "output_file.rs",
    "paths.rs",
    "text.rs",
    "clock.rs",
];
/// The terminal crates, the front ends, and printing: a core module returns what it has to say.
const FORBIDDEN: &[&str] =
    &["ratatui", "crossterm", "crate::tui", "crate::cli", "tui::", "cli::", "println!", "print!(", "eprint"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_core_module_mentions_the_terminal_or_the_front_ends() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for dir in CORE {
        let path = src.join(dir);
        if path.is_file() { files.push(path) } else { rust_files(&path, &mut files) }
    }
    assert!(files.len() > 10, "the core's files were found: {files:?}");
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for word in FORBIDDEN {
                if line.contains(word) {
                    found.push(format!("{}:{}: {word}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "core modules must not depend on the terminal or the front ends, nor print:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_interface_does_not_depend_on_the_commands() {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains("crate::cli"), "{} uses the command line module", file.display());
    }
}
