//! Policy parameters from Python: the `params={...}` of `Checker`.

use lib::Params;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyString, PyTuple};

/// One value of `params`, read from Python.
pub(crate) enum Given {
    /// As the CLI's `--param` takes it: a str as it is, a bool as
    /// `ON`/`OFF`, an int in decimal, an `os.PathLike` as its path.
    Text(String),
    /// A file parameter's lines, given directly as a list or tuple of str.
    Lines(Vec<String>),
}

/// `{name: value}` as (name, value) pairs.
pub(crate) fn given(
    params: Option<&Bound<'_, PyDict>>,
) -> PyResult<Vec<(String, Given)>> {
    let Some(params) = params else {
        return Ok(Vec::new());
    };
    let mut out = Vec::with_capacity(params.len());
    for (k, v) in params.iter() {
        let name: String = k
            .extract()
            .map_err(|_| PyTypeError::new_err("parameter names are str"))?;
        let value =
            if v.cast::<PyList>().is_ok() || v.cast::<PyTuple>().is_ok() {
                Given::Lines(lines(&name, &v)?)
            } else {
                Given::Text(text(&v)?)
            };
        out.push((name, value));
    }
    Ok(out)
}

/// A list or tuple of str, one line each (no line may hold a newline: the
/// file it stands for could not have held it in one line).
fn lines(name: &str, v: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    let lines: Vec<String> = v.extract().map_err(|_| {
        PyTypeError::new_err(format!("the lines of parameter {name} are str"))
    })?;
    if lines.iter().any(|l| l.contains('\n')) {
        return Err(PyValueError::new_err(format!(
            "a line of parameter {name} holds a newline; give one line per item"
        )));
    }
    Ok(lines)
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
pub(crate) fn params(given: &[(String, Given)]) -> Params {
    let mut params = Params::new();
    for (name, value) in given {
        match value {
            Given::Text(v) => params.set(name, v),
            Given::Lines(lines) => {
                let text: String =
                    lines.iter().flat_map(|l| [l.as_str(), "\n"]).collect();
                let origin = format!("a list of {} lines", lines.len());
                params.set_file_text(name, origin, text)
            }
        };
    }
    params
}
