//! Splitting standard input into password records.
//!
//! Records end at the separator (newline, or NUL with `-z`); with newline a
//! trailing `\r` is removed too, and a last record without a separator
//! still counts. The buffer is reused, so memory stays flat however many
//! records arrive.

use std::io::BufRead;

use anyhow::{Context, Result};

pub struct Records<R> {
    reader: R,
    separator: u8,
    buf: Vec<u8>,
}

impl<R: BufRead> Records<R> {
    pub fn new(reader: R, separator: u8) -> Self {
        Records { reader, separator, buf: Vec::with_capacity(256) }
    }

    /// The next record, without its separator, or `None` at the end.
    pub fn next_record(&mut self) -> Result<Option<&[u8]>> {
        self.buf.clear();
        let n = self
            .reader
            .read_until(self.separator, &mut self.buf)
            .context("cannot read standard input")?;
        if n == 0 {
            return Ok(None);
        }
        if self.buf.last() == Some(&self.separator) {
            self.buf.pop();
            if self.separator == b'\n' && self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
        }
        Ok(Some(&self.buf))
    }
}
