//! Rejection sampling: each character uniform over the alphabet allowed
//! at its position, several drawn from one 64-bit word (see
//! [`draw_group`]), the whole kept when the checker accepts it.
//!
//! For an ASCII alphabet the fused draw also collects a set of the bytes
//! it writes, so that no second pass over the password is needed: the set
//! of classes seen, when that is all the model tracks ([`ClassDraw`]: one
//! lookup decides), else the checker's seen-set when its fast path
//! answers every rule ([`AsciiDraw`]: the checker's own table lookups
//! decide); otherwise the automaton walk ([`Walk`]) or the checker does.

use rand::{CryptoRng, Rng};

use super::ascii::AsciiDraw;
use super::model::Model;
use super::pairs::{ClassDraw, ClassSets};
use super::walk::Walk;
use crate::check::Checker;

#[derive(Debug)]
pub(super) struct Rejection {
    /// The first, middle and last alphabets, one after the other.
    chars: Vec<char>,
    /// `chars` as bytes when all are ASCII, so that a character is one
    /// table load and one byte store (a fixed table, indexed under a
    /// mask, so the load needs no bounds check).
    ascii: Option<Box<[u8; ASCII_TABLE]>>,
    /// The fused draw, when the alphabet is ASCII and either the model
    /// tracks only which classes were seen or the checker's fast path
    /// answers every rule.
    fast: Option<Fused>,
    /// The acceptance test on drawn bytes, when there are no seen-set bits,
    /// the alphabet is ASCII and the automaton small; else the checker
    /// decides.
    walk: Option<Walk>,
    /// Per position: its alphabet's size and start in `chars`.
    slots: Vec<Slot>,
    /// Consecutive positions drawn from one 64-bit word, in order.
    groups: Vec<Group>,
    pub(super) attempts: u32,
}

/// A fused draw, by what decides acceptance.
#[derive(Debug)]
enum Fused {
    /// The draw ORs up class bits and the model's acceptance by class set
    /// decides ([`ClassSets::accept`]).
    Classes(ClassDraw),
    /// The draw ORs up the checker's seen-set bits and the checker decides
    /// from the set.
    Seen(AsciiDraw),
}

#[derive(Clone, Copy, Debug)]
struct Slot {
    n: u32,
    base: u32,
}

/// Positions drawn together: Lemire's method for the product `N` of their
/// alphabet sizes, which is then split into one index per position.
#[derive(Clone, Copy, Debug)]
struct Group {
    len: u32,
    /// 2^64 mod N: a word whose final remainder is below it is rejected.
    reject_below: u64,
}

/// Size of the byte table: the first, middle and last alphabets of an
/// ASCII draw hold at most 3 × 128 characters.
const ASCII_TABLE: usize = 512;

/// Largest product of alphabet sizes drawn from one word: a word is then
/// rejected with probability below 2^-6.
const MAX_GROUP_PRODUCT: u64 = 1 << 58;

/// Most positions drawn from one word (alphabets of one character add
/// nothing to the product).
const MAX_GROUP_LEN: usize = 32;

impl Rejection {
    pub(super) fn new(
        (first, middle, last): (Vec<char>, Vec<char>, Vec<char>),
        len: u32,
        attempts: u32,
        model: &Model,
        checker: &Checker,
    ) -> Rejection {
        let sets = [&first, &middle, &last];
        let chars: Vec<char> =
            sets.iter().flat_map(|s| s.iter().copied()).collect();
        let ascii = (chars.len() <= ASCII_TABLE
            && chars.iter().all(char::is_ascii))
        .then(|| {
            let mut table = Box::new([0u8; ASCII_TABLE]);
            for (t, &c) in table.iter_mut().zip(&chars) {
                *t = c as u8;
            }
            table
        });
        let bases = [0, first.len(), first.len() + middle.len()];
        // A single character draws from `first`.
        let slots: Vec<Slot> = (0..len)
            .map(|i| {
                if i == 0 {
                    0
                } else if i + 1 == len {
                    2
                } else {
                    1
                }
            })
            .map(|w| Slot { n: sets[w].len() as u32, base: bases[w] as u32 })
            .collect();
        let mut groups = Vec::new();
        let (mut count, mut product) = (0u32, 1u64);
        for slot in &slots {
            let grown = product
                .checked_mul(u64::from(slot.n))
                .filter(|&p| p <= MAX_GROUP_PRODUCT);
            match grown {
                Some(p) if (count as usize) < MAX_GROUP_LEN => {
                    product = p;
                    count += 1;
                }
                _ => {
                    groups.push(Group::new(count, product));
                    (count, product) = (1, u64::from(slot.n));
                }
            }
        }
        groups.push(Group::new(count, product));
        groups.retain(|g| g.len > 0);
        let fast = ascii.as_ref().and_then(|_| {
            let sets = [&first[..], &middle, &last];
            let plan = groups.iter().map(|g| (g.len as usize, g.reject_below));
            match &model.class_sets {
                Some(classes) => {
                    let masks = class_masks(model, classes);
                    let mask = |c: char| masks[usize::from(c as u8 & 0x7F)];
                    ClassDraw::new(sets, slots.len(), plan, mask, classes)
                        .map(Fused::Classes)
                }
                None => {
                    let bits = checker.ascii_seen_bits()?;
                    AsciiDraw::new(sets, slots.len(), plan, bits)
                        .map(Fused::Seen)
                }
            }
        });
        let walk = match (&ascii, &fast) {
            (Some(_), None) => Walk::new(model),
            _ => None,
        };
        Rejection { chars, ascii, fast, walk, slots, groups, attempts }
    }

