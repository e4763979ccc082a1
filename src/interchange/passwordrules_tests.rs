//! Unit tests of the `passwordrules` parser: Apple's grammar and its
//! canonicalisation, one quirk at a time.

use super::*;

fn rules(text: &str) -> PasswordRules {
    parse(text).unwrap_or_else(|e| panic!("{text}: {e}")).0
}

fn err(text: &str) -> ParseError {
    parse(text).expect_err(text)
}

fn set(chars: &str) -> AppleSet {
    let b = chars.chars().fold(0u128, |b, c| b | 1 << (c as u32 - 0x20));
    AppleSet::from_bits(b).unwrap()
}

#[test]
fn merging_takes_the_strictest_lengths_and_runs() {
    let r = rules(
        "minlength: 6; minlength: 8; maxlength: 20; maxlength: 16; \
         max-consecutive: 3; max-consecutive: 2",
    );
    assert_eq!(r.min_length, 8);
    assert_eq!(r.max_length, Some(16));
    assert_eq!(r.max_consecutive, Some(2));
}

#[test]
fn no_allowed_and_no_required_means_ascii_printable() {
    assert_eq!(rules("minlength: 8;").allowed, AppleSet::AsciiPrintable);
    assert_eq!(rules("").allowed, AppleSet::AsciiPrintable);
}

#[test]
fn required_sets_are_copied_into_allowed() {
    let r = rules("required: digit; allowed: [ab]");
    assert_eq!(r.required, vec![set("0123456789")]);
    assert_eq!(r.allowed, set("0123456789ab"));
}

#[test]
fn the_first_of_unicode_and_ascii_printable_stands_for_the_list() {
    assert_eq!(
        rules("allowed: ascii-printable, unicode").allowed,
        AppleSet::AsciiPrintable
    );
    assert_eq!(rules("allowed: unicode, upper").allowed, AppleSet::Unicode);
    // The required set comes first in the merged list.
    assert_eq!(
        rules("required: upper, lower, digit, special; allowed: unicode")
            .allowed,
        AppleSet::AsciiPrintable
    );
}

#[test]
fn special_includes_space() {
    assert!(rules("allowed: special").allowed.contains(' '));
}

#[test]
fn custom_class_brackets_and_dashes() {
    assert_eq!(rules("allowed: [abc]]").allowed, set("abc]"));
    assert_eq!(rules("allowed: [-a]").allowed, set("-a"));
    assert_eq!(rules("allowed: []]").allowed, set("]"));
    assert_eq!(rules("allowed: [[]").allowed, set("["));
    assert_eq!(rules("allowed: [;,:]; minlength: 3").allowed, set(";,:"));
    // `a-z` is not a range: Apple's parser reads 'a' and 'z'.
    let (r, notes) = parse("allowed: [a-z]").unwrap();
    assert_eq!(r.allowed, set("az"));
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].column, 12);
}

#[test]
fn non_ascii_in_a_class_is_skipped_with_a_note() {
    let (r, notes) = parse("allowed: [ä!]").unwrap();
    assert_eq!(r.allowed, set("!"));
    assert!(notes[0].message.contains("'ä' is ignored"), "{notes:?}");
}

#[test]
fn class_names_are_case_insensitive_property_names_are_not() {
    assert_eq!(
        rules("required: Upper").required,
        vec![AppleSet::Chars(UPPER)]
    );
    let e = err("MinLength: 8");
    assert_eq!(e.column, 1);
    assert!(e.message.contains("unknown property 'MinLength'"), "{e}");
}

#[test]
fn errors_carry_the_column_and_what_was_expected() {
    let e = err("minlength: 8 ;");
    assert_eq!(e.column, 13);
    assert!(e.message.contains("expected ';' or the end"), "{e}");
    let e = err("minlength : 8");
    assert_eq!(e.column, 10);
    assert!(e.message.contains("expected ':'"), "{e}");
    let e = err("required: digit,");
    assert_eq!(e.column, 17);
    assert!(e.message.contains("expected a character class"), "{e}");
    let e = err("required: digits");
    assert_eq!(e.column, 11);
    assert!(e.message.contains("unknown character class 'digits'"), "{e}");
    let e = err("allowed: [abc");
    assert_eq!(e.column, 14);
    assert!(e.message.contains("opened at column 10"), "{e}");
    let e = err("required: ;");
    assert_eq!(e.column, 11);
    let e = err("maxlength: 0");
    assert!(e.message.contains("ignored by Apple's parser"), "{e}");
    let e = err("minlength: 8; ; maxlength: 9");
    assert_eq!(e.column, 15);
    let e = err("required: upper lower");
    assert_eq!(e.column, 17);
    assert!(err("allowed: []").message.contains("at least one"));
    assert!(err("minlength: 99999999999").message.contains("too large"));
    assert!(err("minlength: x").message.contains("expected a number"));
}

#[test]
fn display_is_canonical_and_parses_back() {
    for text in [
        "minlength: 8; required: lower, upper; required: digit;",
        "required: [-]]; allowed: [ab-]",
        "required: [A-]; max-consecutive: 2; maxlength: 30",
        "allowed: unicode; required: digit",
        "required: upper, lower, digit, special",
        "allowed: [a]; required: special",
    ] {
        let r = rules(text);
        let again = rules(&r.to_string());
        assert_eq!(again, r, "{text} -> {r}");
    }
    assert_eq!(
        rules("required: [-]]; allowed: [ab-]").to_string(),
        "required: [-]]; allowed: [-ab]]; ".to_string().trim_end()
    );
}
