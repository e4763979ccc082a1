//! What the fuzz targets share: arbitrary policy specs and passwords drawn
//! from small character pools, and the checker-vs-reference comparison.
//!
//! Raw bytes almost never spell a valid policy, so the differential and
//! round-trip targets build [`PolicySpec`]s structurally. The pools are
//! small on purpose: a password then often contains the characters a rule
//! is about (class members, forbidden first characters, user names), which
//! is where the compiled checker and the reference interpreter could
//! disagree. They include non-ASCII characters whose case folding is
//! unusual (Kelvin sign, dotted capital I, title-case ǅ), characters
//! outside the Basic Multilingual Plane (two UTF-16 units), combining marks
//! (graphemes ≠ characters), controls and invisible characters.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::LazyLock;

use arbitrary::{Arbitrary, Result, Unstructured};
use passpolicy::spec::{
    AccountsSpec, ClassSpec, ClassesRequiredSpec, DictionarySpec,
    ForbiddenSubstringsSpec, LengthSpec, LengthUnit, PolicySpec, RulesSpec,
    UsernameSpec, VariantSpec,
};
use passpolicy::{Checker, Code, Lang, Policy, Verdict, Violation, reference};

/// Characters passwords, classes and names are drawn from.
pub const POOL: &[char] = &[
    'a',
    'b',
    'k',
    'z',
    'A',
    'B',
    'K',
    'Z',
    '0',
    '1',
    '9',
    '!',
    '@',
    '/',
    '-',
    '~',
    ' ',
    '\t',
    '\0',
    '\r',
    'é',
    'É',
    'ß',
    'Ａ',
    '１',
    '\u{212A}',
    '\u{130}',
    '\u{1C5}',
    '\u{301}',
    '\u{200B}',
    '\u{FEFF}',
    '😀',
    '𝔸',
    '\u{D7FF}',
    '\u{E000}',
    '\u{10FFFF}',
];

/// Class names a rule may refer to: every built-in, three defined by the
/// policy, and one that never exists.
pub const CLASS_NAMES: &[&str] = &[
    "lower",
    "upper",
    "letters",
    "digits",
    "ascii_punctuation",
    "ascii_printable",
    "c0",
    "c1",
    "c2",
    "missing",
];

fn pool_char(u: &mut Unstructured<'_>) -> Result<char> {
    // Mostly the pool; now and then any scalar value at all.
    if u.ratio(1, 16)? { char::arbitrary(u) } else { Ok(*u.choose(POOL)?) }
}

fn pool_string(u: &mut Unstructured<'_>, max: usize) -> Result<String> {
    let n = u.int_in_range(0..=max)?;
    (0..n).map(|_| pool_char(u)).collect()
}

fn class_name(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(u.choose(CLASS_NAMES)?.to_string())
}

fn class_names(u: &mut Unstructured<'_>, max: usize) -> Result<Vec<String>> {
    let n = u.int_in_range(0..=max)?;
    (0..n).map(|_| class_name(u)).collect()
}

