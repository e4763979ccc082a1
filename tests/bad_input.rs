//! The bad-input suite, policy files: every class of malformed policy
//! gets a clear error naming what is wrong and, where the parser or the
//! compiler knows it, the file, line and column; large inputs within the
//! size limit load in bounded time. Policies are loaded through the
//! library (`Policy::from_yaml`, `load_file`) and, for the file-level
//! limits, through the CLI. Malformed password input is in
//! `tests/bad_input_cli.rs`.

use passpolicy::{Catalog, Checker, Error, Policy, load_file};

const HEAD: &str = "id: x\nvendor: v\nproduct: p\n";

fn load(yaml: &str) -> Result<Policy, Error> {
    Policy::from_yaml(yaml, "bad.yaml")
}

/// Every (line, column) an error points at.
fn locations(e: &Error) -> Vec<(Option<usize>, Option<usize>)> {
    match e {
        Error::Syntax { location, .. } => {
            vec![(location.line, location.column)]
        }
        Error::Invalid(problems) => problems
            .iter()
            .map(|p| (p.location.line, p.location.column))
            .collect(),
        _ => Vec::new(),
    }
}

/// Asserts that `yaml` is refused with a message containing every one of
/// `wants`, pointing at `at` (line, column) when given.
fn refused(yaml: &str, wants: &[&str], at: Option<(usize, usize)>) {
    let e = match load(yaml) {
        Ok(_) => panic!("accepted:\n{yaml}"),
        Err(e) => e,
    };
    let msg = e.to_string();
    for want in wants {
        assert!(msg.contains(want), "{want:?} not in:\n{msg}");
    }
    assert!(msg.starts_with("bad.yaml"), "no file name in:\n{msg}");
    if let Some((line, column)) = at {
        assert!(
            locations(&e).contains(&(Some(line), Some(column))),
            "not at {line}:{column}: {:?}\n{msg}",
            locations(&e)
        );
    }
}

// ---------------------------------------------------------------------
// Malformed policy files.

#[test]
fn wrong_types() {
    refused(
        "id: [1, 2]\nvendor: v\nproduct: p\n",
        &["id: invalid type: sequence, expected a string"],
        Some((1, 5)),
    );
    refused(
        &format!("{HEAD}rules:\n  length: {{ min: \"eight\" }}\n"),
        &["rules.length.min", "invalid type: string \"eight\", expected u32"],
        Some((5, 18)),
    );
    refused(
        &format!("{HEAD}rules:\n  username: yes\n"),
        &["rules.username", "invalid type"],
        Some((5, 13)),
    );
    refused(
        &format!("{HEAD}classes:\n  s: {{ chars: [a, b] }}\n"),
        &["classes.s.chars", "expected a string"],
        Some((5, 15)),
    );
    refused("- a\n- b\n", &["invalid type: sequence"], Some((1, 1)));
    refused("just text", &["invalid type: string"], None);
}

#[test]
fn unknown_and_missing_fields() {
    refused(
        &format!("{HEAD}rules:\n  lenght: {{ min: 8 }}\n"),
        &["unknown field `lenght`", "expected one of `length`"],
        Some((5, 3)),
    );
    refused(
        &format!("{HEAD}colour: blue\n"),
        &["unknown field `colour`"],
        Some((4, 1)),
    );
    refused("", &["missing field `id`"], None);
    refused("id: x\nvendor: v\n", &["missing field `product`"], None);
    // YAML merge keys are not part of the language: `<<` is a field name.
    refused(
        &format!("{HEAD}rules:\n  <<: {{ max_run: 2 }}\n"),
        &["unknown field `<<`"],
        None,
    );
}

