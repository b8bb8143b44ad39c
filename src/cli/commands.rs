//! What each command does, over the core.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use serde::Serialize;
use serde_json::json;

use super::{Cli, Command};
use crate::assessment::store::Listed;
use crate::assessment::store::last_change;
use crate::assessment::{
    AnswerDetails, Assessment, Change, ChangeError, Session, SessionError, Store, Visibility, describe,
    interview::sample, progress, store,
};
use crate::questionnaire::{Source, Summary, catalog, load_file};
use crate::report::whatif::WhatIfError;
use crate::text::{json_safe, one_line};
use crate::{clock, paths, spreadsheet};

pub fn run(cli: Cli) -> Result<ExitCode> {
    // Copies a killed write left in the store (a save, a library update) go before anything else runs.
    if let Some(dir) = paths::store_dir() {
        store::remove_dead_temporaries(&dir, None);
    }
    match cli.command {
        None => super::front_end::home(open_store()?, cli.plain),
        Some(Command::Questionnaires { json }) => questionnaires(json),
        Some(Command::Validate { file, json }) => validate(&file, json),
        Some(Command::New { questionnaire, out, no_open, plain, sample: true, .. }) => {
            new_sample(questionnaire.as_deref(), out, no_open, cli.plain || plain)
        }
        Some(Command::New { questionnaire, org, out, no_open, from, plain, sample: false }) => {
            // clap requires both without --sample.
            let (Some(questionnaire), Some(org)) = (questionnaire, org) else {
                bail!("name a questionnaire and the organisation (--org), or make a sample with --sample")
            };
            new(&questionnaire, &org, out, no_open, from.as_deref(), cli.plain || plain)
        }
        Some(Command::Open { assessment, plain }) => {
            let store = open_store()?;
            let path = store.resolve(&assessment);
            let session = Session::open(&path, &clock::now())?;
            super::front_end::open(store, session, cli.plain || plain)
        }
        Some(Command::List { json }) => list(json),
        Some(Command::Answer {
            assessment,
            question_id,
            value,
            clear,
            note,
            comment,
            field,
            evidence,
            by,
            wait,
            owner,
            due,
            ask,
        }) => {
            let details =
                AnswerDetails { note, evidence: (!evidence.is_empty()).then_some(evidence), by, source: None };
            let plan = super::report_flags::Plan::parse(owner, due)?;
            let patience = Duration::from_secs(wait);
            let fields: Vec<(String, String)> =
                field.chunks(2).map(|p| (p[0].clone(), p.get(1).cloned().unwrap_or_default())).collect();
            if let (None, false, Some(name), None, true) = (&value, clear, &ask, &comment, fields.is_empty()) {
                return ask_only(&assessment, &question_id, name, patience);
            }
            let given = Given { clear, value: if clear { None } else { value }, comment, fields };
            answer(&assessment, &question_id, &given, &details, patience, &plan)?;
            match ask {
                Some(name) => ask_only(&assessment, &question_id, &name, Duration::ZERO),
                None => Ok(ExitCode::SUCCESS),
            }
        }
        Some(Command::Show { assessment, json }) => show(&assessment, json),
        Some(Command::Consultant(command)) => super::consultant::run(command),
        Some(Command::Import(args)) => super::exchange::import(args, cli.plain),
        Some(Command::Export(args)) => super::exchange::export(args),
        Some(Command::ExportQuestionnaire(args)) => super::exchange::export_questionnaire(args),
        Some(Command::Fill(args)) => super::exchange::fill(args),
        Some(Command::Library(cmd)) => super::exchange::library_command(cmd),
        Some(Command::Approve(args)) => super::exchange::approve(args),
        Some(Command::Mark(args)) => super::exchange::mark(args),
        Some(Command::Manage(command)) => super::manage::run(command),
        Some(Command::Search(args)) => super::search::run(args),
        Some(Command::Report { assessment, format, set, output, template }) => {
            report(&assessment, format.as_deref(), &set, output.as_deref(), template.as_deref())
        }
        Some(Command::Completions { shell }) => super::completions::print_script(&shell),
        Some(Command::Man) => super::manual::print(),
        Some(Command::Config { json, git }) => super::config::run(json, git),
        Some(Command::MergeDriver(args)) => super::merge_driver::run(args),
    }
}

fn print_json(value: &impl Serialize) {
    let text = serde_json::to_string_pretty(value).expect("output always serialises");
    println!("{}", json_safe(text));
}

