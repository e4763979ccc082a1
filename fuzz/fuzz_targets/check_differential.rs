//! The compiled checker against the reference interpreter: for an arbitrary
//! set of policies (built structurally) and arbitrary passwords, both must
//! find exactly the same violation codes for every combined variant, and
//! the explanation (`Checker::violations`) must list exactly those.

#![no_main]

use std::collections::BTreeSet;
use std::fmt;

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use passpolicy::spec::PolicySpec;
use passpolicy::{Checker, Code, Lang, Policy, reference};
use passpolicy_fuzz::{Reproducer, hints, password, policy_or_builtin};

struct Case {
    specs: Vec<PolicySpec>,
    user: Option<String>,
    passwords: Vec<String>,
}

impl<'a> Arbitrary<'a> for Case {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Case> {
        let n = u.int_in_range(1..=3)?;
        let specs = (0..n)
            .map(|i| policy_or_builtin(u, &format!("p{i}")))
            .collect::<arbitrary::Result<Vec<_>>>()?;
        let user = if u.ratio(1, 4)? { Some(password(u, &[])?) } else { None };
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
    let mut policies = Vec::new();
    for spec in &case.specs {
        match Policy::from_spec(spec.clone(), "fuzz.yaml") {
            Ok(p) => policies.push(p),
            // Invalid specs are the bad-input suite's business; their
            // errors must still render.
            Err(e) => drop(e.to_string()),
        }
    }
    let variants: Vec<_> =
        policies.iter().flat_map(|p| p.variants()).collect();
    if variants.is_empty() {
        return;
    }
    let mut builder = Checker::builder();
    if let Some(user) = &case.user {
        builder = builder.user(user.clone());
    }
    let checker = match builder.build(&variants) {
        Ok(c) => c,
        Err(e) => return drop(e.to_string()),
    };
    for pw in &case.passwords {
        let verdict = checker.check(pw);
        assert_eq!(verdict, checker.check_bytes(pw.as_bytes()));
        let explained = checker.violations(pw);
        let report = checker.report(pw);
        assert_eq!(report.verdict(), verdict);
        for (i, t) in checker.targets().iter().enumerate() {
            let label = t.label();
            let expected = reference::violations(t.rules(), t.usernames(), pw);
            let got: Vec<Code> = verdict
                .codes()
                .filter(|&c| report.targets_failing(c) & (1 << i) != 0)
                .collect();
            assert_eq!(got, expected, "target {label}");
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
        for v in &explained {
            drop(v.message(Lang::En));
            drop(v.message(Lang::Zh));
        }
    }
});
