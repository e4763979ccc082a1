//! The combined forms of the user-name equality and dictionary rules.

use crate::error::{Error, Limit, LimitKind};
use crate::verdict::Code;

use super::{EqualsValue, Target};

/// Most characters of dictionary words one checker holds, all targets
/// together: each target's are bounded by its policy, and at most 16
/// targets.
pub(crate) const MAX_DICTIONARY_CHARS: usize = 4 << 20;

/// The values each target's user names make refused: the name (bytes)
/// and its bytes reversed, for rules with `equals` / `equals_reversed`.
pub(super) fn equals(targets: &[Target]) -> Vec<EqualsValue> {
    let mut out: Vec<EqualsValue> = Vec::new();
    for (i, t) in targets.iter().enumerate() {
        let Some(rule) = t.rules().username else { continue };
        let long_enough = |n: &&String| {
            !n.is_empty()
                && n.chars().count() as u64 >= u64::from(rule.min_name_length)
        };
        for name in t.names.iter().filter(long_enough) {
            let forward = name.as_bytes().to_vec();
            let mut backward = forward.clone();
            backward.reverse();
            let wanted = [
                (rule.equals, forward, Code::EqualsUsername),
                (rule.equals_reversed, backward, Code::EqualsReversedUsername),
            ];
            for (on, bytes, code) in wanted {
                if !on {
                    continue;
                }
                match out.iter_mut().find(|e| {
                    e.bytes == bytes && e.code == code && e.name == *name
                }) {
                    Some(e) => e.targets |= 1 << i,
                    None => out.push(EqualsValue {
                        bytes,
                        name: name.clone(),
                        code,
                        targets: 1 << i,
                    }),
                }
            }
        }
    }
    out
}

/// Every target's dictionary words, sorted, with the targets holding each.
pub(super) fn dictionary(
    targets: &[Target],
) -> Result<Vec<(String, u16)>, Error> {
    let total: usize = targets
        .iter()
        .flat_map(|t| t.rules().dictionary.iter())
        .map(|w| w.chars().count())
        .sum();
    if total > MAX_DICTIONARY_CHARS {
        return Err(Error::Limit(Limit::new(
            LimitKind::DictionaryChars,
            total,
            MAX_DICTIONARY_CHARS,
        )));
    }
    let mut all: Vec<(String, u16)> = Vec::new();
    for (i, t) in targets.iter().enumerate() {
        all.extend(t.rules().dictionary.iter().map(|w| (w.clone(), 1 << i)));
    }
    all.sort();
    let mut out: Vec<(String, u16)> = Vec::with_capacity(all.len());
    for (word, mask) in all {
        match out.last_mut() {
            Some((last, m)) if *last == word => *m |= mask,
            _ => out.push((word, mask)),
        }
    }
    Ok(out)
}
