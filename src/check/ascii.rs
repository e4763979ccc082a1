//! The ASCII fast path: the byte scan collects equivalence classes, and
//! lengths, class rules, first/last characters and user names are answered
//! for every target at once by table lookups (see [`super::tables`]).

use crate::verdict::{CODES, CharAt, Code, Verdict};

use super::Checker;
use super::tables::ByteScan;

impl Checker {
    /// The set of byte equivalence classes in `bytes` when the fast path
    /// applies: the checker has its tables and every byte is ASCII.
    #[inline(always)]
    pub(super) fn ascii_scan(&self, bytes: &[u8]) -> Option<u64> {
        let scan = self.scan.as_ref()?;
        let seen = scan.scan(bytes);
        (seen & ByteScan::NON_ASCII == 0).then_some(seen)
    }

    /// The fast path, for ASCII passwords: every field is computed into
    /// locals and the verdict is built once, in place, at the end (a
    /// verdict filled through a reference, or handed to another function,
    /// is built on the stack and copied out: a quarter of the check).
    ///
    /// Passwords with a disallowed character, and checkers with rules the
    /// tables do not answer, take the general path instead.
    #[inline(always)]
    pub(super) fn check_ascii(&self, bytes: &[u8], seen: u64) -> Verdict {
        let (present, refused) = match &self.scan {
            Some(scan) => scan.fold(seen),
            None => (0, 0), // unreachable: `ascii_scan` needs the scan
        };
        if refused | self.ascii_rare_mask != 0 {
            // `bytes` is UTF-8 (ASCII, or a `&str` from `check`), so this
            // cannot fail.
            return self.check_general(
                std::str::from_utf8(bytes).unwrap_or_default(),
            );
        }
        let chars = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
        let lengths = [chars, chars, chars, 0];
        let (fails, user_hits, first, last) =
            self.ascii_fails(bytes, chars, present);
        Verdict {
            checker: self.id,
            fails,
            lengths,
            present,
            counts: None,
            bad: None,
            first,
            last,
            run: CharAt::default(),
            run_len: 0,
            user_hits,
            invalid_at: 0,
        }
    }

    /// The failures of an ASCII password without disallowed characters
    /// (first and last characters, user names, lengths and classes), and
    /// the user-name patterns found, and the first and last characters
    /// (read once here for both uses).
    #[inline(always)]
    pub(super) fn ascii_fails(
        &self,
        bytes: &[u8],
        chars: u32,
        present: u64,
    ) -> ([u16; CODES], u64, CharAt, CharAt) {
        let mut fails = [0u16; CODES];
        let (mut first, mut last) = (CharAt::default(), CharAt::default());
        if let (Some(&b), Some(&e)) = (bytes.first(), bytes.last()) {
            first = CharAt { ch: char::from(b), position: 1 };
            last = CharAt { ch: char::from(e), position: chars };
            fails[Code::ForbiddenPrefix.index()] =
                self.ascii_first_forbidden[usize::from(b & 0x7F)];
            fails[Code::ForbiddenSuffix.index()] =
                self.ascii_last_forbidden[usize::from(e & 0x7F)];
        }
        let mut user_hits = 0;
        if !self.sel.usernames.is_empty() {
            user_hits = self.ascii_usernames(bytes, &mut fails);
        }
        let (short, long) = self.ascii_lengths.fails(chars);
        fails[Code::TooShort.index()] = short;
        fails[Code::TooLong.index()] = long;
        self.class_rules(present, &mut fails);
        (fails, user_hits, first, last)
    }

    /// The user-name patterns found in an ASCII password, recorded in
    /// `fails`. Out of line: its loops would otherwise make the fast path
    /// save and restore more registers on every check.
    #[inline(never)]
    fn ascii_usernames(&self, bytes: &[u8], fails: &mut [u16; CODES]) -> u64 {
        let Some(bitap) = &self.bitap else { return 0 };
        let hits = bitap.find(bytes);
        self.record_usernames(hits, fails);
        hits
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
