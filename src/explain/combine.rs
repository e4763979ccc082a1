//! What several variants require together, from the combined form.

use super::sentences::{Edge, edge_sentence, length_sentence};
use super::{CombinedExplanation, LengthFacts, length_facts};
use crate::message::Lang;
use crate::selection::Selection;
use crate::text::describe_set;

/// What every combined variant requires at once, from the combined form.
pub(super) fn combine(sel: &Selection, lang: Lang) -> CombinedExplanation {
    let zh = lang == Lang::Zh;
    let policies = sel.labels();
    let b = sel.length;
    let length = b.comparable.then_some(LengthFacts {
        min: b.min,
        max: (b.max != u32::MAX).then_some(b.max),
        unit: b.unit,
    });
    let alphabet = &sel.alphabet;
    let first = &sel.forbidden_first;
    let last = &sel.forbidden_last;
    let max_run = sel.max_run;

    let mut rules = Vec::new();
    match &length {
        Some(l) => rules.push(length_sentence(l, lang)),
        None => {
            let each: Vec<String> = sel
                .targets
                .iter()
                .map(|t| {
                    let l = length_sentence(&length_facts(t.rules()), lang);
                    format!("{}: {l}", t.label())
                })
                .collect();
            rules.push(if zh {
                format!("长度（单位不同，各自满足）：{}", each.join("；"))
            } else {
                format!(
                    "length in different units, each must hold: {}",
                    each.join("; ")
                )
            });
        }
    }
    rules.push(if zh {
        format!("只允许每个策略都允许的字符：{}", describe_set(alphabet, lang))
    } else {
        format!(
            "only characters every policy allows: {}",
            describe_set(alphabet, lang)
        )
    });
    if !first.is_empty() {
        rules.push(edge_sentence(first, Edge::First, lang));
    }
    if !last.is_empty() {
        rules.push(edge_sentence(last, Edge::Last, lang));
    }
    if let Some(m) = max_run {
        rules.push(if zh {
            format!("同一字符最多连续出现 {m} 次")
        } else {
            format!("no character more than {m} times in a row")
        });
    }
    rules.push(if zh {
        "并满足上面每个策略各自的字符类别和用户名要求".to_string()
    } else {
        "and each policy's own class and user-name requirements above"
            .to_string()
    });
    CombinedExplanation {
        policies,
        length,
        alphabet: alphabet.ranges().to_vec(),
        forbidden_first: first.chars().collect(),
        forbidden_last: last.chars().collect(),
        max_run,
        rules,
    }
}
