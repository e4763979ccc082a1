//! Comparing two selections of policies exactly: which passwords one
//! accepts and the other refuses, counted per length from the generator's
//! counting automaton, not sampled.
//!
//! A ∩ B is the checker of both selections together, which the library
//! already compiles and counts, so per length |A ∖ B| = |A| − |A ∩ B| and
//! |B ∖ A| = |B| − |A ∩ B| exactly. Lengths run from 0 (the empty password,
//! decided by the checkers directly) to [`MAX_LENGTH`], the generator's
//! limit; longer lengths are not compared ([`Comparison::beyond_limit`]
//! says when either side allows them).

use num_bigint::BigUint;
use rand::{CryptoRng, Rng};

use crate::generate::{Count, Generator, MAX_LENGTH, Password};
use crate::{Checker, CheckerBuilder, Error, Variant, Violation};

/// How two sets of accepted passwords relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Both accept exactly the same passwords.
    Equal,
    /// Every password A accepts, B accepts too, and B accepts more
    /// (A ⊂ B).
    Subset,
    /// Every password B accepts, A accepts too, and A accepts more
    /// (A ⊃ B).
    Superset,
    /// Some passwords both accept, and each accepts some the other refuses.
    Overlapping,
    /// No password is accepted by both.
    Disjoint,
}

impl Relation {
    /// `equal`, `subset`, `superset`, `overlapping` or `disjoint`.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Equal => "equal",
            Relation::Subset => "subset",
            Relation::Superset => "superset",
            Relation::Overlapping => "overlapping",
            Relation::Disjoint => "disjoint",
        }
    }
}

/// The exact counts at one length.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LengthCounts {
    /// The length, in characters.
    pub length: u32,
    /// How many passwords of this length A accepts.
    pub a: Count,
    /// How many B accepts.
    pub b: Count,
    /// How many both accept.
    pub both: Count,
}

impl LengthCounts {
    /// How many A accepts and B refuses.
    pub fn only_a(&self) -> Count {
        Count(&self.a.0 - &self.both.0)
    }

    /// How many B accepts and A refuses.
    pub fn only_b(&self) -> Count {
        Count(&self.b.0 - &self.both.0)
    }
}

/// Two selections compared; see the module documentation.
///
/// ```
/// use passpolicy::{Catalog, Checker, Relation, compare};
///
/// let catalog = Catalog::builtin();
/// let a = catalog.select(&["tencent-cvm-v2/windows"])?;
/// let b = catalog.select(&["tencent-cvm-v2/linux"])?;
/// let c = compare(&Checker::builder(), &a, &b)?;
/// assert_eq!(c.relation(), Relation::Subset);
/// assert!(c.only_a().is_zero() && !c.only_b().is_zero());
/// let example = c.example_only_b(&mut rand::rng())?.unwrap();
/// assert!(c.b().accepts(example.as_str()) && !c.a().accepts(example.as_str()));
/// # Ok::<(), passpolicy::Error>(())
/// ```
#[derive(Debug)]
pub struct Comparison {
    a: Checker,
    b: Checker,
    lengths: Vec<LengthCounts>,
    relation: Relation,
    beyond: bool,
}

/// Most draws from one side looking for a password the other refuses.
const MAX_TRIES: u32 = 1 << 20;

/// Compares the passwords the variants `a` accept with those `b` accept
/// (each side: all of its variants must hold), with `builder`'s user name.
///
/// # Errors
///
/// [`Error::NoPolicy`] for an empty side; [`Error::Limit`] when a side is
/// too large to count; [`Error::Compare`] when a policy counts length in a
/// unit other than characters (the counts would then cover only part of
/// the passwords).
pub fn compare(
    builder: &CheckerBuilder,
    a: &[&Variant],
    b: &[&Variant],
) -> Result<Comparison, Error> {
    let ca = builder.build(a)?;
    let cb = builder.build(b)?;
    let all: Vec<&Variant> = a.iter().chain(b).copied().collect();
    let both = match builder.build(&all) {
        Ok(c) => Some(c),
        // The compiler proves the combination empty: nothing in common.
        Err(Error::Unsatisfiable { .. }) => None,
        Err(e) => return Err(e),
    };
    let count_a = counts(&ca)?;
    let count_b = counts(&cb)?;
    let count_both = match &both {
        Some(c) => counts(c)?,
        None => vec![BigUint::ZERO; MAX_LENGTH as usize + 1],
    };
    let mut lengths = Vec::new();
    let mut totals = [BigUint::ZERO, BigUint::ZERO, BigUint::ZERO];
    for len in 0..=MAX_LENGTH as usize {
        let (x, y, z) = (&count_a[len], &count_b[len], &count_both[len]);
        if x.bits() == 0 && y.bits() == 0 {
            continue;
        }
        totals[0] += x - z;
        totals[1] += y - z;
        totals[2] += z;
        lengths.push(LengthCounts {
            length: len as u32,
            a: Count(x.clone()),
            b: Count(y.clone()),
            both: Count(z.clone()),
        });
    }
    let [only_a, only_b, common] = &totals;
    let relation = match (only_a.bits() == 0, only_b.bits() == 0) {
        (true, true) => Relation::Equal,
        _ if common.bits() == 0
            && only_a.bits() != 0
            && only_b.bits() != 0 =>
        {
            Relation::Disjoint
        }
        (true, false) => Relation::Subset,
        (false, true) => Relation::Superset,
        (false, false) => Relation::Overlapping,
    };
    let beyond = [&ca, &cb].iter().any(|c| {
        c.targets().iter().all(|t| t.rules().length.max > MAX_LENGTH)
    });
    Ok(Comparison { a: ca, b: cb, lengths, relation, beyond })
}

