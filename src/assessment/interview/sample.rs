//! A sample assessment of a fictional 25-person AI startup, so a newcomer can see a full report before
//! answering anything.
//!
//! It is built from whatever questionnaire it is given, at run time, so it never goes stale: sections are
//! walked in order, visibility is checked again after every answer (so `show_if` is respected), and every
//! choice comes from the question's own fields (its type, options, range, evidence list, remediation).
//! Which questions are answered, and how, depends only on a hash of the question id: the same questionnaire
//! always gives the same sample. About half of the shown scored questions are answered, critical ones
//! first and earlier sections more than later ones, as a founder part-way through would leave it.
//!
//! A handful of facts about the fictional company ([`COMPANY`]) make the profile plausible (25 people, not
//! a random number between 1 and 100,000). Each is used only when the questionnaire has that question and
//! accepts the value; otherwise the question is answered by its type like any other, so a changed
//! questionnaire still gets a complete sample.

use std::collections::HashSet;

use chrono::{Days, NaiveDate};

use crate::assessment::model::answer::{AnswerValue, check_value, parse_answer};
use crate::assessment::model::document::Assessment;
use crate::assessment::model::observations::{self, ObservationFields};
use crate::assessment::model::profile_rules::check_profile;
use crate::assessment::model::progress::Visibility;
use crate::assessment::store::session::{Session, SessionError};
use crate::assessment::store::{Listed, Store};
use crate::questionnaire::format::{MATURITY, NOT_APPLICABLE, UNKNOWN};
use crate::questionnaire::{Question, QuestionType, Questionnaire, catalog};

/// The fictional organisation; the name says it is a sample wherever it is shown.
pub const ORG: &str = "Example AI Ltd (sample)";

/// What the report says about a sample, in one line.
pub const NOTICE: &str =
    "This is a sample: the company is fictional and its answers were made up to show what a report looks like.";

/// The questionnaire a sample answers unless another is named: the built-in readiness questionnaire.
pub const QUESTIONNAIRE: &str = "soc2-ai-readiness";

/// The fictional people who answered.
const PEOPLE: [&str; 3] = ["Maya Chen (CTO)", "Sam Okoro (Head of Engineering)", "Lena Fischer (Operations)"];

/// Facts about the fictional company, as typed answers to the profile questions that carry them. Used only
/// where the questionnaire has the question and accepts the value.
const COMPANY: &[(&str, &str)] = &[
    ("profile.headcount", "25"),
    ("profile.engineers", "14"),
    ("profile.systems", "30"),
    ("profile.security_staff", "1"),
    ("profile.cloud_providers", "aws,gpu_cloud"),
    ("profile.trains_models", "yes"),
    ("profile.customer_data_training", "no"),
    ("profile.third_party_models", "yes"),
    ("profile.model_providers", "openai,anthropic,open_weights"),
    (
        "profile.model_versions",
        "Hosted models pinned to dated versions in configuration; one open-weights model fine-tuned in house",
    ),
    ("profile.eu_ai_act_role", "deployer"),
    ("profile.personal_data", "yes"),
    ("profile.health_data", "no"),
    ("profile.categories", "availability,confidentiality"),
    (
        "profile.privacy_scope_reason",
        "Personal data is limited to business contacts and account users; Privacy is left out of the first \
         report and looked at again next year",
    ),
    ("profile.report_type", "type1"),
    ("profile.observation_months", "months_3"),
    ("profile.remediation_fte", "2"),
    ("profile.auditor_tier", "boutique"),
    ("profile.hourly_cost", "120"),
    ("profile.compliance_tooling", "yes"),
    ("profile.consultant", "no"),
    ("profile.org_contact", "Maya Chen, CTO (a fictional person)"),
    // The vendor sample assesses an AI SaaS product (a self-hosted model would skip most questions).
    ("vendor.type", "ai_saas"),
    ("governance.other_frameworks", "gdpr"),
];

/// How many observations the sample records, on critical controls claimed but not shown.
const OBSERVATIONS: usize = 2;

