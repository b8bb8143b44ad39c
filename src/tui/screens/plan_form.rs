//! The owner and due date of a gap: a small two-field form opened by the owner key on a question (the
//! questionnaire screen) or on the selected gap (the report). The owner field recalls, with ↑, the people
//! named in the assessment (who answered, and owners already set); the due date is checked as YYYY-MM-DD.
//! Saving goes through [`crate::assessment::model::change::apply`], so it is checked and written like any other change.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use crate::assessment::Assessment;
use crate::assessment::model::limits::MAX_NAME_CHARS;
use crate::text::one_line;
use crate::tui::action::Action;
use crate::tui::editor::line_input;
use crate::tui::keymap::{self, Context};
use crate::tui::theme::Theme;
use crate::tui::widgets::{centred, clear_popup, draw_input};

/// The form for one question's owner and due date.
/// A value the form refused: what to say, and whether the cursor goes to the due date (or the owner).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub on_due: bool,
    pub message: String,
}

impl Refused {
    fn owner(message: String) -> Refused {
        Refused { on_due: false, message }
    }

    fn due(message: String) -> Refused {
        Refused { on_due: true, message }
    }
}

pub struct PlanForm {
    /// The question's id.
    pub question: String,
    /// The question's text, shown above the fields.
    pub text: String,
    pub owner: TextArea<'static>,
    pub due: TextArea<'static>,
    /// The due date field has the cursor (else the owner field).
    pub on_due: bool,
    /// Which recalled person (0: the latest) the owner field shows, if one.
    pick: Option<usize>,
    /// The people named in the assessment, latest first, without repeats.
    people: Vec<String>,
}

/// What a key in the form asks for.
pub enum FormOutcome {
    /// The form stays open.
    Open,
    /// Closed without changing anything.
    Cancelled,
    /// The owner and due date were recorded in the assessment (not yet written): what to tell the user.
    Set(String),
    /// Not accepted; the form stays open.
    Refused(String),
}

impl PlanForm {
    pub fn new(a: &Assessment, question: &str, text: &str) -> PlanForm {
        let (owner, due) =
            a.answers().get(question).map_or((String::new(), String::new()), |x| (x.owner.clone(), x.due.clone()));
        let mut people: Vec<String> = Vec::new();
        let owners = a.answers().values().map(|x| x.owner.trim().to_string());
        for name in a.people.iter().rev().cloned().chain(owners) {
            if !name.is_empty() && !people.contains(&name) {
                people.push(name);
            }
        }
        let recall = keymap::key_label(Context::TypePlan, Action::Up);
        let owner_hint = if people.is_empty() {
            "who closes this gap".to_string()
        } else {
            format!("who closes this gap ({recall}: people named so far)")
        };
        PlanForm {
            question: question.to_string(),
            text: text.to_string(),
            owner: line_input(&owner, &owner_hint),
            due: line_input(&due, "YYYY-MM-DD, e.g. 2027-03-31"),
            on_due: false,
            pick: None,
            people,
        }
    }

