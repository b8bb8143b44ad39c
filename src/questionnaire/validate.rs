//! Semantic checks on a parsed questionnaire. Each problem names the section or question and the field.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::condition::{Condition, Literal, Test};
use super::criteria::{is_criterion, is_description_criterion};
use super::format::{FORMAT, NOT_APPLICABLE, Question, QuestionType, Questionnaire};
use super::frameworks::Framework;
use super::limits::*;

/// One thing wrong with a questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `questionnaire`, `section `ID``, or `question `ID``.
    pub place: String,
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, field `{}`: {}", self.place, self.field, self.message)
    }
}

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn report(&mut self, place: &str, field: &str, message: impl Into<String>) {
        self.problems.push(Problem { place: place.to_string(), field: field.to_string(), message: message.into() });
    }

    fn text(&mut self, place: &str, field: &str, value: &str, required: bool) {
        if required && value.trim().is_empty() {
            self.report(place, field, "must not be empty");
        }
        let chars = value.chars().count();
        if chars > MAX_TEXT_CHARS {
            self.report(place, field, format!("is {chars} characters long, over the limit of {MAX_TEXT_CHARS}"));
        }
    }

    fn id(&mut self, place: &str, field: &str, id: &str) {
        if !is_valid_id(id) {
            self.report(
                place,
                field,
                format!(
                    "`{}` is not a valid id: use lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit",
                    crate::text::visible(id)
                ),
            );
        }
    }
}

/// Ids are short, printable and safe in file names and on the command line.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.len() <= 100
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
}

/// Every problem in the questionnaire; empty when it is valid.
pub fn validate(q: &Questionnaire) -> Vec<Problem> {
    let mut c = Checker { problems: Vec::new() };
    let top = "questionnaire";
    if q.format != FORMAT {
        c.report(top, "format", format!("format {} is not supported; this version reads format {FORMAT}", q.format));
    }
    c.id(top, "id", &q.id);
    c.text(top, "version", &q.version, true);
    c.text(top, "title", &q.title, true);
    c.text(top, "description", &q.description, false);
    if q.sections.is_empty() {
        c.report(top, "sections", "a questionnaire needs at least one section");
    }
    if q.sections.len() > MAX_SECTIONS {
        c.report(top, "sections", format!("{} sections, over the limit of {MAX_SECTIONS}", q.sections.len()));
    }
    let total = q.question_count();
    if total > MAX_QUESTIONS {
        c.report(top, "sections", format!("{total} questions, over the limit of {MAX_QUESTIONS}"));
        return c.problems;
    }

    let mut section_ids = HashSet::new();
    // Questions seen so far, in file order: conditions may only look back.
    let mut earlier: HashMap<&str, &Question> = HashMap::new();
    let all_ids: HashSet<&str> = q.questions().map(|(_, q)| q.id.as_str()).collect();
    for section in &q.sections {
        let place = format!("section `{}`", crate::text::visible(&section.id));
        c.id(&place, "id", &section.id);
        if !section_ids.insert(section.id.as_str()) {
            c.report(&place, "id", "the same section id is used twice");
        }
        c.text(&place, "title", &section.title, true);
        c.text(&place, "description", &section.description, false);
        if section.questions.is_empty() {
            c.report(&place, "questions", "a section needs at least one question");
        }
        if section.questions.iter().filter(|q| q.operating_period).count() > 1 {
            c.report(&place, "questions", "a section can have only one operating-period question");
        }
        if let Some(cond) = &section.show_if {
            check_condition(&mut c, &place, cond, None, &earlier, &all_ids);
        }
        for question in &section.questions {
            let place = format!("question `{}`", crate::text::visible(&question.id));
            check_question(&mut c, &place, question);
            if let Some(cond) = &question.show_if {
                check_condition(&mut c, &place, cond, Some(&question.id), &earlier, &all_ids);
            }
            if earlier.insert(&question.id, question).is_some() {
                c.report(
                    &place,
                    "id",
                    "the same question id is used twice; answers are stored by id, so ids must be unique",
                );
            }
        }
    }
    c.problems
}

