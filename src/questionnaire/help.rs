//! Cost figures in question help, filled from the estimate's parameters so the two never disagree.
//!
//! A question's help may say `{cost:NAME}`, where NAME is a parameter of `assets/estimates.json`: it is
//! replaced with that parameter's range as people write it (`10,000 to 30,000 USD a year`). An unknown
//! name, or a placeholder left open, is an error naming the question, so a typo never reaches a reader.
//! The built-in parameters are used: the help is part of the questionnaire, the same for everyone.

use crate::parameters::{Param, Parameters, money};

const OPEN: &str = "{cost:";

/// A range in words: `10,000 to 30,000 USD a year`, `15,000 USD` when both ends agree.
pub fn words(p: &Param) -> String {
    let unit = match p.unit.as_str() {
        "USD/year" => "USD a year".to_string(),
        "USD/person/year" => "USD per person a year".to_string(),
        "USD/person" => "USD per person".to_string(),
        other => other.to_string(),
    };
    let (a, b) = (money(p.low), money(p.high));
    if a == b { format!("{a} {unit}") } else { format!("{a} to {b} {unit}") }
}

/// Why a help text's placeholder cannot be filled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaceholderError {
    #[error("`{{cost:` is not closed with `}}`")]
    NotClosed,
    #[error("`{{cost:{name}}}` names no estimate parameter; known: {known}")]
    Unknown { name: String, known: String },
}

/// The text with every `{cost:NAME}` filled, or why it cannot be.
pub fn fill(text: &str, params: &Parameters) -> Result<String, PlaceholderError> {
    if !text.contains(OPEN) {
        return Ok(text.to_string());
    }
    let all = params.all();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len()..];
        let Some(end) = after.find('}') else {
            return Err(PlaceholderError::NotClosed);
        };
        let name = &after[..end];
        let Some((_, p)) = all.iter().find(|(n, _)| *n == name) else {
            return Err(PlaceholderError::Unknown {
                name: crate::text::one_line(name),
                known: all.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", "),
            });
        };
        out.push_str(&words(p));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Fills the help of every question from the built-in parameters; each placeholder that cannot be filled
/// is a problem naming its question (the help is left as written).
pub fn fill_questionnaire(q: &mut super::Questionnaire) -> Vec<super::validate::Problem> {
    let mut problems = Vec::new();
    if !q.questions().any(|(_, x)| x.help.contains(OPEN)) {
        return problems;
    }
    let params = Parameters::built_in();
    for question in q.sections.iter_mut().flat_map(|s| s.questions.iter_mut()) {
        match fill(&question.help, &params) {
            Ok(text) => question.help = text,
            Err(e) => problems.push(super::validate::Problem {
                place: format!("question `{}`", crate::text::visible(&question.id)),
                field: "help".into(),
                message: e.to_string(),
            }),
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_take_the_parameters_figures() {
        let p = Parameters::built_in();
        assert_eq!(
            fill("Platforms cost roughly {cost:compliance_tooling}.", &p).unwrap(),
            "Platforms cost roughly 10,000 to 30,000 USD a year."
        );
        assert_eq!(fill("no placeholder", &p).unwrap(), "no placeholder");
        let e = fill("{cost:compliance_toolin}", &p).unwrap_err();
        assert!(e.to_string().starts_with("`{cost:compliance_toolin}` names no estimate parameter; known: "), "{e}");
        assert_eq!(fill("{cost:consultant", &p).unwrap_err().to_string(), "`{cost:` is not closed with `}`");
    }
}
