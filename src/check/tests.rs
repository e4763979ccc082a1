//! The fast path must give exactly the verdict of the general path (the
//! original one-pass checker), for every seed policy combination and any
//! ASCII input: same failures, same measurements, same details. Both must
//! agree, target by target, with the slow reference interpreter, since the
//! two paths share the length and class tables.

use crate::{Catalog, Code, reference};

/// Selections covering every built-in variant alone, whole policies, and
/// all five seeds at once (the mixed-batch and cross-vendor intersections).
const SELECTIONS: &[&[&str]] = &[
    &["tencent-ecm/linux"],
    &["tencent-ecm/windows"],
    &["tencent-cvm-v2/linux"],
    &["tencent-cvm-v2/windows"],
    &["huawei-clouddc/linux"],
    &["huawei-clouddc/windows"],
    &["baidu-bcc"],
    &["tencent-redis"],
    &["tencent-cvm-v2"],
    &["huawei-clouddc"],
    &["tencent-ecm", "baidu-bcc"],
    // The catalog beyond the seeds: every variant, and a cross-vendor mix.
    &["tencent-cvm/linux"],
    &["tencent-cvm/windows"],
    &["tencentdb-mysql"],
    &["alibaba-ecs"],
    &["alibaba-rds"],
    &["baidu-rds"],
    &["aws-rds/mysql"],
    &["aws-rds/oracle"],
    &["aws-rds"],
    &["azure-vm/cli-linux"],
    &["azure-vm/cli-windows"],
    &["oci-db-system"],
    &["linode"],
    // Consecutive user-name runs: more patterns than one automaton word.
    &["huawei-ecs/windows"],
    &["huawei-ecs"],
    &["aws-rds/mysql", "azure-vm/cli-windows", "alibaba-ecs/windows"],
    &[
        "tencent-ecm",
        "tencent-cvm-v2",
        "huawei-clouddc",
        "baidu-bcc",
        "tencent-redis",
    ],
];

/// Pieces passwords are assembled from: every printable ASCII character,
/// controls, and the seeds' user names in several cases and reversed.
fn pieces() -> Vec<String> {
    let mut out: Vec<String> =
        (0u8..128).map(|b| char::from(b).to_string()).collect();
    for name in ["root", "ROOT", "toor", "Administrator", "rotartsinimda"] {
        out.push(name.to_string());
    }
    for extra in ["aB3!", "/", "\r\n", "alice", "ecila"] {
        out.push(extra.to_string());
    }
    out
}

/// Deterministic passwords of 0 to 40 pieces (no randomness source: the
/// test must be the same on every run).
pub(super) fn passwords() -> Vec<String> {
    let pieces = pieces();
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = vec![String::new()];
    for _ in 0..3000 {
        let n = (next() % 40) as usize;
        let mut s = String::new();
        for _ in 0..n {
            // Mostly characters, sometimes a user name.
            let i = next() as usize % pieces.len();
            s.push_str(&pieces[i]);
        }
        out.push(s);
    }
    out
}

