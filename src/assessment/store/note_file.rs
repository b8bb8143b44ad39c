//! The full text of a note too long to keep in the assessment: `FILE.note-QUESTION.txt` beside it. It is
//! one of the assessment's companion files (see `manage`): it moves with `rename`, goes to the trash with
//! `delete` and comes back with `restore`, is removed by `--purge`, and a name with one left beside it is
//! not given to a new assessment. It is never written over unless the assessment's note points to it.

use std::path::{Path, PathBuf};

/// How the name of a note's file starts after the assessment's own name, and how it ends.
const INFIX: &str = ".note-";
const SUFFIX: &str = ".txt";

/// `FILE.note-QUESTION.txt`, the question id kept to letters, digits, `.`, `_` and `-`.
pub fn note_path(assessment: &Path, question: &str) -> PathBuf {
    note_path_numbered(assessment, question, 1)
}

fn note_path_numbered(assessment: &Path, question: &str, n: u32) -> PathBuf {
    let id: String =
        question.chars().map(|c| if c.is_ascii_alphanumeric() || "._-".contains(c) { c } else { '_' }).collect();
    let name = assessment.file_name().unwrap_or_default().to_string_lossy();
    let counter = if n == 1 { String::new() } else { format!("-{n}") };
    assessment.with_file_name(format!("{name}{INFIX}{id}{counter}{SUFFIX}"))
}

/// Where to keep the full text of the note to `question`: `FILE.note-QUESTION.txt` when it is free or is
/// the file the saved note (`saved_note`) already points to; otherwise the first free
/// `FILE.note-QUESTION-N.txt`, so a file left by another assessment of the same name is never replaced.
pub fn note_path_for(assessment: &Path, question: &str, saved_note: &str) -> PathBuf {
    let mut n = 1;
    loop {
        let path = note_path_numbered(assessment, question, n);
        let mine = saved_note.contains(&path.display().to_string());
        if mine || path.symlink_metadata().is_err() || n >= 1000 {
            return path;
        }
        n += 1;
    }
}

/// The endings (after `FILE`) of the note files beside the assessment at `path`: `.note-QUESTION.txt`.
pub fn note_suffixes(path: &Path) -> Vec<String> {
    let (Some(name), dir) = (path.file_name(), path.parent()) else { return Vec::new() };
    let dir = match dir {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let prefix = format!("{}{INFIX}", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<String> = entries
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|f| f.starts_with(&prefix) && f.ends_with(SUFFIX))
        .filter_map(|f| f.strip_prefix(name.to_string_lossy().as_ref()).map(str::to_string))
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_file_of_another_assessment_is_never_chosen() {
        let dir = tempfile::TempDir::new().unwrap();
        let a = dir.path().join("acme.json");
        let first = note_path(&a, "a.mfa");
        assert_eq!(first.file_name().unwrap(), "acme.json.note-a.mfa.txt");
        assert_eq!(note_path(&a, "a/b c").file_name().unwrap(), "acme.json.note-a_b_c.txt");
        assert_eq!(note_path_for(&a, "a.mfa", ""), first, "free");
        std::fs::write(&first, "someone else's").unwrap();
        let second = note_path_for(&a, "a.mfa", "short note");
        assert_eq!(second.file_name().unwrap(), "acme.json.note-a.mfa-2.txt");
        let pointing = format!("cut\n[… cut: the full note is in {}]", first.display());
        assert_eq!(note_path_for(&a, "a.mfa", &pointing), first, "its own file is written again");
        std::fs::write(dir.path().join("acme.json.bak"), "").unwrap();
        std::fs::write(dir.path().join("acme.json.note-x-2.txt"), "").unwrap();
        std::fs::write(dir.path().join("acme-2.json.note-x.txt"), "").unwrap();
        assert_eq!(note_suffixes(&a), [".note-a.mfa.txt", ".note-x-2.txt"]);
    }
}
