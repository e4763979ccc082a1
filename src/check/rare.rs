//! The fast path's answers to the rules few policies have: minimum counts
//! above one, runs of one character, refused values, user-name equality,
//! the dictionary and user names. They run out of line, after the tables,
//! only for the passwords that may need them: the [`RARE`] flag of the
//! length word (a length some refused or user-name value has, or every
//! length for the rules that read the whole password) or of the user-name
//! gate (every character of some pattern seen) sends them here (see
//! `Checker::ascii_finish`).

use crate::selection::EqualsValue;
use crate::verdict::{Code, Verdict, fail_word};

use super::dict::DictSearch;
use super::tables::{GENERAL, RARE, USER_GATE_BITS, USER_SHIFT};
use super::{Checker, TargetTable};

/// Entries of the user-name gate's table.
pub(super) const USER_GATE: usize = 1 << USER_GATE_BITS;

/// Counts and minimums fit 7-bit lanes: the comparison below needs the
/// lanes' top bits free. Longer passwords take the general path; larger
/// minimums are not covered (see `tables_cover`).
pub(super) const LANE_MAX: u32 = 127;

/// The high bit of every 8-bit lane.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The fast path's rare rules (each `None`/empty when no target has it).
#[derive(Clone, Debug, Default)]
pub(super) struct Rare {
    counting: Option<Counting>,
    /// The same counts with one lane per equivalence class, when that
    /// says as much (see [`Rare::count_by_class`]): the seen-set is then
    /// read off the lanes, and the scan adds one word per byte.
    pub(super) by_class: Option<Counting>,
    runs: Option<Runs>,
    /// Bit `l` (`l` < 63) set when some refused value is `l` bytes long;
    /// bit 63 for every longer one.
    deny_lengths: u64,
    /// The same for the values a password must not equal (user names).
    equal_lengths: u64,
    pub(super) dictionary: DictSearch,
    /// Some rule past the minimum counts (see `Checker::ascii_more`),
    /// user names included (set by the compiler).
    pub(super) more: bool,
}

impl Rare {
    /// `counted`: the class bits with minimum counts above one (slot `s`
    /// is `counted[s]`); `None` when some minimum exceeds [`LANE_MAX`].
    pub(super) fn new(
        ascii_classes: &[u64; 128],
        counted: &[u8],
        tables: &[TargetTable],
        deny: &[(String, u16)],
        equals: &[EqualsValue],
        dictionary: &[(String, u16)],
    ) -> Option<Rare> {
        let counting = if counted.is_empty() {
            None
        } else {
            Some(Counting::new(ascii_classes, counted, tables)?)
        };
        let limits: Vec<(u32, u16)> = tables
            .iter()
            .enumerate()
            .filter(|(_, t)| t.max_run != u32::MAX)
            .map(|(i, t)| (t.max_run, 1 << i))
            .collect();
        let runs = (!limits.is_empty()).then(|| Runs::new(limits));
        let deny_lengths =
            deny.iter().fold(0u64, |m, (d, _)| m | 1 << d.len().min(63));
        let equal_lengths =
            equals.iter().fold(0u64, |m, e| m | 1 << e.bytes.len().min(63));
        let dictionary = DictSearch::new(dictionary);
        let more = runs.is_some()
            || deny_lengths != 0
            || equal_lengths != 0
            || !matches!(dictionary, DictSearch::Nothing);
        Some(Rare {
            counting,
            by_class: None,
            runs,
            deny_lengths,
            equal_lengths,
            dictionary,
            more,
        })
    }

    /// The lengths (bit `l`, bit 63 for 63 and longer) whose passwords
    /// need these rules: every one for the rules that read the whole
    /// password, else those of the refused and user-name values.
    pub(super) fn lengths(&self) -> u64 {
        if self.counting.is_some() {
            return u64::MAX;
        }
        self.lengths_past_counts()
    }

    /// [`Rare::lengths`] when the minimum counts are answered already
    /// (by the counting scan: see `Checker::check_counted`).
    pub(super) fn lengths_past_counts(&self) -> u64 {
        if self.runs.is_some() {
            return u64::MAX;
        }
        self.deny_lengths | self.equal_lengths | self.dictionary.lengths()
    }

