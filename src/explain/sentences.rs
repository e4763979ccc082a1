//! The rule in sentences, one per requirement, in either language.

use super::{LengthFacts, UsernameFacts, length_facts};
use crate::charset::CharSet;
use crate::message::Lang;
use crate::policy::Rules;
use crate::text::{class_word, describe_set, render_set, unit_word};

/// One sentence per requirement of `rules`.
pub(super) fn rule_sentences(
    rules: &Rules,
    username: Option<&UsernameFacts>,
    lang: Lang,
) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut out = vec![length_sentence(&length_facts(rules), lang)];
    if let Some(req) = &rules.classes_required {
        let list: Vec<String> = req
            .of
            .iter()
            .map(|&i| {
                let c = &rules.classes[i];
                class_words(&c.name, &c.set, lang)
            })
            .collect();
        let n = req.of.len();
        out.push(match (zh, req.at_least as usize == n) {
            (false, true) => format!("all of: {}", list.join(", ")),
            (false, false) => {
                format!("at least {} of: {}", req.at_least, list.join(", "))
            }
            (true, true) => {
                format!("必须包含以下全部 {n} 类：{}", list.join("；"))
            }
            (true, false) => format!(
                "以下 {n} 类中至少包含 {} 类：{}",
                req.at_least,
                list.join("；")
            ),
        });
    }
    for &(i, m) in &rules.min_counts {
        let c = &rules.classes[i];
        let what = class_words(&c.name, &c.set, lang);
        out.push(if zh {
            format!("至少 {m} 个{what}")
        } else {
            format!("at least {m} of {what}")
        });
    }
    out.push(if zh {
        format!("只允许这些字符：{}", describe_set(&rules.alphabet, lang))
    } else {
        format!(
            "only these characters are allowed: {}",
            describe_set(&rules.alphabet, lang)
        )
    });
    if !rules.forbidden_first.is_empty() {
        out.push(edge_sentence(&rules.forbidden_first, Edge::First, lang));
    }
    if !rules.forbidden_last.is_empty() {
        out.push(edge_sentence(&rules.forbidden_last, Edge::Last, lang));
    }
    if let Some(u) = username
        && (u.contains || u.reversed || u.consecutive.is_some())
    {
        out.push(username_sentence(u, lang));
    }
    if let Some(u) = username {
        out.extend(super::rules::username_sentences(u, lang));
    }
    if let Some(m) = rules.max_run {
        out.push(if zh {
            format!("同一字符最多连续出现 {m} 次")
        } else {
            format!("no character more than {m} times in a row")
        });
    }
    out.extend(super::open::forbidden_words_sentence(rules, lang));
    if !rules.dictionary.is_empty() {
        out.push(super::rules::dictionary_sentence(
            rules.dictionary.len(),
            lang,
        ));
    }
    if !rules.deny.is_empty() {
        let n = rules.deny.len();
        out.push(if zh {
            format!("不能是策略列出的 {n} 个禁用值之一")
        } else {
            format!("must not be one of the {n} values the policy refuses")
        });
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Edge {
    First,
    Last,
}

/// "must not start with /", "must not end with any of: . -".
pub(super) fn edge_sentence(set: &CharSet, edge: Edge, lang: Lang) -> String {
    let s = render_set(set);
    match (lang, edge) {
        (Lang::Zh, Edge::First) => format!("不能以 {s} 开头"),
        (Lang::Zh, Edge::Last) => format!("不能以 {s} 结尾"),
        (_, edge) => {
            let verb = if edge == Edge::First { "start" } else { "end" };
            let any = if set.len() == 1 { "" } else { "any of: " };
            format!("must not {verb} with {any}{s}")
        }
    }
}

pub(super) fn length_sentence(l: &LengthFacts, lang: Lang) -> String {
    let unit = unit_word(l.unit, lang);
    match (lang, l.max) {
        (Lang::Zh, Some(max)) if max == l.min => {
            format!("长度恰为 {max} {unit}")
        }
        (Lang::Zh, Some(max)) => format!("长度 {}–{max} {unit}", l.min),
        (Lang::Zh, None) => format!("长度至少 {} {unit}", l.min),
        (_, Some(max)) if max == l.min => format!("exactly {max} {unit}"),
        (_, Some(max)) => format!("{}–{max} {unit}", l.min),
        (_, None) => format!("at least {} {unit}", l.min),
    }
}

pub(super) fn username_sentence(u: &UsernameFacts, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let names = if u.names.is_empty() {
        if zh { "（调用时给出的）".to_string() } else { String::new() }
    } else if zh {
        format!("（{}）", u.names.join("、"))
    } else {
        format!(" ({})", u.names.join(", "))
    };
    let what = match (u.contains, u.reversed, zh) {
        (true, true, false) => "the user name or it spelled backwards",
        (false, true, false) => "the user name spelled backwards",
        (_, _, false) => "the user name",
        (true, true, true) => "用户名或其倒序",
        (false, true, true) => "用户名的倒序",
        (_, _, true) => "用户名",
    };
    let case = match (u.case_sensitive, zh) {
        (true, false) => "case-sensitive",
        (false, false) => "ignoring case",
        (true, true) => "区分大小写",
        (false, true) => "不区分大小写",
    };
    let run = match (u.consecutive, u.reversed, zh) {
        (None, _, _) => String::new(),
        (Some(n), false, false) => {
            format!(", nor any {n} consecutive characters of it")
        }
        (Some(n), true, false) => format!(
            ", nor any {n} consecutive characters of it or of it spelled \
             backwards"
        ),
        (Some(n), false, true) => {
            format!("，也不能包含其中任意 {n} 个连续字符")
        }
        (Some(n), true, true) => {
            format!("，也不能包含其本身或倒序中任意 {n} 个连续字符")
        }
    };
    if zh {
        format!("不能包含{what}{names}{run}，{case}")
    } else {
        format!("must not contain {what}{names}{run}, {case}")
    }
}

/// A class in words: built-in classes by what they are, others by name,
/// each followed by its characters.
pub(super) fn class_words(name: &str, set: &CharSet, lang: Lang) -> String {
    format!("{} {}", class_word(name, lang), describe_set(set, lang))
}
