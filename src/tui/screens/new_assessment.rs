//! The new-assessment dialog over the home screen: choose a questionnaire, then type the organisation.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::import::Import;
use super::{Ctx, Outcome};
use crate::assessment::{Assessment, Session};
use crate::questionnaire::catalog::{self, Entry};
use crate::text::one_line;
use crate::tui::action::Action;
use crate::tui::editor::{Editor, line_input};
use crate::tui::keymap::Context;
use crate::tui::screens::DrawCtx;
use crate::tui::widgets::{centred, clear_popup, draw_input, wrap};

/// The two steps of starting an assessment.
pub enum NewAssessment {
    Pick {
        entries: Vec<Entry>,
        selected: usize,
    },
    Name {
        entry: Box<Entry>,
        input: Box<TextArea<'static>>,
    },
    /// IMPORT: the last line of the picker, importing a customer's spreadsheet.
    Import {
        entries: Vec<Entry>,
        import: Box<Import>,
    },
}

/// IMPORT: the picker's last line, after the questionnaires.
const IMPORT_LINE: &str = "Import a spreadsheet: a customer's questionnaire (.xlsx or .csv)";

impl NewAssessment {
    /// The questionnaire picker, with every questionnaire found; also says which files were skipped.
    pub fn start(user_questionnaires: Option<&std::path::Path>) -> (NewAssessment, Option<String>) {
        let (entries, errors) = catalog::all(user_questionnaires);
        let skipped = errors.first().map(|e| {
            let more = if errors.len() > 1 { format!(" (and {} more)", errors.len() - 1) } else { String::new() };
            format!("skipped {e}{more}")
        });
        (NewAssessment::Pick { entries, selected: 0 }, skipped)
    }

    pub fn context(&self) -> Context {
        match self {
            NewAssessment::Pick { .. } => Context::PickQuestionnaire,
            NewAssessment::Name { .. } => Context::TypeOrganisation,
            NewAssessment::Import { import, .. } => import.context(),
        }
    }

    pub fn text_input(&mut self) -> Option<&mut TextArea<'static>> {
        match self {
            NewAssessment::Name { input, .. } => Some(input),
            NewAssessment::Pick { .. } => None,
            NewAssessment::Import { import, .. } => import.text_input(),
        }
    }

    /// `Outcome::Back` closes the dialog; `Outcome::Open` opens the new assessment.
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Outcome {
        if let NewAssessment::Import { entries, import } = self {
            return match import.update(action, ctx) {
                Outcome::Back => {
                    let selected = entries.len();
                    *self = NewAssessment::Pick { entries: std::mem::take(entries), selected };
                    Outcome::Done
                }
                other => other,
            };
        }
        match (&mut *self, action) {
            (NewAssessment::Pick { entries, selected }, Action::Down) => *selected = (*selected + 1).min(entries.len()),
            (NewAssessment::Pick { entries, selected }, Action::Open) if *selected == entries.len() => {
                *self = NewAssessment::Import { entries: std::mem::take(entries), import: Box::new(Import::start()) };
            }
            (NewAssessment::Pick { selected, .. }, Action::Up) => *selected = selected.saturating_sub(1),
            (NewAssessment::Pick { entries, selected }, Action::Open) => {
                if let Some(entry) = entries.get(*selected).cloned() {
                    *self = NewAssessment::Name {
                        entry: Box::new(entry),
                        input: Box::new(line_input("", "e.g. Acme AI Ltd")),
                    };
                }
            }
            (NewAssessment::Pick { .. }, Action::Back) | (NewAssessment::Name { .. }, Action::Cancel) => {
                return Outcome::Back;
            }
            (NewAssessment::Name { entry, input }, Action::Confirm) => return create(entry, input, ctx),
            _ => {}
        }
        Outcome::Done
    }

    pub fn draw(&self, frame: &mut Frame, body: Rect, ctx: &DrawCtx<'_>) {
        let t = ctx.theme;
        match self {
            NewAssessment::Pick { entries, selected } => {
                let area = centred(body, body.width.saturating_sub(8).min(90), body.height.saturating_sub(2).min(18));
                clear_popup(frame, area);
                let block = Block::bordered().title(" New assessment: choose a questionnaire ");
                let inner = block.inner(area);
                frame.render_widget(block, area);
                let [list_area, about] = Layout::vertical([Constraint::Min(2), Constraint::Length(4)]).areas(inner);
                let mut items: Vec<ListItem> = entries
                    .iter()
                    .map(|e| {
                        let q = &e.questionnaire;
                        ListItem::new(Line::from(vec![
                            Span::raw(one_line(&q.title)),
                            Span::styled(format!("  ({}, {} questions)", q.kind.as_str(), q.question_count()), t.dim()),
                        ]))
                    })
                    .collect();
                items.push(ListItem::new(Line::raw(IMPORT_LINE)));
                let list = List::new(items).highlight_style(t.selected()).highlight_symbol("> ");
                let mut state = ListState::default().with_selected(Some(*selected));
                frame.render_stateful_widget(list, list_area, &mut state);
                if let Some(e) = entries.get(*selected) {
                    let q = &e.questionnaire;
                    let about_text = format!("{} {}: {}", q.id, q.version, q.description);
                    let lines: Vec<Line> = wrap(&about_text, about.width).into_iter().map(Line::raw).collect();
                    frame.render_widget(Paragraph::new(lines).style(t.dim()), about);
                } else {
                    let text =
                        "Read the questions from the customer's own file; the answers go back into a copy of it.";
                    let lines: Vec<Line> = wrap(text, about.width).into_iter().map(Line::raw).collect();
                    frame.render_widget(Paragraph::new(lines).style(t.dim()), about);
                }
            }
            NewAssessment::Import { import, .. } => import.draw(frame, body, ctx),
            NewAssessment::Name { entry, input } => {
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
        }
    }
}

/// Create the assessment in the store and open it.
fn create(entry: &Entry, input: &TextArea<'static>, ctx: &Ctx) -> Outcome {
    let org = input.lines().join(" ").trim().to_string();
    if org.is_empty() {
        return Outcome::Complain("Type the organisation's name first.".into());
    }
    let assessment = Assessment::new(entry.questionnaire.clone(), &org, &ctx.now);
    if let Err(e) = crate::assessment::store::ensure_private_dir(&ctx.store.dir) {
        return Outcome::Complain(format!("{}: cannot create the store: {e}", ctx.store.dir.display()));
    }
    let path = ctx.store.new_path(&org, &assessment.questionnaire.id);
    match Session::create(&path, assessment, &ctx.now) {
        Ok(session) => Outcome::Open(Box::new(Editor::new(session)), Some(format!("Created {}", path.display()))),
        Err(e) => Outcome::Complain(e.to_string()),
    }
}
