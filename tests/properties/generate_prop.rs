//! Always compliant: whatever the generator makes, the checker of the same
//! policies accepts, over every built-in policy, every variant, every pair
//! of them, and random policies; and on small random policies the count
//! equals brute force.

use std::collections::BTreeMap;

use passpolicy::spec::{
    AccountsSpec, ClassSpec, ClassesRequiredSpec, ForbiddenSubstringsSpec,
    LengthSpec, PolicySpec, RulesSpec, VariantSpec,
};
use passpolicy::{Catalog, Checker, Error, Generator, Policy};
use proptest::prelude::*;
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::common::strategies::{
    RulesStrategy, dictionary, policy_spec, username,
};
use crate::common::{SEEDS, assert_generates, selection_names};

/// Draws 20 passwords per length and path (lengths capped at 40) and
/// checks each.
fn assert_compliant(checker: &Checker, what: &str, seed: u64) {
    assert_generates(checker, what, seed, 20, 40);
}

#[test]
fn every_builtin_policy_and_variant() {
    let catalog = Catalog::builtin();
    for (i, name) in selection_names(&catalog).iter().enumerate() {
        let checker = catalog.checker(&[name]).unwrap();
        assert_compliant(&checker, name, i as u64);
    }
}

#[test]
fn every_pair_of_policies_and_variants() {
    let catalog = Catalog::builtin();
    // The seeds' pairs; tests/tables/catalog.rs covers the rest of the catalog,
    // where some pairs are unsatisfiable by design.
    let names: Vec<String> = selection_names(&catalog)
        .into_iter()
        .filter(|n| SEEDS.contains(&n.split('/').next().unwrap_or_default()))
        .collect();
    let mut pairs = 0;
    for (i, a) in names.iter().enumerate() {
        for b in &names[i + 1..] {
            match catalog.checker(&[a, b]) {
                Ok(checker) => {
                    assert_compliant(&checker, &format!("{a} + {b}"), pairs);
                    pairs += 1;
                }
                // A pair whose length bounds do not overlap is refused at
                // compile time with its reason; none of the seeds is.
                Err(e) => panic!("{a} + {b}: {e}"),
            }
        }
    }
    assert!(pairs >= 50, "{pairs}");
}

#[test]
fn all_five_seeds_at_once() {
    let catalog = Catalog::builtin();
    let checker = catalog.checker(&SEEDS).unwrap();
    assert_compliant(&checker, "all five", 5);
    let generator = Generator::new(&checker).unwrap();
    // The shared symbols are ! @ $ % ^ (Baidu's list within Huawei's).
    assert_eq!(generator.alphabet_len(), 26 + 26 + 10 + 5);
    assert_eq!(generator.length_bounds(), (12, 16));
}

// Random policies, built structurally from small character pools so that
// classes overlap, requirements clash and brute force stays cheap.

const POOL: &[char] = &['a', 'b', 'C', 'D', '1', '2', '!', '-'];

fn class_spec() -> impl Strategy<Value = String> {
    proptest::sample::subsequence(POOL.to_vec(), 1..=4)
        .prop_map(|cs| cs.into_iter().collect())
}

fn rules_spec() -> BoxedStrategy<RulesSpec> {
    let class = |i: usize| format!("c{i}");
    RulesStrategy {
        length: (0u32..4, 1u32..5)
            .prop_map(|(min, extra)| {
                Some(LengthSpec {
                    min: Some(min),
                    max: Some(min + extra),
                    ..Default::default()
                })
            })
            .boxed(),
        alphabet: Just(Some((0..4).map(class).collect())).boxed(),
        classes_required: proptest::option::of(
            (
                1u32..4,
                proptest::sample::subsequence(vec![0usize, 1, 2, 3], 1..=4),
            )
                .prop_map(move |(k, of)| ClassesRequiredSpec {
                    at_least: k.min(of.len() as u32),
                    of: of.into_iter().map(class).collect(),
                }),
        )
        .boxed(),
        min_counts: proptest::option::of(
            (0usize..4, 1u32..4)
                .prop_map(move |(c, m)| BTreeMap::from([(class(c), m)])),
        )
        .boxed(),
        forbidden_first: proptest::option::of(
            proptest::sample::select(vec!["!", "-", "1", "a!"])
                .prop_map(str::to_string),
        )
        .boxed(),
        forbidden_last: proptest::option::of(
            proptest::sample::select(vec!["!", "2", "D"])
                .prop_map(str::to_string),
        )
        .boxed(),
        username: proptest::option::of(username(1u32..=3)).boxed(),
        max_run: proptest::option::of(1u32..4).boxed(),
        deny: proptest::option::of(proptest::collection::vec(
            "[abC1!]{1,4}",
            0..4,
        ))
        .boxed(),
        forbidden_substrings: proptest::option::of(
            (proptest::collection::vec("[abC1!]{1,3}", 1..3), any::<bool>())
                .prop_map(|(values, case_sensitive)| {
                    ForbiddenSubstringsSpec { values, case_sensitive }
                }),
        )
        .boxed(),
        dictionary: dictionary("[abC1!]{1,3}".prop_map(String::from)),
    }
    .boxed()
}

