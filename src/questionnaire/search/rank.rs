//! Ranking the questions for what was typed: each word of the query is looked up in the index, as typed
//! (stemmed), as an abbreviation's long forms, half-typed, or with one letter wrong; then questions are
//! ordered by how many words they have, then by where those words are, then in questionnaire order.

use std::sync::LazyLock;

use super::Place;
use super::index::{Field, Index, weight_of};
use crate::search::bm25::idf;
use crate::search::words::{Stems, is_stop, raw_words, synonyms_of};

/// Only this much of a query is read (a pasted page is not a search).
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Only this many words of a query count.
pub const MAX_WORDS: usize = 32;

/// The weight of every set of places, looked up rather than added up for each question.
static WEIGHTS: LazyLock<Vec<f64>> = LazyLock::new(|| (0..1u16 << Field::ALL.len()).map(weight_of).collect());

/// How much a word counts when it matched only as the start of a longer word (typed half-way).
const PREFIX: f32 = 0.8;
/// How much a word counts when it matched only with one letter wrong, missing, extra or swapped.
const TYPO: f32 = 0.5;
/// The shortest word looked up as the start of longer words.
const MIN_PREFIX_CHARS: usize = 3;
/// The shortest word looked up with a typo ("a typo of one letter in a longer word").
const MIN_TYPO_CHARS: usize = 5;
/// At most this many words are taken for one half-typed word.
const MAX_PREFIX_TERMS: usize = 64;

/// Whether two words differ by at most one letter changed, left out, added, or two neighbours swapped
/// (the optimal string alignment distance is at most 1), without allocating: this runs on every word of
/// the questionnaire's vocabulary of about the same length.
pub fn within_one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let start = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if start == short.len() {
        return true; // equal, or one letter added at the end
    }
    if short.len() == long.len() {
        // One changed, or two neighbours swapped.
        let (a, b) = (&short[start..], &long[start..]);
        a[1..] == b[1..] || (a.len() >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])
    } else {
        // One added in the longer word.
        short[start..] == long[start + 1..]
    }
}

/// A question that has at least one word of the query.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub place: Place,
    /// How many words of the query it has.
    pub matched: usize,
    /// Where those words are, weighted (see [`super::index::Field::weight`]), each word by how rare it is.
    pub score: f64,
    /// Why it comes before the others, if it does: the query names it, or is a phrase of its text.
    pub exact: Option<Exact>,
}

/// What puts a question first, whatever the other words: the query has its id (`change.approval`) or its
/// name after the section (`approval`) as a word; or the whole query, two words or more, is a phrase of the
/// question's text, its words in that order ("code review").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exact {
    Id,
    Phrase,
}

/// The questions a query finds, best first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ranked {
    /// How many words of the query count (everyday words such as "the" do not).
    pub words: usize,
    pub hits: Vec<Hit>,
}

impl Ranked {
    /// Whether a hit has every word of the query.
    pub fn is_complete(&self, hit: &Hit) -> bool {
        hit.matched == self.words
    }
}

/// The terms that stand for one written word, each with how much a match counts.
type Choices = Vec<(u32, f32)>;
/// One reading of a word: every part must be in the same place of a question (`multi factor`).
type Reading = Vec<Choices>;

/// One word of the query as typed (between spaces): its tokens (`multi-factor` has two), which must all
/// be in the same place, each with its readings (as written, or an abbreviation's long forms).
struct Word {
    tokens: Vec<Vec<Reading>>,
}

/// For each question: in which places (a set of field bits) and how well (1 exact, less for a half-typed
/// word or a typo).
struct Found {
    fields: Vec<u16>,
    quality: Vec<f32>,
}

impl Found {
    fn none(n: usize) -> Found {
        Found { fields: vec![0; n], quality: vec![0.0; n] }
    }

    /// Keeps only the places both have.
    fn and(&mut self, other: &Found) {
        for d in 0..self.fields.len() {
            self.fields[d] &= other.fields[d];
            self.quality[d] = if self.fields[d] == 0 { 0.0 } else { self.quality[d].min(other.quality[d]) };
        }
    }

