//! The command line: the same core as the TUI, for scripts, tests and people who prefer it.

mod commands;
pub mod completions;
mod config;
mod consultant;
pub mod exchange;
mod findings;
pub mod front_end;
mod list_table;
mod manage;
mod manual;
pub mod merge_driver;
mod report_flags;
mod search;
mod vendors;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use clap_complete::engine::ArgValueCompleter;

/// Exit code for a failed command (usage errors exit 2, from clap).
pub const FAILURE: u8 = 1;

#[derive(Debug, Parser)]
#[command(
    name = "soc2-ready",
    version,
    about = "SOC 2 readiness and AI vendor questionnaires, answered offline in the terminal",
    long_about = "SOC 2 readiness and AI vendor questionnaires, answered offline in the terminal.\n\n\
        Run without a command to open the interface. Every answer is saved at once, so you can quit at any \
        moment and continue later. Assessments live in the data directory (set SOC2_READY_HOME to use \
        another folder); your own questionnaires go in the configuration directory's questionnaires/ folder \
        (SOC2_READY_CONFIG overrides it).",
    after_help = "Run `soc2-ready COMMAND --help` for the details of one command."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Plain mode: one question at a time as plain lines, for screen readers and braille displays (also
    /// chosen when TERM=dumb, when input or output is not a terminal, or when SOC2_READY_PLAIN is set).
    #[arg(long)]
    pub plain: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the questionnaires on offer: built-in first, then your own.
    Questionnaires {
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Check a questionnaire file and summarise what it covers.
    ///
    /// Exits 0 when the file is valid, 1 with every error (file, line and column for syntax; question and
    /// field for content) when it is not.
    Validate {
        /// The questionnaire file (JSON), or - to read standard input.
        file: std::path::PathBuf,
        /// Print the summary (or the errors) as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Start a new assessment and open it.
    ///
    /// With --sample, make a sample instead: the readiness questionnaire (or the one named) about half
    /// answered for a fictional AI startup, with notes, evidence and follow-ups, to see a full report before
    /// answering anything. It goes into a new file whose name says sample, never over another.
    New {
        /// A questionnaire id (see `soc2-ready questionnaires`) or the path of a questionnaire file.
        #[arg(required_unless_present = "sample", add = ArgValueCompleter::new(completions::questionnaire_ids))]
        questionnaire: Option<String>,
        /// The organisation being assessed (up to 10,000 characters).
        #[arg(long, value_name = "NAME", required_unless_present = "sample")]
        org: Option<String>,
        /// Write the assessment to this file instead of the store.
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        /// Create the file and print its path without opening the interface.
        #[arg(long)]
        no_open: bool,
        /// Start from last year's assessment (a path or a name): its answers are carried over to confirm,
        /// with their notes and evidence, and kept as the baseline the report compares with.
        #[arg(long, value_name = "LAST_YEAR", add = ArgValueCompleter::new(completions::assessment_names))]
        from: Option<String>,
        /// Open it in plain mode (one question at a time as plain lines, for screen readers).
        #[arg(long, conflicts_with = "no_open")]
        plain: bool,
        /// Make a sample assessment of a fictional AI startup to explore (no --org or --from).
        #[arg(long, conflicts_with_all = ["org", "from"])]
        sample: bool,
    },
    /// Open an assessment in the interface, where you left it.
    ///
    /// In plain mode (--plain, or automatically when TERM=dumb or input or output is not a terminal) the
    /// questions are asked one at a time as plain lines, for screen readers and braille displays: type an
    /// option's number or the answer, ? for help, quit to stop. The end of input saves and quits too.
    Open {
        /// A path, or a name as `soc2-ready list` shows it.
        #[arg(add = ArgValueCompleter::new(completions::assessment_names))]
        assessment: String,
        /// Plain mode: one question at a time as plain lines, no cursor movement, no colour.
        #[arg(long)]
        plain: bool,
    },
    /// List the assessments in the store, last changed first, with progress, the report's headline
    /// (score and verdict) and when each last changed (local time).
    ///
    /// Files in the store that are not assessments are left out; an assessment that cannot be read is
    /// reported on stderr, one line each.
    List {
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Set one answer, and save.
    ///
    /// VALUE is an option id (for maturity questions: not_started, planned, informal, documented, evidenced,
    /// na, unknown), yes or no, a number, a text, a date as YYYY-MM-DD, or option ids separated by commas
    /// for a multiple-choice question. A value the question does not accept is refused with the accepted
    /// values, and the file is left as it was. A question hidden by earlier answers (its `show_if`) is
    /// refused, naming the condition. When another soc2-ready is saving the same file, the command waits
    /// for it (up to --wait seconds) instead of failing.
    Answer {
        /// A path, or a name as `soc2-ready list` shows it.
        #[arg(add = ArgValueCompleter::new(completions::assessment_names))]
        assessment: String,
        /// The question's id (see `soc2-ready show`).
        question_id: String,
        /// The answer (leave out with --clear, or to set only --ask, --comment or --field).
        #[arg(allow_hyphen_values = true, required_unless_present_any = ["clear", "ask", "comment", "field"])]
        value: Option<String>,
        /// Clear the answer instead (its note and evidence stay unless given again).
        #[arg(long, conflicts_with = "value")]
        clear: bool,
        /// A note to record with the answer (up to 100,000 characters). Notes are internal: never exported
        /// to a customer's file.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Customer questionnaires: the comment for the customer, exported to the question's comment cell
        /// (the CAIQ's implementation description, the HECVAT's additional information); "" removes it.
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
        comment: Option<String>,
        /// Customer questionnaires: set another answer field of the question (`--field ownership
        /// CSP-owned`), checked against the field's choices; repeat for several, "" clears one. `show`
        /// lists each question's fields.
        #[arg(long, num_args = 2, value_names = ["NAME", "VALUE"], allow_hyphen_values = true)]
        field: Vec<String>,
        /// A reference to evidence (a document, a link, a ticket; up to 2,000 characters); repeat for
        /// several, up to 100. Replaces the references recorded before.
        #[arg(long, value_name = "REF")]
        evidence: Vec<String>,
        /// How many seconds to wait while another soc2-ready has the file open (0: fail at once).
        #[arg(long, value_name = "SECONDS", default_value_t = 10)]
        wait: u64,
        /// Who gave this answer (up to 200 characters). Recorded with this answer only; without it, the
        /// answer records nobody.
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        /// Who owns closing the gap this answer shows (shown in the report's plan and CSV; "" clears it).
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// When the gap is due to be closed, YYYY-MM-DD ("" clears it).
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// Who to ask about this question: it goes on their agenda (`soc2-ready agenda A --for NAME`) and
        /// in the follow-ups' "Who to ask" column. Without a value, only this is recorded ("" clears it).
        #[arg(long, value_name = "NAME")]
        ask: Option<String>,
    },
    /// Write the report: one page first (verdict, report dates, cost, five things to do first), then
    /// scores, blockers, gaps, plan, timeline, cost and every assumption.
    ///
    /// Markdown goes to standard output unless -o names a file. The estimate reads the assessment's profile
    /// answers and the parameters in the configuration directory's estimates.json, if there is one.
    /// `--set NAME=VALUE` (repeatable) shows the timeline and cost under other assumptions without changing
    /// the assessment: NAME is a profile question (`remediation_fte`, `auditor_tier`, `compliance_tooling`)
    /// or an estimate parameter (`hourly_cost`, `penetration_test=8000-12000`).
    Report {
        /// A path, or a name as `soc2-ready list` shows it.
        #[arg(add = ArgValueCompleter::new(completions::assessment_names))]
        assessment: String,
        /// md (Markdown), html (one self-contained page), json, csv (one row per gap, for trackers), or
        /// docx (a Word document for the client; needs -o FILE or a redirected output). Without it, the
        /// extension of the -o file decides (.md, .html, .json, .csv, .docx), and Markdown is the default.
        #[arg(long, value_name = "FORMAT", value_parser = clap::builder::PossibleValuesParser::new(
            report_flags::FORMAT_IDS))]
        format: Option<String>,
        /// For docx: a Word document whose styles the report takes (fonts, colours, headings, tables), so
        /// the report looks like the firm's own documents. Styles it lacks keep the report's own.
        #[arg(long, value_name = "FILE.docx")]
        template: Option<std::path::PathBuf>,
        /// What if: NAME=VALUE, a profile answer or an estimate parameter for this report only.
        #[arg(long = "set", value_name = "NAME=VALUE")]
        set: Vec<String>,
        /// Write the report to this file and print its path. Only a new file or an ordinary file is
        /// replaced (atomically); an assessment, a folder or a device is refused.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<std::path::PathBuf>,
    },
    /// Show progress per section and every question with its answer.
    Show {
        /// A path, or a name as `soc2-ready list` shows it.
        #[arg(add = ArgValueCompleter::new(completions::assessment_names))]
        assessment: String,
        /// Print a JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    #[command(flatten)]
    Consultant(consultant::ConsultantCommand),
    /// Import a customer's security questionnaire (xlsx or csv) as an assessment to answer.
    ///
    /// Detects the sheets, header rows and id, question, answer and comment columns from the header words and
    /// prints what it chose; the options override each choice. Every question remembers its cells, so
    /// `export` writes the answers back into the customer's own file.
    Import(exchange::ImportArgs),
    /// Write the answers back into a copy of the customer's workbook (or CSV), changing only answer cells.
    Export(exchange::ExportArgs),
    /// Write a built-in questionnaire as a workbook for a vendor to fill in (import the filled copy back).
    ExportQuestionnaire(exchange::ExportQuestionnaireArgs),
    /// Answer questions from the answer library: earlier answers in the store and added questionnaires.
    Fill(exchange::FillArgs),
    /// Look after the answer library.
    #[command(subcommand)]
    Library(exchange::LibraryCommand),
    /// Approve answers filled from the library (they stay suggested until a person approves them).
    Approve(exchange::ApproveArgs),
    /// Mark an assessment as a test (or not): a test's answers never feed the answer library.
    Mark(exchange::MarkArgs),
    /// Print a shell completion script: subcommands, options, assessment names and questionnaire ids.
    ///
    /// bash: soc2-ready completions bash > ~/.local/share/bash-completion/completions/soc2-ready
    ///
    /// zsh: in ~/.zshrc after compinit, source <(soc2-ready completions zsh)
    ///
    /// fish: soc2-ready completions fish > ~/.config/fish/completions/soc2-ready.fish
    ///
    /// At Tab the script runs soc2-ready again to ask for candidates, so names come from the store as it is
    /// then. Print the script again after upgrading soc2-ready.
    Completions {
        /// The shell to print the script for.
        #[arg(value_name = "SHELL", value_parser = clap::builder::PossibleValuesParser::new(completions::shell_names()))]
        shell: String,
    },
    /// Print the manual page of every command, in roff.
    ///
    /// Read it at once with `soc2-ready man | man -l -`, or install it: soc2-ready man >
    /// ~/.local/share/man/man1/soc2-ready.1, then `man soc2-ready`.
    Man,
    /// Show where files are kept, whether each exists, and the environment variables that move them.
    ///
    /// The store of assessments with its trash and answer library, the configuration folder, your
    /// questionnaires, estimates.json and keymap.json; then each environment variable the program reads,
    /// with its value now.
    Config {
        /// Print a JSON object instead of text.
        #[arg(long, conflicts_with = "git")]
        json: bool,
        /// Print the lines that make git merge assessments with `soc2-ready merge-driver`: the
        /// .gitattributes line, the git config commands and the .gitignore lines.
        #[arg(long)]
        git: bool,
    },
    /// Git's merge driver for assessments: merge two branches' answers with their common ancestor's.
    ///
    /// Git runs it as `soc2-ready merge-driver %O %A %B --path %P` (see `soc2-ready config --git` for the
    /// lines to add). A question answered on one branch only takes that answer; answered differently on
    /// both, it is left open in the merged file as `merge` leaves a conflict, to resolve in the interface
    /// or with `soc2-ready resolve`. The result replaces %A. Exits 0 when clean, 1 when something is left
    /// for a person (git then marks the file as conflicted), and 1 without touching %A when the copies
    /// cannot be merged (a damaged file, another questionnaire version).
    MergeDriver(merge_driver::MergeDriverArgs),
    #[command(flatten)]
    Manage(manage::ManageCommand),
    /// Find questions by words, a question id, a criterion (CC6.1) or an AI area, best first, with their
    /// answers.
    ///
    /// Questions with more of the words come first, then those where the words are in the id, a criterion
    /// or the question's text rather than only in its guidance, section or policy; ties keep questionnaire
    /// order. Words match in any form (deletion finds delete), abbreviations find what they stand for (mfa,
    /// sso, pii, dpa, kms, iam, ...), and a word of five letters or more with one letter wrong still
    /// matches, lower. Questions hidden by earlier answers are listed too, marked as hidden.
    Search(search::SearchArgs),
}

/// Run the command line and turn any failure into a one-line message on stderr.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("soc2-ready: {}", crate::text::one_line(&explain(&e)));
            ExitCode::from(FAILURE)
        }
    }
}

/// An error and its causes on one line, leaving out a cause whose words the message already says (the
/// core's errors say what the operating system said and keep that error as their source).
pub fn explain(e: &anyhow::Error) -> String {
    let mut message = e.to_string();
    for cause in e.chain().skip(1) {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
    }
    message
}
