//! Violation messages in English and Chinese, rendered on demand.
//!
//! Messages name the rule and how to fix it; they mention a character only
//! by code point and position, and never repeat the password.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::text::{class_word, describe_char, unit_word};
use crate::verdict::{Code, Detail, Violation};

/// The language of messages and explanations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The language's code: `en` or `zh`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// Chinese when `LC_ALL`, `LC_MESSAGES` or `LANG` (first set, in that
    /// order) names it (`zh_CN.UTF-8`), else English.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| v.parse().ok())
            .unwrap_or(Lang::En)
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    /// `en` or `zh`, also as a locale (`zh_CN.UTF-8`, `en-US`).
    ///
    /// ```
    /// use passpolicy::Lang;
    ///
    /// assert_eq!("zh_CN.UTF-8".parse::<Lang>(), Ok(Lang::Zh));
    /// assert_eq!("en".parse::<Lang>(), Ok(Lang::En));
    /// assert!("fr".parse::<Lang>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Lang, String> {
        let primary = s.split(['_', '-', '.']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "en" => Ok(Lang::En),
            "zh" => Ok(Lang::Zh),
            _ => Err(format!(
                "unknown language '{}'; use en or zh",
                s.escape_debug()
            )),
        }
    }
}

impl Violation<'_> {
    /// The message in `lang`.
    ///
    /// ```
    /// use passpolicy::{Catalog, Lang};
    ///
    /// let checker = Catalog::builtin().checker(&["baidu-bcc"])?;
    /// let v = &checker.violations("Ab1!")[0];
    /// assert_eq!(
    ///     v.message(Lang::En),
    ///     "length 4 is below the minimum of 8 characters; add 4 more"
    /// );
    /// # Ok::<(), passpolicy::Error>(())
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        // Most messages fit: one allocation, no regrowth.
        let mut out = String::with_capacity(160);
        self.write_message(lang, &mut out);
        out
    }

    /// Appends the message in `lang` to `out`, as [`Violation::message`]
    /// returns it: a caller writing many (the CLI, a line per refused
    /// password) builds no string per message.
    pub fn write_message(&self, lang: Lang, out: &mut String) {
        // Exhaustive on `Code`: a new code does not compile until it has
        // a message.
        let (code, d) = (self.code, &self.detail);
        match code {
            Code::TooShort | Code::TooLong => length(out, code, d, lang),
            Code::DisallowedCharacter
            | Code::ForbiddenPrefix
            | Code::ForbiddenSuffix => character(out, code, d, lang),
            Code::NotEnoughClasses => classes(out, code, d, lang),
            Code::TooFewOfClass => class_count(out, code, d, lang),
            Code::ContainsUsername
            | Code::ContainsReversedUsername
            | Code::ContainsPartOfUsername
            | Code::ContainsDisplayName => username(out, code, d, lang),
            Code::EqualsUsername | Code::EqualsReversedUsername => {
                equals(out, code, d, lang)
            }
            Code::RepeatedCharacter => run(out, code, d, lang),
            Code::DeniedValue => denied(out, lang),
            Code::DictionaryWord => dictionary(out, lang),
            Code::ContainsForbiddenSubstring => {
                forbidden_word(out, code, d, lang)
            }
            Code::InvalidUtf8 => invalid_utf8(out, code, d, lang),
        }
    }
}

/// Appends formatted text to a `String` (which cannot fail to take it).
macro_rules! put {
    ($out:expr, $($fmt:tt)*) => {{
        let _ = std::fmt::Write::write_fmt($out, format_args!($($fmt)*));
    }};
}

/// The message for a detail that does not belong to its code. The checker
/// never builds one; a hand-made `Violation` still gets an honest text
/// rather than a panic.
fn mismatched(out: &mut String, code: Code, lang: Lang) {
    match lang {
        Lang::En => {
            put!(out, "breaks the policy's {code} rule; see `explain`")
        }
        Lang::Zh => put!(out, "不符合策略的 {code} 规则；请查看 explain"),
    }
}

