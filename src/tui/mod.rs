//! The terminal interface: a thin layer of state, actions and views over the core.
//!
//! The terminal is restored on every way out: normal quit, Ctrl-C, SIGINT, SIGQUIT, SIGTERM, SIGHUP (the
//! assessment, and whatever is being typed, is saved first; a signal ends the program with status 128+n)
//! and a panic (ratatui's panic hook restores the terminal before the message is printed). Ctrl-Z and
//! SIGTSTP save, restore the terminal and stop; `fg` (SIGCONT) takes the terminal back and redraws.

pub mod action;
pub mod app;
pub mod editor;
pub mod keymap;
pub mod screens;
pub mod theme;
pub mod view;
pub mod widgets;

use std::io::{IsTerminal, stdout};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::assessment::{Session, Store};
use app::App;

/// How often the loop wakes without input: to save waiting changes and notice signals.
const TICK: Duration = Duration::from_millis(200);

/// The exit status when the program could not do what was asked (as the command line's).
const FAILURE: u8 = 1;

pub fn run_home(store: Store) -> Result<ExitCode> {
    run(App::new(store))
}

pub fn run_session(store: Store, session: Session) -> Result<ExitCode> {
    run(App::with_session(store, session))
}

/// The signals the interface acts on, as flags set by their handlers and read by the event loop.
struct Signals {
    /// The last signal that asks the program to end (INT, QUIT, TERM, HUP), or 0.
    end: Arc<AtomicUsize>,
    /// SIGTSTP arrived: stop, as the shell asked.
    stop: Arc<AtomicBool>,
    /// SIGCONT arrived: the program was stopped and goes on; take the terminal back.
    resumed: Arc<AtomicBool>,
}

impl Signals {
    fn watch() -> Result<Signals> {
        use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
        let signals = Signals {
            end: Arc::new(AtomicUsize::new(0)),
            stop: Arc::new(AtomicBool::new(false)),
            resumed: Arc::new(AtomicBool::new(false)),
        };
        for signal in [SIGINT, SIGQUIT, SIGTERM, SIGHUP] {
            let number = usize::try_from(signal).unwrap_or(0);
            signal_hook::flag::register_usize(signal, Arc::clone(&signals.end), number)
                .context("cannot watch for signals")?;
        }
        signal_hook::flag::register(SIGTSTP, Arc::clone(&signals.stop)).context("cannot watch for signals")?;
        signal_hook::flag::register(SIGCONT, Arc::clone(&signals.resumed)).context("cannot watch for signals")?;
        Ok(signals)
    }
}

/// How the event loop ended.
enum Ending {
    /// The user quit.
    Quit,
    /// A signal (its number) or the terminal hanging up asked the program to end.
    Signal(u8),
}

