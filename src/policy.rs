//! Loading one policy file: YAML text → typed spec → validated [`Policy`].
//!
//! Validation collects every problem in the file before failing, each with
//! the field it is about and, where it can be found, its line and column.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::charset::{CharSet, parse_range};
use crate::error::{Error, Location, Problem};
use crate::locate::locate;
use crate::spec::{
    AccountsSpec, ApiSpec, LengthUnit, LimitsSpec, NoteSpec, PolicySpec,
    RulesSpec, SourceSpec,
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
        let spec: PolicySpec = crate::expand::from_str(text, origin)?;
        Policy::from_spec_with_text(spec, origin, Some(text))
    }

    /// Validates a spec built in code (no line numbers in errors).
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] with every problem found.
    pub fn from_spec(spec: PolicySpec, origin: &str) -> Result<Policy, Error> {
        Policy::from_spec_with_text(spec, origin, None)
    }

    fn from_spec_with_text(
        spec: PolicySpec,
        origin: &str,
        text: Option<&str>,
    ) -> Result<Policy, Error> {
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
        Ok(Policy { spec, origin: origin.to_string(), metadata, variants })
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
    /// one back); read [`Policy::metadata`] for what it says.
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
                    crate::verdict::describe_char(pair[0]),
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
        crate::charset::BUILTIN_CLASSES.iter().map(|(n, _)| *n).collect();
    known.extend(defs.keys().map(String::as_str));
    format!(
        "unknown class '{}'; known classes: {}",
        name.escape_debug(),
        known.join(", ")
    )
}

