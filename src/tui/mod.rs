//! The terminal interface: a thin layer of state, actions and views over the core.
//!
//! The terminal is restored on every way out: normal quit, Ctrl-C, SIGTERM, SIGHUP (the assessment is
//! saved first) and a panic (ratatui's panic hook restores the terminal before the message is printed).

pub mod action;
pub mod app;
pub mod editor;
pub mod help;
pub mod home;
pub mod keymap;
pub mod questionnaire_screen;
pub mod report_screen;
pub mod theme;
pub mod view;

use std::io::{IsTerminal, stdout};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::assessment::{Session, Store};
use app::App;

/// How often the loop wakes without input: to save waiting changes and notice signals.
const TICK: Duration = Duration::from_millis(200);

pub fn run_home(store: Store) -> Result<ExitCode> {
    run(App::new(store))
}

pub fn run_session(store: Store, session: Session) -> Result<ExitCode> {
    run(App::with_session(store, session))
}

fn run(mut app: App) -> Result<ExitCode> {
    if !std::io::stdin().is_terminal() || !stdout().is_terminal() {
        bail!("the interface needs a terminal; use the commands (`soc2-ready --help`) from scripts");
    }
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop)).context("cannot watch for signals")?;
    }
    let mut terminal = ratatui::init();
    let _ = execute!(stdout(), EnableBracketedPaste);
    // On a panic, ratatui's hook restores the terminal; catching it here also saves what was being typed.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| event_loop(&mut terminal, &mut app, &stop)));
    app.shutdown();
    let result = match result {
        Ok(result) => result,
        Err(panic) => {
            let _ = execute!(stdout(), DisableBracketedPaste);
            std::panic::resume_unwind(panic)
        }
    };
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
    result?;
    if app.status.error {
        eprintln!("soc2-ready: {}", crate::text::one_line(&app.status.text));
        return Ok(ExitCode::from(crate::cli::FAILURE));
    }
    Ok(ExitCode::SUCCESS)
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, stop: &AtomicBool) -> Result<()> {
    while !app.quit {
        terminal.draw(|frame| view::draw(frame, app))?;
        match wait_for_input(TICK) {
            Input::HungUp => break,
            Input::Idle => app.tick(),
            Input::Ready => {}
        }
        // Input, or a resize (crossterm notices those itself): take every event waiting.
        while event::poll(Duration::ZERO)? {
            let event = event::read()?;
            panic_for_tests(&event);
            app.handle_event(event);
        }
        if stop.load(Ordering::Relaxed) {
            break;
        }
    }
    Ok(())
}

/// The end-to-end tests prove the terminal is restored and work saved after a panic; they need a way to
/// cause one in the real binary. Only a key named in `SOC2_READY_TEST_PANIC_KEY` does it.
fn panic_for_tests(event: &event::Event) {
    if let event::Event::Key(key) = event
        && let event::KeyCode::Char(c) = key.code
        && std::env::var("SOC2_READY_TEST_PANIC_KEY").is_ok_and(|k| k.starts_with(c))
    {
        panic!("panic requested by SOC2_READY_TEST_PANIC_KEY");
    }
}

enum Input {
    Ready,
    Idle,
    /// The terminal went away (window closed, ssh dropped).
    HungUp,
}

/// Wait for the terminal to have input. crossterm spins on a terminal that has hung up instead of
/// reporting it, so the hang-up is detected here first, and the assessment saved before exiting.
#[cfg(unix)]
fn wait_for_input(timeout: Duration) -> Input {
    let mut fd = libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 };
    let millis = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
    // SAFETY: one valid pollfd, and its count, for the duration of the call.
    let ready = unsafe { libc::poll(&mut fd, 1, millis) };
    if ready > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        Input::HungUp
    } else if ready > 0 {
        Input::Ready
    } else {
        Input::Idle
    }
}

#[cfg(not(unix))]
fn wait_for_input(timeout: Duration) -> Input {
    match event::poll(timeout) {
        Ok(true) => Input::Ready,
        _ => Input::Idle,
    }
}