/// Build the sample: `questionnaire` about half answered for [`ORG`], with notes, evidence references, who
/// answered, follow-up flags, owners and due dates on some gaps, and a couple of observations. Every value
/// passes the checks the `answer` command makes.
pub fn build(questionnaire: Questionnaire, now: &str) -> Assessment {
    let today = chrono::DateTime::parse_from_rfc3339(now)
        .map(|t| t.date_naive())
        .unwrap_or_else(|_| NaiveDate::from_ymd_opt(2026, 1, 1).expect("a valid date"));
    let mut a = Assessment::new(questionnaire, ORG, now);
    a.people = PEOPLE.iter().map(|p| p.to_string()).collect();
    let rates = answer_rates(a.questionnaire());
    let gates = gates(a.questionnaire());
    let mut criticals = 0;
    // Shown questions change only when a question some condition depends on is answered.
    let mut vis = Visibility::of_assessment(&a);
    for (si, rate) in rates.iter().enumerate() {
        // Error diffusion: the section's share of its scored questions (rounded) is answered, spread
        // evenly through it.
        let mut due = 0.5;
        for qi in 0..a.questionnaire().sections[si].questions.len() {
            if !vis.question(si, qi) {
                continue;
            }
            let q = a.questionnaire().sections[si].questions[qi].clone();
            if q.is_scored() {
                // Critical controls are always answered (a founder starts with them); they use up the
                // section's share.
                due += rate;
                if due < 1.0 && !q.critical {
                    continue;
                }
                due -= 1.0;
            }
            let preset = if q.kind == QuestionType::Yesno && gates.contains(&q.id) {
                Some("yes")
            } else if q.kind == QuestionType::Maturity && q.critical {
                criticals += 1;
                Some(CRITICAL_LEVELS[(criticals - 1) % CRITICAL_LEVELS.len()])
            } else {
                None
            };
            answer(&mut a, &q, preset, today, now);
            if gates.contains(&q.id) {
                vis = Visibility::of_assessment(&a);
            }
        }
    }
    drop_hidden(&mut a, now);
    observe(&mut a, today, now);
    a.respondent.clear();
    a.log = Default::default();
    a
}

/// Whether an assessment is a sample this module built (its organisation is the fictional one).
pub fn is_sample(a: &Assessment) -> bool {
    a.org == ORG
}

/// The newest sample of the readiness questionnaire among the store's assessments (listed newest first),
/// to open again rather than make another.
pub fn find(listed: &[Listed]) -> Option<&Listed> {
    listed.iter().find(|l| l.org == ORG && l.questionnaire == QUESTIONNAIRE)
}

/// Open the sample made before in `store`, or make one of the built-in readiness questionnaire in a new file
/// there (never over another): what the home screens do. `Ok(true)` with a sample just made.
pub fn open_or_make(store: &Store, now: &str) -> Result<(Session, bool), SessionError> {
    let (listed, _) = store.list();
    if let Some(made) = find(&listed) {
        return Ok((Session::open(&made.path, now)?, false));
    }
    let questionnaire = catalog::built_in(QUESTIONNAIRE).expect("the readiness questionnaire is built in");
    let assessment = build(questionnaire, now);
    let path = store.new_path(&assessment.org, &assessment.questionnaire.id);
    Ok((Session::create(&path, assessment, now)?, true))
}

/// The share of scored questions answered in each section: from 0.7 in the first section with scored
/// questions down to 0.3 in the last, half on average.
fn answer_rates(q: &Questionnaire) -> Vec<f64> {
    let scored: Vec<usize> = q
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.questions.iter().any(Question::is_scored))
        .map(|(i, _)| i)
        .collect();
    let mut rates = vec![0.5; q.sections.len()];
    if scored.len() > 1 {
        let last = (scored.len() - 1) as f64;
        for (rank, &si) in scored.iter().enumerate() {
            rates[si] = 0.7 - 0.4 * rank as f64 / last;
        }
    }
    rates
}

