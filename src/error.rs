//! Errors: loading and compiling policies, and naming them.
//!
//! No error ever carries a password: the only text an error repeats is
//! what the user wrote in a policy file or a policy id on the command line.

use std::fmt;

/// Where in a policy file a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The file name (or `<builtin>/ID.yaml`, or whatever the caller named
    /// the text).
    pub origin: String,
    /// The field, as a dotted path (`variants.windows.rules.length.min`).
    pub field: Option<String>,
    /// One-based line, when known.
    pub line: Option<usize>,
    /// One-based column, when known.
    pub column: Option<usize>,
}

impl Location {
    /// The `id` field of the policy file `origin` (line unknown).
    pub(crate) fn of_id(origin: &str) -> Location {
        Location {
            origin: origin.to_string(),
            field: Some("id".to_string()),
            line: None,
            column: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.origin)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        Ok(())
    }
}

/// One problem found in a policy file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub location: Location,
    /// What is wrong, in a sentence that names the limit or the clash.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Everything that can go wrong outside a password check.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The policy text is not valid YAML, or does not match the schema
    /// (wrong type, unknown field, missing field).
    #[error("{location}: {message}")]
    Syntax {
        /// Where the parser stopped.
        location: Location,
        /// The parser's message.
        message: String,
    },
    /// The policy parses but cannot be compiled; every problem found is
    /// listed, not only the first.
    #[error("{}", join_problems(.0))]
    Invalid(Vec<Problem>),
    /// A policy id that is not in the catalog.
    #[error("{}", unknown_policy(.id, .suggestions, .known))]
    UnknownPolicy {
        /// What was asked for.
        id: String,
        /// Known ids close to it, best first.
        suggestions: Vec<String>,
        /// Every known id.
        known: Vec<String>,
    },
    /// A variant the policy does not have.
    #[error("policy '{id}' has no variant '{variant}'; {}", variants(.id, .known))]
    UnknownVariant {
        /// The policy id.
        id: String,
        /// What was asked for.
        variant: String,
        /// The variants it has.
        known: Vec<String>,
    },
    /// Two policies with the same id.
    #[error(
        "policy id '{id}' from {} is already defined by {}; rename one, \
         or ask to override the built-in policy",
        .second.origin,
        .first.origin
    )]
    DuplicateId {
        /// The id.
        id: String,
        /// Where it was first defined (the file, field `id`). Boxed, as
        /// is `second`, to keep every `Result<_, Error>` small.
        first: Box<Location>,
        /// Where it was defined again.
        second: Box<Location>,
    },
    /// More policy files named (or found in directories) than are loaded
    /// at once.
    #[error("{count} policy files named; at most {limit} are loaded at once")]
    TooManyPolicyFiles {
        /// How many were named.
        count: usize,
        /// [`MAX_POLICY_FILES`](crate::MAX_POLICY_FILES).
        limit: usize,
    },
    /// Policy files that add up to more bytes than are loaded at once.
    #[error(
        "policy files add up to more than {} MiB (at {path}); load fewer",
        .limit >> 20
    )]
    PolicyBytesTotal {
        /// The file that crossed the limit.
        path: String,
        /// [`MAX_POLICY_BYTES_TOTAL`](crate::MAX_POLICY_BYTES_TOTAL).
        limit: u64,
    },
    /// No password can satisfy every selected policy at once.
    #[error("no password satisfies {}: {reason}", .policies.join(" + "))]
    Unsatisfiable {
        /// The policies that were combined.
        policies: Vec<String>,
        /// Which requirements clash.
        reason: String,
    },
    /// A size limit of the compiled checker or generator was exceeded:
    /// which, what was attempted, and the limit.
    #[error("{0}")]
    Limit(Limit),
    /// A caller's buffer is too small for what it must hold.
    #[error("the buffer holds {len} bytes but {need} are needed")]
    BufferTooSmall {
        /// The buffer's length.
        len: usize,
        /// What it must hold at most.
        need: usize,
    },
    /// A broken internal invariant: a bug in passpolicy, never the input's
    /// fault. Please report it.
    #[error("internal error: {0}; please report this bug")]
    Internal(&'static str),
    /// Two selections cannot be compared exactly; the text says why.
    #[error("{0}")]
    Compare(String),
    /// The user name given for the user-name rules is empty or only
    /// white space: checking it would switch the rules off, so it is
    /// refused rather than ignored (an unset shell variable looks so).
    #[error(
        "the user name is empty or blank; give the account the password is \
         for, or no user name to check the policy's own accounts"
    )]
    BlankUserName,
    /// A generation length outside what the selected policies allow.
    #[error(
        "length {length} is outside the allowed range {min} to {max} for \
         the selected policies"
    )]
    LengthOutOfRange {
        /// What was asked for.
        length: u32,
        /// The shortest allowed length.
        min: u32,
        /// The longest allowed length (capped at the generator's limit).
        max: u32,
    },
    /// No allowed length gives the entropy asked for.
    #[error(
        "no allowed length reaches {wanted} bits of entropy; the longest, \
         {length}, gives {best:.1}"
    )]
    EntropyUnreachable {
        /// The entropy asked for, in bits.
        wanted: f64,
        /// The most any allowed length gives.
        best: f64,
        /// The length that gives it.
        length: u32,
    },
    /// No policy was selected.
    #[error("no policy selected; name at least one policy id")]
    NoPolicy,
    /// A parameter (`--param NAME=VALUE`) that no selected policy
    /// declares, or given to policies that declare none.
    #[error("{}", unknown_parameter(.name, .policies, .suggestions, .known))]
    UnknownParameter {
        /// The name given (repeated only when it is close to a known
        /// one: it may be a password typed in the wrong place).
        name: String,
        /// The selected policies' ids.
        policies: Vec<String>,
        /// Declared names close to it, best first.
        suggestions: Vec<String>,
        /// Every parameter the selected policies declare.
        known: Vec<String>,
    },
    /// A parameter value the parameter does not take; the value itself is
    /// never repeated.
    #[error("{}", bad_parameter(.policy.as_deref(), .name.as_deref(), .reason))]
    BadParameter {
        /// The policy whose parameter it is.
        policy: Option<String>,
        /// The parameter.
        name: Option<String>,
        /// What it takes instead.
        reason: String,
    },
    /// A file parameter's file cannot be used (not UTF-8); its contents
    /// are not repeated.
    #[error("{path}: parameter '{name}': {reason}")]
    ParameterFile {
        /// The parameter.
        name: String,
        /// The file.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The display name given for the display-name rule is empty or only
    /// white space: checking it would switch the rule off.
    #[error(
        "the display name is empty or blank; give the account's display \
         name, or none to leave the display-name rule off"
    )]
    BlankDisplayName,
    /// Reading a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

