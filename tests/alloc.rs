//! `Checker::check` and `Checker::check_bytes` make no heap allocation.
//!
//! Allocations are counted per thread by a counting `#[global_allocator]`
//! wrapper around the system allocator: a process-wide counter would also
//! see the test harness and the other tests running beside this one. The
//! wrapper comes from the `allocation-counter` dev-dependency, because the
//! package forbids `unsafe_code` in every target and a `GlobalAlloc` impl
//! cannot be written without it. Its `measure` reports what the closure's
//! thread allocated.
//!
//! The first test proves the counter counts, so that the zero below cannot
//! come from an allocator that was never installed.

mod common;

use std::hint::black_box;

use allocation_counter::measure;
use passpolicy::{Catalog, Checker, Code, Policy, Verdict};

/// Heap allocations `f` makes on this thread.
fn allocations(f: impl FnOnce()) -> u64 {
    measure(f).count_total
}

#[test]
fn the_counter_counts_allocations_on_this_thread() {
    assert_eq!(
        allocations(|| {
            black_box(Vec::<u8>::with_capacity(1));
        }),
        1
    );
    assert_eq!(
        allocations(|| {
            black_box(String::from("x").repeat(3));
            black_box(Box::new(1u64));
        }),
        3
    );
    assert_eq!(
        allocations(|| {
            black_box(1u64 + 1);
        }),
        0
    );
    // Another thread's allocations are not this thread's.
    let handle = std::thread::spawn(|| black_box(vec![0u8; 64]).len());
    let before = allocations(|| {});
    assert_eq!(handle.join().unwrap(), 64);
    assert_eq!(before, 0);
}

/// Inputs that walk every path of `check`: accepted and rejected ASCII,
/// non-ASCII (the slow scan), invisible characters, user names in both
/// directions and cases (ASCII and non-ASCII matching), deny-listed values,
/// long runs, minimum counts above one, and a long password.
const INPUTS: &[&str] = &[
    "abc123ABC!@#",
    "cptbtptpA@1095",
    "short",
    "",
    "/Abcdef12345",
    "abcé1234!@#Ａ😀",
    "\u{200B}\t\0 ",
    "Aroot@1234",
    "Atoor@1234",
    "ADMINISTRATOR1!",
    "rotartsinimdA1!",
    "xÉMILE12αβ",
    "elimé99αβ",
    "Password12!",
    "αβγ123",
    "aaa111!!!",
    "αααα1234",
    "a1!",
    "Ab12αβ",
    "!Ab12αβ@",
    "Abc_12345",
    "AAbb12_#xyz",
];

/// A policy with every rarely used rule, in two variants with different
/// length units, so the checker builds its optional passes.
const RARE: &str = "
id: rare
vendor: Example
product: Test
classes:
  special: { chars: '!@#' }
  greek: { ranges: ['α-ω'] }
rules:
  length: { min: 4, max: 64, unit: graphemes }
  alphabet: [letters, digits, special, greek]
  classes_required: { at_least: 2, of: [letters, digits, special, greek] }
  min_counts: { digits: 2, greek: 1 }
  forbidden_first: '!'
  forbidden_last: '@'
  username: { contains: true, reversed: true }
  max_run: 2
  deny: ['Password12!', 'αβγ123']
variants:
  a:
    accounts: [root, Émile]
  b:
    accounts: [Administrator]
    rules:
      length: { min: 6, max: 20, unit: utf16 }
";

fn rare() -> Policy {
    Policy::from_yaml(RARE, "rare.yaml").expect("valid policy")
}

/// `rare` without the Greek requirement, which no seed's alphabet allows,
/// so that it can be combined with seeds.
fn rare_latin() -> Policy {
    let text = RARE
        .replace("id: rare", "id: rare-latin")
        .replace("{ digits: 2, greek: 1 }", "{ digits: 2 }");
    Policy::from_yaml(&text, "rare-latin.yaml").expect("valid policy")
}

/// Checks every input (as `&str` and as bytes) inside the counter and
/// returns the allocation count and the verdicts, for inspection after
/// counting stops.
fn run(checker: &Checker, long: &str) -> (u64, Vec<Verdict>) {
    // Room for every verdict, reserved before counting starts.
    let mut verdicts = Vec::with_capacity(2 * INPUTS.len() + 4);
    let count = allocations(|| {
        for pw in INPUTS {
            verdicts.push(black_box(checker.check(black_box(pw))));
            verdicts.push(checker.check_bytes(black_box(pw.as_bytes())));
        }
        verdicts.push(checker.check(black_box(long)));
        verdicts.push(checker.check_bytes(black_box(b"Abcd1234!\xff\xfe")));
        verdicts.push(checker.check_bytes(black_box(b"\xc3")));
    });
    assert_eq!(verdicts.len(), 2 * INPUTS.len() + 3, "no regrowth");
    (count, verdicts)
}

