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
    assert!(
        message.contains("the user names add up to 4400 characters")
            && message.contains("limit of 4096"),
        "{message}"
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
