//! The home screen's dialogs for managing an assessment: the question before deleting one (nothing happens
//! without `y`; any other key keeps it) and the prompt for renaming one.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::Ctx;
use crate::assessment::store::Listed;
use crate::assessment::store::file_name::shell_quoted;
use crate::assessment::store::manage;
use crate::assessment::store::trash::Trash;
use crate::text::one_line;
use crate::tui::action::Action;
use crate::tui::editor::line_input;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::DrawCtx;
use crate::tui::widgets::{centred, clear_popup, draw_input, wrap};

/// A dialog over the home screen, about one assessment.
pub enum Dialog {
    ConfirmDelete { path: PathBuf, what: String },
    Rename { path: PathBuf, name: String, input: Box<TextArea<'static>> },
}

/// What a dialog's key did.
pub enum Done {
    /// Still open.
    Open,
    /// Still open, with a complaint (a name refused: the user types another).
    Refused(String),
    /// Closed without a change.
    Kept,
    /// Closed after a change: the store must be listed again. Says what happened, and which assessment
    /// to select.
    Changed { said: String, select: Option<PathBuf> },
    /// Closed, and the change failed.
    Failed(String),
}

impl Dialog {
    /// "Delete Acme AI - SOC 2 readiness?"
    pub fn delete(l: &Listed) -> Dialog {
        Dialog::ConfirmDelete { path: l.path.clone(), what: format!("{} - {}", l.org, l.questionnaire_title) }
    }

    pub fn rename(l: &Listed) -> Dialog {
        Dialog::Rename { path: l.path.clone(), name: l.name.clone(), input: Box::new(line_input(&l.name, "new name")) }
    }

    pub fn context(&self) -> Context {
        match self {
            Dialog::ConfirmDelete { .. } => Context::ConfirmDelete,
            Dialog::Rename { .. } => Context::TypeName,
        }
    }

    pub fn text_input(&mut self) -> Option<&mut TextArea<'static>> {
        match self {
            Dialog::Rename { input, .. } => Some(input),
            Dialog::ConfirmDelete { .. } => None,
        }
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Done {
        match (self, action) {
            (Dialog::ConfirmDelete { path, .. }, Action::Confirm) => match Trash::of(ctx.store).put(path, &ctx.now) {
                // What happened and how to undo it; not the trash folder's path (`soc2-ready trash` lists it),
                // which on a narrow screen pushed "to the trash" out of the three status lines.
                Ok(entry) => Done::Changed {
                    said: format!(
                        "Moved {} to the trash; `soc2-ready restore {}` brings it back.",
                        one_line(&entry.name),
                        shell_quoted(&entry.name)
                    ),
                    select: None,
                },
                Err(e) => Done::Failed(format!("Not deleted: {e}")),
            },
            // Any other key keeps it (the app turns keys bound to nothing here into a cancel).
            (Dialog::ConfirmDelete { .. }, _) => Done::Kept,
            (Dialog::Rename { path, input, .. }, Action::Confirm) => {
                let typed = input.lines().join(" ");
                match manage::rename(path, &typed, &ctx.now) {
                    Ok(target) if target == *path => Done::Kept,
                    Ok(target) => Done::Changed {
                        said: format!(
                            "Renamed to {}.",
                            one_line(&target.file_stem().unwrap_or_default().to_string_lossy())
                        ),
                        select: Some(target),
                    },
                    Err(e) => Done::Refused(e.to_string()),
                }
            }
            (Dialog::Rename { .. }, Action::Cancel | Action::Back) => Done::Kept,
            (Dialog::Rename { .. }, _) => Done::Open,
        }
    }

    pub fn draw(&self, frame: &mut Frame, body: Rect, ctx: &DrawCtx<'_>) {
        let t = ctx.theme;
        match self {
            Dialog::ConfirmDelete { what, .. } => {
                let width = body.width.saturating_sub(8).min(70);
                let yes = keymap::key_label(Context::ConfirmDelete, Action::Confirm);
                let question = format!("Delete {}?", one_line(what));
                let after = format!(
                    "It goes to the trash with its journal and backups, if any, and can be restored from there. \
                     {yes} to confirm, any other key to keep it."
                );
                let inner_width = width.saturating_sub(2);
                let mut lines: Vec<Line> =
                    wrap(&question, inner_width).into_iter().map(|l| Line::styled(l, t.title())).collect();
                lines.push(Line::raw(""));
                lines.extend(wrap(&after, inner_width).into_iter().map(Line::raw));
                let height = (lines.len() as u16 + 2).min(body.height);
                let area = centred(body, width, height);
                clear_popup(frame, area);
                frame.render_widget(
                    Paragraph::new(lines).block(Block::bordered().title(" Delete an assessment ")),
                    area,
                );
            }
            Dialog::Rename { name, input, .. } => {
                let area = centred(body, body.width.saturating_sub(8).min(70), 8);
                clear_popup(frame, area);
                let block = Block::bordered().title(" Rename an assessment ");
                let inner = block.inner(area);
                frame.render_widget(block, area);
                let [about, field] = Layout::vertical([Constraint::Length(3), Constraint::Length(3)]).areas(inner);
                let text = vec![
                    Line::from(vec![Span::raw("Now: "), Span::styled(one_line(name), t.title())]),
                    Line::styled(
                        "Any script; no / or \\, not starting with a dot. Enter renames, Esc keeps it.",
                        t.dim(),
                    ),
                ];
                frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), about);
                draw_input(frame, input, "New name", field);
            }
        }
    }
}
