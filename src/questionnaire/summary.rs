//! What a questionnaire covers: the figures `soc2-ready validate` prints.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::criteria::CRITERIA;
use super::format::{AiArea, Questionnaire};

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub id: String,
    pub version: String,
    pub title: String,
    pub kind: &'static str,
    pub sections: usize,
    pub questions: usize,
    pub scored: usize,
    pub critical: usize,
    pub criteria_covered: Vec<&'static str>,
    pub criteria_missing: Vec<&'static str>,
    pub ai_areas: BTreeMap<&'static str, usize>,
    pub question_types: BTreeMap<&'static str, usize>,
}

impl Summary {
    pub fn of(q: &Questionnaire) -> Summary {
        let mentioned: BTreeSet<&str> =
            q.questions().flat_map(|(_, q)| q.criteria.iter().map(String::as_str)).collect();
        let (criteria_covered, criteria_missing) = CRITERIA.iter().partition(|c| mentioned.contains(*c));
        let mut ai_areas: BTreeMap<&'static str, usize> = AiArea::ALL.iter().map(|a| (a.id(), 0)).collect();
        let mut question_types = BTreeMap::new();
        for (_, question) in q.questions() {
            if let Some(area) = question.ai_area {
                *ai_areas.entry(area.id()).or_default() += 1;
            }
            *question_types.entry(question.kind.as_str()).or_default() += 1;
        }
        Summary {
            id: q.id.clone(),
            version: q.version.clone(),
            title: q.title.clone(),
            kind: q.kind.as_str(),
            sections: q.sections.len(),
            questions: q.question_count(),
            scored: q.questions().filter(|(_, q)| q.is_scored()).count(),
            critical: q.questions().filter(|(_, q)| q.critical).count(),
            criteria_covered,
            criteria_missing,
            ai_areas,
            question_types,
        }
    }
}
