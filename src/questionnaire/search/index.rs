//! The search index of one questionnaire, built once: for every word (stemmed), which questions have it
//! and where (the id, the text, the guidance, ...); and the words as written, for words typed half-way or
//! with a typo.

use std::collections::HashMap;

use crate::questionnaire::Questionnaire;
use crate::search::words::{Phrases, Stems, expand, raw_words};

/// Where in a question a word is found; each place has its weight in the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The whole question id (`retention.delete_primary`): that question comes first.
    WholeId,
    /// A part of the id (`delete`, `primary`).
    IdPart,
    /// A TSC criterion, whole (`cc6.1`).
    Criterion,
    /// A criterion's series (`cc6` for CC6.1, CC6.2, ...).
    CriterionSeries,
    /// The AI area's id, whole (`training-data`).
    AiArea,
    /// The words of the AI area's name and id.
    AiAreaWords,
    Text,
    Help,
    /// The section's title and id.
    Section,
    /// The policy document the question needs.
    Policy,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::WholeId,
        Field::IdPart,
        Field::Criterion,
        Field::CriterionSeries,
        Field::AiArea,
        Field::AiAreaWords,
        Field::Text,
        Field::Help,
        Field::Section,
        Field::Policy,
    ];

    /// How much a word found here counts. An id part outweighs a word found everywhere else together
    /// (text, guidance, AI area, section and policy: 6 + 2 + 3 + 2 + 1 = 14 < 16), so a question named
    /// after the word comes first; the text outweighs the guidance.
    pub fn weight(self) -> f64 {
        match self {
            Field::WholeId => 1000.0,
            Field::IdPart => 16.0,
            Field::Criterion => 12.0,
            Field::CriterionSeries => 8.0,
            Field::AiArea => 12.0,
            Field::AiAreaWords => 3.0,
            Field::Text => 6.0,
            Field::Help => 2.0,
            Field::Section => 2.0,
            Field::Policy => 1.0,
        }
    }

    pub fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// The sum of the weights of the places in `fields` (a set of [`Field::bit`]s).
pub fn weight_of(fields: u16) -> f64 {
    Field::ALL.iter().filter(|f| fields & f.bit() != 0).map(|f| f.weight()).sum()
}

/// Everything a query needs, built once per questionnaire.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Each question as (section, question) indexes, in questionnaire order: a question's number here is
    /// its place in that order.
    pub(super) places: Vec<(usize, usize)>,
    /// A term (a stem, or a whole id or criterion) and its number.
    pub(super) terms: HashMap<String, u32>,
    /// For each term, the questions that have it, in order, with where (a set of [`Field::bit`]s).
    pub(super) postings: Vec<Vec<(u32, u16)>>,
    /// Every word as written (lower-cased), sorted, with its term: for words typed half-way.
    pub(super) written: Vec<(String, u32)>,
    /// The written words by their length in characters, as characters, with their term: for typos.
    pub(super) by_length: Vec<Vec<(Vec<char>, u32)>>,
    /// Each question's id and its name after the section (`change.approval`, `approval`), lower-cased,
    /// in the order of `places`: a query naming a question puts it first.
    pub(super) names: Vec<(String, String)>,
    /// Each question's text as stems, everyday words kept, in the order of `places`: a query that is a
    /// phrase of the text puts that question first.
    pub(super) texts: Vec<Vec<String>>,
}

/// What a written word stands for, worked out the first time it is seen.
enum Seen {
    /// An everyday word, not indexed.
    Stop,
    /// Its stem first; for an abbreviation also its group's first abbreviation and the words of the
    /// group's first phrase.
    Terms(Vec<u32>),
}

/// Collects the questions' terms with where they are.
struct Builder {
    stems: Stems,
    terms: HashMap<String, u32>,
    postings: Vec<Vec<(u32, u16)>>,
    written: HashMap<String, Seen>,
    /// The current question's terms and where, repeated terms merged in [`Builder::finish`].
    found: Vec<(u32, u16)>,
    /// The abbreviations' phrases as terms.
    phrases: Phrases<u32>,
    /// The terms of the last words of the text being indexed, for phrases.
    recent: Vec<u32>,
}

impl Builder {
    fn new() -> Builder {
        let stems = Stems::new();
        let mut terms = HashMap::new();
        let mut postings = Vec::new();
        let phrases = Phrases::new(|w| term(&mut terms, &mut postings, &stems.term(w)));
        Builder { stems, terms, postings, written: HashMap::new(), found: Vec::new(), phrases, recent: Vec::new() }
    }

    /// A term as it is (a whole id or criterion), not split or stemmed.
    fn whole(&mut self, t: &str, field: Field) {
        let t = term(&mut self.terms, &mut self.postings, t);
        self.found.push((t, field.bit()));
    }

    /// A written word: its terms ([`expand`]); and where it ends a phrase of an abbreviation, the
    /// abbreviation.
    fn word(&mut self, word: &str, field: Field) {
        let own = match self.written.get(word) {
            Some(Seen::Terms(terms)) => {
                self.found.extend(terms.iter().map(|&t| (t, field.bit())));
                terms[0]
            }
            Some(Seen::Stop) => return,
            None => {
                let (terms, postings, stems) = (&mut self.terms, &mut self.postings, &self.stems);
                let Some(found) = expand(word, |w| term(terms, postings, &stems.term(w))) else {
                    self.written.insert(word.to_string(), Seen::Stop);
                    return;
                };
                self.found.extend(found.iter().map(|&t| (t, field.bit())));
                let own = found[0];
                self.written.insert(word.to_string(), Seen::Terms(found));
                own
            }
        };
        let found = &mut self.found;
        self.phrases.next(&mut self.recent, own, |&a| found.push((a, field.bit())));
    }

