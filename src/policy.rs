//! Loading one policy file: YAML text → typed spec → validated [`Policy`].
//!
//! Validation collects every problem in the file before failing, each with
//! the field it is about and, where it can be found, its line and column.

use std::collections::BTreeMap;
use std::sync::Arc;

mod bind;
mod binding;
mod prepared;
mod resolve;

pub(crate) use bind::Template;
pub(crate) use binding::unknown_parameter;
use resolve::resolve_rules;

use crate::charset::{CharSet, parse_range};
use crate::error::{Error, Location, Problem};
use crate::locate::locate;
use crate::params::{Bound, Params};
use crate::spec::{
    AccountsSpec, ApiSpec, LengthUnit, LimitsSpec, NoteSpec, PolicySpec,
    SourceSpec,
};

/// Files larger than this are refused before parsing: a policy is a page of
/// text, and the YAML parser holds the whole document in memory.
pub const MAX_POLICY_BYTES: usize = 1 << 20;

/// At most this many classes per policy: the checker gives each distinct
/// class one bit of a 64-bit mask.
pub const MAX_CLASSES: usize = 64;

/// A validated policy file: metadata plus one resolved rule set per
/// variant.
///
/// # Example
///
/// ```
/// use passpolicy::Policy;
///
/// let yaml = "
/// id: example
/// vendor: Example Cloud
/// product: VM
/// rules:
///   length: { min: 8, max: 16 }
///   classes_required: { at_least: 2, of: [letters, digits] }
/// ";
/// let policy = Policy::from_yaml(yaml, "example.yaml")?;
/// assert_eq!(policy.id(), "example");
/// assert_eq!(policy.variants().len(), 1);
/// assert_eq!(policy.variants()[0].rules().length.min, 8);
/// # Ok::<(), passpolicy::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Policy {
    spec: PolicySpec,
    origin: String,
    metadata: Arc<Metadata>,
    variants: Vec<Variant>,
    /// The file as written, for binding other parameter values; `None`
    /// for a policy without parameters.
    template: Option<Arc<Template>>,
}

/// What a policy file says about where its rule comes from, beside the
/// rule itself: shared by every variant of the policy.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Metadata {
    /// The policy id (`tencent-cvm-v2`).
    pub id: String,
    /// Cloud vendor (`Tencent Cloud`).
    pub vendor: String,
    /// Product or service.
    pub product: String,
    /// The API the rule belongs to.
    pub api: Option<ApiSpec>,
    /// Where the rule comes from.
    pub source: Option<SourceSpec>,
    /// Request limits stated beside the rule.
    pub limits: Option<LimitsSpec>,
    /// Ambiguities of the source document and the reading taken.
    pub notes: Vec<NoteSpec>,
    /// The parameters the file declares, with the values the rules were
    /// bound with (empty for a policy without parameters).
    pub parameters: Vec<Bound>,
}

/// Whose password a variant's API call sets, for the user-name rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AccountKind {
    /// The API takes a user name; the listed accounts are what it uses
    /// when none is given, and a caller's user name replaces them
    /// (`accounts: [root]` or `accounts: { default: [root] }`).
    #[default]
    Given,
    /// The API only ever sets these management accounts; they always
    /// apply, and a caller's user name is checked besides them
    /// (`accounts: { fixed: [root] }`).
    Fixed,
}

/// One variant of a policy with its rules resolved.
#[derive(Clone, Debug)]
pub struct Variant {
    name: Option<String>,
    label: String,
    accounts: Vec<String>,
    account_kind: AccountKind,
    vendor_error_code: Option<String>,
    metadata: Arc<Metadata>,
    rules: Rules,
}

