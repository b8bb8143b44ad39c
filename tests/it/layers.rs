//! The layers the build can see: which top-level module of `src/` uses which, read from the source, with
//! no cycle among them and no core module above a front end. ARCHITECTURE.md draws the same picture.
//!
//! A module's test code (its `#[cfg(test)]` module, which clippy keeps last in a file) may borrow another
//! module's fixtures and is not counted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const FRONT_ENDS: &[&str] = &["tui", "cli", "plain"];

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

/// The file's text without its test module.
fn without_tests(text: &str) -> &str {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") || t.starts_with("#[cfg(all(test") {
            let rest = &text[at + line.len()..];
            if rest.trim_start().starts_with("mod ") || rest.trim_start().starts_with("pub mod ") {
                return &text[..at];
            }
        }
        at += line.len();
    }
    text
}

/// The top-level modules a piece of source names through `crate::`.
fn named_modules(text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `use crate::{a::X, b}`: every path in the group.
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name: String = part.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if modules.contains(&name) {
                    found.insert(name);
                }
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if modules.contains(&name) {
                found.insert(name);
            }
        }
    }
    found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = BTreeSet::new();
    for entry in std::fs::read_dir(&src).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name != "lib" && name != "main" && (path.is_dir() || path.extension().is_some_and(|e| e == "rs")) {
            modules.insert(name);
        }
    }
    let mut graph = BTreeMap::new();
    for module in &modules {
        let mut files = Vec::new();
        let dir = src.join(module);
        if dir.is_dir() {
            rust_files(&dir, &mut files);
        } else {
            files.push(src.join(format!("{module}.rs")));
        }
        let mut uses = BTreeSet::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            uses.extend(named_modules(without_tests(&text), &modules));
        }
        uses.remove(module);
        graph.insert(module.clone(), uses);
    }
    graph
}

/// A cycle through `from`, if there is one: the modules in order, ending where it started.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|p| p == node) {
            let mut found = path[start..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(found) = visit(node, graph, &mut Vec::new(), &mut done) {
            return Some(found);
        }
    }
    None
}

#[test]
fn the_checker_finds_a_cycle_and_reads_grouped_uses() {
    let modules: BTreeSet<String> = ["a", "b", "c"].map(String::from).into();
    assert_eq!(named_modules("use crate::{a::X, b};\nlet x = crate::c::f();", &modules), modules);
    assert_eq!(without_tests("fn f() {}\n#[cfg(test)]\nmod tests {\n use crate::b;\n}\n"), "fn f() {}\n");
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.insert("a".into(), ["b".to_string()].into());
    g.insert("b".into(), ["c".to_string()].into());
    g.insert("c".into(), BTreeSet::new());
    assert_eq!(cycle(&g), None);
    g.insert("c".into(), ["a".to_string()].into());
    assert_eq!(cycle(&g), Some(["a", "b", "c", "a"].map(String::from).to_vec()));
}

#[test]
fn no_cycle_between_top_level_modules() {
    let graph = graph();
    assert!(graph.len() >= 15, "every top-level module was read: {:?}", graph.keys());
    if let Some(found) = cycle(&graph) {
        panic!("the modules use each other in a loop: {}\nthe whole graph: {graph:#?}", found.join(" -> "));
    }
}

#[test]
fn no_core_module_uses_a_front_end_and_front_ends_use_no_other_front_end() {
    let graph = graph();
    for (module, uses) in &graph {
        for front in FRONT_ENDS {
            if uses.contains(*front) {
                // plain mode is its own front end; the commands may start the interface or plain mode.
                let allowed = *module == "cli" && (*front == "tui" || *front == "plain");
                assert!(allowed, "{module} uses the front end {front}");
            }
        }
    }
}

/// The layers inside `assessment/`, lowest first, and which of the others each may use.
const ASSESSMENT_LAYERS: &[(&str, &[&str])] =
    &[("model", &[]), ("store", &["model"]), ("interview", &["model", "store"])];

