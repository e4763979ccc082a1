//! Explaining open alphabets: what the generator draws from for them (the
//! sets themselves are worded by `text::describe_set`).

use crate::charset::CharSet;
use crate::generate::open_alphabet;
use crate::message::Lang;

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
            "允许的字符超过生成器的上限 65536 个：generate 只从本策略允许的\
             可打印 ASCII 字符（不含空格）中抽取，共 {n} 个，熵按这些字符计算"
        )
    } else {
        format!(
            "the alphabet is over the generator's limit of 65,536 characters: \
             generate draws from the printable ASCII characters this policy \
             allows (space excluded), {n} characters, and reports the entropy \
             over those"
        )
    })
}
