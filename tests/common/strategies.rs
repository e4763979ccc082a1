//! The proptest strategies for policy files, defined once: each property
//! binary module says what each rule field is drawn from, and
//! [`RulesStrategy::boxed`] and [`policy_spec`] build the `RulesSpec` and
//! `PolicySpec` literals. A new rule field is a compile error here (the
//! literal) and at every `RulesStrategy { .. }`, which must say how it is
//! drawn.

use std::collections::BTreeMap;

use passpolicy::spec::{
    ClassSpec, ClassesRequiredSpec, DictionarySpec, ForbiddenSubstringsSpec,
    LengthSpec, PolicySpec, RulesSpec, UsernameSpec, VariantSpec,
};
use proptest::prelude::*;

/// What each field of a `RulesSpec` is drawn from.
pub struct RulesStrategy {
    pub length: BoxedStrategy<Option<LengthSpec>>,
    pub alphabet: BoxedStrategy<Option<Vec<String>>>,
    pub classes_required: BoxedStrategy<Option<ClassesRequiredSpec>>,
    pub min_counts: BoxedStrategy<Option<BTreeMap<String, u32>>>,
    pub forbidden_first: BoxedStrategy<Option<String>>,
    pub forbidden_last: BoxedStrategy<Option<String>>,
    pub username: BoxedStrategy<Option<UsernameSpec>>,
    pub max_run: BoxedStrategy<Option<u32>>,
    pub deny: BoxedStrategy<Option<Vec<String>>>,
    pub forbidden_substrings: BoxedStrategy<Option<ForbiddenSubstringsSpec>>,
    pub dictionary: BoxedStrategy<Option<DictionarySpec>>,
}

impl RulesStrategy {
    /// The strategy for whole `RulesSpec`s. The fields are drawn in
    /// declaration order (two tuples: proptest's tuples stop at twelve).
    pub fn boxed(self) -> BoxedStrategy<RulesSpec> {
        let RulesStrategy {
            length,
            alphabet,
            classes_required,
            min_counts,
            forbidden_first,
            forbidden_last,
            username,
            max_run,
            deny,
            forbidden_substrings,
            dictionary,
        } = self;
        (
            (length, alphabet, classes_required, min_counts),
            (forbidden_first, forbidden_last, username, max_run, deny),
            (forbidden_substrings, dictionary),
        )
            .prop_map(
                |(
                    (length, alphabet, classes_required, min_counts),
                    (forbidden_first, forbidden_last, username, max_run, deny),
                    (forbidden_substrings, dictionary),
                )| RulesSpec {
                    length,
                    alphabet,
                    classes_required,
                    min_counts,
                    forbidden_first,
                    forbidden_last,
                    username,
                    max_run,
                    deny,
                    forbidden_substrings,
                    dictionary,
                },
            )
            .boxed()
    }
}

/// A user-name rule: every flag either way, `consecutive` absent or drawn
/// from `consecutive`.
pub fn username(
    consecutive: impl Strategy<Value = u32> + 'static,
) -> BoxedStrategy<UsernameSpec> {
    (
        (any::<bool>(), any::<bool>(), any::<bool>()),
        prop::option::of(consecutive),
        (any::<bool>(), any::<bool>(), prop::option::of(0u32..4)),
    )
        .prop_map(
            |(
                (contains, reversed, case_sensitive),
                consecutive,
                (equals, equals_reversed, min_name_length),
            )| UsernameSpec {
                contains,
                reversed,
                case_sensitive,
                consecutive,
                equals,
                equals_reversed,
                min_name_length,
                display_name: None,
            },
        )
        .boxed()
}

/// A dictionary of a few words drawn from `word` (possibly none, and
/// possibly with upper-case letters, which the policy drops).
pub fn dictionary(
    word: impl Strategy<Value = String> + 'static,
) -> BoxedStrategy<Option<DictionarySpec>> {
    prop::option::of(prop::collection::vec(word, 0..4))
        .prop_map(|words| {
            words.map(|w| DictionarySpec {
                words: Some(w),
                ..Default::default()
            })
        })
        .boxed()
}

/// A policy file with id `id` and the given parts; its vendor error code
/// is `ID.Bad`, so that violations carry one.
pub fn policy_spec(
    id: &str,
    classes: BTreeMap<String, ClassSpec>,
    rules: RulesSpec,
    variants: BTreeMap<String, VariantSpec>,
) -> PolicySpec {
    PolicySpec {
        id: id.to_string(),
        vendor: "Example".into(),
        product: "Test".into(),
        vendor_error_code: Some(format!("{id}.Bad")),
        classes,
        rules,
        variants,
        ..PolicySpec::default()
    }
}
