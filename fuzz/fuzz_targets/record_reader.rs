//! The CLI's record reader against a naive splitter: for arbitrary input
//! (built from pieces, some of them long runs, so records reach and pass
//! the 64 KiB limit), either separator, and arbitrary read chunking
//! (including reads interrupted by a signal), the reader must hand out
//! exactly the naive records, and measure each oversized one exactly.

#![no_main]

use std::io::{self, Read};

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use passpolicy_cli::input::{MAX_RECORD_BYTES, Oversized, Record, Records};

/// Most bytes of input one case builds.
const MAX_INPUT: usize = 300_000;

#[derive(Debug)]
struct Case {
    separator: u8,
    input: Vec<u8>,
    /// Bytes per read, cycled; 0 is a read interrupted (EINTR).
    chunks: Vec<usize>,
}

impl<'a> Arbitrary<'a> for Case {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Case> {
        let separator = if u.arbitrary()? { 0 } else { b'\n' };
        let mut input = Vec::new();
        while input.len() < MAX_INPUT && !u.is_empty() {
            match u.int_in_range(0..=3)? {
                // Bytes as they come: CR, LF, NUL, invalid UTF-8 and all.
                0 => {
                    let len = u.int_in_range(0..=16)?;
                    input.extend_from_slice(u.bytes(len).unwrap_or(b""));
                }
                // A short interesting byte.
                1 => input.push(*u.choose(&[
                    b'\n', b'\r', 0, 0xC3, 0xA9, 0xED, 0xF0, 0x9F, b'a',
                ])?),
                // A run of a short unit (ASCII, a multi-byte character,
                // a broken sequence) that makes a record of about the
                // limit, just under it or just over.
                2 => {
                    let near =
                        MAX_RECORD_BYTES - 8 + u.int_in_range(0..=16)?;
                    let len = u.int_in_range(1..=4)?;
                    let unit = u.bytes(len).unwrap_or(b"a").to_vec();
                    let target = (input.len() + near).min(MAX_INPUT);
                    while !unit.is_empty() && input.len() < target {
                        input.extend_from_slice(&unit);
                    }
                }
                // A long run of one byte.
                _ => {
                    let byte = u.arbitrary()?;
                    let n = u.int_in_range(0..=140_000)?;
                    input.resize((input.len() + n).min(MAX_INPUT), byte);
                }
            }
        }
        let n = u.int_in_range(1..=8)?;
        let chunks = (0..n)
            .map(|_| u.int_in_range(0..=70_000))
            .collect::<arbitrary::Result<Vec<_>>>()?;
        Ok(Case { separator, input, chunks })
    }
}

/// Reads `chunks[i % len]` bytes at a time.
struct Chunked<'a> {
    input: &'a [u8],
    total: usize,
    chunks: &'a [usize],
    next: usize,
}

impl Read for Chunked<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let chunk = self.chunks[self.next % self.chunks.len()];
        self.next += 1;
        if chunk == 0 && !self.input.is_empty() && self.next % 2 == 1 {
            return Err(io::Error::from(io::ErrorKind::Interrupted));
        }
        // Tiny reads of a long input make the reader move the record it
        // carries over on every read (64 KiB each time): at most about 512
        // reads per case keep a case fast without losing small chunks on
        // short inputs.
        let floor = (self.total / 512).max(1);
        let n = chunk.max(floor).min(out.len()).min(self.input.len());
        out[..n].copy_from_slice(&self.input[..n]);
        self.input = &self.input[n..];
        Ok(n)
    }
}

/// The records, split the obvious way.
fn naive(input: &[u8], separator: u8) -> Vec<Result<Vec<u8>, Oversized>> {
    let mut out = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        let (record, next) = match rest.iter().position(|&b| b == separator) {
            Some(i) => {
                let record = &rest[..i];
                let record = match separator {
                    b'\n' => record.strip_suffix(b"\r").unwrap_or(record),
                    _ => record,
                };
                (record, &rest[i + 1..])
            }
            None => (rest, &rest[rest.len()..]),
        };
        out.push(if record.len() > MAX_RECORD_BYTES {
            Err(measure(record))
        } else {
            Ok(record.to_vec())
        });
        rest = next;
    }
    out
}

fn measure(record: &[u8]) -> Oversized {
    let chars = record.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64;
    let four = record.iter().filter(|&&b| b >= 0xF0).count() as u64;
    Oversized {
        bytes: record.len() as u64,
        chars,
        utf16: chars + four,
        invalid_at: std::str::from_utf8(record)
            .err()
            .map(|e| e.valid_up_to() as u64),
    }
}

fuzz_target!(|case: Case| {
    let reader = Chunked {
        input: &case.input,
        total: case.input.len(),
        chunks: &case.chunks,
        next: 0,
    };
    let mut records = Records::new(reader, case.separator);
    let mut got = Vec::new();
    while let Some(record) = records.next_record().expect("in memory") {
        got.push(match record {
            Record::Password(p) => Ok(p.to_vec()),
            Record::Oversized(o) => Err(o),
        });
    }
    let expected = naive(&case.input, case.separator);
    assert_eq!(got.len(), expected.len(), "record count");
    for (i, (got, expected)) in got.iter().zip(&expected).enumerate() {
        assert!(got == expected, "record {i} differs");
    }
});
