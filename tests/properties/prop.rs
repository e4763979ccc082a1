//! The compiled checker agrees with the slow reference interpreter
//! (`passpolicy::reference`) on arbitrary policies and arbitrary strings.
//!
//! Policies are built structurally as a `PolicySpec` from small pools of
//! characters (ASCII, their neighbours, controls, non-ASCII letters with
//! tricky case mappings, an emoji, a zero-width space), so that random
//! passwords drawn from the same pools hit the classes, the alphabet edges,
//! the user names and the deny-lists often. A spec the compiler refuses is
//! skipped; `enough_random_specs_compile` makes sure that is not most of
//! them. Shrunk failures become plain tests at the bottom of this file.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use passpolicy::spec::{
    AccountsSpec, ClassSpec, ClassesRequiredSpec, ForbiddenSubstringsSpec,
    LengthSpec, LengthUnit, PolicySpec, RulesSpec, VariantSpec,
};
use passpolicy::{
    AccountKind, Checker, Code, Detail, Lang, Policy, Variant, reference,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use unicode_segmentation::UnicodeSegmentation;

use crate::common::SEEDS as SEED_IDS;
use crate::common::strategies::{
    RulesStrategy, dictionary, policy_spec, username,
};

/// Characters classes and passwords are drawn from: class members, their
/// ASCII neighbours (`` ` `` `[` `{` `@` `/` `:`), controls, and non-ASCII
/// characters whose case mapping is unusual (Kelvin sign K → k, İ lowers
/// to two characters, ǅ is title case, ß uppers to two), and characters
/// that make graphemes differ from characters (a combining accent, CR LF,
/// the zero-width joiner).
const POOL: &[char] = &[
    'a', 'b', 'k', 'o', 'r', 't', 'z', 'A', 'B', 'K', 'O', 'R', 'T', 'Z', '0',
    '1', '9', '!', '@', '/', ':', '`', '[', '{', '~', '-', ' ', '\t', '\0',
    '\x7f', '\u{80}', 'é', 'É', 'ß', 'ÿ', 'Ÿ', '\u{212A}', 'İ', 'ǅ', 'Ａ',
    '１', '😀', '\u{200B}', 'ω', 'Ω', '\u{301}', '\r', '\n', '\u{200D}', 'ﬀ',
];

/// Range strings for classes, ASCII and not.
const RANGES: &[&str] = &["a-c", "0-2", "A-C", "à-ÿ", "α-ω", "😀-🙏", "!-/"];

const BUILTINS: &[&str] =
    &["lower", "upper", "letters", "digits", "ascii_punctuation"];

/// Account and user names, including an empty one and case traps.
const NAMES: &[&str] =
    &["root", "Admin", "ab", "é\u{212A}", "İx", "ſt", "ΣΩ", "", "a"];

/// Byte sequences invalid whatever follows them (a truncated sequence is
/// closed by an ASCII byte, so the junk after it cannot complete it): a
/// stray byte, an overlong lead, truncated sequences, a surrogate, a code
/// point past U+10FFFF.
const INVALID: &[&[u8]] = &[
    b"\xff",
    b"\x80",
    b"\xc0\xaf",
    b"\xc3A",
    b"\xe2\x82A",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
];

/// Fixed forbidden words: ASCII, folded (`K` is the Kelvin sign's fold),
/// and non-ASCII.
const WORDS: &[&str] = &["ad", "Ab1", "k", "é😀", "ΣΑ"];

/// More dictionary words: overlapping ASCII ones (the byte automaton's
/// failure links) and the folds of the pool's letters.
const DICTIONARY: &[&str] = &["abab", "bab", "aaa", "ss", "k", "é", "ω"];

/// Values for deny-lists; passwords sometimes are exactly one of them.
const DENY: &[&str] = &["", "abc", "Ab1!", "root", "é😀", "aaaa"];

/// General categories for classes: letters of both cases (é, Ω, Ж),
/// decimal digits of other scripts, the connector `_`, spaces, marks.
const CATEGORIES: &[&str] = &["Lu", "Ll", "Nd", "Pc", "Zs", "Mn"];

fn class_spec() -> impl Strategy<Value = ClassSpec> {
    (
        prop::sample::subsequence(POOL.to_vec(), 1..=6),
        prop::sample::subsequence(RANGES.to_vec(), 0..=1),
        prop::sample::subsequence(BUILTINS.to_vec(), 0..=1),
        prop::sample::subsequence(CATEGORIES.to_vec(), 0..=1),
        prop::sample::subsequence(BUILTINS.to_vec(), 0..=1),
    )
        .prop_map(|(chars, ranges, include, categories, exclude)| {
            ClassSpec {
                chars: (!chars.is_empty())
                    .then(|| chars.into_iter().collect()),
                ranges: ranges.into_iter().map(String::from).collect(),
                include: include.into_iter().map(String::from).collect(),
                categories: categories.into_iter().map(String::from).collect(),
                exclude: exclude.into_iter().map(String::from).collect(),
            }
        })
}

fn unit() -> impl Strategy<Value = LengthUnit> {
    prop_oneof![
        3 => Just(LengthUnit::Chars),
        1 => Just(LengthUnit::Bytes),
        1 => Just(LengthUnit::Utf16),
        1 => Just(LengthUnit::Graphemes),
    ]
}

fn chars_string(max: usize) -> impl Strategy<Value = String> {
    prop::sample::subsequence(POOL.to_vec(), 1..=max)
        .prop_map(|c| c.into_iter().collect())
}

/// Rules naming only classes in `names`; every field optional (set with
/// probability `p`), so the same strategy serves variant overrides.
fn rules(names: Vec<String>, p: f64) -> BoxedStrategy<RulesSpec> {
    let mut alpha_names = names.clone();
    alpha_names.push("ascii_printable".into());
    let pick = move |n: usize| {
        prop::sample::subsequence(names.clone(), 1..=n.min(names.len()))
    };
    RulesStrategy {
        length: prop::option::weighted(
            p,
            (prop::option::of(0u32..7), prop::option::of(1u32..15), unit())
                .prop_map(|(min, max, unit)| LengthSpec { min, max, unit }),
        )
        .boxed(),
        alphabet: prop::option::weighted(
            p / 2.0,
            prop::sample::subsequence(alpha_names, 1..=3),
        )
        .boxed(),
        classes_required: prop::option::weighted(
            p,
            (pick(4), 0usize..4).prop_map(|(of, k)| ClassesRequiredSpec {
                at_least: 1 + (k % of.len()) as u32,
                of,
            }),
        )
        .boxed(),
        min_counts: prop::option::weighted(
            p,
            prop::collection::vec((pick(1), 1u32..=3), 1..=2).prop_map(|c| {
                c.into_iter().map(|(n, m)| (n[0].clone(), m)).collect()
            }),
        )
        .boxed(),
        forbidden_first: prop::option::weighted(p, chars_string(3)).boxed(),
        forbidden_last: prop::option::weighted(p, chars_string(3)).boxed(),
        username: prop::option::weighted(p, username(1u32..=3)).boxed(),
        max_run: prop::option::weighted(p, 1u32..=4).boxed(),
        deny: prop::option::weighted(
            p,
            prop::sample::subsequence(DENY.to_vec(), 0..=3)
                .prop_map(|d| d.into_iter().map(String::from).collect()),
        )
        .boxed(),
        forbidden_substrings: prop::option::weighted(
            p,
            (prop::sample::subsequence(WORDS.to_vec(), 1..=2), any::<bool>())
                .prop_map(|(w, case_sensitive)| ForbiddenSubstringsSpec {
                    values: w.into_iter().map(String::from).collect(),
                    case_sensitive,
                }),
        )
        .boxed(),
        // Words with user names and refused values in them, in either
        // case (upper-case ones are dropped by the policy); the user names
        // too, so that ASCII words the password holds are common (the
        // fast path's byte automaton) beside non-ASCII ones.
        dictionary: dictionary(
            prop::sample::select(
                WORDS
                    .iter()
                    .chain(DENY)
                    .chain(NAMES)
                    .chain(DICTIONARY)
                    .copied()
                    .collect::<Vec<_>>(),
            )
            .prop_map(String::from),
        ),
    }
    .boxed()
}

/// Default or fixed accounts, half and half.
fn accounts() -> impl Strategy<Value = AccountsSpec> {
    (prop::sample::subsequence(NAMES.to_vec(), 0..=2), any::<bool>()).prop_map(
        |(n, fixed)| {
            let names = n.into_iter().map(String::from).collect();
            if fixed {
                AccountsSpec::Fixed(names)
            } else {
                AccountsSpec::Given(names)
            }
        },
    )
}

/// A whole policy with id `id`: 0–3 classes of its own, shared rules, and
/// 0–3 named variants (0 meaning one unnamed variant).
fn random_policy(id: &'static str) -> BoxedStrategy<PolicySpec> {
    prop::collection::vec(class_spec(), 0..=3)
        .prop_flat_map(move |defs| {
            let classes: BTreeMap<String, ClassSpec> = defs
                .into_iter()
                .enumerate()
                .map(|(i, c)| (format!("c{i}"), c))
                .collect();
            let mut names: Vec<String> = classes.keys().cloned().collect();
            names.extend(BUILTINS.iter().map(|s| s.to_string()));
            let variant = (accounts(), rules(names.clone(), 0.25)).prop_map(
                |(accounts, rules)| VariantSpec {
                    accounts,
                    vendor_error_code: None,
                    rules,
                },
            );
            (
                Just(classes),
                rules(names, 0.5),
                prop::collection::vec(variant, 0..=3),
            )
                .prop_map(move |(classes, rules, variants)| {
                    let variants = variants
                        .into_iter()
                        .enumerate()
                        .map(|(i, v)| (format!("v{i}"), v))
                        .collect();
                    policy_spec(id, classes, rules, variants)
                })
        })
        .boxed()
}

/// A name, reversed, upper-cased, or reversed and lower-cased.
fn name_form() -> impl Strategy<Value = String> {
    (prop::sample::select(NAMES), 0u8..4).prop_map(|(n, how)| match how {
        0 => n.to_string(),
        1 => n.chars().rev().collect(),
        2 => n.to_uppercase(),
        _ => n.chars().rev().collect::<String>().to_lowercase(),
    })
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(POOL).prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
        3 => name_form(),
        1 => prop::sample::select(WORDS).prop_map(str::to_uppercase),
        2 => (prop::sample::select(POOL), 2usize..6)
            .prop_map(|(c, k)| c.to_string().repeat(k)),
    ]
}

