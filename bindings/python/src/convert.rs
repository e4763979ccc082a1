//! Arguments from Python: passwords (str or bytes), languages, lengths.

use std::borrow::Cow;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use zeroize::Zeroize;

/// A password's bytes: borrowed from a `bytes` object, or a UTF-8 copy of
/// a `str` (the stable ABI for Python 3.9 has no borrowed UTF-8 view),
/// which is wiped when dropped.
pub(crate) struct Secret<'a>(Cow<'a, [u8]>);

impl Secret<'_> {
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl Drop for Secret<'_> {
    fn drop(&mut self) {
        if let Cow::Owned(v) = &mut self.0 {
            v.zeroize();
        }
    }
}

/// A password from Python (str or bytes). A `str` that cannot be UTF-8
/// (a lone surrogate) is taken as Python's `encode("utf-8",
/// "surrogatepass")` bytes: not UTF-8, so refused with `invalid_utf8` at
/// the surrogate's byte offset, like bytes.
pub(crate) fn password<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<Secret<'a>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Secret(Cow::Borrowed(b.as_bytes())));
    }
    let Ok(s) = obj.cast::<PyString>() else {
        return Err(PyTypeError::new_err("a password is str or bytes"));
    };
    if let Ok(text) = s.to_cow() {
        return Ok(Secret(match text {
            Cow::Borrowed(t) => Cow::Borrowed(t.as_bytes()),
            Cow::Owned(t) => Cow::Owned(t.into_bytes()),
        }));
    }
    let encoded = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
    let bytes = encoded.cast::<PyBytes>()?;
    // The Python bytes object cannot be wiped; the copy here is.
    Ok(Secret(Cow::Owned(bytes.as_bytes().to_vec())))
}

/// `"en"` or `"zh"`.
pub(crate) fn lang(name: &str) -> PyResult<lib::Lang> {
    name.parse().map_err(|_| {
        PyValueError::new_err(format!(
            "unknown language {name:?} (use \"en\" or \"zh\")"
        ))
    })
}

/// A JSON value as the equivalent Python object (dicts, lists, str, int,
/// float, bool, None).
pub(crate) fn json<'py>(
    py: Python<'py>,
    v: &serde_json::Value,
) -> PyResult<Bound<'py, PyAny>> {
    use pyo3::IntoPyObjectExt;
    use serde_json::Value;
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_bound_py_any(py)?,
        Value::Number(n) => match n.as_u64() {
            Some(u) => u.into_bound_py_any(py)?,
            None => n.as_f64().unwrap_or(f64::NAN).into_bound_py_any(py)?,
        },
        Value::String(s) => s.into_bound_py_any(py)?,
        Value::Array(a) => {
            let list = pyo3::types::PyList::empty(py);
            for x in a {
                list.append(json(py, x)?)?;
            }
            list.into_any()
        }
        Value::Object(o) => {
            let d = pyo3::types::PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, json(py, x)?)?;
            }
            d.into_any()
        }
    })
}
