//! The pseudo-terminal tests' one set-up: a folder holding the store (`home`) and the configuration
//! (`config`), the demo questionnaire's assessment made there by the real binary, and the binary opening it
//! in an 80x24 pseudo-terminal.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rexpect::session::{PtySession, spawn_command};

use super::BIN;

/// The binary in `dir` with the store and configuration inside it, and `env` on top.
fn command(program: &str, dir: &Path, env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(program);
    command
        .current_dir(dir)
        .env("SOC2_READY_HOME", dir.join("home"))
        .env("SOC2_READY_CONFIG", dir.join("config"))
        .env_remove("SOC2_READY_NOW")
        .env_remove("NO_COLOR");
    for (k, v) in env {
        command.env(k, v);
    }
    command
}

/// Run a command of the binary in `dir`; it must succeed. What it printed.
pub fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let out = command(BIN, dir, env).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// A new assessment of the demo questionnaire for Acme AI, written to `dir/name`.
pub fn new_demo(dir: &Path, name: &str, env: &[(&str, &str)]) -> PathBuf {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo.json");
    run(dir, &["new", demo.to_str().unwrap(), "--org", "Acme AI", "--no-open", "--out", name], env);
    dir.join(name)
}

/// The binary opening `dir/name` in the interface on an 80x24 pseudo-terminal, once it shows its sections.
pub fn open_80x24(dir: &Path, name: &str, env: &[(&str, &str)]) -> PtySession {
    let mut command = command("sh", dir, env);
    command
        .arg("-c")
        .arg("stty rows 24 cols 80 && exec \"$0\" open \"$1\"")
        .arg(BIN)
        // The whole path: a test finds the program's process by it.
        .arg(dir.join(name))
        .env("TERM", "xterm-256color");
    let mut session = spawn_command(command, Some(10_000)).unwrap();
    session.exp_string("Sections").unwrap();
    session
}