fn opt<T>(
    u: &mut Unstructured<'_>,
    f: impl FnOnce(&mut Unstructured<'_>) -> Result<T>,
) -> Result<Option<T>> {
    if bool::arbitrary(u)? { f(u).map(Some) } else { Ok(None) }
}

fn small(u: &mut Unstructured<'_>, max: u32) -> Result<u32> {
    // Small numbers mostly, now and then an extreme one.
    if u.ratio(1, 32)? { u32::arbitrary(u) } else { u.int_in_range(0..=max) }
}

fn class(u: &mut Unstructured<'_>) -> Result<ClassSpec> {
    let chars = opt(u, |u| pool_string(u, 5))?;
    let n = u.int_in_range(0..=2)?;
    let mut ranges = Vec::new();
    for _ in 0..n {
        let (a, b) = (pool_char(u)?, pool_char(u)?);
        // Mostly well-formed ranges; sometimes a reversed or malformed one.
        let text = match u.int_in_range(0..=7)? {
            0 => format!("{b}-{a}"),
            1 => format!("{a}{b}"),
            _ => format!("{}-{}", a.min(b), a.max(b)),
        };
        ranges.push(text);
    }
    let include = class_names(u, 2)?;
    let mut categories = Vec::new();
    if u.ratio(1, 4)? {
        let cat = *u.choose(&["Lu", "Ll", "L", "Nd", "Pc", "Zs", "Cn", "Q"])?;
        categories.push(cat.to_string());
    }
    let exclude = class_names(u, 1)?;
    Ok(ClassSpec { chars, ranges, include, categories, exclude })
}

fn rules(u: &mut Unstructured<'_>) -> Result<RulesSpec> {
    let unit = *u.choose(&[
        LengthUnit::Chars,
        LengthUnit::Chars,
        LengthUnit::Bytes,
        LengthUnit::Utf16,
        LengthUnit::Graphemes,
    ])?;
    Ok(RulesSpec {
        length: opt(u, |u| {
            Ok(LengthSpec {
                min: opt(u, |u| small(u, 12))?,
                max: opt(u, |u| small(u, 24))?,
                unit,
            })
        })?,
        alphabet: opt(u, |u| class_names(u, 3))?,
        classes_required: opt(u, |u| {
            Ok(ClassesRequiredSpec {
                at_least: small(u, 4)?,
                of: class_names(u, 4)?,
            })
        })?,
        min_counts: opt(u, |u| {
            let n = u.int_in_range(0..=2)?;
            let mut m = BTreeMap::new();
            for _ in 0..n {
                m.insert(class_name(u)?, small(u, 3)?);
            }
            Ok(m)
        })?,
        forbidden_first: opt(u, |u| pool_string(u, 3))?,
        forbidden_last: opt(u, |u| pool_string(u, 3))?,
        username: opt(u, |u| {
            Ok(UsernameSpec {
                contains: bool::arbitrary(u)?,
                reversed: bool::arbitrary(u)?,
                case_sensitive: bool::arbitrary(u)?,
                consecutive: opt(u, |u| small(u, 3))?,
                equals: bool::arbitrary(u)?,
                equals_reversed: bool::arbitrary(u)?,
                min_name_length: opt(u, |u| small(u, 4))?,
                display_name: None,
            })
        })?,
        max_run: opt(u, |u| small(u, 3))?,
        deny: opt(u, |u| {
            let n = u.int_in_range(0..=2)?;
            (0..n).map(|_| pool_string(u, 4)).collect()
        })?,
        forbidden_substrings: opt(u, |u| {
            let n = u.int_in_range(0..=2)?;
            Ok(ForbiddenSubstringsSpec {
                values: (0..n)
                    .map(|_| pool_string(u, 3))
                    .collect::<Result<_>>()?,
                case_sensitive: bool::arbitrary(u)?,
            })
        })?,
        dictionary: opt(u, |u| {
            let n = u.int_in_range(0..=3)?;
            let words = (0..n).map(|_| pool_string(u, 4)).collect::<Result<_>>()?;
            Ok(DictionarySpec { words: Some(words), ..Default::default() })
        })?,
    })
}

/// An arbitrary policy spec with id `id`: up to three defined classes,
/// shared rules and up to two variants with accounts.
pub fn policy_spec(u: &mut Unstructured<'_>, id: &str) -> Result<PolicySpec> {
    let mut classes = BTreeMap::new();
    for name in ["c0", "c1", "c2"] {
        if bool::arbitrary(u)? {
            classes.insert(name.to_string(), class(u)?);
        }
    }
    let mut variants = BTreeMap::new();
    for name in ["v0", "v1"] {
        if u.ratio(1, 3)? {
            let n = u.int_in_range(0..=2)?;
            let names =
                (0..n).map(|_| pool_string(u, 3)).collect::<Result<_>>()?;
            let accounts = if u.arbitrary()? {
                AccountsSpec::Fixed(names)
            } else {
                AccountsSpec::Given(names)
            };
            variants.insert(
                name.to_string(),
                VariantSpec {
                    accounts,
                    vendor_error_code: None,
                    rules: rules(u)?,
                },
            );
        }
    }
    Ok(PolicySpec {
        id: id.to_string(),
        vendor: "Fuzz".into(),
        product: "Fuzz".into(),
        classes,
        rules: rules(u)?,
        variants,
        ..PolicySpec::default()
    })
}

/// A built-in policy's spec now and then (so that the seed corpus can
/// start from the real catalog), else an arbitrary one with id `id`.
pub fn policy_or_builtin(
    u: &mut Unstructured<'_>,
    id: &str,
) -> Result<PolicySpec> {
    // Parsed once: the fuzzer runs this thousands of times a second.
    static BUILTIN: LazyLock<passpolicy::Catalog> =
        LazyLock::new(passpolicy::Catalog::builtin);
    let builtin = &*BUILTIN;
    let pick = u.int_in_range(0..=15usize)?;
    match builtin.policies().get(pick) {
        Some(p) => Ok(p.spec().clone()),
        None => policy_spec(u, id),
    }
}

/// A password that often contains `hints` (user names, deny values) and
/// the pool's characters.
pub fn password(u: &mut Unstructured<'_>, hints: &[String]) -> Result<String> {
    let mut out = String::new();
    let parts = u.int_in_range(0..=4)?;
    for _ in 0..parts {
        if !hints.is_empty() && u.ratio(1, 4)? {
            let h = u.choose(hints)?;
            if bool::arbitrary(u)? {
                out.push_str(h);
            } else {
                // Reversed, and sometimes in the other case.
                let upper = bool::arbitrary(u)?;
                for c in h.chars().rev() {
                    if upper {
                        out.extend(c.to_uppercase());
                    } else {
                        out.push(c);
                    }
                }
            }
        } else {
            out.push_str(&pool_string(u, 6)?);
        }
    }
    Ok(out)
}

/// One to `max` policies (`p0`, `p1`…, now and then a built-in one) and,
/// one time in four, a `--user` override.
pub fn policies_and_user(
    u: &mut Unstructured<'_>,
    max: usize,
) -> Result<(Vec<PolicySpec>, Option<String>)> {
    let n = u.int_in_range(1..=max)?;
    let specs = (0..n)
        .map(|i| policy_or_builtin(u, &format!("p{i}")))
        .collect::<Result<Vec<_>>>()?;
    let user = if u.ratio(1, 4)? { Some(password(u, &[])?) } else { None };
    Ok((specs, user))
}

/// Every user name and deny value in `specs`, to seed passwords with.
pub fn hints(specs: &[PolicySpec], user: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = user.into_iter().map(String::from).collect();
    for s in specs {
        let all_rules = std::iter::once(&s.rules)
            .chain(s.variants.values().map(|v| &v.rules));
        for r in all_rules {
            out.extend(r.deny.iter().flatten().cloned());
        }
        for v in s.variants.values() {
            out.extend(v.accounts.names().iter().cloned());
        }
    }
    out
}

/// Prints a failing case as a reproducer: each policy as YAML (ready for
/// `Policy::from_yaml` in a regression test), then the other inputs with
/// every character escaped.
pub struct Reproducer<'a> {
    /// The policies.
    pub specs: &'a [PolicySpec],
    /// The `--user` override, if any.
    pub user: Option<&'a str>,
    /// The passwords (or other strings) checked.
    pub passwords: &'a [String],
}