    /// Adds the places of the other.
    fn or(&mut self, other: &Found) {
        for d in 0..self.fields.len() {
            if other.fields[d] != 0 {
                self.fields[d] |= other.fields[d];
                self.quality[d] = self.quality[d].max(other.quality[d]);
            }
        }
    }
}

impl Index {
    /// The questions that have any word of the query, best first: most words of the query first; then
    /// by where the words are (the whole id first, then an id part, a criterion, the text, the guidance,
    /// ...), each word counting more the fewer questions have it; then in questionnaire order. Shown and
    /// hidden questions alike: the caller knows which are shown.
    pub fn search(&self, query: &str) -> Ranked {
        let words = self.words(query);
        let n = self.places.len();
        let weights = &*WEIGHTS;
        let mut matched = vec![0usize; n];
        let mut score = vec![0.0f64; n];
        for word in &words {
            let found = self.found(word);
            let df = found.fields.iter().filter(|f| **f != 0).count();
            if df == 0 {
                continue;
            }
            // BM25's inverse document frequency: a word most questions have counts little.
            let idf = idf(n, df);
            for d in 0..n {
                if found.fields[d] != 0 {
                    matched[d] += 1;
                    score[d] += idf * f64::from(found.quality[d]) * weights[usize::from(found.fields[d])];
                }
            }
        }
        let (names, phrase) = self.exact_query(query);
        let exact = |d: usize| {
            let (id, name) = &self.names[d];
            if names.iter().any(|w| w == id || w == name) {
                Some(Exact::Id)
            } else if phrase.len() >= 2 && self.texts[d].windows(phrase.len()).any(|w| w == phrase.as_slice()) {
                Some(Exact::Phrase)
            } else {
                None
            }
        };
        let mut hits: Vec<Hit> = (0..n)
            .filter(|&d| matched[d] > 0)
            .map(|d| Hit { place: self.places[d], matched: matched[d], score: score[d], exact: exact(d) })
            .collect();
        // `None` sorts before `Some`: the exact ones first by `is_none`, then which kind.
        hits.sort_by(|a, b| {
            (a.exact.is_none(), a.exact)
                .cmp(&(b.exact.is_none(), b.exact))
                .then(b.matched.cmp(&a.matched))
                .then(b.score.total_cmp(&a.score))
                .then(a.place.cmp(&b.place))
        });
        Ranked { words: words.len(), hits }
    }

