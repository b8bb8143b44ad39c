//! `soc2-ready merge-driver %O %A %B`: git's merge driver for assessment files. It merges the two
//! branches' answers with their common ancestor's and writes the result over %A, recording answers the
//! branches gave differently as open conflicts (as `merge` does); it exits 0 when nothing is left open.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};

use crate::assessment::model::merge::Input;
use crate::assessment::model::three_way::{ThreeWay, merge_with_ancestor};
use crate::assessment::{Assessment, model::limits, store};
use crate::clock;
use crate::text::one_line;

/// The name git's configuration gives the driver (`merge.soc2-ready.driver`).
pub const DRIVER: &str = "soc2-ready";

#[derive(Debug, clap::Args)]
pub struct MergeDriverArgs {
    /// The common ancestor's copy (git's %O; an empty file when both branches added the file).
    pub ancestor: PathBuf,
    /// This branch's copy (git's %A): replaced by the merged assessment when the merge succeeds.
    pub ours: PathBuf,
    /// The other branch's copy (git's %B).
    pub theirs: PathBuf,
    /// The file's path in the repository (git's %P), for messages.
    #[arg(long, value_name = "PATH")]
    pub path: Option<String>,
    /// The name this branch's answers go by in a conflict.
    #[arg(long = "ours-name", value_name = "NAME", default_value = "ours")]
    pub ours_name: String,
    /// The name the other branch's answers go by in a conflict.
    #[arg(long = "theirs-name", value_name = "NAME", default_value = "theirs")]
    pub theirs_name: String,
}

/// The exit code when the merge was written but left something for a person (git then marks the file
/// as conflicted until it is added).
pub const LEFT_OPEN: u8 = 1;

pub fn run(args: MergeDriverArgs) -> Result<ExitCode> {
    let shown = args.path.as_deref().map_or_else(|| one_line(&args.ours.display().to_string()), one_line);
    let read = |which: &str, path: &Path| -> Result<Assessment> {
        store::read(path)
            .map_err(|e| anyhow!("{shown}: cannot merge: the {which} copy cannot be used: {e}; {}", by_hand(&shown)))
    };
    let ancestor = if is_empty(&args.ancestor)? { None } else { Some(read("common ancestor's", &args.ancestor)?) };
    let ours = Input { label: args.ours_name.clone(), assessment: read("this branch's", &args.ours)? };
    let theirs = Input { label: args.theirs_name.clone(), assessment: read("other branch's", &args.theirs)? };
    let now = clock::now();
    let merged = merge_with_ancestor(ancestor.as_ref(), &ours, &theirs, &now)
        .map_err(|e| anyhow!("{shown}: cannot merge: {e}; {}", by_hand(&shown)))?;
    limits::check(&merged.assessment).map_err(|e| anyhow!("{shown}: cannot merge: {e}; {}", by_hand(&shown)))?;
    // Only now is %A replaced: any refusal above leaves this branch's copy as it was.
    store::write_private(&args.ours, &store::to_bytes(&merged.assessment))
        .with_context(|| format!("{shown}: cannot write the merged assessment"))?;
    report(&shown, &merged);
    Ok(if merged.needs_a_person() { ExitCode::from(LEFT_OPEN) } else { ExitCode::SUCCESS })
}

/// Whether git gave an empty ancestor (the file was added on both branches).
fn is_empty(path: &Path) -> Result<bool> {
    let meta = std::fs::metadata(path).with_context(|| {
        format!("{}: cannot read the common ancestor's copy", one_line(&path.display().to_string()))
    })?;
    Ok(meta.len() == 0)
}

fn by_hand(shown: &str) -> String {
    format!(
        "this branch's copy is left as it was; merge by hand with `git show :2:{shown} > ours.json`, \
         `git show :3:{shown} > theirs.json` and `soc2-ready merge ours.json theirs.json -o merged.json`"
    )
}

/// What git shows the person merging: one line when clean, and what is left open otherwise.
fn report(shown: &str, m: &ThreeWay) {
    let open = m.summary.open_conflicts();
    if !m.needs_a_person() {
        println!("soc2-ready: {shown}: merged, {} questions answered", m.summary.answered);
        return;
    }
    if open > 0 {
        let questions: Vec<String> =
            m.summary.conflicts.iter().filter(|c| c.kept.is_none()).map(|c| one_line(&c.question)).collect();
        eprintln!(
            "soc2-ready: {shown}: {open} question{} answered differently on both branches, left open: {}",
            if open == 1 { "" } else { "s" },
            questions.join(", ")
        );
        eprintln!(
            "  resolve in the interface (`soc2-ready open {shown}`) or with `soc2-ready resolve {shown}`, \
             then `git add {shown}`"
        );
    }
    for (ours, theirs) in &m.observations_kept_twice {
        eprintln!(
            "soc2-ready: {shown}: observation {ours} was changed on both branches; both are kept ({ours} and \
             {theirs}): delete the one not wanted with `soc2-ready observation {shown} ID --delete`, then \
             `git add {shown}`"
        );
    }
}

/// The lines to add to a repository, as `soc2-ready config --git` prints them.
pub fn git_setup() -> String {
    format!(
        "# .gitattributes (in the repository, committed): assessments merge with soc2-ready\n\
         *.json merge={DRIVER}\n\
         \n\
         # git configuration (in each clone; add --global for every repository)\n\
         git config merge.{DRIVER}.name \"soc2-ready assessments: merge answers with the common ancestor\"\n\
         git config merge.{DRIVER}.driver \"soc2-ready merge-driver %O %A %B --path %P\"\n\
         \n\
         # .gitignore: what soc2-ready keeps beside an assessment while it is open\n\
         *.lock\n\
         *.journal\n\
         *.bak\n\
         # and the store's listing cache, rebuilt from the files on each machine\n\
         .headlines.json\n"
    )
}
