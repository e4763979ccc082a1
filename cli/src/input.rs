//! Splitting standard input into password records, in bounded memory.
//!
//! Records end at the separator (newline, or NUL with `-z`); with newline a
//! trailing `\r` is removed too, and a last record without a separator
//! still counts.
//!
//! Batch mode reads millions of short records, so this does the least work
//! per record: input is read in large blocks into one buffer, separators
//! are found eight bytes at a time ([`find`]), and each record is handed
//! out as a slice of that buffer, never copied. Memory stays flat: the
//! buffer holds one block plus the unfinished record carried over to the
//! next read, and that record is at most [`MAX_RECORD_BYTES`]. The buffer
//! has that fixed size from the start and is never reallocated, so no
//! block that held a password is freed before it is wiped (on drop).
//!
//! # Edge cases (the documented outcomes)
//!
//! * **Size limit.** A record is kept only up to [`MAX_RECORD_BYTES`]
//!   (64 KiB). No vendor allows a password of more than a few hundred
//!   characters, and a limit keeps the process's memory bounded on a
//!   100 MB line or an endless stream without separators. A longer record
//!   is read to its end without being kept, measured on the way (bytes,
//!   characters, UTF-16 units, UTF-8 validity) and returned as
//!   [`Record::Oversized`]; the caller rejects it (`too_long`, or
//!   `invalid_utf8` when it is not UTF-8) and goes on with the next one.
//! * **CR without LF** is an ordinary character of the record (so a policy
//!   refuses it as a disallowed U+000D); only a `\r` right before the `\n`
//!   is removed.
//! * **A UTF-8 byte-order mark** (EF BB BF) is not special either: at the
//!   start of input it is the first character of the first password, which
//!   every built-in policy refuses as a disallowed U+FEFF. Stripping it
//!   would be friendlier to tools that write one, but it would let
//!   `check` accept a string other than the one that is then sent to the
//!   vendor; a clear rejection naming U+FEFF is the safer outcome.
//! * **NUL** in newline mode is an ordinary character (refused by every
//!   built-in policy); with `-z` it separates records.
//! * **Invalid UTF-8** (including surrogates encoded as WTF-8, `ED A0 80`)
//!   is passed on as bytes; `Checker::check_bytes` reports `invalid_utf8`.

use std::io::{ErrorKind, Read};

use anyhow::{Context, Result};
use zeroize::Zeroize;

/// Bytes asked for per read: large enough that system calls and the
/// carry-over of a record cut by a block edge cost little per record.
const BLOCK: usize = 64 * 1024;

/// Longest record kept and checked, in bytes (64 KiB; see the module
/// docs for why).
pub const MAX_RECORD_BYTES: usize = 64 * 1024;

/// The buffer's fixed size: the longest record that can be carried over
/// to the next read (`MAX_RECORD_BYTES` and a `\r`, since a longer one is
/// drained, not kept) plus a whole block. Fixed, so the buffer is never
/// reallocated: a grown `Vec` would free its old block, passwords and
/// all, unwiped (a core dump after 20,000 piped passwords held 2,976).
const CAPACITY: usize = MAX_RECORD_BYTES + 1 + BLOCK;

/// One record of input.
#[derive(Debug, PartialEq, Eq)]
pub enum Record<'a> {
    /// A record of at most [`MAX_RECORD_BYTES`], without its separator.
    Password(&'a [u8]),
    /// A longer record, consumed without being kept.
    Oversized(Oversized),
}

