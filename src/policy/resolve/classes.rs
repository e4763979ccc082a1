//! `classes_required` and `min_counts`: the class requirements, and whether
//! the alphabet and the length leave room to meet them.

use std::collections::BTreeMap;

use crate::charset::CharSet;
use crate::policy::{Class, ClassesRequired};
use crate::spec::ClassesRequiredSpec;

use super::Resolver;

/// Resolves `classes_required` (at least K of N classes).
pub(super) fn required(
    r: &mut Resolver<'_, '_>,
    spec: Option<&ClassesRequiredSpec>,
) -> Option<ClassesRequired> {
    let req = spec?;
    let field = &["classes_required", "of"];
    let mut of = Vec::new();
    for name in &req.of {
        if let Some(i) = r.require_class(name, field) {
            if of.contains(&i) {
                r.report(field, format!("class '{name}' is listed twice"));
            } else {
                of.push(i);
            }
        }
    }
    let field = &["classes_required", "at_least"];
    if req.at_least == 0 {
        r.report(
            field,
            "at_least 0 requires nothing; remove the rule or set K ≥ 1".into(),
        );
    }
    if req.at_least as usize > req.of.len() {
        r.report(
            field,
            format!(
                "requires at least {} classes but lists only {}",
                req.at_least,
                req.of.len()
            ),
        );
    }
    Some(ClassesRequired { at_least: req.at_least, of })
}

/// Resolves `min_counts` (at least M characters of class C).
pub(super) fn min_counts(
    r: &mut Resolver<'_, '_>,
    spec: Option<&BTreeMap<String, u32>>,
) -> Vec<(usize, u32)> {
    let mut out = Vec::new();
    for (name, &m) in spec.into_iter().flatten() {
        if let Some(i) = r.require_class(name, &["min_counts"]) {
            if m == 0 {
                r.report(
                    &["min_counts"],
                    format!("min_counts.{name} is 0, which requires nothing"),
                );
            }
            out.push((i, m));
        }
    }
    out
}

/// Refuses a `classes_required` that the alphabet cannot meet: fewer than K
/// of its classes have a character in the alphabet.
pub(super) fn required_reachable(
    r: &mut Resolver<'_, '_>,
    spec: Option<&ClassesRequiredSpec>,
    req: Option<&ClassesRequired>,
    alphabet: &CharSet,
) {
    let (Some(spec), Some(req)) = (spec, req) else { return };
    // Unknown names, and a K above the list's length, were reported
    // already; only judge a complete, consistent list.
    let complete =
        spec.of.len() == req.of.len() && req.at_least as usize <= req.of.len();
    if !complete || alphabet.is_empty() {
        return;
    }
    let dead: Vec<&str> = req
        .of
        .iter()
        .map(|&i| &r.classes[i])
        .filter(|c| c.set.intersection(alphabet).is_empty())
        .map(|c| c.name.as_str())
        .collect();
    let usable = req.of.len() - dead.len();
    if (usable as u32) < req.at_least {
        let message = format!(
            "requires {} classes but only {usable} have a character in the \
             alphabet (none of: {})",
            req.at_least,
            dead.join(", ")
        );
        r.report(&["classes_required"], message);
    }
}

/// Refuses `min_counts` that the alphabet or the maximum length cannot
/// meet.
pub(super) fn min_counts_reachable(
    r: &mut Resolver<'_, '_>,
    min_counts: &[(usize, u32)],
    alphabet: &CharSet,
    max_len: u32,
) {
    for &(i, _) in min_counts {
        let c = &r.classes[i];
        if !alphabet.is_empty() && c.set.intersection(alphabet).is_empty() {
            let message = format!(
                "class '{}' is required but none of its characters is in \
                 the alphabet",
                c.name
            );
            r.report(&["min_counts"], message);
        }
    }
    let needed = min_chars_needed(&r.classes, min_counts, alphabet);
    if needed > u64::from(max_len) {
        r.report(
            &["min_counts"],
            format!(
                "the minimum counts need at least {needed} characters but \
                 the maximum length is {max_len}"
            ),
        );
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
