//! Every word the library shows a person, in both languages, in one place:
//! the built-in classes (one table: name, characters, English, Chinese),
//! the length units, character-set rendering and character description.
//!
//! Messages ([`crate::Violation::message`]) and explanations
//! ([`crate::Explanation`]) build their sentences from these; a new
//! built-in class or unit is a row here and nothing else.

mod classes;
mod set;

pub use classes::{BUILTIN_CLASSES, BuiltinClass};
pub(crate) use classes::{builtin, class_word};
pub(crate) use set::{describe_set, render_set, write_compact};

use crate::message::Lang;
use crate::spec::LengthUnit;

/// A length unit's words after a number ("8 characters", "8 个字符").
pub(crate) fn unit_word(unit: LengthUnit, lang: Lang) -> &'static str {
    // Exhaustive on both: a new unit does not compile until it has words.
    match (unit, lang) {
        (LengthUnit::Chars, Lang::En) => "characters",
        (LengthUnit::Bytes, Lang::En) => "bytes (UTF-8)",
        (LengthUnit::Utf16, Lang::En) => "UTF-16 code units",
        (LengthUnit::Graphemes, Lang::En) => "graphemes",
        (LengthUnit::Chars, Lang::Zh) => "个字符",
        (LengthUnit::Bytes, Lang::Zh) => "个字节（UTF-8）",
        (LengthUnit::Utf16, Lang::Zh) => "个 UTF-16 码元",
        (LengthUnit::Graphemes, Lang::Zh) => "个字形",
    }
}

/// Appends `n` in decimal, without `fmt` (messages and the JSON line
/// write numbers for most refused passwords).
#[inline]
pub(crate) fn push_decimal(out: &mut String, n: u64) {
    // Counts are nearly always one digit.
    if n < 10 {
        out.push(char::from(b'0' + n as u8));
        return;
    }
    let mut digits = [0u8; 20];
    let (mut i, mut n) = (digits.len(), n);
    while n > 0 {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

/// `U+00E9 'é'` for printable characters, `U+0009` alone for controls and
/// invisible ones, so a message never carries an invisible character.
///
/// ```
/// use passpolicy::describe_char;
///
/// assert_eq!(describe_char('é'), "U+00E9 'é'");
/// assert_eq!(describe_char('\t'), "U+0009");
/// ```
pub fn describe_char(c: char) -> String {
    if is_invisible(c) {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("U+{:04X} '{c}'", u32::from(c))
    }
}

/// Whether `c` would be invisible or misleading in a message (by Unicode
/// properties: see the `unicode` module). Such a character is always
/// written as its code point.
pub(crate) fn is_invisible(c: char) -> bool {
    crate::unicode::code_point_only(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_as_display_writes_them() {
        for n in
            [0, 7, 9, 10, 42, 99, 100, 4096, u64::from(u32::MAX), u64::MAX]
        {
            let mut out = String::from("x");
            push_decimal(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }

    /// Every unit has words in both languages, and they differ (a
    /// missing translation would repeat the English).
    #[test]
    fn every_unit_has_words_in_both_languages() {
        for unit in [
            LengthUnit::Chars,
            LengthUnit::Bytes,
            LengthUnit::Utf16,
            LengthUnit::Graphemes,
        ] {
            let (en, zh) =
                (unit_word(unit, Lang::En), unit_word(unit, Lang::Zh));
            assert!(en.is_ascii() && !en.is_empty(), "{unit:?}: {en}");
            assert!(zh.starts_with('个'), "{unit:?}: {zh}");
        }
    }
}
