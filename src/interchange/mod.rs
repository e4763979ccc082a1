//! Other password-rule formats: Apple's `passwordrules` language in and
//! out, and exports for tools that cannot read a policy file.
//!
//! - [`passwordrules`]: Apple's language, parsed and canonicalised exactly
//!   as Apple's own parser does.
//! - [`import_passwordrules`]: a rule string as a policy file whose checker
//!   accepts exactly what the rule accepts.
//! - [`export_passwordrules`]: a selection as the stricter rule string.
//! - [`export_terraform`]: `random_password` arguments whose every output
//!   the selection accepts.
//! - [`export_pwquality`]: `pwquality.conf` lines, with what pwquality
//!   cannot enforce.
//! - [`export_json`]: the compiled rules as one JSON document.
//!
//! `docs/interchange.md` describes each format and what it cannot say.

mod apple_export;
mod import;
mod json;
pub mod passwordrules;
mod pwquality;
mod terraform;

pub use apple_export::{AppleExport, ExportError, export_passwordrules};
pub use import::{
    ImportError, Imported, id_from_domain, import_passwordrules,
};
pub use json::{
    ClassRules, ClassesRequiredRules, LengthRules, MinCountRules,
    RULES_FORMAT, RulesDocument, UsernameRules, VariantRules, export_json,
};
pub use pwquality::{PwqualityConf, export_pwquality};
pub use terraform::{TerraformPassword, export_terraform};
