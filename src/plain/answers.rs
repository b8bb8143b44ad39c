//! What a typed line means as an answer to a question: an option by its number or name (or `y` and `n` on
//! a yes/no question), several options by numbers or names separated by commas or spaces. The result is
//! what the core takes (`assessment::interview::cursor`), which then decides whether it is an answer.

use super::prompt;
use crate::questionnaire::{Question, QuestionType};
use crate::text::one_line;

/// The option a typed line names, from 1: its number, its id or label, or y and n on a yes/no question.
pub fn option_number(question: &Question, text: &str) -> Option<usize> {
    let typed = text.trim().to_lowercase();
    if let Ok(n) = typed.parse::<usize>() {
        return Some(n);
    }
    let offered = question.offered();
    let by_name = offered.iter().position(|o| o.id.to_lowercase() == typed || o.label.to_lowercase() == typed);
    let yes_no = match (question.kind, typed.as_str()) {
        (QuestionType::Yesno, "y") => offered.iter().position(|o| o.id == "yes"),
        (QuestionType::Yesno, "n") => offered.iter().position(|o| o.id == "no"),
        _ => None,
    };
    by_name.or(yes_no).map(|i| i + 1)
}

/// A multiple-choice answer as the core takes it (option ids separated by commas), from option numbers or
/// names separated by commas or spaces.
pub fn multi_answer(question: &Question, text: &str) -> Result<String, String> {
    let offered = question.offered();
    let mut ids = Vec::new();
    for token in text.split(|c: char| c == ',' || c.is_whitespace()).filter(|t| !t.is_empty()) {
        let typed = token.to_lowercase();
        let found = match typed.parse::<usize>() {
            Ok(n) => n.checked_sub(1).and_then(|i| offered.get(i)),
            Err(_) => offered.iter().find(|o| o.id.to_lowercase() == typed || o.label.to_lowercase() == typed),
        };
        match found {
            Some(o) => ids.push(o.id),
            None => {
                return Err(format!("There is no option {}. Type {}", one_line(token), prompt::accepts(question)));
            }
        }
    }
    if ids.is_empty() {
        return Err(format!("Type {}", prompt::accepts(question)));
    }
    Ok(ids.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(id: &str) -> Question {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo.json");
        let q = crate::questionnaire::load_file(&path).unwrap();
        q.question(id).unwrap().1.clone()
    }

    #[test]
    fn options_by_number_name_or_letter() {
        let yes_no = question("profile.uses_models");
        assert_eq!(option_number(&yes_no, " Y "), Some(1));
        assert_eq!(option_number(&yes_no, "n"), Some(2));
        assert_eq!(option_number(&yes_no, "no"), Some(2));
        assert_eq!(option_number(&yes_no, "2"), Some(2));
        assert_eq!(option_number(&yes_no, "9"), Some(9), "the core says there is no option 9");
        assert_eq!(option_number(&yes_no, "maybe"), None);
        let maturity = question("access.reviews");
        assert_eq!(option_number(&maturity, "documented"), Some(4));
        assert_eq!(option_number(&maturity, "in place, informal"), Some(3));
        assert_eq!(option_number(&maturity, "y"), None, "y is yes only on a yes/no question");
    }

    #[test]
    fn multiple_choice_by_numbers_or_names_separated_any_way() {
        let categories = question("profile.categories");
        assert_eq!(multi_answer(&categories, "1 3"), Ok("availability,privacy".into()));
        assert_eq!(multi_answer(&categories, "3,1"), Ok("privacy,availability".into()));
        assert_eq!(multi_answer(&categories, " 2 ,, Privacy "), Ok("confidentiality,privacy".into()));
        let e = multi_answer(&categories, "1 4").unwrap_err();
        assert_eq!(
            e,
            "There is no option 4. Type option numbers from 1 to 3, separated by commas or spaces, or clear for none."
        );
        assert!(multi_answer(&categories, " , ").is_err());
    }
}
