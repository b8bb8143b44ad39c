//! Which questions are shown for the answers given so far, and how far along an assessment is.

use std::collections::HashMap;

use super::answer::AnswerValue;
use super::document::Assessment;
use crate::questionnaire::Questionnaire;

/// Which sections and questions are shown, following every `show_if` in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visibility {
    pub sections: Vec<bool>,
    pub questions: Vec<Vec<bool>>,
}

impl Visibility {
    pub fn of<'a>(q: &Questionnaire, answers: &impl Fn(&str) -> Option<&'a AnswerValue>) -> Visibility {
        // Answers to hidden questions count as no answer, so only shown questions go into `seen`.
        let mut seen: HashMap<&str, &AnswerValue> = HashMap::new();
        let mut sections = Vec::with_capacity(q.sections.len());
        let mut questions = Vec::with_capacity(q.sections.len());
        for section in &q.sections {
            let shown = section.show_if.as_ref().is_none_or(|c| c.holds(&|id| seen.get(id).copied()));
            sections.push(shown);
            let mut row = Vec::with_capacity(section.questions.len());
            for question in &section.questions {
                let visible = shown && question.show_if.as_ref().is_none_or(|c| c.holds(&|id| seen.get(id).copied()));
                if visible && let Some(v) = answers(&question.id) {
                    seen.insert(&question.id, v);
                }
                row.push(visible);
            }
            questions.push(row);
        }
        Visibility { sections, questions }
    }

    pub fn of_assessment(a: &Assessment) -> Visibility {
        Visibility::of(a.questionnaire(), &|id| a.value(id))
    }

    pub fn question(&self, section: usize, question: usize) -> bool {
        #[cfg(test)]
        LOOKED_AT.with(|n| n.set(n.get() + 1));
        self.questions[section][question]
    }
}

// How many times a question's visibility was looked at on this thread: what a test counts to hold a
// keystroke to the work of one section (a time would depend on the machine).
#[cfg(test)]
thread_local! {
    static LOOKED_AT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Questions looked at on this thread so far (see [`Visibility::question`]).
#[cfg(test)]
pub(crate) fn questions_looked_at() -> usize {
    LOOKED_AT.with(std::cell::Cell::get)
}

/// Answered out of shown, for one section or the whole assessment; and how many shown questions have an
/// answer reviewed against evidence (an interview's marks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub answered: usize,
    pub shown: usize,
    pub reviewed: usize,
    /// Shown questions flagged for follow-up.
    pub flagged: usize,
    /// Findings not closed on any of the questions (shown or not).
    pub findings: usize,
}

impl Progress {
    /// Whole per cent, rounded down so that 100 means everything is answered.
    pub fn percent(self) -> u32 {
        (self.answered * 100).checked_div(self.shown).map_or(100, |p| p as u32)
    }

    pub fn is_complete(self) -> bool {
        self.answered == self.shown
    }
}

/// Whether a question counts as answered: it has a value that is not a carried-over one still to confirm,
/// and not a multiple-choice answer with nothing ticked (older files can hold one).
pub fn is_answered(a: &Assessment, question: &str) -> bool {
    a.answers.get(question).is_some_and(|x| {
        !x.to_confirm && x.value.as_ref().is_some_and(|v| !matches!(v, AnswerValue::List(l) if l.is_empty()))
    })
}

/// The value a question scores with: none while a carried-over answer is still to confirm.
pub fn confirmed_value<'a>(a: &'a Assessment, question: &str) -> Option<&'a AnswerValue> {
    a.answers.get(question).filter(|x| !x.to_confirm).and_then(|x| x.value.as_ref())
}

/// Progress per section (hidden sections have nothing shown) and overall.
pub fn progress(a: &Assessment, vis: &Visibility) -> (Vec<Progress>, Progress) {
    let tally = Tally::of(a, vis);
    (tally.sections, tally.total)
}

/// Findings not closed, per question id.
fn open_findings(a: &Assessment) -> HashMap<&str, usize> {
    let mut open: HashMap<&str, usize> = HashMap::new();
    for o in a.observations.iter().filter(|o| !o.status.is_closed()) {
        *open.entry(o.question.as_str()).or_default() += 1;
    }
    open
}

/// One section's progress, with `open` from [`open_findings`].
fn section_progress(a: &Assessment, vis: &Visibility, s: usize, open: &HashMap<&str, usize>) -> Progress {
    let mut p = Progress::default();
    // A customer's row whose answer cell is a formula copies an answer given elsewhere: not the respondent's.
    let copied = |id: &str| a.source.as_ref().is_some_and(|src| src.cells.get(id).is_some_and(|c| c.formula));
    for (i, question) in a.questionnaire().sections[s].questions.iter().enumerate() {
        if !open.is_empty() {
            p.findings += open.get(question.id.as_str()).copied().unwrap_or(0);
        }
        if !vis.question(s, i) {
            continue;
        }
        if a.is_flagged(&question.id) {
            p.flagged += 1;
        }
        if !copied(&question.id) {
            p.shown += 1;
            if is_answered(a, &question.id) {
                p.answered += 1;
            }
            if super::review::is_reviewed(a, &question.id) {
                p.reviewed += 1;
            }
        }
    }
    p
}

/// Progress per section and overall, kept up to date as answers change: a front end recounts only the
/// section whose answer changed, so a keystroke costs the same at 10,000 questions as at 100.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    pub sections: Vec<Progress>,
    pub total: Progress,
}

impl Tally {
    pub fn of(a: &Assessment, vis: &Visibility) -> Tally {
        let open = open_findings(a);
        let sections: Vec<Progress> =
            (0..a.questionnaire().sections.len()).map(|s| section_progress(a, vis, s, &open)).collect();
        let total = sections.iter().fold(Progress::default(), |t, p| Progress {
            answered: t.answered + p.answered,
            shown: t.shown + p.shown,
            reviewed: t.reviewed + p.reviewed,
            flagged: t.flagged + p.flagged,
            findings: t.findings + p.findings,
        });
        Tally { sections, total }
    }

    /// Count section `s` again (after one of its answers, flags or findings changed, with the shown
    /// questions unchanged).
    pub fn recount(&mut self, a: &Assessment, vis: &Visibility, s: usize) {
        let (old, new) = (self.sections[s], section_progress(a, vis, s, &open_findings(a)));
        let t = &mut self.total;
        t.answered = t.answered - old.answered + new.answered;
        t.shown = t.shown - old.shown + new.shown;
        t.reviewed = t.reviewed - old.reviewed + new.reviewed;
        t.flagged = t.flagged - old.flagged + new.flagged;
        t.findings = t.findings - old.findings + new.findings;
        self.sections[s] = new;
    }
}
