//! The YAML schema of a policy file, as plain serde types.
//!
//! These types mirror the file one to one and carry no logic: every check
//! that needs more than the shape of the data (min ≤ max, known class
//! names, a satisfiable intersection) happens in the compiler. Unknown
//! fields are rejected everywhere, so a misspelt key is an error, not a rule
//! silently ignored. `docs/policy-language.md` is the reference for users.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One policy file: a vendor document's password rule and its metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PolicySpec {
    /// Stable id used on the command line (`tencent-cvm-v2`).
    pub id: String,
    /// Cloud vendor (`Tencent Cloud`).
    pub vendor: String,
    /// Product or service (`Cloud Virtual Machine (legacy API)`).
    pub product: String,
    /// The API the rule belongs to.
    #[serde(default)]
    pub api: Option<ApiSpec>,
    /// Where the rule comes from.
    #[serde(default)]
    pub source: Option<SourceSpec>,
    /// The error code the vendor returns for a password that breaks the
    /// rule; variants may override it.
    #[serde(default)]
    pub vendor_error_code: Option<String>,
    /// Request limits stated beside the rule.
    #[serde(default)]
    pub limits: Option<LimitsSpec>,
    /// Named character classes defined by this policy, in addition to the
    /// built-in ones (`lower`, `upper`, `letters`, `digits`, …).
    #[serde(default, deserialize_with = "unique_keys")]
    pub classes: BTreeMap<String, ClassSpec>,
    /// Rules shared by every variant.
    #[serde(default)]
    pub rules: RulesSpec,
    /// Per-OS (or otherwise named) variants; each field a variant sets
    /// replaces the shared rule's field. Empty means the policy has a single
    /// unnamed variant.
    #[serde(default, deserialize_with = "unique_keys")]
    pub variants: BTreeMap<String, VariantSpec>,
    /// Ambiguities of the source document and the reading chosen.
    #[serde(default)]
    pub notes: Vec<NoteSpec>,
}

/// The vendor API a policy belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ApiSpec {
    /// The API action (`ResetInstancesPassword`).
    #[serde(default)]
    pub action: Option<String>,
    /// The API version (`2017-03-12`).
    #[serde(default)]
    pub version: Option<String>,
    /// Request endpoint or URI template.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// Name of the password parameter (`Password`, `adminPass`).
    #[serde(default)]
    pub parameter: Option<String>,
}

/// Provenance of a policy.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSpec {
    /// The vendor page the rule was read from.
    pub url: String,
    /// The "last updated" date the page shows, if any.
    #[serde(default)]
    pub updated: Option<String>,
    /// Document language(s).
    #[serde(default)]
    pub language: Option<String>,
    /// The date the rule was read from the source (`2026-12-01`).
    #[serde(default)]
    pub read: Option<String>,
    /// Where the rule was read, when not at `url` itself (a stored copy,
    /// a reference corpus).
    #[serde(default)]
    pub read_in: Option<String>,
    /// How well the rule is established.
    #[serde(default)]
    pub verification: Option<Verification>,
    /// Rules the vendor enforces that this policy does not model (a
    /// server-side strength score, password history): a password this
    /// policy accepts may still be refused for them.
    #[serde(default)]
    pub gaps: Vec<String>,
}

/// How well a policy's rule is established by its sources.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    /// Read in a stored copy of a vendor page or vendor-owned code.
    Verified,
    /// The core rule read; some bound inferred or from a secondary source.
    Partly,
    /// Not found in any stored source.
    Unverified,
}

impl Verification {
    /// The name used in policy files (`verified`, `partly`, `unverified`).
    pub fn as_str(self) -> &'static str {
        match self {
            Verification::Verified => "verified",
            Verification::Partly => "partly",
            Verification::Unverified => "unverified",
        }
    }
}

/// Request limits stated by the vendor document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsSpec {
    /// Most instances one request may name.
    #[serde(default)]
    pub batch: Option<u32>,
    /// Longest user name the API accepts.
    #[serde(default)]
    pub username_max_length: Option<u32>,
    /// Requests per second the API allows.
    #[serde(default)]
    pub requests_per_second: Option<u32>,
    /// What happens when one request mixes variants (e.g. Linux and
    /// Windows instances).
    #[serde(default)]
    pub mixed_batch: Option<String>,
}

