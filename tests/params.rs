//! Policy parameters (issue 11, "What the language must gain" 1): typed
//! declarations with defaults, references in rules, `when` blocks, the
//! values a caller gives and every way a value can be wrong.

use passpolicy::params::{MAX_PARAMETER_FILE_BYTES, Value};
use passpolicy::{
    Catalog, Checker, Code, Error, Lang, LimitKind, Params, Policy,
};

/// A policy with one parameter of each kind, used throughout.
const POLICY: &str = r#"
id: param-test
vendor: Example
product: Database
parameters:
  level:
    type: enum
    values: [LOW, HIGH]
    aliases: { "0": LOW, "1": HIGH }
    default: HIGH
    about: how strict
  length: { type: integer, min: 1, max: 64, default: 8 }
  digits: { type: integer, min: 0, max: 10, default: 1 }
  strict: { type: boolean, default: false }
  words: { type: file }
rules:
  length:
    min: { max_of: [{ param: length }, { sum_of: [{ param: digits }, 1] }] }
    max: 64
  alphabet: [letters, digits]
when:
  - if: { level: HIGH }
    rules:
      min_counts: { digits: { param: digits } }
  - if: { strict: true }
    rules:
      max_run: 2
  - if: { words: true }
    rules:
      deny: { param: words }
"#;

fn policy() -> Policy {
    Policy::from_yaml(POLICY, "param-test.yaml").unwrap()
}

fn bind(pairs: &[(&str, &str)]) -> Result<Policy, Error> {
    let mut params = Params::new();
    for (n, v) in pairs {
        params.set(*n, *v);
    }
    policy().bind(&params)
}

fn checker(p: &Policy) -> Checker {
    Checker::new(&[&p.variants()[0]]).unwrap()
}

#[test]
fn defaults_bind_when_nothing_is_given() {
    let p = policy();
    let rules = p.variants()[0].rules();
    assert_eq!(rules.length.min, 8);
    assert_eq!(rules.min_counts.len(), 1, "HIGH requires the digits");
    assert_eq!(rules.max_run, None);
    assert!(rules.deny.is_empty(), "no file: the block is off");
    let names: Vec<&str> = p
        .metadata()
        .parameters
        .iter()
        .map(|b| b.parameter.name.as_str())
        .collect();
    assert_eq!(names, ["level", "length", "digits", "strict", "words"]);
    assert!(p.metadata().parameters.iter().all(|b| !b.given));
    // Binding nothing gives the same rules.
    let again = p.bind(&Params::new()).unwrap();
    assert_eq!(again.variants()[0].rules(), rules);
}

#[test]
fn values_reach_the_rules() {
    let p = bind(&[("length", "12"), ("strict", "ON")]).unwrap();
    let rules = p.variants()[0].rules();
    assert_eq!(rules.length.min, 12);
    assert_eq!(rules.max_run, Some(2));
    let c = checker(&p);
    assert!(c.check("abcdefghijk1").is_ok());
    assert!(c.check("abcdefghij1").has(Code::TooShort));
    assert!(c.check("aaabcdefghij1").has(Code::RepeatedCharacter));
}

#[test]
fn enum_values_and_aliases_in_any_case() {
    for low in ["LOW", "low", "Low", "0"] {
        let p = bind(&[("level", low)]).unwrap();
        assert!(p.variants()[0].rules().min_counts.is_empty(), "{low}");
        assert!(checker(&p).check("abcdefgh").is_ok());
    }
    for high in ["HIGH", "high", "1"] {
        let p = bind(&[("level", high)]).unwrap();
        assert!(checker(&p).check("abcdefgh").has(Code::TooFewOfClass));
    }
}

#[test]
fn booleans_in_every_spelling() {
    for (text, on) in [
        ("ON", true),
        ("on", true),
        ("true", true),
        ("TRUE", true),
        ("1", true),
        ("OFF", false),
        ("off", false),
        ("false", false),
        ("0", false),
    ] {
        let p = bind(&[("strict", text)]).unwrap();
        assert_eq!(p.variants()[0].rules().max_run.is_some(), on, "{text}");
    }
}

