//! Where someone answering an assessment is, and the answering rules every front end shares (the
//! interface, the commands, a plain line mode): which question comes next among those shown, the next
//! unanswered or flagged one, choosing an option by its number, and what "not applicable" and "don't know"
//! lead to. Plain data and pure functions: no terminal, no files.

use crate::assessment::model::answer::AnswerValue;
use crate::assessment::model::change::{self, Change, ChangeError, Ctx};
use crate::assessment::model::document::{Assessment, Position};
use crate::assessment::model::progress::{Tally, Visibility};
use crate::questionnaire::format::NOT_APPLICABLE;
use crate::questionnaire::{Question, QuestionType};

/// A question's place: (section index, question index) in the questionnaire.
pub type Place = (usize, usize);

/// The current question of an assessment, and which questions the answers so far show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub section: usize,
    pub question: usize,
    pub vis: Visibility,
    /// Progress per section and overall under `vis`.
    pub tally: Tally,
    /// The ids of the questions some condition reads: only a change to one of them can show or hide
    /// anything.
    conditioned: std::sync::Arc<std::collections::HashSet<String>>,
}

/// Where "next unanswered" leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unanswered {
    /// The current question is not answered: stay on it.
    Here,
    At(Place),
    /// Every shown question is answered.
    None,
}

/// What choosing an option did, and what the front end should do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    /// A single answer: go on to the next question.
    Answered,
    /// A multiple-choice option ticked or unticked: stay, to tick more.
    Ticked,
    /// "Not applicable" without a reason yet: ask why (auditors do).
    AskWhyNotApplicable,
}

/// Why a number chose nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChooseError {
    #[error("This question takes a typed answer.")]
    TypedAnswer,
    #[error("There is no option {n}: this question has {count}.")]
    NoSuchOption { n: usize, count: usize },
    #[error("{0}")]
    Refused(ChangeError),
}

impl Cursor {
    /// Where the user was (the saved position, if still shown), or the first unanswered shown question.
    pub fn resume(a: &Assessment) -> Cursor {
        let q = a.questionnaire();
        let conditions = q
            .sections
            .iter()
            .flat_map(|s| s.show_if.iter().chain(s.questions.iter().filter_map(|x| x.show_if.as_ref())));
        let conditioned = conditions.flat_map(|c| c.tests()).map(|(id, _)| id.to_string()).collect();
        let vis = Visibility::of_assessment(a);
        let tally = Tally::of(a, &vis);
        let mut cursor = Cursor { section: 0, question: 0, vis, tally, conditioned: std::sync::Arc::new(conditioned) };
        let saved = a.position.as_ref().and_then(|p| {
            let s = q.sections.iter().position(|s| s.id == p.section)?;
            let i = q.sections[s].questions.iter().position(|x| x.id == p.question)?;
            cursor.vis.question(s, i).then_some((s, i))
        });
        let target = saved
            .or_else(|| cursor.shown().find(|&(s, i)| a.value(&q.sections[s].questions[i].id).is_none()))
            .or_else(|| cursor.shown().next())
            .unwrap_or((0, 0));
        (cursor.section, cursor.question) = target;
        cursor
    }

    pub fn here(&self) -> Place {
        (self.section, self.question)
    }