/// Resolved rules: class names replaced by character sets, defaults filled
/// in. This is what the checker, the generator and the reference
/// interpreter read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rules {
    /// Length bounds.
    pub length: Length,
    /// The closed set of allowed characters.
    pub alphabet: CharSet,
    /// The classes the requirements name, in order of first mention.
    pub classes: Vec<Class>,
    /// At least K of N classes (indices into `classes`).
    pub classes_required: Option<ClassesRequired>,
    /// At least M characters of a class (index into `classes`, M).
    pub min_counts: Vec<(usize, u32)>,
    /// Characters the password must not start with.
    pub forbidden_first: CharSet,
    /// Characters the password must not end with.
    pub forbidden_last: CharSet,
    /// User-name rule, if any.
    pub username: Option<UsernameRule>,
    /// Longest allowed run of one identical character.
    pub max_run: Option<u32>,
    /// Exact values refused.
    pub deny: Vec<String>,
    /// Fixed words the password must not contain, if any.
    pub forbidden_substrings: Option<ForbiddenSubstrings>,
    /// Words no part of the case-folded password may be: sorted, each
    /// once, already case-folded (a word that folding changes can never
    /// match and is dropped), within the rule's byte lengths.
    pub dictionary: Vec<String>,
}

/// Fixed words the password must not contain (not the user name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForbiddenSubstrings {
    /// The words, sorted, without repeats, none empty.
    pub values: Vec<String>,
    /// Compare case-sensitively (else by Unicode simple case folding).
    pub case_sensitive: bool,
}

/// Length bounds in a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Length {
    /// Shortest allowed.
    pub min: u32,
    /// Longest allowed (`u32::MAX` when the document sets no maximum).
    pub max: u32,
    /// What is counted.
    pub unit: LengthUnit,
}

/// A named class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Class {
    /// The name the policy file uses.
    pub name: String,
    /// Its characters.
    pub set: CharSet,
}

/// "At least K of these classes".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassesRequired {
    /// K.
    pub at_least: u32,
    /// Indices into [`Rules::classes`].
    pub of: Vec<usize>,
}

/// A user-name rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UsernameRule {
    /// Must not contain the user name.
    pub contains: bool,
    /// Must not contain the user name reversed.
    pub reversed: bool,
    /// Compare case-sensitively.
    pub case_sensitive: bool,
    /// Must not contain this many consecutive characters of the user name
    /// (of it reversed too, with `reversed`).
    pub consecutive: Option<u32>,
    /// Must not be the user name, byte for byte.
    pub equals: bool,
    /// Must not be the user name's bytes reversed.
    pub equals_reversed: bool,
    /// Names shorter than this many characters are not checked (0: all).
    pub min_name_length: u32,
    /// Must not contain a token of the display name.
    pub display_name: Option<DisplayNameRule>,
}

/// How a display name is cut into tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DisplayNameRule {
    /// The ASCII delimiters, bit `c` for character `c`.
    pub delimiters: u128,
    /// Tokens shorter than this many characters are not checked.
    pub min_token_length: u32,
}

impl DisplayNameRule {
    /// The tokens of `display_name` the rule checks, in order.
    pub fn tokens<'a>(
        &self,
        display_name: &'a str,
    ) -> impl Iterator<Item = &'a str> + use<'a> {
        let (delims, min) = (self.delimiters, self.min_token_length);
        display_name
            .split(move |c: char| {
                c.is_ascii() && delims >> (c as u32) & 1 == 1
            })
            .filter(move |t| t.chars().count() as u64 >= u64::from(min.max(1)))
    }
}

impl Policy {
    /// Parses and validates a policy from YAML text. `origin` names the
    /// text in error messages (usually its file name).
    ///
    /// # Errors
    ///
    /// [`Error::Syntax`] for YAML that does not parse or does not fit the
    /// schema; [`Error::Invalid`] with every problem found otherwise.
    pub fn from_yaml(text: &str, origin: &str) -> Result<Policy, Error> {
        // A byte order mark is not part of the document (YAML allows it at
        // the start; serde_yaml took it for part of the first key).
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        if text.len() > MAX_POLICY_BYTES {
            return Err(Error::Syntax {
                location: at(origin, None, None),
                message: format!(
                    "file is {} bytes, more than the limit of {} for a \
                     policy file",
                    text.len(),
                    MAX_POLICY_BYTES
                ),
            });
        }
        if let Some((line, column)) = crate::depth::too_deep(text) {
            return Err(Error::Syntax {
                location: at(origin, Some(line), Some(column)),
                message: format!(
                    "brackets nest more than {} levels deep; a policy file \
                     needs a few",
                    crate::depth::MAX_FLOW_DEPTH
                ),
            });
        }
        if binding::declares_parameters(text) {
            let doc = crate::expand::from_str(text, origin)?;
            if let Some(policy) =
                Policy::from_template(doc, origin, text, None)
            {
                return policy;
            }
        }
        let spec: PolicySpec = crate::expand::from_str(text, origin)?;
        Policy::from_spec_with_text(spec, origin, Some(text), None)
    }

