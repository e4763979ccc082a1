//! Writing secret lines (generated passwords) in large blocks through a
//! buffer this program owns and wipes.
//!
//! Writing each password to `stdout()` costs one `write(2)` per password
//! (standard output is line-buffered: 1,000,000 passwords made 1,000,000
//! system calls), and leaves the tail of the last one in the standard
//! library's `LineWriter` buffer, freed unwiped at exit. Here whole lines
//! are gathered into a fixed block; a full block is written at once and
//! wiped. Every write ends with a newline, so a `LineWriter` underneath
//! passes it straight through and keeps nothing. The block never grows in
//! place (a reallocation would free the old block unwiped): a line that
//! cannot fit gets a new, larger block, and the old one is wiped as it is
//! dropped.

use std::io::{self, Write};

use zeroize::{Zeroize, Zeroizing};

/// Bytes gathered before a write: large enough that a system call per
/// block costs nothing per password.
pub const BLOCK: usize = 64 * 1024;

/// Whole lines waiting to be written, in a wiped fixed-size block.
pub struct SecretLines<W: Write> {
    out: W,
    /// Fixed length; `block[..len]` is filled, the rest is zero.
    block: Zeroizing<Vec<u8>>,
    len: usize,
}

impl<W: Write> SecretLines<W> {
    /// Lines for `out`, gathered in blocks of `capacity` bytes.
    pub fn new(out: W, capacity: usize) -> Self {
        SecretLines { out, block: Zeroizing::new(vec![0; capacity]), len: 0 }
    }

    /// Appends one line, which `fill` writes into the room it is given
    /// (at most `bound` bytes, the newline included; writing more is an
    /// error, never a reallocation). The line must end with `\n`.
    pub fn line(
        &mut self,
        bound: usize,
        fill: impl FnOnce(&mut &mut [u8]) -> io::Result<()>,
    ) -> io::Result<()> {
        if self.len + bound > self.block.len() {
            self.flush()?;
        }
        if bound > self.block.len() {
            // The old block is empty and zero; a new one that fits.
            self.block = Zeroizing::new(vec![0; bound]);
        }
        let mut room = &mut self.block[self.len..self.len + bound];
        let result = fill(&mut room);
        let written = bound - room.len();
        self.len += written;
        if result.is_err() || self.block[..self.len].last() != Some(&b'\n') {
            self.wipe();
            return Err(result.err().unwrap_or_else(|| {
                io::Error::other("a secret line must end with a newline")
            }));
        }
        Ok(())
    }

    /// Writes what is gathered and wipes it (also when the write fails).
    pub fn flush(&mut self) -> io::Result<()> {
        let result = self.out.write_all(&self.block[..self.len]);
        self.wipe();
        result?;
        self.out.flush()
    }

    fn wipe(&mut self) {
        self.block[..self.len].zeroize();
        self.len = 0;
    }
}

impl<W: Write> Drop for SecretLines<W> {
    /// What was not flushed is wiped (`Zeroizing`), not written.
    fn drop(&mut self) {
        self.wipe();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records every write call's bytes.
    #[derive(Default)]
    struct Calls(Vec<Vec<u8>>);

    impl Write for &mut Calls {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.push(buf.to_vec());
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn text(line: &[u8]) -> impl FnOnce(&mut &mut [u8]) -> io::Result<()> {
        move |room| {
            room.write_all(line)?;
            room.write_all(b"\n")
        }
    }

    #[test]
    fn whole_lines_in_few_large_writes() {
        let mut calls = Calls::default();
        let mut lines = SecretLines::new(&mut calls, 100);
        for i in 0..1000u32 {
            let password = format!("pw{i:08}");
            lines.line(password.len() + 1, text(password.as_bytes())).unwrap();
        }
        lines.flush().unwrap();
        drop(lines);
        let all: Vec<u8> = calls.0.concat();
        let expected: String =
            (0..1000u32).map(|i| format!("pw{i:08}\n")).collect();
        assert_eq!(all, expected.as_bytes());
        // 11 bytes a line, 9 lines a 100-byte block.
        assert_eq!(calls.0.len(), 1000usize.div_ceil(9));
        for call in &calls.0 {
            assert!(call.len() <= 100);
            assert_eq!(call.last(), Some(&b'\n'), "only whole lines");
        }
    }

    /// After each write the block holds zeros only; a line larger than the
    /// block gets a block of its own, also wiped.
    #[test]
    fn the_block_is_wiped_after_every_write() {
        let mut calls = Calls::default();
        let mut lines = SecretLines::new(&mut calls, 16);
        lines.line(9, text(b"Secret-1")).unwrap();
        assert!(lines.block[..9].iter().any(|&b| b != 0));
        // No room for a second: the first is written and wiped.
        lines.line(9, text(b"Secret-2")).unwrap();
        assert_eq!(&lines.block[..9], b"Secret-2\n");
        assert!(lines.block[9..].iter().all(|&b| b == 0), "first wiped");
        assert_eq!(lines.block.len(), 16);
        lines.line(41, text(&[b'x'; 40])).unwrap();
        assert_eq!(lines.block.len(), 41);
        lines.flush().unwrap();
        assert!(lines.block.iter().all(|&b| b == 0));
        drop(lines);
        assert_eq!(calls.0.concat().len(), 9 + 9 + 41);
    }

    /// A line that does not fit its bound, or lacks its newline, is an
    /// error, and what was gathered is wiped rather than written.
    #[test]
    fn a_bad_line_is_an_error_and_wiped() {
        let mut calls = Calls::default();
        let mut lines = SecretLines::new(&mut calls, 64);
        lines.line(9, text(b"Secret-1")).unwrap();
        assert!(lines.line(4, text(b"Secret-2")).is_err());
        assert!(lines.line(8, |room| room.write_all(b"Secret-3")).is_err());
        assert!(lines.block.iter().all(|&b| b == 0));
        lines.flush().unwrap();
        drop(lines);
        assert_eq!(calls.0.concat(), b"");
    }
}