/// A named character class: literal characters, ranges and other classes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ClassSpec {
    /// Literal characters, each listed once (`"!@#$%^*()"`).
    #[serde(default)]
    pub chars: Option<String>,
    /// Inclusive ranges written `a-z` (one character, a hyphen, one
    /// character).
    #[serde(default)]
    pub ranges: Vec<String>,
    /// Other classes (built-in or defined in this file) to include.
    #[serde(default)]
    pub include: Vec<String>,
    /// Unicode General_Category values whose characters to include, by
    /// two-letter name (`Lu`, `Nd`, `Cn` for unassigned) or one-letter
    /// group (`L` = `Lu Ll Lt Lm Lo`), from the Unicode Character
    /// Database the crate was built with (15.0).
    #[serde(default)]
    pub categories: Vec<String>,
    /// Classes (built-in or defined in this file) whose characters are
    /// taken out of the union of the fields above: .NET's `\W` is every
    /// character `exclude`ing `[L, Mn, Nd, Pc]`.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// The unit a length is counted in.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum LengthUnit {
    /// Unicode scalar values (the default).
    #[default]
    Chars,
    /// UTF-8 bytes.
    Bytes,
    /// UTF-16 code units.
    Utf16,
    /// Extended grapheme clusters (UAX #29).
    Graphemes,
}

/// Length bounds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LengthSpec {
    /// Shortest allowed length.
    #[serde(default)]
    pub min: Option<u32>,
    /// Longest allowed length.
    #[serde(default)]
    pub max: Option<u32>,
    /// What a unit of length is.
    #[serde(default)]
    pub unit: LengthUnit,
}

/// "At least K of these N classes".
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ClassesRequiredSpec {
    /// K: how many of the classes must be present.
    pub at_least: u32,
    /// The N class names.
    pub of: Vec<String>,
}

/// Rules about the user name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct UsernameSpec {
    /// The password must not contain the user name.
    #[serde(default)]
    pub contains: bool,
    /// The password must not contain the user name spelled backwards.
    #[serde(default)]
    pub reversed: bool,
    /// Compare case-sensitively (default: case-insensitive, the stricter
    /// reading when a document is silent).
    #[serde(default)]
    pub case_sensitive: bool,
    /// The password must not contain any N consecutive characters of the
    /// user name (nor, with `reversed`, of it spelled backwards): Huawei
    /// ECS Windows refuses "Monitor@2024" for "tor" of Administrator.
    #[serde(default)]
    pub consecutive: Option<u32>,
    /// The password must not be the user name, byte for byte (MySQL's
    /// `check_user_name`); `case_sensitive` does not apply.
    #[serde(default)]
    pub equals: bool,
    /// The password must not be the user name's bytes in reverse order.
    #[serde(default)]
    pub equals_reversed: bool,
    /// Names shorter than this many characters are not checked (AD skips
    /// an sAMAccountName of two characters or fewer: 3).
    #[serde(default)]
    pub min_name_length: Option<u32>,
    /// The password must not contain a token of the display name (AD's
    /// displayName rule); needs a display name to check.
    #[serde(default)]
    pub display_name: Option<DisplayNameSpec>,
}

/// How a display name is cut into the tokens a password must not contain.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DisplayNameSpec {
    /// The characters that separate tokens (ASCII; AD: space , . - _ #
    /// and TAB).
    pub delimiters: String,
    /// Tokens shorter than this many characters are not checked (AD: 3).
    pub min_token_length: u32,
}

/// A dictionary of words no part of the password may be.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DictionarySpec {
    /// The words (one per line of MySQL's dictionary file); `null` for
    /// none, which switches the rule off.
    #[serde(default)]
    pub words: Option<Vec<String>>,
    /// Words shorter than this many UTF-8 bytes never match (MySQL: 4).
    #[serde(default)]
    pub min_bytes: Option<u32>,
    /// Words longer than this many UTF-8 bytes never match (MySQL: 100).
    #[serde(default)]
    pub max_bytes: Option<u32>,
}

