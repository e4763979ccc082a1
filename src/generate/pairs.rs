//! The rejection draw for ASCII alphabets when the rules track only which
//! classes a password has: two characters per table load.
//!
//! Acceptance is then one lookup by the set of classes seen
//! ([`ClassSets`]), so every entry of the tables holds its byte(s) in the
//! low 16 bits and its classes above them, and the draw ORs the entries
//! up. Two consecutive characters `k0 < n0`, `k1 < n1` (two middle ones,
//! the first and a middle one, or a middle one and the last) come from one
//! multiply by `n0 · n1` and one load of the entry at `k0 · n1 + k1`: with
//! `x` the word, `x · n0 · n1` is `(k0 · n1 + k1) · 2^64 + r` for the same
//! `k0`, `k1` and `r` that multiplying by `n0` then `n1` gives (the
//! induction of `draw_group`'s argument in `reject.rs`, applied to the
//! product `n0 · n1`). So the bytes are the slot-by-slot draw's (the
//! tests compare them), and the argument for uniformity there holds
//! unchanged; the grouping is the driver's ([`Groups`]).
//!
//! The three pair tables take 192 KiB a sampler (16,384 entries of 4
//! bytes each, a power of two so that a masked index needs no bounds
//! check); they save two lookups of the ten a 16-character password of 91
//! characters costs.

use rand::Rng;

use super::fused::{Groups, Kernel, index};

/// By atom of the model, its classes as bits, and by set of classes, the
/// automaton's acceptance: what the rules track when it is only which
/// classes a password has (no minimum over 1, no user names, refused
/// values or run limit). The automaton is then the lattice of class sets.
#[derive(Debug)]
pub(crate) struct ClassSets {
    /// Per atom of the model, its classes as bits.
    pub(crate) masks: Vec<u64>,
    /// By set of classes seen, whether a password with exactly those is
    /// accepted (the automaton's acceptance of the state it reaches).
    pub(crate) accept: Vec<bool>,
}

impl ClassSets {
    /// Most classes tracked as a set: a table of 4,096 entries.
    pub(crate) const MAX_CLASSES: usize = 12;
}

/// Entries of one position kind's table: an ASCII alphabet has at most
/// 128 characters, so an index below its size, masked with `ONE - 1`,
/// stays the same and needs no bounds check.
const ONE: usize = 128;

/// Entries of a pair table: `k0 · n1 + k1 < n0 · n1 ≤ 128²`.
const PAIR: usize = ONE * ONE;

/// Entries of the acceptance table, by class set.
const SETS: usize = 1 << ClassSets::MAX_CLASSES;

/// Where each table starts in [`ClassDraw::table`]: the first, middle and
/// last characters'; the pairs of two middle ones, of the first and a
/// middle one, and of a middle one and the last; then the acceptance by
/// set.
const FIRST: usize = 0;
const MIDDLE: usize = ONE;
const LAST: usize = 2 * ONE;
const PAIRS: usize = 3 * ONE;
const FIRST_PAIRS: usize = PAIRS + PAIR;
const LAST_PAIRS: usize = FIRST_PAIRS + PAIR;
const ACCEPT: usize = LAST_PAIRS + PAIR;
const TABLE: usize = ACCEPT + SETS;

/// The bit where an entry's classes start (its bytes are below).
const SHIFT: u32 = 16;

/// The class-set draw of one length.
#[derive(Debug)]
pub(super) struct ClassDraw {
    /// Every table in one array of fixed size, at the offsets above, so
    /// that each load is one instruction off one base register.
    table: Box<[u32; TABLE]>,
    /// The first, middle and last alphabets' sizes.
    n: [u64; 3],
    /// The sizes of the pairs: two middle, first and middle, middle and
    /// last.
    nn: [u64; 3],
    groups: Groups,
}