/// FNV-1a over a purpose and a question id, finished with splitmix64's mixer so that ids differing in
/// their last letters spread evenly: the same question always gets the same answer.
fn hash(purpose: &str, id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in purpose.bytes().chain([0]).chain(id.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// A number from 0 to 99 for one purpose and question.
fn roll(purpose: &str, id: &str) -> u64 {
    hash(purpose, id) % 100
}

fn person(id: &str) -> &'static str {
    PEOPLE[(hash("who", id) % PEOPLE.len() as u64) as usize]
}

/// The questions that some condition depends on: answered "yes" when they are yes/no questions, so the
/// sample shows the questions they open.
fn gates(q: &Questionnaire) -> HashSet<String> {
    let conditions = q
        .sections
        .iter()
        .flat_map(|s| s.show_if.iter().chain(s.questions.iter().filter_map(|question| question.show_if.as_ref())));
    conditions.flat_map(|c| c.tests().into_iter().map(|(id, _)| id.to_string()).collect::<Vec<_>>()).collect()
}

/// Answer one shown question (with `preset`, when given and accepted), with what comes with the answer.
fn answer(a: &mut Assessment, q: &Question, preset: Option<&str>, today: NaiveDate, now: &str) {
    let Some(value) = value_for(a, q, preset, today) else { return };
    a.respondent = person(&q.id).to_string();
    a.set_value(&q.id, value.clone(), now);
    if q.kind == QuestionType::Maturity
        && let AnswerValue::Text(level) = &value
    {
        annotate(a, q, level, today, now);
    }
}

/// The value the company gives: its own fact where it has one that fits, otherwise one chosen by type.
fn value_for(a: &Assessment, q: &Question, preset: Option<&str>, today: NaiveDate) -> Option<AnswerValue> {
    let fits = |v: &AnswerValue| check_value(q, v).is_ok() && check_profile(a, &q.id, v).is_ok();
    let fact = COMPANY.iter().find(|(id, _)| *id == q.id).and_then(|(_, input)| parse_answer(q, input).ok());
    if let Some(v) = fact.filter(|v| fits(v)) {
        return Some(v);
    }
    if let Some(v) = preset.and_then(|input| parse_answer(q, input).ok()).filter(|v| fits(v)) {
        return Some(v);
    }
    Some(by_type(q, today)).filter(|v| fits(v))
}

/// A plausible value for any question, from its type and its own options or range.
fn by_type(q: &Question, today: NaiveDate) -> AnswerValue {
    let id = q.id.as_str();
    let pick = |ids: &[&str], purpose: &str| ids[(hash(purpose, id) % ids.len() as u64) as usize].to_string();
    let ordinary = |q: &Question| -> Vec<String> {
        let all: Vec<String> = q.offered().iter().map(|o| o.id.to_string()).collect();
        let kept: Vec<String> =
            all.iter().filter(|o| !matches!(o.as_str(), "unknown" | "other" | "none")).cloned().collect();
        if kept.is_empty() { all } else { kept }
    };
    match q.kind {
        QuestionType::Maturity => AnswerValue::Text(maturity(q).to_string()),
        QuestionType::Yesno => AnswerValue::Text(if roll("yes", id) < 65 { "yes" } else { "no" }.to_string()),
        QuestionType::Choice => {
            let options = ordinary(q);
            // An operating-period question: a young programme has run for part of the window at most.
            let options: Vec<&str> = if q.operating_period {
                let modest: Vec<&str> = q
                    .options
                    .iter()
                    .filter(|o| o.score.is_some_and(|s| s > 0.0 && s <= 0.5))
                    .map(|o| o.id.as_str())
                    .collect();
                if modest.is_empty() { options.iter().map(String::as_str).collect() } else { modest }
            } else {
                options.iter().map(String::as_str).collect()
            };
            AnswerValue::Text(pick(&options, "choice"))
        }
        QuestionType::Multi => {
            let options = ordinary(q);
            let first = (hash("multi", id) % options.len() as u64) as usize;
            let mut chosen = vec![options[first].clone()];
            if options.len() > 2 && roll("multi-second", id) < 50 {
                chosen.push(options[(first + 1) % options.len()].clone());
            }
            // In the questionnaire's order, as an answer typed in would be stored.
            AnswerValue::List(q.options.iter().filter(|o| chosen.contains(&o.id)).map(|o| o.id.clone()).collect())
        }
        QuestionType::Number => AnswerValue::Number(number(q)),
        QuestionType::Text => AnswerValue::Text(
            "Written for the sample: in a real assessment the organisation describes this in its own words.".into(),
        ),
        // Today: true of a date that starts something ("when does or did the work start": the plan starts
        // as the sample is read) and of one that ended something (a vendor's report period), where a date
        // ahead would contradict the question.
        QuestionType::Date => AnswerValue::Text(today.format("%Y-%m-%d").to_string()),
    }
}

/// A small, whole number suited to the unit, inside the question's range.
fn number(q: &Question) -> f64 {
    let guess: f64 = match q.unit.to_ascii_lowercase().as_str() {
        "people" => 5.0,
        "fte" => 1.0,
        "systems" => 30.0,
        "months" => 6.0,
        "days" => 30.0,
        "%" | "percent" => 50.0,
        u if u.starts_with("usd") || u.starts_with("eur") || u.starts_with("gbp") => 120.0,
        _ => 10.0,
    };
    let low = q.min.unwrap_or(f64::MIN);
    let high = q.max.unwrap_or(f64::MAX).max(low);
    guess.clamp(low, high)
}

/// The levels of the critical controls, in turn: they got the most attention, so two in three are at least
/// documented, and the rest are the sample's blockers. (Too few to leave to the hash: a run of bad luck
/// would block on nearly all of them.)
const CRITICAL_LEVELS: [&str; 12] = [
    "documented",
    "evidenced",
    "informal",
    "documented",
    "planned",
    "documented",
    "evidenced",
    "documented",
    "informal",
    "documented",
    UNKNOWN,
    "documented",
];

/// A maturity level with a young company's spread: many informal or planned, some documented, a few with
/// evidence over time, a few not started, the odd one nobody knew.
fn maturity(q: &Question) -> &'static str {
    let r = roll("level", &q.id);
    let bands: [(u64, &str); 6] =
        [(10, "evidenced"), (35, "documented"), (66, "informal"), (90, "planned"), (96, "not_started"), (100, UNKNOWN)];
    let level = bands.iter().find(|(upto, _)| r < *upto).map_or(UNKNOWN, |(_, level)| level);
    // A minor control, now and then, is judged not to apply.
    if q.weight.is_some_and(|w| w <= 2) && level == "not_started" {
        return NOT_APPLICABLE;
    }
    level
}

