//! The rejection draw for ASCII alphabets whose acceptance the checker's
//! seen-set decides: the class test fused into the draw.
//!
//! [`Rejection`](super::reject::Rejection) draws position by position from
//! per-position slots (a size and a start in one table), which costs two
//! loads and an add per character on top of the draw itself. Here the
//! positions of a group are split once into the first character, the
//! middle ones and the last, each read from a table of its own: a middle
//! character is one multiply, one masked load of its byte, one store and
//! one masked load of its seen-set bits, with the alphabet size and the
//! tables in registers. The words, the grouping and the mixed-radix split
//! are [`draw_group`](super::reject)'s exactly (the tests compare the
//! bytes), so the argument for uniformity there holds unchanged.

use rand::Rng;

/// Entries of one position's table: an ASCII alphabet has at most 128
/// characters, so an index below the alphabet size, masked with
/// `TABLE - 1`, stays the same and needs no bounds check.
const TABLE: usize = 128;

/// One position kind's alphabet: its size, its bytes and the checker's
/// seen-set bits of each, by index.
#[derive(Debug)]
struct Table {
    n: u64,
    bytes: [u8; TABLE],
    bits: [u64; TABLE],
}

/// Consecutive positions drawn from one 64-bit word (the first group's
/// start with the first character, the last group's end with the last).
#[derive(Clone, Copy, Debug)]
struct Plan {
    n: u32,
    /// 2^64 mod N, N the product of the group's alphabet sizes.
    reject_below: u64,
}

/// What the rules track when it is only which classes a password has (no
/// minimum over 1, no user names, refused values or run limit): the
/// generator's automaton then is the lattice of class sets, and whether
/// a draw passes is one lookup by the set of classes its characters are
/// in, gathered as they are drawn.
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

/// The fused ASCII draw of one length.
#[derive(Debug)]
pub(super) struct AsciiDraw {
    /// First, middle and last alphabets.
    tables: Box<[Table; 3]>,
    groups: Vec<Plan>,
    len: usize,
    /// Whether each entry of `bits` holds its byte in its low 8 bits (and
    /// the set bits above): a character is then one load, not two.
    packed: bool,
}

impl AsciiDraw {
    /// The draw of `len` (≥ 1) characters, the first from `sets[0]`, the
    /// middle ones from `sets[1]` and the last from `sets[2]` (a single
    /// character from `sets[0]`), grouped as `groups` gives it: (number
    /// of positions, 2^64 mod the product of their sizes), in order.
    /// `bits` gives each byte's set bits; `packed`: with the byte itself
    /// in the low 8 bits (then [`AsciiDraw::draw`]'s set is shifted).
    /// `None` when an alphabet is not ASCII, or `bits` not packed as said.
    pub(super) fn new(
        sets: [&[char]; 3],
        len: usize,
        groups: impl Iterator<Item = (usize, u64)>,
        bits: &[u64; 256],
        packed: bool,
    ) -> Option<AsciiDraw> {
        let table = |set: &[char]| -> Option<Table> {
            if set.len() > TABLE || !set.iter().all(char::is_ascii) {
                return None;
            }
            let mispacked = |&c: &char| bits[c as usize] & 0xFF != c as u64;
            if packed && set.iter().any(mispacked) {
                return None;
            }
            let mut t = Table {
                n: set.len() as u64,
                bytes: [0; TABLE],
                bits: [0; TABLE],
            };
            for (k, &c) in set.iter().enumerate() {
                t.bytes[k] = c as u8;
                t.bits[k] = bits[usize::from(c as u8)];
            }
            Some(t)
        };
        let tables =
            Box::new([table(sets[0])?, table(sets[1])?, table(sets[2])?]);
        let mut plans = Vec::new();
        let mut pos = 0;
        for (n, reject_below) in groups.filter(|&(n, _)| n > 0) {
            plans.push(Plan { n: u32::try_from(n).ok()?, reject_below });
            pos += n;
        }
        (pos == len).then_some(AsciiDraw {
            tables,
            groups: plans,
            len,
            packed,
        })
    }

    /// Whether the draw's set comes from packed entries (see `new`).
    pub(super) fn is_packed(&self) -> bool {
        self.packed
    }

    /// Writes a uniform member of the product set into `out[..len]` and
    /// returns the OR of the set bits over it (for `PACKED`, the draw's
    /// packing, the OR of the packed entries: the set shifted left by 8,
    /// under garbage in the low byte); `None` when `out` is shorter than
    /// the length.
    #[inline(always)]
    pub(super) fn draw<const PACKED: bool, R: Rng + ?Sized>(
        &self,
        rng: &mut R,
        out: &mut [u8],
    ) -> Option<u64> {
        let out = out.get_mut(..self.len)?;
        // The first group holds the first character and the last group
        // the last (when there are two or more): each kind of group is
        // its own code, with no per-group test of what it holds.
        let (g0, rest) = self.groups.split_first()?;
        let Some((gl, mid)) = rest.split_last() else {
            return if self.len >= 2 {
                self.group::<PACKED, true, true, R>(rng, g0, out)
            } else {
                self.group::<PACKED, true, false, R>(rng, g0, out)
            };
        };
        let (head, mut rest) = out.split_at_mut_checked(g0.n as usize)?;
        let mut seen = self.group::<PACKED, true, false, R>(rng, g0, head)?;
        for g in mid {
            let (here, after) = std::mem::take(&mut rest)
                .split_at_mut_checked(g.n as usize)?;
            seen |= self.group::<PACKED, false, false, R>(rng, g, here)?;
            rest = after;
        }
        seen |= self.group::<PACKED, false, true, R>(rng, gl, rest)?;
        Some(seen)
    }

    /// One group of `out.len()` positions, the first character among them
    /// when `HEAD` and the last when `TAIL`: Lemire's method for the
    /// product of their sizes, the indices read off the word from the
    /// first position on (as `draw_group`), a rejected word's bytes
    /// overwritten and its bits not counted.
    #[inline(always)]
    fn group<
        const PACKED: bool,
        const HEAD: bool,
        const TAIL: bool,
        R: Rng + ?Sized,
    >(
        &self,
        rng: &mut R,
        g: &Plan,
        out: &mut [u8],
    ) -> Option<u64> {
        let [first, middle, last] = &*self.tables;
        let (head, rest) = out.split_at_mut_checked(usize::from(HEAD))?;
        let split = rest.len().checked_sub(usize::from(TAIL))?;
        let (mids, tail) = rest.split_at_mut_checked(split)?;
        loop {
            let mut x = rng.next_u64();
            let mut seen = 0;
            for o in head.iter_mut() {
                seen |= step::<PACKED>(&mut x, first, o);
            }
            for o in mids.iter_mut() {
                seen |= step::<PACKED>(&mut x, middle, o);
            }
            for o in tail.iter_mut() {
                seen |= step::<PACKED>(&mut x, last, o);
            }
            if x >= g.reject_below {
                return Some(seen);
            }
        }
    }
}

/// One position: the index is the high word of `x · n`, the low word
/// the rest of the draw.
#[inline(always)]
fn step<const PACKED: bool>(x: &mut u64, t: &Table, out: &mut u8) -> u64 {
    let m = u128::from(*x) * u128::from(t.n);
    *x = m as u64;
    let k = (m >> 64) as usize & (TABLE - 1);
    if PACKED {
        let entry = t.bits[k];
        *out = entry as u8;
        entry
    } else {
        *out = t.bytes[k];
        t.bits[k]
    }
}
