//! The ASCII fast path: the byte scan collects equivalence classes, and
//! lengths, class rules, first/last characters and user names are answered
//! for every target at once by table lookups (see [`super::tables`]), each
//! yielding a verdict word (failed codes and refusing targets) that the
//! path ORs together.

use crate::verdict::{CODES, Code, fail_word};

use super::Checker;
use super::tables::{ByteScan, GENERAL};

impl Checker {
    /// The verdict word of `bytes` from the tables, or a word with the
    /// [`GENERAL`] flag when the password needs the general path (a
    /// non-ASCII byte, or rules the tables do not answer).
    #[inline(always)]
    pub(super) fn ascii_word(&self, scan: &ByteScan, bytes: &[u8]) -> u64 {
        let seen = scan.scan(bytes);
        let mut word = scan.fold(seen);
        if word & GENERAL != 0 {
            return word;
        }
        word |= self.ascii_lengths.word(bytes.len());
        if let (Some(&b), Some(&e)) = (bytes.first(), bytes.last()) {
            // ASCII: no flag, so every byte is below 0x80.
            word |= self.ascii_first_word[usize::from(b & 0x7F)]
                | self.ascii_last_word[usize::from(e & 0x7F)];
        }
        if !self.user_needs.is_empty() {
            word |= self.ascii_usernames(bytes, seen);
        }
        word
    }

    /// The verdict word of the user-name patterns found in an ASCII
    /// password. The seen-set tells first whether any pattern can occur
    /// (all its characters seen); the search runs only then. Out of line:
    /// its loops would otherwise make the fast path save and restore more
    /// registers on every check.
    #[inline(never)]
    fn ascii_usernames(&self, bytes: &[u8], seen: u64) -> u64 {
        if !self.user_needs.iter().any(|&need| need & !seen == 0) {
            return 0;
        }
        let Some(bitap) = &self.bitap else { return 0 };
        self.usernames_word(bitap.find(bytes))
    }
}

impl Checker {
    /// The verdict word of the user-name patterns found (bit `i` =
    /// pattern `i`).
    fn usernames_word(&self, hits: u64) -> u64 {
        let mut fails = [0u16; CODES];
        self.record_usernames(hits, &mut fails);
        Code::ALL.iter().fold(0, |w, &c| w | fail_word(c, fails[c.index()]))
    }

    /// Records the user-name patterns found (bit `i` = pattern `i`).
    #[inline(always)]
    pub(super) fn record_usernames(
        &self,
        hits: u64,
        fails: &mut [u16; CODES],
    ) {
        let mut rest = hits;
        while rest != 0 {
            let i = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            let Some(p) = self.sel.usernames.get(i) else { break };
            fails[p.code.index()] |= p.targets;
        }
    }
}