/// `too_short`, `too_long`.
fn length(out: &mut String, code: Code, d: &Detail<'_>, lang: Lang) {
    let &Detail::Length { actual, min, max, unit } = d else {
        return mismatched(out, code, lang);
    };
    // A hand-built detail may not describe a violation: say so rather
    // than compute a negative difference (a panic in debug builds).
    let short = code == Code::TooShort;
    if (short && actual >= min) || (!short && actual <= max) {
        return mismatched(out, code, lang);
    }
    let unit = unit_word(unit, lang);
    match (short, lang) {
        (true, Lang::En) => put!(
            out,
            "length {actual} is below the minimum of {min} {unit}; add {} \
             more",
            min - actual
        ),
        (true, Lang::Zh) => put!(
            out,
            "长度为 {actual}，少于最小长度 {min} {unit}；请再增加 {} 个",
            min - actual
        ),
        (false, Lang::En) => put!(
            out,
            "length {actual} is above the maximum of {max} {unit}; remove {}",
            actual - max
        ),
        (false, Lang::Zh) => put!(
            out,
            "长度为 {actual}，超过最大长度 {max} {unit}；请删去 {} 个",
            actual - max
        ),
    }
}

/// `disallowed_character`, `forbidden_prefix`, `forbidden_suffix`; the
/// character named by code point when shown, by position when withheld.
fn character(out: &mut String, code: Code, d: &Detail<'_>, lang: Lang) {
    let &Detail::Character { ch, position } = d else {
        return mismatched(out, code, lang);
    };
    let Some(ch) = ch else {
        return match (code, lang) {
            (Code::ForbiddenPrefix, Lang::En) => out.push_str(
                "its first character is not \
                 allowed first; use another first character",
            ),
            (Code::ForbiddenPrefix, Lang::Zh) => {
                out.push_str("第一个字符不能出现在开头；请更换第一个字符")
            }
            (Code::ForbiddenSuffix, Lang::En) => out.push_str(
                "its last character is not \
                 allowed last; use another last character",
            ),
            (Code::ForbiddenSuffix, Lang::Zh) => {
                out.push_str("最后一个字符不能出现在结尾；请更换最后一个字符")
            }
            (_, Lang::En) => put!(
                out,
                "the character at position {position} is not allowed; remove \
                 or replace it"
            ),
            (_, Lang::Zh) => put!(
                out,
                "第 {position} 个字符不在允许的字符范围内；请删除或替换"
            ),
        };
    };
    let c = describe_char(ch);
    match (code, lang) {
        (Code::ForbiddenPrefix, Lang::En) => {
            put!(out, "must not start with {c}; use another first character")
        }
        (Code::ForbiddenPrefix, Lang::Zh) => {
            put!(out, "不能以 {c} 开头；请更换第一个字符")
        }
        (Code::ForbiddenSuffix, Lang::En) => {
            put!(out, "must not end with {c}; use another last character")
        }
        (Code::ForbiddenSuffix, Lang::Zh) => {
            put!(out, "不能以 {c} 结尾；请更换最后一个字符")
        }
        (_, Lang::En) => put!(
            out,
            "character {c} at position {position} is not allowed; remove or \
             replace it"
        ),
        (_, Lang::Zh) => put!(
            out,
            "第 {position} 个字符 {c} 不在允许的字符范围内；请删除或替换"
        ),
    }
}

/// `not_enough_classes`.
fn classes(out: &mut String, code: Code, d: &Detail<'_>, lang: Lang) {
    let Detail::Classes { present, required, present_names, missing } = d
    else {
        return mismatched(out, code, lang);
    };
    write_classes(
        out,
        lang,
        (*present, *required),
        present_names.iter().copied(),
        missing.iter().copied(),
    );
}

