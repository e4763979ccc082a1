//! Explaining open alphabets and Unicode-category classes (sets too large
//! to list, and what the generator draws from for them), and fixed
//! forbidden words.

use crate::charset::CharSet;
use crate::generate::open_alphabet;
use crate::message::Lang;
use crate::policy::Rules;

use super::render_set;

/// Sets of more ranges than this are described, not listed.
const MAX_LISTED_RANGES: usize = 64;

/// "Any character except …" for a set of more than half of Unicode whose
/// complement has few ranges (an open alphabet such as "anything but
/// `"`"); else the set as `render_set` lists it when it has few ranges;
/// else its size and where it is defined (a class by Unicode general
/// category).
pub(super) fn render(set: &CharSet, lang: Lang) -> String {
    let rest = set.complement();
    let open = set.len() > rest.len();
    if !open && set.ranges().len() <= MAX_LISTED_RANGES {
        return render_set(set);
    }
    let zh = lang == Lang::Zh;
    if open && rest.ranges().len() <= MAX_LISTED_RANGES {
        let listed = spans(&rest);
        return if zh {
            format!("除 {listed} 以外的任何字符")
        } else {
            format!("any character except {listed}")
        };
    }
    let n = set.len();
    if zh {
        format!("{n} 个字符（按 Unicode 类别定义，见策略文件）")
    } else {
        format!(
            "{n} characters (defined by Unicode category in the policy file)"
        )
    }
}

/// The set with every run of three or more characters as `first–last`
/// (`U+0000–U+001F`), the rest one by one as `render_set` writes them.
fn spans(set: &CharSet) -> String {
    let mut parts: Vec<String> = Vec::new();
    for &(lo, hi) in set.ranges() {
        let one = |c: char| render_set(&CharSet::from_chars([c]));
        if u32::from(hi) - u32::from(lo) >= 2 {
            parts.push(format!("{}–{}", one(lo), one(hi)));
        } else {
            parts.extend((lo..=hi).map(one));
        }
    }
    parts.join(" ")
}

/// For an alphabet over the generator's limit, what `generate` draws from
/// instead, and that the entropy is counted over it.
pub(super) fn generation_sentence(
    alphabet: &CharSet,
    lang: Lang,
) -> Option<String> {
    let (drawn, note) = open_alphabet(alphabet);
    note?;
    let n = drawn.len();
    Some(if lang == Lang::Zh {
        format!(
            "允许的字符集是开放的（超过 65536 个或含未分配的码位）：generate \
             只从本策略允许的可打印 ASCII 字符（不含空格）中抽取，共 {n} 个，\
             熵按这些字符计算"
        )
    } else {
        format!(
            "the alphabet is open-ended (over 65,536 characters, or with \
             unassigned code points): generate draws from the printable ASCII \
             characters this policy allows (space excluded), {n} characters, \
             and reports the entropy over those"
        )
    })
}

/// "must not contain admin (in any case)".
pub(super) fn forbidden_words_sentence(
    rules: &Rules,
    lang: Lang,
) -> Option<String> {
    let f = rules.forbidden_substrings.as_ref()?;
    let words: Vec<String> = f
        .values
        .iter()
        .map(|w| crate::escape_for_terminal(w).into_owned())
        .collect();
    Some(match (lang, f.case_sensitive) {
        (Lang::Zh, true) => {
            format!("不能包含以下词（区分大小写）：{}", words.join("、"))
        }
        (Lang::Zh, false) => {
            format!("不能包含以下词（不区分大小写）：{}", words.join("、"))
        }
        (_, true) => format!(
            "must not contain any of these words (case-sensitive): {}",
            words.join(", ")
        ),
        (_, false) => format!(
            "must not contain any of these words, in any case: {}",
            words.join(", ")
        ),
    })
}
