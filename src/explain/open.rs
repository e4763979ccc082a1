//! Explaining open alphabets (what the generator draws from for them; the
//! sets themselves are worded by `text::describe_set`) and fixed
//! forbidden words.

use crate::charset::CharSet;
use crate::generate::open_alphabet;
use crate::message::Lang;
use crate::policy::Rules;

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
