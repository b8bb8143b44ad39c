//! Words as the search sees them: lower-cased runs of letters and digits, everyday words dropped, words
//! questionnaires use for the same thing folded to one (`staff` and `personnel` are employees), English
//! endings folded by the Snowball stemmer (`deletion` and `delete` meet, so do `encrypted` and
//! `encryption`), text in scripts written without spaces (Chinese, Japanese, Korean) cut into overlapping
//! pairs of characters, and the abbreviations security people type with the phrases they stand for.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Words that tell no question from another. Besides the usual ones, `good`, `looks` and `like`: every
/// question's guidance says what "good looks like".
const STOP: [&str; 33] = [
    "a", "an", "and", "are", "as", "at", "be", "by", "do", "does", "for", "from", "good", "has", "have", "how", "in",
    "is", "it", "its", "like", "looks", "of", "on", "or", "that", "the", "this", "to", "what", "with", "you", "your",
];

/// Abbreviations security people type, in groups that mean the same, with the phrases they stand for
/// (everyday words left out). While indexing, a question that uses an abbreviation of a group, or one of
/// its phrases with the words side by side, gets the group's first abbreviation, so `pii` finds "personal
/// data" but not "a person ... sends data"; and an abbreviation brings the words of the group's first phrase,
/// so `multi-factor` finds a question that only says MFA.
pub const SYNONYMS: [(&[&str], &[&str]); 32] = [
    (&["mfa", "2fa"], &["multi factor", "two factor"]),
    (&["sso"], &["single sign"]),
    (&["pii"], &["personal data", "personal information", "personally identifiable"]),
    (&["phi"], &["health information", "health data"]),
    (&["dpa"], &["data processing agreement", "data processing addendum"]),
    (&["baa"], &["business associate"]),
    (&["nda"], &["non disclosure", "confidentiality agreement"]),
    (&["soc"], &["system organization controls", "security operations"]),
    (&["iam"], &["identity access management", "identity provider"]),
    (&["idp"], &["identity provider"]),
    (&["kms"], &["key management"]),
    (&["hsm"], &["hardware security module"]),
    (&["rbac"], &["role based", "least privilege"]),
    (&["siem"], &["security information event", "log management"]),
    (&["edr"], &["endpoint detection"]),
    (&["mdm"], &["device management"]),
    (&["dlp"], &["data loss"]),
    (&["dr"], &["disaster recovery"]),
    (&["bcp"], &["business continuity"]),
    (&["ir"], &["incident response"]),
    (&["rto"], &["recovery time"]),
    (&["rpo"], &["recovery point"]),
    (&["vuln"], &["vulnerability"]),
    (&["pentest"], &["penetration test"]),
    (&["sdlc"], &["development lifecycle", "software development"]),
    (&["tls", "ssl"], &["transport layer security", "transit"]),
    (&["llm"], &["language model"]),
    (&["ml"], &["machine learning"]),
    (&["waf"], &["web application firewall"]),
    (&["ddos"], &["denial service"]),
    (&["byod"], &["bring own device", "personal device"]),
    (&["vpn"], &["virtual private network"]),
];

/// The longest phrase, in words.
pub const LONGEST_PHRASE: usize = 3;

/// Words security questionnaires use for the same thing, as written (lower-case), each folded to the word
/// after it before stemming, sorted for the binary search. Offline and small on purpose: a few dozen
/// everyday synonyms, no model. Both forms are listed where the stem would reach further than the meaning
/// (`computer` is a laptop, `compute` is not: they share a stem). Not `provider` for vendor: an identity
/// provider is none, and a model provider has its own questions.
const SAME: [(&str, &str); 35] = [
    ("annually", "annual"),
    ("assess", "review"),
    ("authentication", "factor"),
    ("breach", "incident"),
    ("breaches", "incident"),
    ("check", "test"),
    ("computer", "laptop"),
    ("computers", "laptop"),
    ("copies", "backup"),
    ("cryptographic", "encrypt"),
    ("device", "laptop"),
    ("devices", "laptop"),
    ("endpoint", "laptop"),
    ("endpoints", "laptop"),
    ("evaluate", "review"),
    ("examine", "review"),
    ("exercise", "test"),
    ("flaws", "vulnerability"),
    ("hires", "employee"),
    ("information", "data"),
    ("people", "employee"),
    ("personnel", "employee"),
    ("records", "data"),
    ("recovery", "restore"),
    ("staff", "employee"),
    ("supplier", "vendor"),
    ("suppliers", "vendor"),
    ("third", "vendor"),
    ("twelve", "annual"),
    ("verify", "test"),
    ("weakness", "vulnerability"),
    ("weaknesses", "vulnerability"),
    ("workforce", "employee"),
    ("workstations", "laptop"),
    ("year", "annual"),
];

/// Words longer than this are kept as they are, not stemmed (nothing English is that long).
const LONGEST_STEMMED: usize = 40;

pub fn is_stop(word: &str) -> bool {
    STOP.binary_search(&word).is_ok()
}

