//! Regression tests for the outside audit's findings (issue 10) that the
//! library fixes: each one failed before its fix.

use passpolicy::{Error, Policy};

const HEAD: &str = "id: x\nvendor: v\nproduct: p\n";

fn load(yaml: &str) -> Result<Policy, Error> {
    Policy::from_yaml(yaml, "amp.yaml")
}

fn syntax_message(r: Result<Policy, Error>) -> String {
    match r {
        Err(Error::Syntax { message, .. }) => message,
        Err(other) => panic!("not a syntax error: {other}"),
        Ok(_) => panic!("loaded"),
    }
}

// --- Issue 10 item 5: YAML alias amplification ---------------------------

#[test]
fn a_large_scalar_aliased_a_thousand_times_is_refused() {
    // 16 KB of text that expands to 10 MB of deny values (before the fix it
    // loaded; the audit's version, aliased again from 100 variants, took
    // 800 MB).
    let yaml = format!(
        "{HEAD}api: {{ action: &big \"{}\" }}\nrules:\n  length: {{ min: 8, max: 32 }}\n  \
         alphabet: [letters]\n  deny: [{}]\n",
        "x".repeat(10_000),
        ["*big"; 1_000].join(", ")
    );
    assert!(yaml.len() < 20_000);
    let message = syntax_message(load(&yaml));
    assert!(
        message.contains("aliases expand this file past 2097152 bytes"),
        "{message}"
    );
}

#[test]
fn nested_anchors_are_refused() {
    // A deny list of 100 aliases of a 2 KB string, itself aliased by the
    // rules of 20 variants: 4 MB from 7 KB (it loaded before the fix).
    let mut yaml = format!(
        "{HEAD}api: {{ action: &big \"{}\" }}\nrules: &r\n  length: {{ min: 8, max: 32 }}\n  \
         alphabet: [letters]\n  deny: [{}]\nvariants:\n",
        "x".repeat(2_000),
        ["*big"; 100].join(", ")
    );
    for i in 0..20 {
        yaml.push_str(&format!("  v{i}: {{ rules: *r }}\n"));
    }
    assert!(yaml.len() < 8_000);
    let message = syntax_message(load(&yaml));
    assert!(message.contains("aliases expand"), "{message}");
}

