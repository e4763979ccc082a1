//! The generator's model: a compiled checker's rules as a finite automaton
//! over "atoms" of the generation alphabet.
//!
//! Counting compliant strings one character at a time would cost a pass
//! per character of the alphabet; instead the alphabet is split into atoms,
//! sets of characters that every rule treats alike (same class membership,
//! same first/last-character status, and — for the few characters a user
//! name or a deny-list value mentions — the character itself). A string is
//! then a walk through a small automaton whose state records what the rules
//! need to know about the prefix read so far:
//!
//! * per class, how many of its characters were seen, capped at the largest
//!   number any rule asks for (1 for "at least K of N classes");
//! * per user-name pattern, the KMP state (the longest prefix of the
//!   pattern that ends the text so far); reaching the whole pattern kills
//!   the walk;
//! * with `max_run`, the previous character's atom and the current run
//!   length (a "same character" step and an "other character" step are
//!   separate edges, weighted 1 and `size - 1`);
//! * with a deny-list, the node of a trie of the refused values (or "off
//!   the trie").
//!
//! Each edge carries the number of characters it stands for, so the number
//! of compliant strings of length L is a sum over walks of products of
//! edge weights: the dynamic programme in `count.rs`. Only reachable states
//! are built, which keeps the product of the components small in practice
//! (for the seed policies, tens of states).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::charset::CharSet;
use crate::error::{Error, Limit, LimitKind};
use crate::policy::Rules;
use crate::selection::{Selection, fold};

use super::alphabet::{
    generation_alphabet, open_alphabet, unreachable_requirement,
};
use super::count::CountEdges;
use super::hash::FxBuild;
use super::intern::{DEAD, Interner};
use super::kmp::{Pattern, Trie};
use super::pairs::ClassSets;

/// Longest password the generator produces, in characters.
pub const MAX_LENGTH: u32 = 1024;

/// Largest alphabet the generator draws from as the policies state it, in
/// characters. Over it (an open alphabet: "anything but \"", every
/// character not a letter or digit), it draws from [`NARROWED`](super::alphabet::NARROWED) within the
/// policies' alphabet instead, and counts over that set only.
pub(crate) const MAX_ALPHABET: u64 = 1 << 16;

/// Most automaton states the model may have.
pub(crate) const MAX_STATES: usize = 1 << 16;

/// Most characters the user-name patterns (reversals included) may add up
/// to: each state of the automaton carries a position in every pattern, and
/// each step advances all of them, so long names make building it slow long
/// before the state limit is reached (30 names of 5,000 characters ran for
/// seconds and then failed on that limit). Checked before building.
pub(crate) const MAX_PATTERN_CHARS: usize = 4096;

/// Most elementary steps (states × atoms × per-step work) building the
/// automaton may take, about a second: bounds the construction cost that
/// the state limit alone does not.
pub(crate) const MAX_BUILD_STEPS: u64 = 1 << 26;

/// No trie node: the prefix already differs from every refused value.
const OFF_TRIE: u32 = u32::MAX;

/// A set of characters every rule treats alike.
#[derive(Debug)]
pub(crate) struct Atom {
    /// The characters, ascending.
    pub chars: Vec<char>,
    /// Some policy forbids these as the first character.
    pub forbid_first: bool,
    /// Some policy forbids these as the last character.
    pub forbid_last: bool,
}

/// What an edge's character is, relative to the previous one. Only models
/// with a run limit use `Same` and `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Any character of the atom.
    Any,
    /// The previous character again.
    Same,
    /// A character of the atom other than the previous one (which is in
    /// the same atom).
    Other,
}

/// One transition: `mult` characters of `atom` lead to `next`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Edge {
    pub atom: u32,
    pub kind: Kind,
    pub mult: u32,
    pub next: u32,
}

/// The automaton.
#[derive(Debug)]
pub(crate) struct Model {
    pub atoms: Vec<Atom>,
    /// Outgoing edges per state.
    pub edges: Vec<Vec<Edge>>,
    /// Whether a walk may end in the state.
    pub accept: Vec<bool>,
    /// `edges` merged per next state, for the counting rows.
    pub counting: CountEdges,
    /// Acceptance by the set of classes seen, when that is all the rules
    /// track.
    pub class_sets: Option<ClassSets>,
    /// The start state.
    pub start: u32,
    /// Shortest and longest allowed length (1 ≤ min, max ≤ MAX_LENGTH);
    /// `min > max` when the bounds do not overlap.
    pub min_len: u32,
    pub max_len: u32,
    /// Longest UTF-8 encoding of a generation character.
    pub max_utf8: usize,
    /// Size of the generation alphabet.
    pub alphabet_len: u64,
    /// The generation alphabet.
    pub alphabet: CharSet,
    /// Why the alphabet is smaller than the common alphabet, if it is.
    pub narrowed: Option<String>,
}

