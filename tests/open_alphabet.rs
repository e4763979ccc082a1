//! The generator on open alphabets (more than 65,536 characters): it draws
//! from the printable ASCII characters `!`–`~` the policies allow, counts
//! exactly over that set, says so, and refuses when that set cannot meet a
//! required class.

use passpolicy::{Checker, Error, Generator, Policy};
use rand::SeedableRng;
use rand::rngs::StdRng;

/// "Anything but `"`" (OCI Autonomous Database's wording), with an upper
/// case letter and a digit required and lengths 1–3.
const ANYTHING_BUT_QUOTE: &str = r##"
id: open
vendor: t
product: t
classes:
  anything_but_quote: { ranges: ["\x01-!", "#-\U0010FFFF"] }
rules:
  alphabet: [anything_but_quote]
  length: { min: 1, max: 3 }
  min_counts: { upper: 1, digits: 1 }
"##;

fn compile(yaml: &str) -> Checker {
    let policy = Policy::from_yaml(yaml, "open.yaml").unwrap();
    Checker::new(&policy.variants().iter().collect::<Vec<_>>()).unwrap()
}

/// The 93 characters drawn: `!` to `~` without `"`.
fn narrowed() -> Vec<char> {
    ('!'..='~').filter(|&c| c != '"').collect()
}

#[test]
fn an_open_alphabet_is_drawn_from_its_printable_ascii_characters() {
    let checker = compile(ANYTHING_BUT_QUOTE);
    let generator = Generator::new(&checker).unwrap();
    assert_eq!(generator.alphabet_len(), 93);
    assert_eq!(generator.alphabet().chars().collect::<Vec<_>>(), narrowed());
    let note = generator.alphabet_note().expect("the narrowing is stated");
    // 0x110000 = 1,114,112 code points, minus 2,048 surrogates, NUL and `"`.
    assert!(note.contains("1112062 characters"), "{note}");
    assert!(note.contains(": 93 characters"), "{note}");
    assert!(note.contains("65536"), "{note}");
    // What check accepts is still the open alphabet.
    assert!(checker.accepts("Aé1"));
    assert!(checker.accepts("A😀1"));
    assert!(!checker.accepts("A\"1"));
}

/// The exact count at every length equals a brute-force count of the
/// strings over the narrowed set that the checker accepts, and the entropy
/// is its log2.
#[test]
fn the_count_is_exact_over_the_narrowed_set() {
    let checker = compile(ANYTHING_BUT_QUOTE);
    let generator = Generator::new(&checker).unwrap();
    let chars = narrowed();
    for len in 1..=3u32 {
        let mut brute = 0u64;
        let n = chars.len() as u64;
        let mut buf = String::new();
        for mut i in 0..n.pow(len) {
            buf.clear();
            for _ in 0..len {
                buf.push(chars[(i % n) as usize]);
                i /= n;
            }
            if checker.accepts(&buf) {
                brute += 1;
            }
        }
        // By hand too: length 2 is "upper then digit or digit then upper".
        if len == 2 {
            assert_eq!(brute, 2 * 26 * 10);
        }
        let got = generator.count(len).unwrap().to_u128().unwrap();
        assert_eq!(got, u128::from(brute), "length {len}");
        let bits = generator.entropy_bits(len).unwrap();
        if brute > 0 {
            assert!((bits - (brute as f64).log2()).abs() < 1e-9);
        }
    }
}

#[test]
fn generated_passwords_come_from_the_narrowed_set_and_pass() {
    let checker = compile(ANYTHING_BUT_QUOTE);
    let generator = Generator::new(&checker).unwrap();
    let chars = narrowed();
    let mut rng = StdRng::seed_from_u64(11);
    for len in 2..=3 {
        let sampler = generator.sampler(len).unwrap();
        let exact =
            generator.sampler(len).unwrap().without_rejection().unwrap();
        for _ in 0..200 {
            for p in [sampler.generate(&mut rng), exact.generate(&mut rng)] {
                assert!(checker.accepts(p.as_str()));
                assert!(p.as_str().chars().all(|c| chars.contains(&c)));
            }
        }
    }
}

