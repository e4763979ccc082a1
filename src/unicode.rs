//! Which characters may be printed as themselves, by Unicode properties.
//!
//! One definition, from the generated tables in `unicode_tables.rs`
//! (Unicode Character Database, version [`UNICODE_VERSION`]):
//!
//! - in messages, a character is shown as itself only when it is visible
//!   on its own: controls, format characters (bidirectional controls,
//!   zero-width characters, tags), private use, unassigned code points and
//!   noncharacters, line and paragraph separators, spaces, combining marks
//!   (which would fuse with the quote around them) and default-ignorable
//!   code points (U+115F HANGUL CHOSEONG FILLER, U+3164, variation
//!   selectors, …) are written as `U+XXXX` alone;
//! - in free text from a policy file (vendor, product, notes) printed to a
//!   terminal, controls, format characters, line and paragraph separators
//!   and default-ignorable code points are written as `\u{XXXX}`, so the
//!   file can neither send escape sequences to the terminal nor reorder or
//!   hide what is printed. Letters with their combining marks stay as they
//!   are.
//!
//! Code points assigned after [`UNICODE_VERSION`] are unassigned to these
//! tables, so messages show them as code points: the safe side.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt::Write;
use std::sync::{Mutex, PoisonError};

use crate::charset::CharSet;
use crate::unicode_categories::{CATEGORY_NAMES, GENERAL_CATEGORY};
use crate::unicode_tables::{CODE_POINT_ONLY, ESCAPE_IN_TEXT};

/// The version of the Unicode Character Database that decides which
/// characters are printed as code points (and that case folding uses).
pub const UNICODE_VERSION: &str = crate::unicode_tables::UCD_VERSION;

fn in_ranges(table: &[(char, char)], c: char) -> bool {
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                Ordering::Less
            } else if lo > c {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        })
        .is_ok()
}

/// Whether a message shows `c` as its code point alone (`U+200B`) rather
/// than also as itself (`U+00E9 'é'`): General_Category Cc, Cf, Co, Cn,
/// Zl, Zp, Zs (space included), Mn, Me, or Default_Ignorable_Code_Point.
pub(crate) fn code_point_only(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control() || c == ' ';
    }
    in_ranges(CODE_POINT_ONLY, c)
}

/// Whether free text printed to a terminal escapes `c`: General_Category
/// Cc, Cf, Zl, Zp, or Default_Ignorable_Code_Point.
fn escaped_in_text(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    in_ranges(ESCAPE_IN_TEXT, c)
}

/// `text` as it may be printed to a terminal: controls (ESC among them),
/// format characters (bidirectional overrides such as U+202E, zero-width
/// characters), line and paragraph separators and default-ignorable code
/// points are written as `\u{XXXX}`; everything else, and text without
/// such characters, is unchanged (and not copied).
///
/// For metadata from policy files (vendor, product, notes), which anyone
/// who writes a policy file controls.
///
/// ```
/// use passpolicy::escape_for_terminal;
///
/// assert_eq!(escape_for_terminal("Example Cloud"), "Example Cloud");
/// assert_eq!(escape_for_terminal("a\u{1b}[2Jb"), "a\\u{1B}[2Jb");
/// assert_eq!(escape_for_terminal("abc\u{202E}fed"), "abc\\u{202E}fed");
/// ```
pub fn escape_for_terminal(text: &str) -> Cow<'_, str> {
    let Some(first) = text.find(escaped_in_text) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if escaped_in_text(c) {
            let _ = write!(out, "\\u{{{:X}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The characters of a General_Category value: a two-letter name (`Lu`),
/// a one-letter group (`L`: every category starting with it), or `Cn`
/// (unassigned: no category of [`UNICODE_VERSION`]); `None` for any other
/// name. Built at load, never on the check path.
pub(crate) fn general_category(name: &str) -> Option<CharSet> {
    // Policies name the same few categories again and again, and building
    // one is a pass over the whole table: each is built once per process.
    // Only known names are kept, so the list stays short whatever the
    // input.
    static BUILT: Mutex<Vec<(String, CharSet)>> = Mutex::new(Vec::new());
    let mut built = BUILT.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, set)) = built.iter().find(|(n, _)| n == name) {
        return Some(set.clone());
    }
    let set = build_general_category(name)?;
    built.push((name.to_string(), set.clone()));
    Some(set)
}

