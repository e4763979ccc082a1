//! The generator against brute force: on policies small enough to
//! enumerate, the exact count equals the number of strings the checker
//! accepts, and draws are uniform over them (chi-square, seeded RNG), on
//! both the rejection and the exact sampling paths.

use std::collections::HashMap;

use passpolicy::{Checker, Error, Generator, Policy, Sampler};
use rand::SeedableRng;
use rand::rngs::StdRng;

/// Small policies: (name, YAML, lengths to test).
const SMALL: &[(&str, &str, &[u32])] = &[
    (
        "three of four classes, forbidden first and last",
        "
id: t1
vendor: T
product: T
classes:
  lo: { chars: 'ab' }
  up: { chars: 'A' }
  dg: { chars: '1' }
  sp: { chars: '!' }
rules:
  length: { min: 1, max: 6 }
  classes_required: { at_least: 3, of: [lo, up, dg, sp] }
  forbidden_first: '!'
  forbidden_last: '1'
",
        &[1, 3, 4, 5],
    ),
    (
        "minimum counts above one",
        "
id: t2
vendor: T
product: T
classes:
  lo: { chars: 'ab' }
  dg: { chars: '12' }
  sp: { chars: '#' }
rules:
  length: { min: 3, max: 6 }
  alphabet: [lo, dg, sp]
  min_counts: { dg: 2, sp: 1 }
",
        &[3, 4, 5],
    ),
    (
        "user name and its reversal, case-insensitive",
        "
id: t3
vendor: T
product: T
classes:
  lo: { chars: 'abo' }
  up: { chars: 'BO' }
  dg: { chars: '1' }
rules:
  length: { min: 2, max: 6 }
  classes_required: { at_least: 2, of: [lo, up, dg] }
  username: { contains: true, reversed: true }
variants:
  only:
    accounts: [bob, ab]
",
        &[2, 3, 4, 5],
    ),
    (
        "longest run and refused values",
        "
id: t4
vendor: T
product: T
classes:
  lo: { chars: 'ab' }
  dg: { chars: '12' }
rules:
  length: { min: 1, max: 6 }
  classes_required: { at_least: 2, of: [lo, dg] }
  max_run: 2
  deny: [a1, ab12, aab1, '1221', 1a1a1]
",
        &[2, 4, 5],
    ),
    (
        "everything at once, case-sensitive user name",
        "
id: t5
vendor: T
product: T
classes:
  lo: { chars: 'ab' }
  up: { chars: 'B' }
  dg: { chars: '1' }
  sp: { chars: '-' }
rules:
  length: { min: 2, max: 6 }
  classes_required: { at_least: 2, of: [lo, up, dg, sp] }
  min_counts: { lo: 2 }
  forbidden_first: '-'
  forbidden_last: 'B'
  username: { contains: true, reversed: false, case_sensitive: true }
  max_run: 1
  deny: [ab1, ba-b]
variants:
  v:
    accounts: [Ba]
",
        &[2, 3, 4, 5],
    ),
];

fn checker_of(yaml: &str) -> Checker {
    let policy = Policy::from_yaml(yaml, "test.yaml").expect("valid policy");
    let variants: Vec<_> = policy.variants().iter().collect();
    Checker::new(&variants).expect("satisfiable policy")
}

/// Every string of `len` characters over `chars` that `checker` accepts.
fn enumerate(checker: &Checker, len: u32) -> Vec<String> {
    let chars: Vec<char> = checker.common_alphabet().chars().collect();
    let n = chars.len();
    let total = n.pow(len);
    let mut out = Vec::new();
    let mut s = String::new();
    for mut i in 0..total {
        s.clear();
        for _ in 0..len {
            s.push(chars[i % n]);
            i /= n;
        }
        if checker.check(&s).is_ok() {
            out.push(s.clone());
        }
    }
    out
}

#[test]
fn counts_equal_brute_force() {
    for (name, yaml, lens) in SMALL {
        let checker = checker_of(yaml);
        let generator = Generator::new(&checker).unwrap();
        for &len in *lens {
            let expected = enumerate(&checker, len).len() as u128;
            let counted = generator.count(len).unwrap().to_u128().unwrap();
            assert_eq!(counted, expected, "{name}, length {len}");
        }
    }
}

/// Pearson's chi-square of `draws` over `support`, with its degrees of
/// freedom; every draw must be in the support.
fn chi_square(support: &[String], draws: &HashMap<String, u64>) -> (f64, f64) {
    let total: u64 = draws.values().sum();
    let expected = total as f64 / support.len() as f64;
    let mut stat = 0.0;
    for s in support {
        let o = draws.get(s).copied().unwrap_or(0) as f64;
        stat += (o - expected).powi(2) / expected;
    }
    let outside: u64 = draws
        .iter()
        .filter(|(s, _)| !support.contains(s))
        .map(|(_, &n)| n)
        .sum();
    assert_eq!(outside, 0, "drew strings outside the compliant set");
    (stat, support.len() as f64 - 1.0)
}

