//! The `passpolicy` Python package's native module, `passpolicy._passpolicy`.
//!
//! Classes own their Rust data (no borrowed lifetimes): a [`Checker`] holds
//! the compiled checker behind an `Arc` and builds its generator once, on
//! first use. Work that computes (compiling, checking, counting, drawing)
//! runs with the GIL released where it is worth it (see
//! `checker.rs`), so one `Checker` serves many Python threads at once.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

mod checker;
mod convert;
mod params;
mod violation;

create_exception!(
    passpolicy,
    PolicyError,
    PyValueError,
    "A policy error: an unknown policy id or variant, policies no password \
     can satisfy, a length the policies do not allow, an entropy no allowed \
     length reaches."
);

create_exception!(
    passpolicy,
    ParameterError,
    PolicyError,
    "A policy parameter error: a name no selected policy declares, a value \
     the parameter does not allow, a parameter file that cannot be read. \
     The message names the parameter and what it takes, never the value."
);

/// A library error from compiling a checker: `ParameterError` for the
/// parameters' errors, else `PolicyError`.
pub(crate) fn build_error(e: lib::Error) -> PyErr {
    use lib::Error;
    match &e {
        Error::UnknownParameter { .. }
        | Error::BadParameter { .. }
        | Error::ParameterFile { .. }
        | Error::Io { .. } => ParameterError::new_err(e.to_string()),
        Error::Limit(l) if l.kind == lib::LimitKind::ParameterFile => {
            ParameterError::new_err(e.to_string())
        }
        _ => policy_error(e),
    }
}

/// A library error as a Python `PolicyError`.
pub(crate) fn policy_error(e: lib::Error) -> PyErr {
    PolicyError::new_err(e.to_string())
}

/// The built-in catalog, parsed once per process.
pub(crate) fn catalog() -> &'static lib::Catalog {
    static CATALOG: std::sync::OnceLock<lib::Catalog> =
        std::sync::OnceLock::new();
    CATALOG.get_or_init(lib::Catalog::builtin)
}

/// The built-in policies: a list of dicts with `id`, `variants` (list of
/// variant names, empty when the policy has none), `vendor` and `product`.
#[pyfunction]
fn policies(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let list = PyList::empty(py);
    for p in catalog().policies() {
        let d = PyDict::new(py);
        d.set_item("id", p.id())?;
        d.set_item("variants", p.variant_names())?;
        d.set_item("vendor", p.vendor())?;
        d.set_item("product", p.product())?;
        list.append(d)?;
    }
    Ok(list)
}

#[pymodule]
fn _passpolicy(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("PolicyError", m.py().get_type::<PolicyError>())?;
    m.add("ParameterError", m.py().get_type::<ParameterError>())?;
    m.add_class::<checker::Checker>()?;
    m.add_class::<violation::Violation>()?;
    m.add_function(wrap_pyfunction!(policies, m)?)?;
    Ok(())
}
