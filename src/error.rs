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
        "policy id '{id}' from {second} is already defined by {first}; \
         rename one, or ask to override the built-in policy"
    )]
    DuplicateId {
        /// The id.
        id: String,
        /// Where it was first defined.
        first: String,
        /// Where it was defined again.
        second: String,
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
    /// A size limit of the compiled checker or generator was exceeded.
    #[error("{0}")]
    Limit(String),
    /// The user name given for the user-name rules is empty or only
    /// white space: checking it would switch the rules off, so it is
    /// refused rather than ignored (an unset shell variable looks so).
    #[error(
        "the user name is empty or blank; give the account the password is \
         for, or no user name to check the policy's own accounts"
    )]
    BlankUserName,
    /// A verdict handed to a checker other than the one that made it.
    #[error(
        "the verdict was made by another checker; list its violations with \
         the checker that checked the password"
    )]
    ForeignVerdict,
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
    #[error("no policy selected; name at least one with -p ID[/VARIANT]")]
    NoPolicy,
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

fn join_problems(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    lines.join("\n")
}

/// Most known ids an unknown-policy message lists; beyond, it gives
/// the count.
const MAX_LISTED: usize = 20;

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
