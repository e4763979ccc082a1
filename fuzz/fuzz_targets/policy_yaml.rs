//! Arbitrary bytes as a policy file: loading and compiling return a value
//! or a clean error, never a panic, a hang or a runaway allocation.

#![no_main]

use libfuzzer_sys::{Corpus, fuzz_target};
use passpolicy::{Checker, Lang, MAX_POLICY_BYTES, Policy};

fuzz_target!(|data: &[u8]| -> Corpus {
    // The loader refuses files over the limit before parsing; the fuzzer
    // has nothing to learn past it.
    if data.len() > MAX_POLICY_BYTES {
        return Corpus::Reject;
    }
    // `load_file` refuses non-UTF-8 files; lossy decoding still lets the
    // fuzzer's byte mutations reach the YAML parser.
    let text = String::from_utf8_lossy(data);
    let policy = match Policy::from_yaml(&text, "fuzz.yaml") {
        Ok(p) => p,
        Err(e) => {
            drop(e.to_string());
            return Corpus::Keep;
        }
    };
    let variants: Vec<_> = policy.variants().iter().collect();
    for set in variants.iter().map(std::slice::from_ref).chain([&variants[..]])
    {
        let checker = match Checker::new(set) {
            Ok(c) => c,
            Err(e) => {
                drop(e.to_string());
                continue;
            }
        };
        for pw in ["", "a", "Abc12345!@#", "/É\u{0}😀 x", "rootADMINISTRATOR"]
        {
            let ok = checker.check(pw).is_ok();
            assert_eq!(ok, checker.violations(pw).is_empty());
            for v in checker.violations(pw) {
                drop(v.message(Lang::En));
                drop(v.message(Lang::Zh));
            }
        }
    }
    Corpus::Keep
});
