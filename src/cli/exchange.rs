//! Customer questionnaires on the command line: `import` a spreadsheet, `export` the answers back into the
//! customer's own file, `export-questionnaire` to send ours out, `fill` from the answer library, and
//! `library` to look after it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Subcommand};
use clap_complete::engine::ArgValueCompleter;

use crate::assessment::{Session, Store, store};
use crate::library::{self, Library};
use crate::spreadsheet::cell_ref::{column_letters, column_number};
use crate::spreadsheet::export::{ExportError, default_name, export_file};
use crate::spreadsheet::import::{ImportFile, assessment_from, digest, embedded_original};
use crate::spreadsheet::{self, NoQuestions, Options, ReadError, Suggestion};
use crate::text::one_line;
use crate::{clock, paths};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The customer's questionnaire: an .xlsx workbook or a .csv file.
    pub file: PathBuf,
    /// The customer who sent it (recorded with the answers and in the library).
    #[arg(long, value_name = "CUSTOMER")]
    pub org: Option<String>,
    /// Write the assessment to this file instead of the store.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Read only this sheet (repeat for several). Without it, every visible sheet with a question table.
    #[arg(long, value_name = "NAME")]
    pub sheet: Vec<String>,
    /// The header row (1-based) instead of the one detected.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(spreadsheet::cell_ref::LAST_ROW)))]
    pub header_row: Option<u32>,
    /// The column of question ids, as letters (A).
    #[arg(long, value_name = "COL")]
    pub id_col: Option<String>,
    /// The column of question text.
    #[arg(long, value_name = "COL")]
    pub question_col: Option<String>,
    /// The column the answers go in.
    #[arg(long, value_name = "COL")]
    pub answer_col: Option<String>,
    /// The column for comments and explanations.
    #[arg(long, value_name = "COL")]
    pub comment_col: Option<String>,
    /// Print what was detected and the first questions, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Create the file and print its path without opening the interface.
    #[arg(long)]
    pub no_open: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A path, or a name as `soc2-ready list` shows it.
    #[arg(add = ArgValueCompleter::new(super::completions::assessment_names))]
    pub assessment: String,
    /// Where to write: FILE.xlsx for the customer's own workbook with the answers filled in, FILE.csv for
    /// CSV. Defaults to the original's name with `-answered` added, in the current folder.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Refuse to export while answers filled from the library are still suggested (not approved).
    #[arg(long)]
    pub require_approved: bool,
}

