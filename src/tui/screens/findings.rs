//! The findings list (`F` on the questionnaire): the open assessment's observations not closed, in
//! questionnaire order, each with its question, what was seen, the risk, owner, due date and status. `Enter`
//! goes to the selected one's question, the status key moves it along there and then, and `F` again (or
//! `Tab`) walks to the next one still open. The rules are the core's (`assessment::model::observations`); every
//! change goes through `Change::ObservationStatus`, and each one is a step to undo.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};

use super::{Ctx, Outcome};
use crate::assessment::model::observations;
use crate::assessment::{Assessment, Change};
use crate::text::{one_line, truncate};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::questionnaire::{Mode, QuestionnaireScreen};
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap;

/// The list while it is open.
pub struct Findings {
    /// The observations listed, by id: those not closed when the list opened. One closed here stays listed
    /// (shown closed) until the list closes, so the status key can take it round again.
    pub ids: Vec<String>,
    pub selected: usize,
}

impl Findings {
    /// The open findings of `a`, the selection on the one after `last` (the one `Enter` last went to, while
    /// the cursor is still on its question), or else on the first at or after `here` (the current question).
    pub fn new(a: &Assessment, last: Option<&str>, here: &str) -> Findings {
        let open = observations::open_in_order(a);
        let ids: Vec<String> = open.iter().map(|o| o.id.clone()).collect();
        let selected = match last.and_then(|id| ids.iter().position(|x| x == id)) {
            Some(i) if !ids.is_empty() => (i + 1) % ids.len(),
            _ => {
                let order = observations::question_order(a);
                let at = order.get(here).copied().unwrap_or(0);
                open.iter()
                    .position(|o| order.get(o.question.as_str()).copied().unwrap_or(usize::MAX) >= at)
                    .unwrap_or(0)
            }
        };
        Findings { ids, selected }
    }

    fn selected_id(&self) -> Option<&str> {
        self.ids.get(self.selected).map(String::as_str)
    }
}

/// Open the list (`F`); with no open finding it says so and stays on the question.
pub fn open(editor: &mut QuestionnaireScreen) -> Outcome {
    let here = editor.question().id.clone();
    let last = editor
        .interview
        .last_finding
        .clone()
        .filter(|id| editor.assessment().observations.iter().any(|o| &o.id == id && o.question == here));
    let list = Findings::new(editor.assessment(), last.as_deref(), &here);
    if list.ids.is_empty() {
        let add = keymap::key_label(Context::Questionnaire, Action::AddObservation);
        return Outcome::Say(format!(
            "No finding is open: every observation is closed, or none is recorded ({add} records one)."
        ));
    }
    editor.mode = Mode::Findings(list);
    Outcome::Done
}

/// Keys while the list is open.
pub fn update(editor: &mut QuestionnaireScreen, action: Action, ctx: &Ctx) -> Outcome {
    let Mode::Findings(list) = &mut editor.mode else { return Outcome::Done };
    let count = list.ids.len();
    match action {
        Action::Down => list.selected = (list.selected + 1).min(count.saturating_sub(1)),
        Action::Up => list.selected = list.selected.saturating_sub(1),
        Action::Findings => {
            // The next one still open after the selected one, round to the start.
            let a = &editor.editor.session.assessment;
            let still_open = |id: &str| a.observations.iter().any(|o| o.id == id && !o.status.is_closed());
            let next = (1..=count).map(|k| (list.selected + k) % count).find(|&i| still_open(&list.ids[i]));
            match next {
                Some(i) => list.selected = i,
                None => return Outcome::Say("No finding in the list is open any more.".into()),
            }
        }
        Action::Confirm => {
            let Some(id) = list.selected_id().map(String::from) else { return Outcome::Done };
            editor.mode = Mode::Answering;
            return go_to(editor, &id);
        }
        Action::ObservationStatus => {
            let Some(id) = list.selected_id().map(String::from) else { return Outcome::Done };
            return move_along(editor, &id, ctx);
        }
        Action::Cancel | Action::Back => editor.mode = Mode::Answering,
        _ => {}
    }
    Outcome::Done
}

/// Go to finding `id`'s question (if its question is shown).
fn go_to(editor: &mut QuestionnaireScreen, id: &str) -> Outcome {
    let a = editor.assessment();
    let Some(o) = a.observations.iter().find(|o| o.id == id) else {
        return Outcome::Complain(format!("There is no observation {} any more.", one_line(id)));
    };
    let question = o.question.clone();
    let status = o.status;
    let place = super::interview::place_of(a, &question);
    let Some(place) = place.filter(|&(s, i)| editor.vis().question(s, i)) else {
        return Outcome::Complain(format!(
            "Observation {} is on {}, which earlier answers hide; it stays in the list.",
            one_line(id),
            one_line(&question)
        ));
    };
    editor.go(place);
    editor.interview.last_finding = Some(id.to_string());
    let (next, status_key) = (
        keymap::key_label(Context::Questionnaire, Action::Findings),
        keymap::key_label(Context::Questionnaire, Action::ObservationStatus),
    );
    Outcome::Say(format!(
        "Observation {} ({}): {status_key} moves it along, {next} lists the findings from the next one.",
        one_line(id),
        status.id()
    ))
}