/// The note, evidence references, follow-up, owner and due date that go with a maturity answer.
fn annotate(a: &mut Assessment, q: &Question, level: &str, today: NaiveDate, now: &str) {
    let id = q.id.as_str();
    let month = |back: u64| today.checked_sub_days(Days::new(back)).unwrap_or(today).format("%Y-%m").to_string();
    let evidence = |n: usize| -> Vec<String> {
        q.evidence
            .iter()
            .take(n)
            .enumerate()
            .map(|(i, e)| format!("{} (collected {})", e, month(20 + 35 * i as u64)))
            .collect()
    };
    let next_step = first_sentence(&q.remediation);
    let owner = person(&format!("owner {id}"));
    let note = match level {
        "evidenced" => {
            a.set_evidence(id, evidence(2), now);
            (roll("note", id) < 40)
                .then(|| "Runs every time and leaves a record; the last three months are filed.".into())
        }
        "documented" => {
            if roll("evidence", id) < 70 {
                a.set_evidence(id, evidence(1), now);
            }
            (roll("note", id) < 30)
                .then(|| "Written down and followed, but only recently: little history to show an auditor yet.".into())
        }
        "informal" => (roll("note", id) < 50).then(|| match &next_step {
            Some(step) => format!("Done by habit, not written down. Next: {step}"),
            None => "Done by habit, not written down.".into(),
        }),
        "planned" => Some(match &next_step {
            Some(step) => format!("Planned for this quarter. {step}"),
            None => "Planned for this quarter.".into(),
        }),
        "not_started" => (roll("note", id) < 60).then(|| "Not started: nobody owns this yet.".into()),
        NOT_APPLICABLE => {
            Some("Judged not to apply to a company of this size and shape; to confirm with the auditor.".into())
        }
        UNKNOWN => Some(match q.evidence.first() {
            Some(e) => format!("Nobody present knew. {owner} to look for: {}.", lower_first(e)),
            None => format!("Nobody present knew. {owner} to find out."),
        }),
        _ => None,
    };
    if let Some(note) = note {
        a.set_note(id, &note, now);
    }
    // Owners and due dates on the critical gaps and on some others.
    let gap = matches!(level, "planned" | "informal" | "not_started" | UNKNOWN);
    if gap && (q.critical || roll("plan", id) < 10) {
        let weeks = 4 + 2 * (hash("due", id) % 6);
        let due = today.checked_add_days(Days::new(7 * weeks)).unwrap_or(today).format("%Y-%m-%d").to_string();
        a.set_plan(id, owner, &due, now);
    }
}

