//! Compiling a [`Selection`] into the checker's tables. Every rule is read
//! from the selection; nothing here re-derives a combined rule.

use crate::charset::CharSet;
use crate::error::{Error, Limit, LimitKind};
use crate::policy::{Rules, Variant};
use crate::selection::{Selection, Target};
use crate::verdict::{Code, MAX_COUNTED, fail_word, unit_index};

use super::rare::{LANE_MAX, Rare, USER_GATE};
use super::tables::{
    Bitap, ByteScan, ClassTable, LengthTable, RARE, USER_SHIFT,
};
use super::{Checker, TargetTable};

impl Checker {
    pub(super) fn compile(
        variants: &[&Variant],
        user: Option<&str>,
        display_name: Option<&str>,
    ) -> Result<Checker, Error> {
        let sel = Selection::new(variants, user, display_name)?;
        crate::feasible::check(&sel)?;
        let mut counted: Vec<u8> = Vec::new();
        let tables = sel
            .targets
            .iter()
            .map(|t| target_table(t, &mut counted))
            .collect::<Result<Vec<_>, Error>>()?;
        let mut checker = Checker {
            ascii_classes: [0; 128],
            ascii_refused: [0; 128],
            wide: Vec::new(),
            ascii_first_forbidden: [0; 128],
            ascii_last_forbidden: [0; 128],
            ascii_first_word: [0; 256],
            ascii_last_word: [0; 256],
            counted,
            needs_run: sel.max_run.is_some(),
            scan: ByteScan::general(),
            length_tables: Vec::new(),
            ascii_lengths: LengthTable::new(0, Vec::new()),
            short_max: 16,
            counted_lengths: LengthTable::new(0, Vec::new()),
            class_table: None,
            bitap: None,
            user_words: [0; USER_GATE],
            rare: Default::default(),
            needs_target_loop: false,
            ascii_needs_rare: false,
            tables,
            sel,
        };
        checker.build_tables();
        checker.build_fast_path();
        // A candidate the checker accepts proves some password complies;
        // only without one is the exact answer sought.
        let candidates = crate::feasible::candidates(&checker.sel);
        if !candidates.iter().any(|c| checker.accepts(c)) {
            crate::feasible::check_exact(&checker.sel)?;
        }
        Ok(checker)
    }

    /// The tables of the ASCII fast path and of the rule evaluation (see
    /// the [`tables`](super::tables) module).
    fn build_fast_path(&mut self) {
        let bounds = |t: &Target| (t.rules().length.min, t.rules().length.max);
        for unit in 0..4 {
            let of_unit: Vec<(u16, u32, u32)> = self
                .sel
                .targets
                .iter()
                .enumerate()
                .filter(|(_, t)| unit_index(t.rules().length.unit) == unit)
                .map(|(i, t)| (1 << i, bounds(t).0, bounds(t).1))
                .collect();
            if !of_unit.is_empty() {
                self.length_tables.push(LengthTable::new(unit, of_unit));
            }
        }
        let all: Vec<(u16, u32, u32)> = self
            .sel
            .targets
            .iter()
            .enumerate()
            .map(|(i, t)| (1 << i, bounds(t).0, bounds(t).1))
            .collect();
        self.ascii_lengths = LengthTable::new(0, all);
        let rules: Vec<(u64, u32, u64)> = self
            .tables
            .iter()
            .map(|t| (t.of_mask, t.at_least, t.required_mask))
            .collect();
        self.class_table = ClassTable::new(self.sel.classes.len(), &rules);
        self.bitap = Bitap::new(
            self.sel
                .usernames
                .iter()
                .map(|p| (p.pattern.as_str(), p.case_sensitive)),
        );
        self.needs_target_loop = self.class_table.is_none()
            || self.tables.iter().any(|t| !t.counts.is_empty())
            || self.needs_run;
        let rare = Rare::new(
            &self.ascii_classes,
            &self.counted,
            &self.tables,
            &self.sel.deny,
            &self.sel.equals,
            &self.sel.dictionary,
        );
        let tables_answer_all = rare.is_some()
            && self.sel.targets.iter().all(|t| tables_cover(t.rules()));
        self.rare = rare.unwrap_or_default();
        self.rare.more |= !self.sel.usernames.is_empty();
        self.ascii_needs_rare = !tables_answer_all
            || self.class_table.is_none()
            || (!self.sel.usernames.is_empty() && self.bitap.is_none());
        // The lower-cased characters of the user-name patterns (ASCII when
        // there is an automaton), each one seen-set bit.
        let mut user_chars: Vec<u8> = Vec::new();
        if self.bitap.is_some() {
            for p in &self.sel.usernames {
                for b in p.pattern.bytes().map(|b| b.to_ascii_lowercase()) {
                    if !user_chars.contains(&b) {
                        user_chars.push(b);
                    }
                }
            }
        }
        // Grapheme clusters are counted by the general path only.
        let scan = ByteScan::new(
            &self.ascii_classes,
            &self.ascii_refused,
            self.class_table.as_ref(),
            &user_chars,
            self.ascii_needs_rare,
        )
        .filter(|_| self.sel.units & 1 << 3 == 0);
        let Some(scan) = scan else { return };
        self.build_user_gate(&scan);
        if self.rare.counts() {
            if self.sel.usernames.is_empty() {
                self.rare.count_by_class(
                    scan.bits(),
                    &self.ascii_classes,
                    &self.counted,
                );
            }
            self.counted_lengths = self.ascii_lengths.clone();
            self.counted_lengths.mark_rare(self.rare.lengths_past_counts());
            self.short_max = 0;
        }
        self.ascii_lengths.mark_rare(self.rare.lengths());
        self.scan = scan;
    }