/// The `not_enough_classes` message of `present` of `required` classes,
/// the names of the rule's classes present and missing given one by one:
/// the checker's text line writes them from the report, without the
/// lists of a [`Detail::Classes`].
pub(crate) fn write_classes<'n>(
    out: &mut String,
    lang: Lang,
    (present, required): (u32, u32),
    present_names: impl Iterator<Item = &'n str>,
    missing: impl Iterator<Item = &'n str>,
) {
    let more = required.saturating_sub(present);
    // Pushed piece by piece into the caller's buffer: the CLI writes this
    // message for most refused passwords, and `format!` with `join` spent
    // thousands of instructions on it.
    match lang {
        Lang::En => {
            push_u32(out, present);
            out.push_str(" of the ");
            push_u32(out, required);
            out.push_str(" required character classes present");
            push_names(out, lang, present_names, ": ", ", ");
            out.push_str("; add characters from ");
            push_u32(out, more);
            out.push_str(" more of: ");
            push_names(out, lang, missing, "", ", ");
        }
        Lang::Zh => {
            out.push_str("需要至少 ");
            push_u32(out, required);
            out.push_str(" 类字符，现有 ");
            push_u32(out, present);
            out.push_str(" 类");
            if push_names(out, lang, present_names, "（", "、") {
                out.push('）');
            }
            out.push_str("；请再从以下类别中加入 ");
            push_u32(out, more);
            out.push_str(" 类：");
            push_names(out, lang, missing, "", "、");
        }
    }
}

/// Appends class names, `open` before the first and `sep` between two;
/// returns whether there was any. English names the classes as the policy
/// does, Chinese in words.
#[inline(always)]
fn push_names<'n>(
    out: &mut String,
    lang: Lang,
    names: impl Iterator<Item = &'n str>,
    open: &str,
    sep: &str,
) -> bool {
    let mut any = false;
    for n in names {
        out.push_str(if any { sep } else { open });
        any = true;
        out.push_str(match lang {
            Lang::En => n,
            Lang::Zh => class_word(n, lang),
        });
    }
    any
}

/// Appends `n` in decimal.
fn push_u32(out: &mut String, n: u32) {
    crate::text::push_decimal(out, u64::from(n));
}

/// `too_few_of_class`.
fn class_count(out: &mut String, code: Code, d: &Detail<'_>, lang: Lang) {
    let &Detail::ClassCount { class, actual, min } = d else {
        return mismatched(out, code, lang);
    };
    if actual >= min {
        return mismatched(out, code, lang);
    }
    match lang {
        Lang::En => put!(
            out,
            "{actual} characters of class {class}, at least {min} required; \
             add {} more",
            min - actual
        ),
        Lang::Zh => put!(
            out,
            "{} 类字符有 {actual} 个，至少需要 {min} 个；请再增加 {} 个",
            class_word(class, lang),
            min - actual
        ),
    }
}

/// `contains_username`, `contains_reversed_username`,
/// `contains_part_of_username`. The account name is not repeated: a
/// password may consist of it, and a message must never show the password.
fn username(out: &mut String, code: Code, d: &Detail<'_>, lang: Lang) {
    let Detail::Username { .. } = d else {
        return mismatched(out, code, lang);
    };
    match lang {
        Lang::En => {
            let how = match code {
                Code::ContainsReversedUsername => {
                    "the user name spelled backwards"
                }
                Code::ContainsPartOfUsername => {
                    "consecutive characters of the user name (the policy \
                     limits how many)"
                }
                Code::ContainsDisplayName => "a word of the display name",
                _ => "the user name",
            };
            put!(out, "contains {how}; choose a password without it")
        }
        Lang::Zh => {
            let how = match code {
                Code::ContainsReversedUsername => "用户名的倒序",
                Code::ContainsPartOfUsername => {
                    "用户名中的连续字符（策略限制连续的个数）"
                }
                Code::ContainsDisplayName => "显示名中的词",
                _ => "用户名",
            };
            put!(out, "包含{how}；请勿在密码中使用")
        }
    }
}

