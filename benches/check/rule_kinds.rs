//! One small policy per rule kind, built from YAML text, so that the cost
//! of each kind on the check's fast path can be measured alone: the
//! criterion bench (`check/rule/<kind>`) and `examples/callgrind_check`
//! (`rule:<kind>`, for `scripts/bench-report.sh`'s "Check, one rule kind
//! at a time" table) read this table.
//!
//! Every policy has the same length and alphabet, and accepts the built-in
//! accepted password (`kQ7$vX2m!pL9zR@a`), so a row differs from the
//! `baseline` row by its one rule.

use passpolicy::{Checker, Error, Policy};

/// A rule kind's policy.
pub struct RuleKind {
    /// The row's name (`rule:<name>` on the example's command line).
    pub name: &'static str,
    /// The classes and rules sections of the policy file.
    pub yaml: &'static str,
    /// The user name given to the checker, if any.
    pub user: Option<&'static str>,
    /// The display name given to the checker, if any.
    pub display_name: Option<&'static str>,
}

const fn kind(name: &'static str, yaml: &'static str) -> RuleKind {
    RuleKind { name, yaml, user: None, display_name: None }
}

/// Every rule kind, the baseline first.
pub const RULE_KINDS: &[RuleKind] = &[
    kind("baseline", ""),
    kind(
        "counts-above-one",
        "  min_counts: { upper: 2, lower: 2, digits: 2, special: 2 }\n",
    ),
    kind("max-run", "  max_run: 2\n"),
    kind(
        "deny-list",
        "  deny: [abc@123, 'P@ssw0rd', Password1, 'iloveyou!', \
         'kQ7$vX2m!pL9zR@b']\n",
    ),
    RuleKind {
        user: Some("alice"),
        ..kind(
            "username-contains",
            "  username: { contains: true, reversed: true }\n",
        )
    },
    RuleKind {
        user: Some("Administrator"),
        ..kind(
            "username-runs",
            "  username: { contains: true, reversed: true, consecutive: 3 }\n",
        )
    },
    RuleKind {
        user: Some("jdoe"),
        display_name: Some("John Q. Doe-Smith"),
        ..kind(
            "display-name-tokens",
            "  username: { contains: true, display_name: { delimiters: \
             \" ,.-_#\\t\", min_token_length: 3 } }\n",
        )
    },
    RuleKind {
        user: Some("app_user"),
        ..kind(
            "username-equality",
            "  username: { equals: true, equals_reversed: true, \
             case_sensitive: true }\n",
        )
    },
    kind(
        "dictionary",
        "  dictionary: { words: [password, qwerty, letmein, dragon, \
         monkey, football, iloveyou, admin, welcome, sunshine, master, \
         shadow, superman, trustno1, baseball], min_bytes: 4, \
         max_bytes: 100 }\n",
    ),
    kind(
        "forbidden-substrings",
        "  forbidden_substrings: { values: [admin, oracle, root, guest] }\n",
    ),
    kind(
        "unicode-categories",
        "  classes_required: { at_least: 3, of: [u_upper, u_lower, \
         u_digit, u_other] }\n",
    ),
];

/// The policy file of `kind`: shared length, alphabet and classes, then
/// the kind's rules.
pub fn policy_yaml(kind: &RuleKind) -> String {
    format!(
        "id: rule-{}\nvendor: Bench\nproduct: Bench\n\
         classes:\n  special:\n    chars: \"$!@#%^&*-_=+\"\n\
         \x20 u_upper:\n    categories: [Lu, Lt]\n\
         \x20 u_lower:\n    categories: [Ll]\n\
         \x20 u_digit:\n    categories: [Nd]\n\
         \x20 u_other:\n    categories: [P, S]\n\
         rules:\n  length: {{ min: 8, max: 64 }}\n\
         \x20 alphabet: [ascii_printable]\n{}\
         variants:\n  v:\n    accounts: [root]\n",
        kind.name, kind.yaml
    )
}

/// The checker of `kind`, with its user and display names.
pub fn checker(kind: &RuleKind) -> Result<Checker, Error> {
    let policy = Policy::from_yaml(&policy_yaml(kind), "rule-kind.yaml")?;
    let variants: Vec<_> = policy.variants().iter().collect();
    let mut builder = Checker::builder();
    if let Some(u) = kind.user {
        builder = builder.user(u);
    }
    if let Some(d) = kind.display_name {
        builder = builder.display_name(d);
    }
    builder.build(&variants)
}
