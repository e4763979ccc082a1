//! Precomputed tables for the checker's ASCII hot path.
//!
//! The aim is a check whose cost does not grow with the number of combined
//! policy variants: every rule the seeds use is answered by a table lookup
//! that yields the set of failing targets at once.
//!
//! * [`ByteScan`]: ASCII bytes fall into a few equivalence classes (bytes
//!   with the same class bits and the same refusing targets). The scan
//!   only ORs `1 << class` per byte; what a set of equivalence classes
//!   means (class bits present, targets refusing) is read afterwards from
//!   one table per 8 equivalence classes.
//! * [`LengthTable`]: for each length unit in use, the targets a length is
//!   too short and too long for, indexed by length.
//! * [`ClassTable`]: the targets whose "K of N" and "at least one of" rules
//!   fail, indexed by the set of classes present.
//! * [`Bitap`]: every user-name pattern at once, as one shift-and automaton
//!   over a `u64`.

/// Tables are sized by the largest bound they cover; past this, lookups
/// fall back to a loop (a policy with a 100,000-character maximum must not
/// cost 200 KB of table).
const LENGTH_TABLE_CAP: usize = 1024;

use crate::verdict::{CODES, Code, fail_word};

/// Passwords from this long are scanned two bytes per lookup, when the
/// pair table applies (its 64 KiB pay off only over many bytes).
const PAIRS_FROM: usize = 64;

/// Class tables cover at most this many distinct classes (4,096 entries).
const CLASS_TABLE_BITS: usize = 12;

/// Flag of a fast-path word: the password needs the general path (a
/// non-ASCII byte, or a checker with rules the tables do not answer). Never
/// in a [`Verdict`](crate::Verdict).
pub(super) const GENERAL: u64 = 1 << 63;

/// Flag of a first-chunk word: the checker has more than 8 equivalence
/// classes, so the other chunks must be folded in (out of the hot path).
pub(super) const MULTI: u64 = 1 << 62;

/// Either flag: the one test the hot path makes.
pub(super) const SLOW: u64 = GENERAL | MULTI;

/// Flag of a fast-path word: the rare rules must run (see
/// `Checker::ascii_rare`). Set in the length words of the lengths a
/// refused or user-name value has, or of every length for rules that read
/// the whole password, and in the user-name gate's words when some
/// pattern's characters were all seen. Never in a verdict.
pub(super) const RARE: u64 = 1 << 61;

// The flags are above every code bit.
const _: () = assert!(crate::verdict::CODE_SHIFT as usize + CODES <= 61);

/// At most this many user-name characters get a seen-set bit of their own
/// (the gate's table has `1 << USER_GATE_BITS` entries); the others are
/// left out of the gate, which then only asks for the rest.
pub(super) const USER_GATE_BITS: usize = 10;

/// The lowest user-name bit of a seen-set: they are its top bits, so that
/// the gate's index is one constant shift (and in range). Equivalence
/// classes take the bits below; a checker whose classes reach this bit
/// (more than 6 chunks) gives user names no bits.
pub(super) const USER_SHIFT: u32 = 64 - USER_GATE_BITS as u32;

