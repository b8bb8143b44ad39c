//! Text from questionnaire files and answers is untrusted: this makes it safe to show on a terminal.
//!
//! Control characters (C0 except newline, DEL, C1), bidirectional overrides and isolates, and invisible
//! zero-width characters are replaced by a visible escape such as `\u{1b}`, so an escape sequence hidden in
//! a question can neither drive the terminal nor disguise what is written.

use std::borrow::Cow;

/// Whether a character must not reach the terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200b}'..='\u{200f}'   // zero-width space/joiners, LRM, RLM
        | '\u{202a}'..='\u{202e}'   // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}'   // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}'   // bidi isolates
        | '\u{feff}'                // zero-width no-break space
        | '\u{fff9}'..='\u{fffb}'   // interlinear annotation
        | '\u{ad}'                  // soft hyphen: invisible unless a line breaks there
        | '\u{61c}'                 // Arabic letter mark (bidi)
        | '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}' // Hangul fillers: blank but not spaces
        | '\u{2028}' | '\u{2029}' // line and paragraph separators: break lines behind our back
        | '\u{e0000}'..='\u{e007f}' // tag characters: invisible text
    )
}

/// The text with every unsafe character replaced by a visible `\u{..}` escape. Tabs become a space;
/// newlines are kept (callers that need one line use [`one_line`]).
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) || c == '\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\t' {
            out.push(' ');
        } else if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`visible`], with line breaks shown as `⏎` so the text stays on one line.
pub fn one_line(text: &str) -> String {
    visible(&text.replace("\r\n", " ⏎ ").replace(['\n', '\r'], " ⏎ ")).into_owned()
}

/// JSON text with every unsafe character written as a `\uXXXX` escape, so printing it cannot drive a
/// terminal. Valid for JSON because such characters can only stand inside strings.
pub fn json_safe(json: String) -> String {
    if !json.chars().any(is_unsafe) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{:04x}", unit));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A cell for a CSV file a spreadsheet will open: one that would start a formula (`=`, `+`, `-`, `@`, a tab
/// or a carriage return) gets a leading apostrophe, so opening the file can never run anything. The one
/// place this rule lives: the report's plan, the follow-ups and exported customer CSV files all use it.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Cut text to a display width, marking the cut with `…`.
pub fn truncate(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Fit text to a display width by cutting its middle (`/home/ann/…/acme-report.md`), so both the start and
/// the end (a file's name and format) stay readable.
pub fn abbreviate_middle(text: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= width {
        return text.to_string();
    }
    if width < 3 {
        return truncate(text, width);
    }
    let keep = width - 1;
    let tail_budget = keep - keep / 3;
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > tail_budget {
            break;
        }
        tail.push(c);
        used += w;
    }
    let head_budget = keep - used;
    let mut head = String::new();
    let mut head_used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if head_used + w > head_budget {
            break;
        }
        head.push(c);
        head_used += w;
    }
    head.push('…');
    head.extend(tail.into_iter().rev());
    head
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_would_start_a_formula_are_made_text() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(spreadsheet_safe(bad), format!("'{bad}"));
        }
        assert_eq!(spreadsheet_safe("Dana"), "Dana");
        assert_eq!(spreadsheet_safe("3.5"), "3.5");
    }

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        let osc52 = "copy\u{1b}]52;c;ZXZpbA==\u{7}me";
        assert_eq!(visible(osc52), "copy\\u{1b}]52;c;ZXZpbA==\\u{7}me");
        assert_eq!(visible("\u{9b}2J"), "\\u{9b}2J");
        assert_eq!(visible("a\u{202e}b\u{200b}c"), "a\\u{202e}b\\u{200b}c");
        assert!(matches!(visible("plain, ünïcödé 漢字 ok\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_stays_json_and_safe() {
        let json = serde_json::to_string(&"a\u{9b}b\u{202e}c\u{1b}").unwrap();
        let safe = json_safe(json);
        assert_eq!(safe, r#""a\u009bb\u202ec\u001b""#);
        assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), "a\u{9b}b\u{202e}c\u{1b}");
    }

    #[test]
    fn invisible_and_line_breaking_characters_are_shown() {
        for c in ['\u{61c}', '\u{ad}', '\u{2028}', '\u{2029}', '\u{3164}', '\u{e0041}', '\u{e007f}', '\u{e0000}'] {
            assert!(is_unsafe(c), "{:x}", c as u32);
            assert_eq!(visible(&format!("a{c}b")), format!("a\\u{{{:x}}}b", c as u32));
            assert!(json_safe(serde_json::to_string(&c.to_string()).unwrap()).is_ascii());
        }
        assert!(!is_unsafe('漢') && !is_unsafe('é') && !is_unsafe(' '));
    }

    #[test]
    fn truncation_keeps_the_width_and_the_end_when_asked() {
        assert_eq!(truncate("SOC 2 readiness for AI companies", 10), "SOC 2 rea…");
        assert_eq!(truncate("漢字漢字", 5), "漢字…");
        assert_eq!(truncate("short", 10), "short");
        let path = "/home/ann/projects/client/acme-ai-soc2-ai-readiness-report.html";
        let short = abbreviate_middle(path, 30);
        assert!(unicode_width::UnicodeWidthStr::width(short.as_str()) <= 30, "{short}");
        assert!(short.starts_with("/home/") && short.ends_with("report.html") && short.contains('…'), "{short}");
        assert_eq!(abbreviate_middle("a.md", 10), "a.md");
    }

    #[test]
    fn one_line_keeps_text_on_one_line() {
        assert_eq!(one_line("a\nb\r\nc\u{1b}"), "a ⏎ b ⏎ c\\u{1b}");
    }
}
