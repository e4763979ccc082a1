//! Apple `passwordrules` → a policy file.
//!
//! The policy says exactly what the canonical rule says (see
//! [`super::passwordrules`]): the alphabet is the canonical `allowed` set,
//! every `required` set becomes one class and all of them are required
//! (`classes_required: {at_least: N, of: [all N]}`), `max-consecutive` is
//! `max_run`, the lengths are the bounds. A rule no password can meet is
//! refused with the reason, never weakened.

use std::fmt::Write as _;

use super::passwordrules::{
    self, ALL_PRINTABLE, AppleSet, DIGIT, LOWER, Note, ParseError,
    PasswordRules, SPECIAL, UPPER,
};
use crate::{Checker, Error, Policy};

/// A rule string imported as a policy.
#[derive(Debug)]
pub struct Imported {
    /// The policy file text (`lint` accepts it).
    pub yaml: String,
    /// The policy, loaded from `yaml`.
    pub policy: Policy,
    /// The rule as Apple's parser canonicalises it.
    pub rules: PasswordRules,
    /// Where Apple's parser reads less than the text seems to say.
    pub notes: Vec<Note>,
}

/// Why a rule string could not be imported.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The text is not a rule this importer reads the way Apple does.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// No password meets the rule; the reason.
    #[error("no password meets this rule: {0}")]
    Impossible(String),
    /// The id, vendor or product is not valid in a policy file, or the
    /// generated policy does not compile (a bug: reported, not hidden).
    #[error(transparent)]
    Policy(#[from] Error),
}

/// Most `required` sets the feasibility check handles (a hitting-set
/// search over 2^N masks); Apple's quirks use at most 5.
const MAX_REQUIRED: usize = 16;

/// Imports `text` as the policy `id` (vendor and product default to the
/// id and "Apple passwordrules import").
///
/// # Errors
///
/// [`ImportError::Parse`] with the column; [`ImportError::Impossible`]
/// when no password meets the rule; [`ImportError::Policy`] for an id,
/// vendor or product the policy language refuses.
///
/// ```
/// use passpolicy::interchange::import_passwordrules;
///
/// let imported = import_passwordrules(
///     "minlength: 8; maxlength: 12; required: digit; allowed: lower;",
///     "example", None, None,
/// )?;
/// let checker = passpolicy::Checker::new(&[&imported.policy.variants()[0]])?;
/// assert!(checker.accepts("abcdefg1"));
/// assert!(!checker.accepts("abcdefgh"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn import_passwordrules(
    text: &str,
    id: &str,
    vendor: Option<&str>,
    product: Option<&str>,
) -> Result<Imported, ImportError> {
    let (rules, notes) = passwordrules::parse(text)?;
    feasible(&rules)?;
    let yaml = policy_yaml(text, &rules, &notes, id, vendor, product);
    let policy = Policy::from_yaml(&yaml, &format!("{id}.yaml"))?;
    // Compiling proves the file is one `lint` accepts in full.
    Checker::new(&[&policy.variants()[0]])?;
    Ok(Imported { yaml, policy, rules, notes })
}

/// A policy id from a domain name: lower case, every character outside
/// `a-z 0-9 - _` (the dots) as `-`, at most 64 characters.
pub fn id_from_domain(domain: &str) -> String {
    let mut id: String = domain
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(64)
        .collect();
    if id.is_empty() {
        id.push('-');
    }
    id
}

/// The elements sets are made of for the feasibility check: the 95
/// printable ASCII characters and, for `unicode`, one more standing for
/// every other character.
fn mask(set: &AppleSet) -> u128 {
    match set {
        AppleSet::Unicode => ALL_PRINTABLE | 1 << 95,
        other => other.ascii_bits(),
    }
}

/// Refuses a rule no password meets. With at least two allowed
/// characters any length from the fewest characters that hit every
/// required set up to `maxlength` works (hitting characters are distinct;
/// filler alternates, so runs stay at 1); with one, the run limit caps the
/// length too.
pub(crate) fn feasible(r: &PasswordRules) -> Result<(), ImportError> {
    let max = r.max_length.unwrap_or(u32::MAX);
    if r.min_length > max {
        return Err(ImportError::Impossible(format!(
            "minlength {} is greater than maxlength {max}",
            r.min_length
        )));
    }
    if r.required.len() > MAX_REQUIRED {
        return Err(ImportError::Impossible(format!(
            "{} required sets; at most {MAX_REQUIRED} are handled",
            r.required.len()
        )));
    }
    let allowed = mask(&r.allowed);
    let sets: Vec<u128> =
        r.required.iter().map(|s| mask(s) & allowed).collect();
    if let Some(i) = sets.iter().position(|&s| s == 0) {
        return Err(ImportError::Impossible(format!(
            "required set {} ({}) has no allowed character",
            i + 1,
            r.required[i]
        )));
    }
    let need = hitting_set_size(allowed, &sets);
    if need > max {
        return Err(ImportError::Impossible(format!(
            "the {} required sets need at least {need} different \
             characters, but maxlength is {max}",
            sets.len()
        )));
    }
    let shortest = need.max(r.min_length);
    if allowed.count_ones() == 1 {
        let cap = r.max_consecutive.unwrap_or(u32::MAX).min(max);
        if shortest > cap {
            return Err(ImportError::Impossible(format!(
                "only one character is allowed, max-consecutive is {cap}, \
                 and the password needs at least {shortest} characters"
            )));
        }
    }
    Ok(())
}

