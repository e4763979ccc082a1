//! Sentences and facts of the user-name equality, display-name and
//! dictionary rules.

use crate::message::Lang;
use crate::policy::DisplayNameRule;
use crate::selection::Target;

use super::{DisplayNameFacts, UsernameFacts};

/// The facts of a display-name rule, with the tokens of the display name
/// the target checks.
pub(super) fn display_facts(
    d: &DisplayNameRule,
    t: &Target,
) -> DisplayNameFacts {
    let delimiters: String = (0u8..128)
        .filter(|&b| d.delimiters >> b & 1 == 1)
        .map(char::from)
        .collect();
    DisplayNameFacts {
        min_token_length: d.min_token_length,
        delimiters,
        tokens: t
            .display_name()
            .map(|n| d.tokens(n).map(str::to_string).collect())
            .unwrap_or_default(),
    }
}

/// The equality, short-name and display-name sentences of a user-name
/// rule (the containment sentence is the caller's).
pub(super) fn username_sentences(
    u: &UsernameFacts,
    lang: Lang,
) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut out = Vec::new();
    let names = if u.names.is_empty() {
        String::new()
    } else if zh {
        format!("（{}）", u.names.join("、"))
    } else {
        format!(" ({})", u.names.join(", "))
    };
    match (u.equals, u.equals_reversed, zh) {
        (false, false, _) => {}
        (true, true, false) => out.push(format!(
            "must not be the user name{names} or it spelled backwards, byte \
             for byte (case-sensitive)"
        )),
        (true, false, false) => out.push(format!(
            "must not be the user name{names}, byte for byte (case-sensitive)"
        )),
        (false, true, false) => out.push(format!(
            "must not be the user name{names} spelled backwards, byte for \
             byte (case-sensitive)"
        )),
        (true, true, true) => out.push(format!(
            "不能与用户名{names}或其倒序完全相同（区分大小写）"
        )),
        (true, false, true) => {
            out.push(format!("不能与用户名{names}完全相同（区分大小写）"))
        }
        (false, true, true) => out
            .push(format!("不能与用户名{names}的倒序完全相同（区分大小写）")),
    }
    if let Some(n) = u.min_name_length {
        out.push(if zh {
            format!("少于 {n} 个字符的用户名不检查")
        } else {
            format!("user names shorter than {n} characters are not checked")
        });
    }
    if let Some(d) = &u.display_name {
        let delims: Vec<String> = d
            .delimiters
            .chars()
            .map(|c| match c {
                ' ' => {
                    if zh {
                        "空格".to_string()
                    } else {
                        "space".to_string()
                    }
                }
                '\t' => "TAB".to_string(),
                c => c.to_string(),
            })
            .collect();
        let tokens = if d.tokens.is_empty() {
            String::new()
        } else if zh {
            format!("（{}）", d.tokens.join("、"))
        } else {
            format!(" ({})", d.tokens.join(", "))
        };
        let case = match (u.case_sensitive, zh) {
            (true, false) => "case-sensitive",
            (false, false) => "ignoring case",
            (true, true) => "区分大小写",
            (false, true) => "不区分大小写",
        };
        out.push(if zh {
            format!(
                "不能包含显示名中 {} 个字符及以上的词{tokens}（以 {} 分隔），{case}",
                d.min_token_length,
                delims.join(" ")
            )
        } else {
            format!(
                "must not contain a token of {} or more characters of the \
                 display name{tokens} (split on {}), {case}",
                d.min_token_length,
                delims.join(" ")
            )
        });
    }
    out
}

/// "must not contain a word of the dictionary (n words), ignoring case".
pub(super) fn dictionary_sentence(words: usize, lang: Lang) -> String {
    if lang == Lang::Zh {
        format!("不能包含字典中的任何词（{words} 个词；不区分大小写）")
    } else {
        format!(
            "must not contain any word of the dictionary ({words} {}), \
             ignoring case",
            if words == 1 { "word" } else { "words" }
        )
    }
}
