//! Rules on what the password spells: `max_run`, `username`, `deny`,
//! `forbidden_substrings`.

use crate::policy::{ForbiddenSubstrings, UsernameRule};
use crate::spec::{ForbiddenSubstringsSpec, UsernameSpec};

use super::Resolver;

/// Resolves `max_run`; 0 would allow no character at all.
pub(super) fn max_run(
    r: &mut Resolver<'_, '_>,
    max_run: Option<u32>,
) -> Option<u32> {
    if max_run == Some(0) {
        r.report(
            &["max_run"],
            "max_run 0 allows no character; the smallest is 1".into(),
        );
    }
    max_run
}

/// Resolves `username`; `consecutive: 0` would refuse every password.
pub(super) fn username(
    r: &mut Resolver<'_, '_>,
    spec: Option<&UsernameSpec>,
) -> Option<UsernameRule> {
    let u = spec?;
    if u.consecutive == Some(0) {
        r.report(
            &["username", "consecutive"],
            "consecutive 0 would refuse every password; the smallest is 1"
                .into(),
        );
    }
    let display_name = u
        .display_name
        .as_ref()
        .and_then(|d| super::dictionary::display_name(r, d));
    Some(UsernameRule {
        contains: u.contains,
        reversed: u.reversed,
        case_sensitive: u.case_sensitive,
        consecutive: u.consecutive,
        equals: u.equals,
        equals_reversed: u.equals_reversed,
        min_name_length: u.min_name_length.unwrap_or(0),
        display_name,
    })
}

/// Resolves `deny`: sorted and without repeats, for binary search.
pub(super) fn deny(values: Option<&[String]>) -> Vec<String> {
    let mut deny = values.map(<[String]>::to_vec).unwrap_or_default();
    deny.sort();
    deny.dedup();
    deny
}

/// Resolves `forbidden_substrings`: sorted and without repeats; an empty
/// word would refuse every password, and an empty list says nothing.
pub(super) fn forbidden_substrings(
    r: &mut Resolver<'_, '_>,
    spec: Option<&ForbiddenSubstringsSpec>,
) -> Option<ForbiddenSubstrings> {
    let s = spec?;
    if s.values.is_empty() {
        r.report(
            &["forbidden_substrings", "values"],
            "no words listed; remove the rule or list some".into(),
        );
    }
    if s.values.iter().any(String::is_empty) {
        r.report(
            &["forbidden_substrings", "values"],
            "an empty word would refuse every password".into(),
        );
    }
    let mut values = s.values.clone();
    values.sort();
    values.dedup();
    Some(ForbiddenSubstrings { values, case_sensitive: s.case_sensitive })
}
