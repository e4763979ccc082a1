//! The compiled checker against the reference interpreter: for an arbitrary
//! set of policies (built structurally) and arbitrary passwords, both must
//! find exactly the same violation codes for every combined variant, and
//! the explanation (`Checker::violations`) must list exactly those.

#![no_main]

use std::collections::BTreeSet;
use std::fmt;

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use passpolicy::Code;
use passpolicy::spec::PolicySpec;
use passpolicy_fuzz::{
    Reproducer, assert_matches_reference, checker_of, hints, password,
    policies_and_user, render_messages,
};

struct Case {
    specs: Vec<PolicySpec>,
    user: Option<String>,
    passwords: Vec<String>,
}

impl<'a> Arbitrary<'a> for Case {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Case> {
        let (specs, user) = policies_and_user(u, 3)?;
        let hints = hints(&specs, user.as_deref());
        let k = u.int_in_range(1..=4)?;
        let passwords = (0..k)
            .map(|_| password(u, &hints))
            .collect::<arbitrary::Result<Vec<_>>>()?;
        Ok(Case { specs, user, passwords })
    }
}

impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Reproducer {
            specs: &self.specs,
            user: self.user.as_deref(),
            passwords: &self.passwords,
        }
        .fmt(f)
    }
}

fuzz_target!(|case: Case| {
    let Some(checker) = checker_of(&case.specs, case.user.as_deref()) else {
        return;
    };
    for pw in &case.passwords {
        let verdict = checker.check(pw);
        assert_eq!(verdict, checker.check_bytes(pw.as_bytes()));
        let explained = checker.violations(pw);
        let expected = assert_matches_reference(&checker, verdict, pw);
        for (t, expected) in checker.targets().iter().zip(&expected) {
            let label = t.label();
            let listed: BTreeSet<Code> = explained
                .iter()
                .filter(|v| v.policy == label)
                .map(|v| v.code)
                .collect();
            let want: BTreeSet<Code> = expected.iter().copied().collect();
            assert_eq!(listed, want, "explanation of target {label}");
        }
        assert_eq!(
            verdict.is_ok(),
            explained.is_empty(),
            "verdict and explanation disagree on acceptance"
        );
        render_messages(&explained);
    }
});
