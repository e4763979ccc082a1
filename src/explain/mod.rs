//! Policies in plain words, generated from the compiled rules.
//!
//! Nothing here is hand-written per policy: every sentence is built from a
//! [`Checker`]'s resolved [`Rules`] (and, through a [`Catalog`], from the
//! policy file's metadata: vendor error code, limits, API, source, notes),
//! so an explanation cannot drift from what [`Checker::check`] enforces.
//!
//! An [`Explanation`] is a plain value: it carries the facts as fields (for
//! `--format json`) and the sentences in one [`Lang`], and `Display`
//! renders it as indented text.

use serde::Serialize;

use crate::catalog::Catalog;
use crate::check::Checker;
use crate::error::Error;
use crate::message::Lang;
use crate::params::Params;
use crate::policy::Rules;
use crate::selection::Target;
use crate::spec::{ApiSpec, LengthUnit, LimitsSpec, NoteSpec, SourceSpec};

/// What one policy variant, or several at once, require.
///
/// Build one with [`Catalog::explain`] (rules plus the policy files'
/// metadata) or [`Checker::explain`] (rules only). `Display` renders it as
/// text; it also serializes (serde) to the JSON that
/// `passpolicy explain --format json` prints.
///
/// # Example
///
/// ```
/// use passpolicy::{Catalog, Lang};
///
/// let e = Catalog::builtin().explain(&["tencent-cvm-v2/windows"], Lang::En)?;
/// let v = &e.variants[0];
/// assert_eq!(v.rules[0], "12–16 characters");
/// assert_eq!(v.vendor_error_code.as_deref(), Some("InvalidPassword"));
/// assert!(e.to_string().contains("must not start with /"));
///
/// let zh = Catalog::builtin().explain(&["tencent-cvm-v2/windows"], Lang::Zh)?;
/// assert_eq!(zh.variants[0].rules[0], "长度 12–16 个字符");
/// # Ok::<(), passpolicy::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Explanation {
    /// The language of the sentences.
    pub lang: Lang,
    /// Each combined variant, in the order they were named.
    pub variants: Vec<VariantExplanation>,
    /// What all of them together require; `None` for a single variant.
    pub combined: Option<CombinedExplanation>,
}

/// One policy variant's rule, as facts and as sentences.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct VariantExplanation {
    /// `ID/VARIANT`, or `ID` for a policy without variants.
    pub policy: String,
    /// The vendor, when known (from the policy file).
    pub vendor: Option<String>,
    /// The product, when known.
    pub product: Option<String>,
    /// Length bounds.
    pub length: LengthFacts,
    /// Every allowed character, as inclusive `[first, last]` ranges.
    pub alphabet: Vec<(char, char)>,
    /// "At least K of these classes", if the rule has one.
    pub classes_required: Option<ClassesFacts>,
    /// "At least M characters of class C".
    pub min_counts: Vec<MinCountFacts>,
    /// Characters the password must not start with.
    pub forbidden_first: String,
    /// Characters the password must not end with.
    pub forbidden_last: String,
    /// The user-name rule, if any.
    pub username: Option<UsernameFacts>,
    /// Longest run of one identical character allowed.
    pub max_run: Option<u32>,
    /// How many exact values the policy refuses (they are not listed).
    pub deny_count: usize,
    /// Fixed words the password must not contain, if any.
    pub forbidden_substrings: Option<ForbiddenWordsFacts>,
    /// The vendor's error code for a refused password.
    pub vendor_error_code: Option<String>,
    /// The vendor API the rule belongs to.
    pub api: Option<ApiSpec>,
    /// Request limits stated beside the rule.
    pub limits: Option<LimitsSpec>,
    /// The accounts the API sets when no user name is given.
    pub accounts: Vec<String>,
    /// Where the rule comes from.
    pub source: Option<SourceSpec>,
    /// The password rule in sentences, one per requirement.
    pub rules: Vec<String>,
    /// Everything else the policy file states, in sentences (error code,
    /// API, limits, accounts, source).
    pub facts: Vec<String>,
    /// Ambiguities of the vendor document and the reading taken (as
    /// written in the policy file, not translated).
    pub notes: Vec<NoteSpec>,
    /// The policy's parameters with the values the rules were bound
    /// with (empty for a policy without parameters).
    pub parameters: Vec<ParameterFacts>,
}

