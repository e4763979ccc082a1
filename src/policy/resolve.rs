//! Resolving one variant's merged rules: class names to sets, defaults
//! filled in, every problem reported under the variant's field path.

use std::collections::BTreeMap;

use crate::charset::CharSet;
use crate::spec::{LengthUnit, RulesSpec};

use super::{
    Class, ClassesRequired, Context, Length, Rules, UsernameRule,
    unknown_class_message,
};

/// Resolves one variant's merged rules, reporting problems under `base`.
pub(super) fn resolve_rules(
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
    if spec.username.as_ref().is_some_and(|u| u.consecutive == Some(0)) {
        report(
            cx,
            &["username", "consecutive"],
            "consecutive 0 would refuse every password; the smallest is 1"
                .into(),
        );
    }
    let username = spec.username.as_ref().map(|u| UsernameRule {
        contains: u.contains,
        reversed: u.reversed,
        case_sensitive: u.case_sensitive,
        consecutive: u.consecutive,
        equals: u.equals,
        equals_reversed: u.equals_reversed,
        min_name_length: u.min_name_length.unwrap_or(0),
        display_name: u.display_name.as_ref().and_then(|d| {
            super::rules::display_name(
                cx,
                d,
                &field(&["username", "display_name"]),
            )
        }),
    });
    let mut deny = spec.deny.clone().unwrap_or_default();
    deny.sort();
    deny.dedup();
    let dictionary = super::rules::dictionary(
        cx,
        spec.dictionary.as_ref(),
        &field(&["dictionary"]),
    );

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
        dictionary,
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
