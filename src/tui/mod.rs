//! The terminal interface.
use std::process::ExitCode;

use crate::assessment::{Session, Store};

pub fn run_home(_store: Store) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not yet")
}

pub fn run_session(_store: Store, _session: Session) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not yet")
}