#[test]
fn negative_and_huge_numbers() {
    refused(
        &format!("{HEAD}rules:\n  length: {{ min: -1 }}\n"),
        &["rules.length.min", "integer `-1`, expected u32"],
        Some((5, 18)),
    );
    refused(
        &format!("{HEAD}rules:\n  length: {{ max: 99999999999999999999 }}\n"),
        &["rules.length.max", "expected u32"],
        Some((5, 18)),
    );
    refused(
        &format!("{HEAD}rules:\n  length: {{ max: 4294967296 }}\n"),
        &["expected u32"],
        None,
    );
    refused(
        &format!("{HEAD}rules:\n  length: {{ max: 1.5e3 }}\n"),
        &["expected u32"],
        None,
    );
    refused(
        &format!(
            "{HEAD}rules:\n  classes_required: {{ at_least: 4000000000, of: \
             [lower] }}\n"
        ),
        &["requires at least 4000000000 classes but lists only 1"],
        None,
    );
    refused(
        &format!(
            "{HEAD}rules:\n  length: {{ max: 16 }}\n  min_counts: {{ digits: \
             4294967295 }}\n"
        ),
        &["need at least 4294967295 characters but the maximum length is 16"],
        None,
    );
    // The largest numbers are fine where they mean something.
    let p = load(&format!(
        "{HEAD}rules:\n  length: {{ min: 1, max: 4294967295 }}\n  \
         alphabet: [lower]\n  max_run: 4294967295\n"
    ))
    .unwrap();
    let checker = Checker::new(&[&p.variants()[0]]).unwrap();
    assert!(checker.check("abc").is_ok());
}

#[test]
fn out_of_range_rule_values() {
    refused(
        &format!("{HEAD}rules:\n  length: {{ min: 9, max: 8 }}\n"),
        &["rules.length.min: min 9 is greater than max 8"],
        Some((5, 13)),
    );
    refused(
        &format!(
            "{HEAD}rules:\n  alphabet: [lower]\n  length: {{ max: 0 }}\n"
        ),
        &["max 0 allows no password"],
        None,
    );
    refused(
        &format!(
            "{HEAD}rules:\n  classes_required: {{ at_least: 0, of: [lower] \
             }}\n"
        ),
        &["at_least 0 requires nothing"],
        None,
    );
    refused(
        &format!("{HEAD}rules:\n  alphabet: [lower]\n  max_run: 0\n"),
        &["max_run 0 allows no character"],
        None,
    );
    refused(
        &format!(
            "{HEAD}rules:\n  alphabet: [digits]\n  forbidden_first: \
             '0123456789'\n"
        ),
        &["every character of the alphabet is forbidden as the first one"],
        None,
    );
    refused(
        &format!(
            "{HEAD}classes:\n  s:\n    ranges: ['z-a', 'abc', '-']\n\
             rules:\n  alphabet: [s]\n"
        ),
        &["range 'z-a' is not written as FIRST-LAST", "range 'abc'"],
        None,
    );
    refused(
        "id: Bad Id\nvendor: v\nproduct: p\nrules:\n  alphabet: [lower]\n",
        &["policy id 'Bad Id' must be 1 to 64 characters"],
        Some((1, 1)),
    );
}

#[test]
fn duplicate_classes_and_keys() {
    // The same key twice in one mapping: never "last one wins".
    refused(
        &format!(
            "{HEAD}classes:\n  s: {{ chars: '!' }}\n  s: {{ chars: '@' }}\n\
             rules:\n  alphabet: [s]\n"
        ),
        &["classes: duplicate key `s`"],
        Some((5, 3)),
    );
    refused(
        &format!(
            "{HEAD}variants:\n  a: {{ rules: {{ alphabet: [lower] }} }}\n  \
             a: {{ rules: {{ alphabet: [upper] }} }}\n"
        ),
        &["variants: duplicate key `a`"],
        None,
    );
    refused(
        &format!("{HEAD}rules:\n  min_counts: {{ digits: 1, digits: 2 }}\n"),
        &["rules.min_counts: duplicate key `digits`"],
        None,
    );
    refused(&format!("{HEAD}id: y\n"), &["duplicate field `id`"], None);
    refused(
        &format!(
            "{HEAD}rules:\n  alphabet: [lower]\n  length: {{ min: 1 }}\n  \
             length: {{ min: 2 }}\n"
        ),
        &["duplicate field `length`"],
        None,
    );
    // A class named twice in one rule, and a built-in class redefined.
    refused(
        &format!(
            "{HEAD}rules:\n  classes_required: {{ at_least: 1, of: [lower, \
             lower] }}\n"
        ),
        &["rules.classes_required.of: class 'lower' is listed twice"],
        Some((5, 36)),
    );
    refused(
        &format!(
            "{HEAD}classes:\n  lower: {{ chars: abc }}\nrules:\n  alphabet: \
             [lower]\n"
        ),
        &["'lower' is a built-in class and cannot be redefined"],
        Some((5, 3)),
    );
    refused(
        &format!(
            "{HEAD}classes:\n  s: {{ chars: '!@!' }}\nrules:\n  alphabet: \
             [s]\n"
        ),
        &["classes.s.chars: character U+0021 '!' is listed twice"],
        None,
    );
}

