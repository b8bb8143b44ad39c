//! Matching by meaning: our own vocabulary of security and privacy control concepts (`assets/concepts.json`,
//! compiled in), a question's text tagged with the concepts it asks about and whether it asks if the control
//! is in place or if it is absent or prohibited, and library records suggested when their concepts agree.
//! Offline and explainable: every suggestion names the concepts both questions ask about. Never applied
//! without review: every score here stays below [`super::APPLY_THRESHOLD`].

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::index::id_key;
use super::record::Record;
use super::suggest::{Candidate, Rung};
use super::{Library, readiness};
use crate::questionnaire::{Question, QuestionType};
use crate::spreadsheet::vocabulary::{Choice, in_vocabulary};

/// The vocabulary as shipped.
pub const VOCABULARY: &str = include_str!("../../assets/concepts.json");

/// The best score a suggestion found by concepts alone can reach: below the threshold for applying.
pub const MAX_SCORE: f64 = 0.85;

/// Two questions share too little meaning below this (0 to 1, see [`meaning`]).
pub const MIN_MEANING: f64 = 0.3;

/// A broad concept ("staff", "policy", "at least yearly") counts this much of a specific one, and never
/// makes a match on its own.
const BROAD_WEIGHT: f64 = 0.25;

/// At most this many library records are scored for one question (the rarest concepts' records first), so
/// a large library stays fast.
const MAX_CANDIDATES: usize = 400;

/// Of those, at most this many (sharing the most meaning) have their wording compared.
const MOST_WORDED: usize = 32;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[allow(dead_code)]
    about: String,
    concepts: Vec<ConceptData>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConceptData {
    id: String,
    name: String,
    #[serde(default)]
    broad: bool,
    phrases: Vec<String>,
    #[serde(default)]
    opposites: Vec<String>,
    #[serde(default)]
    tsc: Vec<String>,
}

/// One control concept.
#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    pub id: String,
    /// What it is, as a reason names it ("multi-factor authentication").
    pub name: String,
    pub broad: bool,
    /// SOC 2 Trust Services Criteria it relates to (`CC6.1`).
    pub tsc: Vec<String>,
}

#[derive(Debug, Clone)]
struct Word {
    text: String,
    prefix: bool,
}

impl Word {
    fn matches(&self, token: &str) -> bool {
        if self.prefix { token.starts_with(&self.text) } else { token == self.text }
    }
}

#[derive(Debug, Clone)]
struct Phrase {
    concept: u16,
    words: Vec<Word>,
    /// The phrase names the concept's opposite (shared accounts for individual accounts).
    opposite: bool,
}

/// The compiled vocabulary: concepts and their phrases indexed by first word.
#[derive(Debug, Default)]
pub struct Vocabulary {
    pub concepts: Vec<Concept>,
    phrases: Vec<Phrase>,
    exact: HashMap<String, Vec<u32>>,
    /// Phrases whose first word is a prefix, by its first three characters.
    prefix: HashMap<String, Vec<u32>>,
}

/// Whether a question asks if the control is in place, or if it is absent or prohibited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarity {
    /// "Is MFA enforced?", "Are shared accounts prohibited?" (individual accounts, in place).
    InPlace,
    /// "Can anyone sign in without MFA?", "Do you allow shared accounts?".
    Absent,
    /// Both readings in one question: agrees with either.
    Mixed,
}

impl Polarity {
    fn agrees(self, other: Polarity) -> bool {
        self == other || self == Polarity::Mixed || other == Polarity::Mixed
    }
}

/// A concept a question asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag {
    pub concept: u16,
    pub polarity: Polarity,
}

/// Words before a phrase that turn it around ("without MFA", "no shared accounts", "rather than a shared
/// login"); a trailing * matches any ending.
const NEGATIONS_BEFORE: [&str; 12] =
    ["no", "not", "never", "without", "non", "rather", "instead", "prohibit*", "forbid*", "disallow*", "ban", "avoid*"];
/// Words after a phrase that turn it around ("shared accounts are prohibited").
const NEGATIONS_AFTER: [&str; 5] = ["prohibit*", "forbid*", "forbad*", "disallow*", "banned"];

