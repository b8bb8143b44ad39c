//! Drawing helpers the screens share: text wrapped and cut to a width, text fields, popups. They take
//! what they draw and nothing of the app, so any screen may use them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

/// A text field in a bordered box whose title says what it is for and which keys finish it.
pub fn draw_input(frame: &mut Frame, input: &ratatui_textarea::TextArea<'static>, title: &str, area: Rect) {
    let mut input = input.clone();
    input.set_block(ratatui::widgets::Block::bordered().title(format!(" {title} ")));
    frame.render_widget(&input, area);
}

/// A rectangle of the given size centred in `area`, clipped to it.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
}

/// Wrap untrusted text to a width, made safe for the terminal first.
pub fn wrap(text: &str, width: u16) -> Vec<String> {
    let safe = crate::text::visible(text);
    textwrap::wrap(&safe, usize::from(width.max(1))).into_iter().map(|l| l.into_owned()).collect()
}

/// Text cut to a display width at a word boundary, with an ellipsis (F16: the header was cut mid-word).
/// A first word wider than the room is cut where it must.
pub fn fit_words(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        let candidate = if out.is_empty() { word.to_string() } else { format!("{out} {word}") };
        if candidate.width() + 1 > width {
            break;
        }
        out = candidate;
    }
    if out.is_empty() {
        return crate::text::truncate(text, width);
    }
    format!("{}…", out.trim_end_matches([',', ';', ':', '-', ' ']))
}

/// A timestamp as people read it: `2026-11-26 10:02 UTC`.
pub fn short_time(rfc3339: &str) -> String {
    crate::clock::shown(rfc3339)
}

/// Clear the area of a popup. A wide character (CJK) just left of the popup would otherwise be drawn over
/// the popup's left border, since its second half lies under it: it is blanked.
pub fn clear_popup(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let buffer = frame.buffer_mut();
    if area.x == 0 || area.x > buffer.area.right() {
        return;
    }
    for y in area.top()..area.bottom().min(buffer.area.bottom()) {
        let cell = &mut buffer[(area.x - 1, y)];
        if unicode_width::UnicodeWidthStr::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_is_cut_between_words() {
        assert_eq!(fit_words("report of SOC 2 readiness for AI companies", 36), "report of SOC 2 readiness for AI…");
        assert_eq!(fit_words("Demo readiness check", 14), "Demo…");
        assert_eq!(fit_words("Demo readiness check", 40), "Demo readiness check");
        assert_eq!(fit_words("Supercalifragilistic", 8), "Superca…");
        assert_eq!(fit_words("Example AI Ltd (sample), more", 26), "Example AI Ltd (sample)…");
    }
}
