//! The home screen: the store's assessments, and starting a new one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, List, ListItem, ListState, Paragraph, Row, Table, TableState, Wrap};

use super::app::{App, Home, NewAssessment};
use super::keymap;
use super::view::{centred, clear_popup, draw_input, short_time, wrap};
use crate::text::{one_line, truncate};

pub fn draw(frame: &mut Frame, header: Rect, body: Rect, home: &Home, app: &App) {
    let t = app.theme;
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" soc2-ready ", t.title()),
            Span::raw(format!("│ assessments in {}", one_line(&app.store.dir.display().to_string()))),
        ])),
        header,
    );
    let wrapped: usize =
        home.unreadable.iter().map(|e| wrap(&format!("! {e}"), body.width.saturating_sub(2)).len()).sum();
    let unreadable_height = if wrapped == 0 { 0 } else { (wrapped as u16 + 2).min(body.height / 2) };
    let [list_area, problems] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(unreadable_height)]).areas(body);
    let block = Block::bordered().title(" Assessments ");
    if home.listed.is_empty() {
        let new = keymap::key_label(keymap::Context::Home, super::action::Action::New);
        let text = format!(
            "No assessments yet.\n\nPress {new} to start one: choose a questionnaire, type the organisation's name, \
             and answer one keystroke at a time. Every answer is saved as you go."
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).block(block), list_area);
    } else {
        // Organisation and questionnaire share what the fixed columns leave (2 : 3), cut with an ellipsis.
        let free = list_area.width.saturating_sub(2 + 2 + 25 + 3);
        let org_width = free * 2 / 5;
        let title_width = free - org_width;
        let rows = home.listed.iter().map(|l| {
            Row::new(vec![
                Cell::from(truncate(&one_line(&l.org), usize::from(org_width))),
                Cell::from(truncate(&one_line(&l.questionnaire_title), usize::from(title_width))),
                Cell::from(format!("{:>3}%", l.progress)),
                Cell::from(short_time(&l.updated_at)),
            ])
        });
        let widths = [
            Constraint::Length(org_width),
            Constraint::Length(title_width),
            Constraint::Length(5),
            Constraint::Length(20),
        ];
        let table = Table::new(rows, widths)
            .header(Row::new(vec!["ORGANISATION", "QUESTIONNAIRE", " DONE", "LAST CHANGE"]).style(t.label()))
            .row_highlight_style(t.selected())
            .highlight_symbol("> ")
            .block(block);
        let mut state = TableState::default().with_selected(Some(home.selected));
        frame.render_stateful_widget(table, list_area, &mut state);
    }
    if !home.unreadable.is_empty() {
        let lines: Vec<Line> =
            home.unreadable.iter().map(|e| Line::styled(format!("! {}", one_line(e)), t.warning())).collect();
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(Block::bordered().title(" Files that could not be read ")),
            problems,
        );
    }
    match &home.new {
        Some(NewAssessment::Pick { entries, selected }) => {
            let area = centred(body, body.width.saturating_sub(8).min(90), body.height.saturating_sub(2).min(18));
            clear_popup(frame, area);
            let block = Block::bordered().title(" New assessment: choose a questionnaire ");
            let inner = block.inner(area);
            frame.render_widget(block, area);
            let [list_area, about] = Layout::vertical([Constraint::Min(2), Constraint::Length(4)]).areas(inner);
            let items: Vec<ListItem> = entries
                .iter()
                .map(|e| {
                    let q = &e.questionnaire;
                    ListItem::new(Line::from(vec![
                        Span::raw(one_line(&q.title)),
                        Span::styled(format!("  ({}, {} questions)", q.kind.as_str(), q.question_count()), t.dim()),
                    ]))
                })
                .collect();
            let list = List::new(items).highlight_style(t.selected()).highlight_symbol("> ");
            let mut state = ListState::default().with_selected(Some(*selected));
            frame.render_stateful_widget(list, list_area, &mut state);
            if let Some(e) = entries.get(*selected) {
                let q = &e.questionnaire;
                let about_text = format!("{} {}: {}", q.id, q.version, q.description);
                let lines: Vec<Line> = wrap(&about_text, about.width).into_iter().map(Line::raw).collect();
                frame.render_widget(Paragraph::new(lines).style(t.dim()), about);
            }
        }
        Some(NewAssessment::Name { entry, input }) => {
            let area = centred(body, body.width.saturating_sub(8).min(70), 7);
            clear_popup(frame, area);
            let block = Block::bordered().title(" New assessment: the organisation ");
            let inner = block.inner(area);
            frame.render_widget(block, area);
            let [about, field] = Layout::vertical([Constraint::Length(2), Constraint::Length(3)]).areas(inner);
            frame.render_widget(
                Paragraph::new(format!("Questionnaire: {}", one_line(&entry.questionnaire.title)))
                    .wrap(Wrap { trim: true }),
                about,
            );
            draw_input(frame, input, "Organisation name", field);
        }
        None => {}
    }
}
