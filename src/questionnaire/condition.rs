//! `show_if` conditions: what they are, and whether one holds for a set of answers.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::value::AnswerValue;

/// A condition on earlier answers that decides whether a section or question is shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawCondition", into = "RawCondition")]
pub enum Condition {
    Test { question: String, test: Test },
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
}

/// What a condition checks about one question's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    Equals(Literal),
    OneOf(Vec<Literal>),
    Includes(String),
    Answered(bool),
    Compare(Comparison, f64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    Gt,
    Gte,
    Lt,
    Lte,
}

impl Comparison {
    pub fn key(self) -> &'static str {
        match self {
            Comparison::Gt => "gt",
            Comparison::Gte => "gte",
            Comparison::Lt => "lt",
            Comparison::Lte => "lte",
        }
    }

    fn holds(self, left: f64, right: f64) -> bool {
        match self {
            Comparison::Gt => left > right,
            Comparison::Gte => left >= right,
            Comparison::Lt => left < right,
            Comparison::Lte => left <= right,
        }
    }
}

/// A value a condition compares an answer with.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Text(String),
    Number(f64),
}

impl Literal {
    fn matches(&self, answer: &AnswerValue) -> bool {
        match (self, answer) {
            (Literal::Text(t), AnswerValue::Text(a)) => t == a,
            (Literal::Number(n), AnswerValue::Number(a)) => n == a,
            (Literal::Text(t), AnswerValue::List(items)) => items.iter().any(|i| i == t),
            _ => false,
        }
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Literal::Text(t) => Some(t),
            Literal::Number(_) => None,
        }
    }
}

impl Condition {
    /// Whether the condition holds. `answer` gives the answer to a question id, `None` when the question
    /// is unanswered or hidden.
    pub fn holds<'a>(&self, answer: &impl Fn(&str) -> Option<&'a AnswerValue>) -> bool {
        match self {
            Condition::All(all) => all.iter().all(|c| c.holds(answer)),
            Condition::Any(any) => any.iter().any(|c| c.holds(answer)),
            Condition::Not(inner) => !inner.holds(answer),
            Condition::Test { question, test } => {
                let value = answer(question);
                match (test, value) {
                    (Test::Answered(wanted), value) => value.is_some() == *wanted,
                    (_, None) => false,
                    (Test::Equals(lit), Some(v)) => match v {
                        AnswerValue::List(_) => false,
                        v => lit.matches(v),
                    },
                    (Test::OneOf(lits), Some(v)) => lits.iter().any(|l| l.matches(v)),
                    (Test::Includes(option), Some(AnswerValue::List(items))) => items.iter().any(|i| i == option),
                    (Test::Includes(_), Some(_)) => false,
                    (Test::Compare(op, n), Some(AnswerValue::Number(v))) => op.holds(*v, *n),
                    (Test::Compare(..), Some(_)) => false,
                }
            }
        }
    }

    /// Every (question id, test) pair in the condition, depth first.
    pub fn tests(&self) -> Vec<(&str, &Test)> {
        let mut out = Vec::new();
        self.collect_tests(&mut out);
        out
    }

    fn collect_tests<'a>(&'a self, out: &mut Vec<(&'a str, &'a Test)>) {
        match self {
            Condition::Test { question, test } => out.push((question, test)),
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| c.collect_tests(out)),
            Condition::Not(c) => c.collect_tests(out),
        }
    }

    /// How deeply the condition nests (a single test is 1).
    pub fn depth(&self) -> usize {
        match self {
            Condition::Test { .. } => 1,
            Condition::All(cs) | Condition::Any(cs) => 1 + cs.iter().map(Condition::depth).max().unwrap_or(0),
            Condition::Not(c) => 1 + c.depth(),
        }
    }
}

/// The condition as written in a file: exactly one way of combining, or one question and one test.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    question: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    equals: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    one_of: Option<Vec<Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    includes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    answered: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gt: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gte: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lt: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lte: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    all: Option<Vec<Condition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    any: Option<Vec<Condition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    not: Option<Box<Condition>>,
}

