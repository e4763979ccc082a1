//! A slow, obviously correct interpreter of the policy language.
//!
//! It reads [`Rules`] directly, one rule at a time, with no tables, masks
//! or shared passes, so that it can be checked against the documentation by
//! eye. The test suite and the fuzzers compare the compiled [`Checker`]
//! with it on arbitrary policies and passwords; it is public only so that
//! they can.
//!
//! [`Checker`]: crate::Checker

use unicode_segmentation::UnicodeSegmentation;

use crate::policy::{Rules, UsernameRule};
use crate::spec::LengthUnit;
use crate::verdict::Code;

/// The codes `rules` refuses `password` for, checking user-name rules
/// against `usernames`, in [`Code::ALL`] order, each at most once.
///
/// ```
/// use passpolicy::{Catalog, Code, reference};
///
/// let catalog = Catalog::builtin();
/// let rules = catalog.get("baidu-bcc").unwrap().variants()[0].rules();
/// assert_eq!(reference::violations(rules, &[], "Ab1!"), [Code::TooShort]);
/// ```
pub fn violations(
    rules: &Rules,
    usernames: &[String],
    password: &str,
) -> Vec<Code> {
    violations_with(rules, usernames, None, password)
}

/// [`violations`] with a display name for the display-name rule (see
/// [`Target::display_name`](crate::Target::display_name)).
///
/// ```
/// use passpolicy::{Catalog, Code, reference};
///
/// let catalog = Catalog::builtin();
/// let rules = catalog.get("windows-ad").unwrap().variants()[0].rules();
/// let found = reference::violations_with(rules, &[], Some("Ann Lee-Jones"), "Jones#2024");
/// assert_eq!(found, [Code::ContainsDisplayName]);
/// ```
pub fn violations_with(
    rules: &Rules,
    usernames: &[String],
    display_name: Option<&str>,
    password: &str,
) -> Vec<Code> {
    // Every rule by name: a new one does not compile until it is read.
    let Rules {
        length,
        alphabet,
        classes,
        classes_required,
        min_counts,
        forbidden_first,
        forbidden_last,
        username,
        max_run,
        deny,
        dictionary,
        forbidden_substrings,
    } = rules;
    let chars: Vec<char> = password.chars().collect();
    let mut found = Vec::new();

    let measured = match length.unit {
        LengthUnit::Chars => chars.len(),
        LengthUnit::Bytes => password.len(),
        LengthUnit::Utf16 => password.encode_utf16().count(),
        LengthUnit::Graphemes => password.graphemes(true).count(),
    } as u64;
    if measured < u64::from(length.min) {
        found.push(Code::TooShort);
    }
    if measured > u64::from(length.max) {
        found.push(Code::TooLong);
    }

    if chars.iter().any(|&c| !alphabet.contains(c)) {
        found.push(Code::DisallowedCharacter);
    }
    if let Some(&first) = chars.first()
        && forbidden_first.contains(first)
    {
        found.push(Code::ForbiddenPrefix);
    }
    if let Some(&last) = chars.last()
        && forbidden_last.contains(last)
    {
        found.push(Code::ForbiddenSuffix);
    }

    if let Some(req) = classes_required {
        let present = req
            .of
            .iter()
            .filter(|&&i| chars.iter().any(|&c| classes[i].set.contains(c)))
            .count();
        if (present as u64) < u64::from(req.at_least) {
            found.push(Code::NotEnoughClasses);
        }
    }
    for &(i, min) in min_counts {
        let n = chars.iter().filter(|&&c| classes[i].set.contains(c)).count();
        if (n as u64) < u64::from(min) {
            found.push(Code::TooFewOfClass);
            break;
        }
    }

    if let Some(rule) = *username {
        // Names shorter than the rule's minimum are not checked.
        let long: Vec<String> = usernames
            .iter()
            .filter(|n| {
                n.chars().count() as u64 >= u64::from(rule.min_name_length)
            })
            .cloned()
            .collect();
        equality_codes(rule, &long, password, &mut found);
        display_name_codes(rule, display_name, password, &mut found);
        username_codes(rule, &long, password, &mut found);
    }

    if let Some(max) = *max_run {
        let longest = chars
            .chunk_by(|a, b| a == b)
            .map(|run| run.len())
            .max()
            .unwrap_or(0);
        if longest as u64 > u64::from(max) {
            found.push(Code::RepeatedCharacter);
        }
    }
    if deny.iter().any(|d| d == password) {
        found.push(Code::DeniedValue);
    }
    // Every substring of the folded password against every word.
    let folded: Vec<char> = chars.iter().map(|&c| fold(c)).collect();
    if dictionary.iter().any(|w| {
        let w: Vec<char> = w.chars().collect();
        !w.is_empty() && folded.windows(w.len()).any(|s| s == w.as_slice())
    }) {
        found.push(Code::DictionaryWord);
    }
    // A forbidden word anywhere: compared as user names are, folded
    // unless case-sensitive.
    if let Some(rule) = forbidden_substrings {
        let norm = |s: &str| -> Vec<char> {
            if rule.case_sensitive {
                s.chars().collect()
            } else {
                s.chars().map(fold).collect()
            }
        };
        let hay = norm(password);
        let found_one = rule.values.iter().any(|w| {
            let w = norm(w);
            !w.is_empty() && hay.windows(w.len()).any(|x| x == w.as_slice())
        });
        if found_one {
            found.push(Code::ContainsForbiddenSubstring);
        }
    }

    found.sort_by_key(|c| Code::ALL.iter().position(|a| a == c));
    found
}

