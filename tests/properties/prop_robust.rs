//! Properties of combining policies, beyond the checker-vs-reference ones
//! in the `prop` module:
//!
//! * checking is deterministic: the same password, the same checker or a
//!   freshly compiled one, `check` or `check_bytes`, gives the same
//!   verdict;
//! * a policy's verdict does not depend on the unrelated policies it is
//!   combined with: each variant fails for exactly the codes it fails for
//!   alone;
//! * so adding a policy never turns a rejection into an acceptance;
//! * the explanation (`Checker::violations`) lists exactly the failing
//!   (variant, code) pairs of the verdict, and nothing for an accepted
//!   password.

use std::collections::BTreeMap;
use std::collections::BTreeSet;

use passpolicy::spec::{
    AccountsSpec, ClassSpec, ClassesRequiredSpec, ForbiddenSubstringsSpec,
    LengthSpec, LengthUnit, PolicySpec, RulesSpec, VariantSpec,
};
use passpolicy::{Catalog, Checker, Code, Policy, Report, Variant};
use proptest::prelude::*;
use proptest::sample::select;

use crate::common::strategies::{
    RulesStrategy, dictionary, policy_spec, username,
};

/// Characters that make rules interesting: class members, case pairs with
/// odd folding, non-ASCII, astral, combining, invisible and control.
const POOL: &[char] = &[
    'a', 'b', 'k', 'A', 'B', 'K', '0', '7', '!', '/', '-', ' ', '\0', '\r',
    'é', 'É', 'ß', '\u{212A}', '\u{130}', '\u{301}', '\u{200B}', '\u{FEFF}',
    '😀', 'Ａ',
];
const NAMES: &[&str] =
    &["lower", "upper", "letters", "digits", "ascii_punctuation", "c0", "c1"];

fn pool_char() -> impl Strategy<Value = char> {
    prop_oneof![9 => select(POOL), 1 => any::<char>()]
}

fn pool_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(pool_char(), 0..=max)
        .prop_map(|v| v.into_iter().collect())
}

fn name() -> impl Strategy<Value = String> {
    select(NAMES).prop_map(String::from)
}

fn class_spec() -> impl Strategy<Value = ClassSpec> {
    (
        prop::option::of(pool_string(4)),
        prop::collection::vec((pool_char(), pool_char()), 0..=1),
        prop::collection::vec(name(), 0..=1),
        prop::collection::vec(
            select(&["Ll", "Nd", "Zs", "L", "Cn", "Xx"][..]),
            0..=1,
        ),
        prop::collection::vec(name(), 0..=1),
    )
        .prop_map(|(chars, ranges, include, categories, exclude)| {
            ClassSpec {
                chars,
                ranges: ranges
                    .into_iter()
                    .map(|(a, b)| format!("{}-{}", a.min(b), a.max(b)))
                    .collect(),
                include,
                categories: categories.into_iter().map(String::from).collect(),
                exclude,
            }
        })
}

fn rules_spec() -> BoxedStrategy<RulesSpec> {
    let unit = select(
        &[
            LengthUnit::Chars,
            LengthUnit::Bytes,
            LengthUnit::Utf16,
            LengthUnit::Graphemes,
        ][..],
    );
    RulesStrategy {
        length: prop::option::of(
            (prop::option::of(0u32..10), prop::option::of(0u32..20), unit)
                .prop_map(|(min, max, unit)| LengthSpec { min, max, unit }),
        )
        .boxed(),
        alphabet: prop::option::of(prop::collection::vec(name(), 0..=3))
            .boxed(),
        classes_required: prop::option::of(
            (0u32..=4, prop::collection::vec(name(), 0..=4)).prop_map(
                |(at_least, of)| ClassesRequiredSpec { at_least, of },
            ),
        )
        .boxed(),
        min_counts: prop::option::of(prop::collection::btree_map(
            name(),
            0u32..=3,
            0..=2,
        ))
        .boxed(),
        forbidden_first: prop::option::of(pool_string(2)).boxed(),
        forbidden_last: prop::option::of(pool_string(2)).boxed(),
        username: prop::option::of(username(0u32..=3)).boxed(),
        max_run: prop::option::of(0u32..=3).boxed(),
        deny: prop::option::of(prop::collection::vec(pool_string(3), 0..=2))
            .boxed(),
        forbidden_substrings: prop::option::of(
            (prop::collection::vec(pool_string(2), 0..=2), any::<bool>())
                .prop_map(|(values, case_sensitive)| {
                    ForbiddenSubstringsSpec { values, case_sensitive }
                }),
        )
        .boxed(),
        dictionary: dictionary(pool_string(3)),
    }
    .boxed()
}

fn random_policy(id: &'static str) -> impl Strategy<Value = PolicySpec> {
    (
        prop::collection::btree_map(
            select(&["c0", "c1"][..]),
            class_spec(),
            0..=2,
        ),
        rules_spec(),
        prop::collection::btree_map(
            select(&["v0", "v1"][..]),
            (prop::collection::vec(pool_string(3), 0..=2), rules_spec()),
            0..=2,
        ),
    )
        .prop_map(move |(classes, rules, variants)| {
            let classes =
                classes.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            let variants = variants
                .into_iter()
                .map(|(k, (accounts, rules))| {
                    let v = VariantSpec {
                        accounts: AccountsSpec::Given(accounts),
                        vendor_error_code: None,
                        rules,
                    };
                    (k.to_string(), v)
                })
                .collect::<BTreeMap<_, _>>();
            policy_spec(id, classes, rules, variants)
        })
}

