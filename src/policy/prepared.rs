//! Loading a built-in policy from the JSON the build script wrote for it
//! (see `build.rs`): the same document as its YAML file, parsed many times
//! faster. The YAML text still serves for locating problems.

use crate::error::Error;
use crate::spec::PolicySpec;

use super::{Policy, at};

impl Policy {
    /// The policy whose file is `yaml`, read from `json`, that file's
    /// document as JSON. Gives what [`Policy::from_yaml`] gives for `yaml`
    /// (the tests compare the two for every built-in); the caller falls
    /// back to the YAML when this fails.
    pub(crate) fn from_prepared(
        json: &'static str,
        yaml: &str,
        origin: &str,
    ) -> Result<Policy, Error> {
        // Problems are located in the text `from_yaml` reads.
        let yaml = yaml.strip_prefix('\u{FEFF}').unwrap_or(yaml);
        let syntax = |e: serde_json::Error| Error::Syntax {
            location: at(origin, None, None),
            message: e.to_string(),
        };
        // A file with parameters is read as a value first, as
        // `from_yaml` does; a key's name in the JSON text is a cheaper
        // test than the YAML's lines, and a false alarm (the name inside
        // a note) only takes the longer way to the same policy.
        if json.contains("\"parameters\":") || json.contains("\"when\":") {
            let doc = serde_json::from_str(json).map_err(syntax)?;
            if let Some(policy) =
                Policy::from_template(doc, origin, yaml, Some(json))
            {
                return policy;
            }
        }
        let spec: PolicySpec = serde_json::from_str(json).map_err(syntax)?;
        Policy::from_spec_with_text(spec, origin, Some(yaml), None)
    }
}
