//! The home screen: the store's assessments, newest change first, with the report's headline; `n` opens
//! the new-assessment dialog over it, `d` and `r` the delete question and the rename prompt.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};
use ratatui_textarea::TextArea;

use super::manage::{Dialog, Done};
use super::new_assessment::NewAssessment;
use super::{Ctx, Outcome};
use crate::assessment::store::Listed;
use crate::assessment::{Session, Store};
use crate::assessment::{last_change, sample};
use crate::report::headline::Headline;
use crate::text::{one_line, truncate};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::editor::Editor;
use crate::tui::keymap::{self, Context};
use crate::tui::view::wrap;

pub struct Home {
    pub listed: Vec<Listed>,
    /// The report's headline of each listed assessment, in the same order.
    pub headlines: Vec<Headline>,
    pub unreadable: Vec<String>,
    pub selected: usize,
    /// The new-assessment dialog, when open.
    pub new: Option<NewAssessment>,
    /// The delete question or the rename prompt, when open.
    pub dialog: Option<Dialog>,
}

impl Home {
    /// The store's assessments as they are now, keeping the selection where it can.
    pub fn load(store: &Store, selected: usize) -> Home {
        let today = crate::clock::today();
        let (listed, errors) = store.list_with(|a| Headline::of_assessment(a, today));
        let (listed, headlines) = listed.into_iter().unzip::<_, _, Vec<_>, Vec<_>>();
        let unreadable = errors.iter().map(|e| e.to_string()).collect();
        let selected = selected.min(listed.len().saturating_sub(1));
        Home { listed, headlines, unreadable, selected, new: None, dialog: None }
    }

    pub fn context(&self) -> Context {
        if let Some(dialog) = &self.dialog {
            return dialog.context();
        }
        self.new.as_ref().map_or(Context::Home, NewAssessment::context)
    }

    pub fn text_input(&mut self) -> Option<&mut TextArea<'static>> {
        if let Some(dialog) = &mut self.dialog {
            return dialog.text_input();
        }
        self.new.as_mut()?.text_input()
    }

    /// The delete question or the rename prompt, while open.
    fn update_dialog(&mut self, action: Action, ctx: &Ctx) -> Outcome {
        let Some(dialog) = &mut self.dialog else { return Outcome::Done };
        match dialog.update(action, ctx) {
            Done::Open => Outcome::Done,
            Done::Refused(why) => Outcome::Complain(why),
            Done::Kept => {
                self.dialog = None;
                Outcome::Say("Nothing was changed.".into())
            }
            Done::Failed(why) => {
                self.dialog = None;
                Outcome::Complain(why)
            }
            Done::Changed { said, select } => {
                *self = Home::load(ctx.store, self.selected);
                if let Some(i) = select.and_then(|p| self.listed.iter().position(|l| l.path == p)) {
                    self.selected = i;
                }
                Outcome::Say(said)
            }
        }
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Outcome {
        if self.dialog.is_some() {
            return self.update_dialog(action, ctx);
        }
        if let Some(new) = &mut self.new {
            return match new.update(action, ctx) {
                Outcome::Back => {
                    self.new = None;
                    Outcome::Done
                }
                other => other,
            };
        }
        match action {
            Action::Down => self.selected = (self.selected + 1).min(self.listed.len().saturating_sub(1)),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::New => {
                let (new, skipped) = NewAssessment::start(ctx.user_questionnaires);
                self.new = Some(new);
                if let Some(skipped) = skipped {
                    return Outcome::Complain(skipped);
                }
            }
            Action::Sample => return open_sample(ctx),
            Action::Open => {
                let Some(listed) = self.listed.get(self.selected) else {
                    let new = keymap::key_label(Context::Home, Action::New);
                    return Outcome::Say(format!("No assessment yet: press {new} to start one."));
                };
                return match Session::open(&listed.path, &ctx.now) {
                    Ok(session) => Outcome::Open(Box::new(Editor::new(session)), None),
                    Err(e) => Outcome::Complain(e.to_string()),
                };
            }
            Action::DeleteAssessment | Action::RenameAssessment => {
                let Some(listed) = self.listed.get(self.selected) else {
                    return Outcome::Say("No assessment to delete or rename yet.".into());
                };
                self.dialog = Some(if action == Action::DeleteAssessment {
                    Dialog::delete(listed)
                } else {
                    Dialog::rename(listed)
                });
            }
            _ => {}
        }
        Outcome::Done
    }
}