/// Resolves one variant's merged rules, reporting problems under `base`.
fn resolve_rules(
    cx: &mut Context<'_>,
    classes: &BTreeMap<String, CharSet>,
    spec: &RulesSpec,
    base: &[&str],
) -> Rules {
    let field = |rest: &[&'static str]| -> Vec<String> {
        let mut p: Vec<String> = if base.is_empty() {
            vec!["rules".to_string()]
        } else {
            base.iter().map(|s| s.to_string()).collect()
        };
        p.extend(rest.iter().map(|s| s.to_string()));
        p
    };
    let report = |cx: &mut Context<'_>, rest: &[&'static str], msg| {
        let p = field(rest);
        let refs: Vec<&str> = p.iter().map(String::as_str).collect();
        cx.problem(&refs, msg);
    };

    let mut out_classes: Vec<Class> = Vec::new();
    let lookup = |cx: &mut Context<'_>,
                  name: &str,
                  rest: &[&'static str],
                  out: &mut Vec<Class>|
     -> Option<usize> {
        if let Some(i) = out.iter().position(|c| c.name == name) {
            return Some(i);
        }
        let set = classes
            .get(name)
            .cloned()
            .or_else(|| CharSet::builtin(name))
            .filter(|s| !s.is_empty());
        match set {
            Some(set) => {
                out.push(Class { name: name.to_string(), set });
                Some(out.len() - 1)
            }
            None => {
                if !classes.contains_key(name) {
                    let p = field(rest);
                    let refs: Vec<&str> =
                        p.iter().map(String::as_str).collect();
                    let known: BTreeMap<String, crate::spec::ClassSpec> =
                        classes
                            .keys()
                            .map(|k| (k.clone(), Default::default()))
                            .collect();
                    cx.problem(&refs, unknown_class_message(name, &known));
                }
                None
            }
        }
    };

    // Length.
    let (min, max, unit) = match &spec.length {
        Some(l) => (l.min.unwrap_or(0), l.max.unwrap_or(u32::MAX), l.unit),
        None => (0, u32::MAX, LengthUnit::Chars),
    };
    if min > max {
        report(
            cx,
            &["length", "min"],
            format!("min {min} is greater than max {max}"),
        );
    }
    if max == 0 {
        report(cx, &["length", "max"], "max 0 allows no password".into());
    }

    // Class requirements.
    let mut classes_required = None;
    if let Some(req) = &spec.classes_required {
        let mut of = Vec::new();
        for name in &req.of {
            if let Some(i) =
                lookup(cx, name, &["classes_required", "of"], &mut out_classes)
            {
                if of.contains(&i) {
                    report(
                        cx,
                        &["classes_required", "of"],
                        format!("class '{name}' is listed twice"),
                    );
                } else {
                    of.push(i);
                }
            }
        }
        if req.at_least == 0 {
            report(
                cx,
                &["classes_required", "at_least"],
                "at_least 0 requires nothing; remove the rule or set K ≥ 1"
                    .into(),
            );
        }
        if req.at_least as usize > req.of.len() {
            report(
                cx,
                &["classes_required", "at_least"],
                format!(
                    "requires at least {} classes but lists only {}",
                    req.at_least,
                    req.of.len()
                ),
            );
        }
        classes_required =
            Some(ClassesRequired { at_least: req.at_least, of });
    }
    let mut min_counts = Vec::new();
    for (name, &m) in spec.min_counts.iter().flatten() {
        if let Some(i) = lookup(cx, name, &["min_counts"], &mut out_classes) {
            if m == 0 {
                report(
                    cx,
                    &["min_counts"],
                    format!("min_counts.{name} is 0, which requires nothing"),
                );
            }
            min_counts.push((i, m));
        }
    }

    // Alphabet: named, or the union of the required classes.
    let alphabet = match &spec.alphabet {
        Some(names) => {
            let mut set = CharSet::new();
            for name in names {
                let resolved = classes
                    .get(name)
                    .cloned()
                    .or_else(|| CharSet::builtin(name));
                match resolved {
                    Some(s) => set.union_with(&s),
                    None => {
                        if !classes.contains_key(name) {
                            let known = classes
                                .keys()
                                .map(|k| (k.clone(), Default::default()))
                                .collect();
                            report(
                                cx,
                                &["alphabet"],
                                unknown_class_message(name, &known),
                            );
                        }
                    }
                }
            }
            set
        }
        None => {
            let mut set = CharSet::new();
            for c in &out_classes {
                set.union_with(&c.set);
            }
            set
        }
    };
    if alphabet.is_empty() {
        report(
            cx,
            &["alphabet"],
            "the alphabet is empty: name it with `alphabet:` or require \
             some classes"
                .into(),
        );
    }

    // Every requirement must be reachable inside the alphabet.
    if let Some(req) = &classes_required {
        let usable = req
            .of
            .iter()
            .filter(|&&i| {
                !out_classes[i].set.intersection(&alphabet).is_empty()
            })
            .count();
        // Unknown names, and a K above the list's length, were reported
        // already; only judge a complete, consistent list.
        let complete = spec
            .classes_required
            .as_ref()
            .is_some_and(|r| r.of.len() == req.of.len())
            && req.at_least as usize <= req.of.len();
        if complete && !alphabet.is_empty() && (usable as u32) < req.at_least {
            let dead: Vec<&str> = req
                .of
                .iter()
                .filter(|&&i| {
                    out_classes[i].set.intersection(&alphabet).is_empty()
                })
                .map(|&i| out_classes[i].name.as_str())
                .collect();
            report(
                cx,
                &["classes_required"],
                format!(
                    "requires {} classes but only {usable} have a character \
                     in the alphabet (none of: {})",
                    req.at_least,
                    dead.join(", ")
                ),
            );
        }
    }
    for &(i, _) in &min_counts {
        let c = &out_classes[i];
        if !alphabet.is_empty() && c.set.intersection(&alphabet).is_empty() {
            report(
                cx,
                &["min_counts"],
                format!(
                    "class '{}' is required but none of its characters is \
                     in the alphabet",
                    c.name
                ),
            );
        }
    }
    let needed = min_chars_needed(&out_classes, &min_counts, &alphabet);
    if needed > max as u64 {
        report(
            cx,
            &["min_counts"],
            format!(
                "the minimum counts need at least {needed} characters but \
                 the maximum length is {max}"
            ),
        );
    }

    let chars_of = |s: &Option<String>| {
        CharSet::from_chars(s.iter().flat_map(|s| s.chars()))
    };
    let forbidden_first = chars_of(&spec.forbidden_first);
    let forbidden_last = chars_of(&spec.forbidden_last);
    if !alphabet.is_empty() && alphabet.difference(&forbidden_first).is_empty()
    {
        report(
            cx,
            &["forbidden_first"],
            "every character of the alphabet is forbidden as the first one"
                .into(),
        );
    }
    if !alphabet.is_empty() && alphabet.difference(&forbidden_last).is_empty()
    {
        report(
            cx,
            &["forbidden_last"],
            "every character of the alphabet is forbidden as the last one"
                .into(),
        );
    }
    if spec.max_run == Some(0) {
        report(
            cx,
            &["max_run"],
            "max_run 0 allows no character; the smallest is 1".into(),
        );
    }
    let username = spec.username.as_ref().map(|u| UsernameRule {
        contains: u.contains,
        reversed: u.reversed,
        case_sensitive: u.case_sensitive,
    });
    let mut deny = spec.deny.clone().unwrap_or_default();
    deny.sort();
    deny.dedup();

    Rules {
        length: Length { min, max, unit },
        alphabet,
        classes: out_classes,
        classes_required,
        min_counts,
        forbidden_first,
        forbidden_last,
        username,
        max_run: spec.max_run,
        deny,
    }
}

/// A lower bound on the characters the minimum counts need: the sum when
/// the counted classes are disjoint within the alphabet, else the largest.
fn min_chars_needed(
    classes: &[Class],
    min_counts: &[(usize, u32)],
    alphabet: &CharSet,
) -> u64 {
    let sets: Vec<CharSet> = min_counts
        .iter()
        .map(|&(i, _)| classes[i].set.intersection(alphabet))
        .collect();
    let disjoint = sets.iter().enumerate().all(|(i, a)| {
        sets[i + 1..].iter().all(|b| a.intersection(b).is_empty())
    });
    let counts = min_counts.iter().map(|&(_, m)| u64::from(m));
    if disjoint { counts.sum() } else { counts.max().unwrap_or(0) }
}
