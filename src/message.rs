//! Violation messages in English and Chinese, rendered on demand.
//!
//! Messages name the rule and how to fix it; they mention a character only
//! by code point and position, and never repeat the password.

use std::fmt::Write;

use crate::spec::LengthUnit;
use crate::verdict::{Detail, Violation, describe_char};

/// The language of messages and explanations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Chinese when `LC_ALL`, `LC_MESSAGES` or `LANG` (first set, in that
    /// order) names it (`zh_CN.UTF-8`), else English.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var)
                && !v.is_empty()
            {
                return if v.starts_with("zh") { Lang::Zh } else { Lang::En };
            }
        }
        Lang::En
    }
}

fn unit_word(unit: LengthUnit, lang: Lang) -> &'static str {
    match (unit, lang) {
        (LengthUnit::Chars, Lang::En) => "characters",
        (LengthUnit::Bytes, Lang::En) => "bytes (UTF-8)",
        (LengthUnit::Utf16, Lang::En) => "UTF-16 code units",
        (LengthUnit::Graphemes, Lang::En) => "graphemes",
        (LengthUnit::Chars, Lang::Zh) => "个字符",
        (LengthUnit::Bytes, Lang::Zh) => "个字节（UTF-8）",
        (LengthUnit::Utf16, Lang::Zh) => "个 UTF-16 码元",
        (LengthUnit::Graphemes, Lang::Zh) => "个字形",
    }
}

impl Violation<'_> {
    /// The message in `lang`.
    ///
    /// ```
    /// use passpolicy::{Catalog, Lang};
    ///
    /// let checker = Catalog::builtin().checker(&["baidu-bcc"])?;
    /// let verdict = checker.check("Ab1!");
    /// let v = &checker.violations(&verdict)[0];
    /// assert_eq!(
    ///     v.message(Lang::En),
    ///     "length 4 is below the minimum of 8 characters; add 4 more"
    /// );
    /// # Ok::<(), passpolicy::Error>(())
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        use crate::verdict::Code::*;
        let mut s = String::new();
        match (&self.detail, lang) {
            (Detail::Length { actual, min, unit, .. }, Lang::En)
                if self.code == TooShort =>
            {
                let _ = write!(
                    s,
                    "length {actual} is below the minimum of {min} {}; add \
                     {} more",
                    unit_word(*unit, lang),
                    min - actual
                );
            }
            (Detail::Length { actual, min, unit, .. }, Lang::Zh)
                if self.code == TooShort =>
            {
                let _ = write!(
                    s,
                    "长度为 {actual}，少于最小长度 {min}{}；请再增加 {} 个",
                    unit_word(*unit, lang),
                    min - actual
                );
            }
            (Detail::Length { actual, max, unit, .. }, Lang::En) => {
                let _ = write!(
                    s,
                    "length {actual} is above the maximum of {max} {}; remove \
                     {}",
                    unit_word(*unit, lang),
                    actual - max
                );
            }
            (Detail::Length { actual, max, unit, .. }, Lang::Zh) => {
                let _ = write!(
                    s,
                    "长度为 {actual}，超过最大长度 {max}{}；请删去 {} 个",
                    unit_word(*unit, lang),
                    actual - max
                );
            }
            (Detail::Character { ch, position }, lang) => {
                let c = describe_char(*ch);
                let _ = match (self.code, lang) {
                    (ForbiddenPrefix, Lang::En) => write!(
                        s,
                        "must not start with {c}; use another first character"
                    ),
                    (ForbiddenPrefix, Lang::Zh) => {
                        write!(s, "不能以 {c} 开头；请更换第一个字符")
                    }
                    (ForbiddenSuffix, Lang::En) => write!(
                        s,
                        "must not end with {c}; use another last character"
                    ),
                    (ForbiddenSuffix, Lang::Zh) => {
                        write!(s, "不能以 {c} 结尾；请更换最后一个字符")
                    }
                    (_, Lang::En) => write!(
                        s,
                        "character {c} at position {position} is not allowed; \
                         remove or replace it"
                    ),
                    (_, Lang::Zh) => write!(
                        s,
                        "第 {position} 个字符 {c} 不在允许的字符范围内；请删除或替换"
                    ),
                };
            }
            (
                Detail::Classes { present, required, present_names, missing },
                Lang::En,
            ) => {
                let have = if present_names.is_empty() {
                    String::new()
                } else {
                    format!(": {}", present_names.join(", "))
                };
                let _ = write!(
                    s,
                    "{present} of the {required} required character classes \
                     present{have}; add characters from {} more of: {}",
                    required - present,
                    missing.join(", ")
                );
            }
            (
                Detail::Classes { present, required, present_names, missing },
                Lang::Zh,
            ) => {
                let have = if present_names.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", present_names.join("、"))
                };
                let _ = write!(
                    s,
                    "需要至少 {required} 类字符，现有 {present} 类{have}；请再从以下类别中加入 {} 类：{}",
                    required - present,
                    missing.join("、")
                );
            }
            (Detail::ClassCount { class, actual, min }, Lang::En) => {
                let _ = write!(
                    s,
                    "{actual} characters of class {class}, at least {min} \
                     required; add {} more",
                    min - actual
                );
            }
            (Detail::ClassCount { class, actual, min }, Lang::Zh) => {
                let _ = write!(
                    s,
                    "{class} 类字符有 {actual} 个，至少需要 {min} 个；请再增加 {} 个",
                    min - actual
                );
            }
            (Detail::Username { name }, Lang::En) => {
                let how = if self.code == ContainsReversedUsername {
                    "the user name spelled backwards"
                } else {
                    "the user name"
                };
                let _ = write!(
                    s,
                    "contains {how} ('{}'); choose a password without it",
                    name.escape_debug()
                );
            }
            (Detail::Username { name }, Lang::Zh) => {
                let how = if self.code == ContainsReversedUsername {
                    "用户名的倒序"
                } else {
                    "用户名"
                };
                let _ = write!(
                    s,
                    "包含{how}（'{}'）；请勿在密码中使用",
                    name.escape_debug()
                );
            }
            (Detail::Run { ch, length, max, position }, Lang::En) => {
                let _ = write!(
                    s,
                    "{} repeated {length} times in a row from position \
                     {position}, at most {max} allowed; break up the run",
                    describe_char(*ch)
                );
            }
            (Detail::Run { ch, length, max, position }, Lang::Zh) => {
                let _ = write!(
                    s,
                    "从第 {position} 个字符起 {} 连续重复 {length} 次，最多允许 {max} 次；请打断重复",
                    describe_char(*ch)
                );
            }
            (Detail::Denied, Lang::En) => {
                s.push_str(
                    "is one of the values this policy refuses; choose \
                     another password",
                );
            }
            (Detail::Denied, Lang::Zh) => {
                s.push_str("属于该策略明确禁止的密码；请换一个密码");
            }
            (Detail::InvalidUtf8 { offset }, Lang::En) => {
                let _ = write!(
                    s,
                    "input is not valid UTF-8 (first bad byte at offset \
                     {offset})"
                );
            }
            (Detail::InvalidUtf8 { offset }, Lang::Zh) => {
                let _ = write!(
                    s,
                    "输入不是有效的 UTF-8（第一个错误字节位于偏移 {offset}）"
                );
            }
        }
        s
    }
}