impl Vocabulary {
    /// Parse and check a vocabulary: unique ids, a name and phrases for each, no empty phrase.
    pub fn parse(text: &str) -> Result<Vocabulary, super::AssetProblem> {
        let problem = |problem: String| super::AssetProblem { file: "the concept vocabulary", problem };
        let file: File = serde_json::from_str(text).map_err(|e| problem(e.to_string()))?;
        let mut v = Vocabulary::default();
        let mut seen = HashMap::new();
        for (n, c) in file.concepts.into_iter().enumerate() {
            let index = u16::try_from(n).map_err(|_| problem("too many concepts".to_string()))?;
            if c.id.trim().is_empty() || c.name.trim().is_empty() || c.phrases.is_empty() {
                return Err(problem(format!("concept {} (`{}`) needs an id, a name and phrases", n + 1, c.id)));
            }
            if seen.insert(c.id.clone(), n).is_some() {
                return Err(problem(format!("concept `{}` is listed twice", c.id)));
            }
            for (list, opposite) in [(&c.phrases, false), (&c.opposites, true)] {
                for p in list {
                    let words: Vec<Word> = phrase_words(p);
                    if words.is_empty() || words.iter().any(|w| w.text.is_empty()) {
                        return Err(problem(format!("concept `{}`: the phrase `{p}` has no words", c.id)));
                    }
                    if words[0].prefix && words[0].text.chars().count() < 3 {
                        return Err(problem(format!("concept `{}`: `{p}` is too short a prefix", c.id)));
                    }
                    v.phrases.push(Phrase { concept: index, words, opposite });
                }
            }
            v.concepts.push(Concept { id: c.id, name: c.name, broad: c.broad, tsc: c.tsc });
        }
        for (i, p) in v.phrases.iter().enumerate() {
            let first = &p.words[0];
            if first.prefix {
                v.prefix.entry(first.text.chars().take(3).collect()).or_default().push(i as u32);
            } else {
                v.exact.entry(first.text.clone()).or_default().push(i as u32);
            }
        }
        Ok(v)
    }

    /// The concept with this id.
    pub fn find(&self, id: &str) -> Option<u16> {
        self.concepts.iter().position(|c| c.id == id).map(|i| i as u16)
    }

    /// The concepts a question's text asks about, each once, with its polarity.
    pub fn tag(&self, text: &str) -> Vec<Tag> {
        let tokens = tokens(text);
        // (start, end, phrase) of every phrase found.
        let mut found: Vec<(usize, usize, u32)> = Vec::new();
        for (start, token) in tokens.iter().enumerate() {
            let exact = self.exact.get(token.as_str()).into_iter().flatten();
            let key: String = token.chars().take(3).collect();
            let prefix = self.prefix.get(&key).into_iter().flatten();
            for &i in exact.chain(prefix) {
                let words = &self.phrases[i as usize].words;
                let end = start + words.len();
                if end <= tokens.len() && words.iter().zip(&tokens[start..end]).all(|(w, t)| w.matches(t)) {
                    found.push((start, end, i));
                }
            }
        }
        // A phrase inside a longer one found at the same place is not a finding of its own ("encrypted"
        // inside "encrypted laptops" is the device, not encryption in general).
        let mut kept: Vec<(usize, usize, u32)> = Vec::new();
        for &(s, e, i) in &found {
            let inside = found.iter().any(|&(s2, e2, _)| s2 <= s && e <= e2 && (e2 - s2) > (e - s));
            if !inside {
                kept.push((s, e, i));
            }
        }
        let mut tags: Vec<Tag> = Vec::new();
        for (s, e, i) in kept {
            let phrase = &self.phrases[i as usize];
            let negated = negated(&tokens, s, e);
            let polarity = if phrase.opposite != negated { Polarity::Absent } else { Polarity::InPlace };
            match tags.iter_mut().find(|t| t.concept == phrase.concept) {
                Some(t) if t.polarity != polarity => t.polarity = Polarity::Mixed,
                Some(_) => {}
                None => tags.push(Tag { concept: phrase.concept, polarity }),
            }
        }
        tags
    }