fn password() -> BoxedStrategy<String> {
    prop_oneof![
        9 => prop::collection::vec(piece(), 0..10).prop_map(|v| v.concat()),
        1 => prop::sample::select(DENY).prop_map(String::from),
        // Exactly a name, or a name reversed: the equality rules.
        1 => name_form(),
    ]
    .boxed()
}

fn user() -> impl Strategy<Value = Option<String>> {
    prop::option::weighted(0.3, name_form())
}

fn compile(
    variants: &[&Variant],
    user: Option<&String>,
) -> Result<Checker, passpolicy::Error> {
    let mut b = Checker::builder();
    if let Some(u) = user {
        b = b.user(u.clone());
    }
    let built = b.build(variants);
    if user.is_some_and(|u| u.trim().is_empty()) {
        // An empty or blank user name is refused, never "no user-name
        // rule" (issue 10 item 2).
        assert!(matches!(built, Err(passpolicy::Error::BlankUserName)));
    }
    built
}

fn length_in(unit: LengthUnit, pw: &str) -> u32 {
    (match unit {
        LengthUnit::Chars => pw.chars().count(),
        LengthUnit::Bytes => pw.len(),
        LengthUnit::Utf16 => pw.encode_utf16().count(),
        LengthUnit::Graphemes => pw.graphemes(true).count(),
    }) as u32
}