    /// The policy of a parsed file with parameters or `when` blocks,
    /// bound with the defaults; `None` for a file with neither (then read
    /// as a typed spec). `text` is the file, for locating problems;
    /// `json`, for a built-in, the same document as JSON (see `build.rs`),
    /// which the template keeps instead of a copy of `doc`.
    fn from_template(
        doc: serde_yaml::Value,
        origin: &str,
        text: &str,
        json: Option<&'static str>,
    ) -> Option<Result<Policy, Error>> {
        let split = match json {
            Some(json) => Template::from_json(json, doc),
            None => Template::new(doc).map(|t| {
                t.map(|t| {
                    let doc = t.document();
                    (t, doc)
                })
            }),
        };
        match split {
            Err(p) => Some(Err(binding::problems(origin, Some(text), p))),
            Ok(None) => None,
            Ok(Some((template, doc))) => Some(Policy::bound(
                Arc::new(template),
                doc,
                origin,
                &Params::new(),
            )),
        }
    }

    /// Validates a spec built in code (no line numbers in errors).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] with every problem found.
    pub fn from_spec(spec: PolicySpec, origin: &str) -> Result<Policy, Error> {
        Policy::from_spec_with_text(spec, origin, None, None)
    }

    fn from_spec_with_text(
        spec: PolicySpec,
        origin: &str,
        text: Option<&str>,
        bound: Option<(Arc<Template>, Vec<Bound>)>,
    ) -> Result<Policy, Error> {
        let (template, parameters) = match bound {
            Some((t, v)) => (Some(t), v),
            None => (None, Vec::new()),
        };
        let mut cx =
            Context { origin, text, problems: Vec::new(), unlisted: 0 };
        check_name(&mut cx, &spec.id, &["id"], "policy id");
        let classes = resolve_classes(&mut cx, &spec.classes);
        let metadata = Arc::new(Metadata {
            id: spec.id.clone(),
            vendor: spec.vendor.clone(),
            product: spec.product.clone(),
            api: spec.api.clone(),
            source: spec.source.clone(),
            limits: spec.limits.clone(),
            notes: spec.notes.clone(),
            parameters,
        });
        let mut variants = Vec::new();
        if spec.variants.is_empty() {
            let rules = resolve_rules(&mut cx, &classes, &spec.rules, &[]);
            variants.push(Variant {
                name: None,
                label: spec.id.clone(),
                accounts: Vec::new(),
                account_kind: AccountKind::Given,
                vendor_error_code: spec.vendor_error_code.clone(),
                metadata: Arc::clone(&metadata),
                rules,
            });
        }
        for (name, v) in &spec.variants {
            check_name(&mut cx, name, &["variants", name], "variant name");
            let merged = spec.rules.overridden_by(&v.rules);
            let rules = resolve_rules(
                &mut cx,
                &classes,
                &merged,
                &["variants", name, "rules"],
            );
            let (account_kind, accounts) = match &v.accounts {
                AccountsSpec::Given(a) => (AccountKind::Given, a.clone()),
                AccountsSpec::Fixed(a) => (AccountKind::Fixed, a.clone()),
            };
            variants.push(Variant {
                name: Some(name.clone()),
                label: format!("{}/{}", spec.id, name),
                accounts,
                account_kind,
                vendor_error_code: v
                    .vendor_error_code
                    .clone()
                    .or_else(|| spec.vendor_error_code.clone()),
                metadata: Arc::clone(&metadata),
                rules,
            });
        }
        if cx.unlisted > 0 {
            cx.problems.push(Problem {
                location: at(origin, None, None),
                message: format!(
                    "{} more problems not listed (at most {MAX_PROBLEMS} \
                     are)",
                    cx.unlisted
                ),
            });
        }
        if !cx.problems.is_empty() {
            return Err(Error::Invalid(cx.problems));
        }
        Ok(Policy {
            spec,
            origin: origin.to_string(),
            metadata,
            variants,
            template,
        })
    }

