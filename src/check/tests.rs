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
fn passwords() -> Vec<String> {
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
                builder = builder.user(u);
            }
            let checker = builder.build(&variants).expect("compiles");
            assert!(checker.scan.is_some(), "{selection:?} has a fast path");
            for pw in &passwords {
                assert_eq!(
                    checker.check(pw),
                    checker.check_general(pw),
                    "{selection:?} user {user:?} password {pw:?}"
                );
                let verdict = checker.check(pw);
                assert_eq!(checker.check_bytes(pw.as_bytes()), verdict);
                assert_eq!(checker.accepts(pw), verdict.is_ok(), "{pw:?}");
                let targets = checker.rules().zip(checker.usernames());
                for (i, (rules, names)) in targets.enumerate() {
                    let ours: Vec<Code> = Code::ALL
                        .into_iter()
                        .filter(|&c| verdict.targets_failing(c) >> i & 1 == 1)
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
        assert_eq!(checker.check(pw), checker.check_general(pw));
    }
    let v = checker.check_bytes(b"Abc123!xyz\xff");
    assert!(v.has(crate::Code::InvalidUtf8));
    assert!(!checker.accepts_bytes(b"Abc123!xyz\xff"));
    assert!(checker.accepts("Abc123!xyzwq"));
    assert!(!checker.accepts("Abc123!xyzwé"));
}