fn draw_many(
    sampler: &Sampler<'_>,
    seed: u64,
    n: u64,
) -> HashMap<String, u64> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut buf = vec![0u8; sampler.max_bytes()];
    let mut seen = HashMap::new();
    for _ in 0..n {
        let p = sampler.generate_into(&mut rng, &mut buf).unwrap();
        *seen.entry(p.to_string()).or_insert(0) += 1;
    }
    seen
}

/// Chi-square below dof + 6·sqrt(2·dof): a uniform sampler exceeds it with
/// probability far below 1e-6, while a sampler that over- or under-weights
/// a tenth of the support by 20% exceeds it by an order of magnitude at
/// 200 draws per string.
fn assert_uniform(
    name: &str,
    support: &[String],
    draws: &HashMap<String, u64>,
) {
    let (stat, dof) = chi_square(support, draws);
    let bound = dof + 6.0 * (2.0 * dof).sqrt() + 10.0;
    assert!(
        stat < bound,
        "{name}: chi-square {stat:.1} over {dof} dof (bound {bound:.1})"
    );
}

#[test]
fn draws_are_uniform_on_both_paths() {
    let (mut rejection, mut exact) = (0, 0);
    for (k, (name, yaml, lens)) in SMALL.iter().enumerate() {
        let checker = checker_of(yaml);
        let generator = Generator::new(&checker).unwrap();
        for &len in *lens {
            let support = enumerate(&checker, len);
            if support.is_empty() {
                assert!(generator.sampler(len).is_err());
                continue;
            }
            let n = (support.len() as u64 * 200).max(2_000);
            let seed = 1000 * k as u64 + u64::from(len);
            let sampler = generator.sampler(len).unwrap();
            if sampler.uses_rejection() {
                rejection += 1;
                let draws = draw_many(&sampler, seed, n);
                assert_uniform(
                    &format!("{name} (mixed), len {len}"),
                    &support,
                    &draws,
                );
            }
            let sampler = sampler.without_rejection().unwrap();
            exact += 1;
            let draws = draw_many(&sampler, seed + 1, n);
            assert_uniform(
                &format!("{name} (exact), len {len}"),
                &support,
                &draws,
            );
        }
    }
    assert!(
        rejection >= 3 && exact >= 10,
        "{rejection} rejection, {exact} exact"
    );
}

/// The test's own power: a biased sampler (one of each class, then fill
/// and shuffle) fails the same chi-square test.
#[test]
fn chi_square_catches_the_shuffle_bias() {
    use rand::RngExt;
    use rand::seq::SliceRandom;
    let checker = checker_of(SMALL[0].1);
    let support = enumerate(&checker, 4);
    let classes = ["ab", "A", "1", "!"];
    let all: Vec<char> = "abA1!".chars().collect();
    let mut rng = StdRng::seed_from_u64(3);
    let mut draws: HashMap<String, u64> = HashMap::new();
    let mut made = 0;
    while made < support.len() * 200 {
        // Pick three classes, one character of each, one more at random.
        let mut picked: Vec<&str> = classes.to_vec();
        picked.shuffle(&mut rng);
        let mut chars: Vec<char> = picked[..3]
            .iter()
            .map(|c| {
                let cs: Vec<char> = c.chars().collect();
                cs[rng.random_range(0..cs.len())]
            })
            .collect();
        chars.push(all[rng.random_range(0..all.len())]);
        chars.shuffle(&mut rng);
        let s: String = chars.into_iter().collect();
        if checker.check(&s).is_ok() {
            *draws.entry(s).or_insert(0) += 1;
            made += 1;
        }
    }
    let (stat, dof) = chi_square(&support, &draws);
    assert!(stat > dof + 6.0 * (2.0 * dof).sqrt() + 10.0, "{stat} {dof}");
}

#[test]
fn entropy_is_log2_of_the_count() {
    let checker = checker_of(SMALL[0].1);
    let generator = Generator::new(&checker).unwrap();
    let n = enumerate(&checker, 5).len() as f64;
    assert!((generator.entropy_bits(5).unwrap() - n.log2()).abs() < 1e-12);
}

