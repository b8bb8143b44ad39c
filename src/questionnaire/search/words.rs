//! Words as the search sees them: lower-cased runs of letters and digits, everyday words dropped, English
//! endings folded by the Snowball stemmer (`deletion` and `delete` meet, so do `encrypted` and
//! `encryption`), text in scripts written without spaces (Chinese, Japanese, Korean) cut into overlapping
//! pairs of characters, and the abbreviations security people type.

use std::borrow::Cow;

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

/// Words longer than this are kept as they are, not stemmed (nothing English is that long).
const LONGEST_STEMMED: usize = 40;

pub fn is_stop(word: &str) -> bool {
    STOP.binary_search(&word).is_ok()
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
