//! A fast hasher for the automaton's state index: the keys are short
//! vectors of small integers built by the library itself (no input
//! chooses them adversarially beyond the policy, whose size is bounded by
//! the state and step limits), so SipHash's flood resistance buys nothing
//! and costs a fifth of building the automaton. This is FxHash (the
//! multiply-rotate hash rustc uses), word at a time.

use std::hash::{BuildHasherDefault, Hasher};

/// `HashMap` hasher state for [`FxHasher`].
pub(super) type FxBuild = BuildHasherDefault<FxHasher>;

/// FxHash over 64-bit words.
#[derive(Default, Clone, Copy)]
pub(super) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ (rest.len() as u64) << 56);
        }
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}