/// The password rules of one variant (or the shared part of all).
///
/// Every field is optional so that a variant can override the shared rules
/// field by field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RulesSpec {
    /// Length bounds.
    #[serde(default)]
    pub length: Option<LengthSpec>,
    /// The closed set of allowed characters, as class names. Default: the
    /// union of the classes named in `classes_required` and `min_counts`.
    #[serde(default)]
    pub alphabet: Option<Vec<String>>,
    /// At least K of N classes must be present.
    #[serde(default)]
    pub classes_required: Option<ClassesRequiredSpec>,
    /// At least M characters of class C.
    #[serde(default, deserialize_with = "unique_keys_opt")]
    pub min_counts: Option<BTreeMap<String, u32>>,
    /// Characters the password must not start with.
    #[serde(default)]
    pub forbidden_first: Option<String>,
    /// Characters the password must not end with.
    #[serde(default)]
    pub forbidden_last: Option<String>,
    /// User-name rules.
    #[serde(default)]
    pub username: Option<UsernameSpec>,
    /// Longest allowed run of one identical character.
    #[serde(default)]
    pub max_run: Option<u32>,
    /// Exact values that are refused (case-sensitive).
    #[serde(default)]
    pub deny: Option<Vec<String>>,
    /// Words that no part of the password, case-folded, may be.
    #[serde(default)]
    pub dictionary: Option<DictionarySpec>,
    /// Fixed words the password must not contain anywhere (Oracle
    /// Autonomous Database: "admin" in any case).
    #[serde(default)]
    pub forbidden_substrings: Option<ForbiddenSubstringsSpec>,
}

/// Fixed words the password must not contain: not the user's name but
/// words the vendor lists.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ForbiddenSubstringsSpec {
    /// The words (each at least one character).
    pub values: Vec<String>,
    /// Compare case-sensitively (default: case-insensitive, by Unicode
    /// simple case folding, as for user names).
    #[serde(default)]
    pub case_sensitive: bool,
}

/// One variant of a policy (an OS, an edition…).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VariantSpec {
    /// The accounts the user-name rules check: `[root]` or
    /// `{ default: [root] }` when the API takes a user name and these are
    /// what it uses when none is given; `{ fixed: [root] }` when the API
    /// only ever sets these accounts.
    #[serde(default)]
    pub accounts: AccountsSpec,
    /// Overrides the policy's vendor error code for this variant.
    #[serde(default)]
    pub vendor_error_code: Option<String>,
    /// Rules that replace the shared ones field by field.
    #[serde(default)]
    pub rules: RulesSpec,
}

/// A variant's accounts, and whether a caller's user name replaces them.
///
/// Written as a list (`[root]`, the same as `{ default: [root] }`) or as a
/// map with exactly one of `default` and `fixed`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccountsSpec {
    /// The API takes a user name; these are its default, which a given
    /// user name replaces.
    Given(Vec<String>),
    /// The API only ever sets these accounts: they always apply, and a
    /// given user name is checked besides them.
    Fixed(Vec<String>),
}

impl Default for AccountsSpec {
    fn default() -> AccountsSpec {
        AccountsSpec::Given(Vec::new())
    }
}

impl AccountsSpec {
    /// The account names, whichever kind.
    pub fn names(&self) -> &[String] {
        match self {
            AccountsSpec::Given(a) | AccountsSpec::Fixed(a) => a,
        }
    }
}

/// The map form of [`AccountsSpec`].
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct AccountsMap {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    default: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fixed: Option<Vec<String>>,
}

