//! Policy parameters from Python: the `params={...}` of `Checker`, and
//! the values as bound, for explanations.

use lib::params::Value;
use lib::{Params, Variant};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyString};

/// `{name: value}` as (name, text) pairs, the text as the CLI's `--param`
/// takes it: a str as it is, a bool as `ON`/`OFF`, an int in decimal, an
/// `os.PathLike` (for a file parameter) as its path.
pub(crate) fn given(
    params: Option<&Bound<'_, PyDict>>,
) -> PyResult<Vec<(String, String)>> {
    let Some(params) = params else {
        return Ok(Vec::new());
    };
    let mut out = Vec::with_capacity(params.len());
    for (k, v) in params.iter() {
        let name: String = k
            .extract()
            .map_err(|_| PyTypeError::new_err("parameter names are str"))?;
        out.push((name, text(&v)?));
    }
    Ok(out)
}

/// One parameter value as text.
fn text(v: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(b) = v.cast::<PyBool>() {
        return Ok(if b.is_true() { "ON" } else { "OFF" }.to_string());
    }
    if let Ok(i) = v.cast::<PyInt>() {
        return Ok(i.str()?.to_cow()?.into_owned());
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    if v.hasattr("__fspath__")? {
        let path = v.py().import("os")?.call_method1("fspath", (v,))?;
        if let Ok(s) = path.cast::<PyString>() {
            return Ok(s.to_cow()?.into_owned());
        }
    }
    Err(PyTypeError::new_err(
        "a parameter value is str, int, bool or a str os.PathLike",
    ))
}

/// The given values as a library `Params`.
pub(crate) fn params(given: &[(String, String)]) -> Params {
    let mut params = Params::new();
    for (n, v) in given {
        params.set(n, v);
    }
    params
}

/// The parameters as the checker was bound with them, for its
/// explanations: a file parameter's contents as read at construction
/// (the file is not read again, so `explain` describes the checker even
/// when the file changed or went away since).
pub(crate) fn frozen(
    given: &[(String, String)],
    variants: &[Variant],
) -> Params {
    let mut params = Params::new();
    for (name, value) in given {
        let file = variants
            .iter()
            .flat_map(|v| &v.metadata().parameters)
            .filter(|b| b.parameter.name == *name)
            .find_map(|b| match &b.value {
                Some(Value::File { origin, lines }) => Some((origin, lines)),
                _ => None,
            });
        match file {
            Some((origin, lines)) => {
                params.set_file_text(name, origin, file_text(lines))
            }
            None => params.set(name, value),
        };
    }
    params
}

/// Text whose lines, as the library splits a parameter file, are `lines`,
/// and no longer than the file they came from (so within its size limit):
/// a newline at the end only where the last line is empty.
fn file_text(lines: &[String]) -> String {
    let mut text = lines.join("\n");
    if lines.last().is_some_and(String::is_empty) {
        text.push('\n');
    }
    text
}
