// The one message said before the commands take over: a frozen clock that is not a time.
#[allow(clippy::print_stderr)]
fn main() -> std::process::ExitCode {
    // A shell asking for completions at Tab (`_SOC2_READY_COMPLETE` set by the script `soc2-ready
    // completions SHELL` printed) is answered and the process ends here, before anything else can print.
    soc2_ready::cli::completions::answer_if_asked();
    // Like other command-line tools, end quietly when the reader of our output goes away
    // (`soc2-ready show X --json | head`) instead of failing to print.
    #[cfg(unix)]
    // SAFETY: restoring the default action of a signal, before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // A frozen clock that is not a time would be written into assessments: refuse it before anything runs.
    if let Err(e) = soc2_ready::clock::check_frozen() {
        eprintln!("soc2-ready: {e}");
        return std::process::ExitCode::from(2);
    }
    soc2_ready::cli::main()
}
