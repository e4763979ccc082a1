//! Drawing one password: rejection from the alphabet where it accepts
//! often, exact position-by-position sampling from the counts otherwise.
//!
//! # Why this is exactly uniform
//!
//! *Rejection.* Each character is drawn uniformly (the first from the
//! characters allowed first, the last from those allowed last), so every
//! string of the product set is equally likely; keeping only those the
//! checker accepts leaves every compliant string equally likely.
//!
//! *Exact.* At each position the next edge of the automaton is chosen with
//! probability `weight / total`, where `weight` is the number of compliant
//! completions through it; the character is then uniform within the edge's
//! atom. Multiplying along a walk, every compliant string has probability
//! `1 / count`. The choice compares a uniform real `U` in [0, 1) with the
//! cumulative fractions `C_j / total`: the first 64 bits of `U` decide
//! unless they equal `floor(C_j · 2^64 / total)` (probability at most
//! 2^-64 per boundary), in which case further bits are drawn and compared
//! with the exact fraction, computed from the big-integer counts. So the
//! hot path does no big-integer work, and the rare tie costs an allocation
//! but never a bias.
//!
//! *Mixture.* The sampler tries rejection a capped number of times, chosen
//! so that failing all of them has probability below 2^-64, then falls
//! back to the exact sampler. Either way the output is uniform, so the mix
//! is too.
//!
//! Integers below `n` come from Lemire's method with its rejection step
//! (exact), not from `rand`'s `random_range`, which is slightly biased
//! unless rand's `unbiased` feature is on. Rejection draws several
//! characters from one 64-bit word (see `draw_group` in `reject.rs`):
//! still Lemire's method, for the product of their alphabet sizes.

use std::sync::{Arc, OnceLock};

use num_bigint::BigUint;
use rand::{CryptoRng, Rng};
use zeroize::Zeroize;

use super::count::{Count, Rows};
use super::model::{Kind, Model};
use super::owned::CheckerRef;
use super::password::Password;
use super::reject::Rejection;
use crate::check::Checker;
use crate::error::{Error, Limit, LimitKind};

/// Rejection is used when it accepts at least this often.
const REJECTION_MIN_ACCEPT: f64 = 0.3;

/// Most table entries (positions × states × edges) an exact sampler holds.
const MAX_TABLE: usize = 1 << 22;

/// Most further 64-bit words drawn to settle a tie; reaching it has
/// probability 2^-4096, and then `U` is taken as not below the boundary.
const MAX_TIE_WORDS: usize = 64;

/// Draws passwords of one length, uniformly over every compliant one.
///
/// Made by [`Generator::sampler`](crate::Generator::sampler), which does
/// all the counting up front: drawing a password does no big-integer work
/// and, with [`Sampler::generate_into`], no allocation.
///
/// ```
/// use passpolicy::{Catalog, Generator};
/// use rand::SeedableRng;
///
/// let checker = Catalog::builtin().checker(&["tencent-cvm-v2/windows"])?;
/// let sampler = Generator::new(&checker)?.sampler(16)?;
/// let mut rng = rand::rngs::StdRng::seed_from_u64(7); // tests only
/// let mut buf = [0u8; 64];
/// let password = sampler.generate_into(&mut rng, &mut buf)?;
/// assert_eq!(password.len(), 16);
/// assert!(checker.check(password).is_ok());
/// # Ok::<(), passpolicy::Error>(())
/// ```
#[derive(Debug)]
pub struct Sampler<'c> {
    /// Shared rather than borrowed when made by
    /// [`OwnedGenerator`](crate::OwnedGenerator) (`Sampler<'static>`).
    checker: CheckerRef<'c>,
    model: Arc<Model>,
    len: u32,
    /// [`Sampler::max_bytes`], kept rather than computed on every draw.
    max_bytes: usize,
    count: Count,
    entropy: f64,
    /// Rejection tables and attempt cap, when rejection accepts often.
    rejection: Option<Rejection>,
    /// Built up front without rejection, on first need with it.
    exact: OnceLock<Result<Exact, Error>>,
}

