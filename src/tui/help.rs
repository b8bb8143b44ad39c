//! The help overlay: every key, from the keymap, the current context first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::app::App;
use super::keymap::{self, Context};
use super::view::centred;

/// Every context but the help itself, in the order the help lists them after the current one.
fn listed() -> impl Iterator<Item = Context> {
    Context::ALL.into_iter().filter(|c| *c != Context::Help)
}

/// How many lines the help has before wrapping: a title, the keys and a blank line per context.
pub fn line_count() -> u16 {
    let lines: usize = listed().map(|c| keymap::help_rows(c).len() + 2).sum();
    u16::try_from(lines).unwrap_or(u16::MAX)
}

pub fn draw(frame: &mut Frame, body: Rect, app: &App) {
    let t = app.theme;
    let area = centred(body, body.width.saturating_sub(4).min(96), body.height);
    frame.render_widget(Clear, area);
    let underlying = app.screen_context();
    let mut lines: Vec<Line> = Vec::new();
    let contexts = std::iter::once(underlying).chain(listed().filter(|c| *c != underlying));
    for context in contexts {
        lines.push(Line::styled(context.title(), t.title()));
        for (keys, what) in keymap::help_rows(context) {
            lines.push(Line::from(vec![Span::styled(format!("  {keys:<8}"), t.key()), Span::raw(what)]));
        }
        lines.push(Line::raw(""));
    }
    let block = Block::bordered().title(" Keys (↓↑ scroll · ? or Esc closes) ");
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false }).block(block).scroll((app.help_scroll, 0));
    frame.render_widget(paragraph, area);
}
