//! Finding questions by what they say: for jumping to whatever topic comes up in an interview.

use super::format::Questionnaire;

/// The questions whose id, text, help, criteria or section title contain every word of the query
/// (ignoring case), in file order, as (section, question) indexes.
pub fn find(q: &Questionnaire, query: &str) -> Vec<(usize, usize)> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (s, section) in q.sections.iter().enumerate() {
        let section_title = section.title.to_lowercase();
        for (i, question) in section.questions.iter().enumerate() {
            let haystack = format!(
                "{} {} {} {} {} {}",
                question.id,
                question.text,
                question.help,
                question.criteria.join(" "),
                question.ai_area.map_or("", |a| a.id()),
                question.policy
            )
            .to_lowercase();
            if words.iter().all(|w| haystack.contains(w.as_str()) || section_title.contains(w.as_str())) {
                found.push((s, i));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_words_criteria_and_section() {
        let q = crate::questionnaire::parse(include_str!("../../tests/fixtures/demo.json"), "demo.json").unwrap();
        assert_eq!(find(&q, "weights"), vec![(1, 1)]);
        assert_eq!(find(&q, "cc6.2"), vec![(1, 0), (1, 3)]);
        assert_eq!(find(&q, "ACCESS quarter"), vec![(1, 0)], "every word must match, in any case");
        assert_eq!(find(&q, "profile headcount"), vec![(0, 1)]);
        assert!(find(&q, "   ").is_empty());
        assert!(find(&q, "kubernetes").is_empty());
    }
}