fn literal(value: Value) -> Result<Literal, String> {
    match value {
        Value::String(s) => Ok(Literal::Text(s)),
        Value::Number(n) => {
            n.as_f64().map(Literal::Number).ok_or_else(|| format!("condition value {n} is not a usable number"))
        }
        other => Err(format!("a condition compares with a string or a number, not {other}")),
    }
}

impl TryFrom<RawCondition> for Condition {
    type Error = String;

    fn try_from(raw: RawCondition) -> Result<Self, Self::Error> {
        let mut tests: Vec<Test> = Vec::new();
        if let Some(v) = raw.equals {
            tests.push(Test::Equals(literal(v)?));
        }
        if let Some(vs) = raw.one_of {
            if vs.is_empty() {
                return Err("`one_of` needs at least one value".into());
            }
            tests.push(Test::OneOf(vs.into_iter().map(literal).collect::<Result<_, _>>()?));
        }
        if let Some(o) = raw.includes {
            tests.push(Test::Includes(o));
        }
        if let Some(a) = raw.answered {
            tests.push(Test::Answered(a));
        }
        for (op, n) in
            [(Comparison::Gt, raw.gt), (Comparison::Gte, raw.gte), (Comparison::Lt, raw.lt), (Comparison::Lte, raw.lte)]
        {
            if let Some(n) = n {
                tests.push(Test::Compare(op, n));
            }
        }
        let mut combined: Vec<Condition> = Vec::new();
        if let Some(all) = raw.all {
            if all.is_empty() {
                return Err("`all` needs at least one condition".into());
            }
            combined.push(Condition::All(all));
        }
        if let Some(any) = raw.any {
            if any.is_empty() {
                return Err("`any` needs at least one condition".into());
            }
            combined.push(Condition::Any(any));
        }
        if let Some(not) = raw.not {
            combined.push(Condition::Not(not));
        }
        match (raw.question, tests.len(), combined.len()) {
            (Some(question), 1, 0) => Ok(Condition::Test { question, test: tests.pop().expect("one test") }),
            (None, 0, 1) => Ok(combined.pop().expect("one combination")),
            (Some(_), 0, 0) => {
                Err("a condition on a question needs one test: equals, one_of, includes, answered, gt, gte, lt or lte"
                    .into())
            }
            (Some(_), _, 0) => Err("a condition may have only one test; combine several with `all` or `any`".into()),
            (None, n, 0) if n > 0 => Err("a condition with a test needs the `question` it tests".into()),
            (None, 0, 0) => Err("an empty condition: use `question` with a test, or `all`, `any` or `not`".into()),
            _ => Err("a condition uses exactly one of `all`, `any`, `not`, or `question` with a test".into()),
        }
    }
}