/// For every target, the checker's failing codes equal the reference's,
/// and the details that are easy to recompute agree.
fn assert_agrees(
    checker: &Checker,
    variants: &[&Variant],
    user: Option<&String>,
    pw: &str,
) -> Result<(), TestCaseError> {
    let verdict = checker.report(pw);
    prop_assert_eq!(verdict.verdict(), checker.check(pw));
    let labels: Vec<&str> =
        checker.targets().iter().map(|t| t.label()).collect();
    prop_assert_eq!(labels.len(), variants.len());
    let violations = checker.violations(pw);
    let mut all_ok = true;
    for (i, v) in variants.iter().enumerate() {
        prop_assert_eq!(labels[i], v.label());
        // The user names are worked out here from the spec's meaning, not
        // read back from the checker.
        // A given user name replaces the default accounts; fixed
        // accounts always apply, and the user name is checked besides.
        let names: Vec<String> = match (user, v.account_kind()) {
            (Some(u), AccountKind::Given) => vec![u.clone()],
            (Some(u), AccountKind::Fixed) => {
                let mut n = v.accounts().to_vec();
                n.push(u.clone());
                n
            }
            (None, _) => v.accounts().to_vec(),
        };
        let want = reference::violations(v.rules(), &names, pw);
        let got: Vec<Code> = Code::ALL
            .into_iter()
            .filter(|&c| verdict.targets_failing(c) >> i & 1 == 1)
            .collect();
        prop_assert_eq!(
            &got,
            &want,
            "target {} password {:?} user {:?} rules {:#?}",
            v.label(),
            pw,
            user,
            v.rules()
        );
        all_ok &= want.is_empty();

        let rules = v.rules();
        let mine: Vec<_> =
            violations.iter().filter(|x| x.policy == v.label()).collect();
        for x in &mine {
            prop_assert_eq!(x.vendor_code, v.vendor_error_code());
            assert_detail(rules, &names, pw, x.code, &x.detail)?;
            // Rendering never panics and never repeats a password long
            // enough not to occur in a message by chance.
            for lang in [Lang::En, Lang::Zh] {
                let m = x.message(lang);
                prop_assert!(!m.is_empty());
                if pw.chars().count() >= 8 {
                    prop_assert!(!m.contains(pw), "{:?} in {:?}", pw, m);
                }
            }
        }
        // One violation per code, except one per short class and one per
        // user name or forbidden word found.
        for code in &got {
            let n = mine.iter().filter(|x| x.code == *code).count();
            match code {
                Code::TooFewOfClass
                | Code::ContainsUsername
                | Code::ContainsReversedUsername
                | Code::ContainsPartOfUsername
                | Code::ContainsForbiddenSubstring => prop_assert!(n >= 1),
                _ => prop_assert_eq!(n, 1, "{:?}", code),
            }
        }
        prop_assert_eq!(
            mine.iter().filter(|x| !got.contains(&x.code)).count(),
            0
        );
    }
    prop_assert_eq!(verdict.is_ok(), all_ok);
    prop_assert_eq!(violations.is_empty(), all_ok);
    Ok(())
}

