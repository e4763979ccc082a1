//! Unicode simple case folding (CaseFolding.txt, status C and S), for
//! case-insensitive user-name matching: `ς` and `σ`, `ſ` and `s`, the
//! Kelvin sign `K` (U+212A) and `k` compare equal.
//!
//! Simple folding maps one character to one character, so a folded name is
//! as long as the name and positions keep their meaning. The table is
//! generated from the Unicode Character Database (see
//! [`UNICODE_VERSION`](crate::UNICODE_VERSION)); the reference interpreter
//! reads the same table with a search of its own.

use crate::unicode_tables::SIMPLE_FOLD;

/// The simple case folding of `c`: ASCII directly, else a binary search of
/// the table; characters that do not fold are returned as they are.
#[inline]
pub(crate) fn simple_fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match SIMPLE_FOLD.binary_search_by_key(&c, |&(from, _)| from) {
        Ok(i) => SIMPLE_FOLD[i].1,
        Err(_) => c,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// CaseFolding.txt as published (tests/data/unicode), status C and S.
    fn published() -> HashMap<char, char> {
        let text = include_str!("../tests/data/unicode/CaseFolding.txt");
        let mut map = HashMap::new();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let fields: Vec<&str> = line.split(';').map(str::trim).collect();
            if fields.len() < 3 || !matches!(fields[1], "C" | "S") {
                continue;
            }
            let cp = |s: &str| {
                char::from_u32(u32::from_str_radix(s, 16).unwrap()).unwrap()
            };
            map.insert(cp(fields[0]), cp(fields[2]));
        }
        map
    }

    #[test]
    fn the_checker_and_the_reference_fold_every_code_point_as_the_table() {
        let table = published();
        assert!(table.len() > 1_400, "{}", table.len());
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let want = table.get(&c).copied().unwrap_or(c);
            assert_eq!(simple_fold(c), want, "U+{:04X}", u32::from(c));
            assert_eq!(
                crate::reference::fold(c),
                want,
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn the_audits_pairs_fold_together() {
        for (a, b) in [
            ('ς', 'σ'),
            ('Σ', 'σ'),
            ('ſ', 's'),
            ('\u{212A}', 'k'),
            ('K', 'k'),
            ('ẞ', 'ß'),
        ] {
            assert_eq!(simple_fold(a), simple_fold(b), "{a} {b}");
        }
    }
}