    fn text(&mut self, text: &str, field: Field) {
        self.recent.clear();
        raw_words(text, |w| self.word(w, field));
    }

    /// The current question's terms into the postings, as question `doc`.
    fn finish(&mut self, doc: u32) {
        self.found.sort_unstable_by_key(|&(t, _)| t);
        let mut i = 0;
        while i < self.found.len() {
            let (t, mut fields) = self.found[i];
            i += 1;
            while i < self.found.len() && self.found[i].0 == t {
                fields |= self.found[i].1;
                i += 1;
            }
            self.postings[t as usize].push((doc, fields));
        }
        self.found.clear();
    }
}

/// A term's number, a new one the first time it is seen.
fn term(terms: &mut HashMap<String, u32>, postings: &mut Vec<Vec<(u32, u16)>>, term: &str) -> u32 {
    if let Some(&t) = terms.get(term) {
        return t;
    }
    let t = postings.len() as u32;
    terms.insert(term.to_string(), t);
    postings.push(Vec::new());
    t
}

/// The terms of every word of a text, everyday words kept (for phrases).
pub(super) fn phrase_stems(stems: &Stems, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    raw_words(&text.to_lowercase(), |w| out.push(stems.term(w).into_owned()));
    out
}

impl Index {
    /// The index of every question, shown or not (which are shown changes with the answers; the index
    /// does not).
    pub fn build(q: &Questionnaire) -> Index {
        let mut b = Builder::new();
        let mut places = Vec::new();
        let (mut names, mut texts) = (Vec::new(), Vec::new());
        for (s, section) in q.sections.iter().enumerate() {
            for (i, question) in section.questions.iter().enumerate() {
                let id = question.id.to_lowercase();
                let name = id.split_once('.').map_or(id.as_str(), |(_, name)| name).to_string();
                names.push((id, name));
                // An operating-period question's text names its section, not a topic (see below).
                texts.push(if question.operating_period { Vec::new() } else { phrase_stems(&b.stems, &question.text) });
                b.whole(&question.id.to_lowercase(), Field::WholeId);
                b.text(&question.id, Field::IdPart);
                for criterion in &question.criteria {
                    let criterion = criterion.to_lowercase();
                    b.whole(&criterion, Field::Criterion);
                    if let Some((series, _)) = criterion.split_once('.') {
                        b.whole(series, Field::CriterionSeries);
                    }
                }
                if let Some(area) = question.ai_area {
                    b.whole(area.id(), Field::AiArea);
                    b.text(area.id(), Field::AiAreaWords);
                    b.text(area.label(), Field::AiAreaWords);
                }
                // An operating-period question ("how much of the window have the access control controls
                // above operated") is about its whole section, and its text names the section: those words
                // count as the section's, so it does not outrank the section's own controls.
                b.text(&question.text, if question.operating_period { Field::Section } else { Field::Text });
                b.text(&question.help, Field::Help);
                b.text(&section.title, Field::Section);
                b.text(&section.id, Field::Section);
                b.text(&question.policy, Field::Policy);
                b.finish(places.len() as u32);
                places.push((s, i));
            }
        }
        // Every word as written that stands for a term (not the everyday ones), for half-typed words and
        // typos.
        let mut written: Vec<(String, u32)> = b
            .written
            .into_iter()
            .filter_map(|(word, seen)| match seen {
                Seen::Terms(terms) => Some((word, terms[0])),
                Seen::Stop => None,
            })
            .collect();
        written.sort_unstable();
        let mut by_length: Vec<Vec<(Vec<char>, u32)>> = Vec::new();
        for (word, t) in &written {
            let chars: Vec<char> = word.chars().collect();
            if by_length.len() <= chars.len() {
                by_length.resize(chars.len() + 1, Vec::new());
            }
            by_length[chars.len()].push((chars, *t));
        }
        Index { places, terms: b.terms, postings: b.postings, written, by_length, names, texts }
    }

    /// How many questions the index holds.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_part_outweighs_everything_but_the_id_and_criteria() {
        let rest = [Field::AiAreaWords, Field::Text, Field::Help, Field::Section, Field::Policy];
        let sum: f64 = rest.iter().map(|f| f.weight()).sum();
        assert!(Field::IdPart.weight() > sum);
        assert!(Field::Text.weight() > Field::Help.weight());
        assert!(
            Field::WholeId.weight() > Field::ALL.iter().filter(|f| **f != Field::WholeId).map(|f| f.weight()).sum()
        );
        assert_eq!(weight_of(Field::Text.bit() | Field::Help.bit()), 8.0);
    }

    #[test]
    fn indexes_every_question_with_where_its_words_are() {
        let q = crate::questionnaire::parse(include_str!("../../../tests/fixtures/demo.json"), "demo.json").unwrap();
        let index = Index::build(&q);
        assert_eq!(index.len(), 9);
        let weights = index.terms["weight"];
        assert_eq!(
            index.postings[weights as usize],
            vec![(6, Field::IdPart.bit() | Field::Text.bit() | Field::Help.bit())]
        );
        let series = index.terms["cc6"];
        assert_eq!(index.postings[series as usize].iter().map(|p| p.0).collect::<Vec<_>>(), [5, 6, 7, 8]);
        // `MFA` nowhere; multi-factor in the text of access.mfa, and the id part brings its long form.
        let multi = index.terms["multi"];
        assert_eq!(index.postings[multi as usize], vec![(7, Field::IdPart.bit() | Field::Text.bit())]);
    }
}