    /// The TSC criteria the concepts of `tags` relate to, sorted, each once.
    pub fn anchors(&self, tags: &[Tag]) -> Vec<String> {
        let mut out: Vec<String> =
            tags.iter().flat_map(|t| self.concepts[t.concept as usize].tsc.iter().cloned()).collect();
        out.sort();
        out.dedup();
        out
    }
}

fn cue(word: &str, token: &str) -> bool {
    match word.strip_suffix('*') {
        Some(prefix) => token.starts_with(prefix),
        None => token == word,
    }
}

/// A negation within three words before the phrase, or a prohibition within three words after it.
fn negated(tokens: &[String], start: usize, end: usize) -> bool {
    let before = &tokens[start.saturating_sub(3)..start];
    let after = &tokens[end..(end + 3).min(tokens.len())];
    before.iter().any(|t| NEGATIONS_BEFORE.iter().any(|w| cue(w, t)))
        || after.iter().any(|t| NEGATIONS_AFTER.iter().any(|w| cue(w, t)))
        || after.windows(2).any(|w| w[0] == "not" && (w[1].starts_with("permit") || w[1].starts_with("allow")))
}

/// A question's framework anchors: its own TSC criteria and those of the concepts its text asks about.
pub fn anchors_of(question: &Question) -> Vec<String> {
    let v = vocabulary();
    let mut out = question.criteria.clone();
    out.extend(v.anchors(&v.tag(&question.text)));
    out.sort();
    out.dedup();
    out
}

/// The shipped vocabulary (empty if it failed to parse, which the tests refuse).
pub fn vocabulary() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| Vocabulary::parse(VOCABULARY).unwrap_or_default())
}

/// One word folded as the vocabulary's phrases are: lower case, a plural `s` off.
fn fold(word: &str) -> String {
    let w = word.to_lowercase();
    let n = w.chars().count();
    if n > 4 && w.ends_with("ies") {
        return format!("{}y", &w[..w.len() - 3]);
    }
    if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return w[..w.len() - 1].to_string();
    }
    w
}

/// A text's words as the vocabulary matches them: lower case, plurals folded, `log in` and `sign on` as one
/// word (so "log in" is not about logs), a lone `s` (from "customer's") dropped.
pub fn tokens(text: &str) -> Vec<String> {
    let raw: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(fold).filter(|w| w != "s").collect();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let joined = match (raw[i].as_str(), raw.get(i + 1).map(String::as_str)) {
            ("log", Some("in" | "on" | "into")) => Some("login"),
            ("sign", Some("in" | "on" | "into")) => Some("signin"),
            _ => None,
        };
        match joined {
            Some(word) => {
                out.push(word.to_string());
                i += 2;
            }
            None => {
                out.push(match raw[i].as_str() {
                    "logon" => "login".to_string(),
                    "signon" => "signin".to_string(),
                    _ => raw[i].clone(),
                });
                i += 1;
            }
        }
    }
    out
}

fn phrase_words(phrase: &str) -> Vec<Word> {
    let prefix_last: Vec<bool> = phrase
        .split(|c: char| !c.is_alphanumeric() && c != '*')
        .filter(|w| !w.is_empty())
        .map(|w| w.ends_with('*'))
        .collect();
    // Fold the phrase as a text is folded, then mark the words that were prefixes (not folded: `polic*`).
    let plain: Vec<&str> = phrase.split(|c: char| !c.is_alphanumeric() && c != '*').filter(|w| !w.is_empty()).collect();
    if plain.iter().any(|w| w.trim_end_matches('*').is_empty()) {
        return Vec::new();
    }
    let joined = tokens(&plain.iter().map(|w| w.trim_end_matches('*')).collect::<Vec<_>>().join(" "));
    if joined.len() != plain.len() {
        // `log in` became one word: no prefixes in such phrases.
        return joined.into_iter().map(|text| Word { text, prefix: false }).collect();
    }
    joined
        .into_iter()
        .zip(plain)
        .zip(prefix_last)
        .map(|((folded, original), prefix)| {
            if prefix {
                Word { text: original.trim_end_matches('*').to_lowercase(), prefix: true }
            } else {
                Word { text: folded, prefix: false }
            }
        })
        .collect()
}

