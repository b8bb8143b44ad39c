//! Plain mode in the real binary: typed into by a pipe, in a pseudo-terminal with TERM=dumb, and ended by
//! a signal; the output is plain lines (no escape sequences, no box drawing, no carriage returns).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use soc2_ready::assessment::{AnswerValue, Session, store};

use crate::common::{BIN, Env, NOW};
use crate::plain::{SESSION, assessment, fixture};

/// A new demo assessment at `acme.json` in the working folder, made by the binary.
fn demo(env: &Env) -> PathBuf {
    let path = env.work.path().join("acme.json");
    let demo = fixture("demo.json");
    let out =
        env.run(&["new", demo.to_str().unwrap(), "--org", "Acme AI", "--out", path.to_str().unwrap(), "--no-open"]);
    assert!(out.status.success(), "{out:?}");
    path
}

/// What a screen reader, a braille display or a dumb terminal must never be sent.
fn assert_plain(output: &[u8]) {
    let text = String::from_utf8_lossy(output);
    assert!(!output.contains(&0x1b), "an escape byte: {text}");
    assert!(!output.contains(&b'\r'), "a carriage return: {text}");
    let drawing: Vec<char> = text.chars().filter(|c| ('\u{2500}'..='\u{259f}').contains(c)).collect();
    assert!(drawing.is_empty(), "box drawing {drawing:?}: {text}");
}

#[test]
fn piped_input_gives_the_same_transcript_as_in_process_with_nothing_but_plain_lines() {
    let env = Env::new();
    let path = demo(&env);
    let out = env.cmd().args(["open", path.to_str().unwrap()]).write_stdin(SESSION).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_plain(&out.stdout);
    let piped = String::from_utf8(out.stdout).unwrap().replace(&path.display().to_string(), "ACME.json");

    // The same lines typed in process: the same transcript, word for word.
    let dir = tempfile::tempdir().unwrap();
    let other = assessment(dir.path(), "demo.json");
    let options = soc2_ready::plain::Options { now: || NOW.to_string(), config_dir: None, echo: true };
    let mut written = Vec::new();
    let session = Session::open(&other, NOW).unwrap();
    soc2_ready::plain::run(session, &mut SESSION.as_bytes(), &mut written, &options).unwrap();
    let in_process = String::from_utf8(written).unwrap().replace(&other.display().to_string(), "ACME.json");
    assert_eq!(piped, in_process);

    let a = store::read(&path).unwrap();
    assert_eq!(a.value("profile.headcount"), Some(&AnswerValue::Number(50.0)));
    assert_eq!(a.note("access.weights"), "No weights are trained here");
}

#[test]
fn open_plain_new_plain_and_the_bare_command_all_answer_in_lines() {
    let env = Env::new();
    let path = demo(&env);
    let out = env.cmd().args(["open", path.to_str().unwrap(), "--plain"]).write_stdin("n\n").output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_plain(&out.stdout);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Answer: n\nSaved: No.\n"), "{text}");

    // `new` without --no-open: the path, then plain mode on the new file.
    let out = env
        .cmd()
        .args(["new", fixture("demo.json").to_str().unwrap(), "--org", "Beta"])
        .write_stdin("y\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_plain(&out.stdout);
    let text = String::from_utf8(out.stdout).unwrap();
    let created = PathBuf::from(text.lines().next().unwrap());
    assert!(text.contains("Beta: Demo readiness check. 0 of 8 answered."), "{text}");
    assert_eq!(store::read(&created).unwrap().value("profile.uses_models"), Some(&AnswerValue::Text("yes".into())));

    // No command: the plain home lists the store, and the chosen one opens where it was left.
    let out = env.cmd().write_stdin("1\nwhere\n").output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_plain(&out.stdout);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("soc2-ready, plain mode. 1 assessment.\n1 Beta, Demo readiness check, 11% answered."),
        "{text}"
    );
    assert!(
        text.contains("Answer: where\nQuestion 2 of 5, Company profile. 1 of 9 answered. Id profile.headcount."),
        "{text}"
    );
}

#[test]
fn another_soc2_ready_holding_the_file_is_a_clear_message() {
    let env = Env::new();
    let path = demo(&env);
    let held = Session::open(&path, NOW).unwrap();
    let out = env.cmd().args(["open", path.to_str().unwrap(), "--plain"]).write_stdin("y\n").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("is open in another soc2-ready") && err.contains("close it there first"), "{err}");
    drop(held);
    assert_eq!(store::read(&path).unwrap().value("profile.uses_models"), None);
}

/// Read the child's output until `pattern` has appeared `times` times in all of it.
fn read_until(from: &mut impl Read, seen: &mut Vec<u8>, pattern: &str, times: usize) {
    let mut chunk = [0u8; 4096];
    while String::from_utf8_lossy(seen).matches(pattern).count() < times {
        let n = from.read(&mut chunk).unwrap();
        assert!(n > 0, "the output ended before {pattern:?}: {}", String::from_utf8_lossy(seen));
        seen.extend_from_slice(&chunk[..n]);
    }
}