/// What several variants require together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CombinedExplanation {
    /// The variants combined.
    pub policies: Vec<String>,
    /// The common length range, when every variant counts in one unit.
    pub length: Option<LengthFacts>,
    /// The characters every variant allows.
    pub alphabet: Vec<(char, char)>,
    /// Characters some variant forbids first.
    pub forbidden_first: String,
    /// Characters some variant forbids last.
    pub forbidden_last: String,
    /// The smallest run limit.
    pub max_run: Option<u32>,
    /// The combined rule in sentences.
    pub rules: Vec<String>,
}

/// Fixed words a password must not contain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ForbiddenWordsFacts {
    /// The words, as the policy lists them (sorted).
    pub words: Vec<String>,
    /// Compared case-sensitively (else in any case).
    pub case_sensitive: bool,
}

/// Length bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LengthFacts {
    /// Shortest allowed.
    pub min: u32,
    /// Longest allowed, `None` when unbounded.
    pub max: Option<u32>,
    /// What is counted.
    pub unit: LengthUnit,
}

/// A K-of-N class rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClassesFacts {
    /// K.
    pub at_least: u32,
    /// The N classes.
    pub of: Vec<ClassFacts>,
}

/// A named class and its characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClassFacts {
    /// The name the policy file uses.
    pub name: String,
    /// Its characters, as inclusive `[first, last]` ranges.
    pub chars: Vec<(char, char)>,
}

/// A minimum count of one class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MinCountFacts {
    /// The class.
    pub class: ClassFacts,
    /// The minimum number of its characters.
    pub min: u32,
}

/// A user-name rule and the names it checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UsernameFacts {
    /// The names checked (the `--user` name, or the default accounts).
    pub names: Vec<String>,
    /// The user name must not appear.
    pub contains: bool,
    /// The user name spelled backwards must not appear.
    pub reversed: bool,
    /// Whether the comparison is case-sensitive.
    pub case_sensitive: bool,
    /// No run of this many consecutive characters of a name may appear.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consecutive: Option<u32>,
    /// The password must not be a name, byte for byte.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub equals: bool,
    /// The password must not be a name's bytes reversed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub equals_reversed: bool,
    /// Names shorter than this many characters are not checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_name_length: Option<u32>,
    /// With a display-name rule: its shortest token checked, and the
    /// tokens of the display name given (empty without one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<DisplayNameFacts>,
}

/// A display-name rule and the tokens it checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DisplayNameFacts {
    /// Tokens shorter than this many characters are not checked.
    pub min_token_length: u32,
    /// The delimiters, as a string.
    pub delimiters: String,
    /// The tokens of the given display name that are checked.
    pub tokens: Vec<String>,
}

impl Checker {
    /// The compiled rules in plain words, without the policy files'
    /// metadata (use [`Catalog::explain`] for that).
    ///
    /// ```
    /// use passpolicy::{Catalog, Lang};
    ///
    /// let checker = Catalog::builtin().checker(&["baidu-bcc"])?;
    /// let e = checker.explain(Lang::En);
    /// assert_eq!(e.variants[0].rules[0], "8–32 characters");
    /// # Ok::<(), passpolicy::Error>(())
    /// ```
    pub fn explain(&self, lang: Lang) -> Explanation {
        explain(self, With::Rules, lang)
    }
}

impl Catalog {
    /// Explains the named policies (`ID` or `ID/VARIANT`, all of which
    /// must hold), with their metadata and recorded ambiguities.
    ///
    /// # Errors
    ///
    /// As [`Catalog::checker`]: unknown ids or variants, and combinations
    /// no password can satisfy.
    pub fn explain(
        &self,
        names: &[&str],
        lang: Lang,
    ) -> Result<Explanation, Error> {
        self.explain_with(names, &Params::new(), lang)
    }

    /// [`Catalog::explain`] with parameter values (see
    /// [`Catalog::select_with`]); the explanation lists each parameter
    /// with its value and default.
    ///
    /// # Errors
    ///
    /// As [`Catalog::select_with`] and [`Catalog::checker`].
    pub fn explain_with(
        &self,
        names: &[&str],
        params: &Params,
        lang: Lang,
    ) -> Result<Explanation, Error> {
        let variants = self.select_with(names, params)?;
        let refs: Vec<&crate::Variant> = variants.iter().collect();
        let checker = Checker::new(&refs)?;
        Ok(explain(&checker, With::Metadata, lang))
    }
}