impl Model {
    /// Whether the atom may stand at a position.
    pub(crate) fn allowed(&self, atom: u32, first: bool, last: bool) -> bool {
        let a = &self.atoms[atom as usize];
        !(first && a.forbid_first || last && a.forbid_last)
    }

    /// The characters allowed at a position, ascending.
    pub(crate) fn chars_at(&self, first: bool, last: bool) -> Vec<char> {
        let mut out: Vec<char> = (0..self.atoms.len() as u32)
            .filter(|&a| self.allowed(a, first, last))
            .flat_map(|a| self.atoms[a as usize].chars.iter().copied())
            .collect();
        out.sort_unstable();
        out
    }

    /// Builds the model of everything the selection requires. Every
    /// combined rule (alphabet, bounds, classes, user-name patterns,
    /// refused values, run limit, first/last unions) is read from it.
    pub(crate) fn new(sel: &Selection) -> Result<Model, Error> {
        Model::build(sel, MAX_STATES)
    }

    /// [`Model::new`] with at most `max_states` states.
    fn build(sel: &Selection, max_states: usize) -> Result<Model, Error> {
        let (alphabet, narrowed) = generation_alphabet(sel);
        let alphabet_len = alphabet.len();
        if alphabet_len > MAX_ALPHABET {
            return Err(Error::Limit(Limit::new(
                LimitKind::Alphabet,
                alphabet_len,
                MAX_ALPHABET,
            )));
        }
        if open_alphabet(&sel.alphabet).1.is_some() {
            unreachable_requirement(sel, &alphabet, narrowed.as_deref())?;
        }
        let (classes, caps, reqs) = requirements(sel, &alphabet);
        // Checked before the patterns are built: a dictionary may hold a
        // megabyte of words.
        let upper: usize =
            sel.dictionary.iter().map(|(w, _)| w.chars().count()).sum();
        if upper > MAX_PATTERN_CHARS {
            return Err(Error::Limit(Limit::new(
                LimitKind::PatternChars,
                upper,
                MAX_PATTERN_CHARS,
            )));
        }
        let patterns = patterns(sel);

        let pattern_chars: usize =
            patterns.iter().map(|p| p.chars.len()).sum();
        if pattern_chars > MAX_PATTERN_CHARS {
            return Err(Error::Limit(Limit::new(
                LimitKind::PatternChars,
                pattern_chars,
                MAX_PATTERN_CHARS,
            )));
        }

        // Refused values that could be generated at all: the deny-lists,
        // and the values built from user names (those that are UTF-8:
        // a name's bytes reversed may not be, and then no password is it).
        let deny: BTreeSet<&str> = sel
            .deny
            .iter()
            .map(|(d, _)| d.as_str())
            .chain(
                sel.equals
                    .iter()
                    .filter_map(|e| std::str::from_utf8(&e.bytes).ok()),
            )
            .filter(|d| {
                !d.is_empty() && d.chars().all(|c| alphabet.contains(c))
            })
            .collect();
        let trie = Trie::new(&deny);
        let max_run = sel.max_run.filter(|&r| r < MAX_LENGTH);
        let forbid_first = &sel.forbidden_first;
        let forbid_last = &sel.forbidden_last;

        // Characters that need an atom of their own.
        let mut special: BTreeSet<char> =
            deny.iter().flat_map(|d| d.chars()).collect();
        for p in &patterns {
            if p.case_sensitive {
                special.extend(p.chars.iter().copied());
            }
        }
        let folded: BTreeSet<char> = patterns
            .iter()
            .filter(|p| !p.case_sensitive)
            .flat_map(|p| p.chars.iter().copied())
            .collect();

        let (atoms, atom_info, max_utf8) = atoms(
            &alphabet,
            &classes,
            &special,
            &folded,
            (forbid_first, forbid_last),
        );

        let spec = Spec {
            caps,
            reqs,
            patterns,
            trie,
            max_run,
            atoms: &atoms,
            info: &atom_info,
            max_states,
        };
        let (edges, accept, start) = spec.explore()?;
        let counting = CountEdges::new(&edges, &atoms);
        let class_sets = spec.class_sets();
        Ok(Model {
            atoms,
            edges,
            accept,
            counting,
            class_sets,
            start,
            min_len: sel.length.min.max(1),
            max_len: sel.length.max.min(MAX_LENGTH),
            max_utf8,
            alphabet_len,
            alphabet,
            narrowed,
        })
    }
}

