//! The library's questions found by their id, by their text, or ranked by their words: the one search
//! engine ([`crate::search`]) over the questions' texts as one field.

use std::collections::HashMap;

use super::record::Record;
use crate::search::{Bm25, tokens};

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
    words: Bm25,
    pub by_id: HashMap<String, Vec<u32>>,
    pub by_text: HashMap<String, Vec<u32>>,
}

impl Index {
    pub fn build(records: &[Record]) -> Index {
        let mut by_id: HashMap<String, Vec<u32>> = HashMap::new();
        let mut by_text: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            for id in &r.ids {
                by_id.entry(id_key(id)).or_default().push(i as u32);
            }
            by_text.entry(normalised(&r.question)).or_default().push(i as u32);
        }
        let words = Bm25::build(records.iter().map(|r| tokens(&r.question)));
        Index { words, by_id, by_text }
    }

    /// The best `limit` records for the text, with their BM25 scores, best first.
    pub fn search(&self, text: &str, limit: usize) -> Vec<(u32, f64)> {
        self.words.search(tokens(text), limit)
    }
}
