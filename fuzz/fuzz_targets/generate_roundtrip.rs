//! Generation against checking: for an arbitrary set of policies and a
//! length, every generated password is accepted by the checker and has
//! that length; a set no password satisfies is reported as an error, in
//! bounded time (libFuzzer's `-timeout` turns a loop into a finding); and
//! a set the fuzzer can show a compliant password for is never called
//! unsatisfiable.

#![no_main]

use std::fmt;

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use passpolicy::spec::PolicySpec;
use passpolicy::{Checker, Generator, MAX_LENGTH, Policy};
use passpolicy_fuzz::{Reproducer, hints, password, policies_and_user};
use rand::SeedableRng;
use rand::rngs::StdRng;

#[derive(Debug)]
enum Length {
    Exact(u32),
    Entropy(f64),
    Default,
}

struct Case {
    specs: Vec<PolicySpec>,
    user: Option<String>,
    length: Length,
    exact_only: bool,
    draws: u8,
    seed: [u8; 32],
    /// Candidate passwords: any the checker accepts proves the policies
    /// satisfiable.
    witnesses: Vec<String>,
}

impl<'a> Arbitrary<'a> for Case {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Case> {
        let (specs, user) = policies_and_user(u, 3)?;
        let length = match u.int_in_range(0..=7)? {
            0 => Length::Default,
            1 => Length::Entropy(f64::from(u.int_in_range(0..=300u16)?)),
            2 => Length::Exact(u.int_in_range(0..=MAX_LENGTH + 1)?),
            _ => Length::Exact(u.int_in_range(0..=40)?),
        };
        let exact_only = u.ratio(1, 4)?;
        let draws = u.int_in_range(1..=4)?;
        let seed = <[u8; 32]>::arbitrary(u)?;
        let hints = hints(&specs, user.as_deref());
        let k = u.int_in_range(0..=3)?;
        let witnesses = (0..k)
            .map(|_| password(u, &hints))
            .collect::<arbitrary::Result<Vec<_>>>()?;
        Ok(Case { specs, user, length, exact_only, draws, seed, witnesses })
    }
}

impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Reproducer {
            specs: &self.specs,
            user: self.user.as_deref(),
            passwords: &self.witnesses,
        }
        .fmt(f)?;
        writeln!(
            f,
            "length: {:?}, exact_only: {}, draws: {}, seed: {:?}",
            self.length, self.exact_only, self.draws, self.seed
        )
    }
}

/// A password the generator could have drawn: the generator draws
/// characters that are one unit in every length measure (ASCII, no CR).
fn drawable(pw: &str) -> bool {
    let n = pw.chars().count() as u32;
    (1..=MAX_LENGTH).contains(&n)
        && pw.bytes().all(|b| b.is_ascii() && b != b'\r')
}

fuzz_target!(|case: Case| {
    let mut variants = Vec::new();
    let policies: Vec<Policy> = case
        .specs
        .iter()
        .filter_map(|s| Policy::from_spec(s.clone(), "fuzz.yaml").ok())
        .collect();
    variants.extend(policies.iter().flat_map(|p| p.variants()));
    if variants.is_empty() {
        return;
    }
    let mut builder = Checker::builder();
    if let Some(user) = &case.user {
        builder = builder.user(user.clone());
    }
    let Ok(checker) = builder.build(&variants) else { return };
    let witness = case
        .witnesses
        .iter()
        .find(|w| drawable(w) && checker.check(w).is_ok());

    let generator = match Generator::new(&checker) {
        Ok(g) => g,
        Err(e) => {
            assert!(
                witness.is_none(),
                "generator refused a satisfiable set: {e}"
            );
            return drop(e.to_string());
        }
    };
    if let Some(w) = witness {
        let len = w.chars().count() as u32;
        let count =
            generator.count(len).expect("a witness length is in bounds");
        assert!(!count.is_zero(), "count 0 at length {len} despite a witness");
    }
    let len = match case.length {
        Length::Exact(n) => Ok(n),
        Length::Entropy(bits) => generator.length_for_entropy(bits),
        Length::Default => generator.default_length(),
    };
    let len = match len {
        Ok(n) => n,
        Err(e) => return drop(e.to_string()),
    };
    let sampler = match generator.sampler(len) {
        Ok(s) => s,
        Err(e) => return drop(e.to_string()),
    };
    let sampler = if case.exact_only {
        match sampler.without_rejection() {
            Ok(s) => s,
            Err(e) => return drop(e.to_string()),
        }
    } else {
        sampler
    };
    let mut rng = StdRng::from_seed(case.seed);
    let mut buf = vec![0u8; sampler.max_bytes()];
    for _ in 0..case.draws {
        let pw = sampler.generate(&mut rng);
        let verdict = checker.check(pw.as_str());
        assert!(
            verdict.is_ok(),
            "generated password refused: {:?}",
            checker.violations(pw.as_str())
        );
        assert_eq!(pw.as_str().chars().count() as u32, len);
        let into = sampler.generate_into(&mut rng, &mut buf).expect("buffer");
        assert!(checker.check(into).is_ok(), "generate_into refused");
        assert_eq!(into.chars().count() as u32, len);
    }
});
