//! Deterministic benchmark passwords: accepted ones built from a checker's
//! own alphabet and verified by it, rejected ones that fail a class rule.
//!
//! No randomness source is needed (the inputs must be the same on every
//! run), only a fixed-seed mixing function to avoid runs and patterns.

use passpolicy::Checker;

/// A password of `len` characters every variant of `checker` accepts, or
/// `None` when no such length is allowed.
///
/// Characters cycle through lower, upper, digit and the rest of the common
/// alphabet (so every K-of-N rule holds), starting with a lower-case letter
/// and never ending with an upper-case one or a digit: passwdqc does not
/// count a leading capital or a trailing digit as a class, and the peers
/// should see the same accepted input as passpolicy.
pub fn accepted(checker: &Checker, len: usize) -> Option<String> {
    let alphabet: Vec<char> = checker.common_alphabet().chars().collect();
    let pools: Vec<Vec<char>> = [
        |c: &char| c.is_ascii_lowercase(),
        |c: &char| c.is_ascii_uppercase(),
        |c: &char| c.is_ascii_digit(),
        |c: &char| !c.is_ascii_alphanumeric(),
    ]
    .iter()
    .map(|f| alphabet.iter().copied().filter(f).collect::<Vec<char>>())
    .filter(|p| !p.is_empty())
    .collect();
    if pools.is_empty() {
        return None;
    }
    for seed in 1..64u64 {
        let mut s = String::with_capacity(len);
        let mut state = seed;
        for i in 0..len {
            let pool = if i + 1 == len && len > 1 {
                // Lower case or symbol last (see above).
                &pools[if pools.len() > 3 { 3 } else { 0 }]
            } else {
                &pools[i % pools.len()]
            };
            state = mix(state);
            s.push(pool[(state % pool.len() as u64) as usize]);
        }
        if checker.check(&s).is_ok() {
            return Some(s);
        }
    }
    None
}

/// `len` lower-case letters: refused by every seed policy for missing
/// classes (and, past its maximum, for length).
pub fn rejected(len: usize) -> String {
    let mut state = 7;
    (0..len)
        .map(|_| {
            state = mix(state);
            char::from(b'a' + (state % 26) as u8)
        })
        .collect()
}

/// SplitMix64's finaliser: a fixed, well-spread sequence.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
