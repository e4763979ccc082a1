//! Explaining open alphabets and Unicode-category classes: sets too large
//! to list, and what the generator draws from for them.

use crate::charset::CharSet;
use crate::generate::open_alphabet;
use crate::message::Lang;

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
        let listed = render_set(&rest);
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