/// The library's records tagged, with the records of each concept.
#[derive(Debug, Default)]
pub struct ConceptIndex {
    pub tags: Vec<Vec<Tag>>,
    postings: HashMap<u16, Vec<u32>>,
}

impl ConceptIndex {
    pub fn build(records: &[Record]) -> ConceptIndex {
        let v = vocabulary();
        let mut index = ConceptIndex::default();
        for (i, r) in records.iter().enumerate() {
            let tags = v.tag(&r.question);
            for t in &tags {
                index.postings.entry(t.concept).or_default().push(i as u32);
            }
            index.tags.push(tags);
        }
        index
    }

    /// How much a concept tells questions apart in this library: rare concepts weigh more, broad ones less.
    pub fn weight(&self, concept: u16) -> f64 {
        let n = self.tags.len() as f64;
        let df = self.postings.get(&concept).map_or(0, Vec::len) as f64;
        // A concept no record asks about says nothing about rarity here: it weighs as a common one.
        let w = if df == 0.0 { 1.0 } else { 1.0 + ((n + 1.0) / (df + 1.0)).ln() };
        if vocabulary().concepts.get(concept as usize).is_some_and(|c| c.broad) { w * BROAD_WEIGHT } else { w }
    }
}

/// What two tagged questions share.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    /// 0 to 1: the weight of the concepts both ask about with the same polarity, against the weight of
    /// each question's concepts (a cosine).
    pub meaning: f64,
    /// The shared concepts, heaviest first.
    pub shared: Vec<u16>,
    /// A concept both ask about with opposite polarity: a Yes to one is a No to the other.
    pub opposed: bool,
}

/// How far the concepts of two questions agree.
pub fn meaning(index: &ConceptIndex, a: &[Tag], b: &[Tag]) -> Agreement {
    let total = |tags: &[Tag]| tags.iter().map(|t| index.weight(t.concept)).sum::<f64>();
    let mut shared: Vec<(u16, f64)> = Vec::new();
    let mut opposed = false;
    for ta in a {
        if let Some(tb) = b.iter().find(|tb| tb.concept == ta.concept) {
            if ta.polarity.agrees(tb.polarity) {
                shared.push((ta.concept, index.weight(ta.concept)));
            } else {
                opposed = true;
            }
        }
    }
    shared.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    let specific = shared.iter().any(|(c, _)| !vocabulary().concepts[*c as usize].broad);
    let (wa, wb) = (total(a), total(b));
    let meaning = if specific && wa > 0.0 && wb > 0.0 {
        (shared.iter().map(|(_, w)| w).sum::<f64>() / (wa * wb).sqrt()).min(1.0)
    } else {
        0.0
    };
    Agreement { meaning, shared: shared.into_iter().map(|(c, _)| c).collect(), opposed }
}

/// "both ask about multi-factor authentication and administrative access" (at most three, heaviest first,
/// broad ones only when nothing else is shared).
pub fn reason(shared: &[u16]) -> String {
    let v = vocabulary();
    let mut names: Vec<&str> = shared
        .iter()
        .filter(|c| !v.concepts[**c as usize].broad)
        .take(3)
        .map(|c| v.concepts[*c as usize].name.as_str())
        .collect();
    if names.is_empty() {
        names = shared.iter().take(3).map(|c| v.concepts[*c as usize].name.as_str()).collect();
    }
    let list = match names.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    format!("both ask about {list}")
}

/// A library record that asks about the same controls as the question.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub record: u32,
    pub score: f64,
    pub agreement: Agreement,
}

