//! Terraform's `random_password` algorithm, implemented here from
//! `internal/random/string.go` (hashicorp/terraform-provider-random,
//! `CreateString`): `min_*` characters from each class's fixed string
//! (whatever its toggle), the rest from the union of the enabled pools,
//! then a shuffle. For every built-in policy the exported arguments are
//! run through it many times and the policy must accept every result —
//! in the shuffled order and in other orders, since Terraform's sort-based
//! shuffle can produce any of them.

use passpolicy::interchange::{TerraformPassword, export_terraform};
use passpolicy::{Catalog, Policy};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};

const NUM: &str = "0123456789";
const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DEFAULT_SPECIAL: &str = "!@#$%&*()-_=+[]{}<>:?";

fn draw(rng: &mut StdRng, set: &str, n: u32) -> Vec<char> {
    let chars: Vec<char> = set.chars().collect();
    (0..n).map(|_| chars[rng.random_range(0..chars.len())]).collect()
}

fn terraform(t: &TerraformPassword, rng: &mut StdRng) -> Vec<char> {
    let special = if t.override_special.is_empty() {
        DEFAULT_SPECIAL
    } else {
        &t.override_special
    };
    let mut pool = String::new();
    for (on, set) in [
        (t.upper, UPPER),
        (t.lower, LOWER),
        (t.numeric, NUM),
        (t.special, special),
    ] {
        if on {
            pool.push_str(set);
        }
    }
    let mut out = Vec::new();
    for (set, n) in [
        (NUM, t.min_numeric),
        (LOWER, t.min_lower),
        (UPPER, t.min_upper),
        (special, t.min_special),
    ] {
        out.extend(draw(rng, set, n));
    }
    let rest = t.length - out.len() as u32;
    out.extend(draw(rng, &pool, rest));
    out.shuffle(rng);
    out
}

fn run(catalog: &Catalog, r: &str, rng: &mut StdRng) -> Result<usize, String> {
    let checker = catalog.checker(&[r]).unwrap();
    let t = export_terraform(&checker).map_err(|e| e.to_string())?;
    for _ in 0..3000 {
        let mut pw = terraform(&t, rng);
        for order in 0..3 {
            match order {
                1 => pw.reverse(),
                2 => pw.rotate_left(1),
                _ => {}
            }
            let s: String = pw.iter().collect();
            assert!(
                checker.accepts(&s),
                "{r}: Terraform can produce {s:?}, which the policy refuses: {:?}\n{}",
                checker.violations(&s),
                t.to_hcl("x")
            );
        }
    }
    Ok(t.length as usize)
}

#[test]
fn every_output_of_the_exported_arguments_is_accepted() {
    let catalog = Catalog::builtin();
    let mut rng = StdRng::seed_from_u64(0x7e44a);
    let mut exported = 0;
    for p in catalog.policies() {
        let mut refs = vec![p.id().to_string()];
        refs.extend(
            p.variant_names().iter().map(|v| format!("{}/{v}", p.id())),
        );
        for r in refs {
            match run(&catalog, &r, &mut rng) {
                Ok(_) => exported += 1,
                // Only a user-name rule or a forbidden word that takes
                // letters out of the pools makes a built-in policy
                // impossible to guarantee (oci-autonomous-db's "admin" in
                // any case), and a dictionary or display-name rule, which
                // no export expresses.
                Err(e) => assert!(
                    e.contains("must not contain the user name")
                        || e.contains("must not contain the word")
                        || e.contains("cannot be expressed"),
                    "{r}: {e}"
                ),
            }
        }
    }
    assert!(exported >= 8, "{exported}");
}

#[test]
fn runs_minimum_counts_and_refused_values() {
    let yaml = "
id: rich
vendor: t
product: t
classes:
  sym: { chars: '!#%' }
rules:
  length: { min: 8, max: 64 }
  alphabet: [letters, digits, sym]
  min_counts: { digits: 3, sym: 2 }
  classes_required: { at_least: 2, of: [upper, lower, digits] }
  max_run: 10
  deny: ['aaaaaaaaaa']
  forbidden_first: '#'
";
    let mut catalog = Catalog::new();
    catalog.add(Policy::from_yaml(yaml, "rich.yaml").unwrap()).unwrap();
    let checker = catalog.checker(&["rich"]).unwrap();
    let t = export_terraform(&checker).unwrap();
    assert_eq!((t.min_numeric, t.min_special), (3, 2));
    assert_eq!(t.override_special, "!%");
    // Runs cap the length; the refused value's length 10 is avoided.
    assert_eq!(t.length, 9, "{t:?}");
    assert!(
        t.tightenings
            .iter()
            .any(|n| n.contains("Terraform cannot limit runs"))
    );
    let mut rng = StdRng::seed_from_u64(5);
    assert_eq!(run(&catalog, "rich", &mut rng), Ok(9));
    let hcl = t.to_hcl("db");
    assert!(hcl.contains("override_special = \"!%\""), "{hcl}");
}

#[test]
fn a_user_name_is_kept_out_by_length_when_a_letter_cannot_go() {
    let catalog = Catalog::builtin();
    let mut rng = StdRng::seed_from_u64(12);
    // "Administrator" has 13 characters: length 12 cannot contain it.
    assert_eq!(run(&catalog, "tencent-cvm/windows", &mut rng), Ok(12));
    // "root" is shorter than the minimum length 8: no way out.
    let e = run(&catalog, "huawei-clouddc/linux", &mut rng).unwrap_err();
    assert!(e.contains("Terraform can guarantee only 1"), "{e}");
}
