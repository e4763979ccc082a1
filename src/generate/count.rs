//! Exact counting: how many compliant passwords of each length there are.
//!
//! `rows[r][s]` is the number of ways to finish a password with `r` more
//! characters from automaton state `s`, none of them the first character
//! (the last one, when `r` reaches 1, obeys the forbidden-last rule). The
//! count for length L is then one more step from the start state with the
//! forbidden-first rule applied. Rows do not depend on L, so one pass up to
//! the longest length serves every shorter one.
//!
//! The numbers reach 95^1024 (about 6,700 bits), hence big integers:
//! `num-bigint` (rust-num, the de-facto standard) rather than a hand-rolled
//! fixed width, because the width depends on the length asked for and the
//! code only needs add, multiply by a small factor, shift and divide.

use std::fmt;

use num_bigint::BigUint;

use super::model::{Atom, Edge, Model};

/// The exact number of compliant passwords of one length.
///
/// Printed in decimal; [`Count::log2`] gives the entropy in bits.
///
/// ```
/// use passpolicy::{Catalog, Generator};
///
/// let checker = Catalog::builtin().checker(&["baidu-bcc"])?;
/// let count = Generator::new(&checker)?.count(8)?;
/// assert!(count.to_string().len() > 10);
/// assert!(count.log2() > 40.0);
/// # Ok::<(), passpolicy::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Count(pub(crate) BigUint);

impl Count {
    /// log2 of the count (the entropy of a uniform draw, in bits); negative
    /// infinity for zero.
    pub fn log2(&self) -> f64 {
        log2(&self.0)
    }

    /// Whether no password has this length.
    pub fn is_zero(&self) -> bool {
        self.0.bits() == 0
    }

    /// The count, if it fits in a `u128`.
    pub fn to_u128(&self) -> Option<u128> {
        u128::try_from(&self.0).ok()
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Count({})", self.0)
    }
}

/// log2 of a big integer, from its top 64 bits (exact to f64 precision).
pub(crate) fn log2(n: &BigUint) -> f64 {
    let bits = n.bits();
    if bits == 0 {
        return f64::NEG_INFINITY;
    }
    let shift = bits.saturating_sub(64);
    let top: BigUint = n >> shift;
    let top = top.iter_u64_digits().next().unwrap_or(0) as f64;
    top.log2() + shift as f64
}

/// The rows of the counting table, grown one at a time: in `u128` while
/// every entry fits (no allocation per entry, a multiply-add per edge),
/// then every row as big integers from the first row that does not.
#[derive(Debug, Clone)]
pub(crate) struct Rows {
    small: Vec<Vec<u128>>,
    /// Set once some entry outgrew `u128`; then it holds every row and
    /// `small` is empty.
    big: Option<Vec<Vec<BigUint>>>,
}

impl Rows {
    /// Row 0: one way to finish from an accepting state.
    pub(crate) fn new(model: &Model) -> Rows {
        let row0 = model.accept.iter().map(|&a| u128::from(a)).collect();
        Rows { small: vec![row0], big: None }
    }

    /// How many rows the table has.
    fn len(&self) -> usize {
        match &self.big {
            Some(big) => big.len(),
            None => self.small.len(),
        }
    }

    /// Grows the table until it has row `r`.
    pub(crate) fn extend_to(&mut self, model: &Model, r: usize) {
        while self.len() <= r {
            let rem = self.len();
            if self.big.is_none() {
                if let Some(row) = small_row(model, &self.small[rem - 1], rem)
                {
                    self.small.push(row);
                    continue;
                }
                let small = std::mem::take(&mut self.small);
                self.big = Some(
                    small
                        .into_iter()
                        .map(|row| {
                            row.into_iter().map(BigUint::from).collect()
                        })
                        .collect(),
                );
            }
            let Some(big) = &mut self.big else { return };
            let row = big_row(model, &big[rem - 1], rem);
            big.push(row);
        }
    }

