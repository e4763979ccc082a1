//! Sets of characters, kept as sorted, disjoint, non-adjacent ranges.
//!
//! A vendor's symbol list is a handful of scattered ASCII characters, while
//! a user-defined class may be a whole Unicode block; ranges serve both
//! without a per-character table. Sets are built once, at compile time, and
//! the checker turns them into lookup tables, so nothing here is on the hot
//! path.

use std::fmt;
use std::sync::Arc;

/// A set of Unicode scalar values.
///
/// # Example
///
/// ```
/// use passpolicy::CharSet;
///
/// let digits = CharSet::builtin("digits").unwrap();
/// assert!(digits.contains('7'));
/// assert_eq!(digits.len(), 10);
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CharSet {
    /// Inclusive ranges, sorted, pairwise disjoint and not adjacent.
    /// Shared, not copied, by clones: a policy's classes are copied into
    /// each variant's rules and each checker's selection, and a Unicode
    /// class is thousands of ranges.
    ranges: Arc<[(char, char)]>,
}

impl CharSet {
    /// The empty set.
    pub fn new() -> CharSet {
        CharSet::default()
    }

    /// A set of the given inclusive ranges (in any order, overlaps allowed).
    pub fn from_ranges(
        ranges: impl IntoIterator<Item = (char, char)>,
    ) -> Self {
        // Normalized once at the end: sorting after every insertion made
        // a policy listing many characters take quadratic time.
        normalized(ranges.into_iter().filter(|(lo, hi)| lo <= hi).collect())
    }

    /// A set of the given characters.
    pub fn from_chars(chars: impl IntoIterator<Item = char>) -> Self {
        CharSet::from_ranges(chars.into_iter().map(|c| (c, c)))
    }

    /// A built-in class by name (see
    /// [`BUILTIN_CLASSES`](crate::BUILTIN_CLASSES)).
    pub fn builtin(name: &str) -> Option<CharSet> {
        crate::text::builtin(name)
    }

    /// Adds every character of `other`.
    pub fn union_with(&mut self, other: &CharSet) {
        let (a, b) = (&self.ranges, &other.ranges);
        if !a.is_sorted() || !b.is_sorted() {
            *self = normalized([&a[..], &b[..]].concat());
            return;
        }
        // Both sorted (as every set is): merged in one pass, which is the
        // sorted concatenation, then joined as `normalize` joins. Sorting
        // the concatenation made a policy that unions Unicode categories
        // (thousands of ranges) spend a third of its load time sorting.
        let mut out = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        loop {
            let next = match (a.get(i), b.get(j)) {
                (Some(&x), Some(&y)) if x <= y => {
                    i += 1;
                    x
                }
                (_, Some(&y)) => {
                    j += 1;
                    y
                }
                (Some(&x), None) => {
                    i += 1;
                    x
                }
                (None, None) => break,
            };
            join(&mut out, next);
        }
        self.ranges = out.into();
    }

    /// The characters in both sets.
    pub fn intersection(&self, other: &CharSet) -> CharSet {
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < self.ranges.len() && j < other.ranges.len() {
            let (a_lo, a_hi) = self.ranges[i];
            let (b_lo, b_hi) = other.ranges[j];
            let lo = a_lo.max(b_lo);
            let hi = a_hi.min(b_hi);
            if lo <= hi {
                out.push((lo, hi));
            }
            if a_hi < b_hi {
                i += 1;
            } else {
                j += 1;
            }
        }
        CharSet { ranges: out.into() }
    }

    /// The characters of `self` that are not in `other`.
    pub fn difference(&self, other: &CharSet) -> CharSet {
        // One pass over both, each of `self`'s ranges cut by the ranges of
        // `other` it overlaps (the complement of a small `other` is a large
        // set: building it was most of a difference's cost).
        let (a, b) = (&self.ranges, &other.ranges);
        let mut out = Vec::new();
        let mut j = 0;
        for &(lo, hi) in a.iter() {
            while b.get(j).is_some_and(|&(_, b_hi)| b_hi < lo) {
                j += 1;
            }
            // `from`: the first character of `lo..=hi` not yet decided.
            let mut from = Some(lo);
            while let Some(start) = from {
                match b.get(j) {
                    Some(&(b_lo, b_hi)) if b_lo <= hi => {
                        if b_lo > start {
                            out.push((start, char_before(b_lo)));
                        }
                        if b_hi >= hi {
                            // It may cut the next range too: keep it.
                            from = None;
                        } else {
                            from = char_after(b_hi);
                            j += 1;
                        }
                    }
                    _ => {
                        out.push((start, hi));
                        from = None;
                    }
                }
            }
        }
        CharSet { ranges: out.into() }
    }

