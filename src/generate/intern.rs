//! Interned state components for the automaton's exploration
//! (`model.rs`): each distinct value of a component stored once, with its
//! successor under each atom computed once.

use std::collections::HashMap;

use super::hash::FxBuild;

/// A transition not computed yet.
const UNKNOWN: u32 = u32::MAX;

/// A transition into a found pattern: no state.
pub(super) const DEAD: u32 = u32::MAX - 1;

/// Distinct values of one state component (the class counts, or the KMP
/// states of every pattern), each a vector of `width` numbers, with the
/// successor of each under each atom computed once. A component's next
/// value depends only on its own value and the atom, so the many states
/// sharing it share the work, and a state's key holds its id, not the
/// vector.
pub(super) struct Interner {
    width: usize,
    atoms: usize,
    /// The values, `width` numbers each, by id.
    values: Vec<u32>,
    index: HashMap<Box<[u32]>, u32, FxBuild>,
    /// `next[id * atoms + atom]`: [`UNKNOWN`], [`DEAD`] or an id.
    next: Vec<u32>,
}

impl Interner {
    pub(super) fn new(width: usize, atoms: usize) -> Interner {
        Interner {
            width,
            atoms,
            values: Vec::new(),
            index: HashMap::default(),
            next: Vec::new(),
        }
    }

    #[inline]
    pub(super) fn len(&self) -> usize {
        self.next.len() / self.atoms.max(1)
    }

    #[inline]
    pub(super) fn value(&self, id: u32) -> &[u32] {
        let at = id as usize * self.width;
        &self.values[at..at + self.width]
    }

    pub(super) fn intern(&mut self, value: Vec<u32>) -> u32 {
        if let Some(&id) = self.index.get(value.as_slice()) {
            return id;
        }
        let id = self.len() as u32;
        self.values.extend_from_slice(&value);
        self.next.resize(self.next.len() + self.atoms.max(1), UNKNOWN);
        self.index.insert(value.into_boxed_slice(), id);
        id
    }

    /// The successor of `id` under `atom`, computed by `step` (`None`:
    /// dead) the first time it is asked for.
    #[inline]
    pub(super) fn step(
        &mut self,
        id: u32,
        atom: usize,
        step: impl FnOnce(&mut [u32]) -> Option<()>,
    ) -> u32 {
        let slot = id as usize * self.atoms + atom;
        let known = self.next[slot];
        if known != UNKNOWN {
            return known;
        }
        let mut value = self.value(id).to_vec();
        let next = match step(&mut value) {
            Some(()) => self.intern(value),
            None => DEAD,
        };
        self.next[slot] = next;
        next
    }
}
