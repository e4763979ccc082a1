//! The driver of the fused ASCII draws ([`AsciiDraw`](super::ascii) and
//! [`ClassDraw`](super::pairs)): the grouping of positions, Lemire's
//! rejection per group, and the split of each group into its first,
//! middle and last characters, with the characters themselves written by
//! a [`Kernel`].
//!
//! The words, the grouping and the mixed-radix split are
//! [`draw_group`](super::reject)'s exactly (the tests compare the bytes),
//! so the argument for uniformity there holds unchanged.

use std::ops::BitOrAssign;

use rand::Rng;

/// How one kind of fused draw writes characters: each call takes the
/// next index off the word `x` (the high word of `x · n`, `x` becoming
/// the low word), writes its byte(s) and returns what acceptance needs of
/// it, which the driver ORs up over the password.
pub(super) trait Kernel {
    /// What a draw gathers: a set of bits.
    type Seen: Copy + Default + BitOrAssign;
    /// The first character.
    fn first(&self, x: &mut u64, out: &mut u8) -> Self::Seen;
    /// A middle character.
    fn middle(&self, x: &mut u64, out: &mut u8) -> Self::Seen;
    /// The last character.
    fn last(&self, x: &mut u64, out: &mut u8) -> Self::Seen;
    /// Two middle characters, the first of them first.
    #[inline(always)]
    fn pair(&self, x: &mut u64, out: &mut [u8; 2]) -> Self::Seen {
        two(x, out, |x, o| self.middle(x, o), |x, o| self.middle(x, o))
    }
    /// The first character and a middle one after it.
    #[inline(always)]
    fn first_pair(&self, x: &mut u64, out: &mut [u8; 2]) -> Self::Seen {
        two(x, out, |x, o| self.first(x, o), |x, o| self.middle(x, o))
    }
    /// A middle character and the last after it.
    #[inline(always)]
    fn last_pair(&self, x: &mut u64, out: &mut [u8; 2]) -> Self::Seen {
        two(x, out, |x, o| self.middle(x, o), |x, o| self.last(x, o))
    }
}

/// Two characters one after the other, by `a` then `b`.
#[inline(always)]
fn two<S: BitOrAssign>(
    x: &mut u64,
    [c0, c1]: &mut [u8; 2],
    a: impl FnOnce(&mut u64, &mut u8) -> S,
    b: impl FnOnce(&mut u64, &mut u8) -> S,
) -> S {
    let mut seen = a(x, c0);
    seen |= b(x, c1);
    seen
}

/// Consecutive positions drawn from one 64-bit word (the first group's
/// start with the first character, the last group's end with the last).
#[derive(Clone, Copy, Debug)]
struct Plan {
    n: u32,
    /// 2^64 mod N, N the product of the group's alphabet sizes.
    reject_below: u64,
}

/// The groups of one length, split once for the draw.
#[derive(Debug)]
pub(super) struct Groups {
    /// The group of the first character.
    first: Plan,
    /// The groups between.
    mid: Vec<Plan>,
    /// The group of the last character when it is not the first's.
    last: Option<Plan>,
    len: usize,
}

impl Groups {
    /// `len` (≥ 1) positions grouped as `groups` gives it: (number of
    /// positions, 2^64 mod the product of their sizes), in order; `None`
    /// unless they add up to `len`.
    pub(super) fn new(
        groups: impl Iterator<Item = (usize, u64)>,
        len: usize,
    ) -> Option<Groups> {
        let mut plans = Vec::new();
        let mut pos = 0;
        for (n, reject_below) in groups.filter(|&(n, _)| n > 0) {
            plans.push(Plan { n: u32::try_from(n).ok()?, reject_below });
            pos += n;
        }
        if pos != len || plans.is_empty() {
            return None;
        }
        let first = plans.remove(0);
        let last = plans.pop();
        Some(Groups { first, mid: plans, last, len })
    }

    /// The length, in characters (and bytes).
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Writes a uniform member of the product set into `out[..len]` and
    /// returns the OR of what `k` returns over it; `None` when `out` is
    /// shorter than the length.
    #[inline(always)]
    pub(super) fn draw<K: Kernel, R: Rng + ?Sized>(
        &self,
        k: &K,
        rng: &mut R,
        out: &mut [u8],
    ) -> Option<K::Seen> {
        let out = out.get_mut(..self.len)?;
        // The first group holds the first character and the last group
        // the last (when there are two or more): each kind of group is
        // its own code, with no per-group test of what it holds.
        let g0 = &self.first;
        let Some(gl) = &self.last else {
            return if self.len >= 2 {
                group::<true, true, K, R>(k, rng, g0, out)
            } else {
                group::<true, false, K, R>(k, rng, g0, out)
            };
        };
        let (head, mut rest) = out.split_at_mut_checked(g0.n as usize)?;
        let mut seen = group::<true, false, K, R>(k, rng, g0, head)?;
        for g in &self.mid {
            let (here, after) = std::mem::take(&mut rest)
                .split_at_mut_checked(g.n as usize)?;
            seen |= group::<false, false, K, R>(k, rng, g, here)?;
            rest = after;
        }
        seen |= group::<false, true, K, R>(k, rng, gl, rest)?;
        Some(seen)
    }
}