    /// The current question.
    pub fn question<'a>(&self, a: &'a Assessment) -> &'a Question {
        &a.questionnaire().sections[self.section].questions[self.question]
    }

    /// Work out again which questions are shown and the progress, after answers changed anywhere.
    pub fn recompute(&mut self, a: &Assessment) {
        self.vis = Visibility::of_assessment(a);
        self.tally = Tally::of(a, &self.vis);
    }

    /// The same after one question's answer changed, at the cost of its section alone unless a condition
    /// reads that question.
    pub fn answer_changed(&mut self, a: &Assessment, id: &str) {
        if self.conditioned.contains(id) {
            return self.recompute(a);
        }
        let sections = &a.questionnaire().sections;
        let here =
            sections.get(self.section).is_some_and(|s| s.questions.get(self.question).is_some_and(|q| q.id == id));
        let section = if here {
            Some(self.section)
        } else {
            sections.iter().position(|s| s.questions.iter().any(|q| q.id == id))
        };
        if let Some(s) = section {
            self.tally.recount(a, &self.vis, s);
        }
    }

    /// Every shown question, in order.
    pub fn shown(&self) -> impl Iterator<Item = Place> + '_ {
        self.vis
            .questions
            .iter()
            .enumerate()
            .flat_map(|(s, row)| row.iter().enumerate().filter(|(_, v)| **v).map(move |(i, _)| (s, i)))
    }

    /// The first shown question after the current one that satisfies `pred`; with `wrap`, going round to
    /// the start and ending with the current one.
    pub fn find_after(&self, wrap: bool, pred: impl Fn(Place) -> bool) -> Option<Place> {
        let here = self.here();
        let mut after = self.shown().filter(|&p| p > here);
        if wrap {
            after.chain(self.shown().filter(|&p| p <= here)).find(|&p| pred(p))
        } else {
            after.find(|&p| pred(p))
        }
    }

    pub fn next(&self) -> Option<Place> {
        self.find_after(false, |_| true)
    }

    pub fn previous(&self) -> Option<Place> {
        let here = self.here();
        self.shown().filter(|&p| p < here).last()
    }

    /// The first shown question of the next section that has one.
    pub fn next_section(&self) -> Option<Place> {
        self.shown().find(|&(s, _)| s > self.section)
    }

    /// The first shown question of the previous section that has one.
    pub fn previous_section(&self) -> Option<Place> {
        let target = self.shown().filter(|&(s, _)| s < self.section).map(|(s, _)| s).last()?;
        self.shown().find(|&(s, _)| s == target)
    }

    /// The current question if it is unanswered, else the next unanswered shown one (going round).
    pub fn next_unanswered(&self, a: &Assessment) -> Unanswered {
        let q = a.questionnaire();
        let unanswered = |(s, i): Place| a.value(&q.sections[s].questions[i].id).is_none();
        if self.vis.question(self.section, self.question) && unanswered(self.here()) {
            return Unanswered::Here;
        }
        self.find_after(true, unanswered).map_or(Unanswered::None, Unanswered::At)
    }

    /// The next shown question flagged for follow-up (going round).
    pub fn next_flagged(&self, a: &Assessment) -> Option<Place> {
        let q = a.questionnaire();
        self.find_after(true, |(s, i)| a.is_flagged(&q.sections[s].questions[i].id))
    }

    /// Move to a place; returns the position to record in the assessment, if it changed.
    pub fn go(&mut self, a: &Assessment, (section, question): Place) -> Option<Position> {
        if (section, question) == self.here() {
            return None;
        }
        (self.section, self.question) = (section, question);
        let q = a.questionnaire();
        Some(Position {
            section: q.sections[section].id.clone(),
            question: q.sections[section].questions[question].id.clone(),
        })
    }
}

/// Option `n` (from 1) of a question: pick it, or for multiple choice tick or untick it. The answer is
/// recorded in `a` through [`change::apply`] ("don't know" also flags the question for follow-up); the
/// result says what follows.
pub fn choose(a: &mut Assessment, question: &Question, n: usize, ctx: Ctx<'_>) -> Result<Chosen, ChooseError> {
    let offered = question.offered();
    let Some(option) = n.checked_sub(1).and_then(|i| offered.get(i)) else {
        return Err(match question.kind {
            QuestionType::Number | QuestionType::Text | QuestionType::Date => ChooseError::TypedAnswer,
            _ => ChooseError::NoSuchOption { n, count: offered.len() },
        });
    };
    let option_id = option.id.to_string();
    let change = match question.kind {
        QuestionType::Multi => {
            let mut chosen: Vec<String> =
                a.value(&question.id).and_then(|v| v.as_list()).map(<[String]>::to_vec).unwrap_or_default();
            if let Some(i) = chosen.iter().position(|c| *c == option_id) {
                chosen.remove(i);
            } else {
                chosen.push(option_id.clone());
            }
            if chosen.is_empty() {
                // Unticking the last option leaves no answer, not an empty one that would count as answered.
                Change::clear(&question.id)
            } else {
                Change::typed(&question.id, &chosen.join(","))
            }
        }
        _ => Change::typed(&question.id, &option_id),
    };
    change::apply(a, &change, ctx).map_err(ChooseError::Refused)?;
    Ok(if question.kind == QuestionType::Multi {
        Chosen::Ticked
    } else if option_id == NOT_APPLICABLE && a.note(&question.id).is_empty() {
        Chosen::AskWhyNotApplicable
    } else {
        Chosen::Answered
    })
}