    /// The user-name gate's table: a set of user-name characters seen
    /// gets the [`RARE`] flag when it holds every one of some pattern's.
    fn build_user_gate(&mut self, scan: &ByteScan) {
        let mut needs: Vec<u64> = Vec::new();
        for p in &self.sel.usernames {
            let lower = p.pattern.to_ascii_lowercase();
            let need = scan.user_bits(lower.as_bytes()) >> USER_SHIFT;
            if !needs.contains(&need) {
                needs.push(need);
            }
        }
        for (set, word) in self.user_words.iter_mut().enumerate() {
            if needs.iter().any(|&need| need & !(set as u64) == 0) {
                *word = RARE;
            }
        }
    }

    fn build_tables(&mut self) {
        // Each set's ranges below 128 are read once (a binary search per
        // character and set was most of compiling a checker).
        let targets = |f: fn(&Rules) -> &CharSet| {
            ascii_masks(self.sel.targets.iter().map(|t| f(t.rules())))
        };
        let all = (1u64 << self.sel.targets.len()) - 1;
        let held = targets(|r| &r.alphabet);
        let first_forbidden =
            targets(|r| &r.forbidden_first).map(|m| m as u16);
        let last_forbidden = targets(|r| &r.forbidden_last).map(|m| m as u16);
        self.ascii_classes = ascii_masks(self.sel.classes.iter());
        self.ascii_refused = held.map(|m| (all & !m) as u16);
        self.ascii_first_forbidden = first_forbidden;
        self.ascii_last_forbidden = last_forbidden;
        for i in 0..128 {
            self.ascii_first_word[i] =
                fail_word(Code::ForbiddenPrefix, first_forbidden[i]);
            self.ascii_last_word[i] =
                fail_word(Code::ForbiddenSuffix, last_forbidden[i]);
        }
        let alphabets = self.sel.targets.iter().map(|t| &t.rules().alphabet);
        self.wide =
            super::wide::pieces(&self.sel.classes, alphabets, self.sel.all);
    }
}