/// Byte → equivalence class (and user-name characters), and what each set
/// of equivalence classes means.
#[derive(Clone, Debug)]
pub(super) struct ByteScan {
    /// Seen-set bits of every byte: `1 << equivalence class` (bytes
    /// ≥ 0x80 are class 0) and, from bit `8 * chunks`, one bit per
    /// distinct (lower-cased) character of the user-name patterns.
    /// Holding the bits rather than the class number makes the scan one
    /// load and one OR per byte (no shift).
    bits: [u64; 256],
    /// The verdict word of each set of the first 8 equivalence classes:
    /// refusing targets, flags and, when there are no more classes (most
    /// checkers), the class rules' failures: a fold is then one load.
    /// Inline, not boxed: one indirection fewer on every check.
    first: [u64; 256],
    /// Class bits of each set of the first 8 equivalence classes, and the
    /// second chunk (classes 8 to 15) and the others (classes `8k..8k+8`),
    /// for checkers with more; the second is all zeros when unused.
    first_classes: Box<[u64; 256]>,
    second: Box<SeenChunk>,
    rest: Vec<SeenChunk>,
    /// Seen-sets of byte pairs (index `a | b << 8`), for long passwords of
    /// checkers whose seen-sets fit a byte (one chunk, no user-name bits):
    /// two bytes per lookup. 64 KiB, built with the checker (row by row,
    /// a few thousand vector instructions) so that a check never
    /// allocates.
    pairs: Option<Box<[u8; 1 << 16]>>,
    /// The class rules' verdict word by classes present, for checkers
    /// with more than one chunk (all `GENERAL` without a class table: every
    /// password then takes the general path anyway). Fixed-size, so that
    /// the lookup needs no bounds check; `None` for one chunk.
    class_words: Option<Box<[u64; 1 << CLASS_TABLE_BITS]>>,
}

#[derive(Clone, Debug)]
struct SeenChunk {
    classes: [u64; 256],
    words: [u64; 256],
}

impl SeenChunk {
    const EMPTY: SeenChunk = SeenChunk { classes: [0; 256], words: [0; 256] };
}

impl ByteScan {
    /// The seen-set bit of non-ASCII bytes.
    pub(super) const NON_ASCII: u64 = 1;

    /// `None` when the ASCII bytes fall into more than 63 equivalence
    /// classes (the checker then uses [`ByteScan::general`]).
    /// `user_chars`: the lower-cased ASCII bytes of the user-name
    /// patterns; they get seen-set bits of their own when they fit, which
    /// [`ByteScan::user_bits`] then reads. `general`: every password
    /// needs the general path (its [`GENERAL`] flag is in every word).
    pub(super) fn new(
        ascii_classes: &[u64; 128],
        ascii_refused: &[u16; 128],
        class_table: Option<&ClassTable>,
        user_chars: &[u8],
        general: bool,
    ) -> Option<ByteScan> {
        // Class 0 is non-ASCII: never equal to an ASCII byte's key, and
        // flagged for the general path.
        let mut keys: Vec<(u64, u16)> = vec![(0, 0)];
        let mut bits = [ByteScan::NON_ASCII; 256];
        for b in 0..128 {
            let key = (ascii_classes[b], ascii_refused[b]);
            let id = match keys[1..].iter().position(|k| *k == key) {
                Some(i) => i + 1,
                None => {
                    keys.push(key);
                    keys.len() - 1
                }
            };
            if id >= 64 {
                return None;
            }
            bits[b] = 1 << id;
        }
        let chunk_count = keys.len().div_ceil(8);
        let single = chunk_count == 1;
        let mut chunks = keys.chunks(8).enumerate().map(|(k, group)| {
            let mut chunk = SeenChunk { classes: [0; 256], words: [0; 256] };
            let mut refused = [0u16; 256];
            // Each set is a smaller set plus its lowest member.
            for set in 1..256usize {
                let rest = set & (set - 1);
                let (c, r) = group
                    .get(set.trailing_zeros() as usize)
                    .copied()
                    .unwrap_or((0, 0));
                chunk.classes[set] = chunk.classes[rest] | c;
                refused[set] = refused[rest] | r;
            }
            for (set, &refused) in refused.iter().enumerate() {
                let mut word = fail_word(Code::DisallowedCharacter, refused);
                if k == 0 && (set & 1 == 1 || general) {
                    word |= GENERAL;
                }
                if k == 0 && !single {
                    word |= MULTI;
                }
                if single {
                    word |= class_word(class_table, chunk.classes[set]);
                }
                chunk.words[set] = word;
            }
            chunk
        });
        // `keys` holds class 0 at least, so there is a first chunk.
        let first = chunks.next()?;
        let second = Box::new(chunks.next().unwrap_or(SeenChunk::EMPTY));
        let rest: Vec<SeenChunk> = chunks.collect();
        // User-name characters in the top bits, as many as fit the gate.
        let base = 8 * chunk_count;
        let fit = if base <= USER_SHIFT as usize {
            user_chars.len().min(USER_GATE_BITS)
        } else {
            0
        };
        {
            for (j, &u) in user_chars[..fit].iter().enumerate() {
                let bit = 1u64 << (USER_SHIFT as usize + j);
                bits[usize::from(u.to_ascii_lowercase())] |= bit;
                bits[usize::from(u.to_ascii_uppercase())] |= bit;
            }
        }
        let class_words = (!single).then(|| {
            let mut words = Box::new([GENERAL; 1 << CLASS_TABLE_BITS]);
            if let Some(t) = class_table {
                for (present, word) in words.iter_mut().enumerate() {
                    *word = class_word(Some(t), present as u64);
                }
            }
            words
        });
        Some(ByteScan {
            bits,
            first: first.words,
            first_classes: Box::new(first.classes),
            pairs: pair_table(&bits),
            second,
            rest,
            class_words,
        })
    }