// The farewell lines go to the restored terminal's standard error, after the interface has let it go.
#[allow(clippy::print_stderr)]
fn run(mut app: App) -> Result<ExitCode> {
    if !std::io::stdin().is_terminal() || !stdout().is_terminal() {
        bail!("the interface needs a terminal; use the commands (`soc2-ready --help`) from scripts");
    }
    // The user's keymap file, if any: what is wrong with it is said at once, and those keys stay as shipped.
    let problems = keymap::install(crate::paths::config_dir().as_deref());
    if !problems.is_empty() {
        app.status = app::Status { text: problems.join(" · "), error: true };
    }
    app.begin_meeting();
    let signals = Signals::watch()?;
    let mut terminal = ratatui::init();
    let _ = execute!(stdout(), EnableBracketedPaste);
    // On a panic, ratatui's hook restores the terminal; catching it here also saves what was being typed.
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| event_loop(&mut terminal, &mut app, &signals)));
    let open = app.editor.as_ref().map(|e| e.session.path.clone());
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
    for message in &app.farewell {
        eprintln!("soc2-ready: {}", crate::text::one_line(message));
    }
    if let Some(path) = open.filter(|_| app.failure.is_none()) {
        let path = crate::text::one_line(&path.display().to_string());
        let shown = if path.contains(' ') { format!("'{path}'") } else { path };
        eprintln!("soc2-ready: every answer is saved in {shown}; carry on with: soc2-ready open {shown}");
    }
    let ending = result?;
    if app.failure.is_some() {
        return Ok(ExitCode::from(FAILURE));
    }
    // The exit status says how the program ended, never what the status line last showed.
    Ok(match ending {
        Ending::Quit => ExitCode::SUCCESS,
        Ending::Signal(n) => ExitCode::from(128u8.saturating_add(n)),
    })
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, signals: &Signals) -> Result<Ending> {
    loop {
        if let Ok(size) = terminal.size() {
            app.size = Some((size.width, size.height));
        }
        terminal.draw(|frame| view::draw(frame, app))?;
        // IMPORT: while a file is read on its own thread, its progress is drawn more often.
        let wait = if app.importing() { TICK / 4 } else { TICK };
        if let Input::HungUp = wait_for_input(wait) {
            return Ok(Ending::Signal(libc::SIGHUP as u8));
        }
        // Input, or a resize (crossterm notices those itself): take every event waiting.
        while event::poll(Duration::ZERO)? {
            let event = event::read()?;
            #[cfg(feature = "test-hooks")]
            panic_for_tests(&event);
            app.handle_event(event);
            if app.quit || app.suspend {
                break;
            }
        }
        // F8: a refused key rings the terminal's bell, through the same output the screen is drawn on.
        if std::mem::take(&mut app.bell) {
            use std::io::Write;
            let _ = terminal.backend_mut().write_all(b"\x07");
            let _ = terminal.backend_mut().flush();
        }
        // On every pass, however fast keys arrive: a note typed without a pause is still saved.
        app.tick();
        if app.quit {
            return Ok(Ending::Quit);
        }
        let ended = signals.end.swap(0, Ordering::SeqCst);
        if ended != 0 {
            return Ok(Ending::Signal(u8::try_from(ended).unwrap_or(0)));
        }
        if signals.stop.swap(false, Ordering::SeqCst) || std::mem::take(&mut app.suspend) {
            app.save_all();
            suspend(terminal, signals)?;
        } else if signals.resumed.swap(false, Ordering::SeqCst) {
            // Stopped by something else (SIGSTOP) and continued: the terminal may have been changed meanwhile.
            take_terminal(terminal)?;
        }
    }
}

/// Give the terminal back to the shell and stop, as Ctrl-Z does in any program; when continued (`fg`),
/// take the terminal back and draw everything again.
fn suspend(terminal: &mut DefaultTerminal, signals: &Signals) -> Result<()> {
    let _ = execute!(stdout(), DisableBracketedPaste, crossterm::cursor::Show);
    ratatui::restore();
    #[cfg(unix)]
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP).context("cannot stop the program")?;
    signals.resumed.store(false, Ordering::SeqCst);
    take_terminal(terminal)
}

/// Raw mode, the alternate screen and pasting, and a full redraw.
fn take_terminal(terminal: &mut DefaultTerminal) -> Result<()> {
    crossterm::terminal::enable_raw_mode().context("cannot set up the terminal")?;
    execute!(
        stdout(),
        crossterm::terminal::EnterAlternateScreen,
        EnableBracketedPaste,
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    )
    .context("cannot set up the terminal")?;
    // The screen is blank now; a blank frame makes ratatui know it, so the next frame is drawn whole.
    // (`Terminal::clear` would ask the terminal where its cursor is, which not every terminal answers.)
    terminal.draw(|frame| frame.render_widget(ratatui::widgets::Clear, frame.area())).context("cannot redraw")?;
    Ok(())
}

/// The end-to-end tests prove the terminal is restored and work saved after a panic; they need a way to
/// cause one in the real binary. Only a key named in `SOC2_READY_TEST_PANIC_KEY` does it, and only in a
/// build with the `test-hooks` feature (the tests' build): the released program reads no such variable.
#[cfg(feature = "test-hooks")]
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
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let timeout = Timespec::try_from(timeout).ok();
    let ready = poll(&mut fds, timeout.as_ref()).unwrap_or(0);
    let revents = fds[0].revents();
    if ready > 0 && revents.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
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
