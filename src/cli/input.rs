//! Splitting standard input into password records.
//!
//! Records end at the separator (newline, or NUL with `-z`); with newline a
//! trailing `\r` is removed too, and a last record without a separator
//! still counts.
//!
//! Batch mode reads millions of short records, so this does the least work
//! per record: input is read in large blocks into one buffer, separators
//! are found eight bytes at a time ([`find`]), and each record is handed
//! out as a slice of that buffer, never copied. Memory stays flat: the buffer holds one block
//! plus the unfinished record carried over to the next read, and grows
//! only for a record longer than a block.

use std::io::{ErrorKind, Read};

use anyhow::{Context, Result};

/// Bytes asked for per read: large enough that system calls and the
/// carry-over of a record cut by a block edge cost little per record.
const BLOCK: usize = 64 * 1024;

pub struct Records<R> {
    reader: R,
    separator: u8,
    buf: Vec<u8>,
    /// `buf[start..end]` is read but not yet handed out.
    start: usize,
    end: usize,
    eof: bool,
}

impl<R: Read> Records<R> {
    pub fn new(reader: R, separator: u8) -> Self {
        Records {
            reader,
            separator,
            buf: vec![0; BLOCK],
            start: 0,
            end: 0,
            eof: false,
        }
    }

    /// The next record, without its separator, or `None` at the end.
    // Inlined into the caller's loop: per record this is a few
    // instructions, and a call would double them.
    #[inline(always)]
    pub fn next_record(&mut self) -> Result<Option<&[u8]>> {
        let (from, to) = loop {
            let pending = &self.buf[self.start..self.end];
            if let Some(i) = find(self.separator, pending) {
                let (from, mut to) = (self.start, self.start + i);
                self.start = to + 1;
                if self.separator == b'\n'
                    && to > from
                    && self.buf[to - 1] == b'\r'
                {
                    to -= 1;
                }
                break (from, to);
            }
            if self.eof {
                if self.start == self.end {
                    return Ok(None);
                }
                // The last record, without a separator: kept as it is.
                let from = self.start;
                self.start = self.end;
                break (from, self.end);
            }
            self.fill()?;
        };
        Ok(Some(&self.buf[from..to]))
    }

    /// Moves the unfinished record to the front and reads another block.
    #[cold]
    #[inline(never)]
    fn fill(&mut self) -> Result<()> {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.buf.len() - self.end < BLOCK {
            // Only a record longer than a block gets here more than once.
            self.buf.resize(self.end + BLOCK, 0);
        }
        let n = loop {
            match self.reader.read(&mut self.buf[self.end..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(e).context("cannot read standard input");
                }
            }
        };
        if n == 0 {
            self.eof = true;
        }
        self.end += n;
        Ok(())
    }
}

/// The index of the first `byte` in `haystack`.
///
/// Passwords are short, so a general `memchr` spends more on setting up
/// its vector search than on searching; this tests eight bytes per step
/// with the classic "has a zero byte" word trick instead (the lowest set
/// flag is exact: borrows only propagate upwards, past the first match).
#[inline]
fn find(byte: u8, haystack: &[u8]) -> Option<usize> {
    const LO: u64 = u64::from_ne_bytes([0x01; 8]);
    const HI: u64 = u64::from_ne_bytes([0x80; 8]);
    let pattern = u64::from_ne_bytes([byte; 8]);
    let mut words = haystack.chunks_exact(8);
    let mut offset = 0;
    for word in &mut words {
        let Ok(word) = <[u8; 8]>::try_from(word) else { break };
        let x = u64::from_le_bytes(word) ^ pattern;
        let zero = x.wrapping_sub(LO) & !x & HI;
        if zero != 0 {
            return Some(offset + zero.trailing_zeros() as usize / 8);
        }
        offset += 8;
    }
    words.remainder().iter().position(|&b| b == byte).map(|i| offset + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record of `input`, split with `separator`, reading through a
    /// reader that returns at most `step` bytes per call (so records are
    /// cut at every possible block edge).
    fn split(input: &[u8], separator: u8, step: usize) -> Vec<Vec<u8>> {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                let n = self.1.min(self.0.len()).min(out.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut records = Records::new(Trickle(input, step), separator);
        let mut out = Vec::new();
        while let Some(r) = records.next_record().expect("in memory") {
            out.push(r.to_vec());
        }
        out
    }

    #[test]
    fn splits_like_the_contract_says() {
        for step in [1, 2, 3, 7, BLOCK] {
            assert_eq!(
                split(b"a\nbb\r\n\nccc", b'\n', step),
                [&b"a"[..], b"bb", b"", b"ccc"],
                "step {step}"
            );
            // A `\r` is removed only before a newline separator.
            assert_eq!(split(b"x\r", b'\n', step), [&b"x\r"[..]]);
            assert_eq!(split(b"a\r\0b\0", 0, step), [&b"a\r"[..], b"b"]);
            assert!(split(b"", b'\n', step).is_empty());
            assert_eq!(split(b"\n", b'\n', step), [&b""[..]]);
        }
    }

    #[test]
    fn find_agrees_with_a_plain_search() {
        let hay: Vec<u8> = (0..300u32).map(|i| (i * 37 % 251) as u8).collect();
        for from in 0..40 {
            for byte in [0u8, b'\n', 0x80, 0xFF, 1, 37] {
                let h = &hay[from..];
                let plain = h.iter().position(|&b| b == byte);
                assert_eq!(find(byte, h), plain, "from {from} byte {byte}");
            }
        }
        assert_eq!(find(b'\n', b"abcdefgh\nabcdefg\n"), Some(8));
        assert_eq!(find(b'\n', b"\x0b\x0a"), Some(1));
        assert_eq!(find(b'\n', b""), None);
    }

    #[test]
    fn a_record_longer_than_a_block_is_whole() {
        let mut input = vec![b'x'; 3 * BLOCK + 5];
        input.push(b'\n');
        input.extend_from_slice(b"yz");
        let records = split(&input, b'\n', BLOCK / 2 + 1);
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].len(), 3 * BLOCK + 5);
        assert_eq!(records[1], b"yz");
    }
}