#[cfg(unix)]
#[test]
fn a_signal_while_waiting_for_a_line_saves_and_exits_128_plus_n() {
    for (signal, code) in [(libc::SIGTERM, 143), (libc::SIGINT, 130), (libc::SIGHUP, 129)] {
        let env = Env::new();
        let path = demo(&env);
        let mut child = Command::new(BIN)
            .args(["open", path.to_str().unwrap()])
            .env("SOC2_READY_HOME", env.home.path())
            .env("SOC2_READY_CONFIG", env.config.path())
            .env("SOC2_READY_NOW", NOW)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut seen = Vec::new();
        read_until(&mut stdout, &mut seen, "Answer: ", 1);
        stdin.write_all(b"y\n").unwrap();
        read_until(&mut stdout, &mut seen, "Answer: ", 2);
        // SAFETY: a signal to our own child, whose pid is valid until it is waited for.
        assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, signal) }, 0);
        stdout.read_to_end(&mut seen).unwrap();
        let status = child.wait().unwrap();
        let text = String::from_utf8_lossy(&seen);
        assert_eq!(status.code(), Some(code), "{text}");
        assert!(
            text.ends_with(&format!(
                "Stopped by signal {signal}. Every answer is saved in {}. Carry on with: soc2-ready open {}\n",
                path.display(),
                path.display()
            )),
            "{text}"
        );
        assert_eq!(store::read(&path).unwrap().value("profile.uses_models"), Some(&AnswerValue::Text("yes".into())));
        drop(stdin);
    }
}

#[cfg(unix)]
mod pty {
    use rexpect::process::WaitStatus;
    use rexpect::session::{PtySession, spawn_command};

    use super::*;

    /// The binary in an 80x24 pseudo-terminal with TERM=dumb.
    fn dumb(env: &Env, args: &[&Path]) -> PtySession {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg("stty rows 24 cols 80 && exec \"$0\" \"$@\"")
            .arg(BIN)
            .args(args)
            .env("SOC2_READY_HOME", env.home.path())
            .env("SOC2_READY_CONFIG", env.config.path())
            .env("SOC2_READY_NOW", NOW)
            .env("TERM", "dumb")
            .env_remove("SOC2_READY_PLAIN");
        spawn_command(command, Some(10_000)).unwrap()
    }

    fn finish(mut session: PtySession) -> (String, WaitStatus) {
        let rest = session.exp_eof().unwrap_or_default();
        (rest, session.process().wait().unwrap())
    }

    #[test]
    fn term_dumb_chooses_plain_mode_in_a_terminal() {
        let env = Env::new();
        let path = demo(&env);
        let mut session = dumb(&env, &[Path::new("open"), &path]);
        let mut seen = session.exp_string("Answer: ").unwrap();
        session.send_line("y").unwrap();
        seen += &session.exp_string("Saved: Yes.").unwrap();
        seen += &session.exp_string("Answer: ").unwrap();
        session.send_line("quit").unwrap();
        let (rest, status) = finish(session);
        seen += &rest;
        assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}: {seen}");
        assert!(seen.contains("Question 1 of 5, Company profile. 0 of 8 answered."), "{seen}");
        assert!(!seen.contains('\u{1b}'), "no escape sequence in a dumb terminal: {seen:?}");
        assert!(seen.contains("Every answer is saved in"), "{seen}");
        assert_eq!(store::read(&path).unwrap().value("profile.uses_models"), Some(&AnswerValue::Text("yes".into())));
    }

    #[test]
    fn ctrl_d_quits_saved_and_ctrl_c_exits_130_saved() {
        let env = Env::new();
        let path = demo(&env);
        let mut session = dumb(&env, &[Path::new("open"), &path]);
        session.exp_string("Answer: ").unwrap();
        session.send_line("2").unwrap();
        session.exp_string("Saved: No.").unwrap();
        session.exp_string("Answer: ").unwrap();
        session.send_control('d').unwrap();
        let (rest, status) = finish(session);
        assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}: {rest}");
        assert!(rest.contains("Every answer is saved in"), "{rest}");

        let mut session = dumb(&env, &[Path::new("open"), &path]);
        session.exp_string("Question 2 of 5").unwrap();
        session.exp_string("Answer: ").unwrap();
        session.send_line("40").unwrap();
        session.exp_string("Saved: 40 people.").unwrap();
        session.exp_string("Answer: ").unwrap();
        session.send_control('c').unwrap();
        let (rest, status) = finish(session);
        assert!(matches!(status, WaitStatus::Exited(_, 130)), "{status:?}: {rest}");
        assert!(rest.contains("Stopped by signal 2."), "{rest}");
        let a = store::read(&path).unwrap();
        assert_eq!(a.value("profile.uses_models"), Some(&AnswerValue::Text("no".into())));
        assert_eq!(a.value("profile.headcount"), Some(&AnswerValue::Number(40.0)));
    }

    #[test]
    fn term_dumb_home_and_new_are_plain_too() {
        let env = Env::new();
        let demo = fixture("demo.json");
        let mut session = dumb(&env, &[Path::new("new"), &demo, Path::new("--org"), Path::new("Gamma")]);
        let seen = session.exp_string("Answer: ").unwrap();
        assert!(seen.contains("Gamma: Demo readiness check."), "{seen}");
        session.send_line("quit").unwrap();
        let (_, status) = finish(session);
        assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");

        let mut session = dumb(&env, &[]);
        let seen = session.exp_string("Choose: ").unwrap();
        assert!(seen.contains("1 Gamma, Demo readiness check, 0% answered."), "{seen}");
        assert!(!seen.contains('\u{1b}'), "{seen:?}");
        session.send_line("quit").unwrap();
        let (_, status) = finish(session);
        assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
    }
}
