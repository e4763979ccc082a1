//! Splitting standard input into password records, in bounded memory.
//!
//! Records end at the separator (newline, or NUL with `-z`); with newline a
//! trailing `\r` is removed too, and a last record without a separator
//! still counts. The buffer is reused, so memory stays flat however many
//! records arrive.
//!
//! # Edge cases (the documented outcomes)
//!
//! * **Size limit.** A record is stored only up to [`MAX_RECORD_BYTES`]
//!   (64 KiB). No vendor allows a password of more than a few hundred
//!   characters, and a limit keeps the process's memory bounded on a
//!   100 MB line or an endless stream without separators. A longer record
//!   is read to its end without being stored, measured on the way (bytes,
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

use std::io::{BufRead, Read};

use anyhow::{Context, Result};
use zeroize::Zeroize;

/// Longest record stored and checked, in bytes (64 KiB; see the module
/// docs for why).
pub const MAX_RECORD_BYTES: usize = 64 * 1024;

/// One record of input.
#[derive(Debug, PartialEq, Eq)]
pub enum Record<'a> {
    /// A record of at most [`MAX_RECORD_BYTES`], without its separator.
    Password(&'a [u8]),
    /// A longer record, consumed without being stored.
    Oversized(Oversized),
}

/// Measurements of a record too long to store. Lengths are exact when the
/// record is valid UTF-8 and saturate at `u64::MAX` (they never get there).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Oversized {
    /// Length in bytes.
    pub bytes: u64,
    /// Length in Unicode scalar values (bytes that start a sequence).
    pub chars: u64,
    /// Length in UTF-16 code units (four-byte sequences count two).
    pub utf16: u64,
    /// Byte offset of the first invalid UTF-8 sequence, if any.
    pub invalid_at: Option<u64>,
}

pub struct Records<R> {
    reader: R,
    separator: u8,
    buf: Vec<u8>,
}

impl<R: BufRead> Records<R> {
    pub fn new(reader: R, separator: u8) -> Self {
        Records { reader, separator, buf: Vec::with_capacity(256) }
    }

    /// The next record, or `None` at the end.
    pub fn next_record(&mut self) -> Result<Option<Record<'_>>> {
        self.buf.clear();
        // Room for the longest record, a `\r` and the separator: anything
        // that fills it is too long whatever follows.
        let room = MAX_RECORD_BYTES as u64 + 2;
        let n = (&mut self.reader)
            .take(room)
            .read_until(self.separator, &mut self.buf)
            .context("cannot read standard input")?;
        if n == 0 {
            return Ok(None);
        }
        let ended = self.buf.last() == Some(&self.separator);
        if ended {
            self.buf.pop();
        }
        if !ended && n as u64 == room {
            return self.rest_of_oversized().map(Some);
        }
        if ended && self.separator == b'\n' && self.buf.last() == Some(&b'\r')
        {
            self.buf.pop();
        }
        if self.buf.len() > MAX_RECORD_BYTES {
            // Exactly at the edge: measured from the buffer alone.
            let mut m = Meter::default();
            m.feed(&self.buf);
            return Ok(Some(Record::Oversized(m.finish())));
        }
        Ok(Some(Record::Password(&self.buf)))
    }

    /// Measures the buffered start of an oversized record and the rest of
    /// it, read chunk by chunk and dropped.
    fn rest_of_oversized(&mut self) -> Result<Record<'static>> {
        let mut meter = Meter::default();
        meter.feed(&self.buf);
        let mut last = self.buf.last().copied();
        // Wiped (the whole capacity) before the allocation is released.
        self.buf.zeroize();
        self.buf.shrink_to(MAX_RECORD_BYTES + 2);
        loop {
            let chunk = self
                .reader
                .fill_buf()
                .context("cannot read standard input")?;
            if chunk.is_empty() {
                break;
            }
            match chunk.iter().position(|&b| b == self.separator) {
                Some(i) => {
                    meter.feed(&chunk[..i]);
                    if i > 0 {
                        last = Some(chunk[i - 1]);
                    }
                    self.reader.consume(i + 1);
                    if self.separator == b'\n' && last == Some(b'\r') {
                        meter.drop_last_ascii();
                    }
                    break;
                }
                None => {
                    let n = chunk.len();
                    last = chunk.last().copied();
                    meter.feed(chunk);
                    self.reader.consume(n);
                }
            }
        }
        Ok(Record::Oversized(meter.finish()))
    }
}

impl<R> Drop for Records<R> {
    /// Wipes the last records read. (Copies in the reader's own buffer,
    /// e.g. stdin's, are out of reach.)
    fn drop(&mut self) {
        self.buf.zeroize();
    }
}

/// Streaming measurement of a record: lengths and UTF-8 validity, with
/// sequences allowed to straddle chunk boundaries.
#[derive(Default)]
struct Meter {
    m: Oversized,
    /// Bytes of an incomplete sequence at the end of the last chunk.
    pending: [u8; 4],
    pending_len: usize,
}

