//! `Checker`: compiled policies, checking and generation.

use std::sync::{Arc, OnceLock};

use lib::OwnedGenerator;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::violation::Violation;
use crate::{catalog, convert, policy_error};

/// Passwords at least this long are checked with the GIL released; for
/// shorter ones releasing and retaking it costs more than the check: a
/// 16-character `accepts` measured 275 ns a call with the GIL held and
/// 432 ns when released every time (`python -m timeit`, pyenv 3.11).
const DETACH_FROM: usize = 4096;

/// Compiled policies (all must hold): check passwords, list the reasons a
/// vendor would refuse one, generate passwords every policy accepts.
///
/// Immutable and safe to share between threads; compiling, checking long
/// inputs, counting and generating release the GIL.
#[pyclass(frozen, module = "passpolicy")]
pub(crate) struct Checker {
    checker: Arc<lib::Checker>,
    /// Built on first use (once), then kept: a generator made once draws
    /// at full speed.
    generator: OnceLock<Result<OwnedGenerator, String>>,
    names: Vec<String>,
    user: Option<String>,
    display_name: Option<String>,
    /// The parameters as bound (files as read), for `explain`.
    params: lib::Params,
}

impl Checker {
    fn generator(&self) -> PyResult<&OwnedGenerator> {
        self.generator
            .get_or_init(|| {
                OwnedGenerator::new(Arc::clone(&self.checker))
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|e| crate::PolicyError::new_err(e.clone()))
    }

    /// `length`, else the shortest reaching `min_entropy`, else the
    /// default.
    fn length(
        &self,
        length: Option<u32>,
        min_entropy: Option<f64>,
    ) -> PyResult<Option<u32>> {
        match (length, min_entropy) {
            (Some(_), Some(_)) => Err(PyValueError::new_err(
                "give length or min_entropy, not both",
            )),
            (Some(n), None) => Ok(Some(n)),
            (None, Some(bits)) if !bits.is_finite() || bits < 0.0 => {
                Err(PyValueError::new_err(
                    "min_entropy must be a non-negative number of bits",
                ))
            }
            (None, Some(bits)) => Ok(Some(
                self.generator()?
                    .length_for_entropy(bits)
                    .map_err(policy_error)?,
            )),
            (None, None) => Ok(None),
        }
    }
}

#[pymethods]
impl Checker {
    /// Compiles built-in policies: a list of `"ID"` or `"ID/VARIANT"` (or
    /// one such string). `user` replaces the policies' own account names in
    /// user-name rules; `display_name` is the account's display name for
    /// display-name rules (Windows AD's displayName); `params` sets policy
    /// parameters by name, as the CLI's `--param` (`{"policy": "STRONG",
    /// "dictionary_file": "words.txt"}`; values str, int, bool or a path,
    /// or for a file parameter a list of str, its lines, read from no file).
    /// Raises `ParameterError` (a `PolicyError`) for a parameter no
    /// selected policy declares, a value it does not allow or a file that
    /// cannot be read; `PolicyError` for an unknown id, a blank user or
    /// display name, or a combination no password can satisfy.
    #[new]
    #[pyo3(signature = (policies, user = None, *, display_name = None, params = None))]
    fn new(
        py: Python<'_>,
        policies: &Bound<'_, PyAny>,
        user: Option<String>,
        display_name: Option<String>,
        params: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Checker> {
        let names: Vec<String> = match policies.cast::<PyString>() {
            Ok(s) => vec![s.to_cow()?.into_owned()],
            Err(_) => policies.extract()?,
        };
        let given = crate::params::given(params)?;
        let (checker, bound) = py
            .detach(|| {
                let refs: Vec<&str> =
                    names.iter().map(String::as_str).collect();
                let params = crate::params::params(&given);
                let variants = catalog().select_with(&refs, &params)?;
                let mut builder = lib::Checker::builder();
                if let Some(u) = &user {
                    builder = builder.user(u.as_str());
                }
                if let Some(d) = &display_name {
                    builder = builder.display_name(d.as_str());
                }
                let refs: Vec<&lib::Variant> = variants.iter().collect();
                let checker = builder.build(&refs)?;
                Ok((checker, params.frozen(&variants)))
            })
            .map_err(crate::build_error)?;
        Ok(Checker {
            checker: Arc::new(checker),
            generator: OnceLock::new(),
            names,
            user,
            display_name,
            params: bound,
        })
    }

    /// Whether every policy accepts `password` (str or bytes; bytes that
    /// are not UTF-8, and str with lone surrogates, are refused).
    fn accepts(
        &self,
        py: Python<'_>,
        password: &Bound<'_, PyAny>,
    ) -> PyResult<bool> {
        let secret = convert::password(password)?;
        let bytes = secret.bytes();
        Ok(if bytes.len() >= DETACH_FROM {
            py.detach(|| self.checker.accepts_bytes(bytes))
        } else {
            self.checker.accepts_bytes(bytes)
        })
    }

    /// Every reason a policy refuses `password` (str or bytes): a list of
    /// `Violation`, empty when it is accepted.
    fn check(
        &self,
        py: Python<'_>,
        password: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<Violation>> {
        let secret = convert::password(password)?;
        let bytes = secret.bytes();
        let list = |bytes: &[u8]| {
            if self.checker.check_bytes(bytes).is_ok() {
                return Vec::new();
            }
            self.checker.violations(bytes).iter().map(Violation::new).collect()
        };
        Ok(if bytes.len() >= DETACH_FROM {
            py.detach(|| list(bytes))
        } else {
            list(bytes)
        })
    }

    /// A password every policy accepts, uniformly at random over all of
    /// them: `length` characters, or the shortest length whose entropy
    /// reaches `min_entropy` bits, or the default length (16 moved into the
    /// policies' bounds). Raises `PolicyError` (a `ValueError`) when no
    /// such password exists.
    #[pyo3(signature = (length = None, min_entropy = None))]
    fn generate(
        &self,
        py: Python<'_>,
        length: Option<u32>,
        min_entropy: Option<f64>,
    ) -> PyResult<String> {
        let password = py.detach(|| -> PyResult<lib::Password> {
            let len = self.length(length, min_entropy)?;
            self.generator()?.generate_os(len).map_err(policy_error)
        })?;
        // The Rust copy is wiped when `password` drops; the Python str is
        // the caller's (Python cannot wipe a str).
        Ok(password.as_str().to_string())
    }

    /// The entropy in bits of a generated password of `length` characters
    /// (None: the default length): log2 of the number of compliant
    /// passwords, exactly as the CLI reports it.
    #[pyo3(signature = (length = None))]
    fn entropy_bits(
        &self,
        py: Python<'_>,
        length: Option<u32>,
    ) -> PyResult<f64> {
        py.detach(|| {
            let g = self.generator()?;
            g.entropy_bits(length.unwrap_or(g.default_length()))
                .map_err(policy_error)
        })
    }

    /// The length `generate()` uses by default.
    #[getter]
    fn default_length(&self, py: Python<'_>) -> PyResult<u32> {
        py.detach(|| Ok(self.generator()?.default_length()))
    }

    /// The shortest and longest length the policies allow together.
    #[getter]
    fn length_bounds(&self, py: Python<'_>) -> PyResult<(u32, u32)> {
        py.detach(|| Ok(self.generator()?.length_bounds()))
    }

    /// The policy selection the checker was built from.
    #[getter]
    fn policies(&self) -> Vec<String> {
        self.names.clone()
    }

    /// The policies explained in plain words, in `lang` (`"en"`, `"zh"`).
    #[pyo3(signature = (lang = "en"))]
    fn explain(&self, py: Python<'_>, lang: &str) -> PyResult<String> {
        let lang = convert::lang(lang)?;
        let refs: Vec<&str> = self.names.iter().map(String::as_str).collect();
        py.detach(|| {
            catalog()
                .explain_with(&refs, &self.params, lang)
                .map(|e| e.to_string())
        })
        .map_err(policy_error)
    }

    fn __repr__(&self) -> String {
        // Parameter values are left out: a path or a value may be private.
        let mut s = format!("Checker({:?}", self.names);
        if let Some(u) = &self.user {
            s.push_str(&format!(", user={u:?}"));
        }
        if let Some(d) = &self.display_name {
            s.push_str(&format!(", display_name={d:?}"));
        }
        s.push(')');
        s
    }
}