/// Per position and state, the edges with their thresholds.
#[derive(Debug)]
struct Exact {
    /// `start[p * states + s]..start[p * states + s + 1]` indexes `edges`.
    start: Vec<u32>,
    edges: Vec<TableEdge>,
    states: usize,
    len: usize,
    rows: Rows,
    top: BigUint,
}

#[derive(Clone, Copy, Debug)]
struct TableEdge {
    /// floor(C_j · 2^64 / total), C_j the cumulative weight through this
    /// edge (unused on the last edge).
    threshold: u64,
    next: u32,
    atom: u32,
    kind: Kind,
}

impl<'c> Sampler<'c> {
    pub(crate) fn new(
        checker: impl Into<CheckerRef<'c>>,
        model: Arc<Model>,
        len: u32,
        rows: Rows,
        top: BigUint,
    ) -> Result<Sampler<'c>, Error> {
        let checker: CheckerRef<'c> = checker.into();
        let checker_ref: &Checker = &checker;
        let count = Count(top.clone());
        let entropy = count.log2();
        let (first, middle, last) = if len == 1 {
            (model.chars_at(true, true), Vec::new(), Vec::new())
        } else {
            (
                model.chars_at(true, false),
                model.chars_at(false, false),
                model.chars_at(false, true),
            )
        };
        // Exact acceptance of rejection: count / |product set|.
        let mut product = BigUint::from(first.len());
        if len >= 2 {
            product *= BigUint::from(middle.len()).pow(len - 2);
            product *= last.len();
        }
        let accept =
            (super::count::log2(&top) - super::count::log2(&product)).exp2();
        let nonempty = !first.is_empty()
            && (len == 1 || !middle.is_empty() && !last.is_empty());
        let rejection =
            (accept >= REJECTION_MIN_ACCEPT && nonempty).then(|| {
                // (1 - p)^k ≤ 2^-64.
                let k = (64.0 / -(1.0 - accept).log2()).ceil();
                let attempts =
                    if k.is_finite() { k.max(1.0) as u32 } else { 1 };
                Rejection::new(
                    (first, middle, last),
                    len,
                    attempts,
                    &model,
                    checker_ref,
                )
            });
        let sampler = Sampler {
            checker,
            max_bytes: len as usize * model.max_utf8,
            model,
            len,
            count,
            entropy,
            rejection,
            exact: OnceLock::new(),
        };
        if sampler.rejection.is_none() {
            let exact = Exact::build(&sampler.model, len, rows, top)?;
            let _ = sampler.exact.set(Ok(exact));
        }
        Ok(sampler)
    }

    /// The length, in characters (also bytes, UTF-16 units or graphemes
    /// for policies counting those: see [`Generator`](crate::Generator)).
    pub fn len(&self) -> u32 {
        self.len
    }

    /// Always false: a sampler's length is at least 1.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The exact number of compliant passwords of this length.
    pub fn count(&self) -> &Count {
        &self.count
    }

    /// The entropy of one draw: log2 of [`Sampler::count`].
    pub fn entropy_bits(&self) -> f64 {
        self.entropy
    }

    /// The buffer size [`Sampler::generate_into`] needs, in bytes.
    pub fn max_bytes(&self) -> usize {
        self.max_bytes
    }

    /// Whether draws start with rejection sampling (else exact sampling).
    pub fn uses_rejection(&self) -> bool {
        self.rejection.is_some()
    }

    /// The same sampler with rejection turned off, so that every draw
    /// takes the exact path; for tests of that path.
    ///
    /// # Errors
    ///
    /// [`Error::Limit`] when the exact tables are too large.
    #[doc(hidden)]
    pub fn without_rejection(mut self) -> Result<Sampler<'c>, Error> {
        if self.rejection.take().is_some() && self.exact.get().is_none() {
            let mut rows = Rows::new(&self.model);
            rows.extend_to(&self.model, self.len as usize - 1);
            let top = rows.total(&self.model, self.len);
            let exact = Exact::build(&self.model, self.len, rows, top)?;
            let _ = self.exact.set(Ok(exact));
        }
        Ok(self)
    }

    /// Draws a password with the caller's RNG.
    pub fn generate<R: CryptoRng + ?Sized>(&self, rng: &mut R) -> Password {
        let mut bytes = super::password::zeroed_buffer(self.max_bytes());
        let len = self.fill(rng, &mut bytes);
        // Bytes past `len` (from a longer refused draw) stay in the
        // capacity, which `Password`'s drop wipes whole.
        bytes.truncate(len);
        // Always UTF-8 (whole characters are written); were it not, wipe
        // the bytes rather than hand out a broken password.
        let text = String::from_utf8(bytes).unwrap_or_else(|e| {
            e.into_bytes().zeroize();
            String::new()
        });
        Password::new(text)
    }

    /// Draws a password with fresh randomness from the operating system:
    /// a ChaCha12 generator keyed for this password alone with 32 bytes
    /// from the OS (`getrandom`), so the password is safe across `fork`.
    ///
    /// # Fork
    ///
    /// A process that forks copies every user-space generator with it:
    /// rand's thread-local `rand::rng()` (and any RNG passed to
    /// [`Sampler::generate`]) gives parent and child the same passwords
    /// after a fork. This method keeps no state between passwords, so a
    /// forked child and its parent never share one; it costs one system
    /// call per password.
    ///
    /// # Panics
    ///
    /// If the operating system cannot provide randomness (as
    /// `rand::rng()` does): there is no safe password to return then.
    pub fn generate_os(&self) -> Password {
        use rand::SeedableRng;
        let mut rng =
            rand::rngs::StdRng::try_from_rng(&mut rand::rngs::SysRng)
                .unwrap_or_else(|e| {
                    panic!("the operating system gave no randomness: {e}")
                });
        self.generate(&mut rng)
    }

    /// Draws a password into `buf` and returns it; allocation-free. The
    /// caller should wipe `buf` when done (e.g. with `zeroize`).
    ///
    /// # Errors
    ///
    /// [`Error::BufferTooSmall`] when `buf` is shorter than
    /// [`Sampler::max_bytes`].
    pub fn generate_into<'b, R: CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        buf: &'b mut [u8],
    ) -> Result<&'b str, Error> {
        let need = self.max_bytes();
        if buf.len() < need {
            return Err(Error::BufferTooSmall { len: buf.len(), need });
        }
        let len = self.fill(rng, buf);
        std::str::from_utf8(&buf[..len])
            .map_err(|_| Error::Internal("generated text is not UTF-8"))
    }

    /// Writes a password into `buf` (at least [`Sampler::max_bytes`]
    /// long) and returns its length in bytes.
    #[inline(always)]
    fn fill<R: CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        buf: &mut [u8],
    ) -> usize {
        if let Some(r) = &self.rejection
            && let Some(n) = r.draw_accepted(rng, buf, &self.checker)
        {
            return n;
        }
        self.fill_exact(rng, buf)
    }

    /// [`Sampler::fill`] when rejection is off or ran out of attempts.
    #[inline(never)]
    fn fill_exact<R: CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        buf: &mut [u8],
    ) -> usize {
        let n = match self.exact.get_or_init(|| {
            let mut rows = Rows::new(&self.model);
            rows.extend_to(&self.model, self.len as usize - 1);
            let top = rows.total(&self.model, self.len);
            Exact::build(&self.model, self.len, rows, top)
        }) {
            Ok(exact) => self.draw_exact(exact, rng, buf),
            // Tables too large for this length: rejection accepts at least
            // 30% of the time, so keep drawing (as a uniform integer draw
            // does); 2^-64 of all calls come here at all.
            Err(_) => {
                let Some(r) = &self.rejection else { return 0 };
                loop {
                    let n = r.draw(rng, buf);
                    if r.accepts(&self.checker, &buf[..n]) {
                        return n;
                    }
                }
            }
        };
        debug_assert!(
            self.checker.accepts_bytes(&buf[..n]),
            "the generator made a password its checker refuses"
        );
        n
    }

    /// Writes an exactly sampled password into `buf`; returns its length.
    fn draw_exact<R: CryptoRng + ?Sized>(
        &self,
        t: &Exact,
        rng: &mut R,
        buf: &mut [u8],
    ) -> usize {
        let mut n = 0;
        let mut state = self.model.start as usize;
        // The previous character and its index in its atom (for runs).
        let mut prev = ('\0', 0u32);
        let mut bits = Bits::new();
        for p in 0..self.len as usize {
            let i = p * t.states + state;
            let (lo, hi) = (t.start[i] as usize, t.start[i + 1] as usize);
            let edges = &t.edges[lo..hi];
            let u = rng.next_u64();
            let mut chosen = edges.len() - 1;
            let mut extra: Vec<u64> = Vec::new();
            for (j, e) in edges[..edges.len() - 1].iter().enumerate() {
                let below_boundary = if u != e.threshold {
                    u < e.threshold
                } else {
                    t.tie(&self.model, p, state, j, rng, &mut extra)
                };
                if below_boundary {
                    chosen = j;
                    break;
                }
            }
            let e = edges[chosen];
            let atom = &self.model.atoms[e.atom as usize].chars;
            let k = match e.kind {
                Kind::Any if atom.len() == 1 => 0,
                Kind::Any => bits.below(rng, atom.len() as u32),
                Kind::Same => prev.1,
                Kind::Other => {
                    let k = bits.below(rng, atom.len() as u32 - 1);
                    if k >= prev.1 { k + 1 } else { k }
                }
            };
            let c = atom[k as usize];
            n += c.encode_utf8(&mut buf[n..]).len();
            prev = (c, k);
            state = e.next as usize;
        }
        n
    }
}