/// Which layer each name re-exported at `crate::assessment::` comes from, read from `assessment/mod.rs`.
fn assessment_reexports(mod_rs: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for line in mod_rs.lines() {
        let Some(path) = line.trim().strip_prefix("pub use ") else { continue };
        let layer: String = path.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        let items = match (path.find('{'), path.rfind('}')) {
            (Some(open), Some(close)) => path[open + 1..close].to_string(),
            _ => path.trim_end_matches(';').rsplit("::").next().unwrap_or("").to_string(),
        };
        for item in items.split(',') {
            let name = item.trim().rsplit(" as ").next().unwrap_or("").trim();
            if !name.is_empty() {
                names.insert(name.to_string(), layer.clone());
            }
        }
    }
    names
}

/// The layers of `assessment/` a piece of source names: `crate::assessment::LAYER`, a layer or a
/// re-exported name inside `crate::assessment::{...}`, and (in a layer's `mod.rs`) `super::LAYER`.
fn named_layers(text: &str, reexports: &BTreeMap<String, String>) -> BTreeSet<String> {
    let layers: BTreeSet<&str> = ASSESSMENT_LAYERS.iter().map(|(l, _)| *l).collect();
    let mut found = BTreeSet::new();
    let mut name_one = |part: &str| {
        let name: String = part.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if layers.contains(name.as_str()) {
            found.insert(name);
        } else if let Some(layer) = reexports.get(&name) {
            found.insert(layer.clone());
        }
    };
    for prefix in ["crate::assessment::", "super::"] {
        for (i, _) in text.match_indices(prefix) {
            let rest = &text[i + prefix.len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let mut depth = 0;
                let mut start = 0;
                for (j, c) in group.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => {
                            name_one(&group[start..j]);
                            break;
                        }
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            name_one(&group[start..j]);
                            start = j + 1;
                        }
                        _ => {}
                    }
                }
            } else if prefix == "super::" {
                // `super::` names a layer only from a layer's own mod.rs; elsewhere it is the layer itself.
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if layers.contains(name.as_str()) {
                    name_one(&name);
                }
            } else {
                name_one(rest);
            }
        }
    }
    found
}

/// Every use of one layer of `assessment/` by another that the rule forbids, as "layer/file uses layer".
fn assessment_violations() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/assessment");
    let reexports = assessment_reexports(&std::fs::read_to_string(dir.join("mod.rs")).unwrap());
    let mut wrong = Vec::new();
    for (layer, allowed) in ASSESSMENT_LAYERS {
        let mut files = Vec::new();
        rust_files(&dir.join(layer), &mut files);
        assert!(!files.is_empty(), "assessment/{layer}/ has files");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let uses = named_layers(without_tests(&text), &reexports);
            for used in uses {
                if used != *layer && !allowed.contains(&used.as_str()) {
                    wrong.push(format!("{} uses assessment::{used}", file.strip_prefix(&dir).unwrap().display()));
                }
            }
        }
    }
    wrong
}

#[test]
fn the_assessment_layer_checker_reads_paths_groups_and_reexports() {
    let reexports = assessment_reexports(
        "pub mod model;\npub use store::session::{Session, SessionError};\npub use model::document::Assessment;\n",
    );
    assert_eq!(reexports.get("Session").map(String::as_str), Some("store"));
    assert_eq!(reexports.get("Assessment").map(String::as_str), Some("model"));
    let set = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(named_layers("use crate::assessment::store::lock::Lock;", &reexports), set(&["store"]));
    assert_eq!(
        named_layers("use crate::assessment::{Assessment, interview::cursor};", &reexports),
        set(&["model", "interview"])
    );
    assert_eq!(named_layers("fn f(s: &crate::assessment::Session) {}", &reexports), set(&["store"]));
    assert_eq!(named_layers("use super::{model::change, answer};", &reexports), set(&["model"]));
    assert_eq!(named_layers("use super::answer::Answer;", &reexports), set(&[]));
}

#[test]
fn assessment_model_uses_no_store_or_interview_and_store_uses_only_the_model() {
    let wrong = assessment_violations();
    assert!(wrong.is_empty(), "model uses neither store nor interview; store uses model only:\n{}", wrong.join("\n"));
}
