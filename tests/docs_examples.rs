//! The examples in the docs are real: each YAML block in
//! `docs/policy-language.md` must load and compile.

use passpolicy::{Checker, Code, Params, Policy};

#[test]
fn policy_language_example_compiles() {
    let doc = include_str!("../docs/policy-language.md");
    let blocks: Vec<&str> = doc
        .split("```yaml\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .filter(|b| b.starts_with("id:"))
        .collect();
    assert_eq!(
        blocks.len(),
        2,
        "expected the parameters example and the complete example"
    );
    let policy = Policy::from_yaml(blocks[1], "docs/policy-language.md")
        .unwrap_or_else(|e| panic!("{e}"));
    let variants: Vec<_> = policy.variants().iter().collect();
    let checker = Checker::new(&variants).unwrap();
    assert!(checker.check("Correct-Horse-9").is_ok());
    assert!(!checker.check("P@ssw0rd").is_ok());
    // `consecutive: 3`: "tor" of Administrator, on the Windows variant only.
    let v = checker.check("Monitor@2024");
    assert_eq!(
        v.codes().collect::<Vec<_>>(),
        [passpolicy::Code::ContainsPartOfUsername]
    );
    assert!(checker.check("Monit0r@2024").is_ok());
}

/// The parameters example: defaults, an alias, a count, the effective
/// length and a dictionary given as a file's text.
#[test]
fn parameters_example_binds() {
    let doc = include_str!("../docs/policy-language.md");
    let block = doc
        .split("```yaml\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .find(|b| b.starts_with("id: example-db"))
        .expect("the parameters example");
    let policy = Policy::from_yaml(block, "docs/policy-language.md")
        .unwrap_or_else(|e| panic!("{e}"));
    let check = |params: &Params, pw: &str| -> Vec<Code> {
        let bound = policy.bind(params).unwrap();
        let checker = Checker::new(&[&bound.variants()[0]]).unwrap();
        checker.check(pw).codes().collect()
    };
    // STRONG by default: a digit, an upper and a lower case letter.
    assert_eq!(check(&Params::new(), "abcdefgh"), [Code::TooFewOfClass]);
    assert!(check(&Params::new(), "Abcdefg1").is_empty());
    // "0" is LOW: length 12 alone.
    let mut low = Params::new();
    low.set("policy", "0").set("length", "12");
    assert!(check(&low, "abcdefghijkl").is_empty());
    assert_eq!(check(&low, "abcdefghijk"), [Code::TooShort]);
    // The effective length: max(3, 5 + 2) = 7.
    let mut counts = Params::new();
    counts.set("length", "3").set("digits", "5");
    assert_eq!(
        policy.bind(&counts).unwrap().variants()[0].rules().length.min,
        7
    );
    // The dictionary, from a file's text: four bytes or more, any case.
    let mut words = Params::new();
    words.set_file_text("words", "words.txt", "dragon\nabc\n");
    assert_eq!(check(&words, "xDRAGON1y"), [Code::DictionaryWord]);
    assert!(check(&words, "Abc12345").is_empty());
}

/// The `categories:` / `exclude:` example (.NET's `[\W_]`) means what the
/// text beside it says: é is not special; space, `-`, `_` and 😀 are.
#[test]
fn policy_language_category_example_means_what_it_says() {
    let doc = include_str!("../docs/policy-language.md");
    let block = doc
        .split("```yaml\n")
        .filter_map(|b| b.split("```").next())
        .find(|b| b.starts_with("classes:\n  dotnet_word"))
        .expect("the category example");
    let yaml = format!(
        "id: ex\nvendor: t\nproduct: t\n{block}rules:\n  alphabet: \
         [dotnet_word, special]\n  min_counts: {{ special: 1 }}\n"
    );
    let policy = Policy::from_yaml(&yaml, "docs/policy-language.md")
        .unwrap_or_else(|e| panic!("{e}"));
    let checker = Checker::new(&[&policy.variants()[0]]).unwrap();
    for special in [" ", "-", "_", "😀", "¿"] {
        assert!(checker.accepts(&format!("abé{special}")), "{special:?}");
    }
    for word in ["é", "a", "Ω", "中", "٣"] {
        assert!(!checker.accepts(&format!("ab{word}")), "{word:?}");
    }
}