    /// Counts by equivalence class, for a scan whose seen-set is one
    /// chunk with no user-name bits (`bits`: the seen-set bit of each
    /// byte, `1 << class`), when every counted class is exactly one
    /// equivalence class (`ascii_classes`: the class bits of each ASCII
    /// byte; `counted`: the counted class bits). A lane per equivalence
    /// class then counts both what the seen-set holds (a lane above zero)
    /// and what the minimums need.
    pub(super) fn count_by_class(
        &mut self,
        bits: &[u64; 256],
        ascii_classes: &[u64; 128],
        counted: &[u8],
    ) {
        let Some(counting) = &self.counting else { return };
        if bits.iter().any(|&b| b == 0 || b > 0xFF) {
            return;
        }
        // Slot `s`'s lane: the one equivalence class of its class's bytes.
        let mut lane_of = Vec::with_capacity(counted.len());
        for &bit in counted {
            let mut ids = (0..128)
                .filter(|&b| ascii_classes[b] >> bit & 1 == 1)
                .map(|b| bits[b].trailing_zeros());
            let Some(first) = ids.next() else { return };
            if !ids.all(|id| id == first) {
                return;
            }
            lane_of.push(first);
        }
        let lanes =
            std::array::from_fn(|b| 1u64 << (8 * bits[b].trailing_zeros()));
        // Two counted classes with the same ASCII bytes share a lane: the
        // larger minimum decides, as for two rules on one class.
        let move_lanes = |word: u64| {
            lane_of.iter().enumerate().fold(0u64, |m, (slot, &lane)| {
                let shift = 8 * lane;
                let v = (word >> (8 * slot) & 0xFF).max(m >> shift & 0xFF);
                m & !(0xFF << shift) | v << shift
            })
        };
        let rules = counting
            .rules
            .iter()
            .map(|&(mins, high, word)| {
                (move_lanes(mins), move_lanes(high), word)
            })
            .collect();
        self.by_class = Some(Counting { lanes, rules });
    }

    /// Whether some target has minimum counts above one.
    pub(super) fn counts(&self) -> bool {
        self.counting.is_some()
    }
}

/// Minimum counts above one: one 8-bit lane per counted class, added up
/// over the bytes, and compared with every target's minimums at once.
#[derive(Clone, Debug)]
pub(super) struct Counting {
    /// Per byte, 1 in the lane of each counted class it belongs to.
    lanes: [u64; 256],
    /// Per target with counts: its minimums by lane, the high bits of its
    /// lanes, its verdict word when short.
    rules: Vec<(u64, u64, u64)>,
}

impl Counting {
    fn new(
        ascii_classes: &[u64; 128],
        counted: &[u8],
        tables: &[TargetTable],
    ) -> Option<Counting> {
        let mut lanes = [0u64; 256];
        for (b, &classes) in ascii_classes.iter().enumerate() {
            for (slot, &bit) in counted.iter().enumerate() {
                lanes[b] |= (classes >> bit & 1) << (8 * slot);
            }
        }
        let mut rules = Vec::new();
        for (i, t) in tables.iter().enumerate() {
            if t.counts.is_empty() {
                continue;
            }
            let (mut mins, mut high) = (0u64, 0u64);
            for &(slot, _, m) in &t.counts {
                if m > LANE_MAX {
                    return None;
                }
                // Two rules on one class: the larger minimum decides.
                let lane = (mins >> (8 * slot) & 0xFF).max(u64::from(m));
                mins = mins & !(0xFF << (8 * slot)) | lane << (8 * slot);
                high |= 0x80 << (8 * slot);
            }
            rules.push((mins, high, fail_word(Code::TooFewOfClass, 1 << i)));
        }
        Some(Counting { lanes, rules })
    }

    /// The targets whose minimum counts `bytes` misses, or `GENERAL` for
    /// a password too long for the lanes.
    fn word(&self, bytes: &[u8]) -> u64 {
        if bytes.len() > LANE_MAX as usize {
            return GENERAL;
        }
        self.judge(self.count(bytes))
    }