/// The alphabet's characters grouped into atoms: characters alike for
/// every rule (same classes, same first/last status, and not a character
/// a refused value or a pattern needs on its own) share one. Returns the
/// atoms, what each stands for, and the longest UTF-8 encoding drawn.
fn atoms(
    alphabet: &CharSet,
    classes: &[CharSet],
    special: &BTreeSet<char>,
    folded: &BTreeSet<char>,
    (forbid_first, forbid_last): (&CharSet, &CharSet),
) -> (Vec<Atom>, Vec<AtomInfo>, usize) {
    // Atoms: group the alphabet's characters by signature.
    let mut by_sig: BTreeMap<(Vec<bool>, bool, bool, Option<char>), usize> =
        BTreeMap::new();
    let mut atoms: Vec<Atom> = Vec::new();
    let mut max_utf8 = 1;
    for c in alphabet.chars() {
        max_utf8 = max_utf8.max(c.len_utf8());
        let member: Vec<bool> =
            classes.iter().map(|s| s.contains(c)).collect();
        let own =
            (special.contains(&c) || folded.contains(&fold(c))).then_some(c);
        let ff = forbid_first.contains(c);
        let fl = forbid_last.contains(c);
        let i = *by_sig.entry((member, ff, fl, own)).or_insert_with(|| {
            atoms.push(Atom {
                chars: Vec::new(),
                forbid_first: ff,
                forbid_last: fl,
            });
            atoms.len() - 1
        });
        atoms[i].chars.push(c);
    }
    let atom_info: Vec<AtomInfo> = atoms
        .iter()
        .map(|a| {
            let c = a.chars[0];
            AtomInfo {
                classes: classes
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.contains(c))
                    .map(|(i, _)| i)
                    .collect(),
                own: (a.chars.len() == 1
                    && (special.contains(&c) || folded.contains(&fold(c))))
                .then_some(c),
            }
        })
        .collect();
    (atoms, atom_info, max_utf8)
}

/// Most states the compile-time feasibility check explores: a checker is
/// compiled for every `check`, so the exact answer is sought only where
/// it is cheap (the seed policies need tens of states).
const FEASIBILITY_STATES: usize = 1 << 11;

/// Longest user-name patterns and refused values, in characters all
/// together, for which the compile-time check builds the automaton.
const FEASIBILITY_TEXT: usize = 1 << 12;

/// Whether some password meets every rule of `sel`, by the generator's
/// automaton and exact count: `Some(false)` when none does at any length,
/// `None` when that cannot be told cheaply or within the generator's
/// limits (many states, or a generation alphabet narrower than what the
/// policies allow, where the generator's restriction and not the rules
/// may be the obstacle).
pub(crate) fn satisfiable(sel: &Selection) -> Option<bool> {
    let text: usize =
        sel.usernames.iter().map(|p| p.pattern.len()).sum::<usize>()
            + sel.deny.iter().map(|(d, _)| d.len()).sum::<usize>()
            + sel.equals.iter().map(|e| e.bytes.len()).sum::<usize>()
            + sel.dictionary.iter().map(|(w, _)| w.len()).sum::<usize>();
    if text > FEASIBILITY_TEXT {
        return None;
    }
    let model = Model::build(sel, FEASIBILITY_STATES).ok()?;
    // The empty password: no character, so only the requirements (class
    // counts of zero) and an empty refused value can refuse it.
    let empty_denied = sel.deny.iter().any(|(d, _)| d.is_empty());
    if sel.length.min == 0
        && model.accept[model.start as usize]
        && !empty_denied
    {
        return Some(true);
    }
    // A compliant walk longer than `lo + states + 1` repeats a state
    // between its first and last steps; cutting the cycle out leaves a
    // shorter compliant walk still at least `lo` long. So the lengths up
    // to that bound decide every length.
    let lo = model.min_len;
    let states = u32::try_from(model.edges.len()).unwrap_or(u32::MAX);
    let hi = sel.length.max.min(lo.saturating_add(states).saturating_add(1));
    let mut rows = Reach::new(&model);
    for len in lo..=hi.min(model.max_len) {
        rows.extend_to(&model, len as usize - 1);
        if rows.total(&model, len) {
            return Some(true);
        }
    }
    (hi <= MAX_LENGTH && model.narrowed.is_none()).then_some(false)
}