/// Whether an explanation carries the policy files' metadata.
#[derive(Clone, Copy, PartialEq, Eq)]
enum With {
    Rules,
    Metadata,
}

fn explain(checker: &Checker, with: With, lang: Lang) -> Explanation {
    let variants: Vec<VariantExplanation> = checker
        .targets()
        .iter()
        .map(|t| explain_variant(t, with, lang))
        .collect();
    let combined =
        (variants.len() > 1).then(|| combine(checker.selection(), lang));
    Explanation { lang, variants, combined }
}

fn explain_variant(t: &Target, with: With, lang: Lang) -> VariantExplanation {
    let rules = t.rules();
    // Every rule by name: a new one does not compile until it is
    // explained (a fact here, a sentence in `rule_sentences`).
    let Rules {
        length: _,
        alphabet,
        classes,
        classes_required,
        min_counts,
        forbidden_first,
        forbidden_last,
        username,
        max_run,
        deny,
        forbidden_substrings,
        dictionary: _, // a sentence in `rule_sentences`
    } = rules;
    let names = t.usernames();
    let meta = (with == With::Metadata).then(|| t.variant().metadata());
    let accounts: Vec<String> = match with {
        With::Metadata => t.variant().accounts().to_vec(),
        With::Rules => Vec::new(),
    };

    let length = length_facts(rules);
    let class = |i: usize| ClassFacts {
        name: classes[i].name.clone(),
        chars: classes[i].set.ranges().to_vec(),
    };
    let classes_required = classes_required.as_ref().map(|r| ClassesFacts {
        at_least: r.at_least,
        of: r.of.iter().map(|&i| class(i)).collect(),
    });
    let min_counts = min_counts
        .iter()
        .map(|&(i, min)| MinCountFacts { class: class(i), min })
        .collect();
    let username = username.map(|u| UsernameFacts {
        names: names.to_vec(),
        contains: u.contains,
        reversed: u.reversed,
        case_sensitive: u.case_sensitive,
        consecutive: u.consecutive,
        equals: u.equals,
        equals_reversed: u.equals_reversed,
        min_name_length: (u.min_name_length > 0).then_some(u.min_name_length),
        display_name: u.display_name.map(|d| rules::display_facts(&d, t)),
    });

    let mut out = VariantExplanation {
        policy: t.label().to_string(),
        vendor: meta.map(|m| m.vendor.clone()),
        product: meta.map(|m| m.product.clone()),
        length,
        alphabet: alphabet.ranges().to_vec(),
        classes_required,
        min_counts,
        forbidden_first: forbidden_first.chars().collect(),
        forbidden_last: forbidden_last.chars().collect(),
        username,
        max_run: *max_run,
        deny_count: deny.len(),
        forbidden_substrings: forbidden_substrings.as_ref().map(|f| {
            ForbiddenWordsFacts {
                words: f.values.clone(),
                case_sensitive: f.case_sensitive,
            }
        }),
        vendor_error_code: t.vendor_code().map(str::to_string),
        api: meta.and_then(|m| m.api.clone()),
        limits: meta.and_then(|m| m.limits.clone()),
        accounts,
        source: meta.and_then(|m| m.source.clone()),
        rules: Vec::new(),
        facts: Vec::new(),
        notes: meta.map(|m| m.notes.clone()).unwrap_or_default(),
        parameters: meta
            .map(|m| params::parameter_facts(&m.parameters))
            .unwrap_or_default(),
    };
    out.rules = rule_sentences(rules, out.username.as_ref(), lang);
    out.facts = fact_sentences(&out, lang);
    out.facts.extend(open::generation_sentence(&rules.alphabet, lang));
    out.facts.extend(params::parameter_sentences(&out.parameters, lang));
    out
}

fn length_facts(rules: &Rules) -> LengthFacts {
    let l = rules.length;
    LengthFacts {
        min: l.min,
        max: (l.max != u32::MAX).then_some(l.max),
        unit: l.unit,
    }
}

mod combine;
mod facts;
mod open;
mod params;
mod rules;
mod sentences;
mod text;

use combine::combine;
use facts::fact_sentences;
pub use params::ParameterFacts;
use sentences::rule_sentences;

#[cfg(test)]
mod tests;