impl<'de> Deserialize<'de> for AccountsSpec {
    fn deserialize<D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<AccountsSpec, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = AccountsSpec;
            fn expecting(
                &self,
                f: &mut std::fmt::Formatter<'_>,
            ) -> std::fmt::Result {
                f.write_str(
                    "a list of account names, or a map with one of \
                     `default` or `fixed`",
                )
            }
            fn visit_unit<E>(self) -> Result<AccountsSpec, E> {
                Ok(AccountsSpec::default())
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<AccountsSpec, A::Error> {
                let names = Vec::<String>::deserialize(
                    serde::de::value::SeqAccessDeserializer::new(seq),
                )?;
                Ok(AccountsSpec::Given(names))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<AccountsSpec, A::Error> {
                let m = AccountsMap::deserialize(
                    serde::de::value::MapAccessDeserializer::new(map),
                )?;
                match (m.default, m.fixed) {
                    (Some(d), None) => Ok(AccountsSpec::Given(d)),
                    (None, Some(f)) => Ok(AccountsSpec::Fixed(f)),
                    _ => Err(serde::de::Error::custom(
                        "accounts: give exactly one of `default` (the API \
                         takes a user name) or `fixed` (it only sets these \
                         accounts)",
                    )),
                }
            }
        }
        d.deserialize_any(Visit)
    }
}

impl Serialize for AccountsSpec {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match self {
            AccountsSpec::Given(a) => a.serialize(s),
            AccountsSpec::Fixed(a) => {
                AccountsMap { default: None, fixed: Some(a.clone()) }
                    .serialize(s)
            }
        }
    }
}

/// An ambiguity in the source document and how the policy reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NoteSpec {
    /// What the note is about.
    pub about: String,
    /// What the document says.
    #[serde(default)]
    pub document: Option<String>,
    /// The reading this policy takes (the stricter one).
    pub reading: String,
    /// The other reading, not taken.
    #[serde(default)]
    pub alternative: Option<String>,
}

/// Deserializes a map, refusing a key that occurs twice. A plain
/// `BTreeMap` keeps the last value silently, so a class or variant defined
/// twice would lose its first definition without a word.
fn unique_keys<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Unique<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Unique<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(
            &self,
            f: &mut std::fmt::Formatter<'_>,
        ) -> std::fmt::Result {
            f.write_str("a map with unique keys")
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            // `variants:` with nothing after it: no entries.
            Ok(BTreeMap::new())
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(key) = map.next_key::<String>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format!(
                        "duplicate key `{}`",
                        key.escape_debug()
                    )));
                }
                let value = map.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique(std::marker::PhantomData))
}

fn unique_keys_opt<'de, D, V>(
    d: D,
) -> Result<Option<BTreeMap<String, V>>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    // Null (`min_counts:` alone) stays "not set", so a variant that writes
    // it still inherits the shared rule.
    struct Unique<V>(BTreeMap<String, V>);
    impl<'de, V: Deserialize<'de>> Deserialize<'de> for Unique<V> {
        fn deserialize<D2: serde::Deserializer<'de>>(
            d: D2,
        ) -> Result<Self, D2::Error> {
            unique_keys(d).map(Unique)
        }
    }
    Ok(Option::<Unique<V>>::deserialize(d)?.map(|u| u.0))
}

impl RulesSpec {
    /// Returns these rules with every field that `over` sets replaced.
    pub fn overridden_by(&self, over: &RulesSpec) -> RulesSpec {
        fn pick<T: Clone>(base: &Option<T>, over: &Option<T>) -> Option<T> {
            over.clone().or_else(|| base.clone())
        }
        RulesSpec {
            length: pick(&self.length, &over.length),
            alphabet: pick(&self.alphabet, &over.alphabet),
            classes_required: pick(
                &self.classes_required,
                &over.classes_required,
            ),
            min_counts: pick(&self.min_counts, &over.min_counts),
            forbidden_first: pick(
                &self.forbidden_first,
                &over.forbidden_first,
            ),
            forbidden_last: pick(&self.forbidden_last, &over.forbidden_last),
            username: pick(&self.username, &over.username),
            max_run: pick(&self.max_run, &over.max_run),
            deny: pick(&self.deny, &over.deny),
            dictionary: pick(&self.dictionary, &over.dictionary),
            forbidden_substrings: pick(
                &self.forbidden_substrings,
                &over.forbidden_substrings,
            ),
        }
    }
}

impl LengthUnit {
    /// The unit's name in policy files.
    pub fn as_str(self) -> &'static str {
        match self {
            LengthUnit::Chars => "chars",
            LengthUnit::Bytes => "bytes",
            LengthUnit::Utf16 => "utf16",
            LengthUnit::Graphemes => "graphemes",
        }
    }
}
