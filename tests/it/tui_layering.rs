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

/// Every Rust file of the core ([`CORE`]), found on disk.
pub(crate) fn core_files() -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for dir in CORE {
        let path = src.join(dir);
        if path.is_file() { files.push(path) } else { rust_files(&path, &mut files) }
    }
    assert!(files.len() > 10, "the core's files were found: {files:?}");
    files
}

#[test]
fn no_core_module_mentions_the_terminal_or_the_front_ends() {
    let files = core_files();
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

// Inside the interface: keys flow down (app -> screens -> editor), drawing too (view -> screens -> widgets).
// A screen never names the app, and the open assessment (editor.rs) names no screen: issue 19's upward
// arrows.

/// What a file of `src/tui` names that it must not: a screen naming the app, or the editor naming a screen.
fn upward_names(relative: &str, text: &str) -> Vec<String> {
    let forbidden: &[&str] = if relative.starts_with("screens/") {
        &["App", "app::"]
    } else if relative == "editor.rs" {
        &["screens::"]
    } else {
        &[]
    };
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for word in forbidden {
            let hit = code.match_indices(word).any(|(i, _)| {
                // `App` as a word (not `Applied`, `MyApp`); `app::` not inside a longer name (`webapp::`).
                let before = code[..i].chars().next_back();
                let after = code[i + word.len()..].chars().next();
                let starts = !before.is_some_and(|c| c.is_alphanumeric() || c == '_');
                let ends = word.ends_with("::") || !after.is_some_and(|c| c.is_alphanumeric() || c == '_');
                starts && ends
            });
            if hit {
                found.push(format!("{relative}:{}: {word}: {}", n + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn the_upward_checker_finds_what_is_planted() {
    assert_eq!(upward_names("screens/home.rs", "use crate::tui::app::App;\n").len(), 2);
    assert_eq!(upward_names("screens/questionnaire/view.rs", "fn draw(a: &App) {}\n").len(), 1);
    assert_eq!(upward_names("editor.rs", "pub mode: crate::tui::screens::search::Search,\n").len(), 1);
    // Not these: a longer name, a comment, another file.
    assert!(upward_names("screens/home.rs", "let a = Applied::new(); // the App\n").is_empty());
    assert!(upward_names("screens/home.rs", "use crate::webapp::x;\n").is_empty());
    assert!(upward_names("view.rs", "use super::app::App;\n").is_empty());
    assert!(upward_names("editor.rs", "use super::keymap;\n").is_empty());
}

#[test]
fn screens_do_not_name_the_app_nor_the_editor_a_screen() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(files.len() > 20, "the interface's files were found: {files:?}");
    let mut found = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        found.extend(upward_names(&relative, &std::fs::read_to_string(file).unwrap()));
    }
    assert!(found.is_empty(), "upward arrows in the interface (issue 19):\n{}", found.join("\n"));
}

/// The interface's files as modules (`tui::screens::home`) and the modules each names (through `crate::`,
/// `super::`, `self::` or a child module's name), test modules left out.
fn tui_graph() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    use std::collections::{BTreeMap, BTreeSet};
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src.join("tui"), &mut files);
    let module_of = |file: &Path| -> Vec<String> {
        let relative = file.strip_prefix(&src).unwrap().with_extension("");
        let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        parts
    };
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(f)).collect();
    let mut graph = BTreeMap::new();
    for file in &files {
        let me = module_of(file);
        let full = std::fs::read_to_string(file).unwrap();
        let text = full.split("#[cfg(test)]\nmod tests").next().unwrap_or(&full);
        let mut uses = BTreeSet::new();
        for path in paths_in(text) {
            let mut resolved: Vec<String> = match path.first().map(String::as_str) {
                Some("crate") => path[1..].to_vec(),
                Some("super") => {
                    let ups = path.iter().take_while(|p| *p == "super").count();
                    let mut base = me.clone();
                    base.truncate(base.len().saturating_sub(ups));
                    base.extend(path[ups..].iter().cloned());
                    base
                }
                Some("self") => me.iter().chain(&path[1..]).cloned().collect(),
                Some(first) if modules.contains(&[me.clone(), vec![first.to_string()]].concat()) => {
                    me.iter().chain(&path).cloned().collect()
                }
                _ => continue,
            };
            // The deepest file the path reaches.
            while !resolved.is_empty() && !modules.contains(&resolved) {
                resolved.pop();
            }
            if !resolved.is_empty() && resolved != me && !me.starts_with(&resolved) {
                uses.insert(resolved.join("::"));
            }
        }
        graph.insert(me.join("::"), uses);
    }
    graph
}

/// Every path a piece of source names (`crate::a::b`, `super::{x, y::z}` as two), as its segments.
fn paths_in(text: &str) -> Vec<Vec<String>> {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let starts_word = word(c) && (i == 0 || !(word(chars[i - 1].1) || chars[i - 1].1 == ':'));
        if !starts_word {
            i += 1;
            continue;
        }
        let rest = &text[at..];
        let len = rest.find(|c: char| !(word(c) || c == ':')).unwrap_or(rest.len());
        let path = rest[..len].trim_end_matches(':');
        let segments: Vec<String> = path.split("::").map(String::from).collect();
        let mut skip = len;
        if segments.len() > 1 || rest[len..].starts_with('{') {
            if let Some(group) = rest[len..].strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                skip = len + 1 + end;
                for part in group[..end].split(',') {
                    let part = part.trim().split(" as ").next().unwrap_or("").trim();
                    let mut full = segments.clone();
                    full.extend(part.split("::").filter(|s| !s.is_empty() && *s != "self").map(String::from));
                    out.push(full);
                }
            } else {
                out.push(segments);
            }
        }
        i += rest[..skip].chars().count().max(1);
    }
    out
}