/// The details of one violation match what the rules and the password say.
fn assert_detail(
    rules: &passpolicy::Rules,
    names: &[String],
    pw: &str,
    code: Code,
    detail: &Detail<'_>,
) -> Result<(), TestCaseError> {
    let chars: Vec<char> = pw.chars().collect();
    let count = |set: &passpolicy::CharSet| {
        chars.iter().filter(|&&c| set.contains(c)).count() as u32
    };
    match (code, detail) {
        (Code::DisallowedCharacter, d) => {
            let pos = chars
                .iter()
                .position(|&c| !rules.alphabet.contains(c))
                .expect("some character is outside the alphabet");
            character_detail(d, chars[pos], pos as u32 + 1)?;
        }
        (Code::ForbiddenPrefix, d) => {
            character_detail(d, chars[0], 1)?;
        }
        (Code::ForbiddenSuffix, d) => {
            character_detail(d, chars[chars.len() - 1], chars.len() as u32)?;
        }
        (
            Code::TooShort | Code::TooLong,
            Detail::Length { actual, min, max, unit },
        ) => {
            prop_assert_eq!(*actual, length_in(rules.length.unit, pw));
            prop_assert_eq!(
                (*min, *max, *unit),
                (rules.length.min, rules.length.max, rules.length.unit)
            );
        }
        (
            Code::NotEnoughClasses,
            Detail::Classes { present, required, present_names, missing },
        ) => {
            let req = rules.classes_required.as_ref().expect("a K-of-N rule");
            let (have, lack): (Vec<usize>, Vec<usize>) = req
                .of
                .iter()
                .partition(|&&i| count(&rules.classes[i].set) > 0);
            let name = |i: &usize| rules.classes[*i].name.as_str();
            prop_assert_eq!(
                present_names,
                &have.iter().map(name).collect::<Vec<_>>()
            );
            prop_assert_eq!(
                missing,
                &lack.iter().map(name).collect::<Vec<_>>()
            );
            prop_assert_eq!(*present, have.len() as u32);
            prop_assert_eq!(*required, req.at_least);
            prop_assert!(present < required);
        }
        (Code::TooFewOfClass, Detail::ClassCount { class, actual, min }) => {
            let (i, m) = rules
                .min_counts
                .iter()
                .find(|&&(i, _)| rules.classes[i].name == *class)
                .copied()
                .expect("a minimum count of that class");
            prop_assert_eq!(*min, m);
            prop_assert_eq!(*actual, count(&rules.classes[i].set));
            prop_assert!(actual < min);
        }
        (
            Code::RepeatedCharacter,
            Detail::Run { ch, length, max, position },
        ) => {
            run_detail(rules, &chars, *ch, *length, *max, *position)?;
        }
        (
            Code::ContainsUsername
            | Code::ContainsReversedUsername
            | Code::ContainsPartOfUsername,
            Detail::Username { name },
        ) => {
            prop_assert!(names.iter().any(|n| n == name), "{:?}", name);
        }
        (Code::DeniedValue, Detail::Denied) => {
            prop_assert!(rules.deny.iter().any(|d| d == pw));
        }
        (Code::ContainsForbiddenSubstring, Detail::Substring { word }) => {
            let f = rules.forbidden_substrings.as_ref().unwrap();
            prop_assert!(f.values.iter().any(|w| w == word), "{:?}", word);
        }
        (
            code @ (Code::EqualsUsername | Code::EqualsReversedUsername),
            Detail::Username { name },
        ) => prop_assert!(equals_a_name(code, names, name, pw)),
        // The rule compares after simple case folding, which is not
        // `to_lowercase` (İ folds to itself, ς to σ): the reference
        // interpreter says whether a word occurs.
        (Code::DictionaryWord, Detail::Denied) => {
            prop_assert!(
                reference::violations(rules, names, pw)
                    .contains(&Code::DictionaryWord),
                "{:?}",
                rules.dictionary
            );
        }
        (code, d) => prop_assert!(false, "{:?} with detail {:?}", code, d),
    }
    Ok(())
}