#[test]
fn empty_variants_and_empty_rules() {
    // No rules at all: nothing is allowed, and the error says so.
    for yaml in [
        HEAD.to_string(),
        format!("{HEAD}variants:\n"),
        format!("{HEAD}variants: {{}}\n"),
    ] {
        refused(&yaml, &["rules.alphabet: the alphabet is empty"], None);
    }
    refused(
        &format!("{HEAD}variants:\n  linux: {{}}\n"),
        &["variants.linux.rules.alphabet: the alphabet is empty"],
        Some((5, 3)),
    );
    refused(
        &format!(
            "{HEAD}rules:\n  alphabet: [lower]\nvariants:\n  '': {{}}\n  \
             'Win 10': {{}}\n"
        ),
        &["variant name '' must be", "variant name 'Win 10' must be"],
        None,
    );
    // An empty variants map is the same as none: one unnamed variant.
    let p =
        load(&format!("{HEAD}rules:\n  alphabet: [lower]\nvariants: {{}}\n"))
            .unwrap();
    assert_eq!(p.variants().len(), 1);
    assert_eq!(p.variants()[0].name(), None);
}

#[test]
fn circular_and_missing_class_references() {
    refused(
        &format!(
            "{HEAD}classes:\n  a: {{ include: [b] }}\n  b: {{ include: [a] \
             }}\nrules:\n  alphabet: [a]\n"
        ),
        &["classes include each other in a cycle: a -> b -> a"],
        Some((5, 3)),
    );
    refused(
        &format!(
            "{HEAD}classes:\n  a: {{ include: [a] }}\nrules:\n  alphabet: \
             [a]\n"
        ),
        &["cycle: a -> a"],
        None,
    );
    refused(
        &format!(
            "{HEAD}classes:\n  a: {{ include: [nope] }}\nrules:\n  alphabet: \
             [a, missing]\n  classes_required: {{ at_least: 1, of: [gone] \
             }}\n  min_counts: {{ absent: 1 }}\n"
        ),
        &[
            "classes.a.include: unknown class 'nope'; known classes: lower",
            "rules.alphabet: unknown class 'missing'",
            "rules.classes_required.of: unknown class 'gone'",
            "rules.min_counts: unknown class 'absent'",
        ],
        Some((5, 3)),
    );
}