fn long_password() -> String {
    "Ab1!éαβ".repeat(200)
}

/// Asserts `check` allocates nothing for `checker`, and returns the union
/// of the codes it reported, to show which paths ran.
fn assert_allocation_free(what: &str, checker: &Checker) -> Vec<Code> {
    let long = long_password();
    let (count, verdicts) = run(checker, &long);
    assert_eq!(count, 0, "{what}: check allocated {count} times");
    assert!(verdicts.iter().any(Verdict::is_ok), "{what}: none accepted");
    let mut codes: Vec<Code> =
        verdicts.iter().flat_map(|v| v.codes()).collect();
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn check_does_not_allocate_for_each_seed_variant() {
    let catalog = Catalog::builtin();
    // Every built-in variant, the catalog's beyond the seeds included.
    for policy in catalog.policies() {
        for v in policy.variants() {
            let checker = Checker::new(&[v]).unwrap();
            let codes = assert_allocation_free(v.label(), &checker);
            // A policy without a maximum (mysql-validate-password) has no
            // too_long to hit.
            let has_max = v.rules().length.max != u32::MAX;
            // Nor a policy without a minimum (gcp-cloudsql's default) a
            // too_short.
            let has_min = v.rules().length.min > 0;
            for c in [
                Code::TooShort,
                Code::TooLong,
                Code::DisallowedCharacter,
                Code::InvalidUtf8,
            ] {
                if c == Code::TooLong && !has_max
                    || c == Code::TooShort && !has_min
                {
                    continue;
                }
                assert!(codes.contains(&c), "{}: {c} never hit", v.label());
            }
            let class_rule = if v.rules().classes_required.is_some() {
                Code::NotEnoughClasses
            } else if !v.rules().min_counts.is_empty() {
                Code::TooFewOfClass
            } else {
                continue;
            };
            assert!(
                codes.contains(&class_rule),
                "{}: {class_rule} never hit",
                v.label()
            );
        }
    }
    // The user-name path ran where a seed has the rule.
    let checker = catalog.checker(&["huawei-clouddc"]).unwrap();
    let codes = assert_allocation_free("huawei-clouddc", &checker);
    assert!(codes.contains(&Code::ContainsUsername));
    assert!(codes.contains(&Code::ContainsReversedUsername));
}

#[test]
fn check_does_not_allocate_for_all_seeds_combined() {
    let catalog = Catalog::builtin();
    let checker = catalog.checker(&common::SEEDS).unwrap();
    assert_eq!(checker.targets().len(), 8);
    let codes = assert_allocation_free("all seeds", &checker);
    assert!(codes.contains(&Code::ForbiddenPrefix));
    assert!(codes.contains(&Code::ContainsUsername));
}

#[test]
fn check_does_not_allocate_with_every_rare_rule() {
    let policy = rare();
    let variants: Vec<_> = policy.variants().iter().collect();
    let checker = Checker::new(&variants).unwrap();
    let codes = assert_allocation_free("rare", &checker);
    for c in [
        Code::TooFewOfClass,
        Code::ForbiddenPrefix,
        Code::ForbiddenSuffix,
        Code::ContainsUsername,
        Code::ContainsReversedUsername,
        Code::RepeatedCharacter,
        Code::DeniedValue,
    ] {
        assert!(codes.contains(&c), "rare: {c} never hit");
    }
    // With a non-ASCII --user, matched case-insensitively.
    let checker = Checker::builder().user("Émile").build(&variants).unwrap();
    let codes = assert_allocation_free("rare --user Émile", &checker);
    assert!(codes.contains(&Code::ContainsUsername));
    assert!(codes.contains(&Code::ContainsReversedUsername));
}

#[test]
fn check_does_not_allocate_for_rare_and_seeds_combined() {
    let catalog = Catalog::builtin();
    let policy = rare_latin();
    let mut variants =
        catalog.select(&["tencent-redis", "huawei-clouddc/linux"]).unwrap();
    variants.extend(policy.variants());
    let checker = Checker::new(&variants).unwrap();
    let codes = assert_allocation_free("rare + seeds", &checker);
    assert!(codes.contains(&Code::DeniedValue));
    assert!(codes.contains(&Code::RepeatedCharacter));
}

/// The verdict is a plain `Copy` value: copying it cannot allocate.
#[test]
fn verdict_is_copy() {
    fn is_copy<T: Copy>() {}
    is_copy::<Verdict>();
}