/// A class with no printable ASCII character, required by an open-alphabet
/// policy: the generator refuses, naming the class and why, instead of
/// drawing passwords that meet a different rule.
#[test]
fn a_required_class_outside_the_narrowed_set_fails_closed() {
    let yaml = r##"
id: open-cjk
vendor: t
product: t
classes:
  everything: { ranges: ["\x01-\U0010FFFF"] }
  cjk: { ranges: ["\u4e00-\u9fff"] }
rules:
  alphabet: [everything]
  length: { min: 4, max: 8 }
  min_counts: { cjk: 1 }
"##;
    let checker = compile(yaml);
    assert!(checker.accepts("abc中"));
    match Generator::new(&checker) {
        Err(Error::Unsatisfiable { reason, .. }) => {
            assert!(reason.contains("class cjk"), "{reason}");
            assert!(
                reason.contains("generator's own restriction"),
                "{reason}"
            );
            assert!(reason.contains("printable ASCII"), "{reason}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // "K of N" with too few classes left in the narrowed set, too.
    let yaml = yaml.replace(
        "min_counts: { cjk: 1 }",
        "classes_required: { at_least: 2, of: [cjk, digits] }",
    );
    let checker = compile(&yaml);
    assert!(checker.accepts("abc中1"));
    match Generator::new(&checker) {
        Err(Error::Unsatisfiable { reason, .. }) => {
            assert!(reason.contains("2 of its classes"), "{reason}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// An alphabet at or under the limit is drawn from as it is, non-ASCII
/// included (no narrowing, no note).
#[test]
fn an_alphabet_under_the_limit_is_not_narrowed() {
    let yaml = r##"
id: cjk
vendor: t
product: t
classes:
  cjk: { ranges: ["\u4e00-\u9fff"] }
rules:
  alphabet: [cjk, digits]
  length: { min: 2, max: 2 }
  min_counts: { digits: 1 }
"##;
    let checker = compile(yaml);
    let generator = Generator::new(&checker).unwrap();
    assert!(generator.alphabet_note().is_none());
    assert_eq!(generator.alphabet_len(), 0x9fff - 0x4e00 + 1 + 10);
    // One digit and one of either: 2·10·20992 + 10·10.
    let got = generator.count(2).unwrap().to_u128().unwrap();
    assert_eq!(got, 2 * 10 * 20992 + 100);
}

/// A fixed forbidden word in any case (oci-autonomous-db's "admin", scaled
/// down to an alphabet brute force can cover): the exact count at every
/// length up to 6 equals a brute-force count of what the checker accepts,
/// and generated passwords never contain it.
#[test]
fn a_forbidden_word_is_counted_exactly() {
    let yaml = r##"
id: word
vendor: t
product: t
classes:
  small: { chars: "adminADMIN1\u212A" }
rules:
  alphabet: [small]
  length: { min: 1, max: 6 }
  min_counts: { digits: 1 }
  forbidden_substrings: { values: [admin, k] }
"##;
    let checker = compile(yaml);
    // The Kelvin sign (in the alphabet) folds to k: refused as "k" is.
    assert!(checker.accepts("1a"));
    let v = checker.check("1\u{212A}");
    assert_eq!(
        v.codes().collect::<Vec<_>>(),
        [passpolicy::Code::ContainsForbiddenSubstring]
    );
    assert!(!checker.accepts("1aDmIn"));
    let generator = Generator::new(&checker).unwrap();
    let chars: Vec<char> = "adminADMIN1\u{212A}".chars().collect();
    let n = chars.len() as u64;
    let mut buf = String::new();
    for len in 1..=6u32 {
        let mut brute = 0u64;
        for mut i in 0..n.pow(len) {
            buf.clear();
            for _ in 0..len {
                buf.push(chars[(i % n) as usize]);
                i /= n;
            }
            if checker.accepts(&buf) {
                brute += 1;
            }
        }
        let got = generator.count(len).unwrap().to_u128().unwrap();
        assert_eq!(got, u128::from(brute), "length {len}");
    }
    let sampler = generator.sampler(6).unwrap().without_rejection().unwrap();
    let mut rng = StdRng::seed_from_u64(5);
    for _ in 0..500 {
        let p = sampler.generate(&mut rng);
        let lower = p.as_str().to_lowercase();
        assert!(!lower.contains("admin") && !lower.contains('k'));
        assert!(checker.accepts(p.as_str()));
    }
}
