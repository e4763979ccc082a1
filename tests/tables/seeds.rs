//! The five seed policies typed a second time from their vendor documents:
//! every ASCII character inserted into a known good password, checked
//! against each vendor's literal symbol list typed here from the documents
//! (not read from `policies/`), so a mistake in a policy file cannot hide
//! behind the same mistake in the test; and what their tables say about
//! mixed batches, positions and messages. The tables themselves are run by
//! `main.rs`.

use std::collections::BTreeSet;

use passpolicy::{Catalog, Code, Detail, Lang};

use crate::{Dir, all_cases, cases, compile, compile_case, variant_labels};

/// `-p tencent-cvm-v2` (and `-p tencent-ecm`) without a variant gives the
/// Windows verdicts on every tabled password: the mixed-batch rule.
#[test]
fn mixed_batch_gives_windows_verdicts() {
    let catalog = Catalog::builtin();
    for id in ["tencent-cvm-v2", "tencent-ecm"] {
        let both = compile(&catalog, id, None);
        let windows = compile(&catalog, &format!("{id}/windows"), None);
        let mut seen = 0;
        for case in cases(Dir::Seeds).filter(|c| c.policy.starts_with(id)) {
            let password = case.password();
            let b = both.check(&password);
            let w = windows.check(&password);
            assert_eq!(b.is_ok(), w.is_ok(), "{id} {password:?}");
            assert_eq!(
                b.codes().collect::<Vec<_>>(),
                w.codes().collect::<Vec<_>>(),
                "{id} {password:?}"
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
    let labels = variant_labels(&catalog, Dir::Seeds);
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
/// invisible character of it: over every table, the catalog's too.
#[test]
fn messages_never_contain_the_password() {
    let catalog = Catalog::builtin();
    let mut rendered = 0;
    for case in all_cases() {
        let checker = compile_case(&catalog, case);
        let password = case.password();
        for v in checker.violations(&password) {
            for lang in [Lang::En, Lang::Zh] {
                let m = v.message(lang);
                rendered += 1;
                assert!(!m.is_empty());
                // A one- or two-character password could occur in any text
                // by chance; every tabled password that is refused is
                // longer.
                if password.chars().count() > 2 {
                    assert!(
                        !m.contains(&password),
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
