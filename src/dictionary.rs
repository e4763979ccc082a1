//! The checker's dictionary matcher: an Aho–Corasick automaton over the
//! case-folded characters of every target's dictionary words, built when
//! the checker is compiled, so that a check reads the password once and
//! allocates nothing.

use crate::fold::simple_fold;

/// The automaton. State 0 is the root.
#[derive(Clone, Debug)]
pub(crate) struct Dictionary {
    /// Per state, its goto edges: `edges[first[s]..first[s + 1]]`, sorted
    /// by character.
    first: Vec<u32>,
    edges: Vec<(char, u32)>,
    /// Per state, its failure link.
    fail: Vec<u32>,
    /// Per state, the targets one of whose words ends here (through the
    /// failure links too).
    hits: Vec<u16>,
}

impl Dictionary {
    /// The automaton of `words`, each with the targets whose dictionary
    /// holds it; `None` without words.
    pub(crate) fn new(words: &[(&str, u16)]) -> Option<Dictionary> {
        if words.is_empty() {
            return None;
        }
        // A trie first, with its children in maps, then flattened.
        let mut children: Vec<Vec<(char, u32)>> = vec![Vec::new()];
        let mut hits: Vec<u16> = vec![0];
        for &(word, targets) in words {
            let mut s = 0usize;
            for c in word.chars() {
                let next = match children[s].binary_search_by_key(&c, |e| e.0)
                {
                    Ok(i) => children[s][i].1 as usize,
                    Err(i) => {
                        let n = children.len();
                        children[s].insert(i, (c, n as u32));
                        children.push(Vec::new());
                        hits.push(0);
                        n
                    }
                };
                s = next;
            }
            hits[s] |= targets;
        }
        // Failure links in breadth-first order, so a state's link is
        // final before its children's are computed.
        let mut fail = vec![0u32; children.len()];
        let mut queue: std::collections::VecDeque<usize> =
            children[0].iter().map(|&(_, n)| n as usize).collect();
        while let Some(s) = queue.pop_front() {
            for &(c, n) in &children[s] {
                let n = n as usize;
                let mut f = fail[s] as usize;
                let link = loop {
                    if let Ok(i) =
                        children[f].binary_search_by_key(&c, |e| e.0)
                    {
                        break children[f][i].1;
                    }
                    if f == 0 {
                        break 0;
                    }
                    f = fail[f] as usize;
                };
                fail[n] = link;
                hits[n] |= hits[link as usize];
                queue.push_back(n);
            }
        }
        let mut first = Vec::with_capacity(children.len() + 1);
        let mut edges = Vec::new();
        for c in &children {
            first.push(edges.len() as u32);
            edges.extend_from_slice(c);
        }
        first.push(edges.len() as u32);
        Some(Dictionary { first, edges, fail, hits })
    }

    fn goto(&self, s: usize, c: char) -> Option<u32> {
        let e =
            &self.edges[self.first[s] as usize..self.first[s + 1] as usize];
        e.binary_search_by_key(&c, |e| e.0).ok().map(|i| e[i].1)
    }

    /// The targets one of whose words the case-folded password contains.
    pub(crate) fn find(&self, password: &str) -> u16 {
        let mut found = 0u16;
        let mut s = 0usize;
        for c in password.chars() {
            let c = simple_fold(c);
            loop {
                if let Some(n) = self.goto(s, c) {
                    s = n as usize;
                    break;
                }
                if s == 0 {
                    break;
                }
                s = self.fail[s] as usize;
            }
            found |= self.hits[s];
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::Dictionary;

    #[test]
    fn finds_every_word_with_its_targets() {
        let d = Dictionary::new(&[("pass", 1), ("password", 2), ("word", 4)])
            .unwrap();
        assert_eq!(d.find("MyPassword1!"), 7);
        assert_eq!(d.find("xxPASSxx"), 1);
        assert_eq!(d.find("swordfish"), 4);
        assert_eq!(d.find("pas-sword"), 4);
        assert_eq!(d.find("pa"), 0);
        assert_eq!(d.find(""), 0);
        // Overlaps and failure links: "ababc" holds "abc".
        let d = Dictionary::new(&[("abab", 1), ("abc", 2)]).unwrap();
        assert_eq!(d.find("ababc"), 3);
        assert_eq!(d.find("aabc"), 2);
        assert!(Dictionary::new(&[]).is_none());
    }
}