    /// Every character not in the set.
    pub fn complement(&self) -> CharSet {
        let mut out = Vec::new();
        let mut start = Some('\0');
        for &(lo, hi) in self.ranges.iter() {
            if let Some(s) = start
                && s < lo
            {
                out.push((s, char_before(lo)));
            }
            start = char_after(hi);
        }
        if let Some(s) = start {
            out.push((s, char::MAX));
        }
        CharSet { ranges: out.into() }
    }

    /// Whether `c` is in the set.
    pub fn contains(&self, c: char) -> bool {
        self.ranges
            .binary_search_by(|&(lo, hi)| {
                if hi < c {
                    std::cmp::Ordering::Less
                } else if lo > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }

    /// Whether the set has no character.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The number of characters in the set.
    pub fn len(&self) -> u64 {
        self.ranges.iter().map(|&(lo, hi)| range_len(lo, hi)).sum()
    }

    /// Whether every character is ASCII.
    pub fn is_ascii(&self) -> bool {
        self.ranges.last().is_none_or(|&(_, hi)| hi.is_ascii())
    }

    /// The inclusive ranges, sorted and disjoint.
    pub fn ranges(&self) -> &[(char, char)] {
        &self.ranges
    }

    /// Every character, in ascending order.
    pub fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.ranges.iter().flat_map(|&(lo, hi)| lo..=hi)
    }
}

/// The set of `ranges`, in any order: sorted once, then joined.
fn normalized(mut ranges: Vec<(char, char)>) -> CharSet {
    ranges.sort_unstable();
    let mut out: Vec<(char, char)> = Vec::with_capacity(ranges.len());
    for range in ranges {
        join(&mut out, range);
    }
    CharSet { ranges: out.into() }
}

/// Appends `(lo, hi)` to sorted, joined ranges, none of which starts
/// after `lo`: joined to the last one when they overlap or touch (the
/// surrogates, which are no characters, do not separate).
fn join(out: &mut Vec<(char, char)>, (lo, hi): (char, char)) {
    if let Some(last) = out.last_mut() {
        let touches = u32::from(lo) <= u32::from(last.1) + 1
            || (last.1 == '\u{D7FF}' && lo == '\u{E000}');
        if touches {
            last.1 = last.1.max(hi);
            return;
        }
    }
    out.push((lo, hi));
}

impl fmt::Debug for CharSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CharSet(")?;
        for &(lo, hi) in self.ranges.iter() {
            if lo == hi {
                write!(f, "{lo:?}")?;
            } else {
                write!(f, "{lo:?}-{hi:?}")?;
            }
        }
        write!(f, ")")
    }
}

impl fmt::Display for CharSet {
    /// Lists the characters compactly: ranges of three or more as `a–z`,
    /// the rest one by one, separated by spaces.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::text::write_compact(f, self)
    }
}

fn char_before(c: char) -> char {
    match c {
        '\u{E000}' => '\u{D7FF}',
        // The caller only asks for a predecessor of a range's start that
        // lies above another range's end, so `c` is never U+0000.
        _ => char::from_u32(u32::from(c) - 1).unwrap_or('\0'),
    }
}

fn char_after(c: char) -> Option<char> {
    match c {
        '\u{D7FF}' => Some('\u{E000}'),
        char::MAX => None,
        _ => char::from_u32(u32::from(c) + 1),
    }
}

/// The number of scalar values in `lo..=hi`; a range may span the
/// surrogate gap, whose 2,048 code points are not characters.
fn range_len(lo: char, hi: char) -> u64 {
    let gap = if lo <= '\u{D7FF}' && hi >= '\u{E000}' { 0x800 } else { 0 };
    u64::from(hi) - u64::from(lo) + 1 - gap
}

