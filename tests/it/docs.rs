//! The manual's links: every relative link and anchor in README.md, docs/*.md and the top-level guides
//! (ARCHITECTURE.md, CONTRIBUTING.md, CHANGELOG.md) leads somewhere. The manual was split out of the README
//! into docs/ (issue 19); a section that moves without its links leaves readers at a dead end.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The pages whose links are checked: README.md, every docs/*.md, and the guides beside the README.
fn pages() -> Vec<PathBuf> {
    let mut pages = vec![root().join("README.md")];
    for guide in ["ARCHITECTURE.md", "CONTRIBUTING.md", "CHANGELOG.md"] {
        if root().join(guide).is_file() {
            pages.push(root().join(guide));
        }
    }
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/ holds the manual")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    assert!(docs.len() >= 7, "docs/ should hold the manual's pages, found {docs:?}");
    pages.extend(docs);
    pages
}

/// Text outside fenced code blocks, with inline code spans blanked, one entry per line.
fn prose_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            out.push(String::new());
            continue;
        }
        out.push(if fenced { String::new() } else { without_code_spans(line) });
    }
    out
}

/// A line with its code spans (a run of backticks up to the same run) removed.
fn without_code_spans(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '`' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|c| **c == '`').count();
        let mut j = i + run;
        let mut closed = None;
        while j < chars.len() {
            if chars[j] == '`' {
                let r = chars[j..].iter().take_while(|c| **c == '`').count();
                if r == run {
                    closed = Some(j + r);
                    break;
                }
                j += r;
            } else {
                j += 1;
            }
        }
        match closed {
            Some(end) => i = end,
            None => {
                out.extend(&chars[i..i + run]);
                i += run;
            }
        }
    }
    out
}

/// The targets of inline links `[text](target)` in a page, with their line numbers.
fn links(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in prose_lines(text).iter().enumerate() {
        let mut rest = line.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            match after.find(')') {
                Some(end) => {
                    found.push((n + 1, after[..end].trim().to_string()));
                    rest = &after[end..];
                }
                None => break,
            }
        }
    }
    found
}

/// GitHub's anchor for a heading: lower case, punctuation other than `-` and `_` dropped, spaces as `-`.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Every anchor a page's headings make (a repeated heading gets `-1`, `-2`, ... as on GitHub).
fn anchors(text: &str) -> HashSet<String> {
    let mut seen = HashSet::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced || !line.starts_with('#') {
            continue;
        }
        let heading = line.trim_start_matches('#');
        if !heading.starts_with(' ') {
            continue;
        }
        let base = slug(&heading.replace('`', ""));
        let mut anchor = base.clone();
        let mut n = 0;
        while seen.contains(&anchor) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        seen.insert(anchor);
    }
    seen
}

/// What is wrong with a page's relative links, one line each, naming the page, line and target.
fn broken_links(page: &Path, text: &str) -> Vec<String> {
    let mut broken = Vec::new();
    let dir = page.parent().unwrap();
    for (line, target) in links(text) {
        if target.contains("://") || target.starts_with("mailto:") {
            continue;
        }
        let (file, anchor) = match target.split_once('#') {
            Some((f, a)) => (f, Some(a)),
            None => (target.as_str(), None),
        };
        let where_ = format!("{}:{line}: ({target})", page.display());
        let linked_text = if file.is_empty() {
            text.to_string()
        } else {
            let linked = dir.join(file);
            if !linked.exists() {
                broken.push(format!("{where_}: no such file {}", linked.display()));
                continue;
            }
            match anchor {
                None => continue,
                Some(_) => match std::fs::read_to_string(&linked) {
                    Ok(t) => t,
                    Err(_) => {
                        broken.push(format!("{where_}: an anchor into something that is not a text file"));
                        continue;
                    }
                },
            }
        };
        if let Some(anchor) = anchor
            && !anchors(&linked_text).contains(anchor)
        {
            broken.push(format!("{where_}: no heading makes the anchor #{anchor}"));
        }
    }
    broken
}

#[test]
fn every_relative_link_and_anchor_in_the_manual_resolves() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        checked += links(&text).len();
        broken.extend(broken_links(&page, &text));
    }
    assert!(checked > 20, "only {checked} links found: the link finder is not reading the pages");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_link_check_finds_a_missing_file_a_missing_anchor_and_skips_code() {
    let page = root().join("docs/example.md");
    let text = "# A page\n\n## Plain mode (screen readers)\n\n\
        [ok](#plain-mode-screen-readers) [ok](keys.md#your-own-keys) [ok](../README.md)\n\
        [gone](nowhere.md) [gone](#plain-mode) [gone](keys.md#no-such-key)\n\
        `[code](skipped.md)` and ``a ` [code](skipped.md) span``\n\
        ```\n[fenced](skipped.md)\n```\n";
    let broken = broken_links(&page, text);
    assert_eq!(broken.len(), 3, "{broken:#?}");
    assert!(broken[0].contains("docs/example.md:6: (nowhere.md): no such file"), "{}", broken[0]);
    assert!(broken[1].contains("(#plain-mode): no heading makes the anchor #plain-mode"), "{}", broken[1]);
    assert!(broken[2].contains("(keys.md#no-such-key)"), "{}", broken[2]);
}

#[test]
fn anchors_are_made_as_github_makes_them() {
    let made =
        anchors("# soc2-ready\n## Plain mode (screen readers)\n## `FILE.journal` and the lock\n## Keys\n## Keys\n");
    for anchor in ["soc2-ready", "plain-mode-screen-readers", "filejournal-and-the-lock", "keys", "keys-1"] {
        assert!(made.contains(anchor), "{anchor} not in {made:?}");
    }
}
