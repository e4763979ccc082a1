//! What the library's test binaries share: the seed policies, every name a
//! selection can use, the generator's compliance check, and the proptest
//! strategies for policy files (`strategies`).

// Each test binary uses part of this module.
#![allow(dead_code)]

pub mod strategies;

use passpolicy::{Catalog, Checker, Generator};
use rand::SeedableRng;
use rand::rngs::StdRng;

/// The five seed policies (the vendor documents in `shared/seeds/`).
pub const SEEDS: [&str; 5] = [
    "tencent-ecm",
    "tencent-cvm-v2",
    "huawei-clouddc",
    "baidu-bcc",
    "tencent-redis",
];

/// Every `ID` and `ID/VARIANT` of `catalog`.
pub fn selection_names(catalog: &Catalog) -> Vec<String> {
    let mut out = Vec::new();
    for p in catalog.policies() {
        out.push(p.id().to_string());
        for v in p.variant_names() {
            out.push(format!("{}/{v}", p.id()));
        }
    }
    out
}

/// Draws `draws` passwords on the mixed and on the exact path at the
/// shortest, default and longest length (capped at `cap`), and checks
/// that the checker accepts each and that each has the length asked for.
pub fn assert_generates(
    checker: &Checker,
    what: &str,
    seed: u64,
    draws: usize,
    cap: u32,
) {
    let generator =
        Generator::new(checker).unwrap_or_else(|e| panic!("{what}: {e}"));
    let (lo, hi) = generator.length_bounds();
    let mut rng = StdRng::seed_from_u64(seed);
    let default = generator.default_length().unwrap();
    for len in [lo, default, hi.min(cap)] {
        let sampler = generator.sampler(len).unwrap();
        let exact =
            generator.sampler(len).unwrap().without_rejection().unwrap();
        for (path, sampler) in [("mixed", &sampler), ("exact", &exact)] {
            for _ in 0..draws {
                let p = sampler.generate(&mut rng);
                let v = checker.check(p.as_str());
                assert!(
                    v.is_ok(),
                    "{what}, {path}, length {len}: {:?}",
                    v.codes().collect::<Vec<_>>()
                );
                assert_eq!(p.as_str().chars().count(), len as usize);
            }
        }
    }
}
