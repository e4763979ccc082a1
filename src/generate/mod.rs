//! Generating passwords: uniformly at random over every password a compiled
//! [`Checker`] accepts, with the exact entropy.
//!
//! A [`Generator`] turns a checker (one policy variant or any intersection
//! of them) into an automaton whose walks are the compliant passwords
//! (`model.rs`), counts them exactly per length with big integers
//! (`count.rs`), and hands out a [`Sampler`] per length (`sample.rs`),
//! which does the drawing without big-integer work.
//!
//! See [`Generator`] for what is counted and how sampling stays exact.

mod alphabet;
mod ascii;
mod count;
mod fused;
mod hash;
mod intern;
mod kmp;
mod model;
pub(crate) mod owned;
mod pairs;
mod password;
mod reject;
mod sample;
mod walk;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::check::Checker;
use crate::error::Error;
use crate::message::Lang;

pub(crate) use alphabet::open_alphabet;
pub use count::Count;
pub use model::MAX_LENGTH;
pub(crate) use model::satisfiable;
pub use password::Password;
pub use sample::Sampler;

use count::Rows;
use model::Model;

/// The length [`Generator::default_length`] starts from: 16 characters
/// give about 100 bits over the usual 90-odd printable characters, and
/// every seed policy allows it.
pub const DEFAULT_LENGTH: u32 = 16;

/// Counts and samples the passwords a [`Checker`] accepts: uniformly at
/// random over every compliant password of the chosen length, with the
/// exact entropy.
///
/// # What is counted, exactly
///
/// Every rule of the policy language is in the count: the closed alphabet,
/// "at least K of N classes", minimum counts, forbidden first and last
/// characters, user names and their reversals (case-insensitive unless the
/// policy says otherwise), the longest run of one character, and refused
/// values. [`Generator::entropy_bits`] is log2 of that count: what an
/// attacker who knows the policies and the length faces. The rules become
/// a small automaton (class counts × user-name match state × run length ×
/// deny-list trie node, over groups of characters the rules treat alike),
/// and a dynamic programme over it counts with big integers.
///
/// Passwords are drawn from the characters every combined policy allows.
/// When those are more than 65,536 (an open alphabet such as "anything but
/// `\"`" or "every character not a letter or digit"), they are drawn from
/// the printable ASCII characters, `!` to `~`, that the policies allow, and
/// the count and entropy are over that set: exactly uniform over it, and
/// honest about it ([`Generator::alphabet_note`] says so, with the sizes).
/// When some policy counts length in bytes, UTF-16 units or graphemes, only
/// characters that are one unit in every measure are drawn (ASCII, without
/// CR when graphemes are counted) so that "length L" means the same to
/// every policy; the count is then over that alphabet
/// ([`Generator::alphabet_note`] says so).
///
/// # Sampling
///
/// A [`Sampler`] for one length draws by rejection from the alphabet when
/// that accepts at least 30% of the time (capped so that running out has
/// probability below 2^-64), else — and after the cap — position by
/// position from the exact counts. Both are exactly uniform, so their mix
/// is. The randomness is the caller's [`rand::CryptoRng`], or fresh OS
/// randomness per password with [`Sampler::generate_os`] (the one to use
/// in a process that forks). Every password is checked by
/// the same checker in debug builds.
///
/// # Length
///
/// Explicit ([`Generator::sampler`]), the shortest allowed length reaching
/// an entropy ([`Generator::length_for_entropy`]), or the default
/// ([`Generator::default_length`]): [`DEFAULT_LENGTH`] characters, moved
/// into the policies' bounds (up to their minimum, down to their maximum)
/// and past lengths no password satisfies. Lengths stop at [`MAX_LENGTH`].
///
/// # Example
///
/// ```
/// use passpolicy::{Catalog, Generator};
///
/// let checker = Catalog::builtin().checker(&["tencent-cvm-v2"])?;
/// let generator = Generator::new(&checker)?;
/// let len = generator.length_for_entropy(80.0)?;
/// let sampler = generator.sampler(len)?;
/// let password = sampler.generate_os();
/// assert!(checker.check(password.as_str()).is_ok());
/// assert!(sampler.entropy_bits() >= 80.0);
/// println!("{} passwords of {len} characters", sampler.count());
/// # Ok::<(), passpolicy::Error>(())
/// ```
#[derive(Debug)]
pub struct Generator<'c> {
    checker: &'c Checker,
    model: Arc<Model>,
    /// The counting rows computed so far: `new` counts up to the first
    /// satisfiable length, and `sampler` and `count` extend from there
    /// instead of recounting from zero.
    rows: Mutex<Rows>,
}