    /// Draws members of the product set into `buf` until `checker`
    /// accepts one, at most `attempts` times; returns its length in bytes.
    /// `checker` is dereferenced only on the paths that ask it (a shared
    /// checker's address is an add away, which the class-set draw need
    /// not pay).
    #[inline(always)]
    pub(super) fn draw_accepted<R: CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        buf: &mut [u8],
        checker: &impl std::ops::Deref<Target = Checker>,
    ) -> Option<usize> {
        let Some(fast) = &self.fast else {
            return self.draw_accepted_slow(rng, buf, checker);
        };
        let fast = match fast {
            Fused::Classes(draw) => {
                // The automaton's own acceptance, by the set of classes
                // seen (the checker's only in debug builds).
                return draw.draw_accepted(rng, buf, self.attempts, |out| {
                    checker.accepts_bytes(out)
                });
            }
            Fused::Seen(draw) => draw,
        };
        let n = self.slots.len();
        for _ in 0..self.attempts {
            let seen = fast.draw(rng, buf)?;
            let out = &buf[..n];
            if accepts_seen(checker, out, seen) {
                return Some(n);
            }
        }
        None
    }

    /// [`Rejection::draw_accepted`] without the fused draw.
    #[inline(never)]
    fn draw_accepted_slow<R: CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        buf: &mut [u8],
        checker: &Checker,
    ) -> Option<usize> {
        for _ in 0..self.attempts {
            let n = self.draw(rng, buf);
            if self.accepts(checker, &buf[..n]) {
                return Some(n);
            }
        }
        None
    }

    /// Whether `checker` accepts a draw: by the automaton walk when there
    /// is one (the draw already guarantees the length, alphabet and
    /// first/last characters), else by the checker; debug builds ask the
    /// checker in both cases.
    #[inline]
    pub(super) fn accepts(&self, checker: &Checker, bytes: &[u8]) -> bool {
        match &self.walk {
            Some(walk) => {
                let ok = walk.accepts(bytes);
                debug_assert_eq!(
                    ok,
                    checker.accepts_bytes(bytes),
                    "the generator's automaton and its checker disagree"
                );
                ok
            }
            None => checker.accepts_bytes(bytes),
        }
    }

    /// Writes a uniform member of the product set into `buf`; returns its
    /// length in bytes.
    pub(super) fn draw<R: Rng + ?Sized>(
        &self,
        rng: &mut R,
        buf: &mut [u8],
    ) -> usize {
        let mut pos = 0;
        if let Some(ascii) = &self.ascii {
            // One byte per character: write in place, and overwrite when
            // a word is rejected.
            for g in &self.groups {
                let end = pos + g.len as usize;
                let out = &mut buf[pos..end];
                draw_group(
                    rng,
                    &self.slots[pos..end],
                    g.reject_below,
                    out,
                    |k| ascii[k % ASCII_TABLE],
                );
                pos = end;
            }
            return pos;
        }
        let mut idx = [0usize; MAX_GROUP_LEN];
        let mut n = 0;
        for g in &self.groups {
            let end = pos + g.len as usize;
            let idx = &mut idx[..end - pos];
            draw_group(rng, &self.slots[pos..end], g.reject_below, idx, |k| k);
            for &k in idx.iter() {
                n += self.chars[k].encode_utf8(&mut buf[n..]).len();
            }
            pos = end;
        }
        n
    }
}

