//! The consultant's and vendor assessor's commands: the follow-up list, merging respondents' files,
//! what changed between two assessments, vendors side by side, and next year's assessment from this
//! year's (`new --from`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use clap::Subcommand;
use clap_complete::engine::ArgValueCompleter;
use serde::Serialize;
use serde_json::json;

use crate::assessment::interview::carry_over::carry_over;
use crate::assessment::interview::followups::{self, follow_ups};
use crate::assessment::model::conflicts::{open_conflicts, resolve as resolve_conflict};
use crate::assessment::model::merge::{Input, MergeSummary, Prefer, merge};
use crate::assessment::model::observations::Status;
use crate::assessment::{Assessment, Session, Store, describe, store};
use crate::questionnaire::Questionnaire;
use crate::report::changes::{Changes, ScoreChange, changes};
use crate::text::{json_safe, one_line};
use crate::{clock, paths};

#[derive(Debug, Subcommand)]
pub enum ConsultantCommand {
    /// List what the client has to act on: every question flagged for follow-up or answered "don't know",
    /// and every observation not closed, with its owner, due date and status.
    ///
    /// Markdown goes to standard output unless -o names a file. In CSV, a cell that would start a
    /// spreadsheet formula is written with a leading apostrophe, so opening the file runs nothing.
    Followups {
        /// A path, or a name as `soc2-ready list` shows it.
        #[arg(add = ArgValueCompleter::new(super::completions::assessment_names))]
        assessment: String,
        /// md (Markdown), csv or json.
        #[arg(long, value_name = "FORMAT", default_value = "md", value_parser = ["md", "csv", "json"])]
        format: String,
        /// Write the list to this file (replaced atomically) and print its path.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Merge assessments of the same questionnaire (respondents interviewed separately, or a client's
    /// pre-fill and the consultant's session) into a new file.
    ///
    /// Answers that agree are merged with everyone who gave them recorded. Answers that differ are listed
    /// as conflicts: --prefer settles them, and without it they stay open in OUT (unanswered, every
    /// candidate kept) to be resolved one by one in the interface or with `soc2-ready resolve`. A file of
    /// another version of the questionnaire is matched by question id and what does not fit is listed; a
    /// file of an unrelated questionnaire is refused. The first file's organisation and questionnaire are
    /// kept; no input changes.
    Merge {
        /// Two or more assessments: paths, or names as `soc2-ready list` shows them.
        #[arg(required = true, num_args = 2.., value_name = "ASSESSMENT",
            add = ArgValueCompleter::new(super::completions::assessment_names))]
        assessments: Vec<String>,
        /// The merged assessment to write; it must not exist yet.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
        /// Settle conflicts: newest (the answer changed last), A (the first file's), or reviewed (the
        /// answer checked against evidence; left open when none or several differing ones were).
        #[arg(long, value_name = "RULE", value_parser = ["newest", "A", "reviewed"])]
        prefer: Option<String>,
        /// Print what the merge found as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show what changed between two assessments: answers changed, added and removed, the score of each
    /// section, category and AI area, the verdict and the estimate.
    Diff {
        /// The earlier assessment (a path or a name).
        #[arg(add = ArgValueCompleter::new(super::completions::assessment_names))]
        old: String,
        /// The later assessment (a path or a name).
        #[arg(add = ArgValueCompleter::new(super::completions::assessment_names))]
        new: String,
        /// Print a JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Resolve a conflict a merge left open: the chosen file's answer becomes the answer.
    ///
    /// Without QUESTION_ID and CHOICE, list the open conflicts with each file's answer, numbered.
    Resolve {
        /// A path, or a name as `soc2-ready list` shows it.
        #[arg(add = ArgValueCompleter::new(super::completions::assessment_names))]
        assessment: String,
        /// The question whose conflict to resolve.
        #[arg(requires = "choice")]
        question_id: Option<String>,
        /// The answer to keep: its number in the list, or the name of the file it came from.
        choice: Option<String>,
    },
    /// Compare every vendor assessment in the store: risk tier, verdict, completion and score, attestation
    /// and its age, critical findings, when last assessed and when the next review is due; or, with
    /// --matrix, their answers question by question.
    ///
    /// The next review is due 12 months after the last assessment, or 6 months after it when the vendor's
    /// inherent tier is high, its risk is high or critical, or it holds no attestation whose period ended
    /// in the last 12 months. In CSV, a cell that would start a spreadsheet formula is written with a
    /// leading apostrophe.
    Vendors {
        /// Print JSON instead of a table.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV instead of a table.
        #[arg(long)]
        csv: bool,
        /// One row per question, one column per vendor (in the order of their names), each cell the vendor's
        /// answer; in a terminal too narrow for every vendor, the vendors come in blocks of columns.
        #[arg(long)]
        matrix: bool,
    },
    /// Confirm answers carried over from last year (`new --from`) as still true, in bulk: a section's, or
    /// all of them. Prints how many were confirmed and how many are left.
    Confirm {
        /// A path, or a name as `soc2-ready list` shows it.
        #[arg(add = ArgValueCompleter::new(super::completions::assessment_names))]
        assessment: String,
        /// Only this section's (its id, as `soc2-ready show` lists the sections).
        #[arg(long, value_name = "S", required_unless_present = "all", conflicts_with = "all")]
        section: Option<String>,
        /// Every answer still to confirm.
        #[arg(long)]
        all: bool,
    },
    /// Record an observation (a finding) on a question: what was seen, the risk, what to do, who owns it
    /// and by when. It starts open; prints its id.
    Observe {
        /// A path, or a name as `soc2-ready list` shows it.
        #[arg(add = ArgValueCompleter::new(super::completions::assessment_names))]
        assessment: String,
        /// The question it is about.
        question_id: String,
        #[command(flatten)]
        fields: FindingArgs,
        /// Who recorded it.
        #[arg(long, value_name = "NAME", default_value = "")]
        by: String,
    },
    /// List the observations in questionnaire order, with their status (open, remediated, verified,
    /// closed).
    Observations {
        /// A path, or a name as `soc2-ready list` shows it.
        #[arg(add = ArgValueCompleter::new(super::completions::assessment_names))]
        assessment: String,
        /// Only those with this status: open, remediated, verified or closed.
        #[arg(long, value_name = "S", value_parser = super::findings::status_arg)]
        status: Option<Status>,
        /// Print a JSON array, each with its history of status changes.
        #[arg(long)]
        json: bool,
    },
    /// Show one observation with its history; or change what it says, move it to a status (recording who
    /// and when), or delete it. Closed observations leave the follow-ups and the report's open list.
    Observation {
        /// A path, or a name as `soc2-ready list` shows it.
        #[arg(add = ArgValueCompleter::new(super::completions::assessment_names))]
        assessment: String,
        /// The observation's id (`obs-3`), as `soc2-ready observations` lists it.
        id: String,
        /// Move it to open, remediated, verified or closed.
        #[arg(long, value_name = "S", value_parser = super::findings::status_arg)]
        status: Option<Status>,
        #[command(flatten)]
        fields: FindingArgs,
        /// Who changes the status.
        #[arg(long, value_name = "NAME", default_value = "")]
        by: String,
        /// Delete it (recorded by mistake); closing keeps it as history instead.
        #[arg(long)]
        delete: bool,
    },
    /// The agenda for a meeting with one person: the questions to cover with them, in questionnaire order.
    ///
    /// A question is on it when its gap is theirs (`answer --owner`), when it was left to ask them
    /// (`answer --ask`, or the interface's ask key), or when an open finding on it is theirs
    /// (`observe --owner`). Names match whatever their case and spacing.
    Agenda {
        /// A path, or a name as `soc2-ready list` shows it.
        #[arg(add = ArgValueCompleter::new(super::completions::assessment_names))]
        assessment: String,
        /// Who the meeting is with.
        #[arg(long = "for", value_name = "NAME")]
        person: String,
        /// Print a JSON array instead of a list.
        #[arg(long)]
        json: bool,
    },
}

/// What an observation says, as `observe` and `observation` take it.
#[derive(Debug, clap::Args)]
pub struct FindingArgs {
    /// What was seen.
    #[arg(long, value_name = "TEXT")]
    finding: Option<String>,
    /// How much it matters.
    #[arg(long, value_name = "RISK", value_parser = ["low", "medium", "high"])]
    risk: Option<String>,
    /// What to do about it.
    #[arg(long, value_name = "TEXT")]
    recommendation: Option<String>,
    /// Who owns fixing it.
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// When it is due, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    due: Option<String>,
}

impl FindingArgs {
    fn edit(self) -> super::findings::Edit {
        super::findings::Edit {
            finding: self.finding,
            risk: self.risk,
            recommendation: self.recommendation,
            owner: self.owner,
            due: self.due,
        }
    }
}

pub fn run(command: ConsultantCommand) -> Result<ExitCode> {
    match command {
        ConsultantCommand::Followups { assessment, format, output } => followups(&assessment, &format, output),
        ConsultantCommand::Merge { assessments, output, prefer, json } => {
            merge_files(&assessments, &output, prefer.as_deref(), json)
        }
        ConsultantCommand::Diff { old, new, json } => diff(&old, &new, json),
        ConsultantCommand::Vendors { json, csv, matrix } => {
            let form = if json {
                super::vendors::Form::Json
            } else if csv {
                super::vendors::Form::Csv
            } else {
                super::vendors::Form::Table
            };
            super::vendors::run(form, matrix)
        }
        ConsultantCommand::Resolve { assessment, question_id, choice } => {
            resolve(&assessment, question_id.as_deref().zip(choice.as_deref()))
        }
        ConsultantCommand::Confirm { assessment, section, all: _ } => {
            super::findings::confirm(&assessment, section.as_deref())
        }
        ConsultantCommand::Observe { assessment, question_id, fields, by } => {
            if fields.finding.is_none() {
                bail!("say what was seen with --finding TEXT");
            }
            super::findings::observe(&assessment, &question_id, fields.edit(), &by)
        }
        ConsultantCommand::Observations { assessment, status, json } => {
            super::findings::list(&assessment, status, json)
        }
        ConsultantCommand::Observation { assessment, id, status, fields, by, delete } => {
            super::findings::observation(&assessment, &id, fields.edit(), status, delete, &by)
        }
        ConsultantCommand::Agenda { assessment, person, json } => agenda(&assessment, &person, json),
    }
}

/// `agenda A --for NAME`: the questions to cover with NAME, and why each is there.
fn agenda(arg: &str, person: &str, as_json: bool) -> Result<ExitCode> {
    use crate::assessment::interview::agenda;
    let person = person.trim();
    if person.is_empty() {
        bail!("say who the meeting is with: --for NAME");
    }
    let (_, a) = read(arg)?;
    let items = agenda::for_person(&a, person);
    if as_json {
        print_json(&items);
        return Ok(ExitCode::SUCCESS);
    }
    let who = one_line(person);
    if items.is_empty() {
        let people = agenda::people(&a);
        let named = if people.is_empty() {
            "nobody is named yet".to_string()
        } else {
            format!("named: {}", people.iter().map(|p| one_line(p)).collect::<Vec<_>>().join(", "))
        };
        println!("Nothing to cover with {who}: no question is theirs or left to ask them ({named}).");
        return Ok(ExitCode::SUCCESS);
    }
    let n = items.len();
    println!(
        "Agenda for {who}: {n} question{} ({}, {})",
        if n == 1 { "" } else { "s" },
        one_line(&a.org),
        one_line(&a.questionnaire().title)
    );
    let mut section = "";
    for item in &items {
        if item.section != section {
            section = &item.section;
            println!("\n{}", one_line(section));
        }
        let why: Vec<String> = item
            .why
            .iter()
            .map(|w| match w {
                agenda::Why::Owner if item.due.is_empty() => "owns the gap".to_string(),
                agenda::Why::Owner => format!("owns the gap, due {}", one_line(&item.due)),
                agenda::Why::Ask => "to ask".to_string(),
                agenda::Why::Finding => format!("finding {}", item.findings.join(", ")),
            })
            .collect();
        println!("  {}  {}", one_line(&item.question), one_line(&item.text));
        let answer = if item.answer.is_empty() { "not answered".to_string() } else { one_line(&item.answer) };
        let flag = if item.flagged { " · flagged" } else { "" };
        println!("      {answer}{flag} · {}", why.join(" · "));
    }
    Ok(ExitCode::SUCCESS)
}

fn print_json(value: &impl Serialize) {
    let text = serde_json::to_string_pretty(value).expect("output always serialises");
    println!("{}", json_safe(text));
}

fn store_for_reading() -> Store {
    Store::new(paths::store_dir().unwrap_or_default())
}

fn read(arg: &str) -> Result<(PathBuf, Assessment)> {
    let path = store_for_reading().resolve(arg);
    let a = store::read(&path)?;
    Ok((path, a))
}

fn shown(path: &Path) -> String {
    one_line(&path.display().to_string())
}

fn write_or_print(text: &str, output: Option<&Path>) -> Result<ExitCode> {
    match output {
        Some(out) => {
            // Never over an assessment, a folder or a device: only a new or ordinary file.
            crate::output_file::check(out, &[])?;
            store::write_private(out, text.as_bytes())
                .with_context(|| format!("{}: cannot write the list", shown(out)))?;
            println!("{}", shown(out));
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

// ---- followups ----

fn followups(assessment: &str, format: &str, output: Option<PathBuf>) -> Result<ExitCode> {
    let (_, a) = read(assessment)?;
    let list = follow_ups(&a);
    let text = match format {
        "csv" => followups::to_csv(&list),
        "json" => {
            let value = json!({
                "org": a.org,
                "questionnaire": a.questionnaire.id,
                "count": list.len(),
                "follow_ups": list,
            });
            json_safe(serde_json::to_string_pretty(&value)?) + "\n"
        }
        _ => followups::to_markdown(&a, &list),
    };
    write_or_print(&text, output.as_deref())
}

// ---- merge ----

/// Each file's name in lists: its file name without `.json`, or its whole path when two share a name.
fn labels(paths: &[PathBuf]) -> Vec<String> {
    let stem = |p: &PathBuf| p.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    paths
        .iter()
        .map(|p| {
            let name = stem(p);
            if paths.iter().filter(|q| stem(q) == name).count() > 1 { p.display().to_string() } else { name }
        })
        .collect()
}

fn merge_files(args: &[String], output: &Path, prefer: Option<&str>, as_json: bool) -> Result<ExitCode> {
    let prefer = match prefer {
        None => None,
        Some("newest") => Some(Prefer::Newest),
        Some("A") => Some(Prefer::First),
        Some("reviewed") => Some(Prefer::Reviewed),
        Some(other) => bail!("unknown rule `{}`; use newest, A or reviewed", one_line(other)),
    };
    if output.exists() {
        bail!("{} already exists; merge writes a new file and never replaces one, so choose another", shown(output));
    }
    let mut files = Vec::new();
    for arg in args {
        files.push(read(arg)?);
    }
    let names = labels(&files.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>());
    let inputs: Vec<Input> =
        files.into_iter().zip(names).map(|((_, assessment), label)| Input { label, assessment }).collect();
    let now = clock::now();
    let merged = merge(&inputs, prefer, &now)?;
    Session::create(output, merged.assessment.clone(), &now)?;
    if as_json {
        let mut value = serde_json::to_value(&merged.summary)?;
        value["output"] = json!(output);
        value["open_conflicts"] = json!(merged.summary.open_conflicts());
        value["prefer"] = json!(prefer.map(Prefer::id));
        print_json(&value);
    } else {
        print_merge(&merged.summary, output, prefer);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_merge(s: &MergeSummary, output: &Path, prefer: Option<Prefer>) {
    println!("Merged {} into {}", s.files.iter().map(|f| one_line(f)).collect::<Vec<_>>().join(", "), shown(output));
    let open = s.open_conflicts();
    let settled = s.conflicts.len() - open;
    println!(
        "  {} questions answered, {} agreed between files, {} conflict{} ({} settled{}, {} left open)",
        s.answered,
        s.agreed.len(),
        s.conflicts.len(),
        if s.conflicts.len() == 1 { "" } else { "s" },
        settled,
        prefer.map(|p| format!(" by --prefer {}", p.id())).unwrap_or_default(),
        open
    );
    for a in &s.agreed {
        println!("  agreed  {}  ({})", one_line(&a.question), one_line(&a.by.join(", ")));
    }
    if !s.conflicts.is_empty() {
        println!("\nConflicts:");
        for c in &s.conflicts {
            let status = match (&c.kept, &c.left_open) {
                (Some(_), _) => "settled".to_string(),
                (None, Some(why)) => one_line(why),
                (None, None) => "open".to_string(),
            };
            println!("  {}  {}  [{status}]", one_line(&c.question), one_line(&c.text));
            for x in &c.answers {
                let by = if x.by.is_empty() { String::new() } else { format!("{}, ", one_line(&x.by)) };
                let reviewed = if x.reviewed { ", reviewed" } else { "" };
                let kept = if c.kept.as_deref() == Some(x.from.as_str()) { "   <- kept" } else { "" };
                println!(
                    "    {} ({by}{}{reviewed}): {}{kept}",
                    one_line(&x.from),
                    crate::clock::shown(&x.updated_at),
                    one_line(&x.answer)
                );
            }
        }
        if open > 0 {
            println!(
                "\nOpen conflicts are unanswered in {} until resolved: resolve them one by one in the interface \
                 (`soc2-ready open`) or with `soc2-ready resolve {}`, or merge again with --prefer newest, A or reviewed.",
                shown(output),
                shown(output)
            );
        }
    }
    if s.mapped_by_question_id {
        println!("\nThe files answer different questionnaires or versions; answers were matched by question id.");
    }
    if !s.unmatched.is_empty() {
        println!("\nNot merged ({}):", s.unmatched.len());
        for u in &s.unmatched {
            println!("  {} {}: {}", one_line(&u.from), one_line(&u.question), one_line(&u.why));
        }
    }
}

// ---- resolve ----

fn resolve(assessment: &str, pick: Option<(&str, &str)>) -> Result<ExitCode> {
    let path = store_for_reading().resolve(assessment);
    let Some((question, choice)) = pick else {
        let a = store::read(&path)?;
        let open = open_conflicts(&a);
        if open.is_empty() {
            println!("No open conflicts in {}.", shown(&path));
        }
        for c in open {
            let q = a.questionnaire().question(&c.question).map(|(_, q)| q);
            println!("{}  {}", one_line(&c.question), q.map_or(String::new(), |q| one_line(&q.text)));
            for (i, x) in c.candidates.iter().enumerate() {
                let value = match (q, &x.answer.value) {
                    (Some(q), Some(v)) => describe(q, v),
                    _ => "(no answer)".to_string(),
                };
                println!("  {}. {}: {}", i + 1, one_line(&x.from), one_line(&value));
            }
        }
        return Ok(ExitCode::SUCCESS);
    };
    let now = clock::now();
    let mut session = Session::open(&path, &now)?;
    let conflict = session.assessment.conflicts.iter().find(|c| c.question == question).ok_or_else(|| {
        anyhow!(
            "{}: question `{}` has no open conflict; run `soc2-ready resolve {}` to list them",
            shown(&path),
            one_line(question),
            one_line(assessment)
        )
    })?;
    let index = match choice.parse::<usize>() {
        Ok(n) if n >= 1 => n - 1,
        _ => conflict.candidates.iter().position(|x| x.from == choice).ok_or_else(|| {
            let names: Vec<String> = conflict.candidates.iter().map(|x| one_line(&x.from)).collect();
            anyhow!(
                "`{}` is neither a number from 1 to {} nor one of the files: {}",
                one_line(choice),
                conflict.candidates.len(),
                names.join(", ")
            )
        })?,
    };
    let from = conflict.candidates.get(index).map(|x| x.from.clone()).unwrap_or_default();
    resolve_conflict(&mut session.assessment, question, index, &now).map_err(|e| anyhow!("{}: {e}", shown(&path)))?;
    session.save()?;
    let left = session.assessment.conflicts.len();
    println!(
        "{}: {} takes {}'s answer; {left} conflict{} left",
        shown(&path),
        one_line(question),
        one_line(&from),
        if left == 1 { "" } else { "s" }
    );
    Ok(ExitCode::SUCCESS)
}

// ---- diff ----

fn diff(old: &str, new: &str, as_json: bool) -> Result<ExitCode> {
    let (old_path, a) = read(old)?;
    let (new_path, b) = read(new)?;
    // Answers, scores and verdicts of different kinds of questionnaire do not compare (merge refuses them too).
    let kind = |a: &Assessment| match a.questionnaire().kind {
        crate::questionnaire::Kind::Readiness => "a readiness assessment",
        crate::questionnaire::Kind::Vendor => "a vendor assessment",
        crate::questionnaire::Kind::Custom => "an assessment of a custom questionnaire",
        crate::questionnaire::Kind::Customer => "a customer questionnaire",
    };
    // A custom questionnaire may be one's own readiness questionnaire: those two compare.
    let family = |a: &Assessment| match a.questionnaire().kind {
        crate::questionnaire::Kind::Custom => crate::questionnaire::Kind::Readiness,
        k => k,
    };
    if family(&a) != family(&b) {
        bail!(
            "{} is {} and {} {}: diff compares two assessments of one questionnaire, such as last year's and this \
             year's",
            shown(&old_path),
            kind(&a),
            shown(&new_path),
            kind(&b)
        );
    }
    let params = crate::estimate::Parameters::load(paths::config_dir().as_deref())?;
    let c = changes(&a, &b, &params, clock::today());
    if as_json {
        print_json(&c);
    } else {
        print!("{}", diff_text(&c));
    }
    Ok(ExitCode::SUCCESS)
}

fn score_pair(t1: Option<f64>, t2: Option<f64>) -> String {
    match (t1, t2) {
        (Some(a), Some(b)) => format!("{a:.1} / {b:.1}"),
        _ => "—".to_string(),
    }
}

fn signed(x: f64) -> String {
    if x > 0.0 { format!("+{x:.1}") } else { format!("{x:.1}") }
}

fn score_line(s: &ScoreChange) -> String {
    let delta = match (s.type1_delta(), s.type2_delta()) {
        (Some(a), Some(b)) if a == 0.0 && b == 0.0 => "  (no change)".to_string(),
        (Some(a), Some(b)) => format!("  ({} / {})", signed(a), signed(b)),
        _ => String::new(),
    };
    format!(
        "  {:<40} {:>13}  ->  {:<13}{delta}\n",
        one_line(&s.name),
        score_pair(s.old_type1, s.old_type2),
        score_pair(s.new_type1, s.new_type2)
    )
}

fn range(x: [f64; 2]) -> String {
    let n = |v: f64| crate::assessment::model::answer::format_number((v * 10.0).round() / 10.0);
    format!("{}-{}", n(x[0]), n(x[1]))
}

fn money_range(x: [f64; 2]) -> String {
    format!("{}-{}", crate::estimate::money(x[0]), crate::estimate::money(x[1]))
}

pub fn diff_text(c: &Changes) -> String {
    let mut out = String::new();
    let side = |s: &crate::report::changes::Side| {
        let carried = match s.carried {
            0 => String::new(),
            n => format!(", {n} carried over from last year still to confirm (scored as carried)"),
        };
        format!(
            "{} ({} {}, updated {}): {} of {} questions answered{carried}",
            one_line(&s.org),
            s.questionnaire,
            one_line(&s.version),
            crate::clock::shown(&s.updated_at),
            s.answered,
            s.shown
        )
    };
    out.push_str(&format!("Old: {}\nNew: {}\n\n", side(&c.old), side(&c.new)));
    let count = |kind: &str| c.answers.iter().filter(|x| x.change == kind).count();
    out.push_str(&format!(
        "Answers: {} changed, {} added, {} removed\n",
        count("changed"),
        count("added"),
        count("removed")
    ));
    for x in &c.answers {
        out.push_str(&format!("  {:<8} {}  {}\n", x.change, one_line(&x.question), one_line(&x.text)));
        out.push_str(&format!(
            "           {} -> {}\n",
            x.old.as_deref().map_or("(unanswered)".to_string(), one_line),
            x.new.as_deref().map_or("(unanswered)".to_string(), one_line)
        ));
    }
    out.push_str("\nScores, Type I / Type II (old -> new):\n");
    out.push_str(&score_line(&c.overall));
    for (title, list) in [("section", &c.sections), ("category", &c.categories), ("AI area", &c.ai_areas)] {
        let changed: Vec<&ScoreChange> = list.iter().filter(|s| !s.is_unchanged()).collect();
        let same = list.len() - changed.len();
        out.push_str(&format!("By {title}: {} changed, {same} unchanged\n", changed.len()));
        for s in changed {
            out.push_str(&score_line(s));
        }
    }
    let [v_old, v_new] = &c.verdict;
    if v_old == v_new {
        out.push_str(&format!("\nVerdict: {v_old} (unchanged)\n"));
    } else {
        out.push_str(&format!("\nVerdict: {v_old} -> {v_new}\n"));
    }
    if let Some([e_old, e_new]) = &c.estimate {
        out.push_str(&format!(
            "Estimate: remaining work {} -> {} person-days; Type II report in {} -> {} months; cost {} -> {} {}\n",
            range(e_old.remaining_days),
            range(e_new.remaining_days),
            range(e_old.type2_months),
            range(e_new.type2_months),
            money_range(e_old.cost),
            money_range(e_new.cost),
            one_line(&e_new.currency)
        ));
    }
    out
}

// ---- new --from ----

/// Next year's assessment of `questionnaire` for `org`, carried over from the assessment at `from`; what
/// was carried over is reported on stderr, so stdout keeps only the new file's path.
pub fn carried_over(from: &str, questionnaire: Questionnaire, org: &str, now: &str) -> Result<Assessment> {
    let (path, last) = read(from).context("cannot read last year's assessment (--from)")?;
    if last.questionnaire.id != questionnaire.id {
        // Nothing would carry over (no question ids in common), and the comparison with last year would be
        // between different questionnaires: say so instead of making an empty start that looks carried over.
        bail!(
            "{} answers the questionnaire `{}`, not `{}`; --from needs last year's assessment of the same \
             questionnaire",
            shown(&path),
            one_line(&last.questionnaire.id),
            one_line(&questionnaire.id)
        );
    }
    let (next, summary) = carry_over(&last, questionnaire, org, now);
    let history = match summary.closed_observations {
        0 => String::new(),
        n => format!(" (and {n} closed, as history)"),
    };
    eprintln!(
        "Carried over {} answer{} to confirm and {} open observation{}{history} from {}.",
        summary.answers,
        if summary.answers == 1 { "" } else { "s" },
        summary.observations,
        if summary.observations == 1 { "" } else { "s" },
        shown(&path)
    );
    for (question, why) in &summary.dropped {
        eprintln!("  not carried over: {}: {}", one_line(question), one_line(why));
    }
    Ok(next)
}
