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

#[cfg(test)]
mod tests {
    use super::*;

    fn tables_are_sorted_and_disjoint(table: &[(char, char)]) {
        for w in table.windows(2) {
            assert!(w[0].0 <= w[0].1 && w[0].1 < w[1].0, "{w:?}");
        }
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