/// Open the sample made before, or make one: the built-in readiness questionnaire half answered for a
/// fictional company, in a new file of the store (never over another).
fn open_sample(ctx: &Ctx) -> Outcome {
    if let Err(e) = crate::assessment::store::ensure_private_dir(&ctx.store.dir) {
        return Outcome::Complain(format!("{}: cannot create the store: {e}", ctx.store.dir.display()));
    }
    let report = keymap::key_label(Context::Questionnaire, Action::OpenReport);
    match sample::open_or_make(ctx.store, &ctx.now) {
        Ok((session, _)) => Outcome::Open(
            Box::new(Editor::new(session)),
            Some(format!("A sample: a fictional AI startup, half answered. Press {report} for its report.")),
        ),
        Err(e) => Outcome::Complain(e.to_string()),
    }
}

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
    // The selected assessment's name, as `list` shows it and commands take it; on the sample, what it is.
    let selected_name = home.listed.get(home.selected).map(|l| {
        if l.org == sample::ORG {
            format!(" {}: fictional, explore it freely ", one_line(&l.name))
        } else {
            format!(" {} ", one_line(&l.name))
        }
    });
    let block = Block::bordered().title(" Assessments ").title_bottom(Line::from(selected_name.unwrap_or_default()));
    if home.listed.is_empty() {
        let new = keymap::key_label(Context::Home, Action::New);
        let sample = keymap::key_label(Context::Home, Action::Sample);
        let text = format!(
            "No assessments yet.\n\nPress {new} to start one: choose a questionnaire, type the organisation's name, \
             and answer one keystroke at a time. Every answer is saved as you go.\n\nPress {sample} to explore a \
             sample first: a fictional AI startup's assessment, half answered, with its full report."
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).block(block), list_area);
    } else {
        // Organisation and questionnaire share what the fixed columns leave (1 : 1), cut with an ellipsis.
        const DONE: u16 = 5;
        const WHEN: u16 = 16;
        // As wide as the longest headline ("Ready for the audit 100"), at least as wide as its title.
        let widest = home.headlines.iter().map(|h| unicode_width::UnicodeWidthStr::width(h.short().as_str())).max();
        let score_width = widest.unwrap_or(0).clamp(5, 23) as u16;
        let free = list_area.width.saturating_sub(2 + 2 + DONE + score_width + WHEN + 5);
        let org_width = free / 2;
        let title_width = free - org_width;
        let now = (app.now)();
        let rows = home.listed.iter().zip(&home.headlines).map(|(l, h)| {
            Row::new(vec![
                Cell::from(truncate(&one_line(&l.org), usize::from(org_width))),
                Cell::from(truncate(&one_line(&l.questionnaire_title), usize::from(title_width))),
                Cell::from(format!("{:>3}%", l.progress)),
                Cell::from(truncate(&h.short(), usize::from(score_width))),
                Cell::from(last_change::readable(&l.updated_at, &now, app.utc_offset)),
            ])
        });
        let widths = [
            Constraint::Length(org_width),
            Constraint::Length(title_width),
            Constraint::Length(DONE),
            Constraint::Length(score_width),
            Constraint::Length(WHEN),
        ];
        let table = Table::new(rows, widths)
            .header(Row::new(vec!["ORGANISATION", "QUESTIONNAIRE", " DONE", "SCORE", "LAST CHANGE"]).style(t.label()))
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
    if let Some(new) = &home.new {
        new.draw(frame, body, app);
    }
    if let Some(dialog) = &home.dialog {
        dialog.draw(frame, body, app);
    }
}
