//! Searching the questions: a box over the questionnaire screen, the shown questions that match best
//! first (each with its id, its whole section name and its text, wrapped), and Enter to jump to one.
//! Questions hidden by earlier answers are left out, as everywhere else in the interface: Enter could not
//! go to them.

use std::cell::RefCell;
use std::rc::Rc;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, List, ListItem, ListState};
use ratatui_textarea::TextArea;

use super::Outcome;
use crate::assessment::interview::cursor::Place;
use crate::questionnaire::search::Index;
use crate::tui::action::Action;
use crate::tui::editor::line_input;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::DrawCtx;
use crate::tui::screens::questionnaire::{Mode, QuestionnaireScreen};
use crate::tui::widgets::{draw_input, wrap};

/// A shown question the query finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub place: Place,
    /// How many words of the query it has, of how many.
    pub matched: usize,
    pub words: usize,
}

pub struct Search {
    pub input: TextArea<'static>,
    /// Which match is chosen.
    pub selected: usize,
    /// The last query and what it found, so that drawing and the keys do not search again.
    last: RefCell<Option<(String, Results)>>,
}

/// The shown questions a query finds, best first, and the questions hidden by earlier answers it finds
/// too (best first).
type Results = (Rc<[Found]>, Rc<[Place]>);

impl Search {
    pub fn new() -> Search {
        Search {
            input: line_input("", "words, a question id, a criterion such as CC6.3, or a topic"),
            selected: 0,
            last: RefCell::new(None),
        }
    }

    /// The field, for typing: typing changes the matches, so the choice goes back to the first.
    pub fn typing(&mut self) -> &mut TextArea<'static> {
        self.selected = 0;
        &mut self.input
    }

    /// The shown questions the query finds, best first.
    pub fn found(&self, editor: &QuestionnaireScreen) -> Rc<[Found]> {
        self.search(editor).0
    }

    /// The questions hidden by earlier answers the query finds, best first (they are not listed).
    pub fn hidden(&self, editor: &QuestionnaireScreen) -> Rc<[Place]> {
        self.search(editor).1
    }

    fn search(&self, editor: &QuestionnaireScreen) -> Results {
        let query = self.input.lines().join(" ");
        if let Some((last, results)) = &*self.last.borrow()
            && *last == query
        {
            return results.clone();
        }
        let index = editor.search_index.get_or_init(|| Index::build(editor.assessment().questionnaire()));
        let ranked = index.search(&query);
        let vis = editor.vis();
        let found: Rc<[Found]> = ranked
            .hits
            .iter()
            .filter(|h| vis.question(h.place.0, h.place.1))
            .map(|h| Found { place: h.place, matched: h.matched, words: ranked.words })
            .collect();
        let hidden: Rc<[Place]> =
            ranked.hits.iter().filter(|h| !vis.question(h.place.0, h.place.1)).map(|h| h.place).collect();
        *self.last.borrow_mut() = Some((query, (found.clone(), hidden.clone())));
        (found, hidden)
    }

    /// The shown questions the query finds, best first, as places.
    pub fn results(&self, editor: &QuestionnaireScreen) -> Vec<Place> {
        self.found(editor).iter().map(|f| f.place).collect()
    }
}

impl Default for Search {
    fn default() -> Search {
        Search::new()
    }
}

