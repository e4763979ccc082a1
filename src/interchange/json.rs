//! A selection's compiled rules as one JSON document (serde types; the
//! CLI serializes them), so that a tool in another language can implement
//! the same check without linking the library. The JSON Schema is
//! `docs/rules-export.schema.json`; `docs/interchange.md` gives the
//! semantics of every field.
//!
//! Character sets are explicit inclusive ranges of code points
//! (`[[97, 122]]` for a–z), never class names, so nothing needs resolving.

use serde::Serialize;

use crate::{CharSet, Checker, LengthUnit};

/// Identifies the document kind and its layout version.
pub const RULES_FORMAT: &str = "passpolicy-rules/1";

/// The whole document: a password is accepted when every variant accepts.
#[derive(Clone, Debug, Serialize)]
pub struct RulesDocument {
    /// Always [`RULES_FORMAT`].
    pub format: &'static str,
    /// The passpolicy version that wrote it.
    pub passpolicy_version: &'static str,
    /// The variants, all of which must hold.
    pub variants: Vec<VariantRules>,
}

/// One variant's rules, resolved.
#[derive(Clone, Debug, Serialize)]
pub struct VariantRules {
    /// `ID` or `ID/VARIANT`.
    pub policy: String,
    /// The vendor's error code for a refused password.
    pub vendor_error_code: Option<String>,
    /// Length bounds.
    pub length: LengthRules,
    /// Every character must be in these ranges.
    pub alphabet: Vec<[u32; 2]>,
    /// The classes the requirements below name.
    pub classes: Vec<ClassRules>,
    /// At least `at_least` of the named classes must each occur.
    pub classes_required: Option<ClassesRequiredRules>,
    /// At least `min` characters of the class.
    pub min_counts: Vec<MinCountRules>,
    /// The first character must not be in these ranges.
    pub forbidden_first: Vec<[u32; 2]>,
    /// The last character must not be in these ranges.
    pub forbidden_last: Vec<[u32; 2]>,
    /// The user-name rule, with the names it checks.
    pub username: Option<UsernameRules>,
    /// Longest run of one identical character.
    pub max_run: Option<u32>,
    /// Whole passwords refused (exact, case-sensitive).
    pub deny: Vec<String>,
    /// Words no part of the password, case-folded, may be (already
    /// case-folded, sorted).
    pub dictionary: Vec<String>,
    /// Fixed words the password must not contain (not the user name).
    pub forbidden_substrings: Option<ForbiddenSubstringsRules>,
}

/// "Must not contain these words".
#[derive(Clone, Debug, Serialize)]
pub struct ForbiddenSubstringsRules {
    /// The words.
    pub values: Vec<String>,
    /// Compare case-sensitively (else with Unicode simple case folding).
    pub case_sensitive: bool,
}

/// Length bounds.
#[derive(Clone, Debug, Serialize)]
pub struct LengthRules {
    /// Shortest allowed.
    pub min: u32,
    /// Longest allowed (`null`: no maximum).
    pub max: Option<u32>,
    /// `chars`, `bytes`, `utf16` or `graphemes`.
    pub unit: LengthUnit,
}

/// A named class.
#[derive(Clone, Debug, Serialize)]
pub struct ClassRules {
    /// The policy's name for it.
    pub name: String,
    /// Its characters.
    pub ranges: Vec<[u32; 2]>,
}

/// "At least K of these classes".
#[derive(Clone, Debug, Serialize)]
pub struct ClassesRequiredRules {
    /// K.
    pub at_least: u32,
    /// Class names (in `classes`).
    pub of: Vec<String>,
}

/// "At least M of a class".
#[derive(Clone, Debug, Serialize)]
pub struct MinCountRules {
    /// Class name (in `classes`).
    pub class: String,
    /// M.
    pub min: u32,
}