/// A typed answer (a number, a text, a date, option ids separated by commas: what `soc2-ready answer`
/// takes), checked as every front end checks one ([`change::apply`]): parsed for the question's type, and
/// fitting the company profile's other answers. Recorded in `a` when accepted; refused input changes nothing.
pub fn answer_typed(
    a: &mut Assessment,
    question: &Question,
    input: &str,
    ctx: Ctx<'_>,
) -> Result<AnswerValue, ChangeError> {
    change::apply(a, &Change::typed(&question.id, input), ctx)?;
    a.value(&question.id).cloned().ok_or_else(|| ChangeError::UnknownQuestion(question.id.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::AnswerValue;
    use crate::assessment::model::test_support::{NOW, demo};

    fn id(a: &Assessment, (s, i): Place) -> &str {
        &a.questionnaire().sections[s].questions[i].id
    }

    fn question(a: &Assessment, qid: &str) -> Question {
        a.questionnaire().sections.iter().flat_map(|s| &s.questions).find(|q| q.id == qid).unwrap().clone()
    }

    #[test]
    fn moves_only_between_shown_questions() {
        let mut a = demo();
        let mut c = Cursor::resume(&a);
        assert_eq!(id(&a, c.here()), "profile.uses_models");
        assert_eq!(c.previous(), None);
        let q = question(&a, "profile.uses_models");
        assert_eq!(choose(&mut a, &q, 2, Ctx::at(NOW)), Ok(Chosen::Answered)); // no: the weights question is hidden
        c.recompute(&a);
        let next = c.next_section().unwrap();
        c.go(&a, next);
        assert_eq!(id(&a, c.here()), "access.reviews");
        c.go(&a, c.next().unwrap());
        assert_eq!(id(&a, c.here()), "access.mfa", "access.weights is hidden");
        assert_eq!(id(&a, c.previous_section().unwrap()), "profile.uses_models");
        assert_eq!(c.next_section(), None);
    }

    #[test]
    fn next_unanswered_stays_on_an_unanswered_question_and_goes_round() {
        let mut a = demo();
        let mut c = Cursor::resume(&a);
        assert_eq!(c.next_unanswered(&a), Unanswered::Here);
        a.set_value("profile.uses_models", AnswerValue::Text("yes".into()), NOW);
        c.recompute(&a);
        let Unanswered::At(p) = c.next_unanswered(&a) else { panic!("some are unanswered") };
        assert_eq!(id(&a, p), "profile.headcount");
        let last = c.shown().last().unwrap();
        c.go(&a, last);
        a.set_value(id(&a.clone(), last), AnswerValue::Text("planned".into()), NOW);
        let Unanswered::At(p) = c.next_unanswered(&a) else { panic!("goes round") };
        assert_eq!(id(&a, p), "profile.headcount");
    }

    #[test]
    fn options_by_number_and_what_they_lead_to() {
        let mut a = demo();
        let headcount = question(&a, "profile.headcount");
        assert_eq!(choose(&mut a, &headcount, 1, Ctx::at(NOW)), Err(ChooseError::TypedAnswer));
        let reviews = question(&a, "access.reviews");
        assert_eq!(choose(&mut a, &reviews, 9, Ctx::at(NOW)), Err(ChooseError::NoSuchOption { n: 9, count: 7 }));
        assert_eq!(choose(&mut a, &reviews, 0, Ctx::at(NOW)), Err(ChooseError::NoSuchOption { n: 0, count: 7 }));
        assert_eq!(choose(&mut a, &reviews, 6, Ctx::at(NOW)), Ok(Chosen::AskWhyNotApplicable));
        a.set_note("access.reviews", "no systems yet", NOW);
        assert_eq!(choose(&mut a, &reviews, 6, Ctx::at(NOW)), Ok(Chosen::Answered), "a reason is already there");
        assert_eq!(choose(&mut a, &reviews, 7, Ctx::at(NOW)), Ok(Chosen::Answered));
        assert!(a.is_flagged("access.reviews"), "don't know flags for follow-up");
        let categories = question(&a, "profile.categories");
        assert_eq!(choose(&mut a, &categories, 1, Ctx::at(NOW)), Ok(Chosen::Ticked));
        assert_eq!(choose(&mut a, &categories, 3, Ctx::at(NOW)), Ok(Chosen::Ticked));
        assert_eq!(choose(&mut a, &categories, 1, Ctx::at(NOW)), Ok(Chosen::Ticked));
        assert_eq!(a.value("profile.categories"), Some(&AnswerValue::List(vec!["privacy".into()])));
        assert_eq!(choose(&mut a, &categories, 3, Ctx::at(NOW)), Ok(Chosen::Ticked));
        assert_eq!(a.value("profile.categories"), None, "unticking the last option leaves no answer");
        assert!(!crate::assessment::model::progress::is_answered(&a, "profile.categories"));
    }

    #[test]
    fn an_empty_multiple_choice_answer_is_not_an_answer() {
        let mut a = demo();
        let categories = question(&a, "profile.categories");
        let refused = crate::assessment::model::answer::parse_answer(&categories, " , ").unwrap_err();
        assert!(refused.0.contains("needs at least one option"), "{refused}");
        // An older file can hold an empty list: it does not count as answered.
        a.set_value("profile.categories", AnswerValue::List(Vec::new()), NOW);
        assert!(!crate::assessment::model::progress::is_answered(&a, "profile.categories"));
    }

    #[test]
    fn progress_kept_up_after_each_answer_is_the_full_count() {
        // Every option of every question (conditions read some of them, so some answers show or hide
        // others), then clearing each: the kept tally and visibility equal a count from scratch.
        let mut a = demo();
        let mut c = Cursor::resume(&a);
        let places: Vec<Place> = a
            .questionnaire()
            .sections
            .iter()
            .enumerate()
            .flat_map(|(s, sec)| (0..sec.questions.len()).map(move |i| (s, i)))
            .collect();
        for &(s, i) in places.iter().chain(places.iter().rev()) {
            let q = a.questionnaire().sections[s].questions[i].clone();
            c.go(&a, (s, i));
            for n in 1..=q.offered().len() {
                if choose(&mut a, &q, n, Ctx::at(NOW)).is_ok() {
                    c.answer_changed(&a, &q.id);
                    let fresh = {
                        let mut f = c.clone();
                        f.recompute(&a);
                        f
                    };
                    assert_eq!((&c.vis, &c.tally), (&fresh.vis, &fresh.tally), "after option {n} of {}", q.id);
                    // Marking it reviewed (or not) is kept up to date the same way.
                    crate::assessment::model::review::toggle_reviewed(&mut a, &q.id, "", NOW);
                    c.answer_changed(&a, &q.id);
                    let fresh = {
                        let mut f = c.clone();
                        f.recompute(&a);
                        f
                    };
                    assert_eq!(&c.tally, &fresh.tally, "after reviewing {}", q.id);
                }
            }
        }
        for &(s, i) in &places {
            let id = a.questionnaire().sections[s].questions[i].id.clone();
            a.clear_value(&id, NOW);
            c.answer_changed(&a, &id);
            let fresh = {
                let mut f = c.clone();
                f.recompute(&a);
                f
            };
            assert_eq!((&c.vis, &c.tally), (&fresh.vis, &fresh.tally), "after clearing {id}");
        }
        assert_eq!(c.tally.total.answered, 0);
    }

    #[test]
    fn next_flagged_goes_round() {
        let mut a = demo();
        let mut c = Cursor::resume(&a);
        assert_eq!(c.next_flagged(&a), None);
        a.toggle_follow_up("profile.uses_models", NOW);
        assert_eq!(c.next_flagged(&a), Some((0, 0)), "the current one last");
        c.go(&a, (0, 2));
        assert_eq!(c.next_flagged(&a), Some((0, 0)));
    }
    #[test]
    fn typed_answers_are_parsed_and_checked_before_they_are_recorded() {
        let mut a = demo();
        let headcount = question(&a, "profile.headcount");
        assert_eq!(answer_typed(&mut a, &headcount, " 1_200 ", Ctx::at(NOW)), Ok(AnswerValue::Number(1200.0)));
        assert_eq!(a.value("profile.headcount"), Some(&AnswerValue::Number(1200.0)));
        let e = answer_typed(&mut a, &headcount, "many", Ctx::at(NOW)).unwrap_err();
        assert!(e.to_string().contains("a number from 1 to 100000"), "{e}");
        assert_eq!(a.value("profile.headcount"), Some(&AnswerValue::Number(1200.0)), "refused input changes nothing");
        let categories = question(&a, "profile.categories");
        assert_eq!(
            answer_typed(&mut a, &categories, "privacy,availability", Ctx::at(NOW)),
            Ok(AnswerValue::List(vec!["availability".into(), "privacy".into()]))
        );
    }
}
