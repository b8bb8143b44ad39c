//! Searching the questions: a box over the questionnaire screen, the shown questions that match, and
//! Enter to jump to one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState};
use ratatui_textarea::TextArea;

use super::Outcome;
use crate::assessment::cursor::Place;
use crate::text::{one_line, truncate};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::editor::{Editor, Mode, line_input};
use crate::tui::keymap::{self, Context};
use crate::tui::view::draw_input;

pub struct Search {
    pub input: TextArea<'static>,
    /// Which match is chosen.
    pub selected: usize,
}

impl Search {
    pub fn new() -> Search {
        Search { input: line_input("", "words, a criterion such as CC6.3, or a topic"), selected: 0 }
    }

    /// The field, for typing: typing changes the matches, so the choice goes back to the first.
    pub fn typing(&mut self) -> &mut TextArea<'static> {
        self.selected = 0;
        &mut self.input
    }

    /// The shown questions matching what is typed.
    pub fn results(&self, editor: &Editor) -> Vec<Place> {
        let query = self.input.lines().join(" ");
        crate::questionnaire::search::find(editor.assessment().questionnaire(), &query)
            .into_iter()
            .filter(|&(s, i)| editor.vis().question(s, i))
            .collect()
    }
}

impl Default for Search {
    fn default() -> Search {
        Search::new()
    }
}

pub fn update(editor: &mut Editor, action: Action) -> Outcome {
    let Mode::Search(search) = &editor.mode else { return Outcome::Done };
    let results = search.results(editor);
    let selected = search.selected;
    match action {
        Action::Down | Action::Up => {
            if let Mode::Search(search) = &mut editor.mode {
                search.selected = match action {
                    Action::Down => (selected + 1).min(results.len().saturating_sub(1)),
                    _ => selected.saturating_sub(1),
                };
            }
        }
        Action::Confirm => match results.get(selected).copied() {
            Some(target) => {
                editor.mode = Mode::Answering;
                editor.go(target);
            }
            None => {
                let cancel = keymap::key_label(Context::Search, Action::Cancel);
                return Outcome::Complain(format!("Nothing matches: change the words, or {cancel}."));
            }
        },
        Action::Cancel => editor.mode = Mode::Answering,
        _ => {}
    }
    Outcome::Done
}

/// The search box over the screen, with the shown questions that match.
pub fn draw(frame: &mut Frame, body: Rect, editor: &Editor, search: &Search, app: &App) {
    let (input, selected) = (&search.input, search.selected);
    let t = app.theme;
    let area = crate::tui::view::centred(body, body.width.saturating_sub(6).min(100), body.height.saturating_sub(2));
    crate::tui::view::clear_popup(frame, area);
    let [field, list_area] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    let [go, down, up, cancel] =
        [Action::Confirm, Action::Down, Action::Up, Action::Cancel].map(|a| keymap::key_label(Context::Search, a));
    draw_input(frame, input, &format!("Search ({go}: go · {down}{up}: choose · {cancel}: cancel)"), field);
    let q = editor.assessment().questionnaire();
    let results = search.results(editor);
    let width = usize::from(list_area.width.saturating_sub(4));
    let items: Vec<ListItem> = results
        .iter()
        .map(|&(s, i)| {
            let question = &q.sections[s].questions[i];
            let answered = if editor.assessment().value(&question.id).is_some() { "✓ " } else { "  " };
            let section = truncate(&one_line(&q.sections[s].title), 24);
            let text = truncate(&one_line(&question.text), width.saturating_sub(section.chars().count() + 5));
            ListItem::new(Line::from(vec![
                Span::raw(answered),
                Span::styled(format!("{section} › "), t.dim()),
                Span::raw(text),
            ]))
        })
        .collect();
    let title = match results.len() {
        0 => " No matching question ".to_string(),
        1 => " 1 question ".to_string(),
        n => format!(" {n} questions "),
    };
    let list =
        List::new(items).block(Block::bordered().title(title)).highlight_style(t.selected()).highlight_symbol(">");
    let selected = (!results.is_empty()).then(|| selected.min(results.len() - 1));
    frame.render_stateful_widget(list, list_area, &mut ListState::default().with_selected(selected));
}
