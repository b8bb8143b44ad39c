//! Opening a file that someone else may have put where soc2-ready reads: only a regular file is read, and
//! the check never waits. Opening a FIFO (named pipe) for reading waits for a writer, for ever when there
//! is none, so a `*.json` FIFO in the store hung `list`, `vendors`, `show` and the home screen; the file is
//! opened without waiting (`O_NONBLOCK`, which does nothing to a regular file) and its type checked on the
//! open file before a byte is read.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// How to treat a symbolic link at the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Read the file it leads to.
    Follow,
    /// Refuse it (a file soc2-ready only ever makes itself, such as a journal).
    Refuse,
}

/// Open `path` for reading if it is a regular file. Otherwise an error saying what it is: a FIFO, a
/// device, a folder, or (with [`Links::Refuse`]) a symbolic link.
pub fn open(path: &Path, links: Links) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if links == Links::Refuse { libc::O_NOFOLLOW } else { 0 };
        options.custom_flags(libc::O_NONBLOCK | nofollow);
    }
    #[cfg(not(unix))]
    let _ = links;
    let file = match options.open(path) {
        Ok(file) => file,
        #[cfg(unix)]
        Err(e) if links == Links::Refuse && e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "it is a symbolic link, which soc2-ready never makes",
            ));
        }
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("it is {}, not a regular file", kind(&meta))));
    }
    Ok(file)
}

/// The first `limit` bytes of a regular file (see [`open`]); `limit + 1` are read, so a caller can tell a
/// file over the limit.
pub fn read(path: &Path, links: Links, limit: u64) -> io::Result<Vec<u8>> {
    let file = open(path, links)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What kind of file it is, in words.
pub fn kind(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder";
    }
    if meta.is_file() {
        return "a regular file";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_symlink() {
            return "a symbolic link";
        }
    }
    "a special file"
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_a_folder_and_a_refused_link_are_not_read_and_nothing_waits() {
        let dir = tempfile::TempDir::new().unwrap();
        let fifo = dir.path().join("x.json");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read(&fifo, Links::Follow, 10).unwrap_err();
        assert!(e.to_string().contains("FIFO"), "{e}");
        let e = open(dir.path(), Links::Follow).unwrap_err();
        assert!(e.to_string().contains("a folder"), "{e}");
        let file = dir.path().join("f");
        std::fs::write(&file, "hello").unwrap();
        let link = dir.path().join("l");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert_eq!(read(&link, Links::Follow, 3).unwrap(), b"hell");
        assert!(read(&link, Links::Refuse, 3).unwrap_err().to_string().contains("symbolic link"));
    }
}
