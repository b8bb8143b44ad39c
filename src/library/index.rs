//! Ranked retrieval over the library's questions: BM25 over folded word tokens.

use std::collections::HashMap;

use super::record::Record;

/// Words too common in security questionnaires to tell questions apart.
const STOP: [&str; 24] = [
    "the", "a", "an", "and", "or", "of", "to", "in", "for", "is", "are", "do", "does", "you", "your", "with", "on",
    "by", "be", "that", "this", "it", "as", "at",
];

/// Words security questionnaires use for the same thing, folded to one (after lower-casing). Offline and
/// small on purpose: a few dozen everyday synonyms, no model.
const SYNONYMS: [(&str, &str); 46] = [
    ("information", "data"),
    ("records", "data"),
    ("staff", "employee"),
    ("personnel", "employee"),
    ("workforce", "employee"),
    ("hires", "employee"),
    ("people", "employee"),
    ("computers", "laptop"),
    ("computer", "laptop"),
    ("endpoint", "laptop"),
    ("endpoints", "laptop"),
    ("workstations", "laptop"),
    ("devices", "laptop"),
    ("supplier", "vendor"),
    ("suppliers", "vendor"),
    ("providers", "vendor"),
    ("provider", "vendor"),
    ("third", "vendor"),
    ("copies", "backup"),
    ("recovery", "restore"),
    ("verify", "test"),
    ("check", "test"),
    ("exercise", "test"),
    ("assess", "review"),
    ("examine", "review"),
    ("evaluate", "review"),
    ("yearly", "annual"),
    ("annually", "annual"),
    ("year", "annual"),
    ("twelve", "annual"),
    ("month", "monthly"),
    ("quarter", "quarterly"),
    ("erase", "delete"),
    ("deletion", "delete"),
    ("removal", "delete"),
    ("purge", "delete"),
    ("mfa", "factor"),
    ("2fa", "factor"),
    ("authentication", "factor"),
    ("breach", "incident"),
    ("breaches", "incident"),
    ("flaws", "vulnerability"),
    ("weakness", "vulnerability"),
    ("weaknesses", "vulnerability"),
    ("keys", "key"),
    ("cryptographic", "encrypt"),
];

/// A light suffix fold so `encrypted`, `encryption` and `encrypts` meet.
fn stem(word: &str) -> String {
    for suffix in ["ation", "ions", "ion", "ing", "ed", "es", "s"] {
        if let Some(root) = word.strip_suffix(suffix)
            && root.chars().count() >= 4
        {
            return root.to_string();
        }
    }
    word.to_string()
}

/// Lower-case alphanumeric words, synonyms folded, suffixes folded, stop words dropped.
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            let w = SYNONYMS.iter().find(|(from, _)| *from == w).map_or(w.as_str(), |(_, to)| to).to_string();
            stem(&w)
        })
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// Case, whitespace, line breaks and punctuation folded: two texts equal under this are the same question.
pub fn normalised(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Fold an id for comparison: `a&a-01.1` and `A&A-01.1 ` are the same.
pub fn id_key(id: &str) -> String {
    id.trim().to_uppercase().chars().filter(|c| !c.is_whitespace()).collect()
}

pub struct Index {
    postings: HashMap<String, Vec<(u32, u16)>>,
    lengths: Vec<u16>,
    average: f64,
    pub by_id: HashMap<String, Vec<u32>>,
    pub by_text: HashMap<String, Vec<u32>>,
}

const K1: f64 = 1.2;
const B: f64 = 0.75;

impl Index {
    pub fn build(records: &[Record]) -> Index {
        let mut postings: HashMap<String, Vec<(u32, u16)>> = HashMap::new();
        let mut lengths = Vec::with_capacity(records.len());
        let mut by_id: HashMap<String, Vec<u32>> = HashMap::new();
        let mut by_text: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            let words = tokens(&r.question);
            lengths.push(words.len().min(u16::MAX as usize) as u16);
            let mut tf: HashMap<&str, u16> = HashMap::new();
            for w in &words {
                *tf.entry(w).or_default() += 1;
            }
            for (w, n) in tf {
                postings.entry(w.to_string()).or_default().push((i as u32, n));
            }
            for id in &r.ids {
                by_id.entry(id_key(id)).or_default().push(i as u32);
            }
            by_text.entry(normalised(&r.question)).or_default().push(i as u32);
        }
        let average = if lengths.is_empty() {
            1.0
        } else {
            lengths.iter().map(|l| *l as f64).sum::<f64>() / lengths.len() as f64
        };
        Index { postings, lengths, average: average.max(1.0), by_id, by_text }
    }

    /// The best `limit` records for the text, with their BM25 scores, best first.
    pub fn search(&self, text: &str, limit: usize) -> Vec<(u32, f64)> {
        let n = self.lengths.len() as f64;
        let mut scores: HashMap<u32, f64> = HashMap::new();
        let mut words = tokens(text);
        words.sort();
        words.dedup();
        for w in &words {
            let Some(list) = self.postings.get(w) else { continue };
            let df = list.len() as f64;
            let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
            for (doc, tf) in list {
                let tf = *tf as f64;
                let len = self.lengths[*doc as usize] as f64;
                *scores.entry(*doc).or_default() +=
                    idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / self.average));
            }
        }
        let mut ranked: Vec<(u32, f64)> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(limit);
        ranked
    }
}
