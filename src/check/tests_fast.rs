//! The rules the fast path answers since issue 14 (user-name equality,
//! the dictionary, deny-lists and user names gated by length and by the
//! seen-set, minimum counts in the scan): every catalog policy is on the
//! fast path for ASCII passwords, and the fast path's verdict is the
//! general path's and the reference's.

use super::Checker;
use super::dict::DictSearch;
use crate::{Catalog, Code, Params, Variant, reference};

/// Whether the fast path answers every ASCII password of `checker`
/// itself: it has a byte scan and no rule sends every password to the
/// general path.
fn on_fast_path(checker: &Checker) -> bool {
    checker.scan.is_fast() && !checker.ascii_needs_rare
}

/// Every built-in policy, each variant alone and the policy whole, with
/// its default parameters and with a user name (user-name patterns and
/// equality values), has no rule forcing the general path for ASCII.
#[test]
fn every_catalog_policy_is_on_the_fast_path() {
    let catalog = Catalog::builtin();
    for policy in catalog.policies() {
        let mut selections: Vec<Vec<&Variant>> =
            policy.variants().iter().map(|v| vec![v]).collect();
        selections.push(policy.variants().iter().collect());
        for variants in &selections {
            for user in [None, Some("alice")] {
                let mut builder = Checker::builder();
                if let Some(u) = user {
                    builder = builder.user(u);
                }
                let checker = builder.build(variants).expect("compiles");
                assert!(
                    on_fast_path(&checker),
                    "{} ({} variants) user {user:?}",
                    policy.id(),
                    variants.len()
                );
            }
        }
    }
}

/// A MySQL dictionary file: ASCII words, words shorter than MySQL's 4
/// bytes, words with upper case (never matched), non-ASCII words (never
/// in an ASCII password) and one the Kelvin sign folds into.
const WORDS: &str = "password\nqwerty\nabab\nab\nRoot\nécole\nk\u{212A}lm\n\
                     1234\nalice\nzzzzz\n";

fn mysql_strong(words: &str) -> Vec<Variant> {
    let mut params = Params::new();
    params.set("policy", "STRONG").set_file_text(
        "dictionary_file",
        "words.txt",
        words.to_string(),
    );
    Catalog::builtin()
        .select_with(&["mysql-validate-password"], &params)
        .expect("binds")
}

/// Passwords for the dictionary and equality rules: the shared ones, and
/// the words and user names in several cases, alone and inside others.
fn passwords() -> Vec<String> {
    let mut out = super::tests::passwords();
    let pieces = [
        "password",
        "PassWord",
        "qwerty1!",
        "ABAB",
        "ababab",
        "1234",
        "école",
        "kKlm",
        "alice",
        "ecila",
        "Alice",
        "Ab1!cd",
        "dc!1bA",
        "zzzz",
        "zzzzz",
        "xPASSWORDx",
        "aBab",
        "root",
        "Root",
        "toor",
    ];
    for (i, p) in pieces.iter().enumerate() {
        out.push(p.to_string());
        out.push(format!("Xy{i}!{p}"));
        out.push(format!("{p}-Q{i}z"));
    }
    out
}

/// The fast path's verdict is the general path's, and each target's
/// codes are the reference's.
fn assert_agrees(checker: &Checker, passwords: &[String], what: &str) {
    for pw in passwords {
        let report = checker.check_general(pw);
        assert_eq!(checker.check(pw), report.verdict(), "{what} {pw:?}");
        for (i, t) in checker.targets().iter().enumerate() {
            let ours: Vec<Code> = Code::ALL
                .into_iter()
                .filter(|&c| report.targets_failing(c) >> i & 1 == 1)
                .collect();
            let want = reference::violations(t.rules(), t.usernames(), pw);
            assert_eq!(ours, want, "{what} target {i} password {pw:?}");
        }
    }
}

/// MySQL STRONG with a dictionary, with and without user names (equality
/// and reversed equality, byte for byte): on the fast path, and the same
/// answers as the general path and the reference.
#[test]
fn mysql_strong_with_a_dictionary_agrees() {
    let variants = mysql_strong(WORDS);
    let refs: Vec<&Variant> = variants.iter().collect();
    let passwords = passwords();
    for user in [None, Some("Ab1!cd"), Some("alice"), Some("é\u{212A}x")] {
        let mut builder = Checker::builder();
        if let Some(u) = user {
            builder = builder.user(u);
        }
        let checker = builder.build(&refs).expect("compiles");
        assert!(on_fast_path(&checker), "user {user:?}");
        assert!(matches!(checker.rare.dictionary, DictSearch::Dfa(_)));
        assert_agrees(&checker, &passwords, &format!("user {user:?}"));
    }
    // Combined with other policies: the dictionary's targets are its own.
    let catalog = Catalog::builtin();
    let mut mixed = refs.clone();
    mixed.extend(catalog.select(&["huawei-ecs", "linode"]).expect("ids"));
    let checker = Checker::builder().user("alice").build(&mixed).unwrap();
    assert!(on_fast_path(&checker));
    assert_agrees(&checker, &passwords, "mixed");
}