impl Meter {
    fn feed(&mut self, chunk: &[u8]) {
        let start = self.m.bytes;
        self.m.bytes = self.m.bytes.saturating_add(chunk.len() as u64);
        for &b in chunk {
            // Every byte that is not a continuation byte starts a
            // character; four-byte sequences need two UTF-16 units.
            let starts = u64::from(b & 0xC0 != 0x80);
            self.m.chars = self.m.chars.saturating_add(starts);
            self.m.utf16 =
                self.m.utf16.saturating_add(starts + u64::from(b >= 0xF0));
        }
        if self.m.invalid_at.is_some() {
            return;
        }
        let mut rest = chunk;
        // Complete a sequence left over from the previous chunk first.
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
mod tests {
    use super::*;

    fn records(input: &[u8], sep: u8) -> Vec<Result<Vec<u8>, Oversized>> {
        // A tiny buffer makes every sequence straddle chunk boundaries.
        let reader = std::io::BufReader::with_capacity(3, input);
        let mut r = Records::new(reader, sep);
        let mut out = Vec::new();
        while let Some(rec) = r.next_record().unwrap() {
            out.push(match rec {
                Record::Password(p) => Ok(p.to_vec()),
                Record::Oversized(o) => Err(o),
            });
        }
        out
    }

    #[test]
    fn splits_lines_and_strips_only_crlf() {
        let got = records(b"a\r\nb\rc\n\nlast\r", b'\n');
        let want: Vec<Result<Vec<u8>, Oversized>> = vec![
            Ok(b"a".to_vec()),
            Ok(b"b\rc".to_vec()),
            Ok(b"".to_vec()),
            Ok(b"last\r".to_vec()),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn nul_separated_records_keep_newlines() {
        let got = records(b"a\r\n\0b\0", 0);
        assert_eq!(got, vec![Ok(b"a\r\n".to_vec()), Ok(b"b".to_vec())]);
    }

    #[test]
    fn the_limit_is_inclusive() {
        let mut input = vec![b'x'; MAX_RECORD_BYTES];
        input.extend_from_slice(b"\r\n");
        input.extend(vec![b'y'; MAX_RECORD_BYTES + 1]);
        input.extend_from_slice(b"\r\nok");
        let got = records(&input, b'\n');
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].as_ref().map(Vec::len), Ok(MAX_RECORD_BYTES));
        let n = MAX_RECORD_BYTES as u64 + 1;
        assert_eq!(
            got[1],
            Err(Oversized { bytes: n, chars: n, utf16: n, invalid_at: None })
        );
        assert_eq!(got[2], Ok(b"ok".to_vec()));
    }

    #[test]
    fn oversized_records_are_measured_exactly() {
        // 'é' (2 bytes), '€' (3), '😀' (4 bytes, 2 UTF-16 units).
        let unit = "aé€😀";
        let reps = MAX_RECORD_BYTES / unit.len() + 100;
        let mut input = unit.repeat(reps).into_bytes();
        input.extend_from_slice(b"\r\nnext\n");
        let got = records(&input, b'\n');
        let r = reps as u64;
        assert_eq!(
            got[0],
            Err(Oversized {
                bytes: 10 * r,
                chars: 4 * r,
                utf16: 5 * r,
                invalid_at: None
            })
        );
        assert_eq!(got[1], Ok(b"next".to_vec()));
    }

    #[test]
    fn invalid_utf8_in_an_oversized_record_is_found() {
        for (bad, at) in [
            (&b"\xff"[..], 0),
            (b"\xed\xa0\x80", 0),  // a surrogate, as WTF-8
            (b"a\xe2\x82", 1),     // truncated by the end of the record
            (b"\xf0\x9f\x98x", 0), // truncated by an ASCII byte
        ] {
            let mut input = vec![b'x'; MAX_RECORD_BYTES + 7];
            let offset = input.len() as u64 + at;
            input.extend_from_slice(bad);
            input.extend_from_slice(b"\nnext");
            let got = records(&input, b'\n');
            let Err(o) = got[0] else { panic!("{bad:?} not oversized") };
            assert_eq!(o.invalid_at, Some(offset), "{bad:?}");
            assert_eq!(got[1], Ok(b"next".to_vec()));
        }
    }

    #[test]
    fn a_truncated_sequence_before_crlf_is_invalid() {
        let mut input = vec![b'x'; MAX_RECORD_BYTES + 7];
        let offset = input.len() as u64;
        input.extend_from_slice(b"\xe2\x82\r\n");
        let got = records(&input, b'\n');
        let Err(o) = got[0] else { panic!("not oversized") };
        assert_eq!(o.invalid_at, Some(offset));
        assert_eq!(o.bytes, offset + 2);
    }
}