/// "Must not contain the user name".
#[derive(Clone, Debug, Serialize)]
pub struct UsernameRules {
    /// Refuse a password containing a name.
    pub contains: bool,
    /// Refuse a password containing a name spelled backwards.
    pub reversed: bool,
    /// Compare case-sensitively (else with Unicode simple case folding).
    pub case_sensitive: bool,
    /// Refuse any run of this many consecutive characters of a name (of
    /// it spelled backwards too, with `reversed`); `None` when unset.
    pub consecutive: Option<u32>,
    /// The names checked.
    pub names: Vec<String>,
    /// Refuse a password that is a name, byte for byte.
    pub equals: bool,
    /// Refuse a password that is a name's bytes reversed.
    pub equals_reversed: bool,
    /// Names shorter than this many characters are not checked.
    pub min_name_length: u32,
    /// Refuse a password containing one of these tokens of the display
    /// name (compared as `case_sensitive` says).
    pub display_name_tokens: Vec<String>,
}

fn ranges(set: &CharSet) -> Vec<[u32; 2]> {
    set.ranges().iter().map(|&(a, b)| [a as u32, b as u32]).collect()
}

/// The document for everything `checker` combines.
///
/// ```
/// use passpolicy::Catalog;
/// use passpolicy::interchange::export_json;
///
/// let checker = Catalog::builtin().checker(&["baidu-bcc"])?;
/// let doc = export_json(&checker);
/// assert_eq!(doc.variants[0].length.min, 8);
/// assert!(doc.variants[0].alphabet.contains(&[97, 122]));
/// # Ok::<(), passpolicy::Error>(())
/// ```
pub fn export_json(checker: &Checker) -> RulesDocument {
    let variants = checker
        .targets()
        .iter()
        .map(|t| {
            let (label, r, names, code) =
                (t.label(), t.rules(), t.usernames(), t.vendor_code());
            let name = |i: usize| r.classes[i].name.clone();
            VariantRules {
                policy: label.to_string(),
                vendor_error_code: code.map(str::to_string),
                length: LengthRules {
                    min: r.length.min,
                    max: (r.length.max != u32::MAX).then_some(r.length.max),
                    unit: r.length.unit,
                },
                alphabet: ranges(&r.alphabet),
                classes: r
                    .classes
                    .iter()
                    .map(|c| ClassRules {
                        name: c.name.clone(),
                        ranges: ranges(&c.set),
                    })
                    .collect(),
                classes_required: r.classes_required.as_ref().map(|c| {
                    ClassesRequiredRules {
                        at_least: c.at_least,
                        of: c.of.iter().map(|&i| name(i)).collect(),
                    }
                }),
                min_counts: r
                    .min_counts
                    .iter()
                    .map(|&(i, m)| MinCountRules { class: name(i), min: m })
                    .collect(),
                forbidden_first: ranges(&r.forbidden_first),
                forbidden_last: ranges(&r.forbidden_last),
                username: r.username.map(|u| UsernameRules {
                    contains: u.contains,
                    reversed: u.reversed,
                    case_sensitive: u.case_sensitive,
                    consecutive: u.consecutive,
                    names: names.to_vec(),
                    equals: u.equals,
                    equals_reversed: u.equals_reversed,
                    min_name_length: u.min_name_length,
                    display_name_tokens: match (
                        u.display_name,
                        t.display_name(),
                    ) {
                        (Some(d), Some(n)) => {
                            d.tokens(n).map(str::to_string).collect()
                        }
                        _ => Vec::new(),
                    },
                }),
                max_run: r.max_run,
                deny: r.deny.clone(),
                dictionary: r.dictionary.clone(),
                forbidden_substrings: r.forbidden_substrings.as_ref().map(
                    |f| ForbiddenSubstringsRules {
                        values: f.values.clone(),
                        case_sensitive: f.case_sensitive,
                    },
                ),
            }
        })
        .collect();
    RulesDocument {
        format: RULES_FORMAT,
        passpolicy_version: env!("CARGO_PKG_VERSION"),
        variants,
    }
}