    /// The lanes' counts over `bytes` (at most [`LANE_MAX`] of them).
    #[inline(always)]
    fn count(&self, bytes: &[u8]) -> u64 {
        let lane = |b: u8| self.lanes[usize::from(b)];
        // Blocks of 8: a loop step per 8 bytes, not per 4.
        let (blocks, rest) = bytes.as_chunks::<8>();
        let mut counts = 0u64;
        for q in blocks {
            counts += lane(q[0]) + lane(q[1]) + lane(q[2]) + lane(q[3]);
            counts += lane(q[4]) + lane(q[5]) + lane(q[6]) + lane(q[7]);
        }
        counts + rest.iter().fold(0, |c, &b| c + lane(b))
    }

    /// The verdict word of the lane counts `counts` (each below 128).
    #[inline(always)]
    fn judge(&self, counts: u64) -> u64 {
        // Per lane, (count + 128 - minimum) has its high bit set exactly
        // when count >= minimum; no lane borrows from the next.
        let have = counts | HIGH;
        let short = |&(mins, high, word): &(u64, u64, u64)| {
            if (have - mins) & high != high { word } else { 0 }
        };
        // One target with counts (most checkers): no loop.
        match self.rules.as_slice() {
            [one] => short(one),
            rules => rules.iter().fold(0, |w, r| w | short(r)),
        }
    }
}

/// Run limits: the longest run of one byte, and the targets it is too
/// long for, by run length.
#[derive(Clone, Debug)]
struct Runs {
    /// (max_run, target bit) of every target with a limit.
    limits: Vec<(u32, u16)>,
    /// `words[r]`: the verdict word of a longest run of `r`.
    words: Vec<u64>,
}

impl Runs {
    fn new(limits: Vec<(u32, u16)>) -> Runs {
        let top = limits.iter().map(|&(m, _)| m as usize).max().unwrap_or(0);
        let mut runs = Runs { limits, words: Vec::new() };
        runs.words = (0..(top + 2).min(1024)).map(|r| runs.slow(r)).collect();
        runs
    }

    fn slow(&self, run: usize) -> u64 {
        let run = u32::try_from(run).unwrap_or(u32::MAX);
        let fails = self
            .limits
            .iter()
            .filter(|&&(m, _)| run > m)
            .fold(0, |f, &(_, bit)| f | bit);
        fail_word(Code::RepeatedCharacter, fails)
    }

    fn word(&self, bytes: &[u8]) -> u64 {
        let (mut longest, mut run) = (usize::from(!bytes.is_empty()), 1);
        for pair in bytes.windows(2) {
            run = if pair[0] == pair[1] { run + 1 } else { 1 };
            longest = longest.max(run);
        }
        match self.words.get(longest) {
            Some(&w) => w,
            None => self.slow(longest),
        }
    }
}