    /// The scan of a checker without a fast path: every password goes to
    /// the general path.
    pub(super) fn general() -> ByteScan {
        ByteScan {
            bits: [0; 256],
            first: [GENERAL; 256],
            first_classes: Box::new([0; 256]),
            pairs: None,
            second: Box::new(SeenChunk::EMPTY),
            rest: Vec::new(),
            class_words: None,
        }
    }

    /// The seen-set bits of every byte.
    pub(super) fn bits(&self) -> &[u64; 256] {
        &self.bits
    }

    /// Whether this is a scan of the checker's bytes, not
    /// [`ByteScan::general`] (whose bits are all zero).
    pub(super) fn answers_ascii(&self) -> bool {
        self.bits.iter().any(|&b| b != 0)
    }

    /// Whether this is a scan of the checker's bytes, not
    /// [`ByteScan::general`] (whose bits are all zero).
    #[cfg(test)]
    pub(super) fn is_fast(&self) -> bool {
        self.answers_ascii()
    }

    /// How many chunks of 8 equivalence classes there are.
    fn chunks(&self) -> u32 {
        let multi = self.first.iter().any(|w| w & MULTI != 0);
        if multi { 2 + self.rest.len() as u32 } else { 1 }
    }

    /// The seen-set bits standing for the user-name characters `chars`
    /// (lower-cased, each in the `user_chars` given to `new`), or 0 when
    /// they got none: a pattern can only occur when all its bits are seen.
    pub(super) fn user_bits(&self, chars: &[u8]) -> u64 {
        let chunks = 8 * self.chunks();
        let classes = 1u64.checked_shl(chunks).map_or(u64::MAX, |b| b - 1);
        chars.iter().fold(0, |m, &c| {
            let lo = self.bits[usize::from(c.to_ascii_lowercase())];
            let hi = self.bits[usize::from(c.to_ascii_uppercase())];
            // Equivalence-class bits differ between cases; the user bit
            // is the one both cases share, and there is none when the
            // characters got no bits.
            m | (lo & hi & !classes)
        })
    }

    /// The set of equivalence classes (and user-name characters)
    /// occurring in `bytes`, at most 16 of them.
    #[inline(always)]
    pub(super) fn scan_short(&self, bytes: &[u8]) -> u64 {
        debug_assert!(bytes.len() <= 16);
        let bit = |b: u8| self.bits[usize::from(b)];
        let four = |q: &[u8; 4]| bit(q[0]) | bit(q[1]) | bit(q[2]) | bit(q[3]);
        // A set is indifferent to bytes seen twice: the ends are blocks
        // overlapping each other, not loops over a remainder.
        if let (Some(head), Some(tail)) =
            (bytes.first_chunk::<8>(), bytes.last_chunk::<8>())
        {
            self.eight(head) | self.eight(tail)
        } else if let (Some(head), Some(tail)) =
            (bytes.first_chunk::<4>(), bytes.last_chunk::<4>())
        {
            four(head) | four(tail)
        } else {
            bytes.iter().fold(0, |seen, &b| seen | bit(b))
        }
    }