/// The word a written word (lower-case) is folded to: the one [`SAME`] gives, or itself.
pub fn same(word: &str) -> &str {
    SAME.binary_search_by(|(from, _)| (*from).cmp(word)).map_or(word, |i| SAME[i].1)
}

/// The group of [`SYNONYMS`] a word (lower-case) is an abbreviation in, if it is one.
pub fn synonyms_of(word: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
    SYNONYMS.iter().find(|(short, _)| short.contains(&word)).copied()
}

/// Whether a character belongs to a script written without spaces between words, which is searched in
/// overlapping pairs of characters (the usual way to search such text without a dictionary).
fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'   // Hiragana, Katakana
        | '\u{3400}'..='\u{4dbf}' // CJK extension A
        | '\u{4e00}'..='\u{9fff}' // CJK unified ideographs
        | '\u{f900}'..='\u{faff}' // CJK compatibility ideographs
        | '\u{ac00}'..='\u{d7af}' // Hangul syllables
        | '\u{ff66}'..='\u{ff9f}' // half-width Katakana
        | '\u{20000}'..='\u{2ffff}') // CJK extensions B onwards
}

/// The words of a text as written, lower-cased: runs of letters and digits; a run in a script written
/// without spaces comes as its overlapping pairs of characters (one character alone when it stands alone).
pub fn raw_words(text: &str, mut each: impl FnMut(&str)) {
    let mut word = String::new();
    let mut unspaced: Vec<char> = Vec::new();
    let flush_unspaced = |unspaced: &mut Vec<char>, each: &mut dyn FnMut(&str)| {
        match unspaced.len() {
            0 => {}
            1 => each(&unspaced[0].to_string()),
            _ => {
                for pair in unspaced.windows(2) {
                    each(&pair.iter().collect::<String>());
                }
            }
        }
        unspaced.clear();
    };
    for c in text.chars() {
        // Most text is ASCII: lower-cased and split without the Unicode tables.
        if c.is_ascii() && unspaced.is_empty() {
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            } else if !word.is_empty() {
                each(&word);
                word.clear();
            }
            continue;
        }
        if is_unspaced(c) {
            if !word.is_empty() {
                each(&word);
                word.clear();
            }
            unspaced.push(c);
        } else if c.is_alphanumeric() {
            flush_unspaced(&mut unspaced, &mut each);
            word.extend(c.to_lowercase());
        } else {
            flush_unspaced(&mut unspaced, &mut each);
            if !word.is_empty() {
                each(&word);
                word.clear();
            }
        }
    }
    flush_unspaced(&mut unspaced, &mut each);
    if !word.is_empty() {
        each(&word);
    }
}

/// Folds English endings.
pub struct Stems(Stemmer);

impl Stems {
    pub fn new() -> Stems {
        Stems(Stemmer::create(Algorithm::English))
    }

    /// The word's stem: only plain English words are stemmed (a word with a digit, such as `cc6` or `2fa`,
    /// or in another script stays as it is).
    pub fn of<'a>(&self, word: &'a str) -> Cow<'a, str> {
        if word.len() <= LONGEST_STEMMED && word.bytes().all(|b| b.is_ascii_lowercase()) {
            self.0.stem(word)
        } else {
            Cow::Borrowed(word)
        }
    }

    /// The term a written word (lower-case) is searched by: folded to its synonym ([`same`]), then stemmed.
    pub fn term<'a>(&self, word: &'a str) -> Cow<'a, str> {
        self.of(same(word))
    }
}

/// The terms a written word (lower-case) stands for, each made by `term` from a written word: none for an
/// everyday word; else its own first, then for an abbreviation its group's first abbreviation and the words
/// of the group's first phrase (so `multi-factor` finds a question that only says MFA).
pub fn expand<T>(word: &str, mut term: impl FnMut(&str) -> T) -> Option<Vec<T>> {
    if is_stop(word) {
        return None;
    }
    let mut terms = vec![term(word)];
    if let Some((abbreviations, phrases)) = synonyms_of(word) {
        terms.push(term(abbreviations[0]));
        raw_words(phrases[0], |w| terms.push(term(w)));
    }
    Some(terms)
}

/// The phrases of [`SYNONYMS`] as terms, by their last word's term, each with the term of its group's
/// first abbreviation: a text that has a phrase's words side by side gets the abbreviation, so `pii` finds
/// "personal data" but not "a person ... sends data".
pub struct Phrases<T> {
    ends: HashMap<T, Vec<(Vec<T>, T)>>,
}

impl<T: Clone + Eq + Hash> Phrases<T> {
    /// The phrases, each written word made a term by `term`.
    pub fn new(mut term: impl FnMut(&str) -> T) -> Phrases<T> {
        let mut ends: HashMap<T, Vec<(Vec<T>, T)>> = HashMap::new();
        for (abbreviations, phrases) in SYNONYMS {
            let abbreviation = term(abbreviations[0]);
            for phrase in phrases {
                let mut terms = Vec::new();
                raw_words(phrase, |w| terms.push(term(w)));
                if let Some(last) = terms.last() {
                    ends.entry(last.clone()).or_default().push((terms, abbreviation.clone()));
                }
            }
        }
        Phrases { ends }
    }