/// A run detail names the first of the longest runs in `chars`: its
/// start, its length and the rule's maximum, and its character if shown.
fn run_detail(
    rules: &passpolicy::Rules,
    chars: &[char],
    ch: Option<char>,
    length: u32,
    max: u32,
    position: u32,
) -> Result<(), TestCaseError> {
    // The first of the longest runs.
    let (mut best, mut at, mut start) = (0u32, 0usize, 0usize);
    for (i, c) in chars.iter().enumerate() {
        if i > 0 && chars[i - 1] != *c {
            start = i;
        }
        let len = (i - start + 1) as u32;
        if len > best {
            (best, at) = (len, start);
        }
    }
    // The character may be withheld (tests/hardening.rs checks
    // when); if shown, it is the run's.
    prop_assert!(ch.is_none_or(|c| c == chars[at]), "{:?}", ch);
    prop_assert_eq!(
        (length, max, position),
        (best, rules.max_run.unwrap(), at as u32 + 1)
    );
    Ok(())
}

/// A character detail at `position`, showing `want` unless withheld (the
/// rule for withholding is tested in tests/hardening.rs).
fn character_detail(
    d: &Detail<'_>,
    want: char,
    position: u32,
) -> Result<(), TestCaseError> {
    match d {
        Detail::Character { ch, position: p } => {
            prop_assert_eq!(*p, position);
            prop_assert!(ch.is_none_or(|c| c == want), "{:?}", ch);
        }
        other => prop_assert!(false, "not a character detail: {:?}", other),
    }
    Ok(())
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Shrunk failures are kept as plain tests below instead.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn checker_agrees_with_reference(
        spec in random_policy("p0"),
        user in user(),
        passwords in prop::collection::vec(password(), 1..8),
    ) {
        let Ok(policy) = Policy::from_spec(spec, "p0.yaml") else {
            return Ok(());
        };
        let variants: Vec<&Variant> = policy.variants().iter().collect();
        // Once with the accounts, once with a --user style override.
        for user in [None, user.as_ref()] {
            let Ok(checker) = compile(&variants, user) else { continue };
            for pw in &passwords {
                assert_agrees(&checker, &variants, user, pw)?;
            }
        }
    }
}