#[test]
fn lengths_outside_the_bounds_are_errors() {
    let checker = checker_of(SMALL[1].1);
    let generator = Generator::new(&checker).unwrap();
    assert_eq!(generator.length_bounds(), (3, 6));
    for len in [0, 2, 7, 5000] {
        let err = generator.sampler(len).unwrap_err();
        assert!(
            matches!(err, Error::LengthOutOfRange { min: 3, max: 6, .. }),
            "{err}"
        );
    }
    let err = generator.length_for_entropy(1000.0).unwrap_err();
    assert!(
        matches!(err, Error::EntropyUnreachable { length: 6, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("1000 bits"), "{err}");
    // 3 characters: 2 digits and '#' in any order = 3 · 4 = 12 passwords.
    assert_eq!(generator.count(3).unwrap().to_u128(), Some(12));
    assert_eq!(generator.length_for_entropy(3.5).unwrap(), 3);
    assert_eq!(generator.default_length().unwrap(), 6);
}

#[test]
fn a_length_without_passwords_is_reported_not_looped_on() {
    // Three digits needed but only two characters allowed before the
    // maximum: length 2 has no compliant password.
    let checker = checker_of(
        "
id: tight
vendor: T
product: T
rules:
  length: { min: 2, max: 4 }
  alphabet: [lower, digits]
  min_counts: { digits: 3 }
",
    );
    let generator = Generator::new(&checker).unwrap();
    let err = generator.sampler(2).unwrap_err();
    assert!(matches!(err, Error::Unsatisfiable { .. }), "{err}");
    assert!(err.to_string().contains("try 3 characters"), "{err}");
    assert_eq!(generator.default_length().unwrap(), 4);
}

#[test]
fn unsatisfiable_combinations_name_the_culprit() {
    // Digits only, never two alike in a row, and no "0" or "1": with a
    // run limit of 1 over one character nothing longer than 1 works.
    // The generator's exact count says so when the checker is compiled
    // (before, the checker compiled and `Generator::new` refused).
    let yaml = "
id: none
vendor: T
product: T
classes:
  one: { chars: '7' }
rules:
  length: { min: 2, max: 8 }
  alphabet: [one]
  max_run: 1
";
    let policy = Policy::from_yaml(yaml, "none.yaml").unwrap();
    let variants: Vec<_> = policy.variants().iter().collect();
    let err = Checker::new(&variants).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::Unsatisfiable { .. }), "{msg}");
    assert!(msg.contains("none's requirements cannot be met"), "{msg}");
    assert!(msg.contains("length and max_run clash"), "{msg}");
}

/// An RNG that replays scripted words (then a fixed mid-range word, so
/// that no rejection loop spins), to drive the exact sampler into the ties
/// that a real RNG hits with probability 2^-64.
struct Script(std::collections::VecDeque<u64>);

const AFTER: u64 = 0x8000_0000_8000_0000;

impl rand::TryRng for Script {
    type Error = std::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok(self.0.pop_front().unwrap_or(AFTER) as u32)
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        Ok(self.0.pop_front().unwrap_or(AFTER))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        dst.fill(0);
        Ok(())
    }
}

// A scripted RNG is not secure; it stands in for one in this test only.
impl rand::TryCryptoRng for Script {}

fn scripted(sampler: &Sampler<'_>, words: &[u64]) -> String {
    let mut rng = Script(words.iter().copied().collect());
    sampler.generate(&mut rng).as_str().to_string()
}

#[test]
fn ties_in_the_first_64_bits_are_settled_exactly() {
    // Three one-character classes: the boundaries are 1/3 and 2/3, whose
    // binary expansions 0.0101… never end, so the first word can tie.
    let checker = checker_of(
        "
id: thirds
vendor: T
product: T
classes:
  x: { chars: a }
  y: { chars: b }
  z: { chars: c }
rules:
  length: { min: 1, max: 1 }
  classes_required: { at_least: 1, of: [x, y, z] }
",
    );
    let generator = Generator::new(&checker).unwrap();
    let sampler = generator.sampler(1).unwrap().without_rejection().unwrap();
    let third = u64::MAX / 3; // 0x5555…5555 = floor(2^64 / 3)
    let two_thirds = third * 2; // 0xAAAA…AAAA = floor(2^65 / 3)
    assert_eq!(scripted(&sampler, &[third - 1]), "a");
    assert_eq!(scripted(&sampler, &[third + 1]), "b");
    assert_eq!(scripted(&sampler, &[two_thirds + 1]), "c");
    // U = 0x5555…5555 5555…5554… is just below 1/3; …5556… just above.
    assert_eq!(scripted(&sampler, &[third, third - 1]), "a");
    assert_eq!(scripted(&sampler, &[third, third + 1]), "b");
    // Equal for two words, decided by the third.
    assert_eq!(scripted(&sampler, &[third, third, third - 1]), "a");
    assert_eq!(
        scripted(&sampler, &[two_thirds, two_thirds, two_thirds + 1]),
        "c"
    );
    assert_eq!(
        scripted(&sampler, &[two_thirds, two_thirds, two_thirds - 1]),
        "b"
    );

    // Weights 1 and 3: the boundary 1/4 is exactly 2^62 / 2^64, so a first
    // word equal to it is at or above the boundary with nothing more drawn.
    let checker = checker_of(
        "
id: quarter
vendor: T
product: T
classes:
  x: { chars: a }
  y: { chars: bcd }
rules:
  length: { min: 1, max: 1 }
  classes_required: { at_least: 1, of: [x, y] }
",
    );
    let generator = Generator::new(&checker).unwrap();
    let sampler = generator.sampler(1).unwrap().without_rejection().unwrap();
    assert_eq!(scripted(&sampler, &[(1 << 62) - 1]), "a");
    // Then one 32-bit word picks among b, c, d (Lemire: 1 gives the first,
    // 2^31 the second).
    assert_eq!(scripted(&sampler, &[1 << 62, 1]), "b");
    assert_eq!(scripted(&sampler, &[1 << 62, 1 << 31]), "c");
}