fn check_question(c: &mut Checker, place: &str, q: &Question) {
    c.id(place, "id", &q.id);
    c.text(place, "text", &q.text, true);
    c.text(place, "help", &q.help, true);
    c.text(place, "remediation", &q.remediation, false);
    c.text(place, "policy", &q.policy, false);
    c.text(place, "unit", &q.unit, false);
    for item in &q.evidence {
        c.text(place, "evidence", item, true);
    }

    // Options.
    if q.kind.lists_options() {
        if q.options.len() < 2 {
            c.report(place, "options", format!("a `{}` question needs at least two options", q.kind.as_str()));
        }
        if q.options.len() > MAX_OPTIONS {
            c.report(place, "options", format!("{} options, over the limit of {MAX_OPTIONS}", q.options.len()));
        }
        let mut seen = HashSet::new();
        for option in &q.options {
            c.id(place, "options", &option.id);
            if !seen.insert(option.id.as_str()) {
                c.report(place, "options", format!("option `{}` is listed twice", crate::text::visible(&option.id)));
            }
            c.text(place, "options", &option.label, true);
            match option.score {
                Some(s) if !(0.0..=1.0).contains(&s) => c.report(
                    place,
                    "options",
                    format!("option `{}` has score {s}; scores run from 0 to 1", crate::text::visible(&option.id)),
                ),
                // An option with the id `na` means "not applicable": it is left out of the scores, so needs none.
                None if q.weight.is_some() && q.kind == QuestionType::Choice && option.id != NOT_APPLICABLE => c.report(
                    place,
                    "options",
                    format!(
                        "option `{}` has no score, but the question has a weight: every option of a scored question needs one",
                        crate::text::visible(&option.id)
                    ),
                ),
                _ => {}
            }
        }
        let exclusive: Vec<&str> = q.options.iter().filter(|o| o.exclusive).map(|o| o.id.as_str()).collect();
        if !exclusive.is_empty() && q.kind != QuestionType::Multi {
            c.report(
                place,
                "options",
                format!(
                    "option `{}` is marked exclusive, but only a `multi` question's options can be (a `{}` question takes one option anyway)",
                    crate::text::visible(exclusive[0]),
                    q.kind.as_str()
                ),
            );
        } else if !exclusive.is_empty() && exclusive.len() == q.options.len() {
            c.report(place, "options", "every option is marked exclusive: use a `choice` question instead");
        }
    } else if !q.options.is_empty() {
        c.report(
            place,
            "options",
            format!("a `{}` question takes no options (maturity and yes/no options are built in)", q.kind.as_str()),
        );
    }

    // Scoring.
    match q.weight {
        Some(w) if !(1..=5).contains(&w) => c.report(place, "weight", format!("must be 1 to 5, got {w}")),
        Some(_) if !matches!(q.kind, QuestionType::Maturity | QuestionType::Yesno | QuestionType::Choice) => c.report(
            place,
            "weight",
            format!("a `{}` question cannot be scored; only maturity, yesno and choice questions can", q.kind.as_str()),
        ),
        None if q.kind == QuestionType::Maturity => {
            c.report(place, "weight", "a maturity question is always scored: give it a weight from 1 to 5")
        }
        _ => {}
    }
    if q.critical && q.weight.is_none() {
        c.report(place, "critical", "only a scored question (one with a weight) can be critical");
    }
    let mut seen = HashSet::new();
    for criterion in &q.criteria {
        if !is_criterion(criterion) {
            c.report(
                place,
                "criteria",
                format!(
                    "`{}` is not a Trust Services Criteria id (e.g. CC6.3, A1.2, PI1.4, P4.2)",
                    crate::text::visible(criterion)
                ),
            );
        } else if !seen.insert(criterion.as_str()) {
            c.report(place, "criteria", format!("`{criterion}` is listed twice"));
        }
    }
    let mut seen = HashSet::new();
    for point in &q.description_criteria {
        if !is_description_criterion(point) {
            c.report(
                place,
                "description_criteria",
                format!("`{}` is not a description criterion (DC1 to DC9)", crate::text::visible(point)),
            );
        } else if !seen.insert(point.as_str()) {
            c.report(place, "description_criteria", format!("`{point}` is listed twice"));
        }
    }
    for framework in Framework::ALL {
        let mut seen = HashSet::new();
        for id in q.framework_ids(framework) {
            if !framework.knows(id) {
                c.report(
                    place,
                    framework.field(),
                    format!(
                        "`{}` is not one of the {} of {} (e.g. {})",
                        crate::text::visible(id),
                        framework.unit(),
                        framework.label(),
                        framework.example()
                    ),
                );
            } else if !seen.insert(id.as_str()) {
                c.report(place, framework.field(), format!("`{id}` is listed twice"));
            }
        }
    }
    for criterion in &q.vendor_criteria {
        if !is_criterion(criterion) {
            c.report(
                place,
                "vendor_criteria",
                format!("`{}` is not a Trust Services Criteria id", crate::text::visible(criterion)),
            );
        }
    }
    if !q.critical_scope.is_empty() && !q.critical {
        c.report(place, "critical_scope", "only a critical question can limit when it blocks");
    }
    for id in &q.critical_scope {
        if !matches!(id.as_str(), "availability" | "confidentiality" | "processing_integrity" | "privacy") {
            c.report(
                place,
                "critical_scope",
                format!(
                    "`{}` is not a category that can be out of scope: use availability, confidentiality, processing_integrity or privacy",
                    crate::text::visible(id)
                ),
            );
        }
    }
    if q.operating_period {
        if q.kind != QuestionType::Choice || q.weight.is_some() {
            c.report(place, "operating_period", "an operating-period question is an unscored `choice` question");
        }
        for option in &q.options {
            if option.score.is_none() {
                c.report(
                    place,
                    "operating_period",
                    format!(
                        "option `{}` needs a `score`: the share of the window the controls have operated (0 to 1)",
                        crate::text::visible(&option.id)
                    ),
                );
            }
        }
    }
    if q.annual && q.weight.is_none() {
        c.report(place, "annual", "only a scored question can be an annual control");
    }
    if let Some([low, high]) = q.effort_days {
        if low > high {
            c.report(place, "effort_days", format!("low {low} is above high {high}"));
        } else if high > 365 {
            c.report(place, "effort_days", format!("high {high} is over 365 person-days"));
        }
    }

    // Numbers.
    if q.kind == QuestionType::Number {
        for (field, value) in [("min", q.min), ("max", q.max)] {
            if value.is_some_and(|v| !v.is_finite()) {
                c.report(place, field, "must be a finite number");
            }
        }
        if let (Some(min), Some(max)) = (q.min, q.max)
            && min > max
        {
            c.report(place, "min", format!("min {min} is above max {max}"));
        }
    } else {
        for (field, present) in [("min", q.min.is_some()), ("max", q.max.is_some()), ("unit", !q.unit.is_empty())] {
            if present {
                c.report(place, field, format!("only a `number` question has `{field}`"));
            }
        }
    }
}

