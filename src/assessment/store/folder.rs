//! The folders assessments live in: the store is private to its owner; any other folder is checked for
//! others who could replace or plant files beside an assessment.
//!
//! The store is refused when another user owns it or (through a symbolic link) others can write it:
//! soc2-ready creates it mode 0700 and nobody else has a reason to own it. A folder named with `--out`
//! or a path only draws a warning: refusing there would lock out legitimate set-ups (a team folder), and
//! the lock and save code already resist files planted beside the assessment.

use std::fs;
use std::path::{Path, PathBuf};

/// Why the store cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("{dir}: cannot create the folder: {source}")]
    Create {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{dir}: {problem}; the store holds your assessments and must be yours alone. {fix}, or set \
         SOC2_READY_HOME to a folder of your own"
    )]
    Unsafe { dir: PathBuf, problem: String, fix: String },
}

/// Create a directory readable by its owner alone (its missing parents too), or check the one that is
/// there. A real folder of ours that others can read is tightened to 0700; a symbolic link is never
/// followed to change permissions, only checked.
pub fn ensure_private_dir(dir: &Path) -> Result<(), FolderError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|source| FolderError::Create { dir: dir.to_path_buf(), source })?;
    #[cfg(unix)]
    check_private(dir)?;
    Ok(())
}

#[cfg(unix)]
fn check_private(dir: &Path) -> Result<(), FolderError> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
    let unsafe_dir = |problem: String, fix: String| FolderError::Unsafe { dir: dir.to_path_buf(), problem, fix };
    let io = |source: std::io::Error| FolderError::Create { dir: dir.to_path_buf(), source };
    let me = euid();
    let link = fs::symlink_metadata(dir).map_err(io)?;
    let meta = fs::metadata(dir).map_err(io)?;
    if meta.uid() != me {
        return Err(unsafe_dir(
            format!("the folder belongs to another user (uid {}, you are {me})", meta.uid()),
            "Move your assessments to a folder you own".into(),
        ));
    }
    if link.file_type().is_symlink() {
        if meta.mode() & 0o022 != 0 {
            return Err(unsafe_dir(
                format!("the folder the link leads to can be written by others (mode {:o})", meta.mode() & 0o777),
                format!("Run `chmod 700` on the folder {} leads to", dir.display()),
            ));
        }
        return Ok(());
    }
    if meta.mode() & 0o077 != 0 {
        // Change the folder through a handle that cannot be a link, so a link swapped in meanwhile is
        // not followed.
        let handle = fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW)
            .open(dir)
            .map_err(io)?;
        handle.set_permissions(fs::Permissions::from_mode(0o700)).map_err(io)?;
    }
    Ok(())
}

/// A warning when others could replace files in the folder of `file` (writable by other users without
/// the sticky bit, or owned by another user who is not the administrator); `None` when it is safe.
pub fn shared_folder_warning(file: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let dir = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let meta = fs::metadata(dir).ok()?;
        let me = euid();
        let problem = if meta.uid() != me && meta.uid() != 0 {
            format!("belongs to another user (uid {})", meta.uid())
        } else if meta.mode() & 0o022 != 0 && meta.mode() & 0o1000 == 0 {
            format!("can be written by other users (mode {:o})", meta.mode() & 0o777)
        } else {
            return None;
        };
        Some(format!(
            "warning: the folder {} {problem}: they could replace or remove the assessment there. Keep \
             assessments in a folder only you can write",
            dir.display()
        ))
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        None
    }
}

#[cfg(unix)]
fn euid() -> u32 {
    rustix::process::geteuid().as_raw()
}
