//! The byte-level entry points (`check_bytes`, `accepts_bytes`, `accepts`)
//! on arbitrary bytes, invalid UTF-8 included, against the reference
//! interpreter: valid UTF-8 gets exactly the reference's codes and the same
//! verdict as `check`; invalid UTF-8 is refused as `invalid_utf8` at the
//! offset of the first bad sequence, and never accepted.

#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use passpolicy::spec::PolicySpec;
use passpolicy::{Code, Detail};
use passpolicy_fuzz::{
    assert_matches_reference, checker_of, hints, password, policies_and_user,
    render_messages,
};

#[derive(Debug)]
struct Case {
    specs: Vec<PolicySpec>,
    user: Option<String>,
    inputs: Vec<Vec<u8>>,
}

impl<'a> Arbitrary<'a> for Case {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Case> {
        let (specs, user) = policies_and_user(u, 2)?;
        let hints = hints(&specs, user.as_deref());
        let k = u.int_in_range(1..=4)?;
        let mut inputs = Vec::new();
        for _ in 0..k {
            let mut bytes = password(u, &hints)?.into_bytes();
            // Corrupt some: a stray byte (a lone continuation, 0xFF, a
            // truncated sequence's lead) somewhere, or a cut mid-character.
            match u.int_in_range(0..=3)? {
                0 => {
                    let at = u.int_in_range(0..=bytes.len())?;
                    let b = *u.choose(&[
                        0x80u8, 0xBF, 0xC3, 0xE2, 0xF0, 0xFF, 0x00,
                    ])?;
                    bytes.insert(at, b);
                }
                1 if !bytes.is_empty() => {
                    let at = u.int_in_range(0..=bytes.len() - 1)?;
                    bytes.truncate(at);
                }
                _ => {}
            }
            inputs.push(bytes);
        }
        Ok(Case { specs, user, inputs })
    }
}

fuzz_target!(|case: Case| {
    let Some(checker) = checker_of(&case.specs, case.user.as_deref()) else {
        return;
    };
    for bytes in &case.inputs {
        let verdict = checker.check_bytes(bytes);
        assert_eq!(checker.accepts_bytes(bytes), verdict.is_ok());
        let violations = checker.violations(bytes);
        assert_eq!(checker.report(bytes).verdict(), verdict);
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                assert_eq!(verdict, checker.check(s));
                assert_eq!(checker.accepts(s), verdict.is_ok());
                assert_matches_reference(&checker, verdict, s);
            }
            Err(e) => {
                assert!(!verdict.is_ok(), "invalid UTF-8 accepted");
                assert!(verdict.has(Code::InvalidUtf8));
                let offset = violations.iter().find_map(|v| match v.detail {
                    Detail::InvalidUtf8 { offset } => Some(offset),
                    _ => None,
                });
                assert_eq!(offset, Some(e.valid_up_to() as u32));
            }
        }
        render_messages(&violations);
    }
});