#[test]
fn fast_path_equals_general_path() {
    let catalog = Catalog::builtin();
    let passwords = passwords();
    for selection in SELECTIONS {
        let variants = catalog.select(selection).expect("seed selection");
        for user in [None, Some("alice"), Some("Root")] {
            let mut builder = crate::Checker::builder();
            if let Some(u) = user {
                builder = builder.user(u).display_name("Al Ice-root.x\tecil");
            }
            let checker = builder.build(&variants).expect("compiles");
            assert!(checker.scan.is_fast(), "{selection:?} has a fast path");
            for pw in &passwords {
                let report = checker.check_general(pw);
                assert_eq!(
                    checker.check(pw),
                    report.verdict(),
                    "{selection:?} user {user:?} password {pw:?}"
                );
                assert_eq!(checker.report(pw), report);
                let verdict = checker.check(pw);
                assert_eq!(checker.check_bytes(pw.as_bytes()), verdict);
                assert_eq!(checker.accepts(pw), verdict.is_ok(), "{pw:?}");
                for (i, t) in checker.targets().iter().enumerate() {
                    let (rules, names) = (t.rules(), t.usernames());
                    let ours: Vec<Code> = Code::ALL
                        .into_iter()
                        .filter(|&c| report.targets_failing(c) >> i & 1 == 1)
                        .collect();
                    assert_eq!(
                        ours,
                        reference::violations(rules, names, pw),
                        "{selection:?} target {i} user {user:?} password {pw:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn non_ascii_and_invalid_bytes_take_the_general_path() {
    let checker = Catalog::builtin()
        .checker(&["tencent-cvm-v2/windows"])
        .expect("compiles");
    for pw in ["Abc123!é-xyz", "Ａbc123!xyzw", "abc\u{200B}123ABC!"] {
        assert_eq!(checker.check(pw), checker.check_general(pw).verdict());
    }
    let v = checker.check_bytes(b"Abc123!xyz\xff");
    assert!(v.has(crate::Code::InvalidUtf8));
    assert!(!checker.accepts_bytes(b"Abc123!xyz\xff"));
    assert!(checker.accepts("Abc123!xyzwq"));
    assert!(!checker.accepts("Abc123!xyzwé"));
}

/// Issue 10 item 3: the general path measured `bytes.len() as u32`, so an
/// ASCII password of 2^32 + 12 bytes was 12 characters long and accepted.
/// Lengths saturate; tested through the arithmetic, not 4 GiB of memory.
#[cfg(target_pointer_width = "64")]
#[test]
fn lengths_past_u32_saturate_and_are_too_long() {
    use super::general::saturate;
    let huge = (1usize << 32) + 12;
    assert_eq!(huge as u32, 12, "the truncation this guards against");
    assert_eq!(saturate(huge), u32::MAX);
    assert_eq!(saturate(12), 12);
    let checker = Catalog::builtin()
        .checker(&["tencent-cvm-v2/windows", "baidu-bcc"])
        .expect("compiles");
    // Every target has a maximum, so a saturated length is too long for
    // all of them, in every table the general path reads.
    assert_eq!(checker.ascii_lengths.fails(saturate(huge)), (0, 0b11));
    for table in &checker.length_tables {
        assert_eq!(table.fails(saturate(huge)).1, 0b11);
    }
}

/// The fields of [`Rules`], named one by one: a new rule does not compile
/// here until it is listed, and then `every_rule_kind_is_covered_or_routed`
/// fails until it has a policy of its own in `ONE_RULE`.
fn rule_fields(rules: &crate::Rules) -> [&'static str; 12] {
    let crate::Rules {
        length: _,
        alphabet: _,
        classes: _,
        classes_required: _,
        min_counts: _,
        forbidden_first: _,
        forbidden_last: _,
        username: _,
        max_run: _,
        deny: _,
        forbidden_substrings: _,
        dictionary: _,
    } = rules;
    [
        "length",
        "alphabet",
        "classes",
        "classes_required",
        "min_counts",
        "forbidden_first",
        "forbidden_last",
        "username",
        "max_run",
        "deny",
        "forbidden_substrings",
        "dictionary",
    ]
}

/// For each rule kind, the rules of a policy that has it (beside a closed
/// alphabet), in both the table-covered and the general-path form where
/// it has both.
const ONE_RULE: &[(&str, &str)] = &[
    ("length", "alphabet: [ascii_printable]\n  length: { min: 3, max: 6 }"),
    ("alphabet", "alphabet: [lower, digits]"),
    ("classes", "alphabet: [ascii_printable]\n  min_counts: { upper: 1 }"),
    (
        "classes_required",
        "classes_required: { at_least: 2, of: [lower, upper, digits] }",
    ),
    ("min_counts", "alphabet: [ascii_printable]\n  min_counts: { digits: 1 }"),
    ("min_counts", "alphabet: [ascii_printable]\n  min_counts: { digits: 2 }"),
    (
        "forbidden_first",
        "alphabet: [ascii_printable]\n  forbidden_first: '/a'",
    ),
    ("forbidden_last", "alphabet: [ascii_printable]\n  forbidden_last: '.9'"),
    (
        "username",
        "alphabet: [ascii_printable]\n  username: { contains: true, reversed: true }",
    ),
    (
        "username",
        "alphabet: [ascii_printable]\n  username: { contains: true, case_sensitive: true }",
    ),
    (
        "username",
        "alphabet: [ascii_printable]\n  username: { consecutive: 3, reversed: true }",
    ),
    (
        "username",
        "alphabet: [ascii_printable]\n  username: { contains: true, consecutive: 2, case_sensitive: true }",
    ),
    (
        "username",
        "alphabet: [ascii_printable]\n  username: { equals: true, equals_reversed: true }",
    ),
    (
        "username",
        "alphabet: [ascii_printable]\n  username: { contains: true, reversed: true, min_name_length: 3 }",
    ),
    (
        "username",
        "alphabet: [ascii_printable]\n  username: { contains: true, display_name: { delimiters: \" ,.-_#\\t\", min_token_length: 3 } }",
    ),
    (
        "dictionary",
        "alphabet: [ascii_printable]\n  dictionary: { words: [root, pass, Upper, ab, lice], min_bytes: 2 }",
    ),
    ("max_run", "alphabet: [ascii_printable]\n  max_run: 2"),
    ("deny", "alphabet: [ascii_printable]\n  deny: [abc, 'root1', '']"),
    (
        "forbidden_substrings",
        "alphabet: [ascii_printable]\n  forbidden_substrings: { values: [admin, Ab] }",
    ),
    (
        "forbidden_substrings",
        "alphabet: [ascii_printable]\n  forbidden_substrings: { values: [aDm], case_sensitive: true }",
    ),
];

/// Whatever the fast path declares it covers (`tables_cover`), its
/// answer for every rule kind is the general path's and the reference's:
/// a rule the tables ignore but do not route to the general path fails
/// here.
#[test]
fn every_rule_kind_is_covered_or_routed() {
    let probe = crate::Catalog::builtin();
    let fields =
        rule_fields(probe.get("baidu-bcc").unwrap().variants()[0].rules());
    for field in fields {
        assert!(
            ONE_RULE.iter().any(|(f, _)| *f == field),
            "rule `{field}` has no single-rule policy in ONE_RULE"
        );
    }
    let mut passwords = passwords();
    // Exactly a name, or a name reversed: the equality rules.
    for exact in ["root", "toor", "ROOT", "Ab", "bA", "alice", "ecila"] {
        passwords.push(exact.to_string());
    }
    for (field, rules) in ONE_RULE {
        let yaml = format!(
            "id: one\nvendor: T\nproduct: T\nrules:\n  {rules}\nvariants:\n  \
             v:\n    accounts: [root, Ab]\n"
        );
        let policy = crate::Policy::from_yaml(&yaml, "one.yaml")
            .unwrap_or_else(|e| panic!("{field}: {e}"));
        let variants: Vec<_> = policy.variants().iter().collect();
        for user in [None, Some("alice")] {
            let mut builder = crate::Checker::builder();
            if let Some(u) = user {
                builder = builder.user(u);
            }
            let checker = builder.build(&variants).expect("compiles");
            // Routed to the general path whenever the tables do not
            // answer every rule.
            if !super::compile::tables_cover(variants[0].rules()) {
                assert!(checker.ascii_needs_rare, "{field}");
            }
            let t = &checker.targets()[0];
            for pw in &passwords {
                let verdict = checker.check(pw);
                assert_eq!(
                    verdict,
                    checker.check_general(pw).verdict(),
                    "{field} {pw:?}"
                );
                let ours: Vec<Code> = verdict.codes().collect();
                assert_eq!(
                    ours,
                    reference::violations_with(
                        t.rules(),
                        t.usernames(),
                        t.display_name(),
                        pw
                    ),
                    "{field} user {user:?} password {pw:?}"
                );
            }
        }
    }
}

/// Issue 9 item 7 / issue 10 item 12: the derived `Debug` printed the
/// first and last characters of an accepted password and the refused one.
/// A verdict holds codes and target masks only; a report's `Debug` shows
/// those and nothing else.
#[test]
fn verdict_debug_shows_codes_and_targets_never_characters() {
    let checker = Catalog::builtin()
        .checker(&["tencent-cvm-v2/windows", "tencent-redis"])
        .expect("compiles");
    let ok = format!("{:?}", checker.check("kQ7$vX2m!pL9zR@a"));
    assert_eq!(ok, "Verdict { ok: true, codes: [], targets: 0b0 }");
    for pw in ["kQ7$vX2m!pL9zR@a", "/@@@@@@@@@@@@@@@€☃", "€", "@\u{7f}"]
    {
        for dbg in [
            format!("{:?}", checker.check(pw)),
            format!("{:?}", checker.report(pw)),
        ] {
            for c in ['$', '@', '€', '☃', '/', '\u{7f}'] {
                assert!(!dbg.contains(c), "{dbg}");
            }
            assert!(!dbg.contains("U+"), "{dbg}");
        }
    }
    let bad = format!("{:?}", checker.check("€"));
    assert_eq!(
        bad,
        "Verdict { ok: false, codes: [TooShort, DisallowedCharacter, \
         NotEnoughClasses], targets: 0b11 }"
    );
    let bad = format!("{:?}", checker.report("€"));
    assert!(bad.contains("TooShort: \"0b11\""), "{bad}");
    assert!(bad.contains("DisallowedCharacter: \"0b11\""), "{bad}");
}

/// Violations are measured again from the password by the checker asked:
/// each checker names its own targets, whatever another one checked
/// (before, a verdict carried its checker's id so that another checker
/// refused to explain it; now no verdict is handed back at all), and a
/// clone explains as the original.
#[test]
fn violations_are_measured_by_the_checker_asked() {
    let catalog = Catalog::builtin();
    let a = catalog.checker(&["tencent-cvm-v2/windows"]).expect("compiles");
    let b =
        catalog.checker(&["tencent-redis", "baidu-bcc"]).expect("compiles");
    assert!(!a.check("short").is_ok());
    let labels = |c: &crate::Checker| -> Vec<String> {
        c.violations("short").iter().map(|v| v.policy.to_string()).collect()
    };
    assert!(labels(&a).iter().all(|l| l == "tencent-cvm-v2/windows"));
    assert!(!labels(&a).is_empty());
    assert!(labels(&b).iter().any(|l| l == "baidu-bcc"));
    assert!(!labels(&b).iter().any(|l| l.starts_with("tencent-cvm-v2")));
    assert_eq!(a.clone().violations("short"), a.violations("short"));
    assert!(a.violations("kQ7$vX2m!pL9zR@a").is_empty());
}