/// Measurements of a record too long to keep (the library gives the
/// verdict on them).
pub use passpolicy::Oversized;

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
            buf: vec![0; CAPACITY],
            start: 0,
            end: 0,
            eof: false,
        }
    }

    /// The next record, or `None` at the end.
    // Inlined into the caller's loop: per record this is a few
    // instructions, and a call would double them.
    #[inline(always)]
    pub fn next_record(&mut self) -> Result<Option<Record<'_>>> {
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
            if pending.len() > MAX_RECORD_BYTES + 1 {
                // Too long whatever follows (one byte may be a `\r`).
                return self.drain_oversized().map(Some);
            }
            self.fill()?;
        };
        let record = &self.buf[from..to];
        if record.len() > MAX_RECORD_BYTES {
            let mut meter = Meter::default();
            meter.feed(record);
            return Ok(Some(Record::Oversized(meter.finish())));
        }
        Ok(Some(Record::Password(record)))
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
        // `next_record` drains a pending record longer than
        // MAX_RECORD_BYTES + 1 before asking for more, so a whole block
        // always fits after the one carried over: no growth, ever.
        debug_assert!(self.buf.len() - self.end >= BLOCK);
        let n = self.read_into(self.end)?;
        if n == 0 {
            self.eof = true;
        }
        self.end += n;
        Ok(())
    }

    fn read_into(&mut self, at: usize) -> Result<usize> {
        loop {
            match self.reader.read(&mut self.buf[at..]) {
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(e).context("cannot read standard input");
                }
            }
        }
    }

    /// Measures the pending start of an oversized record and the rest of
    /// it, read block by block into the same buffer and dropped.
    #[cold]
    #[inline(never)]
    fn drain_oversized(&mut self) -> Result<Record<'static>> {
        let mut meter = Meter::default();
        meter.feed(&self.buf[self.start..self.end]);
        let mut last = self.buf[..self.end].last().copied();
        // Wiped before it is reused for the rest of the record.
        self.buf[..self.end].zeroize();
        (self.start, self.end) = (0, 0);
        while !self.eof {
            let n = self.read_into(0)?;
            if n == 0 {
                self.eof = true;
                break;
            }
            if let Some(i) = find(self.separator, &self.buf[..n]) {
                meter.feed(&self.buf[..i]);
                if i > 0 {
                    last = Some(self.buf[i - 1]);
                }
                (self.start, self.end) = (i + 1, n);
                if self.separator == b'\n' && last == Some(b'\r') {
                    meter.drop_last_ascii();
                }
                break;
            }
            meter.feed(&self.buf[..n]);
            last = Some(self.buf[n - 1]);
        }
        Ok(Record::Oversized(meter.finish()))
    }
}

impl<R> Drop for Records<R> {
    /// Wipes the records read. (Copies in buffers of the standard library
    /// or the operating system are out of reach.)
    fn drop(&mut self) {
        self.buf.zeroize();
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

/// Streaming measurement of a record: lengths and UTF-8 validity, with
/// sequences allowed to straddle block boundaries.
#[derive(Default)]
struct Meter {
    m: Oversized,
    /// Bytes of an incomplete sequence at the end of the last block.
    pending: [u8; 4],
    pending_len: usize,
}

impl Meter {
    fn feed(&mut self, chunk: &[u8]) {
        let start = self.m.bytes;
        self.m.bytes += chunk.len() as u64;
        for &b in chunk {
            // Every byte that is not a continuation byte starts a
            // character; four-byte sequences need two UTF-16 units.
            let starts = u64::from(b & 0xC0 != 0x80);
            self.m.chars += starts;
            self.m.utf16 += starts + u64::from(b >= 0xF0);
        }
        if self.m.invalid_at.is_some() {
            return;
        }
        let mut rest = chunk;
        // Complete a sequence left over from the previous block first.
        let pending_at = start - self.pending_len as u64;
        while self.pending_len > 0 {
            let Some((&b, tail)) = rest.split_first() else { return };
            rest = tail;
            self.pending[self.pending_len] = b;
            self.pending_len += 1;
            match std::str::from_utf8(&self.pending[..self.pending_len]) {
                Ok(_) => self.pending_len = 0,
                Err(e) if e.error_len().is_none() && self.pending_len < 4 => {}
                Err(_) => {
                    self.invalid(pending_at);
                    return;
                }
            }
        }
        let base = start + (chunk.len() - rest.len()) as u64;
        if let Err(e) = std::str::from_utf8(rest) {
            let at = e.valid_up_to();
            if e.error_len().is_some() {
                self.invalid(base + at as u64);
            } else {
                // An incomplete sequence at the very end: 1 to 3 bytes.
                let tail = &rest[at..];
                self.pending[..tail.len()].copy_from_slice(tail);
                self.pending_len = tail.len();
            }
        }
    }

    fn invalid(&mut self, offset: u64) {
        self.m.invalid_at = Some(offset);
        self.pending_len = 0;
    }

    /// Forgets the last byte fed, an ASCII `\r` before the separator.
    fn drop_last_ascii(&mut self) {
        self.m.bytes -= 1;
        self.m.chars -= 1;
        self.m.utf16 -= 1;
        // An incomplete sequence before the `\r` was already found
        // invalid when the `\r` arrived, so `pending` is empty here.
    }

    fn finish(mut self) -> Oversized {
        if self.pending_len > 0 && self.m.invalid_at.is_none() {
            self.m.invalid_at = Some(self.m.bytes - self.pending_len as u64);
        }
        self.m
    }
}

#[cfg(test)]
mod tests;
