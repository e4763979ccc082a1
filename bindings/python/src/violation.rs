//! `Violation`: one reason a policy refuses a password.

use pyo3::prelude::*;

/// One reason a policy refuses a password: the stable `code`, the policy
/// variant, the vendor's error code (or None), the measurements (`detail`,
/// a dict as in the CLI's JSON), and the message in English or Chinese.
/// Never holds the password.
#[pyclass(frozen, module = "passpolicy")]
pub(crate) struct Violation {
    /// The stable code (`"too_short"`).
    #[pyo3(get)]
    code: String,
    /// The policy variant (`"tencent-cvm-v2/windows"`).
    #[pyo3(get)]
    policy: String,
    /// The vendor's error code for a refused password, if documented.
    #[pyo3(get)]
    vendor_code: Option<String>,
    detail: serde_json::Value,
    en: String,
    zh: String,
}

impl Violation {
    pub(crate) fn new(v: &lib::Violation<'_>) -> Violation {
        Violation {
            code: v.code.as_str().to_string(),
            policy: v.policy.to_string(),
            vendor_code: v.vendor_code.map(str::to_string),
            detail: serde_json::to_value(&v.detail)
                .unwrap_or(serde_json::Value::Null),
            en: v.message(lib::Lang::En),
            zh: v.message(lib::Lang::Zh),
        }
    }
}

#[pymethods]
impl Violation {
    /// The message in `lang` (`"en"` or `"zh"`).
    #[pyo3(signature = (lang = "en"))]
    fn message(&self, lang: &str) -> PyResult<String> {
        Ok(match crate::convert::lang(lang)? {
            lib::Lang::Zh => self.zh.clone(),
            _ => self.en.clone(),
        })
    }

    /// The measurements behind the violation, as in the CLI's JSON
    /// (`{"kind": "length", "actual": 5, "min": 12, ...}`).
    #[getter]
    fn detail<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::json(py, &self.detail)
    }

    fn __repr__(&self) -> String {
        format!(
            "Violation(code='{}', policy='{}', vendor_code={})",
            self.code,
            self.policy,
            match &self.vendor_code {
                Some(c) => format!("'{c}'"),
                None => "None".into(),
            }
        )
    }

    fn __str__(&self) -> String {
        format!("{} {}: {}", self.policy, self.code, self.en)
    }
}