/// `equals_username`, `equals_reversed_username`; the name is not
/// repeated (it is the password).
fn equals(out: &mut String, code: Code, d: &Detail<'_>, lang: Lang) {
    let Detail::Username { .. } = d else {
        return mismatched(out, code, lang);
    };
    match (code == Code::EqualsUsername, lang) {
        (true, Lang::En) => {
            out.push_str("is the user name; choose a password that is not")
        }
        (false, Lang::En) => out.push_str(
            "is the user name spelled backwards; choose \
                              another password",
        ),
        (true, Lang::Zh) => out.push_str("与用户名相同；请换一个密码"),
        (false, Lang::Zh) => out.push_str("与用户名的倒序相同；请换一个密码"),
    }
}

/// `dictionary_word`: the word is part of the password, so not repeated.
fn dictionary(out: &mut String, lang: Lang) {
    match lang {
        Lang::En => out.push_str(
            "contains a word of the dictionary (compared ignoring \
                     case); choose a password without it",
        ),
        Lang::Zh => {
            out.push_str("包含字典中的词（不区分大小写）；请勿在密码中使用")
        }
    }
}

/// `contains_forbidden_substring`. The word is not repeated, as a user
/// name is not: the password may consist of it.
fn forbidden_word(out: &mut String, code: Code, d: &Detail<'_>, lang: Lang) {
    let Detail::Substring { .. } = d else {
        return mismatched(out, code, lang);
    };
    match lang {
        Lang::En => out.push_str(
            "contains a word the policy forbids (see explain); \
                     choose a password without it",
        ),
        Lang::Zh => {
            out.push_str("包含策略禁止的词（见 explain）；请勿在密码中使用")
        }
    }
}

/// `repeated_character`.
fn run(out: &mut String, code: Code, d: &Detail<'_>, lang: Lang) {
    let &Detail::Run { ch, length, max, position } = d else {
        return mismatched(out, code, lang);
    };
    match lang {
        Lang::En => {
            let what = ch.map_or("a character".to_string(), describe_char);
            put!(
                out,
                "{what} repeated {length} times in a row from position \
                 {position}, at most {max} allowed; break up the run"
            )
        }
        Lang::Zh => {
            let what = ch.map_or("某个字符".to_string(), describe_char);
            put!(
                out,
                "从第 {position} 个字符起 {what} 连续重复 {length} 次，最多允许 {max} 次；请打断重复"
            )
        }
    }
}

/// `denied_value`: nothing to measure, and the value is the password.
fn denied(out: &mut String, lang: Lang) {
    match lang {
        Lang::En => out.push_str(
            "is one of the values this policy refuses; choose \
                     another password",
        ),
        Lang::Zh => out.push_str("属于该策略明确禁止的密码；请换一个密码"),
    }
}

/// `invalid_utf8`.
fn invalid_utf8(out: &mut String, code: Code, d: &Detail<'_>, lang: Lang) {
    let &Detail::InvalidUtf8 { offset } = d else {
        return mismatched(out, code, lang);
    };
    match lang {
        Lang::En => put!(
            out,
            "input is not valid UTF-8 (first bad byte at offset {offset}); \
             pass the password as UTF-8 text"
        ),
        Lang::Zh => put!(
            out,
            "输入不是有效的 UTF-8（第一个错误字节位于偏移 {offset}）；请以 UTF-8 文本输入密码"
        ),
    }
}

/// Passwords shorter than this never have a character shown in a detail:
/// a few positions of a short password are most of it.
pub(crate) const MIN_REVEALING_LENGTH: u32 = 8;