    /// Entry `s` of row `r` (the table must have it).
    pub(crate) fn get(&self, r: usize, s: usize) -> BigUint {
        match &self.big {
            Some(big) => big[r][s].clone(),
            None => BigUint::from(self.small[r][s]),
        }
    }

    /// Entry `s` of row `r` times `m`.
    pub(crate) fn times(&self, r: usize, s: usize, m: u32) -> BigUint {
        match &self.big {
            Some(big) => &big[r][s] * m,
            None => BigUint::from(self.small[r][s]) * m,
        }
    }

    /// The number of compliant passwords of length `len` (≥ 1); the table
    /// must have row `len - 1`.
    pub(crate) fn total(&self, model: &Model, len: u32) -> BigUint {
        let r = len as usize - 1;
        let edges = model.edges[model.start as usize]
            .iter()
            .filter(|e| model.allowed(e.atom, true, len == 1));
        if self.big.is_none() {
            let below = &self.small[r];
            let small = edges.clone().try_fold(0u128, |sum, e| {
                mul_add(sum, below[e.next as usize], e.mult)
            });
            if let Some(n) = small {
                return BigUint::from(n);
            }
        }
        let mut sum = BigUint::ZERO;
        for e in edges {
            sum += self.times(r, e.next as usize, e.mult);
        }
        sum
    }
}

/// The automaton's edges as the counting rows read them: per state, one
/// entry per next state, with the multiplicities of the edges leading
/// there summed (a row entry is a sum over edges of weight times the next
/// row's entry, so edges to one state add up first). Atoms that lead to
/// the same state (every letter outside the user names, say) then cost
/// one multiply-add, not one each.
#[derive(Debug)]
pub(crate) struct CountEdges {
    /// Every edge: rows with two or more characters left.
    middle: Merged,
    /// Edges of atoms allowed last: the row with one character left;
    /// `None` when every atom is (then `middle` serves).
    last: Option<Merged>,
}

#[derive(Debug)]
struct Merged {
    /// `start[s]..start[s + 1]` indexes `edges`.
    start: Vec<u32>,
    /// (next state, summed multiplicity).
    edges: Vec<(u32, u32)>,
    /// The largest sum of multiplicities out of one state.
    max_out: u64,
}

impl CountEdges {
    pub(crate) fn new(edges: &[Vec<Edge>], atoms: &[Atom]) -> CountEdges {
        let any_forbidden = atoms.iter().any(|a| a.forbid_last);
        CountEdges {
            middle: Merged::new(edges, |_| true),
            last: any_forbidden.then(|| {
                Merged::new(edges, |a| !atoms[a as usize].forbid_last)
            }),
        }
    }

    /// The edges of the row with `rem` characters left (≥ 1; the first
    /// position is [`Rows::total`]'s, from the model's own edges).
    fn at(&self, rem: usize) -> &Merged {
        match &self.last {
            Some(last) if rem == 1 => last,
            _ => &self.middle,
        }
    }
}

impl Merged {
    fn new(edges: &[Vec<Edge>], keep: impl Fn(u32) -> bool) -> Merged {
        // Where each next state's entry is in the current state's run.
        let mut slot = vec![u32::MAX; edges.len()];
        let mut start = Vec::with_capacity(edges.len() + 1);
        let mut out: Vec<(u32, u32)> =
            Vec::with_capacity(edges.iter().map(Vec::len).sum());
        let mut max_out = 0u64;
        for es in edges {
            let from = out.len();
            start.push(from as u32);
            let mut sum = 0u64;
            for e in es.iter().filter(|e| keep(e.atom)) {
                sum += u64::from(e.mult);
                let at = &mut slot[e.next as usize];
                if *at == u32::MAX {
                    *at = out.len() as u32;
                    out.push((e.next, e.mult));
                } else {
                    // No overflow: the multiplicities out of one state
                    // partition the alphabet, at most MAX_ALPHABET.
                    out[*at as usize].1 += e.mult;
                }
            }
            for &(n, _) in &out[from..] {
                slot[n as usize] = u32::MAX;
            }
            max_out = max_out.max(sum);
        }
        start.push(out.len() as u32);
        out.shrink_to_fit();
        Merged { start, edges: out, max_out }
    }

