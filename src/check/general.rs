//! The general path: any password (non-ASCII characters, a length in
//! graphemes, rules the tables do not answer), one rule at a time where
//! the tables do not cover it.

use unicode_segmentation::UnicodeSegmentation;

use crate::verdict::{CODES, CharAt, Code, Report};

use super::Checker;
use super::input::{Ascii, Input};

/// A length as the verdict holds it: saturated at `u32::MAX`, never
/// truncated (a password of 2^32 + 12 bytes is not 12 long).
pub(super) fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Checker {
    /// [`Checker::general_into`] returned by value, for the tests.
    #[cfg(test)]
    pub(super) fn check_general(&self, password: &str) -> Report {
        let mut v = Report::EMPTY;
        self.general_into(password, &mut v);
        v
    }

    /// Any password: non-ASCII characters, a length in graphemes, or a
    /// checker without the fast path's tables. Into `v`, which must be
    /// [`Report::EMPTY`]: a caller's report, filled in place rather than
    /// returned by value (a copy of a few hundred bytes per refused line
    /// the CLI writes) and cleared once, by the caller.
    pub(super) fn general_into(&self, password: &str, v: &mut Report) {
        self.general(password, v);
    }

    /// [`Checker::general_into`] of bytes that are all ASCII, read without
    /// validating them as UTF-8.
    pub(super) fn ascii_into(&self, password: Ascii<'_>, v: &mut Report) {
        self.general(password, v);
    }

    fn general<'a>(&self, password: impl Input<'a>, v: &mut Report) {
        debug_assert!(*v == Report::EMPTY, "a report filled twice");
        let bytes = password.bytes();

        // One pass over the bytes. Non-ASCII bytes look up entry 0 here and
        // are redone below; or-ing them into `high` keeps the loop free of
        // branches.
        let mut present = 0u64;
        let mut refused = 0u16;
        let mut high = 0u8;
        for &b in bytes {
            let i = usize::from(b & 0x7F);
            present |= self.ascii_classes[i];
            refused |= self.ascii_refused[i];
            high |= b;
        }
        let chars;
        if high < 0x80 {
            chars = saturate(bytes.len());
            v.lengths[1] = chars;
            v.lengths[2] = chars;
        } else if let Some(text) = password.text() {
            (present, refused, chars) = self.scan_wide(text, v);
        } else {
            // Never (ASCII bytes have no high bit): refused by all.
            (refused, chars) = (self.sel.all, saturate(bytes.len()));
        }
        v.lengths[0] = chars;
        if self.sel.units & 1 << 3 != 0 {
            // Never `None`, as above; then longer than any maximum.
            v.lengths[3] = password
                .text()
                .map_or(u32::MAX, |t| saturate(t.graphemes(true).count()));
        }
        v.present = present;

        if refused != 0 {
            self.locate_refused(password, refused, v);
        }
        v.fails[Code::DisallowedCharacter.index()] = refused;

        if let Some(first) = password.chars().next() {
            v.first = CharAt { ch: first, position: 1 };
            v.fails[Code::ForbiddenPrefix.index()] =
                self.first_forbidden(first);
            let last = password.chars().next_back().unwrap_or(first);
            v.last = CharAt { ch: last, position: chars };
            v.fails[Code::ForbiddenSuffix.index()] = self.last_forbidden(last);
        }
        if !self.sel.usernames.is_empty() {
            self.find_usernames(password, v);
        }
        let (lengths, present) = (v.lengths, v.present);
        self.table_rules(&lengths, present, &mut v.fails);
        self.per_target_rules(password, v);
    }

    /// Length and class rules for every target at once, from the tables.
    #[inline(always)]
    fn table_rules(
        &self,
        lengths: &[u32; 4],
        present: u64,
        fails: &mut [u16; CODES],
    ) {
        // Usually one table (every target counts characters), so it is
        // looked up outside the loop.
        if let Some((table, more)) = self.length_tables.split_first() {
            let (mut short, mut long) = table.fails(lengths[table.unit & 3]);
            for table in more {
                let (s, l) = table.fails(lengths[table.unit & 3]);
                (short, long) = (short | s, long | l);
            }
            fails[Code::TooShort.index()] = short;
            fails[Code::TooLong.index()] = long;
        }
        self.class_rules(present, fails);
    }

    /// The "K of N" and "at least one of" rules, from the class table.
    #[inline(always)]
    pub(super) fn class_rules(&self, present: u64, fails: &mut [u16; CODES]) {
        if let Some(table) = &self.class_table {
            let (classes, missing) = table.fails(present);
            fails[Code::NotEnoughClasses.index()] |= classes;
            fails[Code::TooFewOfClass.index()] |= missing;
        }
    }

    /// The rules the tables do not answer: minimum counts above one, runs
    /// and the deny-list (one pass each, only when some target has them),
    /// and the class rules when there are too many classes for a table.
    fn per_target_rules<'a>(&self, password: impl Input<'a>, v: &mut Report) {
        if !self.counted.is_empty() {
            self.count_classes(password, v);
        }
        if self.needs_run {
            longest_run(password, v);
        }
        if !self.sel.deny.is_empty()
            && let Ok(i) = self
                .sel
                .deny
                .binary_search_by(|(d, _)| d.as_bytes().cmp(password.bytes()))
        {
            v.fails[Code::DeniedValue.index()] = self.sel.deny[i].1;
        }
        for e in &self.sel.equals {
            if e.bytes == password.bytes() {
                v.fails[e.code.index()] |= e.targets;
            }
        }
        if let Some(d) = &self.sel.matcher {
            // Never `None` (see `Input::text`): then refused.
            v.fails[Code::DictionaryWord.index()] =
                password.text().map_or(self.sel.all, |t| d.find(t));
        }
        if !self.needs_target_loop {
            return;
        }
        for (i, t) in self.tables.iter().enumerate() {
            let bit = 1u16 << i;
            if self.class_table.is_none() {
                if (v.present & t.of_mask).count_ones() < t.at_least {
                    v.fails[Code::NotEnoughClasses.index()] |= bit;
                }
                if v.present & t.required_mask != t.required_mask {
                    v.fails[Code::TooFewOfClass.index()] |= bit;
                }
            }
            if t.counts.iter().any(|&(slot, _, m)| v.count(slot) < m) {
                v.fails[Code::TooFewOfClass.index()] |= bit;
            }
            if v.run_len > t.max_run {
                v.fails[Code::RepeatedCharacter.index()] |= bit;
            }
        }
    }

    /// The slow path for passwords with non-ASCII characters.
    fn scan_wide(&self, password: &str, v: &mut Report) -> (u64, u16, u32) {
        // Counted in `usize`, saturated once: a `u32` count would wrap.
        let (mut present, mut refused, mut chars, mut utf16) =
            (0, 0, 0usize, 0usize);
        for c in password.chars() {
            let (classes, r) = self.lookup(c);
            present |= classes;
            refused |= r;
            chars += 1;
            utf16 += c.len_utf16();
        }
        v.lengths[1] = saturate(password.len());
        v.lengths[2] = saturate(utf16);
        (present, refused, saturate(chars))
    }

    pub(super) fn lookup(&self, c: char) -> (u64, u16) {
        if c.is_ascii() {
            let i = c as usize;
            return (self.ascii_classes[i], self.ascii_refused[i]);
        }
        match self.wide.binary_search_by(|r| {
            if r.hi < c {
                std::cmp::Ordering::Less
            } else if r.lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            Ok(i) => (self.wide[i].classes, self.wide[i].refused),
            Err(_) => (0, self.sel.all),
        }
    }

    /// Records, for every refusing target, its first refused character.
    fn locate_refused<'a>(
        &self,
        password: impl Input<'a>,
        refused: u16,
        v: &mut Report,
    ) {
        let mut pending = refused;
        let bad = &mut v.bad;
        for (pos, c) in password.chars().enumerate() {
            let (_, r) = self.lookup(c);
            let mut new = r & pending;
            pending &= !r;
            while new != 0 {
                let t = new.trailing_zeros() as usize;
                new &= new - 1;
                bad[t] = CharAt {
                    ch: c,
                    position: saturate(pos).saturating_add(1),
                };
            }
            if pending == 0 {
                break;
            }
        }
    }

    fn first_forbidden(&self, c: char) -> u16 {
        if c.is_ascii() {
            self.ascii_first_forbidden[c as usize]
        } else {
            self.sel.targets_where(|t| t.rules().forbidden_first.contains(c))
        }
    }

    fn last_forbidden(&self, c: char) -> u16 {
        if c.is_ascii() {
            self.ascii_last_forbidden[c as usize]
        } else {
            self.sel.targets_where(|t| t.rules().forbidden_last.contains(c))
        }
    }

    fn count_classes<'a>(&self, password: impl Input<'a>, v: &mut Report) {
        let counts = &mut v.counts;
        for c in password.chars() {
            let (classes, _) = self.lookup(c);
            for (slot, &bit) in self.counted.iter().enumerate() {
                counts[slot] += (classes >> bit) as u32 & 1;
            }
        }
    }

    fn find_usernames<'a>(&self, password: impl Input<'a>, v: &mut Report) {
        let hits = self
            .sel
            .usernames
            .iter()
            .enumerate()
            .filter(|(_, p)| password.contains(&p.pattern, p.case_sensitive))
            .fold(0u64, |hits, (i, _)| hits | 1 << i);
        v.user_hits = hits;
        self.record_usernames(hits, &mut v.fails);
    }
}

fn longest_run<'a>(password: impl Input<'a>, v: &mut Report) {
    let mut prev = None;
    let mut len = 0u32;
    let mut start = 0u32;
    for (pos, c) in password.chars().enumerate() {
        if Some(c) == prev {
            len = len.saturating_add(1);
        } else {
            prev = Some(c);
            len = 1;
            start = saturate(pos).saturating_add(1);
        }
        if len > v.run_len {
            v.run_len = len;
            v.run = CharAt { ch: c, position: start };
        }
    }
}