impl From<Condition> for RawCondition {
    fn from(c: Condition) -> Self {
        let value = |l: Literal| match l {
            Literal::Text(t) => Value::String(t),
            Literal::Number(n) => serde_json::Number::from_f64(n).map(Value::Number).unwrap_or(Value::Null),
        };
        let mut raw = RawCondition::default();
        match c {
            Condition::All(cs) => raw.all = Some(cs),
            Condition::Any(cs) => raw.any = Some(cs),
            Condition::Not(c) => raw.not = Some(c),
            Condition::Test { question, test } => {
                raw.question = Some(question);
                match test {
                    Test::Equals(l) => raw.equals = Some(value(l)),
                    Test::OneOf(ls) => raw.one_of = Some(ls.into_iter().map(value).collect()),
                    Test::Includes(o) => raw.includes = Some(o),
                    Test::Answered(a) => raw.answered = Some(a),
                    Test::Compare(Comparison::Gt, n) => raw.gt = Some(n),
                    Test::Compare(Comparison::Gte, n) => raw.gte = Some(n),
                    Test::Compare(Comparison::Lt, n) => raw.lt = Some(n),
                    Test::Compare(Comparison::Lte, n) => raw.lte = Some(n),
                }
            }
        }
        raw
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(json: &str) -> Result<Condition, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    fn holds(c: &Condition, answers: &[(&str, AnswerValue)]) -> bool {
        let map: HashMap<&str, &AnswerValue> = answers.iter().map(|(k, v)| (*k, v)).collect();
        c.holds(&|id| map.get(id).copied())
    }

    fn text(s: &str) -> AnswerValue {
        AnswerValue::Text(s.into())
    }

    #[test]
    fn each_test_kind_holds_and_fails() {
        let eq = parse(r#"{"question":"a","equals":"yes"}"#).unwrap();
        assert!(holds(&eq, &[("a", text("yes"))]));
        assert!(!holds(&eq, &[("a", text("no"))]));
        assert!(!holds(&eq, &[]));

        let one = parse(r#"{"question":"a","one_of":["x","y"]}"#).unwrap();
        assert!(holds(&one, &[("a", text("y"))]));
        assert!(holds(&one, &[("a", AnswerValue::List(vec!["z".into(), "x".into()]))]));
        assert!(!holds(&one, &[("a", text("z"))]));

        let inc = parse(r#"{"question":"a","includes":"privacy"}"#).unwrap();
        assert!(holds(&inc, &[("a", AnswerValue::List(vec!["privacy".into()]))]));
        assert!(!holds(&inc, &[("a", AnswerValue::List(vec![]))]));

        let ans = parse(r#"{"question":"a","answered":false}"#).unwrap();
        assert!(holds(&ans, &[]));
        assert!(!holds(&ans, &[("a", text("x"))]));

        let gt = parse(r#"{"question":"n","gt":50}"#).unwrap();
        assert!(holds(&gt, &[("n", AnswerValue::Number(51.0))]));
        assert!(!holds(&gt, &[("n", AnswerValue::Number(50.0))]));
        let lte = parse(r#"{"question":"n","lte":50}"#).unwrap();
        assert!(holds(&lte, &[("n", AnswerValue::Number(50.0))]));
    }

    #[test]
    fn combinations() {
        let c = parse(
            r#"{"all":[{"question":"a","equals":"yes"},{"not":{"any":[{"question":"b","equals":1},{"question":"c","answered":true}]}}]}"#,
        )
        .unwrap();
        assert_eq!(c.depth(), 4);
        assert!(holds(&c, &[("a", text("yes"))]));
        assert!(!holds(&c, &[("a", text("yes")), ("b", AnswerValue::Number(1.0))]));
        assert!(!holds(&c, &[("a", text("yes")), ("c", text(""))]));
        assert_eq!(c.tests().len(), 3);
    }

    #[test]
    fn malformed_conditions_are_refused_with_a_reason() {
        for (json, needle) in [
            (r#"{}"#, "empty condition"),
            (r#"{"question":"a"}"#, "needs one test"),
            (r#"{"question":"a","equals":"x","gt":1}"#, "only one test"),
            (r#"{"equals":"x"}"#, "needs the `question`"),
            (r#"{"all":[]}"#, "at least one"),
            (r#"{"question":"a","equals":true}"#, "string or a number"),
            (r#"{"question":"a","equal":"x"}"#, "unknown field"),
            (r#"{"all":[{"question":"a","answered":true}],"not":{"question":"a","answered":true}}"#, "exactly one"),
        ] {
            let err = parse(json).unwrap_err();
            assert!(err.contains(needle), "{json}: {err}");
        }
    }

    #[test]
    fn round_trips_through_json() {
        let json = r#"{"any":[{"question":"a","one_of":["x",2.0]},{"question":"n","lt":3.0}]}"#;
        let c = parse(json).unwrap();
        assert_eq!(serde_json::to_string(&c).unwrap(), json);
    }
}