/// Withholds (`ch: None`) every character of `violations` that would let
/// them, together, reveal more than half of the positions of a password
/// of `chars` characters, and every character when the password is
/// shorter than [`MIN_REVEALING_LENGTH`]. Positions and lengths stay.
///
/// A shown character reveals its position; a shown run reveals every
/// position it covers, and a withheld run still says its positions hold
/// one character, so showing any of them reveals them all. Runs are
/// decided first (they cost the most), then characters in order; a
/// position revealed twice counts once.
pub(crate) fn withhold(violations: &mut [Violation<'_>], chars: u32) {
    let budget =
        if chars < MIN_REVEALING_LENGTH { 0 } else { u64::from(chars / 2) };
    let mut shown: BTreeSet<u32> = BTreeSet::new();
    let mut withheld_runs: Vec<(u32, u32)> = Vec::new();
    // Whether positions lo..=hi may be shown within the budget; if so they
    // are counted. A span longer than the budget never fits (at most
    // `budget` positions are shown, so it would add more than it overlaps),
    // which also bounds the work to the budget.
    let admit = |shown: &mut BTreeSet<u32>, (lo, hi): (u32, u32)| -> bool {
        if u64::from(hi - lo) + 1 > budget {
            return false;
        }
        let new = (lo..=hi).filter(|p| !shown.contains(p)).count() as u64;
        if shown.len() as u64 + new > budget {
            return false;
        }
        shown.extend(lo..=hi);
        true
    };
    for v in violations.iter_mut() {
        if let Detail::Run { ch, length, position, .. } = &mut v.detail {
            let span =
                (*position, position.saturating_add(length.saturating_sub(1)));
            if ch.is_some() && !admit(&mut shown, span) {
                *ch = None;
                withheld_runs.push(span);
            }
        }
    }
    for v in violations.iter_mut() {
        if let Detail::Character { ch, position } = &mut v.detail {
            let p = *position;
            let span = withheld_runs
                .iter()
                .find(|&&(lo, hi)| (lo..=hi).contains(&p))
                .copied()
                .unwrap_or((p, p));
            if ch.is_some() && !admit(&mut shown, span) {
                *ch = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checker, Code, Policy};

    const POLICY: &str = "
id: every-rule
vendor: V
product: P
classes:
  special: { chars: '-.!' }
rules:
  length: { min: 8, max: 12 }
  alphabet: [letters, digits, special]
  classes_required: { at_least: 3, of: [lower, upper, digits, special] }
  min_counts: { digits: 2 }
  forbidden_first: '-'
  forbidden_last: '.'
  username: { contains: true, reversed: true, consecutive: 2 }
  max_run: 2
  deny: [Abcdef12!x]
  forbidden_substrings: { values: [adm] }
";

    /// Every code, in both languages: a message that names the rule and
    /// how to fix it, in the right language, without the password.
    #[test]
    fn every_code_has_a_message_in_both_languages() {
        let policy = Policy::from_yaml(POLICY, "p.yaml").unwrap();
        let checker = Checker::builder()
            .user("tom")
            .build(&[&policy.variants()[0]])
            .unwrap();
        let cases: &[(&[u8], Code)] = &[
            (b"xY1!", Code::TooShort),
            (b"xY1!xY1!xY1!xY1!", Code::TooLong),
            (b"xY12!\xc3\xa9xx", Code::DisallowedCharacter),
            (b"abcdefgh12", Code::NotEnoughClasses),
            (b"Abcdefgh1!", Code::TooFewOfClass),
            (b"-Abcdef12!", Code::ForbiddenPrefix),
            (b"Abcdef12!.", Code::ForbiddenSuffix),
            (b"Atom-def12!", Code::ContainsUsername),
            (b"Xmot-12!Qa", Code::ContainsReversedUsername),
            (b"Xto-12!Qab", Code::ContainsPartOfUsername),
            (b"Aaaa-d12!x", Code::RepeatedCharacter),
            (b"Abcdef12!x", Code::DeniedValue),
            (b"xADm-12!Qab", Code::ContainsForbiddenSubstring),
            (b"Abc\xffdef12!", Code::InvalidUtf8),
        ];
        // The equality, display-name and dictionary rules, on a policy of
        // their own.
        let other = Policy::from_yaml(
            "id: q\nvendor: v\nproduct: p\nrules:\n  alphabet: \
             [ascii_printable]\n  username: { equals: true, \
             equals_reversed: true, display_name: { delimiters: ' ', \
             min_token_length: 3 } }\n  dictionary: { words: [dragon] }\n",
            "q.yaml",
        )
        .unwrap();
        let second = Checker::builder()
            .user("tom")
            .display_name("Ann Smith")
            .build(&[&other.variants()[0]])
            .unwrap();
        let more: &[(&[u8], Code)] = &[
            (b"tom", Code::EqualsUsername),
            (b"mot", Code::EqualsReversedUsername),
            (b"x-smith-1", Code::ContainsDisplayName),
            (b"x-DRAGON-1", Code::DictionaryWord),
        ];
        let all = cases
            .iter()
            .map(|c| (&checker, c))
            .chain(more.iter().map(|c| (&second, c)));
        let mut seen = Vec::new();
        for (checker, &(password, code)) in all {
            assert!(!checker.check_bytes(password).is_ok());
            let v = checker
                .violations(password)
                .into_iter()
                .find(|v| v.code == code)
                .unwrap_or_else(|| panic!("{code} not raised"));
            let text = String::from_utf8_lossy(password);
            for lang in [Lang::En, Lang::Zh] {
                let m = v.message(lang);
                assert!(!m.contains(text.as_ref()), "{code}: {m}");
                let cjk =
                    m.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
                assert_eq!(cjk, lang == Lang::Zh, "{code} in {lang:?}: {m}");
                // The fix: every message says what to do, after a ';'.
                assert!(m.contains(';') || m.contains('；'), "{code}: {m}");
            }
            seen.push(code);
        }
        for code in Code::ALL {
            assert!(seen.contains(&code), "{code} untested");
        }
    }

    /// A detail that does not belong to its code (the checker never
    /// builds one) still gets a message that names the code, not a panic.
    #[test]
    fn a_mismatched_detail_names_its_code() {
        let v = Violation {
            code: Code::TooShort,
            policy: "p",
            vendor_code: None,
            detail: Detail::Denied,
        };
        assert_eq!(
            v.message(Lang::En),
            "breaks the policy's too_short rule; see `explain`"
        );
        assert_eq!(
            v.message(Lang::Zh),
            "不符合策略的 too_short 规则；请查看 explain"
        );
    }

    /// A length or count detail that describes no violation (built by
    /// hand: the minimum met, the maximum not passed) is a mismatched
    /// detail, not an overflow.
    #[test]
    fn an_inconsistent_measurement_is_a_mismatched_detail() {
        let length = |code, actual| Violation {
            code,
            policy: "p",
            vendor_code: None,
            detail: Detail::Length {
                actual,
                min: 8,
                max: 16,
                unit: crate::LengthUnit::Chars,
            },
        };
        let count = Violation {
            code: Code::TooFewOfClass,
            policy: "p",
            vendor_code: None,
            detail: Detail::ClassCount { class: "digits", actual: 3, min: 2 },
        };
        for (v, code) in [
            (length(Code::TooLong, 10), "too_long"),
            (length(Code::TooShort, 10), "too_short"),
            (count, "too_few_of_class"),
        ] {
            for lang in [Lang::En, Lang::Zh] {
                assert!(v.message(lang).contains(code), "{code} {lang:?}");
            }
        }
        // A consistent one still measures.
        assert!(
            length(Code::TooLong, 20).message(Lang::En).contains("remove 4")
        );
    }

    #[test]
    fn languages_parse_from_flags_and_locales() {
        assert_eq!("zh".parse::<Lang>(), Ok(Lang::Zh));
        assert_eq!("zh_TW.UTF-8".parse::<Lang>(), Ok(Lang::Zh));
        assert_eq!("EN-us".parse::<Lang>(), Ok(Lang::En));
        assert!("C".parse::<Lang>().is_err());
        assert!("".parse::<Lang>().is_err());
        assert_eq!(Lang::Zh.as_str(), "zh");
    }
}