/// The user-name codes `rule` refuses `password` for, added to `found`
/// once each.
/// The name's bytes, forwards and backwards, against the password's.
fn equality_codes(
    rule: UsernameRule,
    usernames: &[String],
    password: &str,
    found: &mut Vec<Code>,
) {
    for name in usernames {
        let bytes = name.as_bytes();
        let reversed: Vec<u8> = bytes.iter().rev().copied().collect();
        let mut push = |code| {
            if !found.contains(&code) {
                found.push(code);
            }
        };
        if rule.equals && !bytes.is_empty() && password.as_bytes() == bytes {
            push(Code::EqualsUsername);
        }
        if rule.equals_reversed
            && !bytes.is_empty()
            && password.as_bytes() == reversed.as_slice()
        {
            push(Code::EqualsReversedUsername);
        }
    }
}

/// Display-name tokens: cut at every delimiter, short ones dropped, each
/// looked for as the rule compares.
fn display_name_codes(
    rule: UsernameRule,
    display_name: Option<&str>,
    password: &str,
    found: &mut Vec<Code>,
) {
    let (Some(d), Some(display)) = (rule.display_name, display_name) else {
        return;
    };
    let norm = |s: &str| -> Vec<char> {
        if rule.case_sensitive {
            s.chars().collect()
        } else {
            s.chars().map(fold).collect()
        }
    };
    let hay = norm(password);
    let mut tokens: Vec<Vec<char>> = vec![Vec::new()];
    for c in display.chars() {
        let delimiter =
            (c as u32) < 128 && d.delimiters >> (c as u32) & 1 == 1;
        if delimiter {
            tokens.push(Vec::new());
        } else if let Some(last) = tokens.last_mut() {
            last.push(c);
        }
    }
    for token in tokens {
        if (token.len() as u64) < u64::from(d.min_token_length.max(1)) {
            continue;
        }
        let token = norm(&token.into_iter().collect::<String>());
        if hay.windows(token.len()).any(|w| w == token.as_slice())
            && !found.contains(&Code::ContainsDisplayName)
        {
            found.push(Code::ContainsDisplayName);
        }
    }
}

fn username_codes(
    rule: UsernameRule,
    usernames: &[String],
    password: &str,
    found: &mut Vec<Code>,
) {
    let norm = |s: &str| -> Vec<char> {
        if rule.case_sensitive {
            s.chars().collect()
        } else {
            s.chars().map(fold).collect()
        }
    };
    let hay = norm(password);
    let has = |needle: &[char]| {
        !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
    };
    for name in usernames {
        let forward = norm(name);
        let backward: Vec<char> = forward.iter().rev().copied().collect();
        if rule.contains
            && has(&forward)
            && !found.contains(&Code::ContainsUsername)
        {
            found.push(Code::ContainsUsername);
        }
        if rule.reversed
            && has(&backward)
            && !found.contains(&Code::ContainsReversedUsername)
        {
            found.push(Code::ContainsReversedUsername);
        }
        // "N consecutive characters of the name": any window of N.
        if let Some(n) = rule.consecutive {
            let mut runs: Vec<&[char]> = forward.windows(n as usize).collect();
            if rule.reversed {
                runs.extend(backward.windows(n as usize));
            }
            if runs.iter().any(|r| has(r))
                && !found.contains(&Code::ContainsPartOfUsername)
            {
                found.push(Code::ContainsPartOfUsername);
            }
        }
    }
}

/// Simple case folding, read from the same table as the checker's but by
/// a linear search of its own, so that the oracle shares no folding code
/// with what it checks.
pub(crate) fn fold(c: char) -> char {
    crate::unicode_tables::SIMPLE_FOLD
        .iter()
        .find(|&&(from, _)| from == c)
        .map_or(c, |&(_, to)| to)
}
