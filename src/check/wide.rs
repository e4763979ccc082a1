//! The non-ASCII pieces of a checker: the characters from U+0080 on that
//! some class or alphabet mentions, cut where any of them starts or ends,
//! so that within one piece class membership and refusal are constant.

use crate::charset::CharSet;

use super::WideRange;

/// The pieces, in order, of `classes` (bit `i` of a piece's `classes`:
/// in `classes[i]`) and `alphabets` (bit `i` of its `refused`: not in
/// `alphabets[i]`; `all` has a bit for each). A piece in no class that
/// every target refuses is left out: it says what no piece says.
///
/// Each range's start and end is an event that flips its set's bit, and
/// the events are visited in order: the cost is the sort of the events,
/// however many sets there are (evaluating every set at every piece was
/// most of compiling a checker with Unicode categories).
pub(super) fn pieces<'a>(
    classes: &'a [CharSet],
    alphabets: impl Iterator<Item = &'a CharSet>,
    all: u16,
) -> Vec<WideRange> {
    // Each distinct set once, with the class bits and target bits it
    // stands for: the variants of a policy mostly share one alphabet,
    // and a Unicode alphabet is thousands of ranges.
    let mut sets: Vec<(&CharSet, u64, u16)> = Vec::new();
    for (i, set) in classes.iter().enumerate() {
        sets.push((set, 1 << i, 0));
    }
    for (i, set) in alphabets.enumerate() {
        match sets.iter_mut().find(|(s, ..)| *s == set) {
            Some((_, _, targets)) => *targets |= 1 << i,
            None => sets.push((set, 0, 1 << i)),
        }
    }
    // Where a set's range starts or ends: the code point above the set's
    // index (below 256: at most 64 classes and 16 alphabets), so that
    // sorting plain integers orders them by code point.
    let ranges: usize = sets.iter().map(|(set, ..)| set.ranges().len()).sum();
    let mut events: Vec<u64> = Vec::with_capacity(2 * ranges);
    for (index, (set, ..)) in sets.iter().enumerate() {
        for &(lo, hi) in set.ranges() {
            let lo = u32::from(lo).max(128);
            let hi = u32::from(hi);
            if hi >= lo {
                events.push(u64::from(lo) << 8 | index as u64);
                events.push(u64::from(hi + 1) << 8 | index as u64);
            }
        }
    }
    // Stable: each set's events are already a sorted run, and the stable
    // sort merges runs.
    events.sort();
    // A set's ranges are disjoint, so each event flips its bits; a piece
    // ends where the next events are, with the bits of those before.
    let (mut in_classes, mut in_alphabets) = (0u64, 0u16);
    // At most one piece per event: room enough, never grown.
    let mut pieces = Vec::with_capacity(events.len());
    let mut open: Option<u32> = None;
    for &event in &events {
        let at = (event >> 8) as u32;
        if open != Some(at) {
            if let Some(start) = open
                && let (Some(lo), Some(hi)) =
                    (first_char_at_or_after(start), last_char_before(at))
            {
                let refused = all & !in_alphabets;
                if lo <= hi && (in_classes != 0 || refused != all) {
                    pieces.push(WideRange {
                        lo,
                        hi,
                        classes: in_classes,
                        refused,
                    });
                }
            }
            open = Some(at);
        }
        let (_, classes, targets) = sets[(event & 0xFF) as usize];
        in_classes ^= classes;
        in_alphabets ^= targets;
    }
    pieces
}

fn first_char_at_or_after(code: u32) -> Option<char> {
    match code {
        0xD800..=0xDFFF => Some('\u{E000}'),
        _ => char::from_u32(code),
    }
}

fn last_char_before(code: u32) -> Option<char> {
    match code - 1 {
        0xD800..=0xDFFF => Some('\u{D7FF}'),
        c => char::from_u32(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The pieces as first written: every set asked at every piece.
    fn by_asking(
        classes: &[CharSet],
        alphabets: &[CharSet],
        all: u16,
    ) -> Vec<WideRange> {
        let mut bounds: Vec<u32> = Vec::new();
        for set in classes.iter().chain(alphabets) {
            for &(lo, hi) in set.ranges() {
                let lo = u32::from(lo).max(128);
                if u32::from(hi) >= lo {
                    bounds.extend([lo, u32::from(hi) + 1]);
                }
            }
        }
        bounds.sort_unstable();
        bounds.dedup();
        let mut out = Vec::new();
        for pair in bounds.windows(2) {
            let (Some(lo), Some(hi)) =
                (first_char_at_or_after(pair[0]), last_char_before(pair[1]))
            else {
                continue;
            };
            if lo > hi {
                continue;
            }
            let mask = |sets: &[CharSet], holds: bool| {
                sets.iter()
                    .enumerate()
                    .filter(|(_, s)| s.contains(lo) == holds)
                    .fold(0u64, |m, (i, _)| m | 1 << i)
            };
            let classes = mask(classes, true);
            let refused = mask(alphabets, false) as u16 & all;
            if classes != 0 || refused != all {
                out.push(WideRange { lo, hi, classes, refused });
            }
        }
        out
    }

    fn sets(n: usize) -> impl Strategy<Value = Vec<CharSet>> {
        // Around ASCII's end and the surrogates, where pieces are cut
        // specially, and anywhere else.
        let point =
            prop_oneof![0u32..300, 0xD700u32..0xE100, 0u32..0x11_0000,];
        let set = prop::collection::vec((point, 0u32..300), 0..8).prop_map(
            |ranges| {
                CharSet::from_ranges(ranges.into_iter().filter_map(
                    |(lo, len)| {
                        let hi = (lo + len).min(0x10_FFFF);
                        Some((
                            first_char_at_or_after(lo)?,
                            char::from_u32(hi).or(Some('\u{D7FF}'))?,
                        ))
                    },
                ))
            },
        );
        prop::collection::vec(set, 0..n)
    }

    proptest! {
        /// Sweeping the events gives the pieces asking every set gives,
        /// also when alphabets repeat each other or a class.
        #[test]
        fn pieces_are_those_of_asking_every_set(
            classes in sets(6),
            mut alphabets in sets(4),
        ) {
            let repeated = [alphabets.first(), classes.first()];
            let repeated: Vec<CharSet> =
                repeated.into_iter().flatten().cloned().collect();
            alphabets.extend(repeated);
            let all = (1u16 << alphabets.len()) - 1;
            let got = pieces(&classes, alphabets.iter(), all);
            let want = by_asking(&classes, &alphabets, all);
            prop_assert_eq!(got, want);
        }
    }

    /// A class of Greek letters and an alphabet of Latin-1 and Greek: the
    /// Latin-1 piece is in no class and refused by no target, Greek is in
    /// the class, and what lies between is refused and left out.
    #[test]
    fn pieces_of_greek_and_latin() {
        let greek = CharSet::from_ranges([('\u{391}', '\u{3A9}')]);
        let alphabet = CharSet::from_ranges([
            ('\u{20}', '\u{FF}'),
            ('\u{391}', '\u{3A9}'),
        ]);
        let got =
            pieces(std::slice::from_ref(&greek), [&alphabet].into_iter(), 1);
        let want = [
            WideRange { lo: '\u{80}', hi: '\u{FF}', classes: 0, refused: 0 },
            WideRange { lo: '\u{391}', hi: '\u{3A9}', classes: 1, refused: 0 },
        ];
        assert_eq!(got, want);
    }
}
