//! The text line written from the report ([`Checker::write_text_line`])
//! is byte for byte the line written from the violations
//! ([`write_check_text`] of [`Checker::violations`]), the route it
//! replaced, for every built-in policy (each variant alone and the policy
//! whole), with and without a user name and a display name, in both
//! languages, for ASCII, non-ASCII and invalid passwords.

use proptest::prelude::*;

use super::Checker;
use super::text_line::write_check_text;
use crate::{Catalog, Lang, Variant};

/// Every built-in policy's checkers: each variant alone and the whole
/// policy, with the default accounts and with a user and display name.
fn checkers(catalog: &Catalog) -> Vec<Checker> {
    let mut out = Vec::new();
    for policy in catalog.policies() {
        let mut selections: Vec<Vec<&Variant>> =
            policy.variants().iter().map(|v| vec![v]).collect();
        selections.push(policy.variants().iter().collect());
        for variants in &selections {
            out.push(Checker::new(variants).expect("compiles"));
            let named = Checker::builder()
                .user("alice")
                .display_name("Al Ice-root.x\tecil")
                .build(variants)
                .expect("compiles");
            out.push(named);
        }
    }
    out
}

/// Both routes for one password, with one `found` kept across calls as
/// the CLI keeps it.
fn assert_same_line<'c>(
    checker: &'c Checker,
    password: &[u8],
    found: &mut Vec<crate::Violation<'c>>,
) {
    let ok = checker.check_bytes(password).is_ok();
    for lang in [Lang::En, Lang::Zh] {
        let mut old = String::from("x");
        write_check_text(&mut old, ok, &checker.violations(password), lang);
        let mut new = String::from("x");
        let said = checker.write_text_line(password, lang, found, &mut new);
        assert_eq!(new, old, "{:?} {password:?} {lang:?}", checker.targets());
        assert_eq!(said, ok, "{password:?}");
    }
}

/// The check tests' passwords (printable ASCII, controls, user names in
/// several cases) on every built-in policy.
#[test]
fn every_builtin_writes_the_violations_line() {
    let catalog = Catalog::builtin();
    let passwords = super::tests::passwords();
    for checker in &checkers(&catalog) {
        let mut found = Vec::new();
        for pw in &passwords {
            assert_same_line(checker, pw.as_bytes(), &mut found);
        }
    }
}

/// Pieces of random passwords: ASCII of every kind, characters outside
/// every alphabet, invisible and wide ones, the user and display names,
/// runs, and bytes that are not UTF-8.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => (0x20u8..0x7F).prop_map(|b| vec![b]),
        1 => (0u8..0x20).prop_map(|b| vec![b]),
        1 => prop::sample::select(vec![
            "é", "€", "😀", "\u{200B}", "中", "Ω", "\u{212A}", "ß",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
        1 => prop::sample::select(vec![
            "alice", "ECILA", "root", "Ice", "Administrator", "aaaa",
            "admin", "password", "1111",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
        1 => prop::sample::select(vec![vec![0xFFu8], vec![0xC3], vec![0x80]]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Random passwords of every kind, on every built-in policy.
    #[test]
    fn random_passwords_write_the_violations_line(
        pieces in prop::collection::vec(piece(), 0..24)
    ) {
        let password = pieces.concat();
        // Compiled once: the catalog's checkers take most of the time.
        thread_local! {
            static CHECKERS: Vec<Checker> = checkers(&Catalog::builtin());
        }
        CHECKERS.with(|all| {
            for checker in all {
                assert_same_line(checker, &password, &mut Vec::new());
            }
        });
    }
}