impl<'c> Generator<'c> {
    /// Builds the generator for every policy variant `checker` combines.
    ///
    /// # Errors
    ///
    /// [`Error::Limit`] when the rules need too many automaton states;
    /// [`Error::Unsatisfiable`] when no allowed length up to [`MAX_LENGTH`]
    /// has a compliant password, with the reason, or when the narrowed
    /// alphabet of an open-alphabet policy has no character of a class a
    /// policy requires (the reason names the class and the restriction).
    pub fn new(checker: &'c Checker) -> Result<Generator<'c>, Error> {
        let model = Arc::new(Model::new(checker.selection())?);
        let generator = Generator::from_parts(checker, model);
        generator.first_satisfiable(generator.model.min_len)?;
        Ok(generator)
    }

    /// The generator over an already built model (shared, not rebuilt).
    pub(crate) fn from_parts(
        checker: &'c Checker,
        model: Arc<Model>,
    ) -> Generator<'c> {
        let rows = Mutex::new(Rows::new(&model));
        Generator { checker, model, rows }
    }

    /// The cached counting rows, grown until they have row `r`.
    fn rows_to(&self, r: usize) -> MutexGuard<'_, Rows> {
        // `extend_to` only ever pushes whole rows, so a panic elsewhere
        // cannot leave them inconsistent.
        let mut rows =
            self.rows.lock().unwrap_or_else(PoisonError::into_inner);
        rows.extend_to(&self.model, r);
        rows
    }

    /// The shortest and longest length the combined policies allow (at
    /// least 1, at most [`MAX_LENGTH`]).
    pub fn length_bounds(&self) -> (u32, u32) {
        (self.model.min_len, self.model.max_len)
    }

    /// How many characters passwords are drawn from.
    pub fn alphabet_len(&self) -> u64 {
        self.model.alphabet_len
    }

    /// The characters passwords are drawn from: the characters every
    /// policy allows, or fewer when [`Generator::alphabet_note`] says why.
    pub fn alphabet(&self) -> &crate::CharSet {
        &self.model.alphabet
    }

    /// Why fewer characters are drawn from than every policy allows (an
    /// open alphabet, or a length unit other than characters), if they
    /// are: the count and the entropy are then over the characters drawn.
    pub fn alphabet_note(&self) -> Option<&str> {
        self.model.narrowed.as_deref()
    }

    /// The exact number of compliant passwords of `len` characters.
    ///
    /// # Errors
    ///
    /// [`Error::LengthOutOfRange`] outside [`Generator::length_bounds`].
    pub fn count(&self, len: u32) -> Result<Count, Error> {
        self.in_bounds(len)?;
        let rows = self.rows_to(len as usize - 1);
        Ok(Count(rows.total(&self.model, len)))
    }

    /// The exact count of every length from the shortest allowed up to
    /// `hi` (clamped to the bounds), in one pass over the counting table
    /// (for `compare`, which needs every length).
    pub(crate) fn counts_through(&self, hi: u32) -> Vec<(u32, Count)> {
        let (lo, max) = self.length_bounds();
        let mut rows = Rows::new(&self.model);
        (lo..=hi.min(max))
            .map(|len| {
                rows.extend_to(&self.model, len as usize - 1);
                (len, Count(rows.total(&self.model, len)))
            })
            .collect()
    }

    /// log2 of [`Generator::count`]: the entropy of a password of `len`
    /// characters, in bits (negative infinity when there is none).
    ///
    /// # Errors
    ///
    /// As [`Generator::count`].
    pub fn entropy_bits(&self, len: u32) -> Result<f64, Error> {
        Ok(self.count(len)?.log2())
    }

    /// The shortest allowed length whose entropy is at least `bits`.
    ///
    /// # Errors
    ///
    /// [`Error::EntropyUnreachable`] when even the longest allowed length
    /// falls short.
    pub fn length_for_entropy(&self, bits: f64) -> Result<u32, Error> {
        let (lo, hi) = self.length_bounds();
        let mut rows = Rows::new(&self.model);
        let mut best = f64::NEG_INFINITY;
        for len in lo..=hi {
            rows.extend_to(&self.model, len as usize - 1);
            best = count::log2(&rows.total(&self.model, len));
            if best >= bits {
                return Ok(len);
            }
        }
        Err(Error::EntropyUnreachable { wanted: bits, best, length: hi })
    }

    /// [`DEFAULT_LENGTH`] moved into the allowed bounds, or the next longer
    /// length with a compliant password.
    ///
    /// # Errors
    ///
    /// [`Error::Unsatisfiable`] when no such length exists.
    pub fn default_length(&self) -> Result<u32, Error> {
        let (lo, hi) = self.length_bounds();
        self.first_satisfiable(DEFAULT_LENGTH.clamp(lo, hi.max(lo)))
    }

    /// A sampler for passwords of `len` characters.
    ///
    /// # Errors
    ///
    /// [`Error::LengthOutOfRange`] outside the bounds;
    /// [`Error::Unsatisfiable`] when no password of that length complies;
    /// [`Error::Limit`] when exact sampling at that length needs tables
    /// over 4 Mi entries.
    pub fn sampler(&self, len: u32) -> Result<Sampler<'c>, Error> {
        self.in_bounds(len)?;
        let rows = self.rows_to(len as usize - 1).clone();
        let top = rows.total(&self.model, len);
        if top.bits() == 0 {
            return Err(self.unsatisfiable(format!(
                "no password of {len} characters meets every requirement \
                 (try {})",
                match self.first_satisfiable(len) {
                    Ok(l) => format!("{l} characters"),
                    Err(_) => "fewer policies".into(),
                }
            )));
        }
        Sampler::new(self.checker, Arc::clone(&self.model), len, rows, top)
    }

    fn in_bounds(&self, len: u32) -> Result<(), Error> {
        let (min, max) = self.length_bounds();
        if len < min || len > max {
            return Err(Error::LengthOutOfRange { length: len, min, max });
        }
        Ok(())
    }

    /// The first length from `from` up with a compliant password.
    fn first_satisfiable(&self, from: u32) -> Result<u32, Error> {
        let (lo, hi) = self.length_bounds();
        if lo > hi {
            if let Some(why) = self.restriction() {
                return Err(self.unsatisfiable(why));
            }
            return Err(self.unsatisfiable(if lo > MAX_LENGTH {
                format!(
                    "the policies need at least {lo} characters; the \
                     generator makes at most {MAX_LENGTH}"
                )
            } else {
                format!(
                    "one policy needs at least {lo} characters, another \
                     allows at most {hi}"
                )
            }));
        }
        for len in from.max(lo)..=hi {
            let rows = self.rows_to(len as usize - 1);
            if rows.total(&self.model, len).bits() != 0 {
                return Ok(len);
            }
        }
        Err(self.unsatisfiable(self.explain(lo, hi)))
    }

    /// Why no length in `lo..=hi` works: a variant that fails alone over
    /// the shared characters, else the combination.
    fn explain(&self, lo: u32, hi: u32) -> String {
        let why = self.explain_clash(lo, hi);
        match self.restriction() {
            Some(restriction) => format!("{why}; {restriction}"),
            None => why,
        }
    }

    /// When the generator draws from fewer characters than the policies
    /// allow (ASCII only, one unit each, for a policy that counts bytes,
    /// UTF-16 units or graphemes), that restriction may be what no password
    /// gets past, though `check` accepts passwords with other characters:
    /// say so, with each policy's length in its own unit.
    fn restriction(&self) -> Option<String> {
        let note = self.model.narrowed.as_deref()?;
        let lengths: Vec<String> = self
            .checker
            .selection()
            .targets
            .iter()
            .map(|t| {
                let (label, r) = (t.label(), t.rules());
                let unit = crate::text::unit_word(r.length.unit, Lang::En);
                if r.length.max == u32::MAX {
                    format!("{label} at least {} {unit}", r.length.min)
                } else {
                    format!(
                        "{label} {} to {} {unit}",
                        r.length.min, r.length.max
                    )
                }
            })
            .collect();
        Some(format!(
            "this is the generator's own restriction: {note}, and with those \
             characters alone no password meets every length ({}); check may \
             accept passwords with other characters, which the generator \
             does not make",
            lengths.join("; ")
        ))
    }

    fn explain_clash(&self, lo: u32, hi: u32) -> String {
        let sel = self.checker.selection();
        let alphabet = &sel.alphabet;
        for (i, target) in sel.targets.iter().enumerate() {
            let Ok(m) = sel.only(i).and_then(|one| Model::new(&one)) else {
                continue;
            };
            let mut rows = Rows::new(&m);
            let ok = (lo..=hi).any(|len| {
                rows.extend_to(&m, len as usize - 1);
                rows.total(&m, len).bits() != 0
            });
            if !ok {
                return format!(
                    "{}'s requirements cannot be met with lengths {lo} to \
                     {hi} and only the characters every policy allows ({})",
                    target.label(),
                    alphabet
                );
            }
        }
        format!(
            "each policy can be met alone, but no password of {lo} to {hi} \
             characters from the characters every policy allows ({alphabet}) \
             meets all of their requirements together"
        )
    }

    fn unsatisfiable(&self, reason: String) -> Error {
        Error::Unsatisfiable {
            policies: self.checker.selection().labels(),
            reason,
        }
    }
}