#[test]
fn non_ascii_alphabets_and_length_units() {
    let yaml = |unit: &str| {
        format!(
            "
id: cyr
vendor: T
product: T
classes:
  cyr: {{ ranges: ['а-я'] }}
rules:
  length: {{ min: 6, max: 12, unit: {unit} }}
  alphabet: [cyr, digits]
  classes_required: {{ at_least: 2, of: [cyr, digits] }}
"
        )
    };
    // Characters: Cyrillic letters are drawn, two bytes each.
    let checker = checker_of(&yaml("chars"));
    let generator = Generator::new(&checker).unwrap();
    assert_eq!(generator.alphabet_len(), 32 + 10);
    assert!(generator.alphabet_note().is_none());
    let sampler = generator.sampler(8).unwrap();
    assert_eq!(sampler.max_bytes(), 16);
    let mut rng = StdRng::seed_from_u64(9);
    let mut buf = [0u8; 16];
    let mut saw_cyrillic = false;
    for _ in 0..50 {
        let p = sampler.generate_into(&mut rng, &mut buf).unwrap();
        assert_eq!(p.chars().count(), 8);
        assert!(checker.check(p).is_ok());
        saw_cyrillic |= !p.is_ascii();
    }
    assert!(saw_cyrillic);
    let mut small = [0u8; 15];
    assert!(matches!(
        sampler.generate_into(&mut rng, &mut small),
        Err(Error::BufferTooSmall { len: 15, .. })
    ));

    // Bytes: only ASCII counts one unit, and digits alone cannot meet
    // "2 of cyr, digits", so generation is refused with the reason.
    let checker = checker_of(&yaml("bytes"));
    let err = Generator::new(&checker).unwrap_err();
    assert!(matches!(err, Error::Unsatisfiable { .. }), "{err}");
    assert!(err.to_string().contains("only ASCII characters"), "{err}");
}

/// Issue 10 item 1: on an API that only ever sets its management account,
/// a given user name is generated around *besides* the fixed account, never
/// instead of it. Brute force on a small policy, then the seed itself.
#[test]
fn fixed_accounts_are_never_generated_with_a_given_user() {
    let yaml = "
id: fixed
vendor: T
product: T
classes:
  lo: { chars: 'abrot' }
rules:
  length: { min: 4, max: 4 }
  alphabet: [lo]
  username: { contains: true, reversed: false }
variants:
  v:
    accounts: { fixed: [rot] }
";
    let policy = Policy::from_yaml(yaml, "fixed.yaml").unwrap();
    let variants: Vec<_> = policy.variants().iter().collect();
    let checker = Checker::builder().user("ab").build(&variants).unwrap();
    let accepted = enumerate(&checker, 4);
    assert!(accepted.iter().all(|s| !s.contains("rot") && !s.contains("ab")));
    let generator = Generator::new(&checker).unwrap();
    let count = generator.count(4).unwrap().to_u128().unwrap();
    assert_eq!(count, accepted.len() as u128);

    let catalog = passpolicy::Catalog::builtin();
    let cases = [
        ("huawei-clouddc/linux", "Xroot123!", ["root", "toor"]),
        (
            "huawei-clouddc/windows",
            "Administrator1!",
            ["administrator", "rotartsinimda"],
        ),
    ];
    for (selection, refused, fixed) in cases {
        let variants = catalog.select(&[selection]).unwrap();
        let checker =
            Checker::builder().user("alice").build(&variants).unwrap();
        assert!(!checker.check(refused).is_ok(), "{selection} {refused}");
        let generator = Generator::new(&checker).unwrap();
        // The shortest length, where an account name is likeliest.
        let sampler = generator.sampler(8).unwrap();
        let mut rng = StdRng::seed_from_u64(10);
        for _ in 0..20_000 {
            let p = sampler.generate(&mut rng);
            let lower = p.as_str().to_lowercase();
            for name in fixed.iter().chain(&["alice", "ecila"]) {
                assert!(!lower.contains(name), "{selection}: {name}");
            }
            assert!(checker.check(p.as_str()).is_ok());
        }
    }
}
