//! Which front end answers an assessment: the full-screen interface, or plain mode (one question at a
//! time as plain lines, for screen readers, braille displays, dumb terminals and pipes). One choice, made
//! here, for `open`, `new`, `import` and the bare command.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::assessment::{Session, Store};
use crate::plain::Ending;

pub use crate::paths::PLAIN_VAR;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontEnd {
    Interface,
    Plain,
}

/// What the terminal around the program can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Surroundings<'a> {
    /// `--plain` was given.
    pub asked: bool,
    /// `SOC2_READY_PLAIN`, if set.
    pub plain_var: Option<&'a str>,
    /// `TERM`, if set.
    pub term: Option<&'a str>,
    pub stdin_is_terminal: bool,
    pub stdout_is_terminal: bool,
}

/// Plain mode when asked for, when the terminal cannot draw (`TERM=dumb`), or when either end is not a
/// terminal (a pipe, a file, a script); the interface otherwise.
pub fn choose(s: Surroundings) -> FrontEnd {
    let var_set = s.plain_var.is_some_and(|v| !v.trim().is_empty() && v.trim() != "0");
    let dumb = s.term.is_some_and(|t| t.trim().eq_ignore_ascii_case("dumb"));
    if s.asked || var_set || dumb || !s.stdin_is_terminal || !s.stdout_is_terminal {
        FrontEnd::Plain
    } else {
        FrontEnd::Interface
    }
}

/// The choice for this program, as it was started.
fn chosen(asked: bool) -> FrontEnd {
    let plain_var = std::env::var(PLAIN_VAR).ok();
    let term = std::env::var("TERM").ok();
    choose(Surroundings {
        asked,
        plain_var: plain_var.as_deref(),
        term: term.as_deref(),
        stdin_is_terminal: std::io::stdin().is_terminal(),
        stdout_is_terminal: std::io::stdout().is_terminal(),
    })
}

/// Answer an assessment in the front end that suits.
pub fn open(store: Store, session: Session, plain: bool) -> Result<ExitCode> {
    match chosen(plain) {
        FrontEnd::Interface => crate::tui::run_session(store, session),
        FrontEnd::Plain => {
            exit(crate::plain::terminal::run_session(session, crate::paths::config_dir()).context("plain mode"))
        }
    }
}

/// The home screen, or the plain home, as suits.
pub fn home(store: Store, plain: bool) -> Result<ExitCode> {
    match chosen(plain) {
        FrontEnd::Interface => crate::tui::run_home(store),
        FrontEnd::Plain => exit(
            crate::plain::terminal::run_home(
                &store,
                crate::paths::user_questionnaires_dir(),
                crate::paths::config_dir(),
            )
            .context("plain mode"),
        ),
    }
}

fn exit(ending: Result<Ending>) -> Result<ExitCode> {
    Ok(match ending? {
        Ending::Quit => ExitCode::SUCCESS,
        Ending::Signal(n) => ExitCode::from(128u8.saturating_add(n)),
        Ending::Unsaved => ExitCode::from(super::FAILURE),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_a_terminal() -> Surroundings<'static> {
        Surroundings {
            asked: false,
            plain_var: None,
            term: Some("xterm-256color"),
            stdin_is_terminal: true,
            stdout_is_terminal: true,
        }
    }

    #[test]
    fn plain_when_asked_or_when_the_terminal_cannot_draw() {
        assert_eq!(choose(at_a_terminal()), FrontEnd::Interface);
        assert_eq!(choose(Surroundings { asked: true, ..at_a_terminal() }), FrontEnd::Plain);
        assert_eq!(choose(Surroundings { term: Some("dumb"), ..at_a_terminal() }), FrontEnd::Plain);
        assert_eq!(choose(Surroundings { stdout_is_terminal: false, ..at_a_terminal() }), FrontEnd::Plain);
        assert_eq!(choose(Surroundings { stdin_is_terminal: false, ..at_a_terminal() }), FrontEnd::Plain);
        assert_eq!(choose(Surroundings { plain_var: Some("1"), ..at_a_terminal() }), FrontEnd::Plain);
        assert_eq!(choose(Surroundings { plain_var: Some("0"), ..at_a_terminal() }), FrontEnd::Interface);
        assert_eq!(choose(Surroundings { plain_var: Some(""), ..at_a_terminal() }), FrontEnd::Interface);
        assert_eq!(choose(Surroundings { term: None, ..at_a_terminal() }), FrontEnd::Interface);
    }
}
