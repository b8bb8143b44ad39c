//! The ranked search never panics, whatever is typed or written in a questionnaire, and what it returns
//! is some of the questions, each once, best first.

use std::collections::HashSet;
use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::json;
use soc2_ready::questionnaire::search::{Index, Ranked, rank::MAX_WORDS};
use soc2_ready::questionnaire::{Questionnaire, catalog};

fn built_in() -> &'static (Questionnaire, Index) {
    static BUILT_IN: OnceLock<(Questionnaire, Index)> = OnceLock::new();
    BUILT_IN.get_or_init(|| {
        let q = catalog::built_in("soc2-ai-readiness").unwrap();
        let index = Index::build(&q);
        (q, index)
    })
}

/// Every hit a question of `q`, each once, and in rank order: named by the query, then with the query as a
/// phrase of its text, then more words first, then a higher score, then questionnaire order.
fn check(q: &Questionnaire, ranked: &Ranked) -> Result<(), TestCaseError> {
    let places: HashSet<(usize, usize)> =
        q.sections.iter().enumerate().flat_map(|(s, x)| (0..x.questions.len()).map(move |i| (s, i))).collect();
    let mut seen = HashSet::new();
    prop_assert!(ranked.words <= MAX_WORDS);
    for hit in &ranked.hits {
        prop_assert!(places.contains(&hit.place), "{:?} is not a question", hit.place);
        prop_assert!(seen.insert(hit.place), "{:?} twice", hit.place);
        prop_assert!(hit.matched >= 1 && hit.matched <= ranked.words);
        prop_assert!(hit.score.is_finite() && hit.score > 0.0, "{}", hit.score);
    }
    for pair in ranked.hits.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        // A question named by the query, then one whose text has the query as a phrase, comes first.
        let tier = |h: &soc2_ready::questionnaire::search::Hit| match h.exact {
            Some(soc2_ready::questionnaire::search::rank::Exact::Id) => 0,
            Some(soc2_ready::questionnaire::search::rank::Exact::Phrase) => 1,
            None => 2,
        };
        let in_order = tier(a) < tier(b)
            || (tier(a) == tier(b)
                && (a.matched > b.matched
                    || (a.matched == b.matched && (a.score > b.score || (a.score == b.score && a.place < b.place)))));
        prop_assert!(in_order, "{a:?} before {b:?}");
    }
    Ok(())
}

/// Queries people and pastes produce: any text, control characters, right-to-left and wide scripts,
/// words of the questionnaire with typos, and very long input.
fn query() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\x00-\\x1f\\x7f-\\u{9f}\\u{200b}-\\u{200f}\\u{202a}-\\u{202e} a-zA-Z0-9.\\-_]{0,40}",
        "[\\u{590}-\\u{6ff}\\u{3040}-\\u{30ff}\\u{4e00}-\\u{4e80}\\u{1f300}-\\u{1f320} ]{0,30}",
        proptest::collection::vec(
            prop_oneof![
                Just("deletion".to_string()),
                Just("mfa".to_string()),
                Just("CC6.1".to_string()),
                Just("training-data".to_string()),
                Just("retention.delete_primary".to_string()),
                Just("the".to_string()),
                "[a-z]{1,12}",
            ],
            0..50
        )
        .prop_map(|w| w.join(" ")),
        ".{0,5000}",
    ]
}

/// A questionnaire whose ids, texts and titles are arbitrary text (not validated: the index must cope
/// with whatever a file holds).
fn questionnaire() -> impl Strategy<Value = Questionnaire> {
    let question =
        (any::<String>(), any::<String>(), any::<String>(), proptest::collection::vec(any::<String>(), 0..3));
    proptest::collection::vec((any::<String>(), proptest::collection::vec(question, 0..6)), 0..4).prop_map(|sections| {
        let sections: Vec<_> = sections
            .into_iter()
            .enumerate()
            .map(|(s, (title, questions))| {
                let questions: Vec<_> = questions
                    .into_iter()
                    .enumerate()
                    .map(|(i, (id, text, help, criteria))| {
                        json!({"id": format!("{s}.{i}{id}"), "type": "yesno", "text": text, "help": help, "criteria": criteria})
                    })
                    .collect();
                json!({"id": format!("s{s}"), "title": title, "questions": questions})
            })
            .collect();
        serde_json::from_value(json!({"format": 1, "id": "x", "version": "1", "title": "X", "kind": "custom", "sections": sections}))
            .unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_query_on_the_built_in_questionnaire(query in query()) {
        let (q, index) = built_in();
        let ranked = index.search(&query);
        check(q, &ranked)?;
        prop_assert_eq!(&ranked, &index.search(&query), "the same query, the same list");
    }

    #[test]
    fn any_query_on_any_questionnaire(q in questionnaire(), query in query()) {
        let index = Index::build(&q);
        check(&q, &index.search(&query))?;
        // Searching for a question's own id finds it first.
        let first = q.sections.iter().enumerate().find_map(|(s, x)| x.questions.first().map(|question| ((s, 0), question)));
        if let Some((place, question)) = first
            && !question.id.contains(char::is_whitespace)
            && question.id.ends_with(char::is_alphanumeric)
            && question.id.chars().count() < 1_000
        {
            let ranked = index.search(&question.id);
            check(&q, &ranked)?;
            prop_assert_eq!(ranked.hits.first().map(|h| h.place), Some(place));
        }
    }
}
