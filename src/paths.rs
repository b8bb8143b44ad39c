//! Where soc2-ready keeps its files: the store of assessments and the user's own questionnaires.

use std::path::PathBuf;

use directories::ProjectDirs;

/// Replaces the data directory (consultants keep one folder per client; tests use it).
pub const HOME_VAR: &str = "SOC2_READY_HOME";
/// Replaces the configuration directory.
pub const CONFIG_VAR: &str = "SOC2_READY_CONFIG";

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "soc2-ready")
}

fn from_env(var: &str) -> Option<PathBuf> {
    std::env::var_os(var).filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// The data directory: `$SOC2_READY_HOME`, or the platform's local data directory.
pub fn data_dir() -> Option<PathBuf> {
    from_env(HOME_VAR).or_else(|| project().map(|p| p.data_local_dir().to_path_buf()))
}

/// Where assessments are kept unless a path is given.
pub fn store_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("assessments"))
}

/// The configuration directory: `$SOC2_READY_CONFIG`, or the platform's configuration directory.
pub fn config_dir() -> Option<PathBuf> {
    from_env(CONFIG_VAR).or_else(|| project().map(|p| p.config_dir().to_path_buf()))
}

/// Where the user's own questionnaires are found.
pub fn user_questionnaires_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join("questionnaires"))
}
