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

use crate::verdict::{Code, fail_word};

/// Class tables cover at most this many distinct classes (4,096 entries).
const CLASS_TABLE_BITS: usize = 12;

/// Flag of a fast-path word: the password needs the general path (a
/// non-ASCII byte, or a checker with rules the tables do not answer). Never
/// in a [`Verdict`](crate::Verdict): `Verdict::from_word` clears it.
pub(super) const GENERAL: u64 = 1 << 63;

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
    /// Chunk `k` maps bits `8k..8k+8` of a seen-set to class bits and a
    /// verdict word (refusing targets, flags). Most checkers have at most
    /// 8 equivalence classes: their one chunk's words also hold the
    /// class rules' failures, so a fold is one load.
    first: Box<SeenChunk>,
    rest: Vec<SeenChunk>,
    /// The class rules, for checkers with more than one chunk.
    classes: Option<ClassTable>,
}

#[derive(Clone, Debug)]
struct SeenChunk {
    classes: [u64; 256],
    words: [u64; 256],
}

impl ByteScan {
    /// The seen-set bit of non-ASCII bytes.
    pub(super) const NON_ASCII: u64 = 1;

    /// `None` when the ASCII bytes fall into more than 63 equivalence
    /// classes (the checker then checks every password on the general
    /// path). `user_chars`: the lower-cased ASCII bytes of the user-name
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
            let mut chunk =
                Box::new(SeenChunk { classes: [0; 256], words: [0; 256] });
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
                if single {
                    word |= class_word(class_table, chunk.classes[set]);
                }
                chunk.words[set] = word;
            }
            chunk
        });
        // `keys` holds class 0 at least, so there is a first chunk.
        let first = chunks.next()?;
        let rest: Vec<SeenChunk> = chunks.map(|c| *c).collect();
        // User-name characters above the chunks, when they fit.
        let base = 8 * chunk_count;
        if user_chars.len() <= 64 - base {
            for (j, &u) in user_chars.iter().enumerate() {
                let bit = 1u64 << (base + j);
                bits[usize::from(u.to_ascii_lowercase())] |= bit;
                bits[usize::from(u.to_ascii_uppercase())] |= bit;
            }
        }
        let classes = class_table.filter(|_| !single).cloned();
        Some(ByteScan { bits, first, rest, classes })
    }

    /// The seen-set bits standing for the user-name characters `chars`
    /// (lower-cased, each in the `user_chars` given to `new`), or 0 when
    /// they got none: a pattern can only occur when all its bits are seen.
    pub(super) fn user_bits(&self, chars: &[u8]) -> u64 {
        let chunks = 8 * (self.rest.len() as u32 + 1);
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
    /// occurring in `bytes`.
    #[inline(always)]
    pub(super) fn scan(&self, bytes: &[u8]) -> u64 {
        let bits = &self.bits;
        let bit = |b: u8| bits[usize::from(b)];
        let four = |q: &[u8; 4]| bit(q[0]) | bit(q[1]) | bit(q[2]) | bit(q[3]);
        let eight = |q: &[u8; 8]| {
            bit(q[0])
                | bit(q[1])
                | bit(q[2])
                | bit(q[3])
                | bit(q[4])
                | bit(q[5])
                | bit(q[6])
                | bit(q[7])
        };
        // A set is indifferent to bytes seen twice: the tail is one
        // block overlapping the last full one, not a loop. The blocks lie
        // within `bytes[..n - 1]`, so the tail always adds a byte.
        if let Some(tail) = bytes.last_chunk::<8>() {
            let (blocks, _) = bytes[..bytes.len() - 1].as_chunks::<8>();
            let mut seen = eight(tail);
            for q in blocks {
                seen |= eight(q);
            }
            seen
        } else if let (Some(head), Some(tail)) =
            (bytes.first_chunk::<4>(), bytes.last_chunk::<4>())
        {
            four(head) | four(tail)
        } else {
            bytes.iter().fold(0, |seen, &b| seen | bit(b))
        }
    }

    /// The verdict word of a seen-set: refusing targets, the class rules,
    /// and [`GENERAL`] when the password needs the general path.
    #[inline(always)]
    pub(super) fn fold(&self, seen: u64) -> u64 {
        let word = self.first.words[usize::from(seen as u8)];
        if self.rest.is_empty() {
            return word;
        }
        self.fold_rest(seen, word)
    }

    /// [`ByteScan::fold`] past the first chunk: the class bits of every
    /// chunk, then the class rules.
    #[inline(never)]
    fn fold_rest(&self, seen: u64, first: u64) -> u64 {
        let mut word = first;
        let mut present = self.first.classes[usize::from(seen as u8)];
        for (k, chunk) in self.rest.iter().enumerate() {
            let i = usize::from((seen >> (8 * (k + 1))) as u8);
            present |= chunk.classes[i];
            word |= chunk.words[i];
        }
        word | class_word(self.classes.as_ref(), present)
    }
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
        };
        for l in 0..size {
            let fails = table.slow(l as u32);
            table.table.push(fails);
            table.words.push(length_word(fails));
        }
        table
    }

    /// [`LengthTable::fails`] as a verdict word; `len` in bytes (a
    /// `usize`, saturated past `u32::MAX` as the verdict's lengths are).
    #[inline(always)]
    pub(super) fn word(&self, len: usize) -> u64 {
        match self.words.get(len) {
            Some(&w) => w,
            None => self.slow_word(len),
        }
    }

    #[inline(never)]
    fn slow_word(&self, len: usize) -> u64 {
        length_word(self.slow(u32::try_from(len).unwrap_or(u32::MAX)))
    }

    /// The targets `len` is too short and too long for.
    #[inline]
    pub(super) fn fails(&self, len: u32) -> (u16, u16) {
        match self.table.get(len as usize) {
            Some(&fails) => fails,
            None => self.slow(len),
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

/// All user-name patterns as one shift-and automaton: pattern `p` owns
/// bits `start[p]..start[p]+len[p]` of the state; a byte keeps a bit alive
/// when it matches (case-folded when the pattern is case-insensitive) the
/// pattern character at that bit.
#[derive(Clone, Debug)]
pub(super) struct Bitap {
    masks: [u64; 256],
    starts: u64,
    /// The last bit of each pattern, in pattern order, and all of them.
    ends: Vec<u64>,
    any_end: u64,
}

impl Bitap {
    /// `patterns`: (pattern text, case-sensitive). `None` when a pattern
    /// is not ASCII or they need more than 64 bits together.
    pub(super) fn new<'a>(
        patterns: impl Iterator<Item = (&'a str, bool)>,
    ) -> Option<Bitap> {
        let mut bitap =
            Bitap { masks: [0; 256], starts: 0, ends: Vec::new(), any_end: 0 };
        let mut offset = 0usize;
        for (text, case_sensitive) in patterns {
            if !text.is_ascii() || text.is_empty() || offset + text.len() > 64
            {
                return None;
            }
            bitap.starts |= 1 << offset;
            for (j, b) in text.bytes().enumerate() {
                let bit = 1u64 << (offset + j);
                if case_sensitive {
                    bitap.masks[usize::from(b)] |= bit;
                } else {
                    // The pattern is already folded (lower case).
                    bitap.masks[usize::from(b.to_ascii_lowercase())] |= bit;
                    bitap.masks[usize::from(b.to_ascii_uppercase())] |= bit;
                }
            }
            offset += text.len();
            bitap.ends.push(1 << (offset - 1));
            bitap.any_end |= 1 << (offset - 1);
        }
        Some(bitap)
    }

    /// Bit `p` set when pattern `p` occurs in `bytes`.
    #[inline]
    pub(super) fn find(&self, bytes: &[u8]) -> u64 {
        let (mut state, mut ever) = (0u64, 0u64);
        for &b in bytes {
            state = ((state << 1) | self.starts) & self.masks[usize::from(b)];
            ever |= state;
        }
        if ever & self.any_end == 0 {
            return 0; // the common case: no user name in the password
        }
        self.ends
            .iter()
            .enumerate()
            .fold(0, |hits, (p, &end)| hits | u64::from(ever & end != 0) << p)
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

    #[test]
    fn class_table_counts_k_of_n_and_required() {
        // Target 0: 2 of classes {0,1,2}; target 1: class 3 required.
        let t = ClassTable::new(4, &[(0b0111, 2, 0), (0, 0, 0b1000)])
            .expect("small");
        assert_eq!(t.fails(0b0001), (1, 2));
        assert_eq!(t.fails(0b1011), (0, 0));
        assert_eq!(t.fails(0b1000), (1, 0));
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
            assert_eq!(s.fold(seen) & GENERAL, 0);
            // "é" anywhere, at every length: the overlapping blocks see
            // every byte.
            for at in 0..n {
                let mut pw = "a".repeat(n).into_bytes();
                pw[at] = 0xC3;
                let seen = s.scan(&pw);
                assert_ne!(seen & ByteScan::NON_ASCII, 0, "{n} {at}");
                assert_ne!(s.fold(seen) & GENERAL, 0);
            }
        }
    }
}
