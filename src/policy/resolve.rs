//! Resolving one variant's merged rules: class names to sets, defaults
//! filled in, every problem reported under the variant's field path.
//!
//! One resolver per rule, in the submodules; [`resolve_rules`] calls them
//! in the order their problems are reported and builds the [`Rules`]
//! literal, so a new field of `Rules` is a compile error here.

mod alphabet;
mod classes;
mod content;
mod dictionary;
mod edges;
mod length;

use std::collections::BTreeMap;

use crate::charset::CharSet;
use crate::spec::RulesSpec;

use super::{Class, Context, Rules, unknown_class_message};

/// Resolves one variant's merged rules, reporting problems under `base`.
pub(super) fn resolve_rules(
    cx: &mut Context<'_>,
    classes: &BTreeMap<String, CharSet>,
    spec: &RulesSpec,
    base: &[&str],
) -> Rules {
    let mut r = Resolver { cx, defined: classes, base, classes: Vec::new() };
    let length = length::resolve(&mut r, spec.length.as_ref());
    let classes_required =
        classes::required(&mut r, spec.classes_required.as_ref());
    let min_counts = classes::min_counts(&mut r, spec.min_counts.as_ref());
    let alphabet = alphabet::resolve(&mut r, spec.alphabet.as_deref());
    classes::required_reachable(
        &mut r,
        spec.classes_required.as_ref(),
        classes_required.as_ref(),
        &alphabet,
    );
    classes::min_counts_reachable(&mut r, &min_counts, &alphabet, length.max);
    let forbidden_first = edges::forbidden(
        &mut r,
        spec.forbidden_first.as_deref(),
        &alphabet,
        edges::Edge::First,
    );
    let forbidden_last = edges::forbidden(
        &mut r,
        spec.forbidden_last.as_deref(),
        &alphabet,
        edges::Edge::Last,
    );
    let max_run = content::max_run(&mut r, spec.max_run);
    let username = content::username(&mut r, spec.username.as_ref());
    let deny = content::deny(spec.deny.as_deref());
    let dictionary = dictionary::resolve(&mut r, spec.dictionary.as_ref());
    let forbidden_substrings = content::forbidden_substrings(
        &mut r,
        spec.forbidden_substrings.as_ref(),
    );

    Rules {
        length,
        alphabet,
        classes: r.classes,
        classes_required,
        min_counts,
        forbidden_first,
        forbidden_last,
        username,
        max_run,
        deny,
        dictionary,
        forbidden_substrings,
    }
}

/// What every rule's resolver shares: where problems go, the policy's own
/// classes, and the classes the requirements have named so far.
struct Resolver<'r, 'a> {
    cx: &'r mut Context<'a>,
    /// The policy's `classes:`, resolved.
    defined: &'r BTreeMap<String, CharSet>,
    /// The variant's field path; empty means the policy's `rules`.
    base: &'r [&'r str],
    /// The classes the requirements name, in order of first mention: this
    /// becomes [`Rules::classes`].
    classes: Vec<Class>,
}

impl Resolver<'_, '_> {
    /// Reports a problem at `rest` under the variant's path.
    fn report(&mut self, rest: &[&str], message: String) {
        let mut path: Vec<&str> = if self.base.is_empty() {
            vec!["rules"]
        } else {
            self.base.to_vec()
        };
        path.extend_from_slice(rest);
        self.cx.problem(&path, message);
    }

    /// The set a class name stands for: the policy's own class, else a
    /// built-in one. An unknown name is reported at `rest`; a defined but
    /// empty class is `Some` (its emptiness is reported where it is
    /// defined).
    fn class_set(&mut self, name: &str, rest: &[&str]) -> Option<CharSet> {
        let set =
            self.defined.get(name).cloned().or_else(|| CharSet::builtin(name));
        if set.is_none() && !self.defined.contains_key(name) {
            let known = self
                .defined
                .keys()
                .map(|k| (k.clone(), Default::default()))
                .collect();
            self.report(rest, unknown_class_message(name, &known));
        }
        set
    }

    /// The index in [`Rules::classes`] of a class a requirement names,
    /// adding it on first mention; `None` for an unknown or empty class.
    fn require_class(&mut self, name: &str, rest: &[&str]) -> Option<usize> {
        if let Some(i) = self.classes.iter().position(|c| c.name == name) {
            return Some(i);
        }
        let set = self.class_set(name, rest).filter(|s| !s.is_empty())?;
        self.classes.push(Class { name: name.to_string(), set });
        Some(self.classes.len() - 1)
    }
}