/// One group of `out.len()` positions, the first character among them
/// when `HEAD` and the last when `TAIL`. The group is handed to [`fill`]
/// as an array of its exact length when it is at most 18 (every group of
/// an alphabet of 10 or more characters), so that each length is its own
/// straight code, without the loop set-up and remainder tests that cost
/// more than the draw itself at 16 characters.
#[inline(always)]
fn group<const HEAD: bool, const TAIL: bool, K: Kernel, R: Rng + ?Sized>(
    k: &K,
    rng: &mut R,
    g: &Plan,
    out: &mut [u8],
) -> Option<K::Seen> {
    macro_rules! by_len {
        ($($m:literal)*) => {
            match out.len() {
                $($m => {
                    let out: &mut [u8; $m] = out.try_into().ok()?;
                    fill::<HEAD, TAIL, K, R>(k, rng, g, out)
                })*
                _ => fill_any::<HEAD, TAIL, K, R>(k, rng, g, out),
            }
        };
    }
    by_len!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18)
}

/// [`fill`] for groups over 18 characters (alphabets of under 10), out of
/// line: its loops' set-up, inlined, would be paid by every draw.
#[cold]
#[inline(never)]
fn fill_any<const HEAD: bool, const TAIL: bool, K: Kernel, R: Rng + ?Sized>(
    k: &K,
    rng: &mut R,
    g: &Plan,
    out: &mut [u8],
) -> Option<K::Seen> {
    fill::<HEAD, TAIL, K, R>(k, rng, g, out)
}

/// Draws one group until its word is accepted: Lemire's method for the
/// product of their sizes, the indices read off the word from the first
/// position on, two at a time where the kernel has a pair for them (the
/// first character with a middle one after it, two middle ones, a middle
/// one with the last), a rejected word's bytes overwritten and its bits
/// not counted. `None` when `out` is shorter than its first and last.
#[inline(always)]
fn fill<const HEAD: bool, const TAIL: bool, K: Kernel, R: Rng + ?Sized>(
    k: &K,
    rng: &mut R,
    g: &Plan,
    out: &mut [u8],
) -> Option<K::Seen> {
    let mids = out.len().checked_sub(usize::from(HEAD) + usize::from(TAIL))?;
    // The first character pairs with the middle one after it, the last
    // with the middle one before it, while there is one left.
    let head_pair = HEAD && mids >= 1;
    let tail_pair = TAIL && mids > usize::from(head_pair);
    let (mut hp, rest) = match head_pair {
        true => out.split_first_chunk_mut().map(|(p, r)| (Some(p), r))?,
        false => (None, out),
    };
    let (mut hs, rest) = match HEAD && !head_pair {
        true => rest.split_first_mut().map(|(c, r)| (Some(c), r))?,
        false => (None, rest),
    };
    let (mut tp, rest) = match tail_pair {
        true => rest.split_last_chunk_mut().map(|(r, p)| (Some(p), r))?,
        false => (None, rest),
    };
    let (mut ts, rest) = match TAIL && !tail_pair {
        true => rest.split_last_mut().map(|(c, r)| (Some(c), r))?,
        false => (None, rest),
    };
    let (pairs, odd) = rest.as_chunks_mut::<2>();
    loop {
        let mut x = rng.next_u64();
        let mut seen = K::Seen::default();
        if let Some(p) = hp.as_deref_mut() {
            seen |= k.first_pair(&mut x, p);
        }
        if let Some(o) = hs.as_deref_mut() {
            seen |= k.first(&mut x, o);
        }
        for p in pairs.iter_mut() {
            seen |= k.pair(&mut x, p);
        }
        for o in odd.iter_mut() {
            seen |= k.middle(&mut x, o);
        }
        if let Some(p) = tp.as_deref_mut() {
            seen |= k.last_pair(&mut x, p);
        }
        if let Some(o) = ts.as_deref_mut() {
            seen |= k.last(&mut x, o);
        }
        if x >= g.reject_below {
            return Some(seen);
        }
    }
}

/// One draw below `n`: the index is the high word of `x · n` (masked to
/// `size`, a power of two it is below: no bounds check), the low word the
/// rest of the draw.
#[inline(always)]
pub(super) fn index(x: &mut u64, n: u64, size: usize) -> usize {
    let m = u128::from(*x) * u128::from(n);
    *x = m as u64;
    (m >> 64) as usize & (size - 1)
}
