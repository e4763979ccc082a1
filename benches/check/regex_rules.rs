//! The comparison a user would otherwise write: one regex per rule with the
//! `regex` crate, built from the same resolved rules.
//!
//! Per rule: a length check on `chars().count()`, one `[...]` regex per
//! class (counted for "K of N", required for minimum counts), a `[^...]`
//! regex for characters outside the alphabet, `^[...]` / `[...]$` for
//! forbidden first and last characters, and `(?i)` literal regexes for the
//! user-name rules. Like the checker, it evaluates every rule (it reports
//! all failures, as a bit set), so the two do the same job.

use passpolicy::{CharSet, Checker, Rules};
use regex::Regex;

/// Failure bits, one per rule kind.
pub const TOO_SHORT: u32 = 1;
pub const TOO_LONG: u32 = 2;
pub const DISALLOWED: u32 = 4;
pub const CLASSES: u32 = 8;
pub const TOO_FEW_OF_CLASS: u32 = 16;
pub const PREFIX: u32 = 32;
pub const SUFFIX: u32 = 64;
pub const USERNAME: u32 = 128;

/// One policy variant as regexes.
pub struct RegexRules {
    min: usize,
    max: usize,
    of: Vec<Regex>,
    at_least: usize,
    required: Vec<(Regex, usize)>,
    disallowed: Regex,
    prefix: Option<Regex>,
    suffix: Option<Regex>,
    usernames: Vec<Regex>,
}

/// The rules of every variant a checker combines.
pub fn for_checker(checker: &Checker) -> Vec<RegexRules> {
    checker
        .targets()
        .iter()
        .map(|t| RegexRules::new(t.rules(), t.usernames()))
        .collect()
}

impl RegexRules {
    pub fn new(rules: &Rules, usernames: &[String]) -> RegexRules {
        let class = |set: &CharSet| format!("[{}]", bracket_body(set));
        let of = match &rules.classes_required {
            Some(req) => req
                .of
                .iter()
                .map(|&i| re(&class(&rules.classes[i].set)))
                .collect(),
            None => Vec::new(),
        };
        let at_least =
            rules.classes_required.as_ref().map_or(0, |r| r.at_least as usize);
        let required = rules
            .min_counts
            .iter()
            .map(|&(i, m)| (re(&class(&rules.classes[i].set)), m as usize))
            .collect();
        let disallowed = re(&format!("[^{}]", bracket_body(&rules.alphabet)));
        let prefix = (!rules.forbidden_first.is_empty())
            .then(|| re(&format!("^{}", class(&rules.forbidden_first))));
        let suffix = (!rules.forbidden_last.is_empty())
            .then(|| re(&format!("{}$", class(&rules.forbidden_last))));
        let mut user_res = Vec::new();
        if let Some(u) = rules.username {
            let flag = if u.case_sensitive { "" } else { "(?i)" };
            for name in usernames.iter().filter(|n| !n.is_empty()) {
                if u.contains {
                    user_res
                        .push(re(&format!("{flag}{}", regex::escape(name))));
                }
                if u.reversed {
                    let rev: String = name.chars().rev().collect();
                    user_res
                        .push(re(&format!("{flag}{}", regex::escape(&rev))));
                }
            }
        }
        RegexRules {
            min: rules.length.min as usize,
            max: rules.length.max as usize,
            of,
            at_least,
            required,
            disallowed,
            prefix,
            suffix,
            usernames: user_res,
        }
    }

    /// Every failed rule, as bits; 0 when accepted.
    pub fn check(&self, password: &str) -> u32 {
        let mut fails = 0;
        let len = password.chars().count();
        if len < self.min {
            fails |= TOO_SHORT;
        }
        if len > self.max {
            fails |= TOO_LONG;
        }
        if self.disallowed.is_match(password) {
            fails |= DISALLOWED;
        }
        let present = self.of.iter().filter(|r| r.is_match(password)).count();
        if present < self.at_least {
            fails |= CLASSES;
        }
        if self
            .required
            .iter()
            .any(|(r, m)| r.find_iter(password).take(*m).count() < *m)
        {
            fails |= TOO_FEW_OF_CLASS;
        }
        if self.prefix.as_ref().is_some_and(|r| r.is_match(password)) {
            fails |= PREFIX;
        }
        if self.suffix.as_ref().is_some_and(|r| r.is_match(password)) {
            fails |= SUFFIX;
        }
        if self.usernames.iter().any(|r| r.is_match(password)) {
            fails |= USERNAME;
        }
        fails
    }
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern)
        .unwrap_or_else(|e| panic!("bad regex {pattern:?} from a policy: {e}"))
}

/// The inside of a `[...]` matching exactly `set`.
fn bracket_body(set: &CharSet) -> String {
    let mut out = String::new();
    for &(lo, hi) in set.ranges() {
        push_escaped(&mut out, lo);
        if hi != lo {
            out.push('-');
            push_escaped(&mut out, hi);
        }
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    // The regex crate accepts a backslash before any ASCII punctuation, in
    // a class too; everything else stands for itself.
    if c.is_ascii_punctuation() {
        out.push('\\');
    }
    out.push(c);
}
