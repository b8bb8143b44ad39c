//! Reading what the user types, one line at a time: any bytes (invalid UTF-8 is read with replacement
//! characters), lines of any length (a line too long to be an answer is read to its end and refused, not
//! kept in memory), the end of input, and the signals that end the program.

use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::time::Duration;

use crate::assessment::model::answer::MAX_ANSWER_CHARS;

/// The longest line taken: a text answer or a note at its length limit, in the widest UTF-8.
pub const MAX_LINE_BYTES: usize = 4 * MAX_ANSWER_CHARS + 64;

/// What reading a line found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A line, without its line ending.
    Text(String),
    /// A line longer than [`MAX_LINE_BYTES`]; it was read and dropped. How many bytes it had.
    TooLong(usize),
    /// The end of the input (Ctrl-D, or the end of a pipe), or input that can no longer be read.
    End,
    /// A signal (its number) asked the program to end.
    Signal(u8),
}

/// The error a reader returns when a signal asks the program to end while it waits for input.
#[derive(Debug)]
pub struct Signalled(pub u8);

impl std::fmt::Display for Signalled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "signal {}", self.0)
    }
}

impl std::error::Error for Signalled {}

/// Read one line. Invalid UTF-8 becomes U+FFFD; a trailing `\r` (a line typed on Windows) is dropped.
pub fn read_line(input: &mut impl BufRead) -> Line {
    let mut bytes = Vec::new();
    let mut total = 0usize;
    loop {
        let chunk = match input.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                if let Some(Signalled(n)) = e.get_ref().and_then(|inner| inner.downcast_ref::<Signalled>()) {
                    return Line::Signal(*n);
                }
                return Line::End;
            }
        };
        if chunk.is_empty() {
            // The end of input: a last line without a newline still counts.
            return if total == 0 { Line::End } else { finish(bytes, total) };
        }
        let (used, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let take = if done { used - 1 } else { used };
        if total + take <= MAX_LINE_BYTES {
            bytes.extend_from_slice(&chunk[..take]);
        }
        total += take;
        input.consume(used);
        if done {
            return finish(bytes, total);
        }
    }
}

fn finish(mut bytes: Vec<u8>, total: usize) -> Line {
    if total > MAX_LINE_BYTES {
        return Line::TooLong(total);
    }
    if bytes.last() == Some(&b'\r') {
        bytes.pop();
    }
    Line::Text(String::from_utf8_lossy(&bytes).into_owned())
}

/// How often waiting for input looks at the signals.
const TICK: Duration = Duration::from_millis(100);

/// Standard input read on a thread of its own, so that a signal is noticed while the program waits for a
/// line: reading then fails with [`Signalled`], and the program saves and ends.
pub struct Stdin {
    chunks: Receiver<io::Result<Vec<u8>>>,
    buffer: Vec<u8>,
    at: usize,
    ended: bool,
    signal: Arc<AtomicUsize>,
}

impl Stdin {
    /// Start reading standard input; `signal` holds the number of a signal that arrived, or 0.
    pub fn start(signal: Arc<AtomicUsize>) -> Stdin {
        let (sender, chunks) = sync_channel(4);
        std::thread::spawn(move || read_stdin(&sender));
        Stdin { chunks, buffer: Vec::new(), at: 0, ended: false, signal }
    }
}

fn read_stdin(sender: &SyncSender<io::Result<Vec<u8>>>) {
    let mut stdin = io::stdin().lock();
    loop {
        let mut chunk = vec![0; 64 * 1024];
        match stdin.read(&mut chunk) {
            Ok(0) => return,
            Ok(n) => {
                chunk.truncate(n);
                if sender.send(Ok(chunk)).is_err() {
                    return;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                let _ = sender.send(Err(e));
                return;
            }
        }
    }
}

impl Read for Stdin {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Stdin {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        loop {
            let signal = self.signal.load(Ordering::SeqCst);
            if signal != 0 {
                return Err(io::Error::other(Signalled(u8::try_from(signal).unwrap_or(0))));
            }
            if self.at < self.buffer.len() || self.ended {
                return Ok(&self.buffer[self.at..]);
            }
            match self.chunks.recv_timeout(TICK) {
                Ok(Ok(chunk)) => (self.buffer, self.at) = (chunk, 0),
                Ok(Err(e)) => return Err(e),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    (self.buffer, self.at, self.ended) = (Vec::new(), 0, true);
                }
            }
        }
    }

    fn consume(&mut self, n: usize) {
        self.at = (self.at + n).min(self.buffer.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(bytes: &[u8]) -> Vec<Line> {
        let mut input = io::BufReader::with_capacity(7, bytes);
        let mut out = Vec::new();
        loop {
            match read_line(&mut input) {
                Line::End => return out,
                line => out.push(line),
            }
        }
    }

    #[test]
    fn lines_of_any_bytes_and_endings() {
        assert_eq!(
            lines(b"one\r\ntwo\n\nbad \xff\xfe end\nlast"),
            vec![
                Line::Text("one".into()),
                Line::Text("two".into()),
                Line::Text(String::new()),
                Line::Text("bad \u{fffd}\u{fffd} end".into()),
                Line::Text("last".into()),
            ]
        );
        assert_eq!(lines(b""), vec![]);
    }

    #[test]
    fn a_line_too_long_is_dropped_whole_and_the_next_is_read() {
        let mut bytes = vec![b'x'; MAX_LINE_BYTES + 10];
        bytes.extend_from_slice(b"\nnext\n");
        assert_eq!(lines(&bytes), vec![Line::TooLong(MAX_LINE_BYTES + 10), Line::Text("next".into())]);
        let exactly = vec![b'y'; MAX_LINE_BYTES];
        assert_eq!(lines(&exactly), vec![Line::Text("y".repeat(MAX_LINE_BYTES))]);
    }

    #[test]
    fn a_signal_while_waiting_ends_the_reading() {
        struct Interrupted;
        impl Read for Interrupted {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other(Signalled(15)))
            }
        }
        assert_eq!(read_line(&mut io::BufReader::new(Interrupted)), Line::Signal(15));
    }

    proptest::proptest! {
        /// Any bytes, read through any buffer size, come out as the lines a split at `\n` gives.
        #[test]
        fn lines_are_the_bytes_split_at_newlines(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300), capacity in 1usize..16) {
            let mut input = io::BufReader::with_capacity(capacity, bytes.as_slice());
            let mut got = Vec::new();
            loop {
                match read_line(&mut input) {
                    Line::End => break,
                    Line::Text(t) => got.push(t),
                    other => proptest::prop_assert!(false, "{other:?}"),
                }
            }
            let mut expected: Vec<String> = bytes
                .split(|&b| b == b'\n')
                .map(|l| String::from_utf8_lossy(l.strip_suffix(b"\r").unwrap_or(l)).into_owned())
                .collect();
            if bytes.last().is_none_or(|&b| b == b'\n') {
                expected.pop();
            }
            proptest::prop_assert_eq!(got, expected);
        }
    }
}