/// The built-in policies, and random ones (those that validate).
fn policies() -> impl Strategy<Value = Vec<Policy>> {
    let builtin = Catalog::builtin().policies().to_vec();
    (
        prop::collection::vec(select(builtin), 0..=2),
        random_policy("p0"),
        random_policy("p1"),
    )
        .prop_map(|(mut out, a, b)| {
            for spec in [a, b] {
                if let Ok(p) = Policy::from_spec(spec, "prop.yaml") {
                    out.push(p);
                }
            }
            out.dedup_by(|a, b| a.id() == b.id());
            out
        })
}

/// Passwords built from the pool and from the policies' own words (user
/// names, refused values), so that every rule gets hit.
fn passwords(
    policies: &[Policy],
) -> impl Strategy<Value = Vec<String>> + use<> {
    let mut words: Vec<String> = vec!["root".into(), "Abc123!@#xyz".into()];
    for p in policies {
        for v in p.variants() {
            words.extend(v.accounts().iter().cloned());
            words.extend(v.rules().deny.iter().cloned());
        }
    }
    let piece = prop_oneof![
        2 => pool_string(5),
        1 => (select(words), any::<bool>()).prop_map(|(w, rev)| {
            if rev { w.chars().rev().collect() } else { w }
        }),
    ];
    let one = prop::collection::vec(piece, 0..=3).prop_map(|p| p.concat());
    prop::collection::vec(one, 1..=4)
}

fn case() -> impl Strategy<Value = (Vec<Policy>, Vec<String>)> {
    policies().prop_flat_map(|p| {
        let pw = passwords(&p);
        (Just(p), pw)
    })
}

/// The (variant label, code) pairs a verdict fails.
fn failures(checker: &Checker, verdict: &Report) -> BTreeSet<(String, Code)> {
    let labels: Vec<&str> =
        checker.targets().iter().map(|t| t.label()).collect();
    let mut out = BTreeSet::new();
    for code in verdict.codes() {
        let mask = verdict.targets_failing(code);
        for (i, label) in labels.iter().enumerate() {
            if mask & (1 << i) != 0 {
                out.insert((label.to_string(), code));
            }
        }
    }
    out
}

fn compile(variants: &[&Variant]) -> Option<Checker> {
    Checker::new(variants).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn checking_is_deterministic((policies, pws) in case()) {
        let variants: Vec<&Variant> =
            policies.iter().flat_map(|p| p.variants()).collect();
        prop_assume!(!variants.is_empty());
        let Some(checker) = compile(&variants) else { return Ok(()) };
        let again = compile(&variants).unwrap();
        for pw in &pws {
            let v = checker.check(pw);
            prop_assert_eq!(v, checker.check(pw));
            prop_assert_eq!(v, again.check(pw));
            prop_assert_eq!(v, checker.check_bytes(pw.as_bytes()));
            prop_assert_eq!(checker.violations(pw), again.violations(pw));
            prop_assert_eq!(checker.report(pw), again.report(pw));
            prop_assert_eq!(checker.report(pw).verdict(), v);
        }
    }

    #[test]
    fn verdicts_do_not_depend_on_unrelated_policies(
        (policies, pws) in case(),
    ) {
        prop_assume!(policies.len() >= 2);
        let all: Vec<&Variant> =
            policies.iter().flat_map(|p| p.variants()).collect();
        let Some(combined) = compile(&all) else { return Ok(()) };
        for p in &policies {
            let alone: Vec<&Variant> = p.variants().iter().collect();
            let Some(alone) = compile(&alone) else { continue };
            let own: BTreeSet<String> =
                alone.targets().iter().map(|t| t.label().into()).collect();
            for pw in &pws {
                let by_itself = failures(&alone, &alone.report(pw));
                let together: BTreeSet<(String, Code)> =
                    failures(&combined, &combined.report(pw))
                        .into_iter()
                        .filter(|(label, _)| own.contains(label))
                        .collect();
                prop_assert_eq!(&by_itself, &together, "{:?}", pw);
                // Adding policies never turns a rejection into acceptance.
                if !by_itself.is_empty() {
                    prop_assert!(!combined.check(pw).is_ok());
                }
            }
        }
    }

    #[test]
    fn the_explanation_lists_exactly_the_failures((policies, pws) in case()) {
        let variants: Vec<&Variant> =
            policies.iter().flat_map(|p| p.variants()).collect();
        prop_assume!(!variants.is_empty());
        let Some(checker) = compile(&variants) else { return Ok(()) };
        for pw in &pws {
            let verdict = checker.report(pw);
            let listed: BTreeSet<(String, Code)> = checker
                .violations(pw)
                .iter()
                .map(|v| (v.policy.to_string(), v.code))
                .collect();
            prop_assert_eq!(&listed, &failures(&checker, &verdict));
            prop_assert_eq!(verdict.is_ok(), listed.is_empty());
        }
    }
}
