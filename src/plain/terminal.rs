//! Plain mode on the program's own standard input and output: the signals that end it (INT, QUIT, TERM,
//! HUP: everything is saved, and the program ends with status 128+n, as the interface does), and what was
//! typed written back when the input is a pipe, so the output reads as a transcript.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use super::input::Stdin;
use super::{Ending, Options};
use crate::assessment::{Session, Store};

/// The options for the real program, and standard input watched for signals.
fn setup(config_dir: Option<PathBuf>) -> io::Result<(Options, Stdin)> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let signal = Arc::new(AtomicUsize::new(0));
    for number in [SIGINT, SIGQUIT, SIGTERM, SIGHUP] {
        signal_hook::flag::register_usize(number, Arc::clone(&signal), usize::try_from(number).unwrap_or(0))?;
    }
    let options = Options { now: crate::clock::now, config_dir, echo: !io::stdin().is_terminal() };
    Ok((options, Stdin::start(signal)))
}

/// Answer one assessment in plain mode.
pub fn run_session(session: Session, config_dir: Option<PathBuf>) -> io::Result<Ending> {
    let (options, mut input) = setup(config_dir)?;
    super::run(session, &mut input, &mut io::stdout().lock(), &options)
}

/// The plain home, then the assessment chosen.
pub fn run_home(
    store: &Store,
    user_questionnaires: Option<PathBuf>,
    config_dir: Option<PathBuf>,
) -> io::Result<Ending> {
    let (options, mut input) = setup(config_dir)?;
    super::home::run(store, user_questionnaires.as_deref(), &mut input, &mut io::stdout().lock(), &options)
}