proptest! {
    #![proptest_config(config(600))]

    #[test]
    fn intersections_agree_with_reference(
        specs in (
            random_policy("p0"),
            random_policy("p1"),
            prop::option::of(random_policy("p2")),
        ),
        user in user(),
        passwords in prop::collection::vec(password(), 1..8),
    ) {
        let (a, b, c) = specs;
        let mut policies = Vec::new();
        for spec in [Some(a), Some(b), c].into_iter().flatten() {
            let id = spec.id.clone();
            match Policy::from_spec(spec, &id) {
                Ok(p) => policies.push(p),
                Err(_) => return Ok(()),
            }
        }
        let variants: Vec<&Variant> =
            policies.iter().flat_map(|p| p.variants()).collect();
        let Ok(checker) = compile(&variants, user.as_ref()) else {
            return Ok(());
        };
        for pw in &passwords {
            assert_agrees(&checker, &variants, user.as_ref(), pw)?;
        }
    }

}

proptest! {
    #![proptest_config(config(200))]

    #[test]
    fn invalid_utf8_gives_only_invalid_utf8(
        spec in random_policy("p0"),
        prefix in password(),
        junk in prop::collection::vec(any::<u8>(), 0..6),
        bad in prop::sample::select(INVALID),
    ) {
        let Ok(policy) = Policy::from_spec(spec, "p0.yaml") else {
            return Ok(());
        };
        let variants: Vec<&Variant> = policy.variants().iter().collect();
        let Ok(checker) = Checker::new(&variants) else { return Ok(()) };
        let mut bytes = prefix.into_bytes();
        bytes.extend_from_slice(bad);
        bytes.extend_from_slice(&junk);
        prop_assert!(std::str::from_utf8(&bytes).is_err());
        let verdict = checker.check_bytes(&bytes);
        prop_assert_eq!(verdict.codes().collect::<Vec<_>>(), [Code::InvalidUtf8]);
        let all = (1u32 << variants.len()) - 1;
        let report = checker.report(&bytes);
        prop_assert_eq!(report.verdict(), verdict);
        prop_assert_eq!(u32::from(report.targets_failing(Code::InvalidUtf8)), all);
        prop_assert_eq!(u32::from(verdict.failed_targets()), all);
    }

    #[test]
    fn check_bytes_on_utf8_is_check(
        spec in random_policy("p0"),
        pw in password(),
    ) {
        let Ok(policy) = Policy::from_spec(spec, "p0.yaml") else {
            return Ok(());
        };
        let variants: Vec<&Variant> = policy.variants().iter().collect();
        let Ok(checker) = Checker::new(&variants) else { return Ok(()) };
        prop_assert_eq!(checker.check_bytes(pw.as_bytes()), checker.check(&pw));
    }
}

/// Parsed once: YAML parsing in every case would dominate the run time.
static SEEDS: LazyLock<passpolicy::Catalog> =
    LazyLock::new(passpolicy::Catalog::builtin);

/// Selections of the built-in seed policies: each variant, each policy,
/// and all five at once.
const SEED_SELECTIONS: &[&[&str]] = &[
    &["tencent-ecm/linux"],
    &["tencent-ecm/windows"],
    &["tencent-cvm-v2/linux"],
    &["tencent-cvm-v2/windows"],
    &["huawei-clouddc/linux"],
    &["huawei-clouddc/windows"],
    &["baidu-bcc"],
    &["tencent-redis"],
    &["tencent-ecm"],
    &["tencent-cvm-v2"],
    &["huawei-clouddc"],
    &SEED_IDS,
];