/// Nested lists do not fit the schema, but the expansion check walks the
/// text before the schema is applied, so it must stop early too.
#[test]
fn billion_laughs_is_refused() {
    let mut yaml = format!(
        "{HEAD}l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    );
    for i in 1..10 {
        let prev = format!("*l{}", i - 1);
        yaml.push_str(&format!(
            "l{i}: &l{i} [{}]\n",
            [prev.as_str(); 9].join(", ")
        ));
    }
    assert!(matches!(load(&yaml), Err(Error::Syntax { .. })));
}

#[test]
fn aliases_to_small_nodes_still_load() {
    let yaml = format!(
        "{HEAD}rules:\n  length: &len {{ min: 8, max: 32 }}\n  alphabet: &abc [letters, digits]\n\
         variants:\n  a: {{ rules: {{ length: *len, alphabet: *abc }} }}\n  \
         b: {{ rules: {{ length: *len, deny: [&pw Password1, *pw] }} }}\n"
    );
    let policy = load(&yaml).expect("loads");
    assert_eq!(policy.variants().len(), 2);
    assert_eq!(policy.variants()[0].rules().length.max, 32);
}

// --- Issue 10 item 6: the generator's automaton construction cost --------

/// A policy whose one variant has `names` as its accounts.
fn with_accounts(names: &[String]) -> String {
    format!(
        "{HEAD}rules:\n  length: {{ min: 8, max: 32 }}\n  alphabet: [letters, digits]\n  \
         username: {{ contains: true, reversed: true }}\nvariants:\n  a:\n    accounts: [{}]\n",
        names.join(", ")
    )
}

#[test]
fn long_user_names_fail_fast_with_a_limit() {
    // Two names of 1,100 letters, each also reversed: 4,400 pattern
    // characters. Before the fix the automaton was built (30 such names
    // of 5,000 characters ran for seconds before the state limit).
    let names: Vec<String> =
        ["ab", "cd"].iter().map(|p| p.repeat(550)).collect();
    let policy = load(&with_accounts(&names)).unwrap();
    let checker = passpolicy::Checker::new(&[&policy.variants()[0]]).unwrap();
    let err = passpolicy::Generator::new(&checker).expect_err("refused");
    assert!(matches!(err, Error::Limit(_)), "{err}");
    let message = err.to_string();
    assert_eq!(
        message,
        "attempted to avoid user names and dictionary words of 4400 \
         characters in all (reversals included) while generating, which \
         exceeds the limit of 4096"
    );
}

#[test]
fn user_names_within_the_limit_still_generate() {
    let names: Vec<String> =
        ["ab", "cd"].iter().map(|p| p.repeat(500)).collect();
    let policy = load(&with_accounts(&names)).unwrap();
    let checker = passpolicy::Checker::new(&[&policy.variants()[0]]).unwrap();
    let generator = passpolicy::Generator::new(&checker).unwrap();
    let password = generator.sampler(16).unwrap().generate_os();
    assert!(checker.check(password.as_str()).is_ok());
}

// --- Issue 10 item 18: Unicode simple case folding for user names --------

#[test]
fn user_names_match_under_simple_case_folding() {
    use passpolicy::{Catalog, Checker, Code};
    let catalog = Catalog::builtin();
    let variants = catalog.select(&["huawei-clouddc/linux"]).unwrap();
    // (user name, a password that contains it once folded)
    let cases = [
        ("sam", "Xy-\u{17F}am-2024!"),  // ſ folds to s
        ("kim", "Xy-\u{212A}im-2024!"), // the Kelvin sign folds to k
        ("λόγος", "Xy-ΛΌΓΟΣ-2024!"),    // ς and Σ both fold to σ
        ("ΛΌΓΟΣ", "Xy-λόγος-2024!"),
        ("straße", "Xy-STRAẞE-2024!"), // ẞ folds to ß (status S)
    ];
    for (user, password) in cases {
        let checker = Checker::builder().user(user).build(&variants).unwrap();
        let verdict = checker.check(password);
        assert!(verdict.has(Code::ContainsUsername), "{user}");
    }
}

// --- Issue 10 item 11: what a violation detail may reveal ----------------

/// The positions of the password that `violations` reveal: each shown
/// character its position, each shown run its span; a withheld run is
/// revealed whole as soon as one of its positions is.
fn revealed(
    violations: &[passpolicy::Violation<'_>],
) -> std::collections::BTreeSet<u32> {
    use passpolicy::Detail;
    let mut known = std::collections::BTreeSet::new();
    let mut withheld = Vec::new();
    for v in violations {
        match v.detail {
            Detail::Character { ch: Some(_), position } => {
                known.insert(position);
            }
            Detail::Run { ch, length, position, .. } => {
                let span = position..position + length;
                if ch.is_some() {
                    known.extend(span);
                } else {
                    withheld.push(span);
                }
            }
            _ => {}
        }
    }
    loop {
        let before = known.len();
        for span in &withheld {
            if span.clone().any(|p| known.contains(&p)) {
                known.extend(span.clone());
            }
        }
        if known.len() == before {
            return known;
        }
    }
}

/// No password is rebuilt from its own violations: they reveal at most
/// half of its positions, and none of a password shorter than 8.
fn assert_not_reconstructible(checker: &passpolicy::Checker, password: &str) {
    let n = password.chars().count() as u32;
    let violations = checker.violations(password);
    let known = revealed(&violations);
    if n < 8 {
        assert!(known.is_empty(), "{} of {n} positions shown", known.len());
    } else {
        assert!(
            known.len() as u32 * 2 <= n,
            "{} of {n} positions shown",
            known.len()
        );
    }
    for v in &violations {
        for lang in [passpolicy::Lang::En, passpolicy::Lang::Zh] {
            let m = v.message(lang);
            // A withheld character is not in the message either.
            if matches!(
                v.detail,
                passpolicy::Detail::Character { ch: None, .. }
                    | passpolicy::Detail::Run { ch: None, .. }
            ) {
                assert!(!m.contains("U+"), "{m}");
            }
        }
    }
}

/// Every built-in selection, with its default accounts.
fn builtin_checkers() -> Vec<passpolicy::Checker> {
    let catalog = passpolicy::Catalog::builtin();
    let mut out = Vec::new();
    for p in catalog.policies() {
        out.push(catalog.checker(&[p.id()]).unwrap());
        for v in p.variant_names() {
            out.push(
                catalog
                    .checker(&[format!("{}/{v}", p.id()).as_str()])
                    .unwrap(),
            );
        }
    }
    out
}

#[test]
fn the_audits_passwords_are_not_reconstructible() {
    let max_run = load(&format!(
        "{HEAD}rules:\n  length: {{ min: 8, max: 32 }}\n  alphabet: [letters, digits]\n  max_run: 2\n"
    ))
    .unwrap();
    let checker = passpolicy::Checker::new(&[&max_run.variants()[0]]).unwrap();
    assert_not_reconstructible(&checker, "qqqqqqqqqqqqqqqqqqqq");
    let message = checker.violations("qqqqqqqqqqqqqqqqqqqq")[0]
        .message(passpolicy::Lang::En);
    assert_eq!(
        message,
        "a character repeated 20 times in a row from position 1, at most 2 allowed; break up the run"
    );
    // A run that covers little of the password still names its character.
    let v = checker.violations("abcdefghijklmnopqqqrs");
    assert!(
        v[0].message(passpolicy::Lang::En)
            .starts_with("U+0071 'q' repeated 3 times"),
        "{v:?}"
    );
    for checker in builtin_checkers() {
        for password in [
            "/é",
            "qqqqqqqqqqqqqqqqqqqq",
            "/é/é/é/é/é/é",
            "-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.",
        ] {
            assert_not_reconstructible(&checker, password);
        }
    }
}

#[test]
fn no_password_of_the_seed_tables_is_reconstructible() {
    let catalog = passpolicy::Catalog::builtin();
    let mut checked = 0;
    for entry in std::fs::read_dir("tests/data/seeds").unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let cases: Vec<serde_yaml::Value> =
            serde_yaml::from_str(&text).unwrap();
        for case in cases {
            let policy = case["policy"].as_str().unwrap();
            let password = case["password"].as_str().unwrap();
            let variants = catalog.select(&[policy]).unwrap();
            let mut builder = passpolicy::Checker::builder();
            if let Some(user) = case.get("user").and_then(|u| u.as_str()) {
                builder = builder.user(user);
            }
            let checker = builder.build(&variants).unwrap();
            assert_not_reconstructible(&checker, password);
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    /// Random passwords with runs, forbidden ends and foreign characters,
    /// against every built-in selection.
    #[test]
    fn no_random_password_is_reconstructible(
        parts in proptest::collection::vec(("[a-c/\\-.é😀 !A1]", 1usize..12), 0..6),
    ) {
        let password: String = parts.iter().map(|(s, n)| s.repeat(*n)).collect();
        for checker in builtin_checkers() {
            assert_not_reconstructible(&checker, &password);
        }
    }
}

// --- Issue 9 item 6 and issue 10 item 21: typed errors, loader messages --

const BODY: &str =
    "rules:\n  length: { min: 8, max: 9 }\n  alphabet: [letters]\n";

#[test]
fn a_byte_order_mark_is_accepted() {
    let policy = load(&format!("\u{FEFF}{HEAD}{BODY}")).expect("loads");
    assert_eq!(policy.id(), "x");
}

#[test]
fn a_nul_byte_is_located_where_it_is() {
    let yaml =
        format!("{HEAD}{BODY}notes:\n  - about: \"a\0b\"\n    reading: r\n");
    match load(&yaml) {
        Err(Error::Syntax { location, message }) => {
            assert_eq!((location.line, location.column), (Some(8), Some(14)));
            assert!(message.starts_with("U+0000 is not allowed"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn huge_values_are_never_echoed_whole() {
    for value in
        ["9".repeat(309), format!("\"{}\"", "y".repeat((1 << 20) - 200))]
    {
        let yaml = format!(
            "{HEAD}rules:\n  length: {{ min: 8, max: {value} }}\n  alphabet: [letters]\n"
        );
        let message = syntax_message(load(&yaml));
        assert!(message.len() < 300, "{} bytes", message.len());
        assert!(message.contains("more characters)"), "{message}");
    }
}

#[test]
fn a_duplicate_id_carries_where_each_is() {
    let mut catalog = passpolicy::Catalog::new();
    catalog
        .add(Policy::from_yaml(&format!("{HEAD}{BODY}"), "a.yaml").unwrap())
        .unwrap();
    let err = catalog
        .add(Policy::from_yaml(&format!("{HEAD}{BODY}"), "b.yaml").unwrap())
        .unwrap_err();
    match &err {
        Error::DuplicateId { first, second, .. } => {
            assert_eq!(
                (first.origin.as_str(), second.origin.as_str()),
                ("a.yaml", "b.yaml")
            );
            assert_eq!(first.field.as_deref(), Some("id"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn limits_are_typed_with_the_figure_and_the_limit() {
    let names: Vec<String> =
        ["ab", "cd"].iter().map(|p| p.repeat(550)).collect();
    let policy = load(&with_accounts(&names)).unwrap();
    let checker = passpolicy::Checker::new(&[&policy.variants()[0]]).unwrap();
    match passpolicy::Generator::new(&checker) {
        Err(Error::Limit(limit)) => {
            assert_eq!(limit.kind, passpolicy::LimitKind::PatternChars);
            assert_eq!((limit.given, limit.limit), (4400, 4096));
        }
        other => panic!("{:?}", other.err()),
    }
}

// --- Issue 10 item 20: the generator's own restriction, in the policy's unit

#[test]
fn the_generators_ascii_restriction_is_named_in_the_policys_unit() {
    let class = "classes:\n  cjk: { ranges: [\"一-龥\"] }\n";
    let bytes = Policy::from_yaml(
        &format!(
            "id: bytes\nvendor: v\nproduct: p\n{class}rules:\n  length: {{ min: 8, max: 64, unit: bytes }}\n  \
             alphabet: [cjk, letters]\n"
        ),
        "bytes.yaml",
    )
    .unwrap();
    let chars = Policy::from_yaml(
        &format!(
            "id: chars\nvendor: v\nproduct: p\n{class}rules:\n  length: {{ min: 1, max: 4 }}\n  \
             alphabet: [cjk, letters]\n"
        ),
        "chars.yaml",
    )
    .unwrap();
    let checker = passpolicy::Checker::new(&[
        &bytes.variants()[0],
        &chars.variants()[0],
    ])
    .unwrap();
    // check accepts four CJK characters (12 bytes) ...
    assert!(checker.check("中文中文").is_ok());
    // ... and generate says its own restriction is the obstacle.
    let message =
        passpolicy::Generator::new(&checker).expect_err("refused").to_string();
    assert!(message.contains("the generator's own restriction"), "{message}");
    assert!(
        message
            .contains("bytes 8 to 64 bytes (UTF-8); chars 1 to 4 characters"),
        "{message}"
    );
}