/// Which size limit of a compiled checker or generator was exceeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LimitKind {
    /// Policy variants named for one checker (more than the limit of them
    /// distinct).
    Targets,
    /// Distinct character classes in the combined policies.
    Classes,
    /// Classes with a minimum count above one in the combined policies.
    CountedClasses,
    /// User-name patterns (account names × contains/reversed) in one
    /// checker.
    UsernamePatterns,
    /// Characters the generator may draw from.
    Alphabet,
    /// Characters of the user-name patterns the generator avoids
    /// (reversals included).
    PatternChars,
    /// States of the generator's automaton.
    States,
    /// Steps to build the generator's automaton.
    BuildSteps,
    /// Table entries of the exact sampler at one length.
    SamplerTable,
    /// Bytes of a file a file parameter names.
    ParameterFile,
    /// Characters of the dictionary words one checker matches.
    DictionaryChars,
}

/// A size limit exceeded: what, how much was attempted, and the limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Limit {
    /// Which limit.
    pub kind: LimitKind,
    /// How much was attempted (for limits found while building, the count
    /// when building stopped).
    pub given: u64,
    /// The limit.
    pub limit: u64,
}

impl Limit {
    pub(crate) fn new(
        kind: LimitKind,
        given: impl TryInto<u64>,
        limit: impl TryInto<u64>,
    ) -> Limit {
        // Every figure fits u64 on the platforms Rust supports; saturate
        // rather than fail should one not.
        Limit {
            kind,
            given: given.try_into().unwrap_or(u64::MAX),
            limit: limit.try_into().unwrap_or(u64::MAX),
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (given, limit) = (self.given, self.limit);
        let what = match self.kind {
            LimitKind::Targets => {
                format!("combine {given} policy variants in one checker")
            }
            LimitKind::Classes => {
                format!("compile {given} distinct character classes")
            }
            LimitKind::CountedClasses => {
                format!("count {given} classes with a minimum count above one")
            }
            LimitKind::UsernamePatterns => format!(
                "match {given} user-name patterns (account names × contains/reversed)"
            ),
            LimitKind::Alphabet => format!("generate from {given} characters"),
            LimitKind::PatternChars => format!(
                "avoid user names and dictionary words of {given} characters in all (reversals included) while generating"
            ),
            LimitKind::States => format!(
                "build {given} generator states (class counts × user names × runs × refused values)"
            ),
            LimitKind::BuildSteps => {
                format!(
                    "take {given} steps to build the generator's automaton"
                )
            }
            LimitKind::SamplerTable => {
                format!("fill {given} table entries to sample exactly")
            }
            LimitKind::ParameterFile => {
                format!("read a parameter file of {given} bytes")
            }
            LimitKind::DictionaryChars => {
                format!("match dictionary words of {given} characters in all")
            }
        };
        write!(f, "attempted to {what}, which exceeds the limit of {limit}")?;
        if self.kind == LimitKind::SamplerTable {
            f.write_str("; choose a shorter length")?;
        }
        Ok(())
    }
}

fn join_problems(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    lines.join("\n")
}

/// Most known ids an unknown-policy message lists (the built-in catalog,
/// 22 policies, fits); beyond, it gives
/// the count.
const MAX_LISTED: usize = 40;

/// An id close to no known one is not repeated: it may be a password
/// typed in the wrong place.
fn unknown_policy(
    id: &str,
    suggestions: &[String],
    known: &[String],
) -> String {
    let mut out = if suggestions.is_empty() {
        "unknown policy id (close to no known id, so not repeated, in case \
         it is a password)."
            .to_string()
    } else {
        format!(
            "unknown policy '{id}'; did you mean {}?",
            suggestions.join(" or ")
        )
    };
    if known.is_empty() {
        out.push_str(" No policy is known.");
    } else if known.len() <= MAX_LISTED {
        out.push_str(&format!(" Known policies: {}.", known.join(", ")));
    } else {
        out.push_str(&format!(" {} policies are known.", known.len()));
    }
    out
}

fn unknown_parameter(
    name: &str,
    policies: &[String],
    suggestions: &[String],
    known: &[String],
) -> String {
    let which = policies.join(", ");
    if known.is_empty() {
        return format!(
            "{which} {} no parameters",
            if policies.len() == 1 { "has" } else { "have" }
        );
    }
    let mut out = if suggestions.is_empty() {
        format!(
            "unknown parameter for {which} (close to no known name, so not \
             repeated)"
        )
    } else {
        format!(
            "no parameter '{name}' for {which}; did you mean {}?",
            suggestions.join(" or ")
        )
    };
    out.push_str(&format!(" Parameters: {}.", known.join(", ")));
    out
}

fn bad_parameter(
    policy: Option<&str>,
    name: Option<&str>,
    reason: &str,
) -> String {
    match (policy, name) {
        (Some(p), Some(n)) => format!("parameter '{n}' of {p}: {reason}"),
        (None, Some(n)) => format!("parameter '{n}': {reason}"),
        _ => format!("--param: {reason}"),
    }
}

fn variants(id: &str, known: &[String]) -> String {
    if known.is_empty() {
        format!("it has a single unnamed variant: name it '{id}' alone")
    } else {
        format!("its variants are: {}.", known.join(", "))
    }
}

/// Known ids close to `wanted` (edit distance ≤ 3, or sharing a prefix
/// before the first `-`), best first.
pub(crate) fn nearest<'a>(
    wanted: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let mut scored: Vec<(bool, usize, &str)> = known
        .into_iter()
        .filter_map(|k| {
            let d = edit_distance(wanted, k);
            let same_vendor = wanted.split('-').next() == k.split('-').next();
            let close = d <= 3 || k.contains(wanted) || wanted.contains(k);
            let contained = k.contains(wanted) || wanted.contains(k);
            (close || (same_vendor && d <= k.len() / 2))
                .then_some((!contained, d, k))
        })
        .collect();
    scored.sort();
    // An id that contains what was typed (or the reverse) beats ids that
    // are merely a few edits away.
    if scored.first().is_some_and(|&(far, _, _)| !far) {
        scored.retain(|&(far, _, _)| !far);
    }
    scored.into_iter().take(3).map(|(_, _, k)| k.to_string()).collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] =
                if ca == cb { prev } else { 1 + prev.min(cur).min(row[j]) };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_ids() {
        let known = ["tencent-ecm", "tencent-cvm-v2", "baidu-bcc"];
        assert_eq!(nearest("tencent-cvm", known), vec!["tencent-cvm-v2"]);
        assert_eq!(nearest("baidu-bbc", known), vec!["baidu-bcc"]);
        assert!(nearest("zzz", known).is_empty());
    }

    #[test]
    fn messages_name_location_and_field() {
        let e = Error::Invalid(vec![Problem {
            location: Location {
                origin: "p.yaml".into(),
                field: Some("rules.length.min".into()),
                line: Some(4),
                column: Some(10),
            },
            message: "min 9 is greater than max 8".into(),
        }]);
        assert_eq!(
            e.to_string(),
            "p.yaml:4:10: rules.length.min: min 9 is greater than max 8"
        );
    }
}