    /// The field with the cursor.
    pub fn text_input(&mut self) -> &mut TextArea<'static> {
        if self.on_due { &mut self.due } else { &mut self.owner }
    }

    /// The owner and due date as typed, checked.
    pub fn values(&self) -> Result<(String, String), Refused> {
        let owner = one_line(self.owner.lines().join(" ").trim());
        let due = self.due.lines().join(" ").trim().to_string();
        if owner.chars().count() > MAX_NAME_CHARS {
            return Err(Refused::owner(format!(
                "The owner's name is {} characters; the limit is {MAX_NAME_CHARS}.",
                owner.chars().count()
            )));
        }
        match crate::questionnaire::value::parse_date(&due) {
            _ if due.is_empty() => {}
            Ok(_) => {}
            Err(crate::questionnaire::value::DateError::Format) => {
                return Err(Refused::due(format!(
                    "The due date `{}` is not a date; write it as YYYY-MM-DD, e.g. 2027-03-31.",
                    one_line(&due)
                )));
            }
            Err(e) => return Err(Refused::due(format!("The due date `{}` is not a date: {e}.", one_line(&due)))),
        }
        Ok((owner, due))
    }

    /// Record what was typed, if it is valid, in the assessment; what to tell the user.
    pub fn apply(&self, a: &mut Assessment, now: &str) -> Result<String, Refused> {
        let (owner, due) = self.values()?;
        let change =
            crate::assessment::Change::Plan { question: self.question.clone(), owner: owner.clone(), due: due.clone() };
        crate::assessment::model::change::apply(a, &change, crate::assessment::model::change::Ctx::at(now)).map_err(
            |e| {
                let message = format!("{e}.");
                match e {
                    crate::assessment::ChangeError::BadDue(_) => Refused::due(message),
                    _ => Refused::owner(message),
                }
            },
        )?;
        let id = one_line(&self.question);
        Ok(match (owner.is_empty(), due.is_empty()) {
            (true, true) => format!("{id}: no owner and no due date."),
            (false, true) => format!("{id}: owned by {owner}, no due date."),
            (true, false) => format!("{id}: due {due}, no owner yet."),
            (false, false) => format!("{id}: owned by {owner}, due {due}."),
        })
    }

    pub fn update(&mut self, action: Action, a: &mut Assessment, now: &str) -> FormOutcome {
        match action {
            Action::Cancel => FormOutcome::Cancelled,
            Action::SwitchField => {
                self.on_due = !self.on_due;
                FormOutcome::Open
            }
            Action::Up | Action::Down if !self.on_due => {
                self.recall(action);
                FormOutcome::Open
            }
            Action::Confirm => match self.apply(a, now) {
                Ok(told) => FormOutcome::Set(told),
                Err(e) => {
                    // The cursor goes where the problem is.
                    self.on_due = e.on_due;
                    FormOutcome::Refused(e.message)
                }
            },
            _ => FormOutcome::Open,
        }
    }

    /// ↑ and ↓ in the owner field go through the people named so far, latest first.
    fn recall(&mut self, action: Action) {
        let pick = match (self.pick, action) {
            (None, Action::Up) if !self.people.is_empty() => Some(0),
            (Some(i), Action::Up) => Some((i + 1).min(self.people.len().saturating_sub(1))),
            (Some(0), Action::Down) | (None, _) => None,
            (Some(i), _) => Some(i - 1),
        };
        self.pick = pick;
        let name = pick.and_then(|i| self.people.get(i)).cloned().unwrap_or_default();
        self.owner.select_all();
        self.owner.cut();
        self.owner.insert_str(name);
    }

    pub fn draw(&self, frame: &mut Frame, body: Rect, t: Theme) {
        let area = centred(body, body.width.saturating_sub(4).min(72), 11);
        clear_popup(frame, area);
        let block = Block::bordered().title(" Owner and due date ");
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [about, owner, due] =
            Layout::vertical([Constraint::Length(2), Constraint::Length(3), Constraint::Length(3)]).areas(inner);
        let text = format!("{}  {}", one_line(&self.question), one_line(&self.text));
        frame.render_widget(
            Paragraph::new(Line::styled(crate::text::visible(&text).into_owned(), t.dim())).wrap(Wrap { trim: true }),
            about,
        );
        let mark = |on: bool| if on { "▶ " } else { "" };
        // Only the field being typed in shows a cursor.
        let field = |input: &TextArea<'static>, on: bool| {
            let mut input = input.clone();
            if !on {
                input.set_cursor_style(ratatui::style::Style::new());
            }
            input
        };
        draw_input(frame, &field(&self.owner, !self.on_due), &format!("{}Owner", mark(!self.on_due)), owner);
        draw_input(frame, &field(&self.due, self.on_due), &format!("{}Due date (YYYY-MM-DD)", mark(self.on_due)), due);
    }
}