    /// [`ByteScan::scan_short`] of any number of bytes: blocks of 8, the
    /// last one overlapping the one before.
    #[inline(always)]
    pub(super) fn scan(&self, bytes: &[u8]) -> u64 {
        if bytes.len() >= PAIRS_FROM
            && let Some(pairs) = self.pairs()
        {
            return self.scan_pairs(pairs, bytes);
        }
        let Some(tail) = bytes.last_chunk::<8>() else {
            return self.scan_short(bytes);
        };
        // Every block lies within `bytes[..len - 1]`: the tail adds a byte.
        let (blocks, _) = bytes[..bytes.len() - 1].as_chunks::<8>();
        let mut seen = self.eight(tail);
        for q in blocks {
            seen |= self.eight(q);
        }
        seen
    }

    /// The pair table, when the seen-sets fit a byte.
    fn pairs(&self) -> Option<&[u8; 1 << 16]> {
        self.pairs.as_deref()
    }

    /// [`ByteScan::scan`] two bytes per lookup, 16 per step.
    #[inline(never)]
    fn scan_pairs(&self, pairs: &[u8; 1 << 16], bytes: &[u8]) -> u64 {
        let pair = |p: &[u8; 2]| pairs[usize::from(u16::from_le_bytes(*p))];
        let (blocks, rest) = bytes.as_chunks::<16>();
        let mut seen = 0u8;
        for q in blocks {
            let (p, _) = q.as_chunks::<2>();
            seen |= pair(&p[0]) | pair(&p[1]) | pair(&p[2]) | pair(&p[3]);
            seen |= pair(&p[4]) | pair(&p[5]) | pair(&p[6]) | pair(&p[7]);
        }
        let seen = u64::from(seen);
        seen | rest.iter().fold(0, |s, &b| s | self.bits[usize::from(b)])
    }

    #[inline(always)]
    fn eight(&self, q: &[u8; 8]) -> u64 {
        let bit = |b: u8| self.bits[usize::from(b)];
        bit(q[0])
            | bit(q[1])
            | bit(q[2])
            | bit(q[3])
            | bit(q[4])
            | bit(q[5])
            | bit(q[6])
            | bit(q[7])
    }

    /// The verdict word of the first chunk of a seen-set: all of it
    /// unless it has the [`MULTI`] flag (then see [`ByteScan::fold_rest`]).
    #[inline(always)]
    pub(super) fn fold_first(&self, seen: u64) -> u64 {
        self.first[usize::from(seen as u8)]
    }

    /// The verdict word of a seen-set past the first chunk: the class bits
    /// of every chunk, then the class rules; `first` is
    /// [`ByteScan::fold_first`]'s word, its [`MULTI`] flag cleared here.
    #[inline(always)]
    pub(super) fn fold_rest(&self, seen: u64, first: u64) -> u64 {
        let (i0, i1) =
            (usize::from(seen as u8), usize::from((seen >> 8) as u8));
        let mut word = (first & !MULTI) | self.second.words[i1];
        let mut present = self.first_classes[i0] | self.second.classes[i1];
        if !self.rest.is_empty() {
            let (w, p) = self.fold_more(seen);
            (word, present) = (word | w, present | p);
        }
        // Classes present are below CLASS_TABLE_BITS when there is a class
        // table; without one every entry is `GENERAL`.
        match &self.class_words {
            Some(words) => word | words[present as usize & (words.len() - 1)],
            None => word | GENERAL,
        }
    }

    /// The words and class bits of the chunks past the second.
    #[inline(never)]
    fn fold_more(&self, seen: u64) -> (u64, u64) {
        let (mut word, mut present) = (0, 0);
        for (k, chunk) in self.rest.iter().enumerate() {
            let i = usize::from((seen >> (8 * (k + 2))) as u8);
            present |= chunk.classes[i];
            word |= chunk.words[i];
        }
        (word, present)
    }
}