/// The status key on the selected finding: its next status, recorded with who is answering; one step to
/// undo.
fn move_along(editor: &mut QuestionnaireScreen, id: &str, ctx: &Ctx) -> Outcome {
    let Some(o) = editor.assessment().observations.iter().find(|o| o.id == id) else {
        return Outcome::Complain(format!("There is no observation {} any more.", one_line(id)));
    };
    let status = o.status.next();
    let by = editor.assessment().respondent.clone();
    editor.session.assessment.log.start();
    let applied = editor.apply(&Change::ObservationStatus { id: id.to_string(), status, by }, &ctx.now);
    // Each press is its own step to undo, though the list stays open.
    super::interview::observe_applied(editor);
    if let Err(e) = applied {
        return Outcome::Complain(e.to_string());
    }
    let key = keymap::key_label(Context::Findings, Action::ObservationStatus);
    let again = status.next().id();
    let text = format!("Observation {} is now {}; {key} again makes it {again}.", one_line(id), status.id());
    match editor.save() {
        Ok(()) => Outcome::Say(text),
        Err(e) => Outcome::Complain(e.to_string()),
    }
}

/// The list over the questionnaire: two lines a finding, the selected one written out in full below.
pub fn draw(frame: &mut Frame, body: Rect, editor: &QuestionnaireScreen, list: &Findings, t: Theme) {
    let area = crate::tui::widgets::centred(body, body.width.saturating_sub(4).min(110), body.height.saturating_sub(2));
    crate::tui::widgets::clear_popup(frame, area);
    let a = editor.assessment();
    let open =
        list.ids.iter().filter(|id| a.observations.iter().any(|o| &o.id == *id && !o.status.is_closed())).count();
    let title = format!(" Findings: {open} open of {} listed ", list.ids.len());
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width.saturating_sub(2));
    let detail = selected_lines(a, list, inner.width);
    let detail_height = u16::try_from(detail.len()).unwrap_or(u16::MAX).min(inner.height / 3).max(1);
    let [rows, gap, below] =
        Layout::vertical([Constraint::Min(2), Constraint::Length(1), Constraint::Length(detail_height)]).areas(inner);
    let items: Vec<ListItem> = list
        .ids
        .iter()
        .filter_map(|id| a.observations.iter().find(|o| &o.id == id))
        .map(|o| {
            let mut head = format!("{:<10} {} · {}", o.status.id(), o.question, o.id);
            if !o.owner.is_empty() {
                head.push_str(&format!(" · owner {}", one_line(&o.owner)));
            }
            if !o.due.is_empty() {
                head.push_str(&format!(" · due {}", one_line(&o.due)));
            }
            let mut what = one_line(&o.seen);
            if !o.risk.is_empty() {
                what.push_str(&format!(" · risk: {}", one_line(&o.risk)));
            }
            let style = if o.status.is_closed() { t.dim() } else { t.plain() };
            ListItem::new(vec![
                Line::styled(truncate(&head, width), style),
                Line::styled(format!("  {}", truncate(&what, width.saturating_sub(2))), t.dim()),
            ])
        })
        .collect();
    let widget = List::new(items).highlight_style(t.selected()).highlight_symbol(">");
    frame.render_stateful_widget(widget, rows, &mut ListState::default().with_selected(Some(list.selected)));
    frame.render_widget(Paragraph::new(Line::styled("─".repeat(usize::from(gap.width)), t.dim())), gap);
    frame.render_widget(Paragraph::new(detail), below);
}

/// The selected finding in full: what was seen, the risk, what to do, who owns it and by when.
fn selected_lines(a: &Assessment, list: &Findings, width: u16) -> Vec<Line<'static>> {
    let Some(o) = list.selected_id().and_then(|id| a.observations.iter().find(|o| o.id == id)) else {
        return Vec::new();
    };
    let mut text = format!("{} on {}: {}", o.id, o.question, o.seen);
    for (label, value) in [("risk", &o.risk), ("do", &o.recommendation), ("owner", &o.owner), ("due", &o.due)] {
        if !value.is_empty() {
            text.push_str(&format!(" · {label}: {value}"));
        }
    }
    wrap(&text, width).into_iter().map(Line::raw).collect()
}