fn random_policy() -> impl Strategy<Value = PolicySpec> {
    (
        proptest::collection::vec(class_spec(), 4),
        rules_spec(),
        proptest::sample::select(vec!["ab", "Cb", "a1", "root"]),
    )
        .prop_map(|(classes, rules, account)| {
            let classes = classes
                .into_iter()
                .enumerate()
                .map(|(i, chars)| {
                    let class =
                        ClassSpec { chars: Some(chars), ..Default::default() };
                    (format!("c{i}"), class)
                })
                .collect();
            let variants = BTreeMap::from([(
                "v".to_string(),
                VariantSpec {
                    accounts: AccountsSpec::Given(vec![account.to_string()]),
                    ..Default::default()
                },
            )]);
            policy_spec("random", classes, rules, variants)
        })
}

/// How many strings of `len` characters over the checker's alphabet it
/// accepts, when there are few enough to try them all.
fn brute_count(checker: &Checker, len: u32) -> Option<u128> {
    let chars: Vec<char> = checker.common_alphabet().chars().collect();
    let n = chars.len();
    if n.checked_pow(len).is_none_or(|total| total > 20_000) {
        return None;
    }
    let mut count = 0;
    let mut s = String::new();
    for mut i in 0..n.pow(len) {
        s.clear();
        for _ in 0..len {
            s.push(chars[i % n]);
            i /= n;
        }
        count += u128::from(checker.check(&s).is_ok());
    }
    Some(count)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_policies_generate_compliant_passwords(
        spec in random_policy(),
        seed in any::<u64>(),
    ) {
        let Ok(policy) = Policy::from_spec(spec, "random") else {
            return Ok(()); // invalid specs are the compiler's business
        };
        let variants: Vec<_> = policy.variants().iter().collect();
        let Ok(checker) = Checker::new(&variants) else { return Ok(()) };
        let generator = match Generator::new(&checker) {
            Ok(g) => g,
            // Refused with a reason, not looped on.
            Err(Error::Unsatisfiable { reason, .. }) => {
                prop_assert!(!reason.is_empty());
                for len in 1..=7 {
                    let brute = brute_count(&checker, len);
                    prop_assert!(brute.is_none_or(|n| n == 0));
                }
                return Ok(());
            }
            Err(e) => panic!("{e}"),
        };
        let (lo, hi) = generator.length_bounds();
        let mut rng = StdRng::seed_from_u64(seed);
        for len in lo..=hi {
            let count = generator.count(len).unwrap().to_u128().unwrap();
            if let Some(brute) = brute_count(&checker, len) {
                prop_assert_eq!(count, brute, "length {}", len);
            }
            if count == 0 {
                prop_assert!(generator.sampler(len).is_err());
                continue;
            }
            let sampler = generator.sampler(len).unwrap();
            for _ in 0..5 {
                let p = sampler.generate(&mut rng);
                prop_assert!(checker.check(p.as_str()).is_ok());
            }
            let exact = sampler.without_rejection().unwrap();
            for _ in 0..5 {
                let p = exact.generate(&mut rng);
                prop_assert!(checker.check(p.as_str()).is_ok());
            }
        }
    }
}
