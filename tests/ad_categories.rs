//! windows-ad's five complexity categories (vendor-policies.md B17) as the
//! policy states them with `categories:` and `exclude:`: European upper and
//! lower case (Latin with diacritics, Greek, Cyrillic), base-10 digits, the
//! listed non-alphanumeric characters, and "any Unicode alphabetic
//! character that is not upper or lower case" (Lo: CJK). One character
//! satisfies one category.

use passpolicy::Catalog;

#[test]
fn the_five_categories_are_disjoint_and_as_ad_reads_them() {
    let catalog = Catalog::builtin();
    let checker = catalog.checker(&["windows-ad"]).unwrap();
    let rules = checker.targets()[0].rules();
    let of: Vec<&str> = rules
        .classes_required
        .as_ref()
        .unwrap()
        .of
        .iter()
        .map(|&i| rules.classes[i].name.as_str())
        .collect();
    assert_eq!(
        of,
        [
            "european_upper",
            "european_lower",
            "digits",
            "nonalphanumeric",
            "uncased_letters"
        ]
    );
    // One character, one category.
    let sets: Vec<_> = rules.classes.iter().map(|c| &c.set).collect();
    for (i, a) in sets.iter().enumerate() {
        for b in &sets[i + 1..] {
            assert!(a.intersection(b).is_empty());
        }
    }
    let class = |name: &str| {
        &rules.classes.iter().find(|c| c.name == name).unwrap().set
    };
    for c in ['A', 'Z', 'À', 'Ω', 'Ж', 'Ā'] {
        assert!(class("european_upper").contains(c), "{c}");
    }
    for c in ['a', 'ß', 'é', 'ω', 'ж', 'ā'] {
        assert!(class("european_lower").contains(c), "{c}");
    }
    for c in ['中', 'ア', 'ا', 'א'] {
        assert!(class("uncased_letters").contains(c), "{c}");
    }
    // Counted in none: Armenian capitals, title case, modifier letters,
    // full-width Latin, currency, Arabic-Indic digits, space, emoji.
    for c in ['Ա', 'ǅ', 'ʰ', 'Ａ', '€', '£', '٣', ' ', '😀'] {
        assert!(sets.iter().all(|s| !s.contains(c)), "{c}");
        assert!(rules.alphabet.contains(c), "{c} is allowed");
    }
}