#[cfg(test)]
mod rendering {
    use super::*;

    fn at(origin: &str) -> Location {
        Location {
            origin: origin.into(),
            field: None,
            line: Some(2),
            column: Some(3),
        }
    }

    /// Every variant, rendered: library wording only (no command-line
    /// flag), figures with their limit.
    #[test]
    fn every_error_variant_renders() {
        let cases: Vec<(Error, &str)> = vec![
            (
                Error::Syntax {
                    location: at("p.yaml"),
                    message: "bad".into(),
                },
                "p.yaml:2:3: bad",
            ),
            (
                Error::Invalid(vec![Problem {
                    location: at("p.yaml"),
                    message: "m".into(),
                }]),
                "p.yaml:2:3: m",
            ),
            (
                Error::UnknownPolicy {
                    id: "baidu-bc".into(),
                    suggestions: vec!["baidu-bcc".into()],
                    known: vec!["baidu-bcc".into()],
                },
                "unknown policy 'baidu-bc'; did you mean baidu-bcc? Known policies: baidu-bcc.",
            ),
            (
                Error::UnknownVariant {
                    id: "p".into(),
                    variant: "v".into(),
                    known: vec!["w".into()],
                },
                "policy 'p' has no variant 'v'; its variants are: w.",
            ),
            (
                Error::DuplicateId {
                    id: "x".into(),
                    first: Box::new(Location::of_id("a.yaml")),
                    second: Box::new(Location::of_id("b.yaml")),
                },
                "policy id 'x' from b.yaml is already defined by a.yaml; rename one, or ask to \
                 override the built-in policy",
            ),
            (
                Error::Unsatisfiable {
                    policies: vec!["a".into(), "b".into()],
                    reason: "r".into(),
                },
                "no password satisfies a + b: r",
            ),
            (
                Error::Limit(Limit::new(LimitKind::Classes, 70, 64)),
                "attempted to compile 70 distinct character classes, which exceeds the limit of 64",
            ),
            (
                Error::BufferTooSmall { len: 4, need: 16 },
                "the buffer holds 4 bytes but 16 are needed",
            ),
            (
                Error::Internal("count disagreement"),
                "internal error: count disagreement; please report this bug",
            ),
            (
                Error::Compare("cannot compare exactly: x".into()),
                "cannot compare exactly: x",
            ),
            (
                Error::LengthOutOfRange { length: 5, min: 8, max: 16 },
                "length 5 is outside the allowed range 8 to 16 for the selected policies",
            ),
            (
                Error::EntropyUnreachable {
                    wanted: 200.0,
                    best: 99.94,
                    length: 16,
                },
                "no allowed length reaches 200 bits of entropy; the longest, 16, gives 99.9",
            ),
            (
                Error::NoPolicy,
                "no policy selected; name at least one policy id",
            ),
            (
                Error::Io {
                    path: "p.yaml".into(),
                    source: std::io::Error::from(std::io::ErrorKind::NotFound),
                },
                "p.yaml: entity not found",
            ),
        ];
        for (e, want) in &cases {
            assert_eq!(e.to_string(), *want);
            assert!(!e.to_string().contains("-p "), "{e}");
        }
    }

    #[test]
    fn every_limit_kind_renders_given_and_limit() {
        let kinds = [
            LimitKind::Targets,
            LimitKind::Classes,
            LimitKind::CountedClasses,
            LimitKind::UsernamePatterns,
            LimitKind::Alphabet,
            LimitKind::PatternChars,
            LimitKind::States,
            LimitKind::BuildSteps,
            LimitKind::SamplerTable,
        ];
        for kind in kinds {
            let m = Limit::new(kind, 1234, 999).to_string();
            assert!(m.starts_with("attempted to "), "{m}");
            assert!(
                m.contains(" 1234 ") && m.contains("exceeds the limit of 999"),
                "{m}"
            );
        }
    }
}