/// The library records whose concepts agree with the question's, best first (opposed ones left out). The
/// score blends how much meaning they share with how alike they read, and stays at or below [`MAX_SCORE`].
pub fn matches(library: &Library, tags: &[Tag], text: &str) -> Vec<Found> {
    let index = &library.concepts;
    if tags.is_empty() {
        return Vec::new();
    }
    // The rarest concepts' records first, up to the cap.
    let mut order: Vec<&Tag> = tags.iter().collect();
    order.sort_by(|a, b| index.weight(b.concept).total_cmp(&index.weight(a.concept)).then(a.concept.cmp(&b.concept)));
    let mut candidates: Vec<u32> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    'outer: for t in order {
        for &r in index.postings.get(&t.concept).into_iter().flatten() {
            if candidates.len() >= MAX_CANDIDATES {
                break 'outer;
            }
            if seen.insert(r) {
                candidates.push(r);
            }
        }
    }
    let mut agreeing: Vec<(u32, Agreement)> = candidates
        .into_iter()
        .map(|r| (r, meaning(index, tags, &index.tags[r as usize])))
        .filter(|(_, a)| !a.opposed && a.meaning >= MIN_MEANING)
        .collect();
    // The wording is compared (character bigrams: the costly part) only for the records sharing the most
    // meaning: one further down would need twice their lead in meaning back in wording to overtake them.
    agreeing.sort_by(|a, b| b.1.meaning.total_cmp(&a.1.meaning).then(a.0.cmp(&b.0)));
    agreeing.truncate(MOST_WORDED);
    let mut found: Vec<Found> = agreeing
        .into_iter()
        .map(|(r, agreement)| {
            let words = super::suggest::similarity(text, &library.records[r as usize].question);
            let score = (0.45 + 0.3 * agreement.meaning + 0.15 * words).min(MAX_SCORE);
            Found { record: r, score: (score * 100.0).round() / 100.0, agreement }
        })
        .collect();
    found.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.record.cmp(&b.record)));
    found
}

/// Whether the question and the record ask about a control the opposite way round (a Yes to one is a No to
/// the other): such a record is never suggested, however alike the words.
pub fn opposed(library: &Library, tags: &[Tag], record: u32) -> bool {
    library.concepts.tags.get(record as usize).is_some_and(|r| meaning(&library.concepts, tags, r).opposed)
}

