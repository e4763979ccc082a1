//! The UTF-16 length unit (.NET and Windows count string lengths in code
//! units: Azure, AD, SQL Server), counted alike by the checker on both
//! paths, the reference interpreter, the violation details, explain and
//! the generator, with characters above U+FFFF (two units each).

use passpolicy::{
    Catalog, Checker, Code, Detail, Generator, Lang, LengthUnit, Policy,
    reference,
};

/// 4–6 UTF-16 code units over printable ASCII, emoji and 𝐀–𝐙.
const POLICY: &str = r##"
id: utf16
vendor: t
product: t
classes:
  emoji: { ranges: ["\U0001F600-\U0001F64F"] }
  bold: { ranges: ["\U0001D400-\U0001D419"] }
rules:
  length: { min: 4, max: 6, unit: utf16 }
  alphabet: [ascii_printable, emoji, bold]
"##;

fn checker() -> Checker {
    let policy = Policy::from_yaml(POLICY, "utf16.yaml").unwrap();
    Checker::new(&policy.variants().iter().collect::<Vec<_>>()).unwrap()
}

/// (password, its length in UTF-16 code units, the codes it fails for).
const CASES: &[(&str, u32, &[Code])] = &[
    ("abcd", 4, &[]),
    ("abc", 3, &[Code::TooShort]),
    ("abcdef", 6, &[]),
    ("abcdefg", 7, &[Code::TooLong]),
    // Three characters, four units: long enough.
    ("a😀b", 4, &[]),
    // Two characters, four units.
    ("😀😀", 4, &[]),
    ("😀😀😀", 6, &[]),
    // Four characters, seven units: too long though four is allowed.
    ("😀😀😀a", 7, &[Code::TooLong]),
    ("𝐀𝐁𝐂a", 7, &[Code::TooLong]),
    // One character, two units.
    ("😀", 2, &[Code::TooShort]),
    ("a😀", 3, &[Code::TooShort]),
    // BMP non-ASCII is one unit (and not allowed here).
    ("abcé", 4, &[Code::DisallowedCharacter]),
    ("", 0, &[Code::TooShort]),
];

#[test]
fn checker_reference_and_details_count_code_units() {
    let checker = checker();
    let rules = checker.targets()[0].rules();
    assert_eq!(rules.length.unit, LengthUnit::Utf16);
    for &(password, units, want) in CASES {
        assert_eq!(password.encode_utf16().count() as u32, units);
        let got: Vec<Code> = checker.check(password).codes().collect();
        assert_eq!(got, want, "{password:?}");
        assert_eq!(reference::violations(rules, &[], password), want);
        // The length detail reports code units, on the path that made it.
        for v in checker.violations(password) {
            if let Detail::Length { actual, min, max, unit } = v.detail {
                assert_eq!((actual, min, max), (units, 4, 6), "{password:?}");
                assert_eq!(unit, LengthUnit::Utf16);
                let m = v.message(Lang::En);
                assert!(m.contains("UTF-16"), "{m}");
            }
        }
    }
}

#[test]
fn explain_says_utf16_code_units() {
    let policy = Policy::from_yaml(POLICY, "utf16.yaml").unwrap();
    let mut catalog = Catalog::builtin();
    catalog.add(policy).unwrap();
    let en = catalog.explain(&["utf16"], Lang::En).unwrap();
    assert_eq!(en.variants[0].rules[0], "4–6 UTF-16 code units");
    let zh = catalog.explain(&["utf16"], Lang::Zh).unwrap();
    assert!(zh.variants[0].rules[0].contains("UTF-16"), "{:?}", zh.variants);
}

/// The generator draws ASCII only (one unit each) and says so; the count
/// at each length is then the number of ASCII strings of that length.
#[test]
fn the_generator_draws_one_unit_characters() {
    let checker = checker();
    let generator = Generator::new(&checker).unwrap();
    assert_eq!(generator.length_bounds(), (4, 6));
    assert!(generator.alphabet().is_ascii());
    assert_eq!(generator.alphabet_len(), 95);
    let note = generator.alphabet_note().unwrap();
    assert!(note.contains("UTF-16"), "{note}");
    for len in 4..=6u32 {
        let count = generator.count(len).unwrap().to_u128().unwrap();
        assert_eq!(count, 95u128.pow(len));
        let p = generator.sampler(len).unwrap().generate_os();
        assert_eq!(p.as_str().encode_utf16().count(), len as usize);
        assert!(checker.accepts(p.as_str()));
    }
}

/// Against a policy counting characters: each target measures in its own
/// unit (`a😀😀` is 3 characters, 5 code units).
#[test]
fn each_target_measures_in_its_own_unit() {
    let chars = Policy::from_yaml(
        "id: chars\nvendor: t\nproduct: t\nclasses:\n  emoji: { ranges: \
         [\"\\U0001F600-\\U0001F64F\"] }\nrules:\n  length: { min: 4, max: 5 \
         }\n  alphabet: [ascii_printable, emoji]\n",
        "chars.yaml",
    )
    .unwrap();
    let utf16 = Policy::from_yaml(POLICY, "utf16.yaml").unwrap();
    let both =
        Checker::new(&[&chars.variants()[0], &utf16.variants()[0]]).unwrap();
    let r = both.report("a😀😀");
    assert_eq!(r.targets_failing(Code::TooShort), 0b01, "chars: 3 < 4");
    assert_eq!(r.targets_failing(Code::TooLong), 0);
    let r = both.report("a😀😀😀");
    assert_eq!(r.targets_failing(Code::TooLong), 0b10, "utf16: 7 > 6");
    // 4 characters, 7 units; 4 characters, 5 units.
    assert!(!both.accepts("a😀😀😀"));
    assert!(both.accepts("ab😀a"));
}

/// The catalog's UTF-16 policies: an emoji counts two toward Azure's
/// maximum, a BMP letter one.
#[test]
fn azure_counts_astral_characters_twice() {
    let catalog = Catalog::builtin();
    let linux = catalog.checker(&["azure-vm/linux"]).unwrap();
    // 4 + 34 emoji = 38 characters, 72 units: the maximum exactly.
    let at_max = format!("Ab1!{}", "😀".repeat(34));
    assert!(linux.accepts(&at_max));
    let over = format!("Ab1!{}", "😀".repeat(35));
    assert_eq!(over.chars().count(), 39);
    assert_eq!(
        linux.check(&over).codes().collect::<Vec<_>>(),
        [Code::TooLong]
    );
    let bmp = format!("Ab1!{}", "é".repeat(68));
    assert!(linux.accepts(&bmp), "72 characters, 72 units");
}
