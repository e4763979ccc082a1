//! What the automaton tracks of user names and refused values: a KMP
//! matcher per pattern and a trie of the refused values.

use std::collections::{BTreeMap, BTreeSet};

use crate::selection::fold;

/// A user-name pattern with its KMP failure function.
#[derive(Debug)]
pub(super) struct Pattern {
    pub(super) chars: Vec<char>,
    pub(super) case_sensitive: bool,
    fail: Vec<usize>,
}

impl Pattern {
    pub(super) fn new(chars: Vec<char>, case_sensitive: bool) -> Pattern {
        let mut fail = vec![0; chars.len()];
        let mut k = 0;
        for i in 1..chars.len() {
            while k > 0 && chars[i] != chars[k] {
                k = fail[k - 1];
            }
            if chars[i] == chars[k] {
                k += 1;
            }
            fail[i] = k;
        }
        Pattern { chars, case_sensitive, fail }
    }

    pub(super) fn same_as(&self, other: &Pattern) -> bool {
        self.chars == other.chars
            && self.case_sensitive == other.case_sensitive
    }

    /// The KMP state after reading `c` (None: not a character of any
    /// pattern) in state `j`; `chars.len()` means the pattern was found.
    #[inline]
    pub(super) fn step(&self, j: usize, c: Option<char>) -> usize {
        let Some(c) = c else { return 0 };
        let c = if self.case_sensitive { c } else { fold(c) };
        let mut j = j;
        while j > 0 && self.chars[j] != c {
            j = self.fail[j - 1];
        }
        if self.chars[j] == c { j + 1 } else { 0 }
    }
}

/// A trie of refused values.
#[derive(Debug)]
pub(super) struct Trie {
    pub(super) children: Vec<BTreeMap<char, u32>>,
    pub(super) terminal: Vec<bool>,
}

impl Trie {
    pub(super) fn new(values: &BTreeSet<&str>) -> Trie {
        let mut t =
            Trie { children: vec![BTreeMap::new()], terminal: vec![false] };
        for v in values {
            let mut node = 0usize;
            for c in v.chars() {
                let next = t.children.len() as u32;
                let n = *t.children[node].entry(c).or_insert(next);
                if n == next {
                    t.children.push(BTreeMap::new());
                    t.terminal.push(false);
                }
                node = n as usize;
            }
            t.terminal[node] = true;
        }
        t
    }

    pub(super) fn is_empty(&self) -> bool {
        self.children[0].is_empty()
    }
}
