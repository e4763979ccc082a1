//! Resolvers of the dictionary and of the user-name rule's display-name
//! part: what each can get wrong on its own, reported under its field.

use crate::fold::simple_fold;
use crate::policy::DisplayNameRule;
use crate::spec::{DictionarySpec, DisplayNameSpec};

use super::Resolver;

/// Most dictionary characters one rule may hold: a dictionary file is at
/// most [`MAX_PARAMETER_FILE_BYTES`](crate::params::MAX_PARAMETER_FILE_BYTES).
pub(crate) const MAX_DICTIONARY_BYTES: usize =
    crate::params::MAX_PARAMETER_FILE_BYTES;

/// The display-name rule, its delimiters as an ASCII bit set.
pub(super) fn display_name(
    r: &mut Resolver<'_, '_>,
    spec: &DisplayNameSpec,
) -> Option<DisplayNameRule> {
    let path = ["username", "display_name"];
    let mut delimiters = 0u128;
    for c in spec.delimiters.chars() {
        if !c.is_ascii() {
            r.report(
                &path,
                format!(
                    "delimiter {} is not ASCII; the delimiters are ASCII \
                     characters",
                    crate::describe_char(c)
                ),
            );
            return None;
        }
        delimiters |= 1 << (c as u32);
    }
    if spec.min_token_length == 0 {
        r.report(
            &path,
            "min_token_length 0 would check empty tokens; the smallest is 1"
                .into(),
        );
        return None;
    }
    Some(DisplayNameRule {
        delimiters,
        min_token_length: spec.min_token_length,
    })
}

/// The dictionary's usable words: within the byte lengths, unchanged by
/// case folding (the password is folded before it is compared, so a word
/// with an upper-case letter never matches, as in MySQL, which compares
/// the lower-cased password with the words as written), sorted, once.
pub(super) fn resolve(
    r: &mut Resolver<'_, '_>,
    spec: Option<&DictionarySpec>,
) -> Vec<String> {
    let path = ["dictionary"];
    let Some(spec) = spec else { return Vec::new() };
    let min = spec.min_bytes.unwrap_or(1).max(1) as usize;
    let max = spec.max_bytes.map_or(usize::MAX, |m| m as usize);
    if min > max {
        r.report(
            &path,
            format!("min_bytes {min} is greater than max_bytes {max}"),
        );
    }
    let words = spec.words.as_deref().unwrap_or_default();
    let total: usize = words.iter().map(String::len).sum();
    if total > MAX_DICTIONARY_BYTES {
        r.report(
            &path,
            format!(
                "the words add up to {total} bytes; a dictionary holds at \
                 most {MAX_DICTIONARY_BYTES}"
            ),
        );
        return Vec::new();
    }
    let mut out: Vec<String> = words
        .iter()
        .filter(|w| (min..=max).contains(&w.len()))
        .filter(|w| w.chars().all(|c| simple_fold(c) == c))
        .cloned()
        .collect();
    out.sort();
    out.dedup();
    out
}