    /// The query's words as written, punctuation around them trimmed, lower-cased (to compare with ids);
    /// and the query as stems, everyday words kept (to compare with the questions' texts).
    fn exact_query(&self, query: &str) -> (Vec<String>, Vec<String>) {
        let end = query.char_indices().nth(MAX_QUERY_CHARS).map_or(query.len(), |(i, _)| i);
        let query = &query[..end];
        let names = query
            .split(|c: char| c.is_whitespace() || crate::text::is_unsafe(c))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '_').to_lowercase())
            .filter(|w| !w.is_empty())
            .take(MAX_WORDS)
            .collect();
        let mut phrase = super::index::phrase_stems(&Stems::new(), query);
        phrase.truncate(MAX_WORDS);
        (names, phrase)
    }

    /// The words of the query that count.
    fn words(&self, query: &str) -> Vec<Word> {
        let stems = Stems::new();
        let end = query.char_indices().nth(MAX_QUERY_CHARS).map_or(query.len(), |(i, _)| i);
        // Words are separated by spaces, and by control and invisible characters (pasted or typed by mistake).
        query[..end]
            .split(|c: char| c.is_whitespace() || crate::text::is_unsafe(c))
            .filter(|w| !w.is_empty())
            .take(MAX_WORDS)
            .filter_map(|w| self.word(w, &stems))
            .collect()
    }

    fn word(&self, written: &str, stems: &Stems) -> Option<Word> {
        let lower = written.to_lowercase();
        // A whole id, criterion or AI area id (`retention.delete_primary`, `CC6.1`, `training-data`),
        // also with punctuation around it.
        let whole = lower.trim_matches(|c: char| !c.is_alphanumeric());
        if whole.contains(|c: char| !c.is_alphanumeric())
            && let Some(&t) = self.terms.get(whole)
        {
            return Some(Word { tokens: vec![vec![vec![vec![(t, 1.0)]]]] });
        }
        let mut tokens = Vec::new();
        raw_words(&lower, |raw| {
            if !is_stop(raw) {
                tokens.push(self.readings(raw, stems));
            }
        });
        (!tokens.is_empty()).then_some(Word { tokens })
    }

    /// A token as written, and, for an abbreviation, its group's first abbreviation (which the index gives
    /// every question using an abbreviation or a phrase of the group).
    fn readings(&self, raw: &str, stems: &Stems) -> Vec<Reading> {
        let mut readings = vec![vec![self.choices(raw, stems)]];
        if let Some((abbreviations, _)) = synonyms_of(raw)
            && let Some(&t) = self.terms.get(stems.term(abbreviations[0]).as_ref())
        {
            readings.push(vec![vec![(t, 1.0)]]);
        }
        readings
    }

    /// The terms a written word stands for: its stem when a question has it; otherwise the words it begins
    /// and the words one letter away.
    fn choices(&self, raw: &str, stems: &Stems) -> Choices {
        if let Some(&t) = self.terms.get(stems.term(raw).as_ref()) {
            return vec![(t, 1.0)];
        }
        let mut out: Choices = Vec::new();
        let len = raw.chars().count();
        if len >= MIN_PREFIX_CHARS {
            let start = self.written.partition_point(|(w, _)| w.as_str() < raw);
            for (_, t) in self.written[start..].iter().take_while(|(w, _)| w.starts_with(raw)) {
                if out.len() == MAX_PREFIX_TERMS {
                    break;
                }
                if !out.iter().any(|(o, _)| o == t) {
                    out.push((*t, PREFIX));
                }
            }
        }
        if len >= MIN_TYPO_CHARS {
            let typed: Vec<char> = raw.chars().collect();
            for length in len - 1..=len + 1 {
                for (chars, t) in self.by_length.get(length).map_or(&[][..], Vec::as_slice) {
                    if !out.iter().any(|(o, _)| o == t) && within_one_edit(&typed, chars) {
                        out.push((*t, TYPO));
                    }
                }
            }
        }
        out
    }

    /// Where a word of the query is, question by question.
    fn found(&self, word: &Word) -> Found {
        let n = self.places.len();
        // Each token in the same place: the places all have.
        let mut all: Option<Found> = None;
        for readings in &word.tokens {
            // Any reading of the token: the places any has.
            let mut token: Option<Found> = None;
            for reading in readings.iter().filter(|r| !r.is_empty()) {
                // Every part of the reading in the same place.
                let mut parts: Option<Found> = None;
                for choices in reading {
                    let found = self.found_any(choices);
                    match &mut parts {
                        None => parts = Some(found),
                        Some(p) => p.and(&found),
                    }
                }
                match (&mut token, parts) {
                    (None, parts) => token = parts,
                    (Some(t), Some(p)) => t.or(&p),
                    (Some(_), None) => {}
                }
            }
            let token = token.unwrap_or_else(|| Found::none(n));
            match &mut all {
                None => all = Some(token),
                Some(a) => a.and(&token),
            }
        }
        all.unwrap_or_else(|| Found::none(n))
    }

    fn found_any(&self, choices: &Choices) -> Found {
        let mut found = Found::none(self.places.len());
        for &(t, quality) in choices {
            for &(doc, fields) in &self.postings[t as usize] {
                let d = doc as usize;
                found.fields[d] |= fields;
                found.quality[d] = found.quality[d].max(quality);
            }
        }
        found
    }
}