/// Each ASCII character's classes: its atom's, for [`ClassDraw`].
fn class_masks(model: &Model, sets: &ClassSets) -> [u64; 128] {
    let mut masks = [0u64; 128];
    for (atom, &mask) in model.atoms.iter().zip(&sets.masks) {
        for &c in atom.chars.iter().filter(|c| c.is_ascii()) {
            masks[c as usize] = mask;
        }
    }
    masks
}

/// The checker's answer from a seen-set, out of line: inlined, its table
/// loads were hoisted out of the attempt loop and spilled to the stack,
/// paid on every password though the first attempt almost always passes.
#[inline(never)]
fn accepts_seen(checker: &Checker, out: &[u8], seen: u64) -> bool {
    let ok = checker.accepts_seen(out, seen);
    debug_assert_eq!(ok, checker.accepts_bytes(out));
    ok
}

impl Group {
    fn new(len: u32, product: u64) -> Group {
        // 2^64 mod N, as (2^64 - N) mod N; N ≥ 1.
        let n = product.max(1);
        Group { len, reject_below: n.wrapping_neg() % n }
    }
}

/// Draws uniform independent indices `k_i < slots[i].n`, one 64-bit word
/// per try, and sets `out[i] = map(slots[i].base + k_i)` (overwritten
/// when a word is rejected). `out` is as long as `slots`.
///
/// With `x` the word and `N` the product of the sizes, multiplying `x` by
/// each size in turn and keeping the low 64 bits gives, by induction,
/// `x · N = I · 2^64 + r` where `I = Σ k_i · Π_{j>i} n_j` is the indices
/// read as a mixed-radix number and `r` the final low word. So `I` is
/// `floor(x · N / 2^64)`, Lemire's draw below `N`, and rejecting
/// `r < 2^64 mod N` makes `I` exactly uniform in `0..N`, hence the indices
/// exactly uniform and independent (Brackett-Rozinsky and Lemire,
/// "Batched ranged random integer generation", 2024).
#[inline(always)]
fn draw_group<R: Rng + ?Sized, T>(
    rng: &mut R,
    slots: &[Slot],
    reject_below: u64,
    out: &mut [T],
    map: impl Fn(usize) -> T,
) {
    loop {
        let mut x = rng.next_u64();
        for (o, slot) in out.iter_mut().zip(slots) {
            let m = u128::from(x) * u128::from(slot.n);
            *o = map(slot.base as usize + (m >> 64) as usize);
            x = m as u64;
        }
        if x >= reject_below {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    /// `draw_group` is Lemire's method for the product of the sizes: the
    /// indices, read as a mixed-radix number, are `floor(x·N / 2^64)` for
    /// the first word `x` with `x·N mod 2^64 ≥ 2^64 mod N`.
    #[test]
    fn group_draw_is_lemire_for_the_product() {
        // A product near 2^63 so that rejections happen often.
        let sizes = [91u32, 7, 1, 65_536, 3, 352_516_352, 2];
        let slots: Vec<Slot> = sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| Slot { n, base: 10 * i as u32 })
            .collect();
        let product = sizes.iter().map(|&n| u128::from(n)).product::<u128>();
        assert!(product < 1 << 64);
        let group = Group::new(sizes.len() as u32, product as u64);
        assert_eq!(u128::from(group.reject_below), (1u128 << 64) % product);
        let mut rejected = 0;
        for seed in 0..2000 {
            let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
            let mut twin = rand::rngs::StdRng::seed_from_u64(seed);
            let mut got = [0usize; 7];
            draw_group(&mut rng, &slots, group.reject_below, &mut got, |k| k);
            for (k, slot) in got.iter_mut().zip(&slots) {
                *k -= slot.base as usize;
            }
            let x = loop {
                let x = u128::from(twin.next_u64());
                if (x * product) as u64 >= group.reject_below {
                    break x;
                }
                rejected += 1;
            };
            let mut want = (x * product) >> 64;
            for i in (0..sizes.len()).rev() {
                let n = u128::from(sizes[i]);
                assert_eq!(got[i] as u128, want % n, "seed {seed}, index {i}");
                want /= n;
            }
            assert_eq!(rng.next_u64(), twin.next_u64(), "same words used");
        }
        assert!(rejected > 0, "the test never exercised a rejection");
    }
}

#[cfg(test)]
mod fused_tests {
    use super::*;
    use rand::SeedableRng;

    /// The fused ASCII draw writes the bytes the slot-by-slot draw writes,
    /// from the same words (so it is the same uniform draw), and its set
    /// is the OR of the checker's bits over exactly those bytes (a
    /// rejected word's bytes do not count).
    #[test]
    fn the_fused_draw_is_the_slot_draw_and_its_seen_set() {
        let catalog = crate::Catalog::builtin();
        // Four characters: a group then holds 29 positions, more than the
        // 16 middle ones the class-set draw has straight code for.
        let tiny = crate::Policy::from_yaml(
            "id: tiny\nvendor: v\nproduct: p\nclasses:\n  ab: { chars: ab \
             }\n  d: { chars: '12' }\nrules:\n  alphabet: [ab, d]\n  \
             length: { min: 1, max: 64 }\n  classes_required: { at_least: \
             2, of: [ab, d] }\n  forbidden_first: '1'\n  forbidden_last: \
             a\n",
            "tiny.yaml",
        )
        .unwrap();
        let tiny: Vec<&crate::Variant> = tiny.variants().iter().collect();
        let (mut fused, mut packed, mut compared) = (0, 0, 0);
        let mut long_groups = 0;
        for names in [
            &["tencent-cvm-v2/windows"][..],
            &["tencent-redis"],
            &["baidu-bcc", "tencent-ecm"],
            &["huawei-clouddc"],
            &[],
        ] {
            let checker = if names.is_empty() {
                crate::Checker::new(&tiny).unwrap()
            } else {
                catalog.checker(names).unwrap()
            };
            let model = Model::new(checker.selection()).unwrap();
            for len in [1u32, 2, 3, 4, 5, 9, 16, 17, 40] {
                let sets = if len == 1 {
                    (model.chars_at(true, true), Vec::new(), Vec::new())
                } else {
                    (
                        model.chars_at(true, false),
                        model.chars_at(false, false),
                        model.chars_at(false, true),
                    )
                };
                let r = Rejection::new(sets, len, 1, &model, &checker);
                let Some(fast) = &r.fast else { continue };
                // The bits the draw ORs up, by byte.
                let bits: [u64; 256] = match &model.class_sets {
                    Some(sets) => {
                        let masks = class_masks(&model, sets);
                        std::array::from_fn(|b| masks[b % 128])
                    }
                    None => *checker.ascii_seen_bits().unwrap(),
                };
                fused += 1;
                packed += usize::from(matches!(fast, Fused::Classes(_)));
                long_groups += usize::from(
                    names.is_empty()
                        && len == 40
                        && matches!(fast, Fused::Classes(_)),
                );
                for seed in 0..300 {
                    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
                    let mut twin = rand::rngs::StdRng::seed_from_u64(seed);
                    let mut a = [0u8; 64];
                    let mut b = [0u8; 64];
                    let seen = match fast {
                        Fused::Classes(d) => {
                            u64::from(d.draw(&mut rng, &mut a).unwrap())
                        }
                        Fused::Seen(d) => d.draw(&mut rng, &mut a).unwrap(),
                    };
                    let n = r.draw(&mut twin, &mut b);
                    assert_eq!(n, len as usize);
                    assert_eq!(a, b, "{names:?} {len} seed {seed}");
                    let want = a[..n]
                        .iter()
                        .fold(0, |s, &c| s | bits[usize::from(c)]);
                    assert_eq!(seen, want, "{names:?} {len} seed {seed}");
                    // The class-set acceptance is the checker's (at the
                    // lengths a sampler is made for).
                    let allowed = model.min_len <= len && len <= model.max_len;
                    if let Fused::Classes(d) = fast
                        && allowed
                    {
                        compared += 1;
                        assert_eq!(
                            d.accepts(seen as u32),
                            checker.accepts_bytes(&a[..n]),
                            "{names:?} {len} seed {seed}"
                        );
                    }
                    assert_eq!(rng.next_u64(), twin.next_u64());
                }
                // Too short a buffer is refused, not written past.
                let mut short = vec![0u8; len as usize - 1];
                let mut rng = rand::rngs::StdRng::seed_from_u64(1);
                let drawn = match fast {
                    Fused::Classes(d) => {
                        d.draw(&mut rng, &mut short).is_some()
                    }
                    Fused::Seen(d) => d.draw(&mut rng, &mut short).is_some(),
                };
                assert!(!drawn, "a short buffer was written");
            }
        }
        assert!(fused >= 6, "the fused draw was built only {fused} times");
        assert!(packed >= 1 && packed < fused, "{packed} of {fused} packed");
        assert!(compared >= 600, "{compared} class-set answers compared");
        assert_eq!(long_groups, 1, "the tiny alphabet's class-set draw");
    }
}
