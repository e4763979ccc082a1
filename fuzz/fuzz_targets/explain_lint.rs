//! Arbitrary policies, explained and linted: `Catalog::explain` (text in
//! both languages) and the lint path (load, compile each
//! variant alone and all together) return a value or a clean error, never a
//! panic; explanation text carries no control character from the policy.

#![no_main]

use libfuzzer_sys::fuzz_target;
use passpolicy::spec::PolicySpec;
use passpolicy::{Catalog, Checker, Lang, Policy};
use passpolicy_fuzz::policy_spec;

fuzz_target!(|data: &[u8]| {
    let mut u = arbitrary::Unstructured::new(data);
    let Ok(spec): arbitrary::Result<PolicySpec> = policy_spec(&mut u, "fz")
    else {
        return;
    };
    // Through the YAML text too, as `lint` reads a file.
    let text = serde_yaml::to_string(&spec).unwrap_or_default();
    let loaded = Policy::from_yaml(&text, "fz.yaml");
    let policy = match Policy::from_spec(spec, "fz.yaml") {
        Ok(p) => p,
        Err(e) => return drop((e.to_string(), loaded.map(|_| ()))),
    };
    for v in policy.variants() {
        if let Err(e) = Checker::new(&[v]) {
            drop(e.to_string());
        }
    }
    let mut catalog = Catalog::new();
    let id = policy.id().to_string();
    if catalog.add(policy).is_err() {
        return;
    }
    for lang in [Lang::En, Lang::Zh] {
        match catalog.explain(&[id.as_str()], lang) {
            Ok(e) => {
                let text = e.to_string();
                assert!(
                    !text
                        .chars()
                        .any(|c| (c.is_control() && c != '\n')
                            || c == '\u{202E}'),
                    "explanation carries a control character"
                );
            }
            Err(e) => drop(e.to_string()),
        }
    }
});