fn open_store() -> Result<Store> {
    let dir = paths::store_dir()
        .ok_or_else(|| anyhow!("cannot find a home directory for the store; set {} to a folder", paths::HOME_VAR))?;
    store::ensure_private_dir(&dir)?;
    Ok(Store::new(dir))
}

/// The store's folder, without creating it (for commands that only read).
fn store_for_reading() -> Store {
    Store::new(paths::store_dir().unwrap_or_default())
}

fn questionnaires(as_json: bool) -> Result<ExitCode> {
    let user_dir = paths::user_questionnaires_dir();
    let (entries, errors) = catalog::all(user_dir.as_deref());
    for e in &errors {
        eprintln!("soc2-ready: skipped {}", one_line(&e.to_string()));
    }
    if as_json {
        let rows: Vec<_> = entries
            .iter()
            .map(|e| {
                let q = &e.questionnaire;
                json!({
                    "id": q.id,
                    "version": q.version,
                    "title": q.title,
                    "kind": q.kind.as_str(),
                    "questions": q.question_count(),
                    "source": match &e.source { Source::BuiltIn => "built-in".to_string(), Source::User(p) => p.display().to_string() },
                })
            })
            .collect();
        print_json(&rows);
        return Ok(ExitCode::SUCCESS);
    }
    println!("{:<26} {:<9} {:<10} {:>9}  TITLE", "ID", "VERSION", "KIND", "QUESTIONS");
    for e in &entries {
        let q = &e.questionnaire;
        let origin = match &e.source {
            Source::BuiltIn => "built-in".to_string(),
            Source::User(p) => one_line(&p.display().to_string()),
        };
        println!(
            "{:<26} {:<9} {:<10} {:>9}  {} ({origin})",
            q.id,
            one_line(&q.version),
            q.kind.as_str(),
            q.question_count(),
            one_line(&q.title)
        );
    }
    if let Some(dir) = user_dir {
        println!("\nYour own questionnaires are read from {}", one_line(&dir.display().to_string()));
    }
    Ok(ExitCode::SUCCESS)
}