    /// The policy id.
    pub fn id(&self) -> &str {
        &self.spec.id
    }

    /// The file (or name) the policy was loaded from.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The parsed file as written (for comparing two files, or writing
    /// one back); read [`Policy::metadata`] for what it says. For a file
    /// with parameters, the file as bound: references replaced by the
    /// values and `when` blocks applied (see [`Policy::bind`]).
    pub fn spec(&self) -> &PolicySpec {
        &self.spec
    }

    /// Vendor, product, API, source, limits and notes.
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// The vendor (`Tencent Cloud`).
    pub fn vendor(&self) -> &str {
        &self.metadata.vendor
    }

    /// The product or service.
    pub fn product(&self) -> &str {
        &self.metadata.product
    }

    /// The variants; a policy without named variants has one unnamed.
    pub fn variants(&self) -> &[Variant] {
        &self.variants
    }

    /// The variant named `name`.
    pub fn variant(&self, name: &str) -> Option<&Variant> {
        self.variants.iter().find(|v| v.name.as_deref() == Some(name))
    }

    /// The names of the named variants.
    pub fn variant_names(&self) -> Vec<&str> {
        self.variants.iter().filter_map(|v| v.name.as_deref()).collect()
    }
}

impl Variant {
    /// The variant name, `None` for a policy without variants.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// `ID/VARIANT`, or `ID` for a policy without variants.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The id of the policy this variant belongs to.
    pub fn policy_id(&self) -> &str {
        &self.metadata.id
    }

    /// The policy file's metadata.
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// The accounts the user-name rules check by default.
    pub fn accounts(&self) -> &[String] {
        &self.accounts
    }

    /// Whether [`Variant::accounts`] are fixed (always checked) or the
    /// default of a user name the caller may give instead.
    pub fn account_kind(&self) -> AccountKind {
        self.account_kind
    }

    /// The vendor's error code for a password this variant refuses.
    pub fn vendor_error_code(&self) -> Option<&str> {
        self.vendor_error_code.as_deref()
    }

    /// The resolved rules.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// This variant with other rules (the feasibility check switches
    /// rules off one at a time to name the ones that clash).
    pub(crate) fn with_rules(&self, rules: Rules) -> Variant {
        Variant { rules, ..self.clone() }
    }
}

/// At most this many problems are listed for one file; the rest are
/// counted. Locating a problem scans the file, and a generated file can
/// have a problem per character.
const MAX_PROBLEMS: usize = 100;

struct Context<'a> {
    origin: &'a str,
    text: Option<&'a str>,
    problems: Vec<Problem>,
    /// Problems found past [`MAX_PROBLEMS`].
    unlisted: usize,
}

impl Context<'_> {
    fn problem(&mut self, path: &[&str], message: String) {
        if self.problems.len() >= MAX_PROBLEMS {
            self.unlisted += 1;
            return;
        }
        let (line, column) = self
            .text
            .and_then(|t| locate(t, path))
            .map(|(l, c)| (Some(l), Some(c)))
            .unwrap_or((None, None));
        self.problems.push(Problem {
            location: Location {
                origin: self.origin.to_string(),
                field: (!path.is_empty()).then(|| path.join(".")),
                line,
                column,
            },
            message,
        });
    }
}

fn at(origin: &str, line: Option<usize>, column: Option<usize>) -> Location {
    Location { origin: origin.to_string(), field: None, line, column }
}

fn check_name(cx: &mut Context<'_>, name: &str, path: &[&str], what: &str) {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name.bytes().all(|b| {
            b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || b == b'-'
                || b == b'_'
        });
    if !ok {
        cx.problem(
            path,
            format!(
                "{what} '{}' must be 1 to 64 characters of a-z, 0-9, '-' \
                 and '_'",
                name.escape_debug()
            ),
        );
    }
}

