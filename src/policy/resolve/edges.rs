//! `forbidden_first` and `forbidden_last`: characters refused at an end.

use crate::charset::CharSet;

use super::Resolver;

/// Which end of the password a rule is about.
#[derive(Clone, Copy)]
pub(super) enum Edge {
    First,
    Last,
}

/// Resolves `forbidden_first` or `forbidden_last`, refusing a rule that
/// forbids the whole alphabet at that end.
pub(super) fn forbidden(
    r: &mut Resolver<'_, '_>,
    chars: Option<&str>,
    alphabet: &CharSet,
    edge: Edge,
) -> CharSet {
    let set = CharSet::from_chars(chars.into_iter().flat_map(str::chars));
    if !alphabet.is_empty() && alphabet.difference(&set).is_empty() {
        let (field, word) = match edge {
            Edge::First => ("forbidden_first", "first"),
            Edge::Last => ("forbidden_last", "last"),
        };
        r.report(
            &[field],
            format!(
                "every character of the alphabet is forbidden as the {word} one"
            ),
        );
    }
    set
}
