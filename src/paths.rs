//! Where soc2-ready keeps its files (the store of assessments, its trash and answer library, the configuration
//! folder and what is in it) and the environment variables that move them, as `soc2-ready config` and the
//! manual page show them.

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

/// The folder inside the store where deleted assessments wait until they are purged.
pub const TRASH_DIR: &str = ".trash";

/// The keymap file's name in the configuration directory (the interface reads it; a test checks the two
/// names agree, so this floor need not know the interface).
pub const KEYMAP_FILE: &str = "keymap.json";
/// The answer library's file, in the store.
pub const LIBRARY_FILE: &str = "library.json";
/// Your own estimate parameters, in the configuration folder.
pub const ESTIMATES_FILE: &str = "estimates.json";

/// A place soc2-ready reads or writes, as `soc2-ready config` and the manual page describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Store,
    Trash,
    Library,
    Config,
    UserQuestionnaires,
    Estimates,
    Keymap,
}

/// Whether a place is a folder or a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Folder,
    File,
}

impl Place {
    pub const ALL: [Place; 7] = [
        Place::Store,
        Place::Trash,
        Place::Library,
        Place::Config,
        Place::UserQuestionnaires,
        Place::Estimates,
        Place::Keymap,
    ];

    /// A short name for scripts (`config --json`).
    pub fn id(self) -> &'static str {
        match self {
            Place::Store => "store",
            Place::Trash => "trash",
            Place::Library => "library",
            Place::Config => "config",
            Place::UserQuestionnaires => "questionnaires",
            Place::Estimates => "estimates",
            Place::Keymap => "keymap",
        }
    }

    /// What the place holds, in the user's words.
    pub fn what(self) -> &'static str {
        match self {
            Place::Store => "assessments (the store)",
            Place::Trash => "deleted assessments",
            Place::Library => "the answer library",
            Place::Config => "configuration folder",
            Place::UserQuestionnaires => "your questionnaires",
            Place::Estimates => "estimate parameters",
            Place::Keymap => "your keys",
        }
    }

    /// What happens while the place does not exist.
    pub fn when_absent(self) -> &'static str {
        match self {
            Place::Store => "made when the first assessment is saved",
            Place::Trash => "made when an assessment is first deleted",
            Place::Library => "made by `soc2-ready library add`; the store's answers are used without it",
            Place::Config => "optional: everything below works without it",
            Place::UserQuestionnaires => "optional: the built-in questionnaires are on offer without it",
            Place::Estimates => "optional: the built-in parameters, each with its source, are used",
            Place::Keymap => "optional: the shipped keys are used",
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Place::Store | Place::Trash | Place::Config | Place::UserQuestionnaires => Kind::Folder,
            Place::Library | Place::Estimates | Place::Keymap => Kind::File,
        }
    }

    /// Where it is on this machine now, or `None` when there is no home directory to put it in.
    pub fn path(self) -> Option<PathBuf> {
        match self {
            Place::Store => store_dir(),
            Place::Trash => store_dir().map(|d| d.join(TRASH_DIR)),
            Place::Library => store_dir().map(|d| d.join(LIBRARY_FILE)),
            Place::Config => config_dir(),
            Place::UserQuestionnaires => user_questionnaires_dir(),
            Place::Estimates => config_dir().map(|d| d.join(ESTIMATES_FILE)),
            Place::Keymap => config_dir().map(|d| d.join(KEYMAP_FILE)),
        }
    }

    /// Where it is by default on Linux (for the manual page, which must not depend on the machine it was
    /// printed on).
    pub fn on_linux(self) -> &'static str {
        match self {
            Place::Store => "~/.local/share/soc2-ready/assessments/",
            Place::Trash => "~/.local/share/soc2-ready/assessments/.trash/",
            Place::Library => "~/.local/share/soc2-ready/assessments/library.json",
            Place::Config => "~/.config/soc2-ready/",
            Place::UserQuestionnaires => "~/.config/soc2-ready/questionnaires/*.json",
            Place::Estimates => "~/.config/soc2-ready/estimates.json",
            Place::Keymap => "~/.config/soc2-ready/keymap.json",
        }
    }
}

/// An environment variable soc2-ready reads, and what it changes.
#[derive(Debug, Clone, Copy)]
pub struct Variable {
    pub name: &'static str,
    pub changes: &'static str,
}

/// Set (to anything but empty or `0`) to always answer in plain mode, as `--plain` does.
pub const PLAIN_VAR: &str = "SOC2_READY_PLAIN";

/// Every environment variable the program reads (the completion scripts' own variable aside).
pub const ENVIRONMENT: [Variable; 9] = [
    Variable {
        name: HOME_VAR,
        changes: "the data folder: assessments are kept in its assessments/ folder (the store), with the trash \
                  and the answer library; one folder per client keeps clients apart",
    },
    Variable {
        name: CONFIG_VAR,
        changes: "the configuration folder: your questionnaires (questionnaires/), estimates.json, keymap.json",
    },
    Variable {
        name: "XDG_DATA_HOME",
        changes: "on Linux, where the data folder is when SOC2_READY_HOME is not set \
                  (XDG_DATA_HOME/soc2-ready; by default ~/.local/share/soc2-ready)",
    },
    Variable {
        name: "XDG_CONFIG_HOME",
        changes: "on Linux, where the configuration folder is when SOC2_READY_CONFIG is not set \
                  (XDG_CONFIG_HOME/soc2-ready; by default ~/.config/soc2-ready)",
    },
    Variable {
        name: "HOME",
        changes: "your home folder: the default folders above, and ~ in a path typed in the interface",
    },
    Variable {
        name: "NO_COLOR",
        changes: "set and not empty: the interface uses no colour (markers still say everything)",
    },
    Variable {
        name: "TERM",
        changes: "TERM=dumb: plain mode (as when input or output is not a terminal), one question at a time \
                  as plain lines (no cursor movement, colour or box drawing)",
    },
    Variable { name: PLAIN_VAR, changes: "set (not empty or 0): always plain mode, whatever the terminal" },
    Variable {
        name: crate::clock::FROZEN,
        changes: "freezes the clock at an RFC 3339 time such as 2026-01-15T09:00:00Z (for tests and \
                  reproducible reports); anything else is refused at start",
    },
];