/// Passwords for the seeds: printable ASCII (every vendor's symbols and
/// the ones just outside), the pool's traps, and the default accounts in
/// every form.
fn seed_password() -> BoxedStrategy<String> {
    let piece = prop_oneof![
        8 => (0x20u8..=0x7E).prop_map(|b| char::from(b).to_string()),
        2 => prop::sample::select(POOL).prop_map(String::from),
        2 => (
            prop::sample::select(&["root", "ubuntu", "Administrator"][..]),
            0u8..4,
        )
            .prop_map(|(n, how)| match how {
                0 => n.to_string(),
                1 => n.chars().rev().collect(),
                2 => n.to_uppercase(),
                _ => n.chars().rev().collect::<String>().to_lowercase(),
            }),
    ];
    prop::collection::vec(piece, 0..20).prop_map(|v| v.concat()).boxed()
}

proptest! {
    #![proptest_config(config(300))]

    /// The seed policies are real policies the random specs would never
    /// produce exactly; the checker agrees with the reference on them too.
    #[test]
    fn seeds_agree_with_reference(
        selection in prop::sample::select(SEED_SELECTIONS),
        user in user(),
        passwords in prop::collection::vec(seed_password(), 1..8),
    ) {
        let variants = SEEDS.select(selection).unwrap();
        for user in [None, user.as_ref()] {
            let checker = match compile(&variants, user) {
                Err(passpolicy::Error::BlankUserName) => continue,
                built => built.unwrap(),
            };
            for pw in &passwords {
                assert_agrees(&checker, &variants, user, pw)?;
            }
        }
    }
}

/// The properties above skip specs the compiler refuses; make sure most
/// random specs are real policies, or the properties would test little.
#[test]
fn enough_random_specs_compile() {
    let mut runner = TestRunner::new(Config::default());
    let single = random_policy("p0");
    let pair = (random_policy("p0"), random_policy("p1"));
    let (mut ok, mut ok_pair, n) = (0, 0, 400);
    for _ in 0..n {
        let spec = single.new_tree(&mut runner).unwrap().current();
        if let Ok(p) = Policy::from_spec(spec, "p0") {
            let v: Vec<&Variant> = p.variants().iter().collect();
            ok += usize::from(Checker::new(&v).is_ok());
        }
        let (a, b) = pair.new_tree(&mut runner).unwrap().current();
        if let (Ok(a), Ok(b)) =
            (Policy::from_spec(a, "p0"), Policy::from_spec(b, "p1"))
        {
            let v: Vec<&Variant> =
                a.variants().iter().chain(b.variants()).collect();
            ok_pair += usize::from(Checker::new(&v).is_ok());
        }
    }
    assert!(ok * 100 >= n * 25, "only {ok} of {n} specs compiled");
    assert!(ok_pair * 100 >= n * 5, "only {ok_pair} of {n} pairs compiled");
}

/// Regression (found by `checker_agrees_with_reference`): two names for the
/// same characters in one K-of-N rule (`c0` includes exactly
/// `ascii_punctuation`) each count, as the reference says; the checker
/// gave both one class bit and counted them once.
#[test]
fn two_names_for_one_class_count_twice() {
    let policy = Policy::from_yaml(
        "
id: p0
vendor: Example
product: Test
classes:
  c0: { include: [ascii_punctuation] }
rules:
  classes_required:
    at_least: 2
    of: [c0, upper, digits, ascii_punctuation]
",
        "p0.yaml",
    )
    .unwrap();
    let variant = &policy.variants()[0];
    let checker = Checker::new(&[variant]).unwrap();
    assert_eq!(reference::violations(variant.rules(), &[], "!"), []);
    assert!(checker.check("!").is_ok());
    assert_eq!(
        reference::violations(variant.rules(), &[], "A"),
        [Code::NotEnoughClasses]
    );
    assert!(checker.check("A").has(Code::NotEnoughClasses));
}

/// Whether `name` is one of `names` and the password is a name (or a
/// name's bytes reversed, for `equals_reversed_username`).
fn equals_a_name(code: Code, names: &[String], name: &str, pw: &str) -> bool {
    let is = |n: &String| match code {
        Code::EqualsUsername => n == pw,
        _ => n.bytes().rev().eq(pw.bytes()),
    };
    names.iter().any(|n| n == name) && names.iter().any(is)
}
