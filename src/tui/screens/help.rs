//! The help overlay: every key, from the keymap, the current context first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::tui::action::Action;
use crate::tui::keymap::{self, Context};
use crate::tui::screens::DrawCtx;
use crate::tui::theme::Theme;
use crate::tui::widgets::centred;

/// Every context but the help itself, in the order the help lists them after the current one.
fn listed() -> impl Iterator<Item = Context> {
    Context::ALL.into_iter().filter(|c| *c != Context::Help)
}

/// Where the help is drawn in the screen's body.
fn area(body: Rect) -> Rect {
    centred(body, body.width.saturating_sub(4).min(96), body.height)
}

/// The help's lines for a panel `width` wide (inside its border): the keys in a column of their own, each
/// description wrapped beside it, so a key never runs into its description.
pub fn lines(underlying: Context, width: u16, t: Theme) -> Vec<Line<'static>> {
    let key_width = listed().flat_map(keymap::help_rows).map(|(k, _)| k.width()).max().unwrap_or(0);
    let indent = 2 + key_width + 2;
    let text_width = usize::from(width).saturating_sub(indent).max(10);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let contexts = std::iter::once(underlying).chain(listed().filter(|c| *c != underlying));
    for context in contexts {
        lines.push(Line::styled(context.title(), t.title()));
        for (keys, what) in keymap::help_rows(context) {
            let pad = key_width - keys.width();
            for (i, part) in textwrap::wrap(what, text_width).into_iter().enumerate() {
                let key = if i == 0 { format!("  {keys}{}  ", " ".repeat(pad)) } else { " ".repeat(indent) };
                lines.push(Line::from(vec![Span::styled(key, t.key()), Span::raw(part.into_owned())]));
            }
        }
        lines.push(Line::raw(""));
    }
    lines
}

/// How far the help can scroll in a terminal of `size` so its last line is at the bottom.
pub fn max_scroll(underlying: Context, size: (u16, u16), t: Theme) -> u16 {
    let body = Rect { x: 0, y: 0, width: size.0, height: size.1.saturating_sub(3) };
    let inner = Block::bordered().inner(area(body));
    let count = lines(underlying, inner.width, t).len();
    u16::try_from(count.saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX)
}

/// A scrolling key on the help: the new scroll position, stopping at the end.
pub fn scrolled(scroll: u16, action: Action, underlying: Context, size: (u16, u16), t: Theme) -> u16 {
    let max = max_scroll(underlying, size, t);
    let scroll = scroll.min(max);
    match action {
        Action::ScrollDown => scroll.saturating_add(1),
        Action::ScrollUp => scroll.saturating_sub(1),
        Action::PageDown => scroll.saturating_add(10),
        Action::PageUp => scroll.saturating_sub(10),
        Action::ScrollTop => 0,
        Action::ScrollBottom => max,
        _ => scroll,
    }
    .min(max)
}

/// The help over the screen: the keys of `context` (where the user is beneath it), scrolled by `scroll`.
pub fn draw(frame: &mut Frame, body: Rect, ctx: &DrawCtx, context: Context, scroll: u16) {
    let t = ctx.theme;
    let area = area(body);
    crate::tui::widgets::clear_popup(frame, area);
    let [down, up] = [Action::ScrollDown, Action::ScrollUp].map(|a| keymap::key_label(Context::Help, a));
    let close = keymap::help_rows(Context::Help)
        .into_iter()
        .find(|(_, what)| *what == "close this help")
        .map_or_else(|| "?".to_string(), |(keys, _)| keys.replace(' ', " or "));
    let block = Block::bordered().title(format!(" Keys ({down}{up} scroll · {close} closes) "));
    let inner = block.inner(area);
    let all = lines(context, inner.width, t);
    let max = u16::try_from(all.len().saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX);
    let paragraph = Paragraph::new(all).block(block).scroll((scroll.min(max), 0));
    frame.render_widget(paragraph, area);
}
