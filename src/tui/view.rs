//! Drawing the whole screen from the state. Nothing here changes the state.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::app::{App, Screen};
use super::keymap;
use super::screens::{DrawCtx, help, home, questionnaire, report};
use crate::text::one_line;
// The drawing helpers the screens share, where they were first written (the tests use them from here).
pub use super::widgets::{centred, clear_popup, draw_input, fit_words, short_time, wrap};

/// Below this size the screen says so instead of drawing (and the app takes no key but quit).
pub use super::app::{MIN_HEIGHT, MIN_WIDTH};

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return too_small(frame, area);
    }
    // A long message wraps onto up to three lines rather than losing its end.
    let style = if app.status.error { app.theme.warning() } else { app.theme.plain() };
    let prefix = if app.status.error { "! " } else { "" };
    let status_lines = status_lines(&format!("{prefix}{}", app.status.text), area.width);
    let status_height = status_lines.len().clamp(1, 3) as u16;
    let [header, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status_height),
        Constraint::Length(1),
    ])
    .areas(area);
    // What the screens read from the app, once per frame: each draws from this and its own state.
    let ctx = DrawCtx { theme: app.theme, now: (app.now)(), utc_offset: app.utc_offset, store_dir: &app.store.dir };
    match (&app.screen, app.editor.as_deref()) {
        (Screen::Home(state), _) => home::draw(frame, header, body, state, &ctx),
        (Screen::Questionnaire, Some(editor)) => questionnaire::draw(frame, header, body, editor, &ctx),
        (Screen::Report(screen), _) => report::draw(frame, header, body, screen, &ctx),
        (Screen::Vendors(screen), _) => super::screens::vendors::draw(frame, header, body, screen, &ctx),
        (Screen::Questionnaire, None) => {}
    }
    let status_lines: Vec<Line> = status_lines.into_iter().map(|l| Line::styled(l, style)).collect();
    frame.render_widget(Paragraph::new(status_lines), status);
    frame.render_widget(hint_line(app, hints.width), hints);
    if app.help {
        help::draw(frame, body, &ctx, app.screen_context(), app.help_scroll);
    }
}

/// A status message on at most three lines: wrapped, and if still too long, cut in the middle so that its
/// end (a file's name, an accepted range) stays readable.
fn status_lines(text: &str, width: u16) -> Vec<String> {
    let lines = wrap(text, width);
    if lines.len() <= 3 {
        return lines;
    }
    let width = usize::from(width.max(1));
    let short = crate::text::abbreviate_middle(&one_line(text), width * 3);
    let mut out = vec![String::new()];
    let mut used = 0;
    for c in short.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            out.push(String::new());
            used = 0;
        }
        out.last_mut().expect("one line at least").push(c);
        used += w;
    }
    out
}

fn too_small(frame: &mut Frame, area: Rect) {
    let quit = keymap::key_label(keymap::Context::Home, super::action::Action::Quit);
    let text = format!(
        "The terminal is {}×{}; soc2-ready needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge the window, or press {quit} to quit.",
        area.width, area.height
    );
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }), area);
}