fn check_condition(
    c: &mut Checker,
    place: &str,
    cond: &Condition,
    own: Option<&str>,
    earlier: &HashMap<&str, &Question>,
    all_ids: &HashSet<&str>,
) {
    let depth = cond.depth();
    if depth > MAX_CONDITION_DEPTH {
        c.report(place, "show_if", format!("nested {depth} levels deep, over the limit of {MAX_CONDITION_DEPTH}"));
        return;
    }
    for (id, test) in cond.tests() {
        let shown = crate::text::visible(id);
        let Some(target) = earlier.get(id) else {
            if own == Some(id) {
                c.report(
                    place,
                    "show_if",
                    "refers to the question itself; a condition may only refer to earlier questions",
                );
            } else if all_ids.contains(id) {
                c.report(place, "show_if", format!("refers to question `{shown}`, which comes later; a condition may only refer to earlier questions"));
            } else {
                c.report(place, "show_if", format!("refers to question `{shown}`, which does not exist"));
            }
            continue;
        };
        let options: Vec<&str> = target.offered().iter().map(|o| o.id).collect();
        let check_literal = |c: &mut Checker, lit: &Literal| match (target.kind, lit) {
            (kind, Literal::Text(t)) if kind.has_options() => {
                if !options.contains(&t.as_str()) {
                    c.report(
                        place,
                        "show_if",
                        format!(
                            "`{}` is not an option of question `{shown}` (options: {})",
                            crate::text::visible(t),
                            options.join(", ")
                        ),
                    );
                }
            }
            (QuestionType::Number, Literal::Number(_)) => {}
            (QuestionType::Text | QuestionType::Date, Literal::Text(_)) => {}
            (kind, _) => c.report(
                place,
                "show_if",
                format!("compares question `{shown}` (a `{}` question) with a value of the wrong kind", kind.as_str()),
            ),
        };
        match test {
            Test::Equals(_) if target.kind == QuestionType::Multi => c.report(
                place,
                "show_if",
                format!("`equals` cannot test the multiple-choice question `{shown}`; use `includes` or `one_of`"),
            ),
            Test::Equals(lit) => check_literal(c, lit),
            Test::OneOf(lits) => lits.iter().for_each(|l| check_literal(c, l)),
            Test::Includes(option) => {
                if target.kind != QuestionType::Multi {
                    c.report(
                        place,
                        "show_if",
                        format!("`includes` needs a `multi` question, and `{shown}` is `{}`", target.kind.as_str()),
                    );
                } else {
                    check_literal(c, &Literal::Text(option.clone()));
                }
            }
            Test::Answered(_) => {}
            Test::Compare(op, _) => {
                if target.kind != QuestionType::Number {
                    c.report(
                        place,
                        "show_if",
                        format!(
                            "`{}` needs a `number` question, and `{shown}` is `{}`",
                            op.key(),
                            target.kind.as_str()
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_question(question: serde_json::Value) -> Vec<Problem> {
        let q: Questionnaire = serde_json::from_value(serde_json::json!({
            "format": 1, "id": "t", "version": "1", "title": "T", "kind": "custom",
            "sections": [{ "id": "s", "title": "S", "questions": [question] }]
        }))
        .expect("parses");
        validate(&q)
    }

    #[test]
    fn only_a_multi_questions_options_can_be_exclusive() {
        let options =
            serde_json::json!([{ "id": "a", "label": "A" }, { "id": "none", "label": "None", "exclusive": true }]);
        let multi = serde_json::json!({ "id": "s.m", "type": "multi", "text": "T?", "help": "H", "options": options });
        assert_eq!(one_question(multi), []);
        let choice =
            serde_json::json!({ "id": "s.c", "type": "choice", "text": "T?", "help": "H", "options": options });
        let problems = one_question(choice);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].place, "question `s.c`");
        assert!(problems[0].message.contains("option `none` is marked exclusive"), "{}", problems[0]);
        let all = serde_json::json!([{ "id": "a", "label": "A", "exclusive": true }, { "id": "b", "label": "B", "exclusive": true }]);
        let multi = serde_json::json!({ "id": "s.m", "type": "multi", "text": "T?", "help": "H", "options": all });
        assert!(one_question(multi)[0].message.contains("every option is marked exclusive"));
    }
}