impl Exact {
    fn build(
        model: &Model,
        len: u32,
        rows: Rows,
        top: BigUint,
    ) -> Result<Exact, Error> {
        let states = model.edges.len();
        let len = len as usize;
        // Only states reachable at each position get edges.
        let mut reach = vec![false; states];
        reach[model.start as usize] = true;
        let mut start = Vec::with_capacity(len * states + 1);
        let mut edges = Vec::new();
        for p in 0..len {
            let rem = len - p;
            let (first, last) = (p == 0, p == len - 1);
            let mut next_reach = vec![false; states];
            for (s, &reached) in reach.iter().enumerate() {
                start.push(edges.len() as u32);
                if !reached {
                    continue;
                }
                let here;
                let total = if first {
                    &top
                } else {
                    here = rows.get(rem, s);
                    &here
                };
                if total.bits() == 0 {
                    continue;
                }
                let mut cum = BigUint::ZERO;
                for e in &model.edges[s] {
                    if !model.allowed(e.atom, first, last) {
                        continue;
                    }
                    let w = rows.times(rem - 1, e.next as usize, e.mult);
                    if w.bits() == 0 {
                        continue;
                    }
                    cum += w;
                    let threshold: BigUint = (&cum << 64u32) / total;
                    edges.push(TableEdge {
                        threshold: threshold
                            .iter_u64_digits()
                            .next()
                            .unwrap_or(0),
                        next: e.next,
                        atom: e.atom,
                        kind: e.kind,
                    });
                    next_reach[e.next as usize] = true;
                }
                if edges.len() > MAX_TABLE {
                    return Err(Error::Limit(Limit::new(
                        LimitKind::SamplerTable,
                        edges.len(),
                        MAX_TABLE,
                    )));
                }
            }
            reach = next_reach;
        }
        start.push(edges.len() as u32);
        Ok(Exact { start, edges, states, len, rows, top })
    }

