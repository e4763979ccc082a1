//! The dictionary rule on the ASCII fast path: a byte-level automaton (a
//! DFA table) over the ASCII words, so that an ASCII password is searched
//! with one table step per byte and no allocation.
//!
//! It gives the answer of the general path's Aho–Corasick matcher
//! ([`crate::dictionary`]) for every ASCII password:
//!
//! * the general path folds each character before it is compared, and the
//!   simple case folding of an ASCII character is its ASCII lower case
//!   (the folded password is ASCII too), so the bytes are lower-cased here;
//! * a word with a non-ASCII character cannot be a substring of an ASCII
//!   text, and a word with an upper-case ASCII letter cannot be one of a
//!   lower-cased text: both are left out, as is the empty word, which the
//!   rule never matches.

/// Most table entries one automaton may hold before its padding to a
/// power of two (4 bytes each: 2 MiB, padded too; offsets stay far
/// below the [`HIT`] bit);
/// a larger dictionary is searched by the general path's matcher from
/// the fast path instead (see `Checker::ascii_more`).
const TABLE_CAP: usize = 1 << 19;

/// How the fast path searches the dictionary of an ASCII password.
#[derive(Clone, Debug, Default)]
pub(super) enum DictSearch {
    /// No word can occur in an ASCII password (or there are none).
    #[default]
    Nothing,
    /// The byte automaton.
    Dfa(Box<ByteDfa>),
    /// Too many words for its table: the general path's matcher, which
    /// allocates nothing either.
    Matcher,
}

impl DictSearch {
    /// The search for `words`.
    pub(super) fn new(words: &[(String, u16)]) -> DictSearch {
        if !words.iter().any(|(w, _)| usable(w)) {
            return DictSearch::Nothing;
        }
        match ByteDfa::new(words) {
            Some(d) => DictSearch::Dfa(Box::new(d)),
            None => DictSearch::Matcher,
        }
    }

    /// Bit `l` (bit 63: every length from 63) set for the lengths that
    /// need a search.
    pub(super) fn lengths(&self) -> u64 {
        match self {
            DictSearch::Nothing => 0,
            DictSearch::Dfa(d) => u64::MAX << d.shortest.min(63),
            DictSearch::Matcher => u64::MAX,
        }
    }
}

/// Whether `word` can occur in a lower-cased ASCII text.
fn usable(word: &str) -> bool {
    !word.is_empty()
        && word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase())
}

/// The flag of a table entry whose state ends a word (through the
/// failure links too): the search ORs the entries it steps through and
/// works out which targets only when this bit is set.
const HIT: u32 = 1 << 31;

/// The automaton. A state is the offset of its row in `table`; a row is
/// `stride` entries, entry `symbol` the next state's offset, with [`HIT`]
/// when that state ends a word. The table's length is a power of two, so
/// that a step is an index masked into range (no bounds check, no panic);
/// offsets stay below 2^31 (see [`TABLE_CAP`]), so the mask also clears
/// the flag.
#[derive(Clone, Debug)]
pub(super) struct ByteDfa {
    /// Per byte, its symbol: the index of its lower case among the words'
    /// characters, plus one; 0 for a byte in no word (every byte past
    /// ASCII: the fast path never hands one over).
    symbols: [u8; 256],
    table: Vec<u32>,
    /// `table.len() - 1`.
    mask: usize,
    stride: usize,
    /// Per row, the targets one of whose words ends there.
    hits: Vec<u16>,
    /// The shortest word, in bytes: shorter passwords need no search.
    pub(super) shortest: usize,
}

impl ByteDfa {
    /// The automaton of `words` (each with its targets); `None` when no
    /// word can match an ASCII password, or the table would pass
    /// [`TABLE_CAP`].
    pub(super) fn new(words: &[(String, u16)]) -> Option<ByteDfa> {
        let usable: Vec<(&[u8], u16)> = words
            .iter()
            .filter(|(w, _)| usable(w))
            .map(|(w, t)| (w.as_bytes(), *t))
            .collect();
        let shortest = usable.iter().map(|(w, _)| w.len()).min()?;
        let mut symbols = [0u8; 256];
        let mut count = 0usize;
        for &(w, _) in &usable {
            for &b in w {
                if symbols[usize::from(b)] == 0 {
                    count += 1;
                    symbols[usize::from(b)] = count as u8;
                }
            }
        }
        // The password's upper-case letters step as their lower case.
        for b in b'A'..=b'Z' {
            symbols[usize::from(b)] =
                symbols[usize::from(b.to_ascii_lowercase())];
        }
        let stride = count + 1;
        let (trie, hits) = trie(&usable, &symbols, stride)?;
        let (table, hits) = link(trie, hits, stride);
        let mask = table.len() - 1;
        Some(ByteDfa { symbols, table, mask, stride, hits, shortest })
    }

    /// The targets one of whose words occurs in the ASCII `bytes`,
    /// case-insensitively.
    #[inline]
    pub(super) fn find(&self, bytes: &[u8]) -> u16 {
        let (table, mask) = (&self.table[..=self.mask], self.mask);
        let (mut state, mut seen) = (0u32, 0u32);
        for &b in bytes {
            let symbol = u32::from(self.symbols[usize::from(b)]);
            state = table[(state + symbol) as usize & mask];
            seen |= state;
        }
        if seen & HIT == 0 {
            return 0; // the common case: no word
        }
        self.targets(bytes)
    }