/// The suggestions by meaning for a question (its text and, if imported, the customer's id): first the
/// readiness answers the shipped mapping names for the id, then the records whose concepts agree (at most
/// three). Every one asks about a common control with the same polarity.
pub fn candidates(
    library: &Library,
    question: &Question,
    tags: &[Tag],
    text: &str,
    id: Option<&str>,
    by_meaning: bool,
) -> Vec<Candidate> {
    let labels: Vec<String> = question.options.iter().map(|o| o.label.clone()).collect();
    // A partial answer where the customer's list has no partial value is offered as a No.
    let fitted = |choice: Choice| {
        if choice == Choice::Partial
            && question.kind == QuestionType::Choice
            && in_vocabulary(choice, &labels).is_none()
        {
            Choice::No
        } else {
            choice
        }
    };
    let mut out = Vec::new();
    for m in id.map(|i| readiness::mapping().lookup(i)).unwrap_or_default() {
        let Some(list) = library.index.by_id.get(&id_key(&m.entry.readiness)) else { continue };
        let Some(&r) = list.iter().rev().find(|&&r| readiness::level(&library.records[r as usize]).is_some()) else {
            continue;
        };
        let record = &library.records[r as usize];
        // The id must not be a different template's question: the wording must ask about a common control.
        let agreement = meaning(&library.concepts, tags, &library.concepts.tags[r as usize]);
        if agreement.opposed || agreement.meaning <= 0.0 {
            continue;
        }
        let Some((choice, cap, why)) = readiness::level(record).and_then(readiness::offer) else { continue };
        let base = if m.entry.sure { readiness::MAPPED_SCORE } else { readiness::UNSURE_SCORE };
        let mut reason = format!(
            "readiness answer to {} mapped to {} {}",
            m.entry.readiness,
            m.template.name,
            id.unwrap_or_default().trim()
        );
        if !m.entry.sure {
            reason.push_str(" (mapping marked uncertain)");
        }
        if let Some(why) = why {
            reason = format!("{reason}; {why}");
        }
        out.push(Candidate {
            record: r,
            score: base.min(cap),
            rung: Rung::Readiness,
            reason,
            choice: Some(fitted(choice)),
        });
    }
    let found = if by_meaning { matches(library, tags, text) } else { Vec::new() };
    for f in found.into_iter().take(3) {
        let record = &library.records[f.record as usize];
        let mut c = Candidate {
            record: f.record,
            score: f.score,
            rung: Rung::Concepts,
            reason: reason(&f.agreement.shared),
            choice: None,
        };
        if let Some(level) = readiness::level(record) {
            let Some((choice, cap, why)) = readiness::offer(level) else { continue };
            c.score = c.score.min(cap);
            c.choice = Some(fitted(choice));
            if let Some(why) = why {
                c.reason = format!("{}; {why}", c.reason);
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<(String, Polarity)> {
        let v = vocabulary();
        v.tag(text).into_iter().map(|t| (v.concepts[t.concept as usize].id.clone(), t.polarity)).collect()
    }

    fn has(text: &str, id: &str, polarity: Polarity) -> bool {
        ids(text).contains(&(id.to_string(), polarity))
    }

    #[test]
    fn the_vocabulary_parses_and_has_a_few_hundred_concepts() {
        let v = Vocabulary::parse(VOCABULARY).unwrap();
        assert!(v.concepts.len() >= 200, "{} concepts", v.concepts.len());
        assert!(v.concepts.iter().all(|c| c.tsc.iter().all(|t| crate::questionnaire::criteria::is_criterion(t))));
    }

    #[test]
    fn phrasings_of_one_control_meet() {
        for text in [
            "Is multi-factor authentication enforced?",
            "Do you require MFA?",
            "Is 2FA on for everyone?",
            "Do people need a second factor to sign in?",
            "Is two-factor authentication required?",
        ] {
            assert!(has(text, "mfa", Polarity::InPlace), "{text}: {:?}", ids(text));
        }
        assert!(has("Is customer data encrypted at rest?", "encryption_at_rest", Polarity::InPlace));
        assert!(has("Do you run background checks on new staff?", "background_checks", Polarity::InPlace));
        assert!(has("When was your last penetration test?", "penetration_test", Polarity::InPlace));
        assert!(has("Do you do a yearly pentest?", "penetration_test", Polarity::InPlace));
    }

    #[test]
    fn readiness_questions_are_tagged_and_their_concepts_agree_with_their_criteria() {
        let v = vocabulary();
        let q = crate::questionnaire::catalog::built_in(super::readiness::READINESS).unwrap();
        let (mut total, mut tagged, mut anchored) = (0, 0, 0);
        let mut untagged = Vec::new();
        for (_, question) in q.questions().filter(|(_, q)| q.kind == QuestionType::Maturity) {
            total += 1;
            let tags: Vec<Tag> =
                v.tag(&question.text).into_iter().filter(|t| !v.concepts[t.concept as usize].broad).collect();
            if tags.is_empty() {
                untagged.push(question.id.clone());
                continue;
            }
            tagged += 1;
            let anchors = anchors_of(question);
            if v.anchors(&tags).iter().any(|a| question.criteria.contains(a))
                && anchors.len() >= question.criteria.len()
            {
                anchored += 1;
            }
        }
        // Measured: 229 of the 240 maturity questions name a specific concept; for 200 a concept's TSC anchor is
        // among the question's own criteria.
        assert_eq!((total, tagged, anchored), (240, 229, 200), "untagged: {untagged:?}");
    }

    #[test]
    fn log_in_is_not_about_logs() {
        assert!(!ids("Can staff log in with one identity?").iter().any(|(id, _)| id == "logging"));
        assert!(has("Are logs kept for a year?", "logging", Polarity::InPlace));
    }

    #[test]
    fn polarity_says_whether_the_control_is_asked_for_or_against() {
        assert!(has("Do you allow shared accounts?", "unique_accounts", Polarity::Absent));
        assert!(has("Are shared accounts prohibited?", "unique_accounts", Polarity::InPlace));
        assert!(has(
            "Does every person use an individual account, with no shared logins?",
            "unique_accounts",
            Polarity::InPlace
        ));
        assert!(has("Can anyone reach production without MFA?", "mfa", Polarity::Absent));
        assert!(has("Is customer data stored unencrypted anywhere?", "encryption", Polarity::Absent));
    }
}
