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
//! tables in registers. The grouping and the rest are the driver's
//! ([`Groups`]), which says why the draw is uniform.

use rand::Rng;

use super::fused::{Groups, Kernel, index};

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

/// The fused ASCII draw of one length.
#[derive(Debug)]
pub(super) struct AsciiDraw {
    /// First, middle and last alphabets.
    tables: Box<[Table; 3]>,
    groups: Groups,
}

impl AsciiDraw {
    /// The draw of `len` (≥ 1) characters, the first from `sets[0]`, the
    /// middle ones from `sets[1]` and the last from `sets[2]` (a single
    /// character from `sets[0]`), grouped as [`Groups::new`] says.
    /// `bits` gives each byte's set bits. `None` when an alphabet is not
    /// ASCII.
    pub(super) fn new(
        sets: [&[char]; 3],
        len: usize,
        groups: impl Iterator<Item = (usize, u64)>,
        bits: &[u64; 256],
    ) -> Option<AsciiDraw> {
        let table = |set: &[char]| -> Option<Table> {
            if set.len() > TABLE || !set.iter().all(char::is_ascii) {
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
        Some(AsciiDraw { tables, groups: Groups::new(groups, len)? })
    }

    /// Writes a uniform member of the product set into `out[..len]` and
    /// returns the OR of the set bits over it; `None` when `out` is
    /// shorter than the length.
    #[inline(always)]
    pub(super) fn draw<R: Rng + ?Sized>(
        &self,
        rng: &mut R,
        out: &mut [u8],
    ) -> Option<u64> {
        self.groups.draw(self, rng, out)
    }
}

impl Kernel for AsciiDraw {
    type Seen = u64;

    #[inline(always)]
    fn first(&self, x: &mut u64, out: &mut u8) -> u64 {
        step(x, &self.tables[0], out)
    }

    #[inline(always)]
    fn middle(&self, x: &mut u64, out: &mut u8) -> u64 {
        step(x, &self.tables[1], out)
    }

    #[inline(always)]
    fn last(&self, x: &mut u64, out: &mut u8) -> u64 {
        step(x, &self.tables[2], out)
    }
}

/// One position: its byte written and its bits returned.
#[inline(always)]
fn step(x: &mut u64, t: &Table, out: &mut u8) -> u64 {
    let k = index(x, t.n, TABLE);
    *out = t.bytes[k];
    t.bits[k]
}