    /// Settles `U < C_j / total` when the first 64 bits of `U` equal the
    /// threshold, drawing further words of `U` into `extra` (shared by the
    /// boundaries of one position, so that they see the same `U`).
    fn tie<R: CryptoRng + ?Sized>(
        &self,
        model: &Model,
        p: usize,
        state: usize,
        j: usize,
        rng: &mut R,
        extra: &mut Vec<u64>,
    ) -> bool {
        let len = self.len;
        let rem = len - p;
        let (first, last) = (p == 0, p == len - 1);
        let here;
        let total = if first {
            &self.top
        } else {
            here = self.rows.get(rem, state);
            &here
        };
        // Recompute C_j exactly over the same edges in the same order.
        let mut cum = BigUint::ZERO;
        let mut seen = 0;
        for e in &model.edges[state] {
            if !model.allowed(e.atom, first, last) {
                continue;
            }
            let w = self.rows.times(rem - 1, e.next as usize, e.mult);
            if w.bits() == 0 {
                continue;
            }
            cum += w;
            if seen == j {
                break;
            }
            seen += 1;
        }
        let shifted: BigUint = &cum << 64u32;
        let mut x = &shifted % total;
        for k in 0..MAX_TIE_WORDS {
            if x.bits() == 0 {
                return false;
            }
            x <<= 64u32;
            let d: BigUint = &x / total;
            x %= total;
            let d = d.iter_u64_digits().next().unwrap_or(0);
            if extra.len() <= k {
                extra.push(rng.next_u64());
            }
            if extra[k] != d {
                return extra[k] < d;
            }
        }
        false
    }
}