/// The fewest characters of `allowed` that hit every set: a breadth-first
/// search over the masks of sets hit so far (2^N states).
fn hitting_set_size(allowed: u128, sets: &[u128]) -> u32 {
    let full = (1usize << sets.len()) - 1;
    let mut signatures: Vec<usize> = (0..96)
        .filter(|e| allowed >> e & 1 == 1)
        .map(|e| {
            sets.iter()
                .enumerate()
                .filter(|(_, s)| *s >> e & 1 == 1)
                .fold(0, |m, (i, _)| m | 1 << i)
        })
        .filter(|&m| m != 0)
        .collect();
    signatures.sort_unstable();
    signatures.dedup();
    let mut dist = vec![u32::MAX; full + 1];
    dist[0] = 0;
    let mut frontier = vec![0usize];
    while !frontier.is_empty() && dist[full] == u32::MAX {
        let mut next = Vec::new();
        for m in frontier {
            for s in &signatures {
                let n = m | s;
                if dist[n] == u32::MAX {
                    dist[n] = dist[m] + 1;
                    next.push(n);
                }
            }
        }
        frontier = next;
    }
    dist[full]
}

/// A YAML double-quoted scalar.
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // YAML's non-printable characters and line breaks, escaped.
            c if c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
                || matches!(c as u32, 0xfffe | 0xffff) =>
            {
                let _ = write!(out, "\\U{:08X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The class lines (`include` / `chars`) for a set of printable ASCII.
fn class_body(b: u128) -> String {
    let mut include = Vec::new();
    let mut rest = b;
    for (name, class) in [
        ("upper", UPPER),
        ("lower", LOWER),
        ("digits", DIGIT),
        ("ascii_punctuation", SPECIAL & !1),
    ] {
        if b & class == class {
            include.push(name);
            rest &= !class;
        }
    }
    let chars: String =
        (' '..='~').filter(|&c| rest >> (c as u32 - 0x20) & 1 == 1).collect();
    let mut parts = Vec::new();
    if !include.is_empty() {
        parts.push(format!("include: [{}]", include.join(", ")));
    }
    if !chars.is_empty() {
        parts.push(format!("chars: {}", quoted(&chars)));
    }
    format!("{{ {} }}", parts.join(", "))
}

/// The name a set goes by in the policy, defining a class when needed.
fn class_name(
    set: &AppleSet,
    name: &str,
    classes: &mut Vec<(String, String)>,
) -> String {
    match set {
        AppleSet::AsciiPrintable => "ascii_printable".into(),
        AppleSet::Unicode => {
            if !classes.iter().any(|(n, _)| n == "unicode") {
                let body =
                    format!("{{ ranges: [{}] }}", quoted("\u{0}-\u{10FFFF}"));
                classes.push(("unicode".into(), body));
            }
            "unicode".into()
        }
        AppleSet::Chars(b) => {
            let body = class_body(*b);
            if let Some((n, _)) = classes.iter().find(|(_, x)| *x == body) {
                return n.clone();
            }
            classes.push((name.into(), body));
            name.into()
        }
    }
}

fn policy_yaml(
    text: &str,
    r: &PasswordRules,
    notes: &[Note],
    id: &str,
    vendor: Option<&str>,
    product: Option<&str>,
) -> String {
    let mut classes = Vec::new();
    let alphabet = class_name(&r.allowed, "allowed", &mut classes);
    let mut required: Vec<String> = Vec::new();
    for (i, set) in r.required.iter().enumerate() {
        let name =
            class_name(set, &format!("required_{}", i + 1), &mut classes);
        // `required: x; required: x` asks for x once.
        if !required.contains(&name) {
            required.push(name);
        }
    }
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# Imported by passpolicy {} from Apple's passwordrules language.",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(y, "# Rule as written: {}", text.escape_debug());
    let _ = writeln!(y, "# As Apple's parser reads it: {r}");
    let _ = writeln!(y, "id: {}", quoted(id));
    let _ = writeln!(y, "vendor: {}", quoted(vendor.unwrap_or(id)));
    let _ = writeln!(
        y,
        "product: {}",
        quoted(product.unwrap_or("Apple passwordrules import"))
    );
    if !classes.is_empty() {
        y.push_str("classes:\n");
        for (name, body) in &classes {
            let _ = writeln!(y, "  {name}: {body}");
        }
    }
    y.push_str("rules:\n");
    let max = r.max_length.map(|m| format!("max: {m}"));
    let min = (r.min_length > 0).then(|| format!("min: {}", r.min_length));
    let bounds: Vec<String> = min.into_iter().chain(max).collect();
    if !bounds.is_empty() {
        let _ = writeln!(y, "  length: {{ {} }}", bounds.join(", "));
    }
    let _ = writeln!(y, "  alphabet: [{alphabet}]");
    if !required.is_empty() {
        let _ = writeln!(
            y,
            "  classes_required: {{ at_least: {}, of: [{}] }}",
            required.len(),
            required.join(", ")
        );
    }
    if let Some(n) = r.max_consecutive {
        let _ = writeln!(y, "  max_run: {n}");
    }
    y.push_str("notes:\n");
    y.push_str(
        "  - about: the length unit\n    document: Apple's language does \
         not say how length is counted\n    reading: characters (Unicode \
         scalar values)\n",
    );
    for n in notes {
        let _ = writeln!(
            y,
            "  - about: {}\n    reading: {}",
            quoted(&format!("column {} of the rule", n.column)),
            quoted(&n.message)
        );
    }
    y
}
