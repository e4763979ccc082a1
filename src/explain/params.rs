//! The parameters of an explained policy: their values, defaults and what
//! they take, as facts and as sentences.

use serde::Serialize;

use crate::message::Lang;
use crate::params::Bound;

/// One parameter of an explained policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ParameterFacts {
    /// The vendor's name (`dictionary_file`).
    pub name: String,
    /// `integer`, `boolean`, `enum` or `file`.
    pub kind: &'static str,
    /// What it takes, in words.
    pub allowed: String,
    /// The value the rules were bound with (`None`: a file parameter left
    /// unset).
    pub value: Option<String>,
    /// The default (`None`: a file parameter, off unless given).
    pub default: Option<String>,
    /// Whether the value was given rather than defaulted.
    pub given: bool,
    /// What the parameter is, in the vendor's terms.
    pub about: Option<String>,
}

/// The facts of each bound parameter.
pub(super) fn parameter_facts(bound: &[Bound]) -> Vec<ParameterFacts> {
    bound
        .iter()
        .map(|b| ParameterFacts {
            name: b.parameter.name.clone(),
            kind: b.parameter.kind.as_str(),
            allowed: b.parameter.kind.allowed(),
            value: b.value.as_ref().map(ToString::to_string),
            default: b.parameter.default.as_ref().map(ToString::to_string),
            given: b.given,
            about: b.parameter.about.clone(),
        })
        .collect()
}

/// "parameter length = 12 (given; default 8; takes an integer from 0 to
/// 1024)", "parameter policy = MEDIUM (the default; takes …)".
pub(super) fn parameter_sentences(
    facts: &[ParameterFacts],
    lang: Lang,
) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let unset = if zh { "未设置" } else { "unset" };
    facts
        .iter()
        .map(|p| {
            let value = p.value.as_deref().unwrap_or(unset);
            let default = p.default.as_deref().unwrap_or(unset);
            match (zh, p.given) {
                (false, true) => format!(
                    "parameter {} = {value} (given; default {default}; \
                     takes {})",
                    p.name, p.allowed
                ),
                (false, false) => format!(
                    "parameter {} = {value} (the default; takes {})",
                    p.name, p.allowed
                ),
                (true, true) => format!(
                    "参数 {} = {value}（已指定；默认 {default}；取值：{}）",
                    p.name, p.allowed
                ),
                (true, false) => format!(
                    "参数 {} = {value}（默认值；取值：{}）",
                    p.name, p.allowed
                ),
            }
        })
        .collect()
}