/// Uniform integers below small bounds from 16-bit slices of 64-bit words,
/// so that a 16-character password costs four RNG calls, not sixteen.
/// Each slice is an independent uniform 16-bit number, and Lemire's method
/// with its rejection step makes each draw exact.
struct Bits {
    word: u64,
    left: u32,
}

impl Bits {
    const fn new() -> Bits {
        Bits { word: 0, left: 0 }
    }

    /// A uniform integer in `0..n` (1 ≤ n).
    #[inline]
    fn below<R: Rng + ?Sized>(&mut self, rng: &mut R, n: u32) -> u32 {
        if n > 1 << 16 {
            return below(rng, n);
        }
        loop {
            if self.left == 0 {
                self.word = rng.next_u64();
                self.left = 4;
            }
            let r = (self.word & 0xFFFF) as u32;
            self.word >>= 16;
            self.left -= 1;
            let m = r * n;
            let low = m & 0xFFFF;
            // Reject the 2^16 mod n lowest products (t < n, so low ≥ n
            // accepts without computing t).
            if low >= n || low >= (1 << 16) % n {
                return m >> 16;
            }
        }
    }
}

/// A uniform integer in `0..n` (n ≥ 1), by Lemire's multiply-and-reject.
#[inline]
fn below<R: Rng + ?Sized>(rng: &mut R, n: u32) -> u32 {
    let mut m = u64::from(rng.next_u32()) * u64::from(n);
    if (m as u32) < n {
        let t = n.wrapping_neg() % n;
        while (m as u32) < t {
            m = u64::from(rng.next_u32()) * u64::from(n);
        }
    }
    (m >> 32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn below_is_uniform_on_small_ranges() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        let mut hits = [0u32; 3];
        for _ in 0..30_000 {
            hits[below(&mut rng, 3) as usize] += 1;
        }
        assert!(hits.iter().all(|&h| (9_000..11_000).contains(&h)));
        assert_eq!(below(&mut rng, 1), 0);
    }

    #[test]
    fn bits_below_is_uniform_and_in_range() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(2);
        let mut bits = Bits::new();
        let mut hits = [0u32; 7];
        for _ in 0..70_000 {
            hits[bits.below(&mut rng, 7) as usize] += 1;
        }
        assert!(
            hits.iter().all(|&h| (9_400..10_600).contains(&h)),
            "{hits:?}"
        );
        for n in [1, 2, 65_535, 65_536, 65_537, 1 << 20] {
            for _ in 0..1000 {
                assert!(bits.below(&mut rng, n) < n);
            }
        }
    }
}