/// The number of passwords `checker` accepts at each length 0..=MAX_LENGTH.
fn counts(checker: &Checker) -> Result<Vec<BigUint>, Error> {
    let mut out = vec![BigUint::ZERO; MAX_LENGTH as usize + 1];
    if checker.accepts("") {
        out[0] = BigUint::from(1u8);
    }
    let generator = match Generator::new(checker) {
        Ok(g) => g,
        // No length up to the limit has a password.
        Err(Error::Unsatisfiable { .. }) => return Ok(out),
        Err(e) => return Err(e),
    };
    if let Some(note) = generator.alphabet_note() {
        return Err(Error::Compare(format!(
            "cannot compare exactly: {note}, so the count would cover only part of the passwords"
        )));
    }
    for (len, count) in generator.counts_through(MAX_LENGTH) {
        out[len as usize] = count.0;
    }
    Ok(out)
}

impl Comparison {
    /// How the two sides relate over every compared length.
    pub fn relation(&self) -> Relation {
        self.relation
    }

    /// The compiled A side.
    pub fn a(&self) -> &Checker {
        &self.a
    }

    /// The compiled B side.
    pub fn b(&self) -> &Checker {
        &self.b
    }

    /// The counts at every length either side allows (up to
    /// [`MAX_LENGTH`]), shortest first.
    pub fn lengths(&self) -> &[LengthCounts] {
        &self.lengths
    }

    /// Whether some side allows lengths past [`MAX_LENGTH`], which are not
    /// compared.
    pub fn beyond_limit(&self) -> bool {
        self.beyond
    }

    /// How many passwords A accepts and B refuses, over every length.
    pub fn only_a(&self) -> Count {
        Count(self.lengths.iter().map(|l| l.only_a().0).sum())
    }

    /// How many passwords B accepts and A refuses, over every length.
    pub fn only_b(&self) -> Count {
        Count(self.lengths.iter().map(|l| l.only_b().0).sum())
    }

    /// How many passwords both accept.
    pub fn both(&self) -> Count {
        Count(self.lengths.iter().map(|l| l.both.0.clone()).sum())
    }

    /// A password drawn uniformly from those A accepts and B refuses
    /// (`None` when there is none).
    ///
    /// # Errors
    ///
    /// [`Error::Compare`] when such passwords are so rare among A's of the
    /// drawn length that a million draws found none.
    pub fn example_only_a<R: CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
    ) -> Result<Option<Password>, Error> {
        self.example(rng, true)
    }

    /// A password drawn uniformly from those B accepts and A refuses.
    ///
    /// # Errors
    ///
    /// As [`Comparison::example_only_a`].
    pub fn example_only_b<R: CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
    ) -> Result<Option<Password>, Error> {
        self.example(rng, false)
    }

    /// Why `other` refuses `password` (`a_side`: A's reasons).
    pub fn violations(
        &self,
        a_side: bool,
        password: &str,
    ) -> Vec<Violation<'_>> {
        let c = if a_side { &self.a } else { &self.b };
        // The checker's own verdict: never foreign.
        c.violations(password)
    }

    /// Picks a length with probability proportional to its share of the
    /// difference, then draws from that side at that length until the
    /// other refuses: uniform over the difference at the length, so
    /// uniform overall.
    fn example<R: CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        a_side: bool,
    ) -> Result<Option<Password>, Error> {
        let (from, other) =
            if a_side { (&self.a, &self.b) } else { (&self.b, &self.a) };
        let diff = |l: &LengthCounts| {
            if a_side { l.only_a().0 } else { l.only_b().0 }
        };
        let total: BigUint = self.lengths.iter().map(diff).sum();
        if total.bits() == 0 {
            return Ok(None);
        }
        let mut pick = below(rng, &total);
        let mut chosen = None;
        for l in &self.lengths {
            let d = diff(l);
            if pick < d {
                chosen = Some(l.length);
                break;
            }
            pick -= d;
        }
        // `pick` is below the sum of the differences, so a length is found.
        let Some(len) = chosen else { return Ok(None) };
        if len == 0 {
            // Only the empty password can be the difference at length 0.
            return Ok(Some(Password::new(String::new())));
        }
        let generator = Generator::new(from)?;
        let sampler = generator.sampler(len)?;
        for _ in 0..MAX_TRIES {
            let p = sampler.generate(rng);
            if !other.accepts(p.as_str()) {
                return Ok(Some(p));
            }
        }
        Err(Error::Compare(format!(
            "the passwords of {len} characters one side alone accepts are \
             too rare to draw an example ({MAX_TRIES} draws found none)"
        )))
    }
}

/// A uniform integer in `0..n` (n > 0), by rejection on random bits.
fn below<R: Rng + ?Sized>(rng: &mut R, n: &BigUint) -> BigUint {
    let bits = n.bits();
    let bytes = bits.div_ceil(8) as usize;
    let mut buf = vec![0u8; bytes];
    loop {
        rng.fill_bytes(&mut buf);
        let extra = (bytes as u64 * 8 - bits) as u32;
        if let Some(top) = buf.last_mut() {
            *top &= 0xffu8 >> extra;
        }
        let x = BigUint::from_bytes_le(&buf);
        if &x < n {
            return x;
        }
    }
}
