//! The rejection draw's acceptance test: the generator's automaton as a
//! dense table over drawn ASCII bytes.
//!
//! The rejection sampler draws each position from the characters allowed
//! there, so the length, the alphabet and the forbidden first and last
//! characters hold by construction; what is left to decide is what the
//! automaton tracks (class counts, user names, runs, refused values). The
//! model's automaton accepts exactly the compliant strings over the
//! generation alphabet (the exact sampler and the counts rest on that), so
//! walking it over the drawn bytes answers "would the checker accept this"
//! with one table load per byte, instead of the checker's full pass and
//! the re-check of what the draw guarantees. Debug builds still ask the
//! checker about every password (`Sampler::fill`).

use super::model::{Kind, Model};

/// Most table entries (states × atoms × 2) a walk holds: 1 MiB of `u32`.
const MAX_ENTRIES: usize = 1 << 18;

/// A byte no drawn byte equals: "no previous character".
const NO_PREV: u32 = 0x100;

/// The automaton over bytes.
#[derive(Debug)]
pub(super) struct Walk {
    /// Per byte: its atom's column (`atom << 1`), for bytes of the
    /// generation alphabet (others are never drawn).
    column: [u32; 256],
    /// `next[row | column | same]`: the row of the state after a byte of
    /// that atom, `same` when it repeats the previous byte (a run step).
    /// A state's row is its index shifted left by `shift`, so a step is
    /// two loads and two ORs. The last state is dead: every step stays.
    next: Vec<u32>,
    shift: u32,
    /// Whether the model has run edges (else both entries of a column
    /// agree and `same` can stay 0).
    runs: bool,
    /// Whether a walk may end in the state.
    accept: Vec<bool>,
    start: u32,
    dead: u32,
}

impl Walk {
    /// The table for `model`, when every character is ASCII and it is not
    /// too large; else `None` (the caller asks the checker instead).
    pub(super) fn new(model: &Model) -> Option<Walk> {
        let ascii =
            model.atoms.iter().all(|a| a.chars.iter().all(char::is_ascii));
        let columns = (model.atoms.len() * 2).next_power_of_two();
        let shift = columns.trailing_zeros();
        let states = model.edges.len() + 1;
        if !ascii || states.checked_mul(columns)? > MAX_ENTRIES {
            return None;
        }
        let row = |s: usize| (s << shift) as u32;
        let dead = row(model.edges.len());
        let mut column = [0u32; 256];
        for (a, atom) in model.atoms.iter().enumerate() {
            for &c in &atom.chars {
                column[c as usize] = (a as u32) << 1;
            }
        }
        let mut next = vec![dead; states * columns];
        let mut runs = false;
        for (s, out) in model.edges.iter().enumerate() {
            for e in out {
                let at = (s << shift) | (e.atom as usize) << 1;
                let to = row(e.next as usize);
                // `Any`: both entries (a byte cannot repeat the previous
                // one in a state that does not track runs through this
                // atom); `Same` and `Other`: one each.
                match e.kind {
                    Kind::Any => {
                        next[at] = to;
                        next[at | 1] = to;
                    }
                    Kind::Same => next[at | 1] = to,
                    Kind::Other => next[at] = to,
                }
                // A state tracking a run through this atom has no `Any`
                // edge for it, only `Same` and `Other` (either may be
                // missing: a step past the run limit is dead); when the
                // model has neither kind anywhere, both entries agree.
                runs |= e.kind != Kind::Any;
            }
        }
        let mut accept = model.accept.clone();
        accept.push(false);
        let start = row(model.start as usize);
        Some(Walk { column, next, shift, runs, accept, start, dead })
    }

    /// Whether the automaton accepts `bytes` (drawn from the generation
    /// alphabet, each position from the characters allowed there).
    #[inline]
    pub(super) fn accepts(&self, bytes: &[u8]) -> bool {
        let end = if self.runs {
            self.run::<true>(bytes)
        } else {
            self.run::<false>(bytes)
        };
        self.accept.get((end >> self.shift) as usize).copied().unwrap_or(false)
    }

    #[inline(always)]
    fn run<const RUNS: bool>(&self, bytes: &[u8]) -> u32 {
        let mut row = self.start;
        let mut prev = NO_PREV;
        for &b in bytes {
            let mut at = row | self.column[usize::from(b)];
            if RUNS {
                at |= u32::from(u32::from(b) == prev);
                prev = u32::from(b);
            }
            row = match self.next.get(at as usize) {
                Some(&r) => r,
                None => return self.dead,
            };
        }
        row
    }
}
