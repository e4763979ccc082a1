//! A generator that owns its checker, for callers that cannot hold a
//! borrow: a Python object, a C handle, a value kept in a struct or sent
//! to another thread.
//!
//! [`Generator`] and [`Sampler`] borrow their [`Checker`]; building them is
//! the expensive part (the automaton and the big-integer counts: a fraction
//! of a millisecond), drawing is cheap. [`OwnedGenerator`] holds the checker
//! behind an [`Arc`] and keeps the samplers it builds, so a handle made once
//! draws at full speed for as long as it lives.

use std::ops::Deref;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use rand::CryptoRng;

use super::count::Rows;
use super::model::Model;
use super::password::Password;
use super::sample::Sampler;
use super::{Count, Generator};
use crate::check::Checker;
use crate::error::Error;

/// How many samplers for lengths other than the default one an
/// [`OwnedGenerator`] keeps (the most recently used). An exact sampler can
/// hold tables of several megabytes, so the cache is small.
const CACHED_LENGTHS: usize = 4;

/// The checker a [`Sampler`] rejects against: borrowed (made by
/// [`Generator::sampler`]) or shared (made by [`OwnedGenerator`], which is
/// what lets that sampler be `Sampler<'static>`).
#[derive(Clone, Debug)]
pub(crate) enum CheckerRef<'c> {
    Borrowed(&'c Checker),
    Shared(Arc<Checker>),
}

impl Deref for CheckerRef<'_> {
    type Target = Checker;

    fn deref(&self) -> &Checker {
        match self {
            CheckerRef::Borrowed(c) => c,
            CheckerRef::Shared(c) => c,
        }
    }
}

impl<'c> From<&'c Checker> for CheckerRef<'c> {
    fn from(checker: &'c Checker) -> CheckerRef<'c> {
        CheckerRef::Borrowed(checker)
    }
}

/// A [`Generator`] that owns its [`Checker`] (behind an [`Arc`]) and caches
/// its samplers: made once, it draws as fast as a [`Sampler`] does.
///
/// The sampler for the default length is built on first use and kept for
/// the generator's life; samplers for other lengths are kept for the few
/// lengths used last. Every answer equals the borrowed [`Generator`]'s
/// (same counts, entropy, lengths and errors), and every password is one
/// the checker accepts.
///
/// # Thread safety
///
/// `Send + Sync`: share one behind an `Arc` or a `&` between threads; the
/// sampler cache is behind a mutex taken only to look a length up.
///
/// # Example
///
/// ```
/// use std::sync::Arc;
/// use passpolicy::{Catalog, OwnedGenerator};
///
/// let checker = Arc::new(Catalog::builtin().checker(&["baidu-bcc"])?);
/// let generator = OwnedGenerator::new(Arc::clone(&checker))?;
/// // No borrow of `checker`: the generator can be stored or moved.
/// let handle = std::thread::spawn(move || generator.generate_os(None));
/// let password = handle.join().unwrap()?;
/// assert!(checker.accepts(password.as_str()));
/// # Ok::<(), passpolicy::Error>(())
/// ```
#[derive(Debug)]
pub struct OwnedGenerator {
    checker: Arc<Checker>,
    model: Arc<Model>,
    default_length: u32,
    default_sampler: OnceLock<Arc<Sampler<'static>>>,
    /// Most recently used first; at most [`CACHED_LENGTHS`].
    others: Mutex<Vec<Arc<Sampler<'static>>>>,
}

impl OwnedGenerator {
    /// Builds the generator for every policy variant `checker` combines.
    ///
    /// # Errors
    ///
    /// As [`Generator::new`], and [`Error::Unsatisfiable`] when no length
    /// from the default one up has a compliant password.
    pub fn new(
        checker: impl Into<Arc<Checker>>,
    ) -> Result<OwnedGenerator, Error> {
        let checker = checker.into();
        let generator = Generator::new(&checker)?;
        let default_length = generator.default_length()?;
        let model = Arc::clone(&generator.model);
        drop(generator);
        Ok(OwnedGenerator {
            checker,
            model,
            default_length,
            default_sampler: OnceLock::new(),
            others: Mutex::new(Vec::new()),
        })
    }

    /// The checker every password is drawn for.
    pub fn checker(&self) -> &Arc<Checker> {
        &self.checker
    }