/// The effective minimum is the larger of the two terms, and a count
/// bound to 0 removes the requirement instead of being an error.
#[test]
fn expressions_and_zero_counts() {
    let p = bind(&[("length", "3"), ("digits", "5")]).unwrap();
    assert_eq!(p.variants()[0].rules().length.min, 6);
    let p = bind(&[("digits", "0")]).unwrap();
    assert!(p.variants()[0].rules().min_counts.is_empty());
    assert!(checker(&p).check("abcdefgh").is_ok());
}

#[test]
fn unknown_names_are_errors_with_suggestions() {
    match bind(&[("lenght", "3")]) {
        Err(Error::UnknownParameter { name, suggestions, known, .. }) => {
            assert_eq!(name, "lenght");
            assert_eq!(suggestions, ["length"]);
            assert_eq!(known.len(), 5);
        }
        other => panic!("{other:?}"),
    }
    // A name close to none is not repeated: it may be a password.
    let e = bind(&[("Tr0ub4dor&3", "x")]).unwrap_err();
    assert!(!e.to_string().contains("Tr0ub4dor"), "{e}");
    assert!(e.to_string().contains("level, length, digits"), "{e}");
    // A policy without parameters takes none.
    let mut params = Params::new();
    params.set("length", "8");
    let catalog = Catalog::builtin();
    let e = catalog.select_with(&["tencent-cvm"], &params).unwrap_err();
    assert!(matches!(e, Error::UnknownParameter { .. }), "{e:?}");
    assert!(e.to_string().contains("has no parameters"), "{e}");
}

#[test]
fn bad_values_name_the_parameter_and_its_values_not_the_value() {
    for (name, value, allowed) in [
        ("level", "MEDIUM", "LOW, HIGH (0 = LOW, 1 = HIGH); any case"),
        ("level", "2", "LOW, HIGH"),
        ("length", "0", "an integer from 1 to 64"),
        ("length", "65", "an integer from 1 to 64"),
        ("length", "eight", "an integer from 1 to 64"),
        ("strict", "yes", "ON or OFF"),
    ] {
        let e = bind(&[(name, value)]).unwrap_err();
        let text = e.to_string();
        assert!(matches!(e, Error::BadParameter { .. }), "{e:?}");
        assert!(text.contains(&format!("parameter '{name}'")), "{text}");
        assert!(text.contains(allowed), "{text}");
        assert!(!text.contains(value) || value.len() < 2, "{text}");
    }
    let e = bind(&[("strict", "ON"), ("strict", "OFF")]).unwrap_err();
    assert!(e.to_string().contains("more than once"), "{e}");
    let mut p = Params::new();
    assert!(matches!(
        p.set_assignment("no-equals-sign"),
        Err(Error::BadParameter { .. })
    ));
    assert!(p.set_assignment("=x").is_err());
    p.set_assignment("length=12").unwrap();
    assert_eq!(p.names().collect::<Vec<_>>(), ["length"]);
}

#[test]
fn file_parameters_are_read_with_limits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("words.txt");
    std::fs::write(&path, "Secret1\nhunter22\n").unwrap();
    let p = bind(&[("words", path.to_str().unwrap())]).unwrap();
    assert_eq!(p.variants()[0].rules().deny, ["Secret1", "hunter22"]);
    let c = checker(&p);
    assert!(c.check("hunter22").has(Code::DeniedValue));
    let bound = &p.metadata().parameters[4];
    assert!(bound.given);
    assert!(
        matches!(&bound.value, Some(Value::File { lines, .. }) if lines.len() == 2)
    );

    // Missing, not UTF-8, too large, not a regular file.
    let missing = dir.path().join("missing.txt");
    let e = bind(&[("words", missing.to_str().unwrap())]).unwrap_err();
    assert!(matches!(e, Error::Io { .. }), "{e:?}");
    assert!(e.to_string().contains("missing.txt"), "{e}");
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"caf\xe9\n").unwrap();
    let e = bind(&[("words", latin1.to_str().unwrap())]).unwrap_err();
    assert!(matches!(e, Error::ParameterFile { .. }), "{e:?}");
    assert!(e.to_string().contains("latin1.txt"), "{e}");
    assert!(e.to_string().contains("not UTF-8"), "{e}");
    let big = dir.path().join("big.txt");
    std::fs::write(&big, vec![b'a'; MAX_PARAMETER_FILE_BYTES + 1]).unwrap();
    match bind(&[("words", big.to_str().unwrap())]) {
        Err(Error::Limit(l)) => {
            assert_eq!(l.kind, LimitKind::ParameterFile);
            assert_eq!(l.limit, MAX_PARAMETER_FILE_BYTES as u64);
        }
        other => panic!("{other:?}"),
    }
    let e = bind(&[("words", dir.path().to_str().unwrap())]).unwrap_err();
    assert!(e.to_string().contains("not a regular file"), "{e}");
    // A file parameter given a file's text directly.
    let mut params = Params::new();
    params.set_file_text("words", "<inline>", "x1y2z3\n");
    let p = policy().bind(&params).unwrap();
    assert_eq!(p.variants()[0].rules().deny, ["x1y2z3"]);
    // A text value for a file parameter is its path; file text for
    // another kind is an error.
    let mut params = Params::new();
    params.set_file_text("length", "<inline>", "12");
    assert!(matches!(policy().bind(&params), Err(Error::BadParameter { .. })));
}

