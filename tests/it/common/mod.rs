//! What the integration tests share: a sandbox of fresh folders for running the real binary, and small
//! checks on files.

#![allow(dead_code)] // each test file uses its own part of this

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;
use tempfile::TempDir;

mod answering;
#[cfg(unix)]
pub mod pty;

pub use answering::Answering;

pub const BIN: &str = env!("CARGO_BIN_EXE_soc2-ready");
/// The clock every command runs with.
pub const NOW: &str = "2026-01-15T09:00:00Z";

/// Fresh home, configuration and working folders for one test.
pub struct Env {
    pub home: TempDir,
    pub config: TempDir,
    pub work: TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env { home: TempDir::new().unwrap(), config: TempDir::new().unwrap(), work: TempDir::new().unwrap() }
    }

    /// The binary, with the store, the configuration and the clock inside the sandbox.
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(BIN);
        c.env("SOC2_READY_HOME", self.home.path())
            .env("SOC2_READY_CONFIG", self.config.path())
            .env("SOC2_READY_NOW", NOW)
            // Belt and braces: even a fallback to the platform directories stays inside the test's folders.
            .env("HOME", self.work.path())
            .env("XDG_DATA_HOME", self.work.path().join("xdg-data"))
            .env("XDG_CONFIG_HOME", self.work.path().join("xdg-config"))
            .env_remove("RUST_BACKTRACE")
            .current_dir(self.work.path())
            .timeout(Duration::from_secs(60));
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    /// The store of assessments.
    pub fn store(&self) -> PathBuf {
        self.home.path().join("assessments")
    }

    /// The configuration directory's `questionnaires/` folder, created.
    pub fn user_dir(&self) -> PathBuf {
        let dir = self.config.path().join("questionnaires");
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// A file in the working directory (not in the config folder).
    pub fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.work.path().join(name);
        fs::write(&path, bytes).unwrap();
        path
    }
}

/// A file's permission bits.
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}
