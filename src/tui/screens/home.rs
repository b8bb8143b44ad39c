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
use crate::assessment::{interview::sample, store::last_change};
use crate::report::headline::Headline;
use crate::text::{one_line, truncate};
use crate::tui::action::Action;
use crate::tui::editor::Editor;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::DrawCtx;
use crate::tui::widgets::wrap;

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
        // Through the headline cache: an assessment unchanged since the last listing is not read again.
        let listing = crate::comparison::summaries(store, today);
        let (listed, headlines) =
            listing.all.into_iter().map(|s| (s.listed, s.headline)).unzip::<_, _, Vec<_>, Vec<_>>();
        let unreadable = listing.errors.iter().map(|e| e.to_string()).collect();
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

pub fn draw(frame: &mut Frame, header: Rect, body: Rect, home: &Home, ctx: &DrawCtx<'_>) {
    let t = ctx.theme;
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" soc2-ready ", t.title()),
            Span::raw(format!("│ assessments in {}", one_line(&ctx.store_dir.display().to_string()))),
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
        // The organisation is what tells assessments apart: it and the questionnaire share what the other
        // columns leave, the organisation first (see `name_widths`), each cut with an ellipsis.
        const DONE: u16 = 5;
        let now = &ctx.now;
        let when: Vec<String> =
            home.listed.iter().map(|l| last_change::readable(&l.updated_at, now, ctx.utc_offset)).collect();
        // As wide as the widest ("today 14:05", "2026-11-26 14:05"), at least as wide as its title.
        let when_width = when.iter().map(|w| text_width(w)).max().unwrap_or(0).clamp(11, 16) as u16;
        // As wide as the longest headline ("Ready for the audit 100"), at least as wide as its title.
        let widest = home.headlines.iter().map(|h| text_width(&h.short())).max();
        let score_width = widest.unwrap_or(0).clamp(5, 23) as u16;
        let free = list_area.width.saturating_sub(2 + 2 + DONE + score_width + when_width + 5);
        let widest_org = home.listed.iter().map(|l| text_width(&one_line(&l.org))).max().unwrap_or(0);
        let widest_title = home.listed.iter().map(|l| text_width(&one_line(&l.questionnaire_title))).max().unwrap_or(0);
        let (org_width, title_width) = name_widths(free, widest_org, widest_title);
        let rows = home.listed.iter().zip(&home.headlines).zip(&when).map(|((l, h), when)| {
            Row::new(vec![
                Cell::from(truncate(&one_line(&l.org), usize::from(org_width))),
                Cell::from(truncate(&one_line(&l.questionnaire_title), usize::from(title_width))),
                Cell::from(format!("{:>3}%", l.progress)),
                Cell::from(truncate(&h.short(), usize::from(score_width))),
                Cell::from(truncate(when, usize::from(when_width))),
            ])
        });
        let widths = [
            Constraint::Length(org_width),
            Constraint::Length(title_width),
            Constraint::Length(DONE),
            Constraint::Length(score_width),
            Constraint::Length(when_width),
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
        new.draw(frame, body, ctx);
    }
    if let Some(dialog) = &home.dialog {
        dialog.draw(frame, body, ctx);
    }
}

fn text_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// How the organisation and the questionnaire columns share `free` cells: each as wide as its widest when
/// both fit, and half of what is left over; otherwise the organisation gets at least three
/// fifths, or all it needs when the questionnaire leaves it more, and the questionnaire the rest.
fn name_widths(free: u16, widest_org: usize, widest_title: usize) -> (u16, u16) {
    let (org, title) = (clamp_u16(widest_org), clamp_u16(widest_title));
    if u32::from(org) + u32::from(title) <= u32::from(free) {
        let slack = free - org - title;
        return (org + slack - slack / 2, title + slack / 2);
    }
    let three_fifths = clamp_u16(usize::from(free) * 3 / 5);
    let org = org.min(three_fifths.max(free.saturating_sub(title)));
    (org, free - org)
}

fn clamp_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::name_widths;

    #[test]
    fn the_organisation_gets_what_it_needs_first() {
        // Both fit: each as wide as it is, and half the rest.
        assert_eq!(name_widths(61, 10, 20), (26, 35));
        // They do not: the organisation whole when three fifths of the room hold it...
        assert_eq!(name_widths(43, 23, 32), (23, 20));
        // ... or three fifths; more when the questionnaire is short.
        assert_eq!(name_widths(23, 80, 32), (13, 10));
        assert_eq!(name_widths(23, 80, 5), (18, 5));
        assert_eq!(name_widths(0, 80, 32), (0, 0));
    }
}
