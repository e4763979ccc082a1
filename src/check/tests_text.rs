//! The text line written from the report ([`TextLines::write`], with the
//! entries it keeps) is byte for byte the line written from the
//! violations ([`write_check_text`] of [`Checker::violations`]), the route
//! it replaced, for every built-in policy (each variant alone and the
//! policy whole), with and without a user name and a display name, in
//! both languages, for ASCII, non-ASCII and invalid passwords.

use proptest::prelude::*;

use super::Checker;
use super::text_line::{TextLines, write_check_text};
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

/// Both routes for one password; `lines` (one per language) are kept
/// across calls as the CLI keeps its one, so that they write from the
/// entries kept for earlier passwords.
fn assert_same_line(
    checker: &Checker,
    password: &[u8],
    lines: &mut [TextLines<'_>; 2],
) {
    let ok = checker.check_bytes(password).is_ok();
    for (lang, lines) in [Lang::En, Lang::Zh].into_iter().zip(lines) {
        let mut old = String::from("x");
        write_check_text(&mut old, ok, &checker.violations(password), lang);
        let mut new = String::from("x");
        let said = lines.write(password, &mut new);
        assert_eq!(new, old, "{:?} {password:?} {lang:?}", checker.targets());
        assert_eq!(said, ok, "{password:?}");
    }
}

/// Both languages' writers for `checker`.
fn writers(checker: &Checker) -> [TextLines<'_>; 2] {
    [checker.text_lines(Lang::En), checker.text_lines(Lang::Zh)]
}

/// The check tests' passwords (printable ASCII, controls, user names in
/// several cases) on every built-in policy.
#[test]
fn every_builtin_writes_the_violations_line() {
    let catalog = Catalog::builtin();
    let passwords = super::tests::passwords();
    for checker in &checkers(&catalog) {
        let mut lines = writers(checker);
        for pw in &passwords {
            assert_same_line(checker, pw.as_bytes(), &mut lines);
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
                // Twice: written, then from the entries kept.
                let mut lines = writers(checker);
                assert_same_line(checker, &password, &mut lines);
                assert_same_line(checker, &password, &mut lines);
            }
        });
    }
}