/// The pair table of `bits` (see `ByteScan::pairs`), `None` when some
/// byte's bits do not fit a byte.
fn pair_table(bits: &[u64; 256]) -> Option<Box<[u8; 1 << 16]>> {
    if bits.iter().any(|&b| b > 0xFF) {
        return None;
    }
    let low: [u8; 256] = std::array::from_fn(|i| bits[i] as u8);
    // Row `hi` is every low byte's bits OR the high byte's: one
    // vectorizable loop per row, each writing memory that was never
    // zeroed first (zeroing 64 KiB cost as much as filling it).
    let mut table: Vec<u8> = Vec::with_capacity(1 << 16);
    for &high in &low {
        table.extend(low.iter().map(|&l| l | high));
    }
    table.into_boxed_slice().try_into().ok()
}

/// The verdict word of the class rules for the classes `present`.
fn class_word(table: Option<&ClassTable>, present: u64) -> u64 {
    let Some(table) = table else { return 0 };
    let (classes, missing) = table.fails(present);
    fail_word(Code::NotEnoughClasses, classes)
        | fail_word(Code::TooFewOfClass, missing)
}

/// Too-short and too-long targets by length, for the targets measuring in
/// one unit.
#[derive(Clone, Debug)]
pub(super) struct LengthTable {
    /// `LengthUnit` index (see `verdict::unit_index`).
    pub(super) unit: usize,
    /// (target bit, min, max) of each target measuring in this unit.
    bounds: Vec<(u16, u32, u32)>,
    /// `table[l]`: the targets `l` is too short and too long for.
    table: Vec<(u16, u16)>,
    /// `words[l]`: the same as a verdict word.
    words: Vec<u64>,
    /// The word of every length past `words`: the last length's when the
    /// table covers every bound (the answer is the same for all longer
    /// ones), else the `GENERAL` flag (the general path measures it).
    beyond: u64,
}

impl LengthTable {
    pub(super) fn new(unit: usize, bounds: Vec<(u16, u32, u32)>) -> Self {
        let top = bounds
            .iter()
            .map(
                |&(_, min, max)| {
                    if max == u32::MAX { min } else { min.max(max) }
                },
            )
            .max()
            .unwrap_or(0) as usize;
        let size = (top + 2).min(LENGTH_TABLE_CAP);
        let mut table = LengthTable {
            unit,
            bounds,
            table: Vec::with_capacity(size),
            words: Vec::with_capacity(size),
            beyond: GENERAL,
        };
        for l in 0..size {
            let fails = table.slow(l as u32);
            table.table.push(fails);
            table.words.push(length_word(fails));
        }
        // Past every bound (top + 1 and on) a length fails the same way.
        if top + 2 <= LENGTH_TABLE_CAP {
            table.beyond = table.words[size - 1];
        }
        table
    }

    /// The targets `len` is too short and too long for.
    #[inline]
    pub(super) fn fails(&self, len: u32) -> (u16, u16) {
        match self.table.get(len as usize) {
            Some(&fails) => fails,
            None => self.slow(len),
        }
    }

    /// [`LengthTable::fails`] as a verdict word, for a length in bytes;
    /// the `GENERAL` flag for lengths past a capped table.
    #[inline(always)]
    pub(super) fn word(&self, len: usize) -> u64 {
        match self.words.get(len) {
            Some(&w) => w,
            None => self.beyond,
        }
    }

    /// Adds the [`RARE`] flag to the words of the lengths `rare` holds
    /// (bit `l` for length `l` below 63, bit 63 for every longer one).
    pub(super) fn mark_rare(&mut self, rare: u64) {
        for (l, word) in self.words.iter_mut().enumerate() {
            if rare >> l.min(63) & 1 == 1 {
                *word |= RARE;
            }
        }
        // Lengths past the words: any marked one from there on.
        if rare >> self.words.len().min(63) != 0 {
            self.beyond |= RARE;
        }
    }

