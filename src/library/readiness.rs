//! The founder's readiness assessment as a source: a customer's standard questionnaire (CAIQ, HECVAT) is
//! answered from the readiness answers through a mapping we ship as data (`assets/readiness-map.json`: our
//! question ids to the template's ids, nothing else), and elsewhere through concept matching. A readiness
//! answer of "documented" or better justifies a Yes; anything less is offered, never applied, and says why.
//! Maturity answers fold to yes / partial / no / n/a; "don't know" is never offered as an answer.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::record::Record;
use crate::questionnaire::format::MATURITY;
use crate::spreadsheet::vocabulary::Choice;

/// The readiness questionnaire's id: records from its assessments carry it in their provenance.
pub const READINESS: &str = "soc2-ai-readiness";

/// The mapping as shipped.
pub const MAPPING: &str = include_str!("../../assets/readiness-map.json");

/// A sure mapping to a readiness answer of "documented" or better: at the threshold, so `fill` applies it.
pub const MAPPED_SCORE: f64 = 0.92;
/// A mapping marked uncertain: offered, never applied.
pub const UNSURE_SCORE: f64 = 0.85;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[allow(dead_code)]
    about: String,
    templates: Vec<Template>,
}

/// One standard template's mapping.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// The template profile's id (`caiq-v4`).
    pub id: String,
    pub name: String,
    pub map: Vec<Entry>,
}

/// One readiness question and the template's questions it answers.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub readiness: String,
    pub ids: Vec<String>,
    pub sure: bool,
}

/// The mapping, by the template's id (folded as [`super::index::id_key`] folds it).
#[derive(Debug, Default)]
pub struct Mapping {
    pub templates: Vec<Template>,
    by_id: HashMap<String, Vec<(usize, usize)>>,
}

/// One way a template's question is answered from the readiness assessment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mapped<'a> {
    pub template: &'a Template,
    pub entry: &'a Entry,
}

impl Mapping {
    pub fn parse(text: &str) -> Result<Mapping, super::AssetProblem> {
        let problem = |problem: String| super::AssetProblem { file: "the readiness mapping", problem };
        let file: File = serde_json::from_str(text).map_err(|e| problem(e.to_string()))?;
        let mut by_id: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (t, template) in file.templates.iter().enumerate() {
            for (e, entry) in template.map.iter().enumerate() {
                if entry.ids.is_empty() || entry.ids.iter().any(|i| i.trim().is_empty()) {
                    return Err(problem(format!("{}: `{}` maps to no id", template.id, entry.readiness)));
                }
                for id in &entry.ids {
                    by_id.entry(super::index::id_key(id)).or_default().push((t, e));
                }
            }
        }
        Ok(Mapping { templates: file.templates, by_id })
    }

    /// The readiness questions that answer the template question with this id, in any template.
    pub fn lookup(&self, id: &str) -> Vec<Mapped<'_>> {
        self.by_id
            .get(&super::index::id_key(id))
            .into_iter()
            .flatten()
            .map(|&(t, e)| Mapped { template: &self.templates[t], entry: &self.templates[t].map[e] })
            .collect()
    }
}

/// The shipped mapping (empty if it failed to parse, which the tests refuse).
pub fn mapping() -> &'static Mapping {
    static M: OnceLock<Mapping> = OnceLock::new();
    M.get_or_init(|| Mapping::parse(MAPPING).unwrap_or_default())
}

/// A maturity answer as a yes/no choice: in place is yes, on its way is partial, not started is no.
pub fn maturity_choice(option: &str) -> Choice {
    match option {
        "documented" | "evidenced" => Choice::Yes,
        "informal" | "planned" => Choice::Partial,
        "not_started" => Choice::No,
        "na" => Choice::NotApplicable,
        _ => Choice::Other,
    }
}

/// The maturity rung (`informal`) of a record that came from a readiness assessment; `None` for any other.
pub fn level(record: &Record) -> Option<&'static str> {
    if record.provenance.assessment != READINESS {
        return None;
    }
    MATURITY.iter().find(|r| r.label == record.answer).map(|r| r.id)
}

/// What a readiness answer at `level` may say to a customer: the choice offered, the highest score it may
/// have, and why it is not a Yes. "documented" or better: Yes, no cap. Anything less is offered, never
/// applied.
pub fn offer(level: &str) -> Option<(Choice, f64, Option<String>)> {
    let short = |why: &str| Some(format!("readiness answer is '{why}': not enough for a Yes"));
    match level {
        "documented" | "evidenced" => Some((Choice::Yes, 1.0, None)),
        "informal" => Some((Choice::Partial, 0.7, short("informal"))),
        "planned" => Some((Choice::Partial, 0.65, short("planned"))),
        "not_started" => Some((Choice::No, 0.65, short("not started"))),
        "na" => {
            Some((Choice::NotApplicable, 0.7, Some("readiness answer is 'not applicable': check it applies".into())))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mapping_parses_and_names_real_readiness_questions() {
        let m = Mapping::parse(MAPPING).unwrap();
        let readiness = crate::questionnaire::catalog::built_in(READINESS).unwrap();
        for t in &m.templates {
            for e in &t.map {
                assert!(readiness.question(&e.readiness).is_some(), "{}: no readiness question {}", t.id, e.readiness);
            }
        }
        assert_eq!(m.lookup("iam-14.1")[0].entry.readiness, "access.mfa_production");
        assert!(m.lookup("IAM-99.9").is_empty());
        for t in ["caiq-v4", "caiq-v3.1", "hecvat-4", "hecvat-3", "sig"] {
            assert!(m.templates.iter().any(|x| x.id == t), "{t} has no mapping");
        }
    }

    #[test]
    fn less_than_documented_is_never_a_yes() {
        assert_eq!(maturity_choice("unknown"), Choice::Other, "don't know is never n/a");
        assert_eq!(offer("documented").unwrap().0, Choice::Yes);
        let (choice, cap, why) = offer("informal").unwrap();
        assert_eq!(choice, Choice::Partial);
        assert!(cap < super::super::APPLY_THRESHOLD);
        assert_eq!(why.unwrap(), "readiness answer is 'informal': not enough for a Yes");
        assert!(offer("unknown").is_none());
    }
}