impl ClassDraw {
    /// The draw of `len` (≥ 1) characters, the first from `sets[0]`, the
    /// middle ones from `sets[1]` and the last from `sets[2]` (a single
    /// character from `sets[0]`), grouped as [`Groups::new`] says.
    /// `mask` gives each character's classes and `classes.accept` the
    /// acceptance by set. `None` when an alphabet is not ASCII.
    pub(super) fn new(
        sets: [&[char]; 3],
        len: usize,
        groups: impl Iterator<Item = (usize, u64)>,
        mask: impl Fn(char) -> u64,
        classes: &ClassSets,
    ) -> Option<ClassDraw> {
        let ascii =
            |set: &[char]| set.len() <= ONE && set.iter().all(char::is_ascii);
        if !sets.iter().all(|s| ascii(s))
            || classes.accept.len() > SETS
            || classes.masks.iter().any(|&m| m >= SETS as u64)
        {
            return None;
        }
        let classes_of = |c: char| (mask(c) as u32) << SHIFT;
        let entry = |c: char| c as u32 | classes_of(c);
        let mut table: Box<[u32; TABLE]> =
            vec![0u32; TABLE].into_boxed_slice().try_into().ok()?;
        for (set, base) in sets.iter().zip([FIRST, MIDDLE, LAST]) {
            for (k, &c) in set.iter().enumerate() {
                table[base + k] = entry(c);
            }
        }
        // Each pair from the single entries just written: the second
        // byte moved up, the classes ORed.
        let [first, middle, last] =
            [FIRST, MIDDLE, LAST].map(|base| table[base..base + ONE].to_vec());
        let n = sets.map(<[char]>::len);
        let pairs = [
            (&middle[..n[1]], &middle[..n[1]], PAIRS),
            (&first[..n[0]], &middle[..n[1]], FIRST_PAIRS),
            (&middle[..n[1]], &last[..n[2]], LAST_PAIRS),
        ];
        for (a, b, base) in pairs {
            // `chunks_mut` needs a non-zero size; an empty alphabet has
            // no pairs.
            if b.is_empty() {
                continue;
            }
            for (row, &e0) in table[base..].chunks_mut(b.len()).zip(a) {
                for (t, &e1) in row.iter_mut().zip(b) {
                    *t = e0 | (e1 & 0xFF) << 8 | (e1 & !0xFFFF);
                }
            }
        }
        for (set, &ok) in classes.accept.iter().enumerate() {
            table[ACCEPT + set] = u32::from(ok);
        }
        let n = n.map(|n| n as u64);
        Some(ClassDraw {
            table,
            n,
            nn: [n[1] * n[1], n[0] * n[1], n[1] * n[2]],
            groups: Groups::new(groups, len)?,
        })
    }

    /// Draws members of the product set into `buf` until one has an
    /// accepted set of classes, at most `attempts` times; returns its
    /// length in bytes (`None`: out of attempts, or `buf` too short).
    /// Debug builds ask `check` (the checker) of every draw, refused ones
    /// too, that it agrees: a draw refused here but compliant would bias
    /// the output.
    #[inline(always)]
    pub(super) fn draw_accepted<R: Rng + ?Sized>(
        &self,
        rng: &mut R,
        buf: &mut [u8],
        attempts: u32,
        check: impl Fn(&[u8]) -> bool,
    ) -> Option<usize> {
        let out = buf.get_mut(..self.groups.len())?;
        for _ in 0..attempts {
            let seen = self.draw(rng, out)?;
            let ok = self.accepts(seen);
            debug_assert_eq!(
                ok,
                check(out),
                "the generator's class sets and its checker disagree"
            );
            if ok {
                return Some(self.groups.len());
            }
        }
        None
    }

    /// Whether a password with the classes `seen` is accepted.
    #[inline(always)]
    pub(super) fn accepts(&self, seen: u32) -> bool {
        self.table[ACCEPT + (seen as usize & (SETS - 1))] != 0
    }

    /// Writes a uniform member of the product set into `out[..len]` and
    /// returns the set of classes it has; `None` when `out` is shorter
    /// than the length.
    #[inline(always)]
    pub(super) fn draw<R: Rng + ?Sized>(
        &self,
        rng: &mut R,
        out: &mut [u8],
    ) -> Option<u32> {
        Some(self.groups.draw(self, rng, out)? >> SHIFT)
    }
}

impl ClassDraw {
    /// Two characters from the pair table at `base`, of `n` entries.
    #[inline(always)]
    fn two(&self, x: &mut u64, base: usize, n: u64, out: &mut [u8; 2]) -> u32 {
        let e = self.table[base + index(x, n, PAIR)];
        *out = (e as u16).to_le_bytes();
        e
    }
}

impl Kernel for ClassDraw {
    type Seen = u32;

    #[inline(always)]
    fn first(&self, x: &mut u64, out: &mut u8) -> u32 {
        let e = self.table[FIRST + index(x, self.n[0], ONE)];
        *out = e as u8;
        e
    }

    #[inline(always)]
    fn middle(&self, x: &mut u64, out: &mut u8) -> u32 {
        let e = self.table[MIDDLE + index(x, self.n[1], ONE)];
        *out = e as u8;
        e
    }

    #[inline(always)]
    fn last(&self, x: &mut u64, out: &mut u8) -> u32 {
        let e = self.table[LAST + index(x, self.n[2], ONE)];
        *out = e as u8;
        e
    }

    /// One multiply by `n²` and one load: see the module's doc.
    #[inline(always)]
    fn pair(&self, x: &mut u64, out: &mut [u8; 2]) -> u32 {
        self.two(x, PAIRS, self.nn[0], out)
    }

    #[inline(always)]
    fn first_pair(&self, x: &mut u64, out: &mut [u8; 2]) -> u32 {
        self.two(x, FIRST_PAIRS, self.nn[1], out)
    }

    #[inline(always)]
    fn last_pair(&self, x: &mut u64, out: &mut [u8; 2]) -> u32 {
        self.two(x, LAST_PAIRS, self.nn[2], out)
    }
}
