//! Tests of the generated explanations.

use super::*;

fn explain(names: &[&str], lang: Lang) -> Explanation {
    Catalog::builtin().explain(names, lang).unwrap()
}

#[test]
fn cvm_windows_in_english() {
    let e = explain(&["tencent-cvm-v2/windows"], Lang::En);
    let v = &e.variants[0];
    assert_eq!(v.rules[0], "12–16 characters");
    assert_eq!(
        v.rules[1],
        "at least 3 of: lowercase a–z, uppercase A–Z, digits 0–9, \
         special ! # $ % & ' ( ) * + , - . / : ; < = > ? @ [ ] ^ _ { | \
         } ~"
    );
    assert!(v.rules.contains(&"must not start with /".to_string()));
    assert!(v.facts.contains(&"vendor error code InvalidPassword".into()));
    assert!(v.facts.contains(&"up to 100 instances per request".into()));
    assert!(v.facts.iter().any(|f| f.starts_with("source: https://")));
    assert_eq!(v.accounts, ["Administrator"]);
    assert_eq!(v.notes.len(), 5);
    assert!(e.combined.is_none());
}

#[test]
fn cvm_windows_in_chinese() {
    let e = explain(&["tencent-cvm-v2/windows"], Lang::Zh);
    let text = e.to_string();
    assert!(text.contains("长度 12–16 个字符"), "{text}");
    assert!(text.contains("以下 4 类中至少包含 3 类：小写字母 a–z"));
    assert!(text.contains("不能以 / 开头"));
    assert!(text.contains("厂商错误码：InvalidPassword"));
    assert!(text.contains("每个请求最多 100 个实例"));
    // Every rule sentence is in Chinese (the notes are quoted as the
    // policy file writes them).
    for r in &e.variants[0].rules {
        assert!(!r.contains("characters") && !r.contains("at least"), "{r}");
    }
}

#[test]
fn intersection_takes_the_tighter_bounds() {
    let e = explain(&["tencent-cvm-v2"], Lang::En);
    let c = e.combined.unwrap();
    assert_eq!(c.policies, ["tencent-cvm-v2/linux", "tencent-cvm-v2/windows"]);
    assert_eq!(
        c.length,
        Some(LengthFacts { min: 12, max: Some(16), unit: LengthUnit::Chars })
    );
    assert_eq!(c.rules[0], "12–16 characters");
    assert_eq!(c.forbidden_first, "/");

    let e = explain(&["huawei-clouddc/linux", "tencent-redis"], Lang::En);
    let c = e.combined.unwrap();
    // Huawei's 18 symbols and Redis's 28 share 16 (not # or &: Huawei
    // has neither; not [ ]… both have them).
    let common = CharSet::from_ranges(c.alphabet.iter().copied());
    assert!(common.contains('!') && !common.contains('#'));
    assert_eq!(c.length.unwrap().min, 8);
    assert_eq!(c.length.unwrap().max, Some(26));
}

#[test]
fn username_rule_names_the_accounts() {
    let e = explain(&["huawei-clouddc/linux"], Lang::En);
    assert!(
        e.variants[0].rules.contains(
            &"must not contain the user name or it spelled backwards \
          (root), ignoring case"
                .to_string()
        )
    );
}

#[test]
fn invisible_characters_are_named() {
    let set = CharSet::from_ranges([(' ', ' '), ('a', 'c'), ('x', 'y')]);
    assert_eq!(render_set(&set), "U+0020 a–c x y");
}