/// The key hints for where the user is, from the same table that drives the keys. When they do not fit,
/// the least important go first (the table lists them by importance), but the ways out (back, help, quit)
/// and search stay longest.
fn hint_line(app: &App, width: u16) -> Paragraph<'static> {
    let typed_question = matches!((&app.screen, app.editor.as_deref()), (Screen::Questionnaire, Some(e))
        if matches!(e.mode, questionnaire::Mode::Answering) && !e.question().kind.has_options());
    let mut hints = keymap::hints(app.context(), typed_question);
    // REPORT: a vendor report has no plan of your own; a report without an estimate has nothing to compare.
    if let Screen::Report(r) = &app.screen
        && r.dialog.is_none()
    {
        let (vendor, no_estimate) = (r.report.is_vendor(), r.report.estimate.is_none());
        let refused = |w: &str| (vendor && ["csv", "gap", "owner"].contains(&w)) || (no_estimate && w == "what if");
        hints.retain(|(_, w)| !refused(w));
    }
    let length = |hints: &[(String, &str)]| -> usize {
        hints.iter().map(|(k, w)| k.chars().count() + 1 + w.chars().count() + 2).sum::<usize>().saturating_sub(2)
    };
    const DROPPED_FIRST: [&str; 3] = ["section", "flag", "unanswered"];
    const KEPT: [&str; 4] = ["back", "help", "quit", "search"];
    while length(&hints) > usize::from(width) && hints.len() > 2 {
        let drop_at = hints
            .iter()
            .rposition(|(_, w)| DROPPED_FIRST.contains(w))
            .or_else(|| hints.iter().rposition(|(_, w)| !KEPT.contains(w)))
            .unwrap_or(0);
        hints.remove(drop_at);
    }
    let mut spans = Vec::new();
    for (i, (keys, word)) in hints.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(keys, app.theme.key()));
        spans.push(Span::raw(format!(" {word}")));
    }
    Paragraph::new(Line::from(spans))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_status_keeps_its_end_on_three_lines() {
        let path = format!("Markdown report written to /{}/acme-report.md", "very-long-folder-name/".repeat(20));
        let lines = status_lines(&path, 60);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines.iter().all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 60), "{lines:?}");
        assert!(lines[0].starts_with("Markdown report written to"), "{lines:?}");
        assert!(lines.concat().ends_with("acme-report.md") && lines.concat().contains('…'), "{lines:?}");
        assert_eq!(status_lines("Saved.", 60), ["Saved."]);
    }
}

/// What one keystroke and its frame cost, counted (the sections list's counts are kept per section).
#[cfg(test)]
mod keystroke_cost {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use ratatui::{Terminal, backend::TestBackend};

    use crate::assessment::model::progress::questions_looked_at;
    use crate::assessment::{AnswerValue, Assessment, Session, Store, store};
    use crate::tui::{app::App, view};

    const NOW: &str = "2026-01-15T09:00:00Z";

    /// 50 sections of 100 maturity questions after a profile yes/no.
    fn large() -> String {
        let mut out = String::from(
            r#"{"format":1,"id":"large","version":"1","title":"Large","kind":"custom","sections":[{"id":"p","title":"Profile","questions":[{"id":"p.gate","type":"yesno","text":"Gate?","help":"Gates."}]}"#,
        );
        for s in 0..50 {
            let questions: Vec<String> = (0..100)
                .map(|i| {
                    format!(
                        r#"{{"id":"s{s}.q{i}","type":"maturity","text":"Control {s}.{i}?","help":"Why.","weight":3,"criteria":["CC6.1"],"effort_days":[1,3]}}"#
                    )
                })
                .collect();
            out.push_str(&format!(r#",{{"id":"s{s}","title":"Section {s}","questions":[{}]}}"#, questions.join(",")));
        }
        out.push_str("]}");
        out
    }

    /// A keystroke that answers, then the frame, costs the work of the answered question's section, not of
    /// the 5,000 questions: the sections list's flags and findings come from the counts kept per section.
    #[test]
    fn an_answer_and_its_frame_look_at_one_section_not_every_question() {
        let q = crate::questionnaire::parse(&large(), "large").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("large.json");
        store::write(&path, &Assessment::new(q, "Acme AI", NOW)).unwrap();
        let session = Session::open(&path, NOW).unwrap();
        let mut app = App::with_session(Store::new(dir.path().to_path_buf()), session);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        let key = |code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        app.handle_event(key(KeyCode::Down));
        terminal.draw(|f| view::draw(f, &app)).unwrap();
        let before = questions_looked_at();
        app.handle_event(key(KeyCode::Char('4')));
        terminal.draw(|f| view::draw(f, &app)).unwrap();
        let looked_at = questions_looked_at() - before;
        // The answered section recounted (100), the new current section's "question N of 100" (100) and a
        // few single looks; recounting the sections list's flags at every frame looked at all 5,001.
        assert!(looked_at <= 2 * 100 + 10, "a keystroke and its frame looked at {looked_at} questions");
        let editor = app.editor.as_deref().unwrap();
        assert_eq!(editor.question().id, "s0.q1");
        assert_eq!(editor.assessment().value("s0.q0"), Some(&AnswerValue::Text("documented".into())));
    }
}