    /// The borrowed form, for what it offers beyond this type; it shares
    /// the automaton (no rebuilding).
    pub fn generator(&self) -> Generator<'_> {
        Generator::from_parts(&self.checker, Arc::clone(&self.model))
    }

    /// As [`Generator::default_length`] (computed once, at construction).
    pub fn default_length(&self) -> u32 {
        self.default_length
    }

    /// As [`Generator::length_bounds`].
    pub fn length_bounds(&self) -> (u32, u32) {
        (self.model.min_len, self.model.max_len)
    }

    /// As [`Generator::length_for_entropy`].
    ///
    /// # Errors
    ///
    /// As [`Generator::length_for_entropy`].
    pub fn length_for_entropy(&self, bits: f64) -> Result<u32, Error> {
        self.generator().length_for_entropy(bits)
    }

    /// As [`Generator::count`].
    ///
    /// # Errors
    ///
    /// As [`Generator::count`].
    pub fn count(&self, len: u32) -> Result<Count, Error> {
        self.generator().count(len)
    }

    /// As [`Generator::entropy_bits`]; from the cached sampler when there
    /// is one for `len`.
    ///
    /// # Errors
    ///
    /// As [`Generator::entropy_bits`].
    pub fn entropy_bits(&self, len: u32) -> Result<f64, Error> {
        match self.cached(len) {
            Some(s) => Ok(s.entropy_bits()),
            None => self.generator().entropy_bits(len),
        }
    }

    /// The sampler for `len` characters (`None`: the default length),
    /// built on first use and then kept.
    ///
    /// # Errors
    ///
    /// As [`Generator::sampler`].
    pub fn sampler(
        &self,
        len: Option<u32>,
    ) -> Result<Arc<Sampler<'static>>, Error> {
        let len = len.unwrap_or(self.default_length);
        if len == self.default_length {
            if let Some(s) = self.default_sampler.get() {
                return Ok(Arc::clone(s));
            }
            // Two threads may both build it; one result is kept, and both
            // are equally good.
            let s = Arc::new(self.build(len)?);
            return Ok(Arc::clone(self.default_sampler.get_or_init(|| s)));
        }
        if let Some(s) = self.cached(len) {
            return Ok(s);
        }
        // Built outside the lock: other lengths stay available meanwhile.
        let s = Arc::new(self.build(len)?);
        let mut others =
            self.others.lock().unwrap_or_else(PoisonError::into_inner);
        others.retain(|o| o.len() != len);
        others.insert(0, Arc::clone(&s));
        others.truncate(CACHED_LENGTHS);
        Ok(s)
    }

    /// Draws a password of `len` characters (`None`: the default length)
    /// with the operating system's randomness.
    ///
    /// # Errors
    ///
    /// As [`OwnedGenerator::sampler`].
    pub fn generate_os(&self, len: Option<u32>) -> Result<Password, Error> {
        Ok(self.sampler(len)?.generate_os())
    }

    /// Draws a password with the caller's RNG.
    ///
    /// # Errors
    ///
    /// As [`OwnedGenerator::sampler`].
    pub fn generate<R: CryptoRng + ?Sized>(
        &self,
        len: Option<u32>,
        rng: &mut R,
    ) -> Result<Password, Error> {
        Ok(self.sampler(len)?.generate(rng))
    }

    /// Draws a password with the operating system's randomness into `buf`
    /// and returns it; allocation-free once the sampler is cached. The
    /// caller should wipe `buf` when done.
    ///
    /// # Errors
    ///
    /// As [`OwnedGenerator::sampler`]; [`Error::BufferTooSmall`] when `buf` is
    /// shorter than the sampler's [`Sampler::max_bytes`].
    pub fn generate_os_into<'b>(
        &self,
        len: Option<u32>,
        buf: &'b mut [u8],
    ) -> Result<&'b str, Error> {
        self.sampler(len)?.generate_into(&mut rand::rng(), buf)
    }

    fn cached(&self, len: u32) -> Option<Arc<Sampler<'static>>> {
        if len == self.default_length {
            return self.default_sampler.get().cloned();
        }
        let others =
            self.others.lock().unwrap_or_else(PoisonError::into_inner);
        others.iter().find(|s| s.len() == len).cloned()
    }

    /// What [`Generator::sampler`] does, with the shared checker.
    fn build(&self, len: u32) -> Result<Sampler<'static>, Error> {
        let generator = self.generator();
        generator.in_bounds(len)?;
        let mut rows = Rows::new(&self.model);
        rows.extend_to(&self.model, len as usize - 1);
        let top = rows.total(&self.model, len);
        if top.bits() == 0 {
            // The borrowed form words the error (and builds no sampler
            // when there is no password of this length).
            return Err(generator
                .sampler(len)
                .err()
                .unwrap_or(Error::Internal("count disagreement")));
        }
        let checker = CheckerRef::Shared(Arc::clone(&self.checker));
        Sampler::new(checker, Arc::clone(&self.model), len, rows, top)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalog;
    use rand::SeedableRng;

    fn owned(ids: &[&str]) -> OwnedGenerator {
        let checker = Catalog::builtin().checker(ids).unwrap();
        OwnedGenerator::new(checker).unwrap()
    }

    #[test]
    fn same_answers_as_the_borrowed_generator() {
        let g = owned(&["tencent-cvm-v2", "baidu-bcc"]);
        let b = Generator::new(g.checker()).unwrap();
        assert_eq!(g.default_length(), b.default_length().unwrap());
        assert_eq!(g.length_bounds(), b.length_bounds());
        assert_eq!(
            g.length_for_entropy(80.0).unwrap(),
            b.length_for_entropy(80.0).unwrap()
        );
        let (lo, hi) = g.length_bounds();
        for len in lo..=hi {
            let want = b.entropy_bits(len).unwrap();
            assert_eq!(g.entropy_bits(len).unwrap(), want);
            let s = g.sampler(Some(len)).unwrap();
            assert_eq!(s.entropy_bits(), want);
            assert_eq!(g.entropy_bits(len).unwrap(), want, "from the cache");
        }
    }

    #[test]
    fn passwords_are_accepted_and_of_the_asked_length() {
        let g = owned(&["huawei-clouddc"]);
        let mut rng = rand::rngs::StdRng::seed_from_u64(12);
        for len in [None, Some(20), Some(g.length_bounds().0)] {
            for _ in 0..200 {
                let p = g.generate(len, &mut rng).unwrap();
                assert!(g.checker().accepts(p.as_str()), "{len:?}");
                let want = len.unwrap_or(g.default_length()) as usize;
                assert_eq!(p.as_str().chars().count(), want);
            }
        }
        let mut buf = [0u8; 256];
        let p = g.generate_os_into(None, &mut buf).unwrap();
        assert!(g.checker().accepts(p));
    }

    #[test]
    fn samplers_are_cached() {
        let g = owned(&["baidu-bcc"]);
        let a = g.sampler(None).unwrap();
        let b = g.sampler(Some(g.default_length())).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        let c = g.sampler(Some(20)).unwrap();
        assert!(Arc::ptr_eq(&c, &g.sampler(Some(20)).unwrap()));
        // Past the cache's capacity the oldest length is dropped and
        // rebuilt on demand; the default one stays.
        for len in 21..21 + CACHED_LENGTHS as u32 {
            g.sampler(Some(len)).unwrap();
        }
        assert!(!Arc::ptr_eq(&c, &g.sampler(Some(20)).unwrap()));
        assert!(Arc::ptr_eq(&a, &g.sampler(None).unwrap()));
        assert!(g.others.lock().unwrap().len() <= CACHED_LENGTHS);
    }

    #[test]
    fn errors_match_the_borrowed_generator() {
        let g = owned(&["baidu-bcc"]);
        let b = Generator::new(g.checker()).unwrap();
        for len in [0, 7, 33, 1000] {
            let want = b.sampler(len).unwrap_err().to_string();
            assert_eq!(g.sampler(Some(len)).unwrap_err().to_string(), want);
            assert!(g.generate_os(Some(len)).is_err());
        }
        let mut small = [0u8; 4];
        assert!(matches!(
            g.generate_os_into(None, &mut small),
            Err(Error::BufferTooSmall { .. })
        ));
    }

    #[test]
    fn one_generator_from_several_threads() {
        let g = Arc::new(owned(&["tencent-cvm-v2/windows"]));
        let threads: Vec<_> = (0..4)
            .map(|i| {
                let g = Arc::clone(&g);
                std::thread::spawn(move || {
                    (0..300).all(|k| {
                        let len = [None, Some(12), Some(14)][(i + k) % 3];
                        let p = g.generate_os(len).unwrap();
                        g.checker().accepts(p.as_str())
                    })
                })
            })
            .collect();
        for t in threads {
            assert!(t.join().unwrap());
        }
    }
}
