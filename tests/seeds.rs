//! Table tests of the five seed policies against their vendor documents.
//!
//! The cases live in `tests/data/seeds/<policy-id>.yaml`, one file per seed
//! document: policy selection, password, the exact set of violation codes
//! expected, and why. This file loads them, and adds what is better
//! generated than written out: every ASCII character inserted into a known
//! good password, checked against a table of each vendor's literal symbol
//! list typed here from the documents (not read from `policies/`), so a
//! mistake in a policy file cannot hide behind the same mistake in the test.

use std::collections::{BTreeMap, BTreeSet};

use passpolicy::{Catalog, Checker, Code, Detail, Lang};
use serde::Deserialize;

/// The data files, embedded so the test binary needs no working directory.
const DATA: &[(&str, &str)] = &[
    ("tencent-ecm", include_str!("data/seeds/tencent-ecm.yaml")),
    ("tencent-cvm-v2", include_str!("data/seeds/tencent-cvm-v2.yaml")),
    ("huawei-clouddc", include_str!("data/seeds/huawei-clouddc.yaml")),
    ("baidu-bcc", include_str!("data/seeds/baidu-bcc.yaml")),
    ("tencent-redis", include_str!("data/seeds/tencent-redis.yaml")),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// `ID` or `ID/VARIANT`.
    policy: String,
    /// Overrides the variants' default accounts (the CLI's `--user`).
    #[serde(default)]
    user: Option<String>,
    password: String,
    expect: Expect,
    why: String,
}

/// `ok`, a list of codes, or a map from variant label to either.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Expect {
    Word(Word),
    Codes(Vec<String>),
    PerVariant(BTreeMap<String, Single>),
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Single {
    Word(Word),
    Codes(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Word {
    Ok,
}

impl Single {
    fn codes(&self) -> BTreeSet<String> {
        match self {
            Single::Word(Word::Ok) => BTreeSet::new(),
            Single::Codes(c) => c.iter().cloned().collect(),
        }
    }
}

fn load(id: &str, text: &str) -> Vec<Case> {
    let cases: Vec<Case> = serde_yaml::from_str(text)
        .unwrap_or_else(|e| panic!("tests/data/seeds/{id}.yaml: {e}"));
    assert!(!cases.is_empty(), "{id}: no cases");
    for c in &cases {
        let own = c.policy.split('/').next().unwrap_or_default();
        assert_eq!(own, id, "{id}.yaml holds a case for {}", c.policy);
        assert!(!c.why.trim().is_empty(), "{id}: case without a why");
    }
    cases
}

fn all_cases() -> Vec<Case> {
    DATA.iter().flat_map(|(id, text)| load(id, text)).collect()
}

fn compile(catalog: &Catalog, policy: &str, user: Option<&str>) -> Checker {
    let variants = catalog.select(&[policy]).expect("known policy");
    let mut builder = Checker::builder();
    if let Some(u) = user {
        builder = builder.user(u);
    }
    builder.build(&variants).expect("seed policies compile")
}

/// The codes each target of `checker` refuses `password` for, by label.
fn per_target(
    checker: &Checker,
    password: &str,
) -> BTreeMap<String, BTreeSet<String>> {
    let report = checker.report(password);
    assert_eq!(report.verdict(), checker.check(password));
    checker
        .targets()
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let label = t.label();
            let codes = Code::ALL
                .into_iter()
                .filter(|&c| report.targets_failing(c) & (1 << i) != 0)
                .map(|c| c.as_str().to_string())
                .collect();
            (label.to_string(), codes)
        })
        .collect()
}

