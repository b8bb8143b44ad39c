//! A meeting's agenda: the questions to cover with one named person. A question is on it when its gap is
//! assigned to them (the answer's owner), when a meeting left it "ask NAME" (the answer's `ask`), or when
//! an open finding on it is theirs to close. Questions hidden by the answers are left out (they do not
//! count). Plain data and pure functions.

use serde::Serialize;

use crate::assessment::model::answer::describe;
use crate::assessment::model::document::Assessment;
use crate::assessment::model::progress::{Visibility, is_answered};

/// Why a question is on someone's agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Why {
    /// They own closing the gap the answer shows.
    Owner,
    /// A meeting left the question to ask them.
    Ask,
    /// An open finding on the question is theirs.
    Finding,
}

impl Why {
    pub fn id(self) -> &'static str {
        match self {
            Why::Owner => "owner",
            Why::Ask => "ask",
            Why::Finding => "finding",
        }
    }
}

/// One question to cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub section: String,
    pub question: String,
    pub text: String,
    /// The answer as people read it, or empty.
    pub answer: String,
    pub answered: bool,
    pub flagged: bool,
    /// The gap's due date, or empty.
    pub due: String,
    /// The open findings on the question that are theirs, by id.
    pub findings: Vec<String>,
    pub why: Vec<Why>,
}

/// Whether two names are the same person's: the same words, in any case.
pub fn same_person(a: &str, b: &str) -> bool {
    let words = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    let (a, b) = (words(a), words(b));
    !a.is_empty() && a == b
}

/// The questions to cover with `name`, in questionnaire order.
pub fn for_person(a: &Assessment, name: &str) -> Vec<Item> {
    let vis = Visibility::of_assessment(a);
    let mut out = Vec::new();
    for (s, section) in a.questionnaire().sections.iter().enumerate() {
        for (i, q) in section.questions.iter().enumerate() {
            if !vis.question(s, i) {
                continue;
            }
            let answer = a.answers.get(&q.id);
            let findings: Vec<String> = a
                .observations
                .iter()
                .filter(|o| o.question == q.id && !o.status.is_closed() && same_person(&o.owner, name))
                .map(|o| o.id.clone())
                .collect();
            let mut why = Vec::new();
            if answer.is_some_and(|x| same_person(&x.owner, name)) {
                why.push(Why::Owner);
            }
            if answer.is_some_and(|x| same_person(&x.ask, name)) {
                why.push(Why::Ask);
            }
            if !findings.is_empty() {
                why.push(Why::Finding);
            }
            if why.is_empty() {
                continue;
            }
            out.push(Item {
                section: section.title.clone(),
                question: q.id.clone(),
                text: q.text.clone(),
                answer: answer.and_then(|x| x.value.as_ref()).map(|v| describe(q, v)).unwrap_or_default(),
                answered: is_answered(a, &q.id),
                flagged: a.is_flagged(&q.id),
                due: answer.map(|x| x.due.clone()).unwrap_or_default(),
                findings,
                why,
            });
        }
    }
    out
}

/// Everyone named on some agenda (owners, people to ask, owners of open findings), first seen first.
pub fn people(a: &Assessment) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |name: &str| {
        let name = name.trim();
        if !name.is_empty() && !out.iter().any(|x| same_person(x, name)) {
            out.push(name.to_string());
        }
    };
    for q in a.questionnaire().sections.iter().flat_map(|s| &s.questions) {
        if let Some(x) = a.answers.get(&q.id) {
            push(&x.owner);
            push(&x.ask);
        }
    }
    for o in a.observations.iter().filter(|o| !o.status.is_closed()) {
        push(&o.owner);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::model::change::{Change, Ctx, apply};
    use crate::assessment::model::observations::ObservationFields;
    use crate::scoring::tests::answered;

    #[test]
    fn the_agenda_gathers_owned_asked_and_finding_questions_in_order() {
        let mut a = answered(&[("a.mfa", "documented")]);
        let at = Ctx::at("t");
        apply(&mut a, &Change::Ask { question: "a.sso".into(), name: " dana  smith ".into() }, at).unwrap();
        let plan = Change::Plan { question: "a.mfa".into(), owner: "Dana Smith".into(), due: "2027-03-31".into() };
        apply(&mut a, &plan, at).unwrap();
        let fields = ObservationFields { seen: "x".into(), owner: "DANA SMITH".into(), ..Default::default() };
        apply(&mut a, &Change::Observe { question: "a.mfa".into(), fields, by: String::new() }, at).unwrap();
        apply(&mut a, &Change::Ask { question: "v.review".into(), name: "Eve".into() }, at).unwrap();
        let items = for_person(&a, "Dana Smith");
        let got: Vec<_> = items.iter().map(|i| (i.question.as_str(), i.why.clone(), i.due.as_str())).collect();
        assert_eq!(
            got,
            [("a.mfa", vec![Why::Owner, Why::Finding], "2027-03-31"), ("a.sso", vec![Why::Ask], "")],
            "the ask is recorded trimmed, and names match in any case"
        );
        assert_eq!(items[0].findings, ["obs-1"]);
        assert_eq!(a.answers["a.sso"].ask, "dana  smith");
        assert!(for_person(&a, "Dana").is_empty(), "a part of a name is someone else");
        assert_eq!(people(&a), ["Dana Smith", "Eve"]);
        // Asking nobody removes it, and the entry it alone made.
        apply(&mut a, &Change::Ask { question: "a.sso".into(), name: String::new() }, at).unwrap();
        assert!(!a.answers.contains_key("a.sso"));
    }
}