/// Observations on the first critical controls answered as in place but not yet shown with evidence.
fn observe(a: &mut Assessment, today: NaiveDate, now: &str) {
    let candidates: Vec<Question> = a
        .questionnaire()
        .questions()
        .map(|(_, q)| q)
        .filter(|q| q.critical && q.kind == QuestionType::Maturity && !q.evidence.is_empty())
        .filter(|q| {
            a.value(&q.id).and_then(AnswerValue::as_text).is_some_and(|v| matches!(v, "informal" | "documented"))
        })
        .take(OBSERVATIONS)
        .cloned()
        .collect();
    for q in candidates {
        let level = a.value(&q.id).and_then(AnswerValue::as_text).unwrap_or_default();
        let label = MATURITY.iter().find(|r| r.id == level).map_or(level, |r| r.label);
        let seen =
            format!("Answered \"{}\", but no {} could be shown yet.", lower_first(label), lower_first(&q.evidence[0]));
        let risk = if q.criteria.is_empty() {
            "An auditor would likely record an exception here.".to_string()
        } else {
            format!("An auditor would likely record an exception against {}.", q.criteria.join(", "))
        };
        let due = today.checked_add_days(Days::new(30)).unwrap_or(today).format("%Y-%m-%d").to_string();
        let fields = ObservationFields {
            seen,
            risk,
            recommendation: first_sentence(&q.remediation).unwrap_or_default(),
            owner: person(&format!("owner {}", q.id)).to_string(),
            due,
        };
        // The question exists and the fields are filled in, so this cannot be refused.
        let _ = observations::add(a, &q.id, fields, PEOPLE[0], now);
    }
}

/// Answers to questions that a later answer hid (a questionnaire whose conditions look ahead) are removed,
/// so the sample never holds an answer that would not count.
fn drop_hidden(a: &mut Assessment, now: &str) {
    let vis = Visibility::of_assessment(a);
    let hidden: Vec<String> = a
        .questionnaire()
        .sections
        .iter()
        .enumerate()
        .flat_map(|(si, s)| s.questions.iter().enumerate().map(move |(qi, q)| (si, qi, q)))
        .filter(|(si, qi, q)| !vis.question(*si, *qi) && a.answers.contains_key(&q.id))
        .map(|(_, _, q)| q.id.clone())
        .collect();
    for id in hidden {
        a.answers.remove(&id);
        a.updated_at = now.to_string();
    }
}

/// The first sentence of a text, with its full stop.
fn first_sentence(text: &str) -> Option<String> {
    let text = crate::text::one_line(text.trim());
    if text.is_empty() {
        return None;
    }
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    let mut sentence = text[..end].to_string();
    if !sentence.ends_with(['.', '!', '?']) {
        sentence.push('.');
    }
    Some(sentence)
}

/// The text with its first letter in lower case, to sit inside a sentence (acronyms such as `MFA` kept).
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(std::iter::once(second)).chain(chars).collect()
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_case() {
        assert_eq!(first_sentence("Do this. Then that."), Some("Do this.".into()));
        assert_eq!(first_sentence("No stop"), Some("No stop.".into()));
        assert_eq!(first_sentence("  "), None);
        assert_eq!(lower_first("Offboarding tickets"), "offboarding tickets");
        assert_eq!(lower_first("MFA setting"), "MFA setting");
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn the_hash_is_fixed() {
        // The same on every machine and every run, so the sample is too.
        assert_eq!(hash("", ""), hash("", ""));
        assert_ne!(hash("level", "a.b"), hash("level", "a.c"));
    }

    #[test]
    fn rates_fall_from_the_first_section_to_the_last_and_average_a_half() {
        let q = crate::questionnaire::catalog::built_in("soc2-ai-readiness").unwrap();
        let rates = answer_rates(&q);
        let scored: Vec<f64> = q
            .sections
            .iter()
            .zip(&rates)
            .filter(|(s, _)| s.questions.iter().any(Question::is_scored))
            .map(|(_, r)| *r)
            .collect();
        assert!((scored[0] - 0.7).abs() < 1e-9 && (scored[scored.len() - 1] - 0.3).abs() < 1e-9);
        assert!((scored.iter().sum::<f64>() / scored.len() as f64 - 0.5).abs() < 1e-9);
    }
}
