//! Tests of the generated explanations.

use super::*;
use crate::charset::CharSet;

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
fn every_builtin_variant_is_explained_in_both_languages() {
    let catalog = Catalog::builtin();
    for policy in catalog.policies() {
        let mut names: Vec<String> = policy
            .variant_names()
            .iter()
            .map(|v| format!("{}/{v}", policy.id()))
            .collect();
        if names.is_empty() {
            names.push(policy.id().to_string());
        }
        for name in &names {
            let en = catalog.explain(&[name], Lang::En).unwrap();
            let zh = catalog.explain(&[name], Lang::Zh).unwrap();
            let (ve, vz) = (&en.variants[0], &zh.variants[0]);
            // The same facts, one sentence per requirement in each language.
            assert_eq!(ve.rules.len(), vz.rules.len(), "{name}");
            assert_eq!(ve.facts.len(), vz.facts.len(), "{name}");
            assert_eq!(ve.length, vz.length);
            assert_eq!(ve.notes, vz.notes);
            let is_cjk = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
            for r in &vz.rules {
                assert!(r.chars().any(is_cjk), "{name}: not Chinese: {r}");
            }
            for r in &ve.rules {
                assert!(!r.chars().any(is_cjk), "{name}: not English: {r}");
            }
            // The facts come from the file, the rules from the compiled
            // checker: the two views agree on the length bounds.
            let rules = policy
                .variants()
                .iter()
                .find(|v| v.label() == name)
                .unwrap()
                .rules();
            assert_eq!(ve.length.min, rules.length.min);
            // No maximum (MySQL's validate_password sets none) is `None`.
            let max = rules.length.max;
            assert_eq!(ve.length.max, (max != u32::MAX).then_some(max));
            assert!(!ve.rules.is_empty() && ve.source.is_some());
        }
    }
}

#[test]
fn checker_explain_has_rules_but_no_metadata() {
    let checker = Catalog::builtin().checker(&["tencent-redis"]).unwrap();
    let e = checker.explain(Lang::En);
    let v = &e.variants[0];
    assert_eq!(v.rules[0], "8–30 characters");
    assert_eq!(v.vendor, None);
    assert!(v.notes.is_empty() && v.facts.is_empty() && v.source.is_none());
}

#[test]
fn explanation_serializes_with_the_documented_fields() {
    let e = Catalog::builtin().explain(&["tencent-ecm"], Lang::Zh).unwrap();
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["lang"], "zh");
    let keys: Vec<&str> = json["variants"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for want in [
        "policy",
        "vendor",
        "product",
        "length",
        "alphabet",
        "classes_required",
        "min_counts",
        "forbidden_first",
        "forbidden_last",
        "username",
        "max_run",
        "deny_count",
        "forbidden_substrings",
        "vendor_error_code",
        "api",
        "limits",
        "accounts",
        "source",
        "rules",
        "facts",
        "notes",
        "parameters",
    ] {
        assert!(keys.contains(&want), "missing {want}");
    }
    assert_eq!(keys.len(), 22);
    assert!(json["combined"].is_object());
}

#[test]
fn every_kind_of_rule_has_a_sentence() {
    let yaml = "
id: all-rules
vendor: Example
product: Everything
classes:
  special: { chars: '-.!' }
rules:
  length: { min: 10, unit: bytes }
  alphabet: [letters, digits, special]
  min_counts: { digits: 2 }
  forbidden_first: '-'
  forbidden_last: '.-'
  username: { contains: true, case_sensitive: true }
  max_run: 2
  deny: [Password123, Password1234]
variants:
  only:
    accounts: [admin]
";
    let mut catalog = Catalog::new();
    catalog.add(crate::Policy::from_yaml(yaml, "all.yaml").unwrap()).unwrap();
    let en = catalog.explain(&["all-rules"], Lang::En).unwrap();
    assert_eq!(
        en.variants[0].rules,
        [
            "at least 10 bytes (UTF-8)",
            "at least 2 of digits 0–9",
            "only these characters are allowed: ! - . 0–9 A–Z a–z",
            "must not start with -",
            "must not end with any of: - .",
            "must not contain the user name (admin), case-sensitive",
            "no character more than 2 times in a row",
            "must not be one of the 2 values the policy refuses",
        ]
    );
    let zh = catalog.explain(&["all-rules"], Lang::Zh).unwrap();
    assert_eq!(
        zh.variants[0].rules,
        [
            "长度至少 10 个字节（UTF-8）",
            "至少 2 个数字 0–9",
            "只允许这些字符：! - . 0–9 A–Z a–z",
            "不能以 - 开头",
            "不能以 - . 结尾",
            "不能包含用户名（admin），区分大小写",
            "同一字符最多连续出现 2 次",
            "不能是策略列出的 2 个禁用值之一",
        ]
    );
    // The refused values themselves are never shown.
    assert!(!en.to_string().contains("Password123"));
    assert_eq!(en.variants[0].deny_count, 2);
    assert_eq!(en.variants[0].length.max, None);
}