/// The exact count's recurrence (`count::Rows`) with "is it zero" in
/// place of the number: every edge weight is at least one, so a count is
/// zero exactly when no walk exists, and booleans cost no big integers
/// (the feasibility check runs for every checker compiled).
struct Reach {
    /// `rows[r][s]`: some compliant walk of `r` more characters leaves
    /// state `s`.
    rows: Vec<Vec<bool>>,
}

impl Reach {
    fn new(model: &Model) -> Reach {
        Reach { rows: vec![model.accept.clone()] }
    }

    /// As `Rows::extend_to`.
    fn extend_to(&mut self, model: &Model, r: usize) {
        while self.rows.len() <= r {
            let rem = self.rows.len();
            let prev = &self.rows[rem - 1];
            let row = model
                .edges
                .iter()
                .map(|out| {
                    out.iter().any(|e| {
                        model.allowed(e.atom, false, rem == 1)
                            && prev[e.next as usize]
                    })
                })
                .collect();
            self.rows.push(row);
        }
    }

    /// As `Rows::total`: whether a compliant password of `len` exists.
    fn total(&self, model: &Model, len: u32) -> bool {
        let below = &self.rows[len as usize - 1];
        model.edges[model.start as usize].iter().any(|e| {
            model.allowed(e.atom, true, len == 1) && below[e.next as usize]
        })
    }
}

/// The model's classes (the selection's distinct classes within the
/// generation alphabet, merged when equal there), the count each needs
/// tracked up to, and the requirements over them.
fn requirements(
    sel: &Selection,
    alphabet: &CharSet,
) -> (Vec<CharSet>, Vec<u32>, Vec<Requirement>) {
    let mut classes: Vec<CharSet> = Vec::new();
    let mut caps: Vec<u32> = Vec::new();
    let mut reqs: Vec<Requirement> = Vec::new();
    let mut class_of = |bit: u8, cap: u32| -> usize {
        let set = sel.classes[usize::from(bit)].intersection(alphabet);
        let i = match classes.iter().position(|c| *c == set) {
            Some(i) => i,
            None => {
                classes.push(set);
                caps.push(0);
                classes.len() - 1
            }
        };
        caps[i] = caps[i].max(cap.min(MAX_LENGTH + 1));
        i
    };
    for t in &sel.targets {
        // Every rule by name: a new one must say how the automaton
        // tracks it (here, or in `Model::new`).
        let Rules {
            length: _,               // Model::min_len, max_len
            alphabet: _,             // the generation alphabet
            classes: _,              // through `class_bits`
            classes_required,        // a requirement
            min_counts,              // a requirement each
            forbidden_first: _,      // atoms' forbid_first
            forbidden_last: _,       // atoms' forbid_last
            username: _,             // KMP patterns
            max_run: _,              // the run component
            deny: _,                 // the trie
            forbidden_substrings: _, // KMP patterns, as user names
            dictionary: _,           // KMP patterns, case-folded
        } = t.rules();
        let bits = &t.class_bits;
        let mut req = Requirement { of: Vec::new(), at_least: 0 };
        if let Some(cr) = classes_required {
            req.at_least = cr.at_least;
            req.of =
                cr.of.iter().map(|&i| (class_of(bits[i], 1), 1)).collect();
        }
        reqs.push(req);
        // A minimum count is a requirement of its own: "K of 1".
        for &(i, m) in min_counts {
            let c = class_of(bits[i], m);
            reqs.push(Requirement {
                of: vec![(c, m.min(MAX_LENGTH + 1))],
                at_least: 1,
            });
        }
    }
    (classes, caps, reqs)
}

/// The selection's user-name patterns, one per text (the checker keeps one
/// per account name for its messages).
fn patterns(sel: &Selection) -> Vec<Pattern> {
    let mut out: Vec<Pattern> = Vec::new();
    for p in &sel.usernames {
        let chars: Vec<char> = p.pattern.chars().collect();
        let p = Pattern::new(chars, p.case_sensitive);
        if !out.iter().any(|q| q.same_as(&p)) {
            out.push(p);
        }
    }
    // Dictionary words are folded already and matched against the folded
    // password: case-insensitive patterns.
    let users = out.len();
    for (word, _) in &sel.dictionary {
        let p = Pattern::new(word.chars().collect(), false);
        if !out[..users].iter().any(|q| q.same_as(&p)) {
            out.push(p);
        }
    }
    out
}

