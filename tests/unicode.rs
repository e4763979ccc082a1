//! Rendering characters safely, by Unicode properties (issue 10 items 16
//! and 17): every class of code point the audit listed is written as a code
//! point in messages, and free text from policy files reaches the terminal
//! without controls or bidirectional overrides.

use passpolicy::{Catalog, Lang, Policy, describe_char, escape_for_terminal};

fn code_point_only(c: char) -> bool {
    describe_char(c) == format!("U+{:04X}", u32::from(c))
}

#[test]
fn every_listed_invisible_class_is_a_code_point_alone() {
    let listed = [
        ('\u{061C}', "Cf: Arabic letter mark"),
        ('\u{00AD}', "Cf: soft hyphen"),
        ('\u{034F}', "Mn, default ignorable: combining grapheme joiner"),
        ('\u{115F}', "Lo, default ignorable: Hangul choseong filler"),
        ('\u{1160}', "Lo, default ignorable: Hangul jungseong filler"),
        ('\u{17B4}', "Mn, default ignorable: Khmer vowel inherent aq"),
        ('\u{180E}', "Cf: Mongolian vowel separator"),
        ('\u{3164}', "Lo, default ignorable: Hangul filler"),
        ('\u{FE0F}', "Mn: variation selector 16"),
        ('\u{FFA0}', "Lo, default ignorable: halfwidth Hangul filler"),
        ('\u{FFF9}', "Cf: interlinear annotation anchor"),
        ('\u{1D173}', "Cf: musical symbol begin beam"),
        ('\u{E0100}', "Mn: variation selector 17"),
        ('\u{E000}', "Co: private use"),
        ('\u{F0000}', "Co: supplementary private use A"),
        ('\u{10FFFD}', "Co: supplementary private use B"),
        ('\u{FDD0}', "Cn: noncharacter"),
        ('\u{FFFE}', "Cn: noncharacter"),
        ('\u{10FFFF}', "Cn: noncharacter"),
        ('\u{0378}', "Cn: unassigned"),
        ('\u{0301}', "Mn: combining acute accent"),
        ('\u{20DD}', "Me: combining enclosing circle"),
        ('\u{2028}', "Zl: line separator"),
        ('\u{2029}', "Zp: paragraph separator"),
        ('\u{00A0}', "Zs: no-break space"),
        ('\u{3000}', "Zs: ideographic space"),
        (' ', "Zs: space (as before)"),
        ('\u{1B}', "Cc: escape"),
        ('\u{7F}', "Cc: delete"),
        ('\u{85}', "Cc: next line"),
        ('\u{202E}', "Cf: right-to-left override"),
        ('\u{2066}', "Cf: left-to-right isolate"),
        ('\u{200B}', "Cf: zero width space"),
        ('\u{FEFF}', "Cf: byte order mark"),
    ];
    for (c, what) in listed {
        assert!(code_point_only(c), "{what}: {}", describe_char(c));
    }
    // Tags, U+E0020 to U+E007F (Cf).
    for c in '\u{E0020}'..='\u{E007F}' {
        assert!(code_point_only(c), "tag {}", describe_char(c));
    }
}

#[test]
fn visible_characters_are_quoted() {
    for c in
        ['a', 'Z', '7', '!', '~', 'é', 'ß', 'Ω', '中', '€', '😀', '\u{115A}']
    {
        assert_eq!(describe_char(c), format!("U+{:04X} '{c}'", u32::from(c)));
    }
}

#[test]
fn terminal_text_escapes_controls_and_bidi() {
    let cases = [
        ("plain", "plain"),
        ("Café 腾讯云", "Café 腾讯云"),
        // A letter with a combining mark stays as it is in free text.
        ("Cafe\u{301}", "Cafe\u{301}"),
        ("a\u{1B}[31mred", "a\\u{1B}[31mred"),
        ("\u{1B}]0;title\u{7}", "\\u{1B}]0;title\\u{7}"),
        ("\u{9B}2J", "\\u{9B}2J"),
        ("abc\u{202E}fed", "abc\\u{202E}fed"),
        ("x\u{2066}y\u{2069}", "x\\u{2066}y\\u{2069}"),
        ("zero\u{200B}width", "zero\\u{200B}width"),
        ("line\nbreak\rhere\u{2028}", "line\\u{A}break\\u{D}here\\u{2028}"),
        ("fill\u{3164}er", "fill\\u{3164}er"),
    ];
    for (text, want) in cases {
        assert_eq!(escape_for_terminal(text), want, "{text:?}");
    }
}

#[test]
fn explain_text_escapes_metadata_from_the_policy_file() {
    let yaml = "id: evil\nvendor: \"Evil\\e[2J Cloud\"\nproduct: \"VM\\u202Eexe.txt\"\n\
                rules:\n  length: { min: 8, max: 16 }\n  alphabet: [letters]\n\
                notes:\n  - about: \"bell\\a\"\n    reading: \"osc\\e]0;pwned\\a\"\n";
    let policy = Policy::from_yaml(yaml, "evil.yaml").unwrap();
    let mut catalog = Catalog::new();
    catalog.add(policy).unwrap();
    let text = catalog.explain(&["evil"], Lang::En).unwrap().to_string();
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n' || c == '\u{202E}'),
        "{text:?}"
    );
    assert!(
        text.contains("Evil\\u{1B}[2J Cloud, VM\\u{202E}exe.txt"),
        "{text}"
    );
    assert!(text.contains("osc\\u{1B}]0;pwned\\u{7}"), "{text}");
}