#[test]
fn yaml_alias_bombs_are_refused_quickly() {
    // The classic "billion laughs": nine levels of nine aliases. The
    // schema has no field that takes nested lists, so parsing stops at
    // the first one; serde_yaml also caps alias expansion.
    let mut bomb = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol]\n");
    for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
        let refs = vec![format!("*{prev}"); 9].join(", ");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    refused(&bomb, &["unknown field `a`"], Some((1, 1)));
    // The same bomb hung under a known field, and aliases used where a
    // string is expected.
    let inner = bomb.replace('\n', "\n  ");
    refused(
        &format!(
            "{HEAD}notes:\n  - about: x\n    reading: y\nlimits:\n  {inner}"
        ),
        &["unknown field `a`"],
        None,
    );
    refused(
        &format!(
            "{HEAD}rules:\n  alphabet: &x [lower, upper]\n  deny: [*x, *x, \
             *x]\n"
        ),
        &["rules.deny", "invalid type: sequence, expected a string"],
        None,
    );
    // Aliases of the right type are fine and expand linearly.
    let p = load(&format!(
        "{HEAD}rules:\n  alphabet: [lower]\nvariants:\n  a: &v {{ rules: {{ \
         max_run: 2 }} }}\n  b: *v\n"
    ))
    .unwrap();
    assert_eq!(p.variants().len(), 2);
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    // 100,000 levels: the YAML scanner is quadratic in flow depth (this
    // took minutes), so the loader refuses more than 128 levels first and
    // points at the bracket past the limit.
    let n = 100_000;
    for (doc, at) in [
        (format!("{}{}", "[".repeat(n), "]".repeat(n)), (1, 129)),
        (format!("{}{}", "{a: ".repeat(n), "}".repeat(n)), (1, 513)),
        (format!("id: {}{}", "[".repeat(n), "]".repeat(n)), (1, 133)),
        (
            format!("{HEAD}rules: {}{}", "{a: ".repeat(n), "}".repeat(n)),
            (4, 520),
        ),
    ] {
        refused(&doc, &["brackets nest more than 128 levels deep"], Some(at));
    }
    // Up to the limit the parser itself answers.
    let d = 128;
    refused(
        &format!("id: {}{}", "[".repeat(d), "]".repeat(d)),
        &["id: invalid type: sequence, expected a string"],
        Some((1, 5)),
    );
    // Indentation nesting (block style) within the size limit.
    let mut doc = format!("{HEAD}rules:\n");
    for depth in 1..300 {
        doc.push_str(&format!("{}k{depth}:\n", "  ".repeat(depth)));
    }
    refused(&doc, &["rules: unknown field `k1`"], Some((5, 3)));
}