    /// The next word's term of a text, after the `recent` ones (the caller clears them for a new text):
    /// `each` gets the abbreviation of every phrase the word ends.
    pub fn next(&self, recent: &mut Vec<T>, term: T, mut each: impl FnMut(&T)) {
        if recent.len() == LONGEST_PHRASE {
            recent.remove(0);
        }
        let phrases = self.ends.get(&term);
        recent.push(term);
        for (phrase, abbreviation) in phrases.into_iter().flatten() {
            if recent.ends_with(phrase) {
                each(abbreviation);
            }
        }
    }
}

/// The one stemmer and the phrases as text terms, made once.
static STEMS: LazyLock<Stems> = LazyLock::new(Stems::new);
static PHRASES: LazyLock<Phrases<String>> = LazyLock::new(|| Phrases::new(|w| STEMS.term(w).into_owned()));

/// The terms of a text as one field, in order: each word's terms ([`expand`]), and after the last word of
/// an abbreviation's phrase the abbreviation. The library ranks its questions by these.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut recent: Vec<String> = Vec::new();
    raw_words(text, |w| {
        let Some(terms) = expand(w, |x| STEMS.term(x).into_owned()) else { return };
        let own = terms[0].clone();
        out.extend(terms);
        PHRASES.next(&mut recent, own, |a| out.push(a.clone()));
    });
    out
}

impl Default for Stems {
    fn default() -> Stems {
        Stems::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        raw_words(text, |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn the_stop_words_are_sorted_for_the_binary_search() {
        assert!(STOP.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stop("the") && is_stop("like") && !is_stop("access"));
    }

    #[test]
    fn synonyms_are_sorted_fold_once_and_meet_in_the_stemmer() {
        assert!(SAME.windows(2).all(|w| w[0].0 < w[1].0));
        // A synonym folds to a word that is no synonym itself, and no everyday word.
        assert!(SAME.iter().all(|(from, to)| same(to) == *to && !is_stop(from) && !is_stop(to)));
        let s = Stems::new();
        assert_eq!(s.term("personnel"), s.term("employees"));
        assert_eq!(s.term("Devices".to_lowercase().as_str()), s.term("laptop"));
        assert_eq!(s.term("access"), "access");
        // What the stemmer already folds needs no synonym (the library's table had these).
        for (a, b) in [("deletion", "delete"), ("keys", "key"), ("month", "monthly"), ("quarter", "quarterly")] {
            assert_eq!(s.term(a), s.term(b), "{a} {b}");
        }
        // A stem reaches further than a synonym's meaning: compute is no laptop.
        assert_ne!(s.term("compute"), s.term("computer"));
    }

    #[test]
    fn tokens_fold_words_and_bring_abbreviations_and_their_phrases() {
        assert_eq!(tokens("Do the staff use MFA?"), ["employe", "use", "mfa", "mfa", "multi", "factor"]);
        assert_eq!(tokens("multi-factor authentication"), ["multi", "factor", "mfa", "factor"]);
        // A phrase's words side by side, not apart.
        assert!(tokens("personal data").contains(&"pii".to_string()));
        assert!(!tokens("a personal laptop sends data").contains(&"pii".to_string()));
        assert!(tokens("the of and").is_empty());
    }

    #[test]
    fn words_are_lower_case_runs_and_unspaced_scripts_come_in_pairs() {
        assert_eq!(words("Multi-factor, CC6.1 (MFA)!"), ["multi", "factor", "cc6", "1", "mfa"]);
        assert_eq!(words("アクセス権 review"), ["アク", "クセ", "セス", "ス権", "review"]);
        assert_eq!(words("見x"), ["見", "x"]);
        assert_eq!(words("Ünïcode ÄRGER"), ["ünïcode", "ärger"]);
        assert!(words("\u{1b}[2J \u{0}").iter().all(|w| w.chars().all(char::is_alphanumeric)));
    }

    #[test]
    fn stems_meet_across_endings() {
        let s = Stems::new();
        assert_eq!(s.of("deletion"), s.of("delete"));
        assert_eq!(s.of("deleting"), s.of("deletions"));
        assert_eq!(s.of("encrypted"), s.of("encryption"));
        assert_eq!(s.of("vendors"), "vendor");
        assert_eq!(s.of("cc6"), "cc6");
        assert_eq!(s.of("アク"), "アク");
    }

    #[test]
    fn abbreviations_are_known_in_lower_case_and_phrases_are_short_without_everyday_words() {
        assert_eq!(synonyms_of("2fa").unwrap().1[0], "multi factor");
        assert!(synonyms_of("MFA").is_none() && synonyms_of("access").is_none());
        for (_, phrases) in SYNONYMS {
            for phrase in phrases {
                let mut n = 0;
                raw_words(phrase, |w| {
                    assert!(!is_stop(w), "{phrase}");
                    n += 1;
                });
                assert!((1..=LONGEST_PHRASE).contains(&n), "{phrase}");
            }
        }
    }
}