#[derive(Debug, Args)]
pub struct FillArgs {
    /// A path, or a name as `soc2-ready list` shows it.
    #[arg(add = ArgValueCompleter::new(super::completions::assessment_names))]
    pub assessment: String,
    /// Take suggestions from the answer library (every answered assessment in the store, and the files
    /// added with `library add`).
    #[arg(long, required = true)]
    pub from_library: bool,
    /// Apply only suggestions scoring at least this (0 to 1).
    #[arg(long, value_name = "S", default_value_t = library::APPLY_THRESHOLD)]
    pub min_score: f64,
    /// List what would be applied, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print, per question looked at, its id, whether it is (or would be) applied, and every suggestion
    /// with its source file, the source's question id, answer, score and reason (see docs/commands.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// A path, or a name as `soc2-ready list` shows it.
    #[arg(add = ArgValueCompleter::new(super::completions::assessment_names))]
    pub assessment: String,
    /// The questions to approve, by id (the customer's own, as `show` prints them).
    #[arg(required_unless_present_any = ["section", "all"])]
    pub questions: Vec<String>,
    /// Approve every suggested answer in this section (its id or title).
    #[arg(long, value_name = "S", conflicts_with = "all")]
    pub section: Option<String>,
    /// Approve every suggested answer.
    #[arg(long)]
    pub all: bool,
    /// Who approves (recorded with each answer's source).
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct MarkArgs {
    /// A path, or a name as `soc2-ready list` shows it.
    #[arg(add = ArgValueCompleter::new(super::completions::assessment_names))]
    pub assessment: String,
    /// Mark it as a test: its answers never feed the answer library.
    #[arg(long, conflicts_with = "not_test", required_unless_present = "not_test")]
    pub test: bool,
    /// Remove the test mark: its answers feed the library again.
    #[arg(long)]
    pub not_test: bool,
}

#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// Add the answers of an already answered questionnaire (xlsx or csv) to the library.
    Add {
        file: PathBuf,
        /// The customer it was answered for.
        #[arg(long, value_name = "CUSTOMER")]
        org: Option<String>,
        /// Who owns these answers (keeps them current).
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
    },
    /// List the library's entries with owner and last-reviewed date; entries over a year old are stale.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Find entries by words.
    Search {
        #[arg(required = true)]
        words: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Remove an entry by its number (as `library list` shows it).
    Remove { entry: String },
    /// Approve an entry by its number: it becomes the most trusted source (above added questionnaires
    /// and the store's assessments), and counts as reviewed today.
    Approve {
        entry: String,
        /// Who approves it.
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
    },
}

fn store_dir() -> Result<PathBuf> {
    paths::store_dir()
        .ok_or_else(|| anyhow!("cannot find a home directory for the store; set {} to a folder", paths::HOME_VAR))
}

fn column(arg: &Option<String>, flag: &str) -> Result<Option<u32>> {
    match arg {
        None => Ok(None),
        Some(letters) => column_number(letters.trim())
            .map(Some)
            .ok_or_else(|| anyhow!("{flag} `{}` is not a column; give its letters, such as C", one_line(letters))),
    }
}

/// Read a file the user named: a regular file only, and never more than the import's limit.
fn read_input(path: &Path) -> Result<Vec<u8>> {
    spreadsheet::source_file::read(path).map_err(|e| anyhow!("{e}"))
}

/// The detection's choice as the options that make it, for the user to copy and correct.
fn as_options(s: &Suggestion) -> String {
    let mut hint = String::from("to change this, import again with");
    if let Some(sheet) = &s.sheet {
        hint.push_str(&format!(" --sheet '{}'", one_line(sheet)));
    }
    hint.push_str(&format!(" --header-row {}", s.header_row));
    if let Some(id) = s.id {
        hint.push_str(&format!(" --id-col {}", column_letters(id)));
    }
    hint.push_str(&format!(" --question-col {} --answer-col {}", column_letters(s.question), column_letters(s.answer)));
    if let Some(comment) = s.comment {
        hint.push_str(&format!(" --comment-col {}", column_letters(comment)));
    }
    hint.push_str(" (changing what is wrong)");
    hint
}

/// A read or detection error as the command line says it: where nothing was found, with the options
/// that name the sheet and columns.
fn read_error(shown: &str, e: &ReadError) -> anyhow::Error {
    match e {
        ReadError::NoQuestions(NoQuestions::NoTable { .. }) => {
            anyhow!("{shown}: {e}; name the columns with --sheet, --header-row, --question-col and --answer-col")
        }
        _ => anyhow!("{shown}: {e}"),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "questionnaire".into())
}

pub fn import(args: ImportArgs, plain: bool) -> Result<ExitCode> {
    let options = Options {
        sheets: args.sheet.clone(),
        header_row: args.header_row,
        id_col: column(&args.id_col, "--id-col")?,
        question_col: column(&args.question_col, "--question-col")?,
        answer_col: column(&args.answer_col, "--answer-col")?,
        comment_col: column(&args.comment_col, "--comment-col")?,
    };
    let bytes = read_input(&args.file)?;
    let name = file_name(&args.file);
    let shown = one_line(&args.file.display().to_string());
    let (format, workbook) = spreadsheet::read(&name, &bytes).map_err(|e| read_error(&shown, &e))?;
    let detection = spreadsheet::detect(&workbook, &options).map_err(|e| read_error(&shown, &e))?;
    for line in detection.summary() {
        println!("{line}");
    }
    if let Some(suggestion) = detection.suggestion() {
        println!("{}", as_options(&suggestion));
    }
    if args.dry_run {
        println!("first questions:");
        for q in detection.questions().take(5) {
            let text: String = one_line(&q.text).chars().take(70).collect();
            let vocab = if q.vocabulary.is_empty() { "free text".to_string() } else { q.vocabulary.join("/") };
            println!("  row {:>4}  {:<12} {text}  [{} {vocab}]", q.row, one_line(&q.id), q.answer_cell.a1());
        }
        println!("dry run: nothing written");
        return Ok(ExitCode::SUCCESS);
    }
    let now = clock::now();
    let customer = args.org.as_deref().unwrap_or("").trim();
    let file = ImportFile { file_name: &name, format, bytes: &bytes, customer, now: &now };
    let assessment = assessment_from(&workbook, &detection, &file).map_err(|e| anyhow!("{shown}: {e}"))?;
    let store = Store::new(store_dir()?);
    let path = match args.out {
        Some(p) => p,
        None => {
            store::ensure_private_dir(&store.dir)
                .with_context(|| format!("{}: cannot create the store", store.dir.display()))?;
            store.new_path(&assessment.org, &assessment.questionnaire.id)
        }
    };
    let session = Session::create(&path, assessment, &now)?;
    println!("{}", one_line(&path.display().to_string()));
    if args.no_open {
        return Ok(ExitCode::SUCCESS);
    }
    // The same choice as `open`: plain mode with SOC2_READY_PLAIN=1, TERM=dumb or no terminal.
    super::front_end::open(store, session, plain)
}

pub fn export(args: ExportArgs) -> Result<ExitCode> {
    let path = Store::new(paths::store_dir().unwrap_or_default()).resolve(&args.assessment);
    let a = store::read(&path)?;
    let source = a.source.as_ref().ok_or_else(|| {
        anyhow!("{}: this assessment was not imported from a spreadsheet; export writes back a customer's file (use `report` for a report)", one_line(&path.display().to_string()))
    })?;
    embedded_original(source).map_err(|e| anyhow!("{}: {e}", one_line(&path.display().to_string())))?;
    let suggested = a.answers().values().filter(|x| x.suggested && x.value.is_some()).count();
    if suggested > 0 {
        let what = format!(
            "{suggested} answer{} filled from the library {} still suggested, not approved (approve with `soc2-ready approve`)",
            if suggested == 1 { "" } else { "s" },
            if suggested == 1 { "is" } else { "are" }
        );
        if args.require_approved {
            bail!("{what}; nothing exported");
        }
        eprintln!("soc2-ready: warning: {what}");
    }
    let out = args.output.unwrap_or_else(|| PathBuf::from(default_name(source)));
    let shown = one_line(&out.display().to_string());
    // The customer's file next to the output: say if it changed since import.
    let beside = out.parent().unwrap_or(Path::new("")).join(&source.file_name);
    // Only a regular file is read (a FIFO there would block the export for ever).
    if let Ok(bytes) = spreadsheet::source_file::read(&beside)
        && digest(&bytes) != source.sha256
    {
        eprintln!(
            "soc2-ready: note: {} changed since it was imported; the answers go into the copy embedded at import",
            one_line(&beside.display().to_string())
        );
    }
    let done = export_file(&a, &out).map_err(|e| match e {
        ExportError::WouldOverwriteOriginal { path } => {
            anyhow!("{path} is the customer's original; refusing to overwrite it (choose another name with -o)")
        }
        e => anyhow!("{e}"),
    })?;
    println!("{shown}");
    println!("{} cells written, {} skipped", done.written, done.skipped.len());
    for s in &done.skipped {
        let place = if s.sheet.is_empty() { s.cell.clone() } else { format!("{}!{}", s.sheet, s.cell) };
        println!("  skipped {} ({}): {}", one_line(&s.question), one_line(&place), s.reason);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn fill(args: FillArgs) -> Result<ExitCode> {
    let _ = args.from_library;
    if !(0.0..=1.0).contains(&args.min_score) {
        bail!("--min-score {} is out of range; scores run from 0 to 1", args.min_score);
    }
    let store = Store::new(paths::store_dir().unwrap_or_default());
    let path = store.resolve(&args.assessment);
    let now = clock::now();
    let mut session = Session::open(&path, &now)?;
    // The library and its index are built once for the whole run.
    let library = Library::gather(&store, library::file_path(&store.dir).as_deref(), Some(&path))?;
    let plan = library::plan_fill(&library, &session.assessment, args.min_score);
    // Every suggestion passes the checks an answer typed by hand passes; a dry run applies them to a copy,
    // so it says the same as the real run.
    let mut filled = session.assessment.clone();
    let library::Refused { answers: refused, fields: fields_left } = library::apply(&mut filled, &plan, &now);
    let ids = crate::spreadsheet::customer_ids::shown_ids(&session.assessment);
    let shown = |key: &str| one_line(crate::spreadsheet::customer_ids::shown(&ids, key));
    let was_refused = |q: &str| refused.iter().any(|(id, _)| id == q);
    let applied: Vec<&library::Applied> = plan.applied.iter().filter(|a| !was_refused(&a.question)).collect();
    if args.json {
        let rows: Vec<_> = plan
            .looked_at
            .iter()
            .map(|l| {
                let suggestions: Vec<_> = l
                    .suggestions
                    .iter()
                    .map(|s| {
                        serde_json::json!({
                            "source_file": s.provenance.file,
                            "source_question": s.source_question,
                            "answer": s.answer,
                            "score": s.score,
                            "reason": s.reason,
                            "trust": s.trust,
                            "agree": s.agree,
                            "conflict": s.conflict,
                            "fields": s.fields,
                        })
                    })
                    .collect();
                let left = plan.left.iter().chain(&refused).find(|(id, _)| *id == l.question).map(|(_, why)| why);
                let fields_left: Vec<&String> =
                    fields_left.iter().filter(|(id, _)| *id == l.question).map(|(_, why)| why).collect();
                serde_json::json!({
                    "id": crate::spreadsheet::customer_ids::shown(&ids, &l.question),
                    "applied": applied.iter().any(|a| a.question == l.question),
                    "left": left,
                    "fields_left": fields_left,
                    "suggestions": suggestions,
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&rows).expect("serialises");
        println!("{}", crate::text::json_safe(text));
    } else {
        for a in &applied {
            let s = &a.suggestion;
            let agree = if s.agree > 1 { format!(", {} sources agree", s.agree) } else { String::new() };
            println!(
                "applied {} = {} (score {:.2}, {}, from {}{agree})",
                shown(&a.question),
                one_line(&s.answer),
                s.score,
                one_line(&s.reason),
                one_line(&s.provenance.describe())
            );
            for o in &a.overruled {
                println!(
                    "conflict {}: {} from {} ({}) differs; the {}'s answer was taken",
                    shown(&a.question),
                    one_line(&o.answer),
                    one_line(&o.provenance.describe()),
                    o.trust.describe(),
                    s.trust.describe()
                );
            }
        }
        for (id, why) in plan.left.iter().chain(&refused) {
            println!("left {}: {}", shown(id), one_line(why));
        }
        for (id, why) in &fields_left {
            println!("field left empty {}: {}", shown(id), one_line(why));
        }
        if !applied.is_empty() {
            println!("filled answers are suggested until approved: `soc2-ready approve A ID` or `--section S`");
        }
        println!("{} applied, {} left", applied.len(), plan.left.len() + refused.len());
    }
    if args.dry_run {
        if !args.json {
            println!("dry run: nothing changed");
        }
        return Ok(ExitCode::SUCCESS);
    }
    session.change(|a| *a = filled)?;
    Ok(ExitCode::SUCCESS)
}

/// `approve A ID... | --section S | --all`: suggested answers become approved, naming who approved them.
pub fn approve(args: ApproveArgs) -> Result<ExitCode> {
    let store = Store::new(paths::store_dir().unwrap_or_default());
    let path = store.resolve(&args.assessment);
    let now = clock::now();
    let mut session = Session::open(&path, &now)?;
    let a = &session.assessment;
    let suggested = |id: &str| a.answers().get(id).is_some_and(|x| x.suggested && x.value.is_some());
    let wanted: Vec<String> =
        if args.all {
            a.questionnaire().questions().map(|(_, q)| q.id.clone()).filter(|id| suggested(id)).collect()
        } else if let Some(section) = &args.section {
            let s =
                a.questionnaire().sections.iter().find(|s| s.id == *section || s.title == *section).ok_or_else(
                    || anyhow!("there is no section `{}`; `soc2-ready show` lists them", one_line(section)),
                )?;
            s.questions.iter().map(|q| q.id.clone()).filter(|id| suggested(id)).collect()
        } else {
            args.questions
                .iter()
                .map(|typed| crate::spreadsheet::customer_ids::resolve(a, typed).map_err(|e| anyhow!(e)))
                .collect::<Result<_>>()?
        };
    let ids = crate::spreadsheet::customer_ids::shown_ids(a);
    let by = args.by.unwrap_or_default();
    // All or nothing: approved on a copy, then saved once.
    let mut approved = a.clone();
    for id in &wanted {
        let change = crate::assessment::Change::Approve { question: id.clone(), by: by.clone() };
        crate::assessment::model::change::apply(
            &mut approved,
            &change,
            crate::assessment::model::change::Ctx::at(&now),
        )
        .map_err(|e| anyhow!("{}: {e}; nothing approved", one_line(&path.display().to_string())))?;
    }
    for id in &wanted {
        println!("approved {}", one_line(crate::spreadsheet::customer_ids::shown(&ids, id)));
    }
    let done = wanted.len();
    session.change(|a| *a = approved)?;
    let left = session.assessment.answers().values().filter(|x| x.suggested && x.value.is_some()).count();
    println!("{done} approved, {left} still suggested");
    Ok(ExitCode::SUCCESS)
}

/// `mark A --test | --not-test`.
pub fn mark(args: MarkArgs) -> Result<ExitCode> {
    let store = Store::new(paths::store_dir().unwrap_or_default());
    let path = store.resolve(&args.assessment);
    let now = clock::now();
    let mut session = Session::open(&path, &now)?;
    let test = args.test && !args.not_test;
    session.change(|a| a.test = test)?;
    println!(
        "{}: {}",
        one_line(&path.display().to_string()),
        if test { "marked as a test; its answers never feed the answer library" } else { "no longer a test" }
    );
    Ok(ExitCode::SUCCESS)
}

pub fn library_command(cmd: LibraryCommand) -> Result<ExitCode> {
    let dir = store_dir()?;
    let file = library::file_path(&dir).ok_or_else(|| anyhow!("no library file"))?;
    let now = clock::now();
    match cmd {
        LibraryCommand::Add { file: input, org, owner } => {
            let bytes = read_input(&input)?;
            let name = file_name(&input);
            let shown = one_line(&input.display().to_string());
            let (_, workbook) = spreadsheet::read(&name, &bytes).map_err(|e| anyhow!("{shown}: {e}"))?;
            let detection = spreadsheet::detect(&workbook, &Options::default()).map_err(|e| anyhow!("{shown}: {e}"))?;
            store::ensure_private_dir(&dir).with_context(|| format!("{}: cannot create the store", dir.display()))?;
            let mut saved = library::Saved::load(&file)?;
            let sha256 = digest(&bytes);
            let added = library::AddedFile {
                file: &name,
                sha256: &sha256,
                customer: org.as_deref().unwrap_or(""),
                owner: owner.as_deref().unwrap_or(""),
                now: &now,
            };
            let added = saved.add_answered(Some(&workbook), &detection, &added);
            saved.save(&file)?;
            println!("{added} answers added to the library ({})", one_line(&file.display().to_string()));
        }
        LibraryCommand::List { json } => {
            let saved = library::Saved::load(&file)?;
            print_entries(&saved, None, json, clock::today());
            if !json {
                // The library's other half: answers already given in the store's assessments.
                let from_store = library::Library::records_in(&crate::assessment::Store::new(dir.clone()), None, None)?;
                let files: std::collections::BTreeSet<&str> =
                    from_store.iter().map(|r| r.provenance.file.as_str()).collect();
                if !from_store.is_empty() {
                    println!(
                        "Besides these, `fill` and the interface's suggestions draw on {} answer{} in {} assessment{} in \
                         the store (change those in their assessments).",
                        from_store.len(),
                        if from_store.len() == 1 { "" } else { "s" },
                        files.len(),
                        if files.len() == 1 { "" } else { "s" }
                    );
                }
            }
        }
        LibraryCommand::Search { words, json } => {
            let saved = library::Saved::load(&file)?;
            print_entries(&saved, Some(&words.join(" ")), json, clock::today());
        }
        LibraryCommand::Remove { entry } => {
            let mut saved = library::Saved::load(&file)?;
            let removed = saved.remove(&entry)?;
            saved.save(&file)?;
            println!("removed: {}", one_line(&removed));
        }
        LibraryCommand::Approve { entry, by } => {
            let mut saved = library::Saved::load(&file)?;
            let approved = saved.approve(&entry, by.as_deref().unwrap_or(""), &now)?;
            saved.save(&file)?;
            println!("approved: {}", one_line(&approved));
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct ExportQuestionnaireArgs {
    /// A questionnaire id (see `soc2-ready questionnaires`), such as ai-vendor-assessment.
    #[arg(add = ArgValueCompleter::new(super::completions::questionnaire_ids))]
    pub questionnaire: String,
    /// The workbook to write (.xlsx).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
}

pub fn export_questionnaire(args: ExportQuestionnaireArgs) -> Result<ExitCode> {
    let entry =
        crate::questionnaire::catalog::resolve(&args.questionnaire, paths::user_questionnaires_dir().as_deref())?;
    // Never over an assessment, a folder or a device: only a new or ordinary file.
    crate::output_file::check(&args.output, &[])?;
    let bytes = crate::spreadsheet::outgoing::workbook_for(&entry.questionnaire);
    let shown = one_line(&args.output.display().to_string());
    store::write_private(&args.output, &bytes).with_context(|| format!("{shown}: cannot write the workbook"))?;
    println!("{shown}");
    Ok(ExitCode::SUCCESS)
}

/// `library list` and `library search`: the entries (those matching `words`, if given) as a table or JSON.
fn print_entries(saved: &library::Saved, words: Option<&str>, json: bool, today: chrono::NaiveDate) {
    let rows = saved.matching(words);
    if json {
        let out: Vec<_> = rows
            .iter()
            .map(|(n, r)| serde_json::json!({ "entry": n, "stale": r.is_stale(today), "record": r }))
            .collect();
        println!("{}", crate::text::json_safe(serde_json::to_string_pretty(&out).expect("serialises")));
        return;
    }
    if rows.is_empty() {
        println!(
            "No entries{}.",
            if words.is_none() { " yet; add an answered questionnaire with `library add FILE`" } else { " match" }
        );
        return;
    }
    for (n, r) in rows {
        let q: String = one_line(&r.question).chars().take(60).collect();
        let stale = if r.is_stale(today) { "  STALE" } else { "" };
        let stale = if r.trust == library::Trust::Approved {
            format!(
                "  APPROVED{}{stale}",
                if r.approved_by.is_empty() { String::new() } else { format!(" by {}", one_line(&r.approved_by)) }
            )
        } else {
            stale.to_string()
        };
        println!(
            "{n:>4}  {:<10} {q}  = {}  (owner {}, reviewed {}){stale}",
            one_line(&r.ids.join(" ")),
            one_line(&r.answer),
            if r.owner.is_empty() { "none".to_string() } else { one_line(&r.owner) },
            if r.last_reviewed.is_empty() { "never".to_string() } else { r.last_reviewed.clone() }
        );
    }
}