    /// Each state's merged edges, in state order.
    fn rows(&self) -> impl Iterator<Item = &[(u32, u32)]> {
        self.start
            .windows(2)
            .map(|w| &self.edges[w[0] as usize..w[1] as usize])
    }
}

/// Row `rem` from row `rem - 1` in `u128`, or `None` when an entry would
/// not fit. Past the first position only the last one drops atoms.
fn small_row(model: &Model, prev: &[u128], rem: usize) -> Option<Vec<u128>> {
    let g = model.counting.at(rem);
    let top = prev.iter().copied().max().unwrap_or(0);
    // An entry is a sum of entries of `prev` times multiplicities adding
    // up to at most `max_out`: when `top · max_out` fits, every sum does,
    // and plain multiply-adds need no overflow checks.
    if top.checked_mul(u128::from(g.max_out)).is_some() {
        let row = g.rows().map(|out| {
            out.iter().map(|&(n, m)| prev[n as usize] * u128::from(m)).sum()
        });
        return Some(row.collect());
    }
    g.rows()
        .map(|out| {
            out.iter().try_fold(0u128, |sum, &(n, m)| {
                mul_add(sum, prev[n as usize], m)
            })
        })
        .collect()
}

/// Row `rem` from row `rem - 1` with big integers.
fn big_row(model: &Model, prev: &[BigUint], rem: usize) -> Vec<BigUint> {
    model
        .counting
        .at(rem)
        .rows()
        .map(|out| {
            let mut sum = BigUint::ZERO;
            for &(n, m) in out {
                let below = &prev[n as usize];
                if below.bits() != 0 {
                    sum += below * m;
                }
            }
            sum
        })
        .collect()
}

/// `sum + v · m`, or `None` past `u128`: two 64 × 64-bit products rather
/// than `checked_mul`'s general 128 × 128.
#[inline]
fn mul_add(sum: u128, v: u128, m: u32) -> Option<u128> {
    let m = u128::from(m);
    let lo = (v & u128::from(u64::MAX)) * m;
    let hi = (v >> 64) * m;
    if hi >> 64 != 0 {
        return None;
    }
    (hi << 64).checked_add(lo)?.checked_add(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `u128` rows and the big-integer rows they turn into agree with
    /// a count in big integers from zero, across the switch.
    #[test]
    fn small_rows_switch_to_big_exactly() {
        let checker =
            crate::Catalog::builtin().checker(&["tencent-redis"]).unwrap();
        let model = Model::new(checker.selection()).unwrap();
        let mut rows = Rows::new(&model);
        let mut big = vec![
            model
                .accept
                .iter()
                .map(|&a| BigUint::from(u8::from(a)))
                .collect::<Vec<_>>(),
        ];
        for r in 1..40 {
            rows.extend_to(&model, r);
            // Every edge on its own, as the automaton has them.
            let next = model
                .edges
                .iter()
                .map(|out| {
                    let mut sum = BigUint::ZERO;
                    for e in out {
                        if model.allowed(e.atom, false, r == 1) {
                            sum += &big[r - 1][e.next as usize] * e.mult;
                        }
                    }
                    sum
                })
                .collect();
            big.push(next);
            for (s, want) in big[r].iter().enumerate() {
                assert_eq!(&rows.get(r, s), want, "row {r}, state {s}");
            }
        }
        assert!(rows.big.is_some(), "40 rows should outgrow u128");
    }

    #[test]
    fn log2_of_powers_and_big_numbers() {
        assert_eq!(log2(&BigUint::from(1u8)), 0.0);
        assert_eq!(log2(&BigUint::from(1024u32)), 10.0);
        let big = BigUint::from(95u32).pow(1024);
        let expected = 1024.0 * 95f64.log2();
        assert!((log2(&big) - expected).abs() < 1e-9);
        assert_eq!(log2(&BigUint::ZERO), f64::NEG_INFINITY);
    }
}
