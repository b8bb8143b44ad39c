//! A meeting's agenda in the interface: `A` leaves the question "ask NAME" (through `Change::Ask`), and `M`
//! lists the questions to cover with the person answering now, as `soc2-ready agenda --for` does (the rules
//! are the core's, `assessment::interview::agenda`). `Enter` goes to one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, List, ListItem, ListState};

use super::{Ctx, Outcome};
use crate::assessment::Change;
use crate::assessment::interview::agenda::{self, Item, Why};
use crate::text::{one_line, truncate};
use crate::tui::action::Action;
use crate::tui::editor::line_input;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::questionnaire::{Mode, QuestionnaireScreen};
use crate::tui::theme::Theme;

/// The agenda while it is shown.
pub struct AgendaList {
    pub person: String,
    pub items: Vec<Item>,
    pub selected: usize,
}

/// `A`: open the field for who to ask about this question, showing who is named now.
pub fn start_ask(editor: &mut QuestionnaireScreen) -> Outcome {
    let id = editor.question().id.clone();
    let current = editor.assessment().answers().get(&id).map(|x| x.ask.clone()).unwrap_or_default();
    editor.mode = Mode::TypeAsk(line_input(&current, "who to ask about this question (empty: nobody)"));
    Outcome::Done
}

/// Keys in the field for who to ask.
pub fn ask(editor: &mut QuestionnaireScreen, action: Action, ctx: &Ctx) -> Outcome {
    let Mode::TypeAsk(input) = &editor.mode else { return Outcome::Done };
    let name = input.lines().join(" ").trim().to_string();
    match action {
        Action::Cancel => editor.mode = Mode::Answering,
        Action::Confirm => {
            let id = editor.question().id.clone();
            if let Err(e) = editor.apply(&Change::Ask { question: id, name: name.clone() }, &ctx.now) {
                return Outcome::Complain(e.to_string());
            }
            editor.mode = Mode::Answering;
            let agenda = keymap::key_label(Context::Questionnaire, Action::Agenda);
            let text = if name.is_empty() {
                "Nobody to ask about this question.".to_string()
            } else {
                format!("To ask {}: it is on their agenda ({agenda} when they answer).", one_line(&name))
            };
            return match editor.save() {
                Ok(()) => Outcome::Say(text),
                Err(e) => Outcome::Complain(e.to_string()),
            };
        }
        _ => {}
    }
    Outcome::Done
}

/// `M`: the agenda of the person answering now.
pub fn open(editor: &mut QuestionnaireScreen) -> Outcome {
    let person = editor.assessment().respondent.trim().to_string();
    if person.is_empty() {
        let who = keymap::key_label(Context::Questionnaire, Action::SetRespondent);
        return Outcome::Complain(format!("Say who is answering first ({who}): the agenda is theirs."));
    }
    let items = agenda::for_person(editor.assessment(), &person);
    if items.is_empty() {
        return Outcome::Say(format!(
            "Nothing to cover with {}: no question is theirs or left to ask them.",
            one_line(&person)
        ));
    }
    editor.mode = Mode::Agenda(AgendaList { person, items, selected: 0 });
    Outcome::Done
}

/// Keys while the agenda is shown.
pub fn update(editor: &mut QuestionnaireScreen, action: Action) -> Outcome {
    let Mode::Agenda(list) = &mut editor.mode else { return Outcome::Done };
    match action {
        Action::Down => list.selected = (list.selected + 1).min(list.items.len().saturating_sub(1)),
        Action::Up => list.selected = list.selected.saturating_sub(1),
        Action::Confirm => {
            let Some(question) = list.items.get(list.selected).map(|i| i.question.clone()) else {
                return Outcome::Done;
            };
            editor.mode = Mode::Answering;
            let a = editor.assessment();
            let place = super::interview::place_of(a, &question);
            if let Some(place) = place {
                editor.go(place);
            }
        }
        Action::Cancel | Action::Back => editor.mode = Mode::Answering,
        _ => {}
    }
    Outcome::Done
}

/// Why a question is on the agenda, in a few words.
pub fn reasons(item: &Item) -> String {
    let why: Vec<String> = item
        .why
        .iter()
        .map(|w| match w {
            Why::Owner if item.due.is_empty() => "owns the gap".to_string(),
            Why::Owner => format!("owns the gap, due {}", one_line(&item.due)),
            Why::Ask => "to ask".to_string(),
            Why::Finding => format!("finding {}", item.findings.join(", ")),
        })
        .collect();
    why.join(" · ")
}

/// The agenda over the questionnaire: two lines a question.
pub fn draw(frame: &mut Frame, body: Rect, list: &AgendaList, t: Theme) {
    let area = crate::tui::widgets::centred(body, body.width.saturating_sub(4).min(110), body.height.saturating_sub(2));
    crate::tui::widgets::clear_popup(frame, area);
    let n = list.items.len();
    let title = format!(
        " Agenda for {}: {n} question{} ",
        truncate(&one_line(&list.person), 30),
        if n == 1 { "" } else { "s" }
    );
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width.saturating_sub(2));
    let items: Vec<ListItem> = list
        .items
        .iter()
        .map(|item| {
            let answer = if item.answer.is_empty() { "not answered".to_string() } else { one_line(&item.answer) };
            let head = format!("{} · {} · {answer}", one_line(&item.question), reasons(item));
            ListItem::new(vec![
                Line::styled(truncate(&head, width), t.plain()),
                Line::styled(format!("  {}", truncate(&one_line(&item.text), width.saturating_sub(2))), t.dim()),
            ])
        })
        .collect();
    let widget = List::new(items).highlight_style(t.selected()).highlight_symbol(">");
    frame.render_stateful_widget(widget, inner, &mut ListState::default().with_selected(Some(list.selected)));
}