/// Values that make rules that do not compile say which values.
#[test]
fn values_that_break_the_rules_are_reported_with_them() {
    let text = POLICY.replace("max: 64\n  alphabet", "max: 10\n  alphabet");
    let p = Policy::from_yaml(&text, "t.yaml").unwrap();
    let mut params = Params::new();
    params.set("length", "20");
    let e = p.bind(&params).unwrap_err();
    let s = e.to_string();
    assert!(s.contains("with the parameters given (length=20)"), "{s}");
    assert!(s.contains("greater than max 10"), "{s}");
}

#[test]
fn bad_declarations_are_located() {
    for (bad, what) in [
        ("  strict: { type: boolean, default: maybe }", "the default is not"),
        ("  strict: { type: integer, default: 1 }", "needs `max`"),
        ("  strict: { type: colour, default: 1 }", "unknown variant"),
    ] {
        let text =
            POLICY.replace("  strict: { type: boolean, default: false }", bad);
        let e = Policy::from_yaml(&text, "t.yaml").unwrap_err();
        let s = e.to_string();
        assert!(s.contains("parameters.strict"), "{s}");
        assert!(s.contains(what), "{s}");
    }
    for (from, to, what) in [
        ("{ level: HIGH }", "{ levels: HIGH }", "no declared parameter"),
        ("{ level: HIGH }", "{ level: MEDIUM }", "does not take"),
        ("{ param: digits } }", "{ param: digit } }", "no declared"),
    ] {
        let text = POLICY.replace(from, to);
        let e = Policy::from_yaml(&text, "t.yaml").unwrap_err();
        assert!(e.to_string().contains(what), "{e}");
    }
}

#[test]
fn explain_lists_values_and_defaults() {
    let mut catalog = Catalog::new();
    catalog.add(policy()).unwrap();
    let mut params = Params::new();
    params.set("length", "12");
    let e = catalog.explain_with(&["param-test"], &params, Lang::En).unwrap();
    let v = &e.variants[0];
    let length = v.parameters.iter().find(|p| p.name == "length").unwrap();
    assert_eq!(
        (length.value.as_deref(), length.default.as_deref(), length.given),
        (Some("12"), Some("8"), true)
    );
    assert!(v.facts.iter().any(|f| f
        == "parameter length = 12 (given; default 8; takes an integer from 1 to 64)"));
    assert!(v.facts.iter().any(|f| {
        f.starts_with("parameter level = HIGH (the default; takes LOW, HIGH")
    }));
    assert!(v.facts.iter().any(|f| f.starts_with("parameter words = unset")));
    let zh = catalog.explain_with(&["param-test"], &params, Lang::Zh).unwrap();
    assert!(
        zh.variants[0]
            .facts
            .iter()
            .any(|f| f.starts_with("参数 length = 12（已指定"))
    );
}

/// `select_with` binds each selected policy with the parameters it
/// declares; a name only one of them declares is fine.
#[test]
fn select_with_binds_each_policy() {
    let mut catalog = Catalog::builtin();
    catalog.add(policy()).unwrap();
    let mut params = Params::new();
    params.set("length", "20");
    let v = catalog.select_with(&["param-test", "tencent-cvm/linux"], &params);
    let v = v.unwrap();
    assert_eq!(v.len(), 2);
    assert_eq!(v[0].rules().length.min, 20);
    assert_eq!(v[1].label(), "tencent-cvm/linux");
}
