//! Finding questions by what they say, best first: for jumping to whatever topic comes up in an interview,
//! and for `soc2-ready search`.
//!
//! The index ([`Index::build`], once per questionnaire) knows every question's words and where they are:
//! the whole id and its parts, the TSC criteria and their series (`cc6` for CC6.1 to CC6.8), the AI area,
//! the text, the guidance, the section and the policy document. A query ([`Index::search`]) then ranks:
//! - by how many words of the query a question has (every word counts; one that has some still shows,
//!   lower);
//! - then by where they are: the whole id first, an id part above everything but the id, a criterion, the
//!   text above the guidance (see [`index::Field::weight`]), each word counting more the fewer questions
//!   have it (BM25's inverse document frequency). A word counts once per place, however often it repeats
//!   there;
//! - then in questionnaire order, so the same query always gives the same list.
//!
//! Words are folded to their Snowball stem (`deletion` finds delete), abbreviations security people type
//! stand for their long forms (`mfa`, `sso`, `pii`, `dpa`, `kms`, ...), a word typed half-way finds the
//! words it begins, and a word of five letters or more with one letter wrong still finds the word (both
//! count less than the word itself). How text becomes words, and the inverse document frequency, are the
//! one search engine's that the library shares: see [`crate::search`].

pub mod index;
pub mod rank;

pub use index::Index;
pub use rank::{Hit, Ranked};

use super::format::Questionnaire;

/// A question's place: its section's index and its index in the section (the same as the assessment
/// cursor's places).
pub type Place = (usize, usize);

