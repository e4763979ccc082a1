//! Active Directory's five complexity categories (vendor-policies.md B17),
//! written with `categories:` and `exclude:` as windows-ad can state them
//! once it is merged: European upper case and lower case (Latin with
//! diacritics, Greek, Cyrillic), base-10 digits, the listed
//! non-alphanumeric characters, and "any Unicode alphabetic character that
//! is not upper or lower case" (CJK). The strict reading where the text is
//! loose: "European" is the Latin, Greek and Cyrillic blocks; the fifth is
//! General_Category Lo (not Lm or Lt); currency symbols count in none.

use passpolicy::{Checker, Policy};

/// The classes and the "three of five" rule, ready for policies/windows-ad.yaml.
const FIVE: &str = r##"
id: ad-five
vendor: t
product: t
classes:
  # Latin-1 Supplement, Latin Extended-A and -B, Greek and Coptic,
  # Cyrillic and its Supplement, Latin Extended Additional, Greek Extended
  # (Basic Latin's A-Z and a-z are Lu and Ll already).
  european_scripts:
    ranges: ["A-Z", "a-z", "\u00C0-\u024F", "\u0370-\u052F", "\u1E00-\u1FFF"]
  not_european:
    ranges: ["\x01-\U0010FFFF"]
    exclude: [european_scripts]
  # "Uppercase letters of European languages (A through Z, with diacritic
  # marks, Greek and Cyrillic characters)".
  european_upper:
    categories: [Lu]
    exclude: [not_european]
  # "Lowercase letters of European languages (a through z, sharp-s, with
  # diacritic marks, Greek and Cyrillic characters)".
  european_lower:
    categories: [Ll]
    exclude: [not_european]
  # "Non-alphanumeric characters: ~!@#$%^&*_-+=`|\(){}[]:;"'<>,.?/" —
  # "Currency symbols such as the Euro or British Pound are not counted".
  nonalphanumeric:
    chars: "~!@#$%^&*_-+=`|\\(){}[]:;\"'<>,.?/"
  # "Any Unicode character that is categorized as an alphabetic character
  # but is not uppercase or lowercase. This includes Unicode characters
  # from Asian languages."
  uncased_letters:
    categories: [Lo]
  any:
    ranges: ["\x01-\uD7FF", "\uE000-\U0010FFFF"]
rules:
  length: { min: 7, max: 256, unit: utf16 }
  alphabet: [any]
  classes_required:
    at_least: 3
    of: [european_upper, european_lower, digits, nonalphanumeric, uncased_letters]
"##;

#[test]
fn the_five_categories_as_ad_reads_them() {
    let policy = Policy::from_yaml(FIVE, "ad-five.yaml").unwrap();
    let checker = Checker::new(&[&policy.variants()[0]]).unwrap();
    let accepted = [
        ("Abcdef1", "ASCII upper, lower, digit"),
        ("ÀÉÎÕÜß1", "diacritics: upper, ß lower, digit"),
        ("ΩΣΔαβγ7", "Greek upper, lower, digit"),
        ("ЖДЯждя7", "Cyrillic upper, lower, digit"),
        ("中文abcd1", "CJK is the fifth category"),
        ("中文ABCD!", "fifth, upper, non-alphanumeric"),
        ("XYZ#1234", "the MS-SAMR erratum: W–Z count"),
        ("abc#中文x", "lower, non-alphanumeric, fifth"),
    ];
    for (pw, why) in accepted {
        assert!(checker.accepts(pw), "{pw:?}: {why}");
    }
    let refused = [
        ("abcdefg1", "two: lower, digit"),
        ("abc€€€12", "€ is not non-alphanumeric: lower, digit"),
        ("abc£££12", "£ neither"),
        ("ԱԲԳաբգ12", "Armenian is not European: digit only"),
        ("ǅǅǅabc12", "title case counts in none: lower, digit"),
        ("ʰʰʰabc12", "modifier letters (Lm) count in none"),
        ("abc   12", "space counts in none"),
        ("abc😀😀12", "emoji count in none"),
        (
            "١٢٣abcd",
            "Arabic-Indic digits are not 0–9, Arabic letters none: lower only",
        ),
    ];
    for (pw, why) in refused {
        assert!(!checker.accepts(pw), "{pw:?}: {why}");
    }
    // One character, one category: the five are disjoint.
    let r = policy.variants()[0].rules();
    for (i, a) in r.classes.iter().enumerate() {
        for b in &r.classes[i + 1..] {
            assert!(
                a.set.intersection(&b.set).is_empty(),
                "{} {}",
                a.name,
                b.name
            );
        }
    }
}