/// Whether the fast path's tables answer every rule of `rules` (else the
/// fast path hands every password to the general path). Every field is
/// named, so a new rule does not compile until it is routed here.
pub(super) fn tables_cover(rules: &Rules) -> bool {
    let Rules {
        length: _,               // LengthTable
        alphabet: _,             // ByteScan: refused bytes
        classes: _,              // ByteScan: class bits
        classes_required: _,     // ClassTable
        min_counts, // ClassTable for 1; rare::Counting up to LANE_MAX
        forbidden_first: _, // ascii_first_forbidden
        forbidden_last: _, // ascii_last_forbidden
        username: _, // Bitap; equality: rare::Rare::equal_lengths
        max_run: _, // rare::Runs
        deny: _,    // rare::Rare::deny_lengths + binary search
        forbidden_substrings: _, // Bitap, as user names
        dictionary: _, // dict::DictSearch
    } = rules;
    min_counts.iter().all(|&(_, m)| m <= LANE_MAX)
}

/// One target's class and run rules as masks; minimum counts above one
/// get a slot of `counted`.
fn target_table(
    t: &Target,
    counted: &mut Vec<u8>,
) -> Result<TargetTable, Error> {
    let rules = t.rules();
    let bits = &t.class_bits;
    let (of_mask, at_least) = match &rules.classes_required {
        Some(r) => {
            (r.of.iter().fold(0u64, |m, &i| m | 1 << bits[i]), r.at_least)
        }
        None => (0, 0),
    };
    let mut required_mask = 0u64;
    let mut counts = Vec::new();
    for &(i, m) in &rules.min_counts {
        required_mask |= 1 << bits[i];
        if m > 1 {
            let slot = match counted.iter().position(|&b| b == bits[i]) {
                Some(s) => s,
                None => {
                    counted.push(bits[i]);
                    counted.len() - 1
                }
            };
            if slot >= MAX_COUNTED {
                return Err(Error::Limit(Limit::new(
                    LimitKind::CountedClasses,
                    slot + 1,
                    MAX_COUNTED,
                )));
            }
            counts.push((slot, i, m));
        }
    }
    Ok(TargetTable {
        of_mask,
        at_least,
        required_mask,
        counts,
        max_run: rules.max_run.unwrap_or(u32::MAX),
    })
}

/// Bit `i` of entry `b`: ASCII character `b` is in the `i`-th set.
fn ascii_masks<'a>(sets: impl Iterator<Item = &'a CharSet>) -> [u64; 128] {
    let mut masks = [0; 128];
    for (i, set) in sets.enumerate() {
        // Sorted ranges: those past ASCII end the walk.
        for &(lo, hi) in
            set.ranges().iter().take_while(|(lo, _)| lo.is_ascii())
        {
            let hi = u32::from(hi).min(127);
            for m in &mut masks[u32::from(lo) as usize..=hi as usize] {
                *m |= 1 << i;
            }
        }
    }
    masks
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The masks say what each set's own `contains` says, for every
        /// ASCII character, with ranges below, across and past 128.
        #[test]
        fn ascii_masks_answer_as_contains(
            sets in prop::collection::vec(
                prop::collection::vec((0u32..400, 0u32..40), 0..12),
                0..6,
            ),
        ) {
            let ch = |n: u32| char::from_u32(n).unwrap();
            let sets: Vec<CharSet> = sets
                .iter()
                .map(|r| {
                    CharSet::from_ranges(
                        r.iter().map(|&(lo, len)| (ch(lo), ch(lo + len))),
                    )
                })
                .collect();
            let masks = ascii_masks(sets.iter());
            for b in 0u8..128 {
                let want = sets
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.contains(char::from(b)))
                    .fold(0u64, |m, (i, _)| m | 1 << i);
                prop_assert_eq!(masks[usize::from(b)], want, "byte {}", b);
            }
        }
    }

    /// A set that holds only characters past ASCII gives no bits.
    #[test]
    fn ascii_masks_of_sets_past_ascii() {
        let digits = CharSet::from_ranges([('0', '9')]);
        let greek = CharSet::from_ranges([('\u{391}', '\u{3A9}')]);
        let m = ascii_masks([&digits, &greek].into_iter());
        assert_eq!(m[usize::from(b'5')], 0b01);
        assert_eq!(m[usize::from(b'Q')], 0);
    }
}