/// Parses a range written `a-z` (one character, `-`, one character).
pub(crate) fn parse_range(text: &str) -> Option<(char, char)> {
    let mut it = text.chars();
    let lo = it.next()?;
    if it.next()? != '-' {
        return None;
    }
    let hi = it.next()?;
    if it.next().is_some() || lo > hi {
        return None;
    }
    Some((lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A repeatable stream of numbers below `n` (xorshift64): random sets
    /// without a dependency, the same in every run.
    fn xorshift(mut seed: u64) -> impl FnMut(u32) -> u32 {
        move |n| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % u64::from(n)) as u32
        }
    }

    /// The one-pass union is the sort of both sets' ranges: sets of
    /// overlapping, touching and separate ranges, across the surrogates.
    #[test]
    fn union_merges_as_sorting_would() {
        let mut next = xorshift(0x2545_F491_4F6C_DD1Du64);
        let bases = [0x20u32, 0xD7F0, 0xDFF8, 0x1F600];
        for _ in 0..500 {
            let mut sets = Vec::new();
            for _ in 0..2 {
                let ranges: Vec<(char, char)> = (0..next(12))
                    .filter_map(|_| {
                        let lo = bases[next(4) as usize] + next(40);
                        let lo = char::from_u32(lo)?;
                        let hi = char::from_u32(u32::from(lo) + next(6))?;
                        Some((lo, hi))
                    })
                    .collect();
                sets.push(ranges);
            }
            let mut merged = CharSet::from_ranges(sets[0].clone());
            merged.union_with(&CharSet::from_ranges(sets[1].clone()));
            let sorted = CharSet::from_ranges(sets.concat());
            assert_eq!(merged.ranges, sorted.ranges, "{sets:?}");
        }
    }

    /// The one-pass difference is the intersection with the complement,
    /// for sets across the surrogates and at both ends of Unicode.
    #[test]
    fn difference_is_intersection_with_complement() {
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15u64);
        let bases = [0u32, 0x20, 0xD7F0, 0xDFF8, 0x10_FFD0];
        for _ in 0..2000 {
            let mut sets = Vec::new();
            for _ in 0..2 {
                let ranges: Vec<(char, char)> = (0..next(10))
                    .filter_map(|_| {
                        let lo = bases[next(5) as usize] + next(40);
                        let lo = char::from_u32(lo)?;
                        // A range ending in the surrogates ends past
                        // them instead, so that some span the gap.
                        let hi = u32::from(lo) + next(20);
                        let hi = match hi {
                            0xD800..=0xDFFF => 0xE000 + hi % 8,
                            _ => hi,
                        };
                        Some((lo, char::from_u32(hi)?))
                    })
                    .collect();
                sets.push(CharSet::from_ranges(ranges));
            }
            let (a, b) = (&sets[0], &sets[1]);
            let want = a.intersection(&b.complement());
            assert_eq!(a.difference(b).ranges, want.ranges, "{a:?} - {b:?}");
        }
    }

    #[test]
    fn merges_overlapping_and_adjacent_ranges() {
        let s = CharSet::from_ranges([('a', 'c'), ('d', 'f'), ('b', 'e')]);
        assert_eq!(s.ranges(), &[('a', 'f')]);
        assert_eq!(s.len(), 6);
    }

    #[test]
    fn intersection_and_difference() {
        let a = CharSet::from_chars("!@#$%^*()".chars());
        let b = CharSet::from_chars("!@$%^-_=+[{}]:,./?".chars());
        let both = a.intersection(&b);
        assert_eq!(both.chars().collect::<String>(), "!$%@^");
        assert_eq!(a.difference(&b).chars().collect::<String>(), "#()*");
    }

    #[test]
    fn builtins() {
        assert_eq!(CharSet::builtin("ascii_punctuation").unwrap().len(), 32);
        assert_eq!(CharSet::builtin("ascii_printable").unwrap().len(), 95);
        assert_eq!(CharSet::builtin("letters").unwrap().len(), 52);
        assert!(CharSet::builtin("nope").is_none());
    }

    #[test]
    fn surrogate_gap_is_not_counted() {
        let s = CharSet::from_ranges([('\u{D000}', '\u{E0FF}')]);
        assert_eq!(s.len(), 0x800 + 0x100);
        assert_eq!(s.chars().nth(0x800), Some('\u{E000}'));
    }

    #[test]
    fn parses_ranges() {
        assert_eq!(parse_range("a-z"), Some(('a', 'z')));
        assert_eq!(parse_range("z-a"), None);
        assert_eq!(parse_range("ab"), None);
        assert_eq!(parse_range("a-zz"), None);
    }
}
