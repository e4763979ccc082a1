//! Binding a policy's parameters: [`Policy::bind`], and the errors of
//! declarations, values and bound rules.

use std::sync::Arc;

use crate::error::{Error, Location, Problem};
use crate::locate::locate;
use crate::params::Params;
use crate::spec::PolicySpec;

use super::{Policy, Template, at};

impl Policy {
    /// This policy with its parameters set to `params` (the unset ones to
    /// their defaults): the rules are bound again from the file.
    ///
    /// ```
    /// use passpolicy::{Params, Policy};
    ///
    /// let policy = Policy::from_yaml(
    ///     "id: ad\nvendor: v\nproduct: p\nparameters:\n  \
    ///      minimum_password_length: { type: integer, max: 256, default: 7 }\n\
    ///      rules:\n  length: { min: { param: minimum_password_length } }\n  \
    ///      alphabet: [ascii_printable]\n",
    ///     "ad.yaml",
    /// )?;
    /// assert_eq!(policy.variants()[0].rules().length.min, 7);
    /// let mut params = Params::new();
    /// params.set("minimum_password_length", "14");
    /// let bound = policy.bind(&params)?;
    /// assert_eq!(bound.variants()[0].rules().length.min, 14);
    /// # Ok::<(), passpolicy::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::UnknownParameter`] for a name the policy does not declare
    /// (or any name, for a policy without parameters);
    /// [`Error::BadParameter`] for a value the parameter does not take;
    /// for a file parameter, [`Error::Io`], [`Error::ParameterFile`] and
    /// [`Error::Limit`]; [`Error::Invalid`] when the values give rules
    /// that do not compile (a minimum above the maximum).
    pub fn bind(&self, params: &Params) -> Result<Policy, Error> {
        let declared: Vec<&str> = self
            .metadata
            .parameters
            .iter()
            .map(|b| b.parameter.name.as_str())
            .collect();
        if let Some(name) = params.names().find(|n| !declared.contains(n)) {
            return Err(unknown_parameter(name, &[self.id()], &declared));
        }
        match &self.template {
            Some(t) if !params.is_empty() => Policy::bound(
                Arc::clone(t),
                t.document(),
                &self.origin,
                params,
            ),
            _ => Ok(self.clone()),
        }
    }

    /// Binds `doc`, a copy of `template`'s document, with `params` and
    /// compiles the result.
    pub(super) fn bound(
        template: Arc<Template>,
        doc: serde_yaml::Value,
        origin: &str,
        params: &Params,
    ) -> Result<Policy, Error> {
        let values =
            crate::params::values(&template.id, &template.decls, params)?;
        let doc = template
            .bind(doc, &values)
            .map_err(|p| problems(origin, None, p))?;
        let spec: PolicySpec =
            serde_yaml::from_value(doc).map_err(|e| Error::Syntax {
                location: at(origin, None, None),
                message: e.to_string(),
            })?;
        let given: Vec<String> = values
            .iter()
            .filter(|b| b.given)
            .filter_map(|b| {
                b.value.as_ref().map(|v| format!("{}={v}", b.parameter.name))
            })
            .collect();
        Policy::from_spec_with_text(
            spec,
            origin,
            None,
            Some((template, values)),
        )
        .map_err(|e| match e {
            Error::Invalid(mut p) if !given.is_empty() => {
                p.insert(
                    0,
                    Problem {
                        location: at(origin, None, None),
                        message: format!(
                            "with the parameters given ({}):",
                            given.join(", ")
                        ),
                    },
                );
                Error::Invalid(p)
            }
            e => e,
        })
    }
}

/// Whether a file declares parameters or `when` blocks at its top level
/// (a line that starts with the key): such files are read as a YAML value
/// first, others straight into the typed spec as before.
pub(super) fn declares_parameters(text: &str) -> bool {
    text.lines()
        .any(|l| l.starts_with("parameters:") || l.starts_with("when:"))
}

/// Problems of the parameter declarations or the binding, as an error.
pub(super) fn problems(
    origin: &str,
    text: Option<&str>,
    found: Vec<(String, String)>,
) -> Error {
    let list = found
        .into_iter()
        .map(|(field, message)| {
            let path: Vec<&str> = field.split('.').collect();
            let (line, column) = text
                .and_then(|t| locate(t, &path))
                .map(|(l, c)| (Some(l), Some(c)))
                .unwrap_or((None, None));
            Problem {
                location: Location {
                    origin: origin.to_string(),
                    field: Some(field),
                    line,
                    column,
                },
                message,
            }
        })
        .collect();
    Error::Invalid(list)
}

/// A parameter name `policies` do not declare.
pub(crate) fn unknown_parameter(
    name: &str,
    policies: &[&str],
    declared: &[&str],
) -> Error {
    Error::UnknownParameter {
        name: name.to_string(),
        policies: policies.iter().map(|p| p.to_string()).collect(),
        suggestions: crate::error::nearest(name, declared.iter().copied()),
        known: declared.iter().map(|d| d.to_string()).collect(),
    }
}
