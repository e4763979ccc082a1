//! The catalog beyond the seeds (issue 11): every policy and variant
//! generates compliant passwords, every pair across the catalog generates
//! or is refused with its reason, and `explain` states where each rule was
//! read. The tables are run by `main.rs`, the rules typed a second time by
//! `vendors.rs`.

use passpolicy::spec::Verification;
use passpolicy::{Catalog, Checker, Error, Generator, Lang};

use crate::{Dir, ids};

/// Draws `draws` passwords per length and path (lengths capped at 64).
fn assert_generates(checker: &Checker, what: &str, seed: u64, draws: usize) {
    crate::common::assert_generates(checker, what, seed, draws, 64);
}

#[test]
fn generate_for_every_new_policy_and_variant() {
    let catalog = Catalog::builtin();
    let mut seed = 0;
    for id in ids(Dir::Catalog) {
        let policy = catalog.get(id).unwrap();
        let mut names = vec![id.to_string()];
        names.extend(
            policy.variant_names().iter().map(|v| format!("{id}/{v}")),
        );
        for name in &names {
            seed += 1;
            assert_generates(
                &catalog.checker(&[name]).unwrap(),
                name,
                seed,
                20,
            );
        }
        // With a user name too, where the variant has the rule.
        let checker = Checker::builder()
            .user("Administrator")
            .build(&catalog.select(&[id]).unwrap())
            .unwrap();
        assert_generates(&checker, id, seed, 5);
    }
}

/// Every pair across the whole catalog either generates compliant
/// passwords or is refused as unsatisfiable with its reason; the pairs the
/// issue names generate.
#[test]
fn cross_vendor_intersections() {
    let catalog = Catalog::builtin();
    let mut labels: Vec<String> = Vec::new();
    for p in catalog.policies() {
        labels.extend(p.variants().iter().map(|v| v.label().to_string()));
    }
    let (mut ok, mut refused) = (0, 0);
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            match catalog.checker(&[a, b]) {
                Ok(checker) => match Generator::new(&checker) {
                    Ok(_) => {
                        assert_generates(
                            &checker,
                            &format!("{a} + {b}"),
                            ok,
                            1,
                        );
                        ok += 1;
                    }
                    Err(Error::Unsatisfiable { reason, .. }) => {
                        assert!(!reason.is_empty());
                        refused += 1;
                    }
                    Err(e) => panic!("{a} + {b}: {e}"),
                },
                Err(Error::Unsatisfiable { reason, .. }) => {
                    assert!(!reason.is_empty(), "{a} + {b}");
                    refused += 1;
                }
                Err(e) => panic!("{a} + {b}: {e}"),
            }
        }
    }
    assert!(ok > 200, "{ok} pairs generated, {refused} refused");
    for names in [
        &["aws-rds/mysql", "azure-vm/cli-windows", "alibaba-ecs/windows"][..],
        &["tencent-cvm", "alibaba-ecs", "alibaba-rds", "tencentdb-mysql"],
        &["aws-rds", "linode", "tencent-cvm/windows"],
    ] {
        let checker = catalog.checker(names).unwrap();
        assert_generates(&checker, &names.join(" + "), 7, 10);
    }
    // Baidu RDS allows only _ beside letters and digits, and Baidu BCC
    // requires one of its nine symbols, none of which is _.
    assert!(matches!(
        catalog.checker(&["baidu-rds", "baidu-bcc"]),
        Err(Error::Unsatisfiable { .. })
    ));
}

/// `explain` states, for every new policy in both languages, the date the
/// rule was read, where, and its verification status, as the file says.
#[test]
fn explain_states_provenance() {
    let catalog = Catalog::builtin();
    for id in ids(Dir::Catalog) {
        let source = catalog.get(id).unwrap().spec().source.clone().unwrap();
        let read =
            source.read.clone().expect("every new policy has a read date");
        assert_eq!(read, "2026-12-01", "{id}");
        assert!(
            source
                .read_in
                .as_deref()
                .is_some_and(|r| r.contains("vendor-policies.md"))
        );
        let status =
            source.verification.expect("every new policy has a status");
        for lang in [Lang::En, Lang::Zh] {
            let text = catalog.explain(&[id], lang).unwrap().to_string();
            assert!(text.contains(&read), "{id} {lang:?}");
            let word = match (status, lang) {
                (Verification::Verified, Lang::En) => "verification: verified",
                (Verification::Partly, Lang::En) => {
                    "verification: partly verified"
                }
                (Verification::Unverified, Lang::En) => {
                    "verification: unverified"
                }
                (Verification::Verified, _) => "核实：已核实",
                (Verification::Partly, _) => "核实：部分核实",
                (Verification::Unverified, _) => "核实：未核实",
            };
            assert!(text.contains(word), "{id} {lang:?}: {text}");
            for gap in &source.gaps {
                assert!(text.contains(gap.as_str()), "{id}: gap missing");
            }
        }
    }
    // The statuses the reference gives.
    let status = |id: &str| {
        catalog.get(id).unwrap().spec().source.as_ref().unwrap().verification
    };
    assert_eq!(status("oci-db-system"), Some(Verification::Partly));
    assert_eq!(status("linode"), Some(Verification::Partly));
    assert_eq!(status("aws-rds"), Some(Verification::Verified));
    // Linode's strength score is a recorded gap, in explain.
    let text = catalog.explain(&["linode"], Lang::En).unwrap().to_string();
    assert!(text.contains("known gap"), "{text}");
}