fn validate(file: &Path, as_json: bool) -> Result<ExitCode> {
    let loaded = if file == Path::new("-") { crate::questionnaire::load::load_stdin() } else { load_file(file) };
    match loaded {
        Ok(q) => {
            let summary = Summary::of(&q);
            if as_json {
                let mut value = serde_json::to_value(&summary)?;
                value["valid"] = json!(true);
                print_json(&value);
            } else {
                print_summary(file, &summary);
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            let lines = e.lines();
            if as_json {
                print_json(&json!({ "valid": false, "errors": lines }));
            } else {
                for line in &lines {
                    eprintln!("{}", one_line(line));
                }
                eprintln!(
                    "{} error{}: the questionnaire was not loaded",
                    lines.len(),
                    if lines.len() == 1 { "" } else { "s" }
                );
            }
            Ok(ExitCode::from(super::FAILURE))
        }
    }
}

fn print_summary(file: &Path, s: &Summary) {
    println!("{}: valid", one_line(&file.display().to_string()));
    println!("  {} ({} {}, {})", one_line(&s.title), s.id, one_line(&s.version), s.kind);
    println!("  sections:  {}", s.sections);
    println!("  questions: {} ({} scored, {} critical)", s.questions, s.scored, s.critical);
    let types: Vec<String> = s.question_types.iter().map(|(t, n)| format!("{t} {n}")).collect();
    println!("  types:     {}", types.join(", "));
    println!("  criteria covered ({} of 61): {}", s.criteria_covered.len(), s.criteria_covered.join(" "));
    println!(
        "  criteria missing ({}): {}",
        s.criteria_missing.len(),
        if s.criteria_missing.is_empty() { "none".to_string() } else { s.criteria_missing.join(" ") }
    );
    let areas: Vec<String> = s.ai_areas.iter().map(|(a, n)| format!("{a} {n}")).collect();
    println!("  AI areas:  {}", areas.join(", "));
}

fn new(
    questionnaire: &str,
    org: &str,
    out: Option<PathBuf>,
    no_open: bool,
    from: Option<&str>,
    plain: bool,
) -> Result<ExitCode> {
    if org.trim().is_empty() {
        bail!("the organisation name (--org) must not be empty");
    }
    let entry = catalog::resolve(questionnaire, paths::user_questionnaires_dir().as_deref())?;
    let now = clock::now();
    let assessment = match from {
        Some(last_year) => super::consultant::carried_over(last_year, entry.questionnaire, org, &now)?,
        None => Assessment::new(entry.questionnaire, org, &now),
    };
    let store = open_store()?;
    let path = match out {
        Some(p) => {
            warn_if_shared(&p);
            p
        }
        None => store.new_path(org, &assessment.questionnaire.id),
    };
    let session = Session::create(&path, assessment, &now)?;
    println!("{}", one_line(&path.display().to_string()));
    if no_open {
        return Ok(ExitCode::SUCCESS);
    }
    super::front_end::open(store, session, plain)
}

/// A sample assessment of a fictional company, in a new file (its name says sample), opened unless
/// `no_open`.
fn new_sample(questionnaire: Option<&str>, out: Option<PathBuf>, no_open: bool, plain: bool) -> Result<ExitCode> {
    let questionnaire = questionnaire.unwrap_or(sample::QUESTIONNAIRE);
    let entry = catalog::resolve(questionnaire, paths::user_questionnaires_dir().as_deref())?;
    let now = clock::now();
    let assessment = sample::build(entry.questionnaire, &now);
    let store = open_store()?;
    let path = match out {
        Some(p) => {
            warn_if_shared(&p);
            p
        }
        None => store.new_path(&assessment.org, &assessment.questionnaire.id),
    };
    let session = Session::create(&path, assessment, &now)?;
    println!("{}", one_line(&path.display().to_string()));
    if no_open {
        return Ok(ExitCode::SUCCESS);
    }
    super::front_end::open(store, session, plain)
}

fn list(as_json: bool) -> Result<ExitCode> {
    let store = store_for_reading();
    // A store that is not there yet holds nothing; one that cannot be read must not be listed as empty.
    if let Err(e) = std::fs::read_dir(&store.dir)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        bail!(
            "cannot read the store {}: {e}; `soc2-ready config` shows where it is and {} moves it",
            one_line(&store.dir.display().to_string()),
            paths::HOME_VAR
        );
    }
    let today = clock::today();
    // Through the headline cache: an assessment unchanged since the last listing is not read again.
    let listing = crate::comparison::summaries(&store, today);
    let (listed, errors): (Vec<_>, _) =
        (listing.all.into_iter().map(|s| (s.listed, s.headline)).collect(), listing.errors);
    for e in &errors {
        eprintln!("soc2-ready: skipped {}", one_line(&e.to_string()));
    }
    let (now, offset) = (clock::now(), last_change::local_offset());
    let last_change = |l: &Listed| last_change::readable(&l.updated_at, &now, offset);
    if as_json {
        let rows: Vec<serde_json::Value> = listed
            .iter()
            .map(|(l, h)| {
                let mut row = serde_json::to_value(l).expect("a listing always serialises");
                row["last_change"] = json!(last_change(l));
                row["score"] = json!(h.score);
                row["verdict"] = json!(h.verdict);
                row["headline"] = json!(h.short());
                row
            })
            .collect();
        print_json(&rows);
        return Ok(ExitCode::SUCCESS);
    }
    if listed.is_empty() {
        println!(
            "No assessments in {} yet. Start one with `soc2-ready new soc2-ai-readiness --org NAME`.",
            one_line(&store.dir.display().to_string())
        );
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<super::list_table::Row> = listed
        .iter()
        .map(|(l, h)| {
            super::list_table::Row::new(&l.name, &l.org, &l.questionnaire, l.progress, &h.short(), &last_change(l))
        })
        .collect();
    print!("{}", super::list_table::render(&rows, super::list_table::terminal_width()));
    Ok(ExitCode::SUCCESS)
}

/// What `answer` was given besides the question: the value (`None` with --clear, or with only a comment or
/// fields given), the customer-facing comment, and other answer fields.
struct Given {
    clear: bool,
    value: Option<String>,
    comment: Option<String>,
    fields: Vec<(String, String)>,
}

impl Given {
    /// The comment and field changes, in the order given.
    fn extra_changes(&self, question: &str) -> Vec<Change> {
        let comment = self.comment.iter().map(|c| Change::Comment { question: question.into(), comment: c.clone() });
        let fields = self.fields.iter().map(|(field, value)| Change::Field {
            question: question.into(),
            field: field.clone(),
            value: value.clone(),
        });
        comment.chain(fields).collect()
    }
}

fn answer(
    assessment: &str,
    question: &str,
    given: &Given,
    details: &AnswerDetails,
    patience: Duration,
    plan: &super::report_flags::Plan,
) -> Result<ExitCode> {
    let store = store_for_reading();
    let path = store.resolve(assessment);
    warn_if_shared(&path);
    let now = clock::now();
    let mut session = Session::open_waiting(&path, &now, patience)?;
    // The customer's id as typed (`A&A-01.1`, `Privacy!PRIV-09`) names the question; so does its key.
    let typed = question;
    let key = spreadsheet::customer_ids::resolve(&session.assessment, typed).map_err(|e| anyhow!(e))?;
    let question = key.as_str();
    let shown = one_line(&path.display().to_string());
    // The comment and fields are checked (all of them, on a copy) before anything is saved: one refused
    // leaves the file as it was.
    let extra = given.extra_changes(question);
    let mut trial = session.assessment.clone();
    for change in &extra {
        crate::assessment::model::change::apply(&mut trial, change, crate::assessment::model::change::Ctx::at(&now))
            .map_err(|e| in_cli_words(SessionError::Change(e)))?;
    }
    let value = given.value.as_deref();
    if value.is_none() && !given.clear {
        for change in &extra {
            session.apply(change, &now).map_err(in_cli_words)?;
        }
        print_fields(&session.assessment, question, &shown);
        return Ok(ExitCode::SUCCESS);
    }
    let Some(value) = value else {
        session.clear(question, details, &now).map_err(in_cli_words)?;
        for change in &extra {
            session.apply(change, &now).map_err(in_cli_words)?;
        }
        plan.apply(&mut session, question)?;
        println!("{shown}: {} cleared", one_line(typed));
        return Ok(ExitCode::SUCCESS);
    };
    let stored = session.answer(question, value, details, &now).map_err(in_cli_words)?;
    for change in &extra {
        session.apply(change, &now).map_err(in_cli_words)?;
    }
    plan.apply(&mut session, question)?;
    let q = session.assessment.questionnaire().question(question).map(|(_, q)| q.clone()).expect("answered above");
    let ids = spreadsheet::customer_ids::shown_ids(&session.assessment);
    println!(
        "{shown}: {} = {}",
        one_line(spreadsheet::customer_ids::shown(&ids, &q.id)),
        one_line(&describe(&q, &stored))
    );
    if !extra.is_empty() {
        print_fields(&session.assessment, question, &shown);
    }
    Ok(ExitCode::SUCCESS)
}

/// `answer A ID --ask NAME`: record who to ask about the question (the answer itself unchanged).
fn ask_only(assessment: &str, question: &str, name: &str, patience: Duration) -> Result<ExitCode> {
    let store = store_for_reading();
    let path = store.resolve(assessment);
    let now = clock::now();
    let mut session = Session::open_waiting(&path, &now, patience)?;
    let key = spreadsheet::customer_ids::resolve(&session.assessment, question).map_err(|e| anyhow!(e))?;
    let change = crate::assessment::Change::Ask { question: key.clone(), name: name.to_string() };
    session.apply(&change, &now).map_err(|e| anyhow!("--ask: {e}"))?;
    let shown = one_line(&path.display().to_string());
    match name.trim() {
        "" => println!("{shown}: {} asks nobody", one_line(question)),
        name => println!("{shown}: {} to ask {}", one_line(question), one_line(name)),
    }
    Ok(ExitCode::SUCCESS)
}

/// The comment and every other answer field of a customer question, one line each, as `answer` confirms
/// them and `show` lists them.
fn field_lines(a: &crate::assessment::Assessment, question: &str) -> Vec<String> {
    let Some(cell) = a.source.as_ref().and_then(|s| s.cells.get(question)) else { return Vec::new() };
    let entry = a.answers().get(question);
    let mut out = Vec::new();
    for f in &cell.fields {
        let value = entry.and_then(|e| e.fields.get(&f.name)).map(String::as_str).unwrap_or("");
        let choices = if f.vocabulary.is_empty() { String::new() } else { format!(" [{}]", f.vocabulary.join(" | ")) };
        out.push(format!(
            "{} ({}): {}{choices}",
            one_line(&f.name),
            one_line(f.shown_name()),
            if value.is_empty() { "(empty)".to_string() } else { one_line(value) }
        ));
    }
    if !cell.comment_cell.is_empty() {
        let comment = entry.map(|e| e.comment.as_str()).unwrap_or("");
        let label =
            if cell.comment_label.is_empty() { String::new() } else { format!(" ({})", one_line(&cell.comment_label)) };
        out.push(format!(
            "comment{label}: {}",
            if comment.is_empty() { "(empty)".to_string() } else { one_line(comment) }
        ));
    }
    out
}

fn print_fields(a: &crate::assessment::Assessment, question: &str, shown: &str) {
    let ids = spreadsheet::customer_ids::shown_ids(a);
    for line in field_lines(a, question) {
        println!("{shown}: {} {line}", one_line(spreadsheet::customer_ids::shown(&ids, question)));
    }
}

/// A refusal from the core, with what to do in this command's words.
fn in_cli_words(e: SessionError) -> anyhow::Error {
    match e {
        SessionError::Change(ChangeError::Hidden { .. }) => {
            anyhow!("{e}; answer the questions it depends on first, or clear it with --clear")
        }
        e => e.into(),
    }
}

/// Say on stderr when others could replace files in the assessment's folder (see `store::shared_folder_warning`).
fn warn_if_shared(path: &Path) {
    if let Some(warning) = store::shared_folder_warning(path) {
        eprintln!("soc2-ready: {}", one_line(&warning));
    }
}

fn show(assessment: &str, as_json: bool) -> Result<ExitCode> {
    let store = store_for_reading();
    let path = store.resolve(assessment);
    let a = store::read(&path)?;
    let q = a.questionnaire();
    let vis = Visibility::of_assessment(&a);
    let (per_section, total) = progress(&a, &vis);
    let ids = spreadsheet::customer_ids::shown_ids(&a);
    if as_json {
        let sections: Vec<_> = q
            .sections
            .iter()
            .zip(&per_section)
            .zip(&vis.sections)
            .map(|((s, p), shown)| {
                json!({ "id": s.id, "title": s.title, "visible": shown, "answered": p.answered, "questions": p.shown })
            })
            .collect();
        let questions: Vec<_> = q
            .sections
            .iter()
            .enumerate()
            .flat_map(|(si, s)| s.questions.iter().enumerate().map(move |(qi, question)| (si, s, qi, question)))
            .map(|(si, s, qi, question)| {
                let answer = a.answers().get(&question.id);
                let mut row = json!({
                    "id": spreadsheet::customer_ids::shown(&ids, &question.id),
                    "section": s.id,
                    "type": question.kind.as_str(),
                    "text": question.text,
                    "visible": vis.question(si, qi),
                    "answer": answer.and_then(|x| x.value.clone()),
                    "note": answer.map(|x| x.note.clone()).filter(|n| !n.is_empty()),
                    "follow_up": answer.is_some_and(|x| x.follow_up),
                    "answered_by": answer.map(|x| x.answered_by.clone()).filter(|n| !n.is_empty()),
                    "evidence": answer.map(|x| x.evidence.clone()).unwrap_or_default(),
                    "updated_at": answer.map(|x| x.updated_at.clone()),
                    "source": answer.and_then(|x| x.source.clone()),
                    "suggested": answer.is_some_and(|x| x.suggested),
                });
                if question.kind.has_options() {
                    row["options"] = json!(question.offered().iter().map(|o| o.id).collect::<Vec<_>>());
                }
                // Customer questionnaires: the comment for the customer and every other answer field.
                if let Some(cell) = a.source.as_ref().and_then(|s| s.cells.get(&question.id)) {
                    if !cell.comment_cell.is_empty() {
                        row["comment"] = json!(answer.map(|x| x.comment.clone()).filter(|c| !c.is_empty()));
                    }
                    if !cell.fields.is_empty() {
                        let fields: Vec<_> = cell
                            .fields
                            .iter()
                            .map(|f| {
                                json!({
                                    "name": f.name,
                                    "label": f.label,
                                    "cell": f.cell,
                                    "choices": f.vocabulary,
                                    "value": answer.and_then(|x| x.fields.get(&f.name)),
                                })
                            })
                            .collect();
                        row["fields"] = json!(fields);
                    }
                }
                row
            })
            .collect();
        print_json(&json!({
            "path": path,
            "org": a.org,
            "questionnaire": a.questionnaire.id,
            "questionnaire_version": a.questionnaire.version,
            "questionnaire_hash": a.questionnaire.hash,
            "progress": total.percent(),
            "answered": total.answered,
            "shown": total.shown,
            "updated_at": a.updated_at,
            "sections": sections,
            "questions": questions,
        }));
        return Ok(ExitCode::SUCCESS);
    }
    println!("{} — {} {}", one_line(&a.org), one_line(&q.title), one_line(&q.version));
    let to_confirm = match crate::assessment::model::review::review_counts(&a).to_confirm {
        0 => String::new(),
        n => format!("; {n} carried over from last year still to confirm"),
    };
    println!(
        "Progress: {}% ({} of {} shown questions answered{to_confirm})",
        total.percent(),
        total.answered,
        total.shown
    );
    for (si, section) in q.sections.iter().enumerate() {
        if !vis.sections[si] {
            println!("\n{} (hidden by earlier answers)", one_line(&section.title));
            continue;
        }
        let p = per_section[si];
        println!("\n{}  {}/{}", one_line(&section.title), p.answered, p.shown);
        for (qi, question) in section.questions.iter().enumerate() {
            if !vis.question(si, qi) {
                continue;
            }
            let answer = a.answers().get(&question.id);
            let value = answer.and_then(|x| x.value.as_ref()).map(|v| one_line(&describe(question, v)));
            let mut flag = if answer.is_some_and(|x| x.follow_up) { " [follow-up]" } else { "" }.to_string();
            if let Some(source) = answer.filter(|x| x.suggested).and_then(|x| x.source.as_ref()) {
                flag.push_str(&format!(
                    " [suggested: {}, from {}]",
                    one_line(&source.reason),
                    one_line(&source.describe())
                ));
            }
            println!(
                "  [{}] {}  {}\n      -> {}{flag}",
                if value.is_some() { "x" } else { " " },
                one_line(spreadsheet::customer_ids::shown(&ids, &question.id)),
                one_line(&question.text),
                value.as_deref().unwrap_or("(unanswered)")
            );
            if let Some(by) = answer.map(|x| &x.answered_by).filter(|n| !n.is_empty()) {
                println!("      by: {}", one_line(by));
            }
            if let Some(note) = answer.map(|x| &x.note).filter(|n| !n.is_empty()) {
                println!("      note: {}", one_line(note));
            }
            for evidence in answer.map(|x| x.evidence.as_slice()).unwrap_or_default() {
                println!("      evidence: {}", one_line(evidence));
            }
            for line in field_lines(&a, &question.id) {
                println!("      {line}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn report(
    assessment: &str,
    format: Option<&str>,
    set: &[String],
    output: Option<&Path>,
    template: Option<&Path>,
) -> Result<ExitCode> {
    use super::report_flags::Output;
    let format = super::report_flags::format(format, output)?;
    if template.is_some() && format != Output::Docx {
        bail!("--template applies to the Word report only: add --format docx (or -o FILE.docx)");
    }
    // A Word document is binary: printed on a terminal it would be noise and could drive the terminal.
    if format == Output::Docx && output.is_none() && std::io::stdout().is_terminal() {
        bail!("a Word report is a binary file: name it with -o FILE.docx (or redirect the output to a file)");
    }
    let template = template.map(super::report_flags::read_template).transpose()?;
    let store = store_for_reading();
    let path = store.resolve(assessment);
    // Refuse a bad target before the work of building the report.
    if let Some(out) = output {
        crate::output_file::check(out, &[&path])?;
    }
    let a = store::read(&path)?;
    let params = crate::estimate::Parameters::load(paths::config_dir().as_deref())?;
    let built = if set.is_empty() {
        crate::report::Report::build(&a, &params, clock::today())
    } else {
        crate::report::whatif::report(&a, &params, clock::today(), set).map_err(|e| match e {
            WhatIfError::Setting { setting, problem } => anyhow!("`--set {setting}`: {problem}"),
            other => anyhow!(other),
        })?
    };
    let bytes = match format {
        Output::Text(format) => crate::report::export(&built, format).into_bytes(),
        Output::Docx => {
            let document = crate::report::docx::render(&built)?;
            match &template {
                Some((name, template)) => crate::report::docx_template::apply(&document, template)
                    .with_context(|| format!("--template {}", one_line(&name.display().to_string())))?,
                None => document,
            }
        }
    };
    match output {
        Some(out) => {
            crate::output_file::write(out, &bytes, &[&path]).context("cannot write the report")?;
            println!("{}", one_line(&out.display().to_string()));
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(&bytes).and_then(|()| stdout.flush()).context("cannot write the report")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
