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
        forbidden_substrings,
        dictionary,
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
        let long = long_names(rule, usernames);
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
    // A forbidden word anywhere: compared as user names are, folded
    // unless case-sensitive.
    if let Some(rule) = forbidden_substrings {
        let hay = compared(password, rule.case_sensitive);
        let found_one = rule
            .values
            .iter()
            .any(|w| holds(&hay, &compared(w, rule.case_sensitive)));
        if found_one {
            found.push(Code::ContainsForbiddenSubstring);
        }
    }
    if dictionary_has(dictionary, &chars) {
        found.push(Code::DictionaryWord);
    }

    found.sort_by_key(|c| Code::ALL.iter().position(|a| a == c));
    found
}

/// The names the rule checks: those of at least its minimum length.
fn long_names(rule: UsernameRule, usernames: &[String]) -> Vec<String> {
    usernames
        .iter()
        .filter(|n| {
            n.chars().count() as u64 >= u64::from(rule.min_name_length)
        })
        .cloned()
        .collect()
}

/// Whether some word is a substring of the folded password.
fn dictionary_has(dictionary: &[String], chars: &[char]) -> bool {
    let folded: Vec<char> = chars.iter().map(|&c| fold(c)).collect();
    dictionary
        .iter()
        .any(|w| holds(&folded, &w.chars().collect::<Vec<char>>()))
}

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
        if rule.equals && !bytes.is_empty() && password.as_bytes() == bytes {
            push_once(found, Code::EqualsUsername);
        }
        if rule.equals_reversed
            && !bytes.is_empty()
            && password.as_bytes() == reversed.as_slice()
        {
            push_once(found, Code::EqualsReversedUsername);
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
    let hay = compared(password, rule.case_sensitive);
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
        let token: String = token.into_iter().collect();
        if holds(&hay, &compared(&token, rule.case_sensitive)) {
            push_once(found, Code::ContainsDisplayName);
        }
    }
}

/// The user-name codes `rule` refuses `password` for, added to `found`
/// once each.
fn username_codes(
    rule: UsernameRule,
    usernames: &[String],
    password: &str,
    found: &mut Vec<Code>,
) {
    let hay = compared(password, rule.case_sensitive);
    let has = |needle: &[char]| holds(&hay, needle);
    for name in usernames {
        let forward = compared(name, rule.case_sensitive);
        let backward: Vec<char> = forward.iter().rev().copied().collect();
        if rule.contains && has(&forward) {
            push_once(found, Code::ContainsUsername);
        }
        if rule.reversed && has(&backward) {
            push_once(found, Code::ContainsReversedUsername);
        }
        // "N consecutive characters of the name": any window of N.
        if let Some(n) = rule.consecutive {
            let mut runs: Vec<&[char]> = forward.windows(n as usize).collect();
            if rule.reversed {
                runs.extend(backward.windows(n as usize));
            }
            if runs.iter().any(|r| has(r)) {
                push_once(found, Code::ContainsPartOfUsername);
            }
        }
    }
}

/// `s` as the rule compares it: as written when case-sensitive, else
/// each character simply folded.
fn compared(s: &str, case_sensitive: bool) -> Vec<char> {
    if case_sensitive {
        s.chars().collect()
    } else {
        s.chars().map(fold).collect()
    }
}

/// Whether `needle` (not empty) occurs in `hay`.
fn holds(hay: &[char], needle: &[char]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Adds `code` unless it is there already.
fn push_once(found: &mut Vec<Code>, code: Code) {
    if !found.contains(&code) {
        found.push(code);
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
