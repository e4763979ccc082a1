//! A password as the general path reads it: UTF-8 text, or bytes that are
//! all ASCII, one character each. An ASCII password is read as bytes with
//! no UTF-8 validation first (131 of the instructions of a 16-byte refused
//! line the CLI writes); the few rules that read text (grapheme lengths,
//! the dictionary) validate it then.

use crate::selection::fold;

/// What the general path reads of a password.
pub(super) trait Input<'a>: Copy {
    /// Its bytes.
    fn bytes(self) -> &'a [u8];
    /// Its characters.
    fn chars(self) -> impl DoubleEndedIterator<Item = char> + 'a;
    /// Its text, for the rules that read text; `None` never happens (ASCII
    /// is UTF-8), and the caller refuses the password if it did.
    fn text(self) -> Option<&'a str>;
    /// Whether it contains `needle` (already folded when
    /// case-insensitive).
    fn contains(self, needle: &str, case_sensitive: bool) -> bool;
}

impl<'a> Input<'a> for &'a str {
    fn bytes(self) -> &'a [u8] {
        self.as_bytes()
    }

    fn chars(self) -> impl DoubleEndedIterator<Item = char> + 'a {
        str::chars(self)
    }

    fn text(self) -> Option<&'a str> {
        Some(self)
    }

    fn contains(self, needle: &str, case_sensitive: bool) -> bool {
        if self.is_ascii() {
            return contains_ascii(self.as_bytes(), needle, case_sensitive);
        }
        if needle.is_empty() {
            return false;
        }
        if case_sensitive {
            return str::contains(self, needle);
        }
        // Character by character, without allocating.
        let mut starts = self.char_indices();
        loop {
            let rest = &self[starts.offset()..];
            let mut h = rest.chars();
            if needle.chars().all(|n| h.next().is_some_and(|c| fold(c) == n)) {
                return true;
            }
            if starts.next().is_none() {
                return false;
            }
        }
    }
}

/// Bytes that are all ASCII.
#[derive(Clone, Copy)]
pub(super) struct Ascii<'a>(&'a [u8]);

impl<'a> Ascii<'a> {
    /// `bytes`, if every one is ASCII.
    pub(super) fn new(bytes: &'a [u8]) -> Option<Ascii<'a>> {
        bytes.is_ascii().then_some(Ascii(bytes))
    }
}

impl<'a> Input<'a> for Ascii<'a> {
    fn bytes(self) -> &'a [u8] {
        self.0
    }

    fn chars(self) -> impl DoubleEndedIterator<Item = char> + 'a {
        self.0.iter().map(|&b| char::from(b))
    }

    fn text(self) -> Option<&'a str> {
        std::str::from_utf8(self.0).ok()
    }

    fn contains(self, needle: &str, case_sensitive: bool) -> bool {
        contains_ascii(self.0, needle, case_sensitive)
    }
}

/// Whether the ASCII `haystack` contains `needle` (already folded when
/// case-insensitive), as the text comparison would answer: bytes for
/// bytes, or each folded character against the needle's.
fn contains_ascii(
    haystack: &[u8],
    needle: &str,
    case_sensitive: bool,
) -> bool {
    let n = needle.as_bytes();
    if n.is_empty() {
        return false;
    }
    if case_sensitive {
        return haystack.windows(n.len()).any(|w| w == n);
    }
    if needle.is_ascii() {
        return haystack.windows(n.len()).any(|w| {
            w.iter().zip(n).all(|(a, b)| a.to_ascii_lowercase() == *b)
        });
    }
    (0..haystack.len()).any(|start| {
        let mut h = haystack[start..].iter();
        needle
            .chars()
            .all(|c| h.next().is_some_and(|&b| fold(char::from(b)) == c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both readings answer as folding the whole haystack and searching
    /// it would, for ASCII and non-ASCII haystacks and needles.
    #[test]
    fn contains_is_a_search_of_the_folded_text() {
        let haystacks =
            ["", "a", "xRootx", "ROOT", "toor1", "k-kelvin", "école", "Ωmega"];
        let needles = ["", "root", "Root", "oo", "k", "kelvin", "é", "ω", "x"];
        for h in haystacks {
            let folded: String = h.chars().map(fold).collect();
            for n in needles {
                for cs in [true, false] {
                    let expected = !n.is_empty()
                        && if cs { h.contains(n) } else { folded.contains(n) };
                    assert_eq!(Input::contains(h, n, cs), expected, "{h} {n}");
                    if let Some(a) = Ascii::new(h.as_bytes()) {
                        assert_eq!(a.contains(n, cs), expected, "{h} {n}");
                    }
                }
            }
        }
    }

    /// ASCII bytes read as the text they are.
    #[test]
    fn ascii_reads_as_its_text() {
        let a = Ascii::new(b"aB3!\r\n").expect("ASCII");
        assert_eq!(a.text(), Some("aB3!\r\n"));
        assert!(a.chars().eq("aB3!\r\n".chars()));
        assert!(Ascii::new("é".as_bytes()).is_none());
    }
}
