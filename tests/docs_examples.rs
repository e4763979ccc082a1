//! The examples in the docs are real: each YAML block in
//! `docs/policy-language.md` must load and compile.

use passpolicy::{Checker, Policy};

#[test]
fn policy_language_example_compiles() {
    let doc = include_str!("../docs/policy-language.md");
    let blocks: Vec<&str> = doc
        .split("```yaml\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .filter(|b| b.starts_with("id:"))
        .collect();
    assert_eq!(blocks.len(), 1, "expected one complete example");
    let policy = Policy::from_yaml(blocks[0], "docs/policy-language.md")
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