pub fn update(editor: &mut QuestionnaireScreen, action: Action) -> Outcome {
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

/// The search box over the screen, with the shown questions that match, best first.
pub fn draw(frame: &mut Frame, body: Rect, editor: &QuestionnaireScreen, search: &Search, ctx: &DrawCtx<'_>) {
    let (input, selected) = (&search.input, search.selected);
    let t = ctx.theme;
    let area = crate::tui::widgets::centred(body, body.width.saturating_sub(6).min(100), body.height.saturating_sub(2));
    crate::tui::widgets::clear_popup(frame, area);
    let [field, list_area] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    let [go, down, up, cancel] =
        [Action::Confirm, Action::Down, Action::Up, Action::Cancel].map(|a| keymap::key_label(Context::Search, a));
    draw_input(frame, input, &format!("Search ({go}: go · {down}{up}: choose · {cancel}: cancel)"), field);
    let q = editor.assessment().questionnaire();
    let found = search.found(editor);
    // Inside the border, after the highlight symbol, with a column to spare before the border.
    let width = list_area.width.saturating_sub(4);
    let item = |f: &Found| -> ListItem<'static> {
        let (s, i) = f.place;
        let question = &q.sections[s].questions[i];
        // Answered as the progress counts it: a carried-over answer still to confirm is not.
        let answered = if crate::assessment::model::progress::is_answered(editor.assessment(), &question.id) {
            "✓ "
        } else {
            "  "
        };
        // The id and the whole section name, wrapped under the id when they do not fit on one line.
        let mut head = format!("{} · {}", question.id, q.sections[s].title);
        if f.matched < f.words {
            head.push_str(&format!(" · {} of {} words", f.matched, f.words));
        }
        let id = crate::text::visible(&question.id);
        let mut lines: Vec<Line> = Vec::new();
        for (n, part) in wrap(&head, width.saturating_sub(2)).into_iter().enumerate() {
            let line = match part.strip_prefix(id.as_ref()) {
                Some(rest) if n == 0 => vec![
                    Span::raw(answered),
                    Span::styled(id.to_string(), t.label()),
                    Span::styled(rest.to_string(), t.dim()),
                ],
                _ => vec![Span::raw(if n == 0 { answered } else { "  " }), Span::styled(part, t.dim())],
            };
            lines.push(Line::from(line));
        }
        lines.extend(wrap(&question.text, width.saturating_sub(4)).into_iter().map(|l| Line::raw(format!("    {l}"))));
        ListItem::new(Text::from(lines))
    };
    // Only the questions that can be seen are laid out (thousands may match): the chosen one, those
    // before it that fit above it, then those after it until the list is full.
    let height = usize::from(list_area.height.saturating_sub(2));
    let selected = selected.min(found.len().saturating_sub(1));
    let mut items: Vec<ListItem> = Vec::new();
    let mut chosen = 0;
    if let Some(f) = found.get(selected) {
        let this = item(f);
        let mut used = this.height();
        let mut before = Vec::new();
        for f in found[..selected].iter().rev() {
            let above = item(f);
            if used + above.height() > height {
                break;
            }
            used += above.height();
            before.push(above);
        }
        chosen = before.len();
        items.extend(before.into_iter().rev());
        items.push(this);
        for f in &found[selected + 1..] {
            if used >= height {
                break;
            }
            let below = item(f);
            used += below.height();
            items.push(below);
        }
    }
    let title = match found.len() {
        0 => " No matching question ".to_string(),
        1 => " 1 question ".to_string(),
        n => format!(" {n} questions, best first "),
    };
    // Nothing shown matches, but hidden questions do: say so, and which (the words were right; an earlier
    // answer hides them).
    let hidden = search.hidden(editor);
    if found.is_empty() && !hidden.is_empty() {
        let ids: Vec<String> = hidden.iter().take(5).map(|&(s, i)| q.sections[s].questions[i].id.clone()).collect();
        let more = if hidden.len() > 5 { format!(" and {} more", hidden.len() - 5) } else { String::new() };
        let text = format!(
            "{} hidden by earlier answers {}: {}{more}. Answer the questions they depend on to see them.",
            if hidden.len() == 1 { "1 question".to_string() } else { format!("{} questions", hidden.len()) },
            if hidden.len() == 1 { "matches" } else { "match" },
            ids.join(", ")
        );
        let lines: Vec<Line> =
            wrap(&text, list_area.width.saturating_sub(2)).into_iter().map(|l| Line::styled(l, t.dim())).collect();
        frame.render_widget(ratatui::widgets::Paragraph::new(lines).block(Block::bordered().title(title)), list_area);
        return;
    }
    let list =
        List::new(items).block(Block::bordered().title(title)).highlight_style(t.selected()).highlight_symbol(">");
    let chosen = (!found.is_empty()).then_some(chosen);
    frame.render_stateful_widget(list, list_area, &mut ListState::default().with_selected(chosen));
}