/// Resolves the file's class definitions (with `include`) to sets.
fn resolve_classes(
    cx: &mut Context<'_>,
    defs: &BTreeMap<String, crate::spec::ClassSpec>,
) -> BTreeMap<String, CharSet> {
    if defs.len() > MAX_CLASSES {
        cx.problem(
            &["classes"],
            format!(
                "{} classes defined; a policy may define at most {}",
                defs.len(),
                MAX_CLASSES
            ),
        );
        return BTreeMap::new();
    }
    let mut done: BTreeMap<String, CharSet> = BTreeMap::new();
    for name in defs.keys() {
        let mut visiting = Vec::new();
        resolve_class(cx, defs, name, &mut visiting, &mut done);
    }
    done
}

fn resolve_class(
    cx: &mut Context<'_>,
    defs: &BTreeMap<String, crate::spec::ClassSpec>,
    name: &str,
    visiting: &mut Vec<String>,
    done: &mut BTreeMap<String, CharSet>,
) -> Option<CharSet> {
    if let Some(set) = done.get(name) {
        return Some(set.clone());
    }
    let Some(def) = defs.get(name) else {
        return CharSet::builtin(name);
    };
    if visiting.iter().any(|v| v == name) {
        let cycle = format!("{} -> {name}", visiting.join(" -> "));
        cx.problem(
            &["classes", name, "include"],
            format!("classes include each other in a cycle: {cycle}"),
        );
        return None;
    }
    if CharSet::builtin(name).is_some() {
        cx.problem(
            &["classes", name],
            format!("'{name}' is a built-in class and cannot be redefined"),
        );
    }
    visiting.push(name.to_string());
    let mut set = CharSet::new();
    if let Some(chars) = &def.chars {
        // Sorted once, so that a long list costs O(n log n), and each
        // repeated character is reported once however often it repeats.
        let mut sorted: Vec<char> = chars.chars().collect();
        sorted.sort_unstable();
        for pair in sorted.chunk_by(|a, b| a == b).filter(|r| r.len() > 1) {
            cx.problem(
                &["classes", name, "chars"],
                format!(
                    "character {} is listed {}",
                    crate::text::describe_char(pair[0]),
                    match pair.len() {
                        2 => "twice".to_string(),
                        n => format!("{n} times"),
                    }
                ),
            );
        }
        set.union_with(&CharSet::from_chars(sorted));
    }
    let mut ranges = Vec::new();
    for r in &def.ranges {
        match parse_range(r) {
            Some(range) => ranges.push(range),
            None => cx.problem(
                &["classes", name, "ranges"],
                format!(
                    "range '{}' is not written as FIRST-LAST with FIRST ≤ \
                     LAST",
                    r.escape_debug()
                ),
            ),
        }
    }
    set.union_with(&CharSet::from_ranges(ranges));
    for inc in &def.include {
        match resolve_class(cx, defs, inc, visiting, done) {
            Some(s) => set.union_with(&s),
            None if defs.contains_key(inc.as_str()) => {}
            None => cx.problem(
                &["classes", name, "include"],
                unknown_class_message(inc, defs),
            ),
        }
    }
    for cat in &def.categories {
        match crate::unicode::general_category(cat) {
            Some(s) => set.union_with(&s),
            None => cx.problem(
                &["classes", name, "categories"],
                format!(
                    "unknown Unicode general category '{}'; known: {}",
                    cat.escape_debug(),
                    crate::unicode::category_names()
                ),
            ),
        }
    }
    // Taken out last, from everything the other fields put in.
    for exc in &def.exclude {
        match resolve_class(cx, defs, exc, visiting, done) {
            Some(s) => set = set.difference(&s),
            None if defs.contains_key(exc.as_str()) => {}
            None => cx.problem(
                &["classes", name, "exclude"],
                unknown_class_message(exc, defs),
            ),
        }
    }
    visiting.pop();
    if set.is_empty() {
        cx.problem(&["classes", name], format!("class '{name}' is empty"));
    }
    done.insert(name.to_string(), set.clone());
    Some(set)
}

fn unknown_class_message(
    name: &str,
    defs: &BTreeMap<String, crate::spec::ClassSpec>,
) -> String {
    let mut known: Vec<&str> =
        crate::text::BUILTIN_CLASSES.iter().map(|c| c.name).collect();
    known.extend(defs.keys().map(String::as_str));
    format!(
        "unknown class '{}'; known classes: {}",
        name.escape_debug(),
        known.join(", ")
    )
}