/// A dictionary too large for the byte automaton's table is searched by
/// the general path's matcher from the fast path, with the same answers.
#[test]
fn a_large_dictionary_uses_the_matcher_and_agrees() {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut words = String::new();
    for _ in 0..20_000 {
        let mut w = String::new();
        for _ in 0..8 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            w.push(char::from(b'a' + (state % 26) as u8));
        }
        words.push_str(&w);
        words.push('\n');
    }
    words.push_str("password\n");
    let variants = mysql_strong(&words);
    let refs: Vec<&Variant> = variants.iter().collect();
    let checker = Checker::new(&refs).expect("compiles");
    assert!(on_fast_path(&checker));
    assert!(matches!(checker.rare.dictionary, DictSearch::Matcher));
    let first: String = words.lines().next().unwrap().to_uppercase();
    let mut passwords = passwords();
    passwords.push(format!("Ab1!{first}"));
    assert!(checker.check(&format!("Ab1!{first}")).has(Code::DictionaryWord));
    assert_agrees(&checker, &passwords, "large");
}

/// The user-name gate keeps at most `USER_GATE_BITS` characters; a name
/// with more distinct characters is still found wherever it occurs, and
/// runs of its characters too.
#[test]
fn user_names_past_the_gate_bits_are_still_found() {
    let catalog = Catalog::builtin();
    let variants = catalog.select(&["huawei-ecs"]).expect("id");
    let name = "QwErTyUiOpAsDfGh";
    let checker = Checker::builder().user(name).build(&variants).unwrap();
    assert!(on_fast_path(&checker));
    let mut passwords = passwords();
    for i in 0..name.len() - 2 {
        let run = &name[i..i + 3];
        passwords.push(format!("Zz9!{run}xx"));
        passwords.push(format!("Zz9!{}xx", run.to_lowercase()));
        let back: String = run.chars().rev().collect();
        passwords.push(format!("Zz9!{back}xx"));
    }
    passwords.push(format!("1!{name}"));
    assert_agrees(&checker, &passwords, name);
}

/// Deny-lists and equality values are checked only at their lengths: a
/// value of every length the length words flag, none of the others, and
/// passwords of each length around them.
#[test]
fn refused_values_are_found_at_every_length() {
    let yaml = "id: one\nvendor: T\nproduct: T\nrules:\n  alphabet: \
                [ascii_printable]\n  deny: [a, abc, 'x234567890123456789', \
                '0123456789012345678901234567890123456789012345678901234567890\
                1234']\n  username: { equals: true, equals_reversed: true }\n\
                variants:\n  v:\n    accounts: [root, Administrator]\n";
    let policy = crate::Policy::from_yaml(yaml, "one.yaml").expect("parses");
    let variants: Vec<&Variant> = policy.variants().iter().collect();
    let checker = Checker::new(&variants).expect("compiles");
    assert!(on_fast_path(&checker));
    let long = "0123456789".repeat(7);
    let mut passwords = passwords();
    for n in 0..long.len() {
        passwords.push(long[..n].to_string());
    }
    for v in ["a", "abc", "x234567890123456789", "root", "toor"] {
        passwords.push(v.to_string());
        passwords.push(format!("{v}!"));
    }
    passwords.push("Administrator".into());
    passwords.push("rotartsinimdA".into());
    assert_agrees(&checker, &passwords, "deny");
}

/// Minimum counts above one, counted by equivalence class where every
/// counted class is one (OCI, two classes with the same ASCII bytes) and
/// by class lanes where one is not (letters over lower and upper): the
/// same answers as the general path and the reference, at every length
/// around the lanes' limit.
#[test]
fn minimum_counts_agree_whichever_lanes_count_them() {
    let catalog = Catalog::builtin();
    let oci = catalog.checker(&["oci-db-system"]).expect("id");
    assert!(oci.rare.by_class.is_some());
    let rules = [
        // Two classes, one set of bytes: one lane, the larger minimum.
        (
            "classes:\n  d2:\n    ranges: ['0-9']\nrules:\n  alphabet: \
          [ascii_printable]\n  min_counts: { digits: 2, d2: 3, upper: 2 }\n",
            true,
        ),
        // Letters span two equivalence classes (lower and upper).
        (
            "rules:\n  alphabet: [ascii_printable]\n  min_counts: { letters: \
          3, upper: 2, lower: 1 }\n",
            false,
        ),
    ];
    let mut passwords = passwords();
    for n in 120..135 {
        passwords.push("aB3".repeat(n / 3 + 1)[..n].to_string());
    }
    for (rules, by_class) in rules {
        let yaml = format!("id: one\nvendor: T\nproduct: T\n{rules}");
        let policy = crate::Policy::from_yaml(&yaml, "one.yaml").unwrap();
        let variants: Vec<&Variant> = policy.variants().iter().collect();
        let checker = Checker::new(&variants).expect("compiles");
        assert!(on_fast_path(&checker));
        assert_eq!(checker.rare.by_class.is_some(), by_class, "{rules}");
        assert_agrees(&checker, &passwords, rules);
    }
    assert_agrees(&oci, &passwords, "oci");
}