    fn slow(&self, len: u32) -> (u16, u16) {
        self.bounds.iter().fold((0, 0), |(s, g), &(bit, min, max)| {
            (
                if len < min { s | bit } else { s },
                if len > max { g | bit } else { g },
            )
        })
    }
}

fn length_word((short, long): (u16, u16)) -> u64 {
    fail_word(Code::TooShort, short) | fail_word(Code::TooLong, long)
}

/// Failing targets of the class rules by the set of classes present:
/// bits 0–15 "not enough classes", bits 16–31 "a required class missing".
#[derive(Clone, Debug)]
pub(super) struct ClassTable {
    table: Vec<u32>,
    /// Class bits the table is indexed by (all of them: bits above
    /// `CLASS_TABLE_BITS` mean there is no table).
    mask: u64,
}

impl ClassTable {
    /// `rules[i]` = (of-mask, at-least, required-mask) of target `i`.
    /// `None` past `CLASS_TABLE_BITS` distinct classes.
    pub(super) fn new(
        classes: usize,
        rules: &[(u64, u32, u64)],
    ) -> Option<Self> {
        if classes > CLASS_TABLE_BITS {
            return None;
        }
        let table = (0..1u64 << classes)
            .map(|present| {
                let mut fails = 0u32;
                for (i, &(of, at_least, required)) in rules.iter().enumerate()
                {
                    if (present & of).count_ones() < at_least {
                        fails |= 1 << i;
                    }
                    if present & required != required {
                        fails |= 1 << (16 + i);
                    }
                }
                fails
            })
            .collect();
        Some(ClassTable { table, mask: (1u64 << classes) - 1 })
    }

    /// (not enough classes, required class missing) target sets.
    #[inline]
    pub(super) fn fails(&self, present: u64) -> (u16, u16) {
        let f = self.table.get((present & self.mask) as usize).copied();
        let f = f.unwrap_or(0);
        (f as u16, (f >> 16) as u16)
    }
}

/// All user-name patterns as shift-and automata over `u64` words: pattern
/// `p` owns bits `start..start+len` of one word's state; a byte keeps a
/// bit alive when it matches (case-folded when the pattern is
/// case-insensitive) the pattern character at that bit. Patterns fill a
/// word in order; a pattern that does not fit starts the next word.
#[derive(Clone, Debug)]
pub(super) struct Bitap {
    words: Vec<BitapWord>,
    /// Per pattern: (word, its last bit), in pattern order.
    ends: Vec<(usize, u64)>,
}

#[derive(Clone, Debug)]
struct BitapWord {
    masks: [u64; 256],
    starts: u64,
    /// The last bit of every pattern in this word.
    any_end: u64,
}

impl Bitap {
    /// `patterns`: (pattern text, case-sensitive). `None` when a pattern
    /// is not ASCII, empty, or longer than 64 bytes.
    pub(super) fn new<'a>(
        patterns: impl Iterator<Item = (&'a str, bool)>,
    ) -> Option<Bitap> {
        let mut bitap = Bitap { words: Vec::new(), ends: Vec::new() };
        let mut offset = 64usize;
        for (text, case_sensitive) in patterns {
            if !text.is_ascii() || text.is_empty() || text.len() > 64 {
                return None;
            }
            if offset + text.len() > 64 {
                bitap.words.push(BitapWord {
                    masks: [0; 256],
                    starts: 0,
                    any_end: 0,
                });
                offset = 0;
            }
            let w = bitap.words.len() - 1;
            let word = &mut bitap.words[w];
            word.starts |= 1 << offset;
            for (j, b) in text.bytes().enumerate() {
                let bit = 1u64 << (offset + j);
                if case_sensitive {
                    word.masks[usize::from(b)] |= bit;
                } else {
                    // The pattern is already folded (lower case).
                    word.masks[usize::from(b.to_ascii_lowercase())] |= bit;
                    word.masks[usize::from(b.to_ascii_uppercase())] |= bit;
                }
            }
            offset += text.len();
            let end = 1u64 << (offset - 1);
            word.any_end |= end;
            bitap.ends.push((w, end));
        }
        Some(bitap)
    }

