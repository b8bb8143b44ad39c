//! `soc2-ready vendors`: every vendor assessment in the store side by side (risk, completion, score,
//! attestation, review dates) from the headline cache, or with `--matrix` question by question.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use crate::assessment::{Store, store};
use crate::comparison::matrix::Matrix;
use crate::comparison::{VendorRow, summaries};
use crate::questionnaire::Kind;
use crate::text::{json_safe, one_line};
use crate::{clock, paths};

/// The output's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Table,
    Json,
    Csv,
}

fn print_json(value: &impl Serialize) {
    let text = serde_json::to_string_pretty(value).expect("output always serialises");
    println!("{}", json_safe(text));
}

fn shown(path: &Path) -> String {
    one_line(&path.display().to_string())
}

pub fn run(form: Form, matrix: bool) -> Result<ExitCode> {
    let store = Store::new(paths::store_dir().unwrap_or_default());
    let today = clock::today();
    let listing = summaries(&store, today);
    for e in &listing.errors {
        eprintln!("soc2-ready: skipped {}", one_line(&e.to_string()));
    }
    let rows = listing.vendor_rows();
    drop(listing);
    if rows.is_empty() && form == Form::Table {
        println!(
            "No vendor assessments in {} yet. Assess one with `soc2-ready new ai-vendor-assessment --org VENDOR`.",
            shown(&store.dir)
        );
        return Ok(ExitCode::SUCCESS);
    }
    if matrix {
        return print_matrix(rows, form);
    }
    match form {
        Form::Json => print_json(&rows),
        Form::Csv => print!("{}", to_csv(&rows)),
        Form::Table => print!("{}", table(&rows)),
    }
    Ok(ExitCode::SUCCESS)
}

/// The matrix of the vendors' answers, vendors in the order of their names, read one at a time.
fn print_matrix(mut rows: Vec<VendorRow>, form: Form) -> Result<ExitCode> {
    rows.sort_by(|a, b| a.vendor.to_lowercase().cmp(&b.vendor.to_lowercase()).then(a.path.cmp(&b.path)));
    let mut matrix = Matrix::default();
    for r in &rows {
        match store::read(&r.path) {
            // Changed since it was listed into something else: left out, as `vendors` would leave it out.
            Ok(a) if a.questionnaire().kind == Kind::Vendor => {
                matrix.add(&r.path.file_stem().unwrap_or_default().to_string_lossy(), &a)
            }
            Ok(_) => {}
            Err(e) => eprintln!("soc2-ready: skipped {}", one_line(&e.to_string())),
        }
    }
    match form {
        Form::Json => print_json(&matrix),
        Form::Csv => print!("{}", matrix.to_csv()),
        Form::Table => print!("{}", matrix.to_text(super::list_table::terminal_width())),
    }
    Ok(ExitCode::SUCCESS)
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map_or("—".to_string(), |d| d.format("%Y-%m-%d").to_string())
}

/// A score as the report prints it: "67", "67.5"; "—" when nothing is scored.
fn score(s: Option<f64>) -> String {
    s.map_or("—".to_string(), crate::estimate::n)
}

fn table(rows: &[VendorRow]) -> String {
    // The vendor column is as wide as the widest name in the columns a terminal shows (a wide script takes
    // two per character), from 24 up to 60, beyond which a very long name pushes its own row along.
    let columns = |text: &str| unicode_width::UnicodeWidthStr::width(text);
    let pad = |text: &str, width: usize| format!("{text}{}", " ".repeat(width.saturating_sub(columns(text))));
    let wv = rows.iter().map(|r| columns(&one_line(&r.vendor))).max().unwrap_or(0).clamp(24, 60);
    let mut out = format!(
        "{} {:<9} {:<9} {:>4} {:>5} {:<16} {:>4} {:>9}  {:<13} NEXT REVIEW\n",
        pad("VENDOR", wv),
        "TIER",
        "RISK",
        "DONE",
        "SCORE",
        "ATTESTATION",
        "AGE",
        "CRITICAL",
        "LAST ASSESSED"
    );
    for r in rows {
        out.push_str(&format!(
            "{} {:<9} {:<9} {:>4} {:>5} {:<16} {:>4} {:>9}  {:<13} {}{}\n",
            pad(&one_line(&r.vendor), wv),
            r.tier,
            r.verdict,
            format!("{}%", r.completion),
            score(r.score),
            r.attestation.as_deref().map_or("none".to_string(), one_line),
            r.attestation_age_months.map_or("—".to_string(), |m| format!("{m}mo")),
            r.critical_findings.len(),
            date(r.last_assessed),
            date(r.next_review),
            if r.overdue { " (overdue)" } else { "" }
        ));
    }
    out.push_str(
        "\nNext review: 12 months after the last assessment; 6 months for a high inherent tier, a high or critical \
         risk, or no attestation from the last 12 months.\n",
    );
    out
}

/// One row per vendor, the table's columns and the critical findings (one per line in their cell).
fn to_csv(rows: &[VendorRow]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "vendor",
        "name",
        "tier",
        "risk",
        "completion",
        "score",
        "attestation",
        "attestation age (months)",
        "critical findings",
        "last assessed",
        "next review",
        "overdue",
    ];
    w.write_record(header).expect("writing to memory cannot fail");
    for r in rows {
        let cells = [
            r.vendor.clone(),
            r.path.file_stem().unwrap_or_default().to_string_lossy().into_owned(),
            r.tier.to_string(),
            r.verdict.to_string(),
            r.completion.to_string(),
            r.score.map(crate::estimate::n).unwrap_or_default(),
            r.attestation.clone().unwrap_or_default(),
            r.attestation_age_months.map(|m| m.to_string()).unwrap_or_default(),
            r.critical_findings.join("\n"),
            r.last_assessed.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
            r.next_review.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
            if r.overdue { "yes" } else { "no" }.to_string(),
        ];
        w.write_record(cells.iter().map(|c| crate::text::spreadsheet_safe(c).into_owned()))
            .expect("writing to memory cannot fail");
    }
    let bytes = w.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("every cell is UTF-8")
}