fn build_general_category(name: &str) -> Option<CharSet> {
    let wanted: Vec<u8> = match name.len() {
        1 => CATEGORY_NAMES
            .iter()
            .enumerate()
            .filter(|(_, n)| n.starts_with(name))
            .map(|(i, _)| i as u8)
            .collect(),
        2 => CATEGORY_NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| i as u8)
            .into_iter()
            .collect(),
        _ => Vec::new(),
    };
    let assigned = || GENERAL_CATEGORY.iter().map(|&(lo, hi, _)| (lo, hi));
    let unassigned = || CharSet::from_ranges(assigned()).complement();
    match name {
        "Cn" => Some(unassigned()),
        "C" => {
            let mut set = unassigned();
            set.union_with(&in_categories(&wanted));
            Some(set)
        }
        _ if wanted.is_empty() => None,
        _ => Some(in_categories(&wanted)),
    }
}

fn in_categories(wanted: &[u8]) -> CharSet {
    CharSet::from_ranges(
        GENERAL_CATEGORY
            .iter()
            .filter(|(_, _, k)| wanted.contains(k))
            .map(|&(lo, hi, _)| (lo, hi)),
    )
}

/// The General_Category names a policy may use, for error messages.
pub(crate) fn category_names() -> String {
    let mut groups: Vec<&str> = Vec::new();
    for n in CATEGORY_NAMES {
        if !groups.iter().any(|g| n.starts_with(g)) {
            groups.push(&n[..1]);
        }
    }
    format!(
        "{}, Cn, and the groups {}",
        CATEGORY_NAMES.join(" "),
        groups.join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables_are_sorted_and_disjoint(table: &[(char, char)]) {
        for w in table.windows(2) {
            assert!(w[0].0 <= w[0].1 && w[0].1 < w[1].0, "{w:?}");
        }
    }

    #[test]
    fn general_categories_as_vendors_read_them() {
        let gc = |n: &str| general_category(n).unwrap();
        assert!(gc("Ll").contains('é') && gc("Ll").contains('ß'));
        assert!(gc("Lu").contains('Ω') && gc("Lu").contains('Ж'));
        assert!(gc("Lo").contains('中') && !gc("Lo").contains('a'));
        assert!(gc("Nd").contains('٣') && gc("Nd").contains('7'));
        assert!(gc("Pc").contains('_') && gc("So").contains('😀'));
        assert!(gc("Zs").contains(' ') && gc("Cc").contains('\t'));
        assert!(gc("Cn").contains('\u{378}') && !gc("Cn").contains('a'));
        let letters = gc("L");
        for sub in ["Lu", "Ll", "Lt", "Lm", "Lo"] {
            assert!(gc(sub).difference(&letters).is_empty(), "{sub}");
        }
        // Every character is in exactly one category.
        let mut all = CharSet::new();
        let mut total = 0;
        for n in CATEGORY_NAMES.iter().chain(&["Cn"]) {
            let s = gc(n);
            assert!(all.intersection(&s).is_empty(), "{n}");
            total += s.len();
            all.union_with(&s);
        }
        assert_eq!(total, 0x110000 - 0x800);
        assert_eq!(
            gc("C").len(),
            ["Cc", "Cf", "Co", "Cn"].iter().map(|n| gc(n).len()).sum::<u64>()
        );
        assert!(general_category("Lx").is_none());
        assert!(general_category("").is_none());
        assert!(general_category("Lul").is_none());
        // Unicode 15.0 counts (DerivedGeneralCategory-15.0.0.txt).
        assert_eq!(gc("Lu").len(), 1831);
        assert_eq!(gc("Ll").len(), 2233);
        assert_eq!(gc("Nd").len(), 680);
        assert_eq!(gc("Cn").len(), 825_345);
    }

    #[test]
    fn tables_are_well_formed() {
        tables_are_sorted_and_disjoint(CODE_POINT_ONLY);
        tables_are_sorted_and_disjoint(ESCAPE_IN_TEXT);
        // Every character escaped in text is also code-point-only in
        // messages: one definition, the text one the narrower.
        for &(lo, hi) in ESCAPE_IN_TEXT {
            for c in lo..=hi {
                assert!(code_point_only(c), "U+{:04X}", u32::from(c));
            }
        }
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_tables() {
        for c in '\0'..='\u{7F}' {
            assert_eq!(
                code_point_only(c),
                in_ranges(CODE_POINT_ONLY, c),
                "{c:?}"
            );
            assert_eq!(
                escaped_in_text(c),
                in_ranges(ESCAPE_IN_TEXT, c),
                "{c:?}"
            );
        }
    }
}
