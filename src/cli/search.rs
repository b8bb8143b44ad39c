//! `soc2-ready search`: the interface's `/` on the command line, over the same ranked search.

use std::process::ExitCode;

use anyhow::{Result, bail};
use serde_json::json;

use crate::assessment::{Assessment, Store, Visibility, describe, store};
use crate::questionnaire::search::{Hit, Index, Ranked};
use crate::text::{json_safe, one_line};
use crate::{paths, spreadsheet};

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// A path, or a name as `soc2-ready list` shows it.
    #[arg(add = clap_complete::engine::ArgValueCompleter::new(super::completions::assessment_names))]
    pub assessment: String,
    /// What to look for: words, a question id (access.sso), a criterion (CC6.1) or an AI area
    /// (training-data).
    #[arg(required = true, value_name = "WORDS")]
    pub words: Vec<String>,
    /// Print a JSON array instead of text: rank, id, section, section_title, text, answer (the value as
    /// `show --json` gives it), answer_text, visible, matched_words, query_words, score.
    #[arg(long)]
    pub json: bool,
    /// Show at most this many questions, the best (all that match by default).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,
}

pub fn run(args: SearchArgs) -> Result<ExitCode> {
    let store = Store::new(paths::store_dir().unwrap_or_default());
    let path = store.resolve(&args.assessment);
    let a = store::read(&path)?;
    let query = args.words.join(" ");
    // A customer's id typed exactly (`A&A-01.1`) finds its question as its key would.
    let key = match spreadsheet::customer_ids::resolve(&a, query.trim()) {
        Ok(key) if a.questionnaire().question(&key).is_some() => key,
        _ => query.clone(),
    };
    let mut ranked = Index::build(a.questionnaire()).search(&key);
    if ranked.words == 0 {
        let what = if query.chars().any(char::is_alphanumeric) {
            format!("in \"{}\" (only words too common to tell questions apart, such as \"the\")", one_line(&query))
        } else {
            "(no letters or digits)".to_string()
        };
        bail!("nothing to search for {what}: give words, a question id (access.sso) or a criterion (CC6.1)");
    }
    let total = ranked.hits.len();
    if let Some(limit) = args.limit {
        ranked.hits.truncate(limit as usize);
    }
    let vis = Visibility::of_assessment(&a);
    if args.json {
        print_json(&a, &ranked, &vis);
    } else {
        print_text(&a, &ranked, &vis, &query, total);
    }
    Ok(ExitCode::SUCCESS)
}

/// The answer as people read it, or why there is none.
fn answer_text(a: &Assessment, hit: &Hit) -> Option<String> {
    let question = &a.questionnaire().sections[hit.place.0].questions[hit.place.1];
    let answer = a.answers().get(&question.id)?;
    let text = describe(question, answer.value.as_ref()?);
    Some(if answer.to_confirm { format!("{text} (carried over, to confirm)") } else { text })
}

/// The questions found, under a line that says how many of how many (`total`, before `--limit`).
fn print_text(a: &Assessment, ranked: &Ranked, vis: &Visibility, query: &str, total: usize) {
    let q = a.questionnaire();
    // The query as typed, up to a line's worth: a pasted page is not printed back whole.
    let (query, org) = (super::list_table::cut(&one_line(query), 80), one_line(&a.org));
    match (ranked.hits.len(), total) {
        (0, _) => {
            println!("No question in {org} matches \"{query}\".");
            return;
        }
        (1, 1) => println!("1 question in {org} for \"{query}\":"),
        (n, total) if n == total => println!("{n} questions in {org} for \"{query}\", best first:"),
        (n, total) => println!("{total} questions in {org} for \"{query}\", the best {n}:"),
    }
    let ids = spreadsheet::customer_ids::shown_ids(a);
    let width = ranked.hits.len().to_string().len();
    let indent = " ".repeat(width + 2);
    for (rank, hit) in ranked.hits.iter().enumerate() {
        let (s, i) = hit.place;
        let question = &q.sections[s].questions[i];
        let id = spreadsheet::customer_ids::shown(&ids, &question.id);
        let mut head = format!("{:>width$}. {} · {}", rank + 1, one_line(id), one_line(&q.sections[s].title));
        if !ranked.is_complete(hit) {
            head.push_str(&format!(" · {} of {} words", hit.matched, ranked.words));
        }
        if !vis.question(s, i) {
            head.push_str(" · hidden by earlier answers");
        }
        println!("{head}");
        println!("{indent}{}", one_line(&question.text));
        let answer = answer_text(a, hit).unwrap_or_else(|| "not answered".to_string());
        println!("{indent}Answer: {}", one_line(&answer));
    }
}

fn print_json(a: &Assessment, ranked: &Ranked, vis: &Visibility) {
    let q = a.questionnaire();
    let ids = spreadsheet::customer_ids::shown_ids(a);
    let rows: Vec<_> = ranked
        .hits
        .iter()
        .enumerate()
        .map(|(rank, hit)| {
            let (s, i) = hit.place;
            let question = &q.sections[s].questions[i];
            json!({
                "rank": rank + 1,
                "id": spreadsheet::customer_ids::shown(&ids, &question.id),
                "section": q.sections[s].id,
                "section_title": q.sections[s].title,
                "text": question.text,
                "answer": a.value(&question.id),
                "answer_text": answer_text(a, hit),
                "visible": vis.question(s, i),
                "matched_words": hit.matched,
                "query_words": ranked.words,
                "score": (hit.score * 1000.0).round() / 1000.0,
            })
        })
        .collect();
    let text = serde_json::to_string_pretty(&rows).expect("output always serialises");
    println!("{}", json_safe(text));
}
