//! Round trip: for every built-in policy and each of its variants,
//! `export passwordrules` → `import` gives a policy contained in the
//! original (proved with `compare`, exactly), and the exported string
//! parses back to itself.

mod common;

use passpolicy::interchange::passwordrules::parse;
use passpolicy::interchange::{export_passwordrules, import_passwordrules};
use passpolicy::{Catalog, Checker, Relation, compare};

#[test]
fn every_builtin_exports_to_a_rule_it_contains() {
    let catalog = Catalog::builtin();
    let all = common::selection_names(&catalog);
    assert!(all.len() >= 5);
    let ascii = passpolicy::Policy::from_yaml(
        "id: printable-ascii\nvendor: t\nproduct: t\nrules:\n  alphabet: \
         [ascii_printable]\n",
        "ascii.yaml",
    )
    .unwrap();
    for r in &all {
        let checker = catalog.checker(&[r]).unwrap();
        let export = export_passwordrules(&checker)
            .unwrap_or_else(|e| panic!("{r}: {e}"));
        let text = export.rules.to_string();
        assert_eq!(parse(&text).unwrap().0, export.rules, "{r}: {text}");
        let imported = import_passwordrules(&text, "back", None, None)
            .unwrap_or_else(|e| panic!("{r}: {text}: {e}"));
        // The export is printable ASCII: being inside the selection is
        // being inside its printable-ASCII part, which keeps an open
        // alphabet (mysql-validate-password) countable, as `export` does.
        let mut original = catalog.select(&[r]).unwrap();
        original.push(&ascii.variants()[0]);
        let back = [&imported.policy.variants()[0]];
        // Which holds only while the export stays inside printable ASCII.
        let printable =
            passpolicy::CharSet::builtin("ascii_printable").unwrap();
        assert!(
            back[0].rules().alphabet.difference(&printable).is_empty(),
            "{r}"
        );
        let c = compare(&Checker::builder(), &back, &original).unwrap();
        assert!(
            matches!(c.relation(), Relation::Subset | Relation::Equal),
            "{r}: {text} is {:?} the original; a password only the export \
             accepts: {:?}",
            c.relation(),
            c.example_only_a(&mut rand::rng())
                .unwrap()
                .map(|p| p.as_str().to_string())
        );
        // The stricter rule still leaves passwords to choose from.
        assert!(!c.both().is_zero(), "{r}: {text}");
        eprintln!("{r}: {text} ({} tightenings)", export.tightenings.len());
    }
}

#[test]
fn tightenings_for_what_the_language_cannot_say() {
    let yaml = "
id: rich
vendor: t
product: t
variants:
  v:
    accounts: [admin]
    rules:
      length: { min: 10, max: 20 }
      alphabet: [letters, digits, ascii_punctuation]
      classes_required: { at_least: 2, of: [lower, upper, digits] }
      min_counts: { digits: 3 }
      forbidden_first: '/-'
      forbidden_last: '!'
      username: { contains: true }
      max_run: 2
      deny: ['Password123456', 'abcdefghijklmnopqrs1']
";
    let mut catalog = Catalog::new();
    catalog
        .add(passpolicy::Policy::from_yaml(yaml, "rich.yaml").unwrap())
        .unwrap();
    let checker = catalog.checker(&["rich"]).unwrap();
    let export = export_passwordrules(&checker).unwrap();
    let t = export.tightenings.join("\n");
    for expected in [
        "no leading \"-/\"",
        "no trailing \"!\"",
        "2 of 3 classes (lower, upper, digits) → all of lower, upper",
        "at least 3 of class digits → one from each of 3 disjoint parts",
        "must not contain the user name \"admin\" → \"Aa\" not allowed",
    ] {
        assert!(t.contains(expected), "missing {expected:?} in\n{t}");
    }
    let text = export.rules.to_string();
    assert!(text.contains("max-consecutive: 2"), "{text}");
    let imported = import_passwordrules(&text, "back", None, None).unwrap();
    let c = compare(
        &Checker::builder(),
        &[&imported.policy.variants()[0]],
        &catalog.select(&["rich"]).unwrap(),
    )
    .unwrap();
    assert_eq!(c.relation(), Relation::Subset, "{text}");
}

#[test]
fn a_user_name_is_matched_as_the_checker_folds_it() {
    // U+212A KELVIN SIGN folds to 'k': the policy refuses "…kat…", so the
    // export must take 'k' and 'K' out, though the name has neither.
    let catalog = Catalog::builtin();
    let variants = catalog.select(&["huawei-clouddc/linux"]).unwrap();
    let builder = Checker::builder().user("\u{212A}at");
    let checker = builder.build(&variants).unwrap();
    assert!(!checker.accepts("Abc123!katXY"));
    let export = export_passwordrules(&checker).unwrap();
    assert!(
        export.tightenings.iter().any(|t| t.contains("→ \"Kk\" not allowed")),
        "{:?}",
        export.tightenings
    );
    let text = export.rules.to_string();
    let imported = import_passwordrules(&text, "back", None, None).unwrap();
    let c = compare(&builder, &[&imported.policy.variants()[0]], &variants)
        .unwrap();
    assert_eq!(c.relation(), Relation::Subset, "{text}");
}