    /// The targets of the words in `bytes` (which holds one): the same
    /// steps, reading each state's targets.
    #[cold]
    fn targets(&self, bytes: &[u8]) -> u16 {
        let (table, mask) = (&self.table[..=self.mask], self.mask);
        let (mut state, mut found) = (0u32, 0u16);
        for &b in bytes {
            let symbol = u32::from(self.symbols[usize::from(b)]);
            state = table[(state + symbol) as usize & mask];
            let row = (state & !HIT) as usize / self.stride;
            found |= self.hits.get(row).copied().unwrap_or(0);
        }
        found
    }
}

/// The trie of `words` as rows of `stride` entries (0: no edge, as the
/// root is never a child), and per row the targets of the words ending
/// there; `None` past [`TABLE_CAP`].
fn trie(
    words: &[(&[u8], u16)],
    symbols: &[u8; 256],
    stride: usize,
) -> Option<(Vec<u32>, Vec<u16>)> {
    let mut rows = vec![0u32; stride];
    let mut hits = vec![0u16];
    for &(word, targets) in words {
        let mut row = 0usize;
        for &b in word {
            let edge = row * stride + usize::from(symbols[usize::from(b)]);
            if rows[edge] == 0 {
                let next = hits.len();
                if (next + 1) * stride > TABLE_CAP {
                    return None;
                }
                rows[edge] = next as u32;
                rows.resize((next + 1) * stride, 0);
                hits.push(0);
            }
            row = rows[edge] as usize;
        }
        hits[row] |= targets;
    }
    Some((rows, hits))
}

/// The DFA of a trie: every missing edge follows the failure link, as in
/// Aho–Corasick, and each state's targets include its link's. Rows are
/// visited breadth first, so that a link (a shorter suffix) is final
/// before the rows that use it. Returns the table (offsets, flags, padded
/// to a power of two) and the targets per row.
fn link(
    trie: Vec<u32>,
    mut hits: Vec<u16>,
    stride: usize,
) -> (Vec<u32>, Vec<u16>) {
    let states = hits.len();
    let mut fail = vec![0usize; states];
    // next[row * stride + symbol]: the next row (symbol 0, a byte in no
    // word, leads to the root).
    let mut next = trie;
    // The root's children first; its missing edges stay at the root.
    let mut queue: std::collections::VecDeque<usize> = next[1..stride]
        .iter()
        .filter(|&&child| child != 0)
        .map(|&child| child as usize)
        .collect();
    while let Some(row) = queue.pop_front() {
        let link = fail[row];
        hits[row] |= hits[link];
        for symbol in 1..stride {
            let child = next[row * stride + symbol] as usize;
            let via_link = next[link * stride + symbol];
            if child == 0 {
                next[row * stride + symbol] = via_link;
            } else {
                fail[child] = via_link as usize;
                queue.push_back(child);
            }
        }
    }
    // Rows to offsets, flagged where the next state ends a word.
    let mut table = vec![0u32; (states * stride).next_power_of_two()];
    for (entry, &to) in table.iter_mut().zip(&next) {
        let to = to as usize;
        let flag = if hits[to] != 0 { HIT } else { 0 };
        *entry = (to * stride) as u32 | flag;
    }
    (table, hits)
}

#[cfg(test)]
mod tests {
    use super::ByteDfa;

    fn dfa(words: &[(&str, u16)]) -> Option<ByteDfa> {
        let owned: Vec<(String, u16)> =
            words.iter().map(|&(w, t)| (w.to_string(), t)).collect();
        ByteDfa::new(&owned)
    }

    #[test]
    fn finds_every_word_with_its_targets_case_insensitively() {
        let d = dfa(&[("pass", 1), ("password", 2), ("word", 4)]).unwrap();
        assert_eq!(d.find(b"MyPassword1!"), 7);
        assert_eq!(d.find(b"xxPASSxx"), 1);
        assert_eq!(d.find(b"swordfish"), 4);
        assert_eq!(d.find(b"pas-sword"), 4);
        assert_eq!(d.find(b"pa"), 0);
        assert_eq!(d.find(b""), 0);
        assert_eq!(d.shortest, 4);
        // Overlaps and failure links: "ababc" holds "abc".
        let d = dfa(&[("abab", 1), ("abc", 2)]).unwrap();
        assert_eq!(d.find(b"ababc"), 3);
        assert_eq!(d.find(b"aabc"), 2);
        assert_eq!(d.find(b"abaabab"), 1);
    }

    /// Words no ASCII password can contain are left out; with only those
    /// there is no automaton.
    #[test]
    fn leaves_out_what_an_ascii_password_cannot_contain() {
        assert!(dfa(&[("é", 1), ("Upper", 1), ("", 1)]).is_none());
        let d = dfa(&[("éte", 1), ("Root", 2), ("ab", 4)]).unwrap();
        assert_eq!(d.find(b"xxROOTxxETE"), 0);
        assert_eq!(d.find(b"xAB"), 4);
        assert_eq!(d.shortest, 2);
    }

    /// The automaton agrees with a naive search on every short text over
    /// a small alphabet.
    #[test]
    fn agrees_with_a_naive_search() {
        let words = [("aba", 1u16), ("b", 2), ("cab", 4), ("abab", 8)];
        let d = dfa(&words).unwrap();
        let alphabet = b"abcAB-";
        let mut text = Vec::new();
        for n in 0..6u32 {
            for code in 0..alphabet.len().pow(n) {
                text.clear();
                let mut c = code;
                for _ in 0..n {
                    text.push(alphabet[c % alphabet.len()]);
                    c /= alphabet.len();
                }
                let lower = text.to_ascii_lowercase();
                let want = words.iter().fold(0, |m, &(w, t)| {
                    let w = w.as_bytes();
                    if lower.windows(w.len()).any(|x| x == w) {
                        m | t
                    } else {
                        m
                    }
                });
                assert_eq!(d.find(&text), want, "{:?}", text);
            }
        }
    }
}