impl Checker {
    /// The verdict of a checker with minimum counts above one, which
    /// counts the classes in the same pass as it collects the seen-set
    /// (one loop over the bytes, not two); `None` for other checkers and
    /// for passwords too long for the lanes.
    #[inline(always)]
    pub(super) fn check_counted(&self, bytes: &[u8]) -> Option<Verdict> {
        let counting = self.rare.counting.as_ref()?;
        if bytes.len() > LANE_MAX as usize {
            return None;
        }
        if let Some(by_class) = &self.rare.by_class {
            let counts = by_class.count(bytes);
            // A lane above zero (at most LANE_MAX: no carry) sets its
            // high bit; the multiply gathers the 8 high bits into a byte.
            let nonzero = (counts + 0x7F7F_7F7F_7F7F_7F7F) & HIGH;
            let seen =
                (nonzero >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
            let word = by_class.judge(counts);
            // Counting by class is for checkers without user names.
            return Some(self.check_seen_with(
                bytes,
                seen,
                &self.counted_lengths,
                true,
                false,
                word,
            ));
        }
        let (bits, lanes) = (self.scan.bits(), &counting.lanes);
        let (mut seen, mut counts) = (0u64, 0u64);
        let mut step = |b: u8| {
            seen |= bits[usize::from(b)];
            counts += lanes[usize::from(b)];
        };
        let (blocks, rest) = bytes.as_chunks::<8>();
        for q in blocks {
            q.iter().for_each(|&b| step(b));
        }
        rest.iter().for_each(|&b| step(b));
        let word = counting.judge(counts);
        Some(self.check_seen_with(
            bytes,
            seen,
            &self.counted_lengths,
            true,
            true,
            word,
        ))
    }

    /// The verdict of an ASCII password whose table word is `word` (its
    /// [`RARE`] flag cleared), with the rare rules and the user names
    /// added. Out of line: its loops would otherwise make the fast path
    /// save and restore more registers on every check.
    #[inline(never)]
    pub(super) fn ascii_rare(
        &self,
        bytes: &[u8],
        seen: u64,
        word: u64,
        counted: bool,
    ) -> Verdict {
        let mut word = word;
        if !counted && let Some(counting) = &self.rare.counting {
            word |= counting.word(bytes);
        }
        if self.rare.more {
            word |= self.ascii_more(bytes, seen);
        }
        if word & GENERAL != 0 {
            return self.general_verdict(bytes);
        }
        Verdict::from_word(word)
    }

    /// The verdict word of the rules past the minimum counts: runs, the
    /// values refused or equal to a user name (only at their lengths), the
    /// dictionary and the user-name patterns (only when the gate says
    /// they may occur). Inlined into [`Checker::ascii_rare`]: a checker
    /// with counts only reaches that through the counting scan when
    /// another rule needs it, so one frame serves both.
    #[inline(always)]
    fn ascii_more(&self, bytes: &[u8], seen: u64) -> u64 {
        let rare = &self.rare;
        let mut word = 0;
        if let Some(runs) = &rare.runs {
            word |= runs.word(bytes);
        }
        let length_bit = bytes.len().min(63);
        if rare.deny_lengths >> length_bit & 1 == 1 {
            word |= self.deny_word(bytes);
        }
        if rare.equal_lengths >> length_bit & 1 == 1 {
            word |= self.equals_word(bytes);
        }
        word |= self.dictionary_word(bytes);
        if let Some(bitap) = &self.bitap
            && self.user_gate(seen) & RARE != 0
        {
            word |= self.usernames_word(bitap.find(bytes));
        }
        word
    }

    /// The user-name gate's word of a seen-set: [`RARE`] when every
    /// character of some pattern was seen (of those that have bits).
    #[inline(always)]
    pub(super) fn user_gate(&self, seen: u64) -> u64 {
        // The shift leaves USER_GATE_BITS bits: always in range.
        self.user_words[(seen >> USER_SHIFT) as usize]
    }

    /// The values built from user names that `bytes` equals (byte for
    /// byte, as the general path and MySQL compare).
    fn equals_word(&self, bytes: &[u8]) -> u64 {
        self.sel
            .equals
            .iter()
            .filter(|e| e.bytes == bytes)
            .fold(0, |w, e| w | fail_word(e.code, e.targets))
    }

    /// The dictionary words in the ASCII `bytes`.
    fn dictionary_word(&self, bytes: &[u8]) -> u64 {
        let found = match &self.rare.dictionary {
            DictSearch::Nothing => 0,
            DictSearch::Dfa(d) if bytes.len() >= d.shortest => d.find(bytes),
            DictSearch::Dfa(_) => 0,
            DictSearch::Matcher => {
                let (Some(m), Ok(text)) =
                    (&self.sel.matcher, std::str::from_utf8(bytes))
                else {
                    return GENERAL;
                };
                m.find(text)
            }
        };
        fail_word(Code::DictionaryWord, found)
    }

    /// The refused value `bytes` is, if any (sorted: a binary search).
    fn deny_word(&self, bytes: &[u8]) -> u64 {
        let deny = &self.sel.deny;
        match deny.binary_search_by(|(d, _)| d.as_bytes().cmp(bytes)) {
            Ok(i) => fail_word(Code::DeniedValue, deny[i].1),
            Err(_) => 0,
        }
    }
}