impl fmt::Debug for Reproducer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "\n--- reproducer ---")?;
        for spec in self.specs {
            match serde_yaml::to_string(spec) {
                Ok(yaml) => writeln!(f, "{yaml}---")?,
                Err(e) => writeln!(f, "{spec:?} (not YAML: {e})")?,
            }
        }
        writeln!(f, "user: {:?}", self.user)?;
        for p in self.passwords {
            writeln!(f, "password: \"{}\"", p.escape_default())?;
        }
        Ok(())
    }
}

/// The checker of the specs that validate, with `user` as the `--user`
/// override; `None` when no spec validates or the combination is refused.
/// Every error is rendered, since rendering must not panic either.
pub fn checker_of(
    specs: &[PolicySpec],
    user: Option<&str>,
) -> Option<Checker> {
    let mut policies = Vec::new();
    for spec in specs {
        match Policy::from_spec(spec.clone(), "fuzz.yaml") {
            Ok(p) => policies.push(p),
            // Invalid specs are the bad-input suite's business; their
            // errors must still render.
            Err(e) => drop(e.to_string()),
        }
    }
    let variants: Vec<_> =
        policies.iter().flat_map(|p| p.variants()).collect();
    if variants.is_empty() {
        return None;
    }
    let mut builder = Checker::builder();
    if let Some(user) = user {
        builder = builder.user(user);
    }
    builder.build(&variants).map_err(|e| drop(e.to_string())).ok()
}

/// Asserts that, target by target, the report of `password` fails for
/// exactly the codes the reference interpreter finds, and that the report
/// agrees with `verdict`; returns the codes, by target.
pub fn assert_matches_reference(
    checker: &Checker,
    verdict: Verdict,
    password: &str,
) -> Vec<Vec<Code>> {
    let report = checker.report(password);
    assert_eq!(report.verdict(), verdict);
    let mut out = Vec::new();
    for (i, t) in checker.targets().iter().enumerate() {
        let want = reference::violations(t.rules(), t.usernames(), password);
        let got: Vec<Code> = report
            .codes()
            .filter(|&c| report.targets_failing(c) & (1 << i) != 0)
            .collect();
        assert_eq!(got, want, "target {}", t.label());
        out.push(want);
    }
    out
}

/// Renders every message in both languages (which must not panic).
pub fn render_messages(violations: &[Violation<'_>]) {
    for v in violations {
        drop(v.message(Lang::En));
        drop(v.message(Lang::Zh));
    }
}
