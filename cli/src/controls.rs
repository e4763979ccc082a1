//! Control characters in a policy's alphabet: `lint` warns about them and
//! `generate` refuses them in line mode, where a drawn ESC, CR or line
//! break would corrupt one-password-per-line output (`--count 5` gave 15
//! lines) or drive the terminal.

use passpolicy::CharSet;

/// The characters of `set` that are control characters (Unicode Cc:
/// C0, DEL, C1, so also NEL) or line and paragraph separators.
pub fn in_set(set: &CharSet) -> Vec<char> {
    let controls = CharSet::from_ranges([
        ('\u{0}', '\u{1f}'),
        ('\u{7f}', '\u{9f}'),
        ('\u{2028}', '\u{2029}'),
    ]);
    set.intersection(&controls).chars().collect()
}

/// `U+000A, U+001B`, at most eight, then how many in all.
pub fn describe(chars: &[char]) -> String {
    let mut out: Vec<String> =
        chars.iter().take(8).map(|&c| format!("U+{:04X}", c as u32)).collect();
    if chars.len() > 8 {
        out.push(format!("… ({} in all)", chars.len()));
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_kind_and_nothing_else() {
        let set = CharSet::from_ranges([('\u{0}', '\u{10ffff}')]);
        let found = in_set(&set);
        assert_eq!(found.len(), 32 + 33 + 2);
        assert!(
            found
                .iter()
                .all(|c| c.is_control() || "\u{2028}\u{2029}".contains(*c))
        );
        assert_eq!(
            in_set(&CharSet::builtin("ascii_printable").unwrap()),
            vec![]
        );
        assert_eq!(describe(&['\n', '\u{1b}']), "U+000A, U+001B");
        assert!(describe(&found).ends_with("… (67 in all)"));
    }
}