    /// Bit `p` set when pattern `p` occurs in `bytes` (at most 64
    /// patterns: `MAX_USERNAME_PATTERNS`).
    #[inline]
    pub(super) fn find(&self, bytes: &[u8]) -> u64 {
        let mut found = 0u64;
        for (w, word) in self.words.iter().enumerate() {
            let (mut state, mut ever) = (0u64, 0u64);
            for &b in bytes {
                state =
                    ((state << 1) | word.starts) & word.masks[usize::from(b)];
                ever |= state;
            }
            if ever & word.any_end == 0 {
                continue; // the common case: no user name in the password
            }
            for (p, &(pw, end)) in self.ends.iter().enumerate() {
                if pw == w && ever & end != 0 {
                    found |= 1 << (p & 63);
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitap_finds_each_pattern_and_only_it() {
        let b = Bitap::new(
            [("root", false), ("toor", false), ("Ab", true)].into_iter(),
        )
        .expect("fits");
        assert_eq!(b.find(b"xxROOTyy"), 0b001);
        assert_eq!(b.find(b"xtoorx"), 0b010);
        assert_eq!(b.find(b"rootoor"), 0b011);
        assert_eq!(b.find(b"ab AB aB"), 0);
        assert_eq!(b.find(b"Ab"), 0b100);
        assert_eq!(b.find(b"roo"), 0);
        assert_eq!(b.find(b""), 0);
    }

    #[test]
    fn bitap_refuses_what_it_cannot_hold() {
        assert!(Bitap::new([("é", false)].into_iter()).is_none());
        let long = "x".repeat(65);
        assert!(Bitap::new([(long.as_str(), true)].into_iter()).is_none());
    }

    /// Patterns past 64 bits go to further words, and each is still found
    /// by its own number.
    #[test]
    fn bitap_spreads_patterns_over_words() {
        let names: Vec<String> =
            (0..30).map(|i| format!("n{i:02}x")).collect();
        let b = Bitap::new(names.iter().map(|n| (n.as_str(), false)))
            .expect("fits");
        assert!(b.words.len() > 1);
        for (i, n) in names.iter().enumerate() {
            let text = format!("..{}..", n.to_ascii_uppercase());
            assert_eq!(b.find(text.as_bytes()), 1 << i, "{n}");
        }
        assert_eq!(b.find(b"n00xn29x"), 1 | 1 << 29);
        assert_eq!(b.find(b"n0 0x"), 0);
    }

    #[test]
    fn length_table_matches_the_bounds_beyond_its_size() {
        let t = LengthTable::new(0, vec![(1, 8, 16), (2, 12, u32::MAX)]);
        assert_eq!(t.fails(0), (3, 0));
        assert_eq!(t.fails(8), (2, 0));
        assert_eq!(t.fails(12), (0, 0));
        assert_eq!(t.fails(17), (0, 1));
        assert_eq!(t.fails(5000), (0, 1));
        let big = LengthTable::new(0, vec![(1, 2000, 100_000)]);
        assert_eq!(big.fails(1999), (1, 0));
        assert_eq!(big.fails(2000), (0, 0));
        assert_eq!(big.fails(100_001), (0, 1));
    }

    /// The fast path's length words say what `fails` says at every length,
    /// past the table too (the last entry stands for every longer length),
    /// and a table capped below a bound sends longer lengths to the
    /// general path.
    #[test]
    fn length_words_match_fails_and_flag_what_a_capped_table_cannot_say() {
        let t = LengthTable::new(0, vec![(1, 8, 16), (2, 12, u32::MAX)]);
        for len in 0..3000usize {
            let (s, l) = t.fails(len as u32);
            assert_eq!(t.word(len), length_word((s, l)), "{len}");
        }
        let big = LengthTable::new(0, vec![(1, 8, 100_000)]);
        assert_eq!(big.word(9), 0);
        assert_eq!(big.word(LENGTH_TABLE_CAP + 5), GENERAL);
    }

    #[test]
    fn class_table_counts_k_of_n_and_required() {
        // Target 0: 2 of classes {0,1,2}; target 1: class 3 required.
        let t = ClassTable::new(4, &[(0b0111, 2, 0), (0, 0, 0b1000)])
            .expect("small");
        assert_eq!(t.fails(0b0001), (1, 2));
        assert_eq!(t.fails(0b1011), (0, 0));
        assert_eq!(t.fails(0b1000), (1, 0));
    }

    /// The pair scan gives the byte scan's set, for every length and with
    /// a non-ASCII byte anywhere.
    #[test]
    fn the_pair_scan_is_the_byte_scan() {
        let mut classes = [0u64; 128];
        let refused = [0u16; 128];
        for (b, c) in classes.iter_mut().enumerate() {
            *c = 1 << (b % 5);
        }
        let s = ByteScan::new(&classes, &refused, None, &[], false)
            .expect("six classes");
        let pairs = s.pairs().expect("fits a byte");
        let text: Vec<u8> = (0..300u32).map(|i| (i * 7 % 128) as u8).collect();
        for n in 0..text.len() {
            let mut pw = text[..n].to_vec();
            let plain = |pw: &[u8]| {
                pw.iter().fold(0, |m, &b| m | s.bits[usize::from(b)])
            };
            assert_eq!(s.scan_pairs(pairs, &pw), plain(&pw), "{n}");
            if n > 0 {
                pw[n / 2] = 0xE9;
                assert_eq!(s.scan_pairs(pairs, &pw), plain(&pw), "{n}");
                assert_eq!(s.scan(&pw), plain(&pw), "{n}");
            }
        }
    }

    /// User-name characters get the seen-set's top bits, the same for
    /// both cases; with more than 6 chunks of equivalence classes there
    /// is no room, and they get none (the gate then always searches).
    #[test]
    fn user_name_bits_are_the_top_bits_or_none() {
        let refused = [0u16; 128];
        let mut classes = [0u64; 128];
        classes[usize::from(b'a')] = 1;
        let s = ByteScan::new(&classes, &refused, None, b"ab", false)
            .expect("few classes");
        let (a, b) = (s.user_bits(b"a"), s.user_bits(b"b"));
        assert_eq!((a, b), (1 << USER_SHIFT, 1 << (USER_SHIFT + 1)));
        assert_eq!(s.bits[usize::from(b'A')] & a, a);
        assert_eq!(s.user_bits(b"z"), 0);
        // 60 equivalence classes: 8 chunks, no room above them.
        for (b, c) in classes.iter_mut().enumerate() {
            *c = (b % 60) as u64;
        }
        let s = ByteScan::new(&classes, &refused, None, b"ab", false)
            .expect("under 64 classes");
        assert_eq!(s.user_bits(b"ab"), 0);
    }

    #[test]
    fn byte_scan_separates_non_ascii() {
        let mut classes = [0u64; 128];
        let refused = [0u16; 128];
        classes[usize::from(b'a')] = 1;
        let s = ByteScan::new(&classes, &refused, None, &[], false)
            .expect("two classes");
        for n in 0..40 {
            let seen = s.scan("a".repeat(n).as_bytes());
            assert_eq!(seen & ByteScan::NON_ASCII, 0);
            assert_eq!(s.fold_first(seen) & SLOW, 0);
            // "é" anywhere, at every length: the overlapping blocks see
            // every byte.
            for at in 0..n {
                let mut pw = "a".repeat(n).into_bytes();
                pw[at] = 0xC3;
                let seen = s.scan(&pw);
                if n <= 16 {
                    assert_eq!(s.scan_short(&pw), seen);
                }
                assert_ne!(seen & ByteScan::NON_ASCII, 0, "{n} {at}");
                assert_ne!(s.fold_first(seen) & GENERAL, 0);
            }
        }
    }
}