/// The loops of the graph: its strongly connected parts of more than one module, largest first.
fn loops(graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>) -> Vec<Vec<String>> {
    let reaches = |from: &str| {
        let mut seen = std::collections::BTreeSet::new();
        let mut todo = vec![from.to_string()];
        while let Some(n) = todo.pop() {
            for next in graph.get(&n).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reach: std::collections::BTreeMap<&String, _> = graph.keys().map(|k| (k, reaches(k))).collect();
    let mut found: Vec<Vec<String>> = Vec::new();
    for node in graph.keys() {
        if found.iter().any(|l| l.contains(node)) {
            continue;
        }
        let part: Vec<String> = graph
            .keys()
            .filter(|o| *o == node || (reach[node].contains(*o) && reach[*o].contains(node)))
            .cloned()
            .collect();
        if part.len() > 1 {
            found.push(part);
        }
    }
    found.sort_by_key(|l| std::cmp::Reverse(l.len()));
    found
}

#[test]
fn the_graph_reader_resolves_paths_and_finds_loops() {
    let paths = paths_in("use super::{a, b::c as d};\nuse crate::tui::app::App;\nlet x = keymap::key(1);\n");
    let expected: Vec<Vec<String>> =
        vec![vec!["super", "a"], vec!["super", "b", "c"], vec!["crate", "tui", "app", "App"], vec!["keymap", "key"]]
            .into_iter()
            .map(|p| p.into_iter().map(String::from).collect())
            .collect();
    assert_eq!(paths, expected);
    let graph = |edges: &[(&str, &str)]| {
        let mut g = std::collections::BTreeMap::<String, std::collections::BTreeSet<String>>::new();
        for (a, b) in edges {
            g.entry(a.to_string()).or_default().insert(b.to_string());
            g.entry(b.to_string()).or_default();
        }
        g
    };
    assert!(loops(&graph(&[("a", "b"), ("b", "c")])).is_empty());
    assert_eq!(loops(&graph(&[("a", "b"), ("b", "a"), ("c", "d"), ("d", "e"), ("e", "c")])).len(), 2);
    assert_eq!(loops(&graph(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]))[0], ["a", "b", "c"]);
}

#[test]
fn the_interface_module_graph() {
    let graph = tui_graph();
    assert!(graph.len() > 20 && graph["tui::app"].contains("tui::screens::home"), "{graph:#?}");
    let loops = loops(&graph);
    let edges: usize = graph.values().map(|u| u.len()).sum();
    eprintln!(
        "tui: {} files, {edges} arrows, loops: {:?}",
        graph.len(),
        loops.iter().map(|l| l.len()).collect::<Vec<_>>()
    );
    for l in &loops {
        eprintln!("  loop: {}", l.join(", "));
    }
    // The questionnaire screen and the lists and forms it opens still use each other (one screen in many
    // files); the app, the drawing, the open assessment and the helpers sit in no loop (21 files were one).
    for module in ["tui::app", "tui::view", "tui::editor", "tui::screens", "tui::widgets", "tui::keymap"] {
        assert!(!loops.iter().any(|l| l.iter().any(|m| m == module)), "{module} is in a loop: {loops:?}");
    }
    assert!(loops.iter().all(|l| l.len() <= 11), "a loop grew: {loops:?}");
}