#[test]
fn files_over_the_size_limit_are_refused_before_parsing() {
    // 10 MB of a valid-looking policy: refused by size, not parsed.
    let mut big = format!("{HEAD}rules:\n  alphabet: [lower]\n  deny:\n");
    while big.len() < 10 * 1024 * 1024 {
        big.push_str("    - aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n");
    }
    refused(&big, &["bytes, more than the limit of 1048576"], None);

    let dir =
        std::env::temp_dir().join(format!("pp-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.yaml");
    std::fs::write(&path, &big).unwrap();
    let e = load_file(&path).expect_err("10 MB file accepted");
    assert!(e.to_string().contains("larger than the limit of 1048576 bytes"));
    // Not UTF-8.
    let path = dir.join("latin1.yaml");
    std::fs::write(&path, b"id: caf\xe9\nvendor: v\nproduct: p\n").unwrap();
    let e = load_file(&path).expect_err("latin-1 file accepted");
    assert!(
        e.to_string().contains("not UTF-8 (invalid byte at offset 7)"),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn syntax_errors_point_at_line_and_column() {
    refused(
        "id: x\n\tvendor: v\n",
        &["found a tab character that violates indentation"],
        Some((2, 1)),
    );
    refused(
        &format!("{HEAD}rules: {{ alphabet: [lower]\n"),
        &["bad.yaml:"],
        None,
    );
    refused("id: 'unterminated\n", &["bad.yaml:"], None);
}

// Large inputs within the size limit must stay fast. Inputs like these
// took from 25 s to minutes (release build) before the compiler stopped
// doing quadratic work: a character listed 400,000 times; 120,000
// distinct characters; 90,000 refused values; 100,000 accounts.

#[test]
fn a_character_repeated_many_times_is_one_problem() {
    let yaml = format!(
        "{HEAD}classes:\n  c:\n    chars: \"{}\"\nrules:\n  alphabet: [c]\n",
        "a".repeat(400_000)
    );
    let Err(Error::Invalid(problems)) = load(&yaml) else {
        panic!("accepted")
    };
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].message.contains("U+0061 'a' is listed 400000 times"),
        "{}",
        problems[0]
    );
}

#[test]
fn problems_are_capped_and_counted() {
    let ranges: Vec<String> = (0..500).map(|_| "'z-a'".to_string()).collect();
    let yaml = format!(
        "{HEAD}classes:\n  c:\n    chars: x\n    ranges: [{}]\nrules:\n  \
         alphabet: [c]\n",
        ranges.join(", ")
    );
    let Err(Error::Invalid(problems)) = load(&yaml) else {
        panic!("accepted")
    };
    assert_eq!(problems.len(), 101);
    assert_eq!(
        problems[100].message,
        "400 more problems not listed (at most 100 are)"
    );
}

#[test]
fn long_lists_compile() {
    // 100,000 distinct characters outside the BMP, every other one.
    let chars: String = (0..100_000u32)
        .filter_map(|i| char::from_u32(0x10000 + 2 * i))
        .collect();
    let p = load(&format!(
        "{HEAD}classes:\n  c:\n    chars: \"{chars}\"\nrules:\n  alphabet: \
         [c, lower]\n  forbidden_first: \"{chars}\"\n"
    ))
    .unwrap();
    let checker = Checker::new(&[&p.variants()[0]]).unwrap();
    assert!(checker.check("a\u{10000}\u{10002}").is_ok());
    assert!(!checker.check("a\u{10001}").is_ok());
    assert!(!checker.check("\u{10000}a").is_ok());

    let deny: String = (0..70_000).map(|i| format!("    - w{i}\n")).collect();
    let p = load(&format!(
        "{HEAD}rules:\n  alphabet: [lower, digits]\n  deny:\n{deny}"
    ))
    .unwrap();
    let checker = Checker::new(&[&p.variants()[0]]).unwrap();
    assert!(!checker.check("w69999").is_ok());
    assert!(checker.check("w70000").is_ok());
}

#[test]
fn too_many_user_names_or_variants_is_a_limit_error() {
    let accounts: Vec<String> =
        (0..100_000).map(|i| format!("a{i}")).collect();
    let p = load(&format!(
        "{HEAD}rules:\n  alphabet: [lower]\n  username: {{ contains: true \
         }}\nvariants:\n  v:\n    accounts: [{}]\n",
        accounts.join(", ")
    ))
    .unwrap();
    let e = Checker::new(&[&p.variants()[0]]).expect_err("compiled");
    assert!(matches!(e, Error::Limit(_)), "{e}");
    assert!(
        e.to_string().contains(
            "attempted to match 65 user-name patterns (account names × \
             contains/reversed), which exceeds the limit of 64"
        ),
        "{e}"
    );

    let variants: String =
        (0..5_000).map(|i| format!("  v{i}: {{}}\n")).collect();
    let p = load(&format!(
        "{HEAD}rules:\n  alphabet: [lower]\nvariants:\n{variants}"
    ))
    .unwrap();
    let all: Vec<_> = p.variants().iter().collect();
    let e = Checker::new(&all).expect_err("compiled");
    assert!(
        e.to_string().contains(
            "attempted to combine 5000 policy variants in one checker, which \
             exceeds the limit of 16"
        ),
        "{e}"
    );
}

#[test]
fn an_unsatisfiable_intersection_says_why() {
    let digits = load(
        "id: d\nvendor: v\nproduct: p\nrules:\n  alphabet: [digits]\n  \
         length: { min: 20 }\n",
    )
    .unwrap();
    let catalog = Catalog::builtin();
    let cvm = catalog.select(&["tencent-cvm-v2/linux"]).unwrap();
    let e = Checker::new(&[cvm[0], &digits.variants()[0]]).unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with("no password satisfies tencent-cvm-v2/linux + d"));
    assert!(msg.contains("d needs at least 20 characters"), "{msg}");
}

/// Issue 10 item 2: an empty or blank user name (an unset shell variable)
/// would switch every user-name rule off, default accounts included; it is
/// a typed error, never "no user-name rule".
#[test]
fn a_blank_user_name_is_refused() {
    let catalog = passpolicy::Catalog::builtin();
    let variants = catalog.select(&["huawei-clouddc", "baidu-bcc"]).unwrap();
    for blank in ["", " ", "\t", " \u{3000}\n"] {
        let err = Checker::builder().user(blank).build(&variants).unwrap_err();
        assert!(matches!(err, Error::BlankUserName), "{blank:?}: {err}");
        assert!(err.to_string().contains("empty or blank"), "{err}");
    }
    // A name with white space around it is a name.
    assert!(Checker::builder().user(" bob").build(&variants).is_ok());
}