/// "At least `at_least` of these (class, minimum) pairs hold".
#[derive(Debug)]
struct Requirement {
    of: Vec<(usize, u32)>,
    at_least: u32,
}

#[derive(Debug)]
struct AtomInfo {
    /// Classes the atom's characters belong to.
    classes: Vec<usize>,
    /// The character, for a one-character atom that a user name or a
    /// refused value mentions.
    own: Option<char>,
}

/// What the exploration needs.
struct Spec<'a> {
    caps: Vec<u32>,
    reqs: Vec<Requirement>,
    patterns: Vec<Pattern>,
    trie: Trie,
    max_run: Option<u32>,
    atoms: &'a [Atom],
    info: &'a [AtomInfo],
    max_states: usize,
}

/// Per state, its outgoing edges; whether it accepts; the start state.
type Explored = (Vec<Vec<Edge>>, Vec<bool>, u32);

/// A state, packed: its class counts and KMP states as ids of an
/// [`Interner`], (last atom + 1, run length), trie node. `Copy` and five
/// words, so that looking one up costs no allocation: the vectors it
/// stands for are stored once per distinct value, not once per state.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    counts: u32,
    kmp: u32,
    last: u32,
    run: u32,
    trie: u32,
}

impl Spec<'_> {
    /// The reachable states' edges and whether each accepts; state 0 is
    /// the start.
    fn explore(&self) -> Result<Explored, Error> {
        let atoms = self.atoms.len();
        let mut counts = Interner::new(self.caps.len(), atoms);
        let mut kmp = Interner::new(self.patterns.len(), atoms);
        let start = Key {
            counts: counts.intern(vec![0; self.caps.len()]),
            kmp: kmp.intern(vec![0; self.patterns.len()]),
            last: 0,
            run: 0,
            trie: if self.trie.is_empty() { OFF_TRIE } else { 0 },
        };
        // FxHash, not SipHash: the keys are the library's own (hash.rs).
        let mut index: HashMap<Key, u32, FxBuild> = HashMap::default();
        let mut keys = vec![start];
        index.insert(start, 0);
        let mut edges: Vec<Vec<Edge>> = Vec::new();
        let mut out: Vec<Edge> = Vec::new();
        let per_state =
            atoms as u64 * (self.patterns.len() + self.caps.len() + 2) as u64;
        let mut steps = 0u64;
        while edges.len() < keys.len() {
            steps += per_state;
            if steps > MAX_BUILD_STEPS {
                return Err(Error::Limit(Limit::new(
                    LimitKind::BuildSteps,
                    steps,
                    MAX_BUILD_STEPS,
                )));
            }
            let key = keys[edges.len()];
            out.clear();
            for a in 0..atoms {
                let c = counts.step(key.counts, a, |v| {
                    self.count_step(v, a);
                    Some(())
                });
                let k = kmp.step(key.kmp, a, |v| self.kmp_step(v, a));
                if k == DEAD {
                    continue;
                }
                let size = self.atoms[a].chars.len() as u32;
                let a32 = a as u32;
                let kinds = if self.max_run.is_some() && key.last == a32 + 1 {
                    [(Kind::Same, 1), (Kind::Other, size - 1)]
                } else {
                    [(Kind::Any, size), (Kind::Any, 0)]
                };
                for (kind, mult) in kinds {
                    if mult == 0 {
                        continue;
                    }
                    let Some(next) = self.step(key, (c, k), a, kind) else {
                        continue;
                    };
                    let n = match index.get(&next) {
                        Some(&n) => n,
                        None => {
                            if keys.len() >= self.max_states {
                                return Err(Error::Limit(Limit::new(
                                    LimitKind::States,
                                    keys.len() + 1,
                                    self.max_states,
                                )));
                            }
                            let n = keys.len() as u32;
                            index.insert(next, n);
                            keys.push(next);
                            n
                        }
                    };
                    out.push(Edge { atom: a32, kind, mult, next: n });
                }
            }
            // One allocation of the exact size per state, not a
            // vector grown edge by edge.
            edges.push(out.clone());
        }
        let met: Vec<bool> = (0..counts.len() as u32)
            .map(|id| self.counts_meet(counts.value(id)))
            .collect();
        let accept = keys
            .iter()
            .map(|k| {
                met[k.counts as usize]
                    && (k.trie == OFF_TRIE
                        || !self.trie.terminal[k.trie as usize])
            })
            .collect();
        Ok((edges, accept, 0))
    }

    /// The class counts after a character of `atom`.
    fn count_step(&self, counts: &mut [u32], atom: usize) {
        for &c in &self.info[atom].classes {
            counts[c] = (counts[c] + 1).min(self.caps[c]);
        }
    }

    /// The KMP states after a character of `atom`; `None` when it
    /// completes a pattern.
    fn kmp_step(&self, kmp: &mut [u32], atom: usize) -> Option<()> {
        let own = self.info[atom].own;
        for (j, p) in self.patterns.iter().enumerate() {
            let s = p.step(kmp[j] as usize, own);
            if s == p.chars.len() {
                return None;
            }
            kmp[j] = s as u32;
        }
        Some(())
    }

    /// The state after a character of `atom` from `key`, given the
    /// components already stepped (`counts`, `kmp`); `None` past the run
    /// limit.
    fn step(
        &self,
        key: Key,
        (counts, kmp): (u32, u32),
        atom: usize,
        kind: Kind,
    ) -> Option<Key> {
        let mut next = Key { counts, kmp, ..key };
        if let Some(max) = self.max_run {
            if kind == Kind::Same {
                next.run += 1;
                if next.run > max {
                    return None;
                }
            } else {
                next.last = atom as u32 + 1;
                next.run = 1;
            }
        }
        if key.trie != OFF_TRIE {
            next.trie = self.info[atom]
                .own
                .and_then(|c| {
                    self.trie.children[key.trie as usize].get(&c).copied()
                })
                .unwrap_or(OFF_TRIE);
        }
        Some(next)
    }

    /// [`ClassSets`], when what the automaton tracks is only which
    /// classes were seen: every count capped at 1 (or 0), and no user
    /// names, refused values or run limit. Acceptance is then
    /// [`Spec::counts_meet`] of the counts a set stands for, as in
    /// `explore`.
    fn class_sets(&self) -> Option<ClassSets> {
        let k = self.caps.len();
        if k > ClassSets::MAX_CLASSES
            || !self.patterns.is_empty()
            || !self.trie.is_empty()
            || self.max_run.is_some()
            || self.caps.iter().any(|&c| c > 1)
        {
            return None;
        }
        let masks = self
            .info
            .iter()
            .map(|i| i.classes.iter().fold(0, |m, &c| m | 1 << c))
            .collect();
        let accept = (0..1u32 << k)
            .map(|set| {
                let counts: Vec<u32> =
                    (0..k).map(|c| (set >> c & 1).min(self.caps[c])).collect();
                self.counts_meet(&counts)
            })
            .collect();
        Some(ClassSets { masks, accept })
    }

    /// Whether class counts meet every requirement.
    fn counts_meet(&self, counts: &[u32]) -> bool {
        self.reqs.iter().all(|r| {
            let met = r.of.iter().filter(|&&(c, m)| counts[c] >= m).count();
            met as u64 >= u64::from(r.at_least)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Model, Reach};
    use crate::generate::count::Rows;
    use crate::{Catalog, Policy};

    /// The feasibility check's boolean recurrence says "some password"
    /// exactly where the exact count is non-zero.
    #[test]
    fn reach_is_the_count_being_non_zero() {
        let tight = Policy::from_yaml(
            "id: t\nvendor: v\nproduct: p\nclasses:\n  ab: { chars: ab }\n  \
             d: { chars: '1' }\nrules:\n  alphabet: [ab, d]\n  length: { \
             min: 1, max: 7 }\n  min_counts: { d: 3 }\n  max_run: 2\n  \
             forbidden_first: a\n  forbidden_last: '1'\n  deny: [b111a]\n",
            "t.yaml",
        )
        .unwrap();
        let catalog = Catalog::builtin();
        let mut selections: Vec<Vec<&crate::Variant>> = vec![
            tight.variants().iter().collect(),
            catalog.select(&["tencent-ecm", "huawei-clouddc"]).unwrap(),
            catalog.select(&["tencent-redis"]).unwrap(),
        ];
        selections.push(catalog.select(&["baidu-bcc"]).unwrap());
        for variants in selections {
            let checker = crate::Checker::new(&variants).unwrap();
            let model = Model::new(checker.selection()).unwrap();
            let (mut rows, mut reach) =
                (Rows::new(&model), Reach::new(&model));
            for len in 1..=12u32 {
                rows.extend_to(&model, len as usize - 1);
                reach.extend_to(&model, len as usize - 1);
                assert_eq!(
                    reach.total(&model, len),
                    rows.total(&model, len).bits() != 0,
                    "length {len}"
                );
            }
        }
    }
}
