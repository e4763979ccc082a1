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

use super::model::Model;

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

/// The rows of the counting table, grown one at a time.
#[derive(Debug)]
pub(crate) struct Rows {
    pub rows: Vec<Vec<BigUint>>,
}

impl Rows {
    /// Row 0: one way to finish from an accepting state.
    pub(crate) fn new(model: &Model) -> Rows {
        let row0 = model
            .accept
            .iter()
            .map(|&a| if a { BigUint::from(1u8) } else { BigUint::ZERO })
            .collect();
        Rows { rows: vec![row0] }
    }

    /// Grows the table until it has row `r`.
    pub(crate) fn extend_to(&mut self, model: &Model, r: usize) {
        while self.rows.len() <= r {
            let rem = self.rows.len();
            let prev = &self.rows[rem - 1];
            let row = model
                .edges
                .iter()
                .map(|out| {
                    let mut sum = BigUint::ZERO;
                    for e in out {
                        if model.allowed(e.atom, false, rem == 1) {
                            let below = &prev[e.next as usize];
                            if below.bits() != 0 {
                                sum += below * e.mult;
                            }
                        }
                    }
                    sum
                })
                .collect();
            self.rows.push(row);
        }
    }

    /// The number of compliant passwords of length `len` (≥ 1); the table
    /// must have row `len - 1`.
    pub(crate) fn total(&self, model: &Model, len: u32) -> BigUint {
        let below = &self.rows[len as usize - 1];
        let mut sum = BigUint::ZERO;
        for e in &model.edges[model.start as usize] {
            if model.allowed(e.atom, true, len == 1) {
                sum += &below[e.next as usize] * e.mult;
            }
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