fn union(map: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<String> {
    map.values().flatten().cloned().collect()
}

#[test]
fn seed_tables() {
    let catalog = Catalog::builtin();
    let mut failures = Vec::new();
    let cases = all_cases();
    for case in &cases {
        let checker = compile(&catalog, &case.policy, case.user.as_deref());
        let got = per_target(&checker, &case.password);
        let ok = match &case.expect {
            Expect::Word(Word::Ok) => union(&got).is_empty(),
            Expect::Codes(codes) => {
                let want: BTreeSet<String> = codes.iter().cloned().collect();
                assert!(!want.is_empty(), "use `ok` for no codes");
                union(&got) == want
            }
            Expect::PerVariant(map) => {
                let want: BTreeMap<String, BTreeSet<String>> =
                    map.iter().map(|(k, v)| (k.clone(), v.codes())).collect();
                assert_eq!(
                    want.keys().collect::<Vec<_>>(),
                    got.keys().collect::<Vec<_>>(),
                    "{}: the map must name every selected variant",
                    case.policy
                );
                got == want
            }
        };
        // The verdict's own summary must agree with the per-target bits.
        let verdict = checker.check(&case.password);
        assert_eq!(verdict.is_ok(), union(&got).is_empty());
        if !ok {
            failures.push(format!(
                "{} {:?}: expected {:?}, got {:?} ({})",
                case.policy, case.password, case.expect, got, case.why
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Every code name in the data files is a real code (a typo would make a
/// case expect something the checker can never say).
#[test]
fn data_files_use_known_codes() {
    let known: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    for case in all_cases() {
        let names: Vec<String> = match &case.expect {
            Expect::Word(_) => Vec::new(),
            Expect::Codes(c) => c.clone(),
            Expect::PerVariant(m) => {
                m.values().flat_map(|s| s.codes()).collect()
            }
        };
        for n in names {
            assert!(known.contains(n.as_str()), "unknown code {n:?}");
        }
    }
}

/// The data files cover, for each seed variant, the inputs the issue lists.
#[test]
fn data_files_cover_the_issue_list() {
    let must: &[(&str, &str)] = &[
        ("é", "é"),
        ("full-width A", "Ａ"),
        ("full-width 1", "１"),
        ("emoji", "😀"),
        ("space", " "),
        ("tab", "\t"),
        ("NUL", "\0"),
        ("U+200B", "\u{200B}"),
    ];
    let cases = all_cases();
    let catalog = Catalog::builtin();
    // The seeds only: the rest of the catalog has tests/catalog.rs.
    for (id, _) in DATA {
        for v in catalog.get(id).unwrap().variants() {
            let mine: Vec<&Case> =
                cases.iter().filter(|c| c.policy == v.label()).collect();
            for (what, s) in must {
                assert!(
                    mine.iter().any(|c| c.password.contains(s)),
                    "{}: no case with {what}",
                    v.label()
                );
            }
            assert!(
                mine.iter().any(|c| c.password.is_empty()),
                "{}: no empty-string case",
                v.label()
            );
            assert!(
                mine.iter().any(|c| c.password.starts_with('/')),
                "{}: no leading-/ case",
                v.label()
            );
            let len = v.rules().length;
            for n in [len.min - 1, len.min, len.max, len.max + 1] {
                assert!(
                    mine.iter()
                        .any(|c| c.password.chars().count() as u32 == n
                            && c.password.is_ascii()),
                    "{}: no ASCII case of length {n}",
                    v.label()
                );
            }
        }
    }
}

/// `-p tencent-cvm-v2` (and `-p tencent-ecm`) without a variant gives the
/// Windows verdicts on every tabled password: the mixed-batch rule.
#[test]
fn mixed_batch_gives_windows_verdicts() {
    let catalog = Catalog::builtin();
    let cases = all_cases();
    for id in ["tencent-cvm-v2", "tencent-ecm"] {
        let both = compile(&catalog, id, None);
        let windows = compile(&catalog, &format!("{id}/windows"), None);
        let mut seen = 0;
        for case in cases.iter().filter(|c| c.policy.starts_with(id)) {
            let b = both.check(&case.password);
            let w = windows.check(&case.password);
            assert_eq!(b.is_ok(), w.is_ok(), "{id} {:?}", case.password);
            assert_eq!(
                b.codes().collect::<Vec<_>>(),
                w.codes().collect::<Vec<_>>(),
                "{id} {:?}",
                case.password
            );
            seen += 1;
        }
        assert!(seen > 40, "{id}: only {seen} passwords compared");
    }
}

/// Each vendor's literal alphabet, typed from the seed documents.
struct Vendor {
    labels: &'static [&'static str],
    /// The listed symbols; letters and digits are allowed everywhere.
    symbols: &'static str,
}

const VENDORS: &[Vendor] = &[
    // "( ) ~ ~ ! @ # $ % ^ & * - + = _ | { } [ ] : ; ' < > , . ? /"
    Vendor {
        labels: &["tencent-ecm/linux", "tencent-ecm/windows"],
        symbols: "()~!@#$%^&*-+=_|{}[]:;'<>,.?/",
    },
    // "( ) &#126; ~ ! @ # $ % ^ & * - + = _ &#124; { } [ ] : ; ' < > , . ? /"
    Vendor {
        labels: &["tencent-cvm-v2/linux", "tencent-cvm-v2/windows"],
        symbols: "()~!@#$%^&*-+=_|{}[]:;'<>,.?/",
    },
    // "special characters !@$%^-_=+[{}]:,./?"
    Vendor {
        labels: &["huawei-clouddc/linux", "huawei-clouddc/windows"],
        symbols: "!@$%^-_=+[{}]:,./?",
    },
    // "the symbols are only limited to!@#$%^*()"
    Vendor { labels: &["baidu-bcc"], symbols: "!@#$%^*()" },
    // "(such as ()~!@#$%^&*-+=_|{}[]:;<>,.?/)"
    Vendor {
        labels: &["tencent-redis"],
        symbols: "()~!@#$%^&*-+=_|{}[]:;<>,.?/",
    },
];

/// Valid for every seed variant (12 characters, every class, `!` and `@`
/// which every list has), and one character short of every maximum.
const GOOD: &str = "Abcd1234!@xy";

#[test]
fn the_vendor_tables_match_the_document_counts() {
    // The counts the reference states: 29, 29, 18, 9, 28 distinct symbols.
    let counts: Vec<usize> = VENDORS
        .iter()
        .map(|v| v.symbols.chars().collect::<BTreeSet<_>>().len())
        .collect();
    assert_eq!(counts, [29, 29, 18, 9, 28]);
}

#[test]
fn every_ascii_character_outside_the_alphabet_is_refused_alone() {
    let catalog = Catalog::builtin();
    for vendor in VENDORS {
        for label in vendor.labels {
            let checker = catalog.checker(&[label]).unwrap();
            assert!(checker.check(GOOD).is_ok(), "{label}: base refused");
            let mut refused = 0;
            for b in 0u8..=0x7F {
                let c = char::from(b);
                let listed =
                    c.is_ascii_alphanumeric() || vendor.symbols.contains(c);
                // Insert after the fourth character: position 5.
                let password = format!("{}{c}{}", &GOOD[..4], &GOOD[4..]);
                let verdict = checker.check(&password);
                let violations = checker.violations(&password);
                if listed {
                    assert!(
                        verdict.is_ok(),
                        "{label}: listed {c:?} refused: {violations:?}"
                    );
                    continue;
                }
                refused += 1;
                assert_eq!(
                    verdict.codes().collect::<Vec<_>>(),
                    [Code::DisallowedCharacter],
                    "{label}: {c:?}"
                );
                assert_eq!(violations.len(), 1, "{label}: {c:?}");
                assert_eq!(violations[0].policy, *label);
                assert_eq!(
                    violations[0].detail,
                    Detail::Character { ch: Some(c), position: 5 },
                    "{label}: {c:?}"
                );
                for lang in [Lang::En, Lang::Zh] {
                    let m = violations[0].message(lang);
                    assert!(m.contains(&format!("U+{b:04X}")), "{m}");
                    assert!(m.contains('5'), "position missing: {m}");
                    assert!(!m.contains(&password), "{m}");
                    assert!(!m.chars().any(char::is_control), "{m:?}");
                }
            }
            // 128 - 62 alphanumerics - the listed symbols.
            assert_eq!(refused, 128 - 62 - vendor.symbols.len(), "{label}");
        }
    }
}

/// Every seed variant appears in the vendor table, so no seed escapes the
/// ASCII sweep.
#[test]
fn the_vendor_table_covers_every_seed_variant() {
    let catalog = Catalog::builtin();
    let mut labels: Vec<&str> = DATA
        .iter()
        .flat_map(|(id, _)| catalog.get(id).unwrap().variants())
        .map(|v| v.label())
        .collect();
    labels.sort_unstable();
    let mut table: Vec<&str> =
        VENDORS.iter().flat_map(|v| v.labels.iter().copied()).collect();
    table.sort_unstable();
    assert_eq!(labels, table);
}

/// A non-ASCII character is reported by its code point at its position in
/// characters (not bytes), and the first one is the one reported.
#[test]
fn non_ascii_position_counts_characters() {
    let checker = Catalog::builtin().checker(&["baidu-bcc"]).unwrap();
    let v = checker.violations("😀é1Ab!xyz\u{200B}");
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0].detail, Detail::Character { ch: Some('😀'), position: 1 });
    let v = checker.violations("Ab1!é😀xyz");
    assert_eq!(v[0].detail, Detail::Character { ch: Some('é'), position: 5 });
}

/// Messages in both languages never contain the password, nor any
/// invisible character of it.
#[test]
fn messages_never_contain_the_password() {
    let catalog = Catalog::builtin();
    let mut rendered = 0;
    for case in all_cases() {
        let checker = compile(&catalog, &case.policy, case.user.as_deref());
        for v in checker.violations(&case.password) {
            for lang in [Lang::En, Lang::Zh] {
                let m = v.message(lang);
                rendered += 1;
                assert!(!m.is_empty());
                // A one- or two-character password could occur in any text
                // by chance; every tabled password that is refused is
                // longer.
                if case.password.chars().count() > 2 {
                    assert!(
                        !m.contains(&case.password),
                        "{}: message {m:?} repeats the password",
                        case.policy
                    );
                }
                assert!(
                    !m.chars().any(|c| c.is_control()
                        || matches!(c, '\u{200B}' | '\u{FEFF}')),
                    "invisible character in {m:?}"
                );
            }
        }
    }
    assert!(rendered > 200, "only {rendered} messages rendered");
}