/// The questions that have every word of the query, best first, as (section, question) indexes. Builds
/// the index each time: to search the same questionnaire again, keep an [`Index`].
pub fn find(q: &Questionnaire, query: &str) -> Vec<Place> {
    let ranked = Index::build(q).search(query);
    ranked.hits.iter().filter(|h| ranked.is_complete(h)).map(|h| h.place).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_words_criteria_and_section() {
        let q = crate::questionnaire::parse(include_str!("../../../tests/fixtures/demo.json"), "demo.json").unwrap();
        assert_eq!(find(&q, "weights"), vec![(1, 1)]);
        assert_eq!(find(&q, "cc6.2"), vec![(1, 0), (1, 3)]);
        assert_eq!(find(&q, "ACCESS quarter"), vec![(1, 0)], "every word must match, in any case");
        assert_eq!(find(&q, "profile headcount"), vec![(0, 1)]);
        assert!(find(&q, "   ").is_empty());
        assert!(find(&q, "kubernetes").is_empty());
    }

    fn demo() -> Questionnaire {
        crate::questionnaire::parse(include_str!("../../../tests/fixtures/demo.json"), "demo.json").unwrap()
    }

    /// The ids of the questions found, best first.
    fn ids(q: &Questionnaire, index: &Index, query: &str) -> Vec<String> {
        index.search(query).hits.iter().map(|h| q.sections[h.place.0].questions[h.place.1].id.clone()).collect()
    }

    fn built_in() -> (Questionnaire, Index) {
        let q = crate::questionnaire::catalog::built_in("soc2-ai-readiness").unwrap();
        let index = Index::build(&q);
        (q, index)
    }

    #[test]
    fn every_word_first_then_some_and_by_where_the_words_are() {
        let q = demo();
        let index = Index::build(&q);
        let ranked = index.search("ACCESS quarter");
        assert_eq!(ranked.words, 2);
        assert_eq!(ranked.hits[0].place, (1, 0));
        assert_eq!(ranked.hits[0].matched, 2);
        assert!(ranked.hits[1..].iter().all(|h| h.matched == 1), "the rest have only one word: {ranked:?}");
        // access.weights, access.mfa and access.wide have `access` in the id and section alike; weights
        // also in its text and AI area ("Model access control"), mfa nowhere else.
        assert_eq!(ids(&q, &index, "access")[..4], ["access.weights", "access.reviews", "access.mfa", "access.wide"]);
        // The criteria series, in questionnaire order, hidden questions too (the caller filters).
        assert_eq!(ids(&q, &index, "cc6"), ["access.reviews", "access.weights", "access.mfa", "access.wide"]);
        // Everyday words do not count; nothing else in the demo is "nothing".
        assert_eq!(index.search("nothing like this"), Ranked { words: 1, hits: vec![] });
        assert_eq!(index.search("the of and"), Ranked::default());
        // Control and invisible characters separate words.
        assert_eq!(ids(&q, &index, "\u{1b}quarter\u{7}\u{200b}review"), ["access.reviews"]);
        // Japanese is searched by pairs of characters: a word from the middle of a sentence is found.
        assert_eq!(ids(&q, &index, "見直し"), ["access.wide"]);
        assert_eq!(ids(&q, &index, "全角"), ["access.wide"]);
    }

    #[test]
    fn deletion_finds_the_deletion_request_question_first() {
        let (q, index) = built_in();
        let found = ids(&q, &index, "deletion");
        assert_eq!(found[..3], ["retention.delete_primary", "retention.deletion_testing", "retention.delete_training"]);
        // Stemming: the same for the other forms of the word.
        assert_eq!(ids(&q, &index, "deleting"), found);
        assert_eq!(ids(&q, &index, "Delete"), found);
    }

    #[test]
    fn mfa_finds_the_mfa_questions_before_the_access_control_policy() {
        let (q, index) = built_in();
        // model_access.mfa is named `mfa`: it comes first (C5: a question named by the query first).
        let found = ids(&q, &index, "mfa");
        assert_eq!(found, ["model_access.mfa", "access.mfa_production", "policies.access_control", "access.sso"]);
        // The abbreviation and the long form find the same questions (policies.access_control only says
        // MFA; access.sso only says "multi-factor"); the long form names no question.
        let long = ["access.mfa_production", "model_access.mfa", "policies.access_control", "access.sso"];
        assert_eq!(ids(&q, &index, "multi-factor"), long);
        assert_eq!(ids(&q, &index, "2FA"), long);
    }

    #[test]
    fn encryption_at_rest_has_both_words_first() {
        let (q, index) = built_in();
        let ranked = index.search("encryption at rest");
        assert_eq!(ranked.words, 2, "`at` does not count");
        assert_eq!(
            ids(&q, &index, "encryption at rest")[..4],
            [
                "access.encryption_at_rest",
                "training_data.storage_access",
                "access.encryption_in_transit",
                "access.key_management"
            ]
        );
        assert_eq!(ranked.hits.iter().filter(|h| ranked.is_complete(h)).count(), 2);
        // "encrypted" finds encryption.
        assert_eq!(ids(&q, &index, "encrypted")[..2], ["access.encryption_at_rest", "access.encryption_in_transit"]);
    }

    #[test]
    fn criteria_match_whole_in_any_case() {
        let (q, index) = built_in();
        let found = ids(&q, &index, "cc6.1");
        assert_eq!(found.len(), 30);
        assert_eq!(ids(&q, &index, "CC6.1"), found);
        // Exactly CC6.1, in questionnaire order.
        let with: Vec<String> =
            q.questions().filter(|(_, x)| x.criteria.iter().any(|c| c == "CC6.1")).map(|(_, x)| x.id.clone()).collect();
        assert_eq!(found, with);
        // The whole criterion as typed, with punctuation around it.
        assert_eq!(ids(&q, &index, "(CC6.1),"), found);
    }

    #[test]
    fn vendor_finds_the_vendor_section_first() {
        let (q, index) = built_in();
        let found = ids(&q, &index, "vendor");
        assert_eq!(
            found[..7],
            [
                "vendors.inventory",
                "vendors.due_diligence",
                "vendors.complementary_controls",
                "vendors.contracts",
                "vendors.offboarding",
                "vendors.vendor_baas",
                "policies.vendor_management"
            ]
        );
        assert_eq!(ids(&q, &index, "vendors"), found);
    }

    #[test]
    fn prompt_injection_finds_the_controls_before_the_sections_operating_period_question() {
        // Each section ends with "how much of the observation window have the <section> controls above
        // operated": its text names the section, not a topic. Before, for "prompt injection" it came second,
        // above the section's own controls.
        let (q, index) = built_in();
        let found = ids(&q, &index, "prompt injection");
        assert_eq!(found[0], "prompt_injection.incident_playbook", "the one whose text says prompt injection");
        let period = found.iter().position(|id| id == "prompt_injection.operating_period").unwrap();
        let controls = q.sections.iter().find(|s| s.id == "prompt_injection").unwrap().questions.len();
        assert_eq!(period, controls - 1, "after every control of the section: {found:?}");
        // It is still found by what it asks.
        assert_eq!(ids(&q, &index, "prompt_injection.operating_period"), ["prompt_injection.operating_period"]);
        let window = index.search("observation window operated");
        let periods = q.questions().filter(|(_, x)| x.operating_period).count();
        assert!(window.hits[..periods].iter().all(|h| q.sections[h.place.0].questions[h.place.1].operating_period));
    }

    #[test]
    fn training_data_finds_the_training_data_questions_and_the_ai_area_id_matches_whole() {
        let (q, index) = built_in();
        let ranked = index.search("training data");
        // The questions whose text says "training data" first (C5), then the register (its id and
        // section say training data, its text "training ... dataset").
        let found = ids(&q, &index, "training data");
        let phrase = ranked.hits.iter().take_while(|h| h.exact == Some(rank::Exact::Phrase)).count();
        assert_eq!(found[0], "training_data.pii_scrubbing");
        assert_eq!(found[phrase], "training_data.register");
        for id in &found[..phrase] {
            let text = &q.questions().find(|(_, x)| &x.id == id).unwrap().1.text;
            assert!(text.to_lowercase().contains("training data"), "{id}: {text}");
        }
        let first_partial = ranked.hits.iter().position(|h| !ranked.is_complete(h)).unwrap();
        assert!(ranked.hits[first_partial..].iter().all(|h| !ranked.is_complete(h)), "complete hits come first");
        // The AI area's id, whole: only the questions in that area.
        let area: Vec<String> = q
            .questions()
            .filter(|(_, x)| x.ai_area.is_some_and(|a| a.id() == "training-data"))
            .map(|(_, x)| x.id.clone())
            .collect();
        let mut found = ids(&q, &index, "training-data");
        found.sort();
        let mut area_sorted = area.clone();
        area_sorted.sort();
        assert_eq!(found, area_sorted);
    }

    #[test]
    fn a_typo_in_a_longer_word_still_finds_it_lower() {
        let (q, index) = built_in();
        assert_eq!(ids(&q, &index, "encrytpion")[..2], ["access.encryption_at_rest", "access.encryption_in_transit"]);
        assert_eq!(ids(&q, &index, "deltion")[0], "retention.delete_primary");
        let exact = index.search("deletion").hits[0].score;
        let typo = index.search("deltion").hits[0].score;
        assert!(typo < exact, "{typo} < {exact}");
        // Short words are not guessed at.
        assert!(index.search("mfx").hits.is_empty());
    }

    #[test]
    fn one_edit_is_a_letter_changed_left_out_added_or_two_swapped() {
        let one =
            |a: &str, b: &str| rank::within_one_edit(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>());
        assert!(one("deletion", "deletion"));
        assert!(one("deletion", "deletiom") && one("deletion", "xeletion"));
        assert!(one("deletion", "deltion") && one("deltion", "deletion") && one("deletion", "deletio"));
        assert!(one("deletion", "deletions") && one("deletion", "ddeletion"));
        assert!(one("encryption", "encrpytion") && one("encryption", "necryption") && one("encryption", "encryptino"));
        assert!(!one("deletion", "delxtiox") && !one("deletion", "delet") && !one("encryption", "encrpyiton"));
        assert!(!one("abcd", "dcba") && !one("abc", "cab"));
        assert!(!one("暗号化です", "暗号化でした") && one("暗号化です", "暗号化でず"));
    }

    #[test]
    fn a_word_typed_half_way_finds_the_words_it_begins() {
        let (q, index) = built_in();
        assert_eq!(ids(&q, &index, "encry")[..2], ["access.encryption_at_rest", "access.encryption_in_transit"]);
        assert!(index.search("en").hits.is_empty(), "two letters are not looked up as a start");
    }

    #[test]
    fn abbreviations_find_what_they_stand_for() {
        let (q, index) = built_in();
        assert_eq!(ids(&q, &index, "sso")[0], "access.sso");
        assert_eq!(ids(&q, &index, "kms")[0], "access.key_management");
        assert_eq!(ids(&q, &index, "dpa")[0], "vendors.model_dpa");
        assert_eq!(ids(&q, &index, "iam")[0], "gpu_cloud.cloud_iam");
        let pii = ids(&q, &index, "pii");
        assert_eq!(pii[..2], ["profile.personal_data", "training_data.pii_scrubbing"]);
        // A phrase must have its words side by side: "a person confirm ... sending data" and "personal
        // tools" with "customer data" elsewhere are not personal data.
        assert!(!pii.contains(&"prompt_injection.tool_confirmation".to_string()), "{pii:?}");
        assert!(!pii.contains(&"access.data_transfer".to_string()), "{pii:?}");
        // The phrase finds the abbreviation's questions, and the other way round.
        assert_eq!(ids(&q, &index, "penetration")[0], ids(&q, &index, "pentest")[0]);
    }

    #[test]
    fn a_whole_id_comes_first_and_alone() {
        let (q, index) = built_in();
        assert_eq!(ids(&q, &index, "retention.delete_primary"), ["retention.delete_primary"]);
        assert_eq!(ids(&q, &index, "RETENTION.DELETE_PRIMARY")[0], "retention.delete_primary");
        // Part of an id: its parts.
        assert_eq!(ids(&q, &index, "retention.delete_prim")[0], "retention.delete_primary");
        // An id with other words: the id's question first.
        assert_eq!(ids(&q, &index, "access.sso mfa")[0], "access.sso");
    }

    #[test]
    fn the_question_named_or_quoted_comes_first() {
        // C5: ranking by how many words a question has put change.infrastructure_as_code (reviewed ...
        // infrastructure-as-code: "code" and "review" apart) before the question that says "code review".
        let (q, index) = built_in();
        assert_eq!(ids(&q, &index, "code review")[0], "change.secure_development");
        assert_eq!(ids(&q, &index, "Code Review.")[0], "change.secure_development");
        // `approval` is change.approval's own name: first, though "pull request" is not in its text.
        let found = ids(&q, &index, "pull request approval");
        assert_eq!(found[0], "change.approval");
        let ranked = index.search("pull request approval");
        assert_eq!(ranked.hits[0].exact, Some(rank::Exact::Id));
        assert_eq!(ids(&q, &index, "approval")[0], "change.approval");
        assert_eq!(ids(&q, &index, "change.approval")[0], "change.approval");
        // A phrase of the text, its words in order: "deployed" ends change.approval's question.
        assert_eq!(ids(&q, &index, "author before it is deployed")[0], "change.approval");
        assert_eq!(index.search("author before it is deployed").hits[0].exact, Some(rank::Exact::Phrase));
        // Words in another order are not the phrase: ranked as before.
        assert_eq!(index.search("review code").hits[0].exact, None);
    }

    #[test]
    fn the_same_query_always_gives_the_same_list() {
        let (_, index) = built_in();
        for query in ["data", "access review", "model", "cc", "a b c d e f g h"] {
            assert_eq!(index.search(query), index.search(query));
            assert_eq!(
                Index::build(&crate::questionnaire::catalog::built_in("soc2-ai-readiness").unwrap()).search(query),
                index.search(query)
            );
        }
    }
}
