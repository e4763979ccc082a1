//! The ASCII fast path: the byte scan collects equivalence classes, and
//! lengths, class rules, first/last characters and user names are answered
//! for every target at once by table lookups (see [`super::tables`]), each
//! yielding a verdict word (failed codes and refusing targets) that the
//! path ORs together.

use crate::verdict::{CODES, Code, Verdict, fail_word};

use super::Checker;
use super::tables::{GENERAL, LengthTable, RARE, SLOW};

impl Checker {
    /// The verdict of a password from its seen-set: the tables' when it is
    /// ASCII and they answer every rule, else the general path's.
    #[inline(always)]
    pub(super) fn check_seen(&self, bytes: &[u8], seen: u64) -> Verdict {
        self.check_seen_with(bytes, seen, &self.ascii_lengths, false, true, 0)
    }

    /// [`Checker::check_seen`] with the length words of `lengths`, and,
    /// when `counted`, the minimum counts' verdict word `counts` already
    /// worked out (see `Checker::check_counted`); `users`: the checker may
    /// have user-name patterns (else their gate, all zeros, is not read).
    #[inline(always)]
    pub(super) fn check_seen_with(
        &self,
        bytes: &[u8],
        seen: u64,
        lengths: &LengthTable,
        counted: bool,
        users: bool,
        counts: u64,
    ) -> Verdict {
        let mut word =
            self.scan.fold_first(seen) | lengths.word(bytes.len()) | counts;
        if word & SLOW != 0 {
            // More chunks to fold (then the tables still answer), or the
            // general path.
            if word & GENERAL == 0 {
                word = self.scan.fold_rest(seen, word);
            }
            if word & GENERAL != 0 {
                return self.general_verdict(bytes);
            }
        }
        self.ascii_finish(bytes, seen, word, counted, users)
    }

    /// The seen-set bits of every byte, when the fast path answers every
    /// rule for ASCII passwords: a caller that writes the bytes (the
    /// generator) ORs them up as it goes and asks [`Checker::accepts_seen`].
    pub(crate) fn ascii_seen_bits(&self) -> Option<&[u64; 256]> {
        (!self.ascii_needs_rare && self.scan.answers_ascii())
            .then(|| self.scan.bits())
    }

    /// Whether every target accepts `bytes`, given the OR of
    /// [`Checker::ascii_seen_bits`] over them (the same answer as
    /// [`Checker::accepts_bytes`]).
    #[inline]
    pub(crate) fn accepts_seen(&self, bytes: &[u8], seen: u64) -> bool {
        self.check_seen(bytes, seen).is_ok()
    }

    /// [`Checker::check_seen`] of a password longer than
    /// `Checker::short_max` bytes: longer than 16, or any password of a
    /// checker that counts classes in its scan.
    #[inline(never)]
    pub(super) fn check_long(&self, bytes: &[u8]) -> Verdict {
        if let Some(verdict) = self.check_counted(bytes) {
            return verdict;
        }
        self.check_seen(bytes, self.scan.scan(bytes))
    }

    /// The verdict of an ASCII password from the tables, given its
    /// seen-set and the word of its fold and length (its only flag
    /// [`RARE`]): the first and last characters and the user names are
    /// ORed in. `counted`: the minimum counts are in `word` already;
    /// `users`: as for [`Checker::check_seen_with`].
    #[inline(always)]
    pub(super) fn ascii_finish(
        &self,
        bytes: &[u8],
        seen: u64,
        word: u64,
        counted: bool,
        users: bool,
    ) -> Verdict {
        let mut word = word;
        if let (Some(&b), Some(&e)) = (bytes.first(), bytes.last()) {
            word |= self.ascii_first_word[usize::from(b)]
                | self.ascii_last_word[usize::from(e)];
        }
        // A pattern can only occur when all its characters were seen: the
        // gate's word has the RARE flag then, the length word has it for
        // the lengths the rare rules read (a tail call: nothing is kept
        // across it).
        if users {
            word |= self.user_gate(seen);
        }
        if word & RARE != 0 {
            return self.ascii_rare(bytes, seen, word & !RARE, counted);
        }
        Verdict::from_word(word)
    }

    /// The general path's verdict. Apart, so that the report it builds on
    /// the stack is no part of the frames above.
    #[cold]
    #[inline(never)]
    pub(super) fn general_verdict(&self, bytes: &[u8]) -> Verdict {
        self.report_bytes(bytes).verdict()
    }
}

impl Checker {
    /// The verdict word of the user-name patterns found (bit `i` =
    /// pattern `i`).
    pub(super) fn usernames_word(&self, hits: u64) -> u64 {
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