/// `accounts:` is a list (default accounts), or a map with exactly one of
/// `default` and `fixed`.
#[test]
fn accounts_are_a_list_or_one_of_default_and_fixed() {
    let with = |accounts: &str| {
        load(&format!(
            "id: a\nvendor: V\nproduct: P\nrules:\n  alphabet: [lower]\n  \
             username: {{ contains: true }}\nvariants:\n  v:\n    \
             accounts: {accounts}\n"
        ))
    };
    for ok in ["[root]", "{ default: [root] }", "{ fixed: [root] }", "[]"] {
        let policy = with(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
        assert_eq!(
            policy.variants()[0].accounts().len(),
            usize::from(ok != "[]")
        );
    }
    let fixed = with("{ fixed: [root] }").unwrap();
    assert_eq!(
        fixed.variants()[0].account_kind(),
        passpolicy::AccountKind::Fixed
    );
    for bad in ["{ default: [a], fixed: [b] }", "{}", "{ given: [a] }", "root"]
    {
        assert!(with(bad).is_err(), "{bad} accepted");
    }
}

/// Issue 9 item 3: a policy no password meets is refused when its checker
/// is compiled (so by `lint`), by the generator's exact count, with the
/// clashing rules named.
#[test]
fn unsatisfiable_policies_fail_to_compile_naming_the_clash() {
    let cases = [
        (
            "alphabet {a}, length 3, max_run 2",
            "classes:\n  a: { chars: a }\nrules:\n  alphabet: [a]\n  \
             length: { min: 3, max: 3 }\n  max_run: 2\n",
            "length and max_run clash",
        ),
        (
            "every value denied",
            "classes:\n  ab: { chars: ab }\nrules:\n  alphabet: [ab]\n  \
             length: { min: 1, max: 1 }\n  deny: [a, b]\n",
            "length and deny clash",
        ),
        (
            "a user name that covers the alphabet",
            "classes:\n  a: { chars: a }\nrules:\n  alphabet: [a]\n  \
             length: { min: 1, max: 8 }\n  username: { contains: true }\n\
             variants:\n  v:\n    accounts: { fixed: [a] }\n",
            "length and username clash",
        ),
    ];
    for (what, rules, clash) in cases {
        let policy = load(&format!("{HEAD}{rules}")).expect(what);
        for variant in policy.variants() {
            let err = Checker::new(&[variant]).unwrap_err();
            let msg = err.to_string();
            assert!(
                matches!(err, Error::Unsatisfiable { .. }),
                "{what}: {msg}"
            );
            assert!(
                msg.contains("requirements cannot be met"),
                "{what}: {msg}"
            );
            assert!(msg.contains(clash), "{what}: {msg}");
        }
    }

    // Each alone is fine; together the refused values and the run limit
    // leave nothing of two characters.
    let part = |id: &str, extra: &str| {
        load(&format!(
            "id: {id}\nvendor: v\nproduct: p\nclasses:\n  ab: {{ chars: ab }}\n\
             rules:\n  alphabet: [ab]\n  length: {{ min: 2, max: 2 }}\n  {extra}\n"
        ))
        .unwrap()
    };
    let parts = [
        part("p1", "deny: [ab]"),
        part("p2", "deny: [ba]"),
        part("p3", "max_run: 1"),
    ];
    let variants: Vec<_> = parts.iter().map(|p| &p.variants()[0]).collect();
    for v in &variants {
        assert!(Checker::new(&[v]).is_ok());
    }
    let msg = Checker::new(&variants).unwrap_err().to_string();
    assert!(msg.contains("each policy can be met alone"), "{msg}");
    assert!(msg.contains("length, max_run and deny clash"), "{msg}");
}
