//! `list` and `explain`: text, JSON schema, languages, errors.

use crate::common::*;

#[test]
fn list_text_and_json() {
    // The built-in catalog grows: one line per embedded policy file.
    let builtin = passpolicy::Catalog::builtin_sources().count();
    let r = run(&["list"], b"");
    assert_eq!(r.code, OK);
    assert_eq!(r.stdout.lines().count(), builtin);
    let cvm: Vec<&str> = r
        .stdout
        .lines()
        .find(|l| l.starts_with("tencent-cvm-v2 "))
        .unwrap()
        .split_whitespace()
        .take(2)
        .collect();
    assert_eq!(cvm, ["tencent-cvm-v2", "linux,windows"]);

    let r = run(&["list", "--format", "json"], b"");
    assert_eq!(r.code, OK);
    let lines = r.json_lines();
    assert_eq!(lines.len(), builtin);
    let cvm = lines.iter().find(|l| l["id"] == "tencent-cvm-v2").unwrap();
    assert_eq!(cvm["variants"], serde_json::json!(["linux", "windows"]));
    assert_eq!(cvm["vendor"], "Tencent Cloud");
    assert!(cvm["product"].is_string());
    assert_eq!(cvm["origin"], "<builtin>/tencent-cvm-v2.yaml");
    let redis = lines.iter().find(|l| l["id"] == "tencent-redis").unwrap();
    assert_eq!(redis["variants"], serde_json::json!([]));
}

#[test]
fn explain_in_english_and_chinese() {
    let en = run(&["explain", "tencent-cvm-v2/windows", "--lang", "en"], b"");
    assert_eq!(en.code, OK, "{}", en.stderr);
    for want in [
        "12–16 characters",
        "at least 3 of: lowercase a–z, uppercase A–Z, digits 0–9, special !",
        "must not start with /",
        "vendor error code InvalidPassword",
        "up to 100 instances per request",
        "source: https://github.com/tencentyun/qcloud-documents",
        "Ambiguities in the vendor document",
        "30 characters, backtick allowed", // a recorded alternative reading
    ] {
        assert!(
            en.stdout.contains(want),
            "missing {want:?} in\n{}",
            en.stdout
        );
    }

    let zh = run(&["explain", "tencent-cvm-v2/windows", "--lang", "zh"], b"");
    assert_eq!(zh.code, OK);
    for want in [
        "长度 12–16 个字符",
        "以下 4 类中至少包含 3 类：小写字母 a–z；大写字母 A–Z；数字 0–9",
        "不能以 / 开头",
        "厂商错误码：InvalidPassword",
        "每个请求最多 100 个实例",
        "来源：https://",
        "厂商文档中的歧义",
    ] {
        assert!(
            zh.stdout.contains(want),
            "missing {want:?} in\n{}",
            zh.stdout
        );
    }
    assert!(!zh.stdout.contains("at least"));
}

#[test]
fn explain_language_defaults_to_the_locale() {
    let zh =
        run_env(&["explain", "baidu-bcc"], b"", &[("LC_ALL", "zh_CN.UTF-8")]);
    assert!(zh.stdout.contains("长度 8–32 个字符"), "{}", zh.stdout);
    // LC_ALL wins over LANG.
    let en = run_env(
        &["explain", "baidu-bcc"],
        b"",
        &[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")],
    );
    assert!(en.stdout.contains("8–32 characters"));
    // The flag wins over both.
    let en = run_env(
        &["explain", "baidu-bcc", "--lang", "en"],
        b"",
        &[("LC_ALL", "zh_CN")],
    );
    assert!(en.stdout.contains("8–32 characters"));
}

#[test]
fn explain_several_policies_explains_the_intersection() {
    let positional =
        run(&["explain", "tencent-cvm-v2", "huawei-clouddc/linux"], b"");
    let flags = run(
        &["explain", "-p", "tencent-cvm-v2", "-p", "huawei-clouddc/linux"],
        b"",
    );
    assert_eq!(positional.code, OK);
    assert_eq!(positional.stdout, flags.stdout);
    let text = positional.stdout;
    assert!(text.contains(
        "All together (tencent-cvm-v2/linux + tencent-cvm-v2/windows + huawei-clouddc/linux):"
    ));
    let together = text.split("All together").nth(1).unwrap();
    assert!(together.contains("  - 12–16 characters"));
    // Huawei has no '#' nor '&': the common alphabet has neither.
    assert!(together.contains(
        "only characters every policy allows: ! $ % + , - . / 0–9 : = ? @ A–Z [ ] ^ _ a–z { }"
    ));
    // Notes of one policy are printed once, not once per variant.
    assert_eq!(text.matches("30 characters, backtick allowed").count(), 1);
}

#[test]
fn explain_json_schema() {
    let r = run(
        &["explain", "tencent-cvm-v2", "--format", "json", "--lang", "en"],
        b"",
    );
    assert_eq!(r.code, OK);
    let all = r.json_lines();
    assert_eq!(all.len(), 1, "one JSON document");
    let e = &all[0];
    assert_eq!(e["lang"], "en");
    let w = &e["variants"][1];
    assert_eq!(w["policy"], "tencent-cvm-v2/windows");
    assert_eq!(w["vendor"], "Tencent Cloud");
    assert_eq!(
        w["length"],
        serde_json::json!({"min": 12, "max": 16, "unit": "chars"})
    );
    assert_eq!(w["alphabet"][0], serde_json::json!(["!", "!"]));
    assert_eq!(w["classes_required"]["at_least"], 3);
    assert_eq!(w["classes_required"]["of"][0]["name"], "lower");
    assert_eq!(
        w["classes_required"]["of"][0]["chars"],
        serde_json::json!([["a", "z"]])
    );
    assert_eq!(w["min_counts"], serde_json::json!([]));
    assert_eq!(w["forbidden_first"], "/");
    assert_eq!(w["forbidden_last"], "");
    assert_eq!(w["username"], Value::Null);
    assert_eq!(w["max_run"], Value::Null);
    assert_eq!(w["deny_count"], 0);
    assert_eq!(w["vendor_error_code"], "InvalidPassword");
    assert_eq!(w["api"]["action"], "ResetInstancesPassword");
    assert_eq!(w["limits"]["batch"], 100);
    assert_eq!(w["accounts"], serde_json::json!(["Administrator"]));
    assert!(w["source"]["url"].as_str().unwrap().starts_with("https://"));
    assert_eq!(w["rules"][0], "12–16 characters");
    assert!(
        w["facts"]
            .as_array()
            .unwrap()
            .contains(&Value::from("vendor error code InvalidPassword"))
    );
    assert!(w["notes"][0]["about"].is_string());
    assert!(w["notes"][0]["reading"].is_string());
    let c = &e["combined"];
    assert_eq!(
        c["policies"],
        serde_json::json!(["tencent-cvm-v2/linux", "tencent-cvm-v2/windows"])
    );
    assert_eq!(
        c["length"],
        serde_json::json!({"min": 12, "max": 16, "unit": "chars"})
    );
    assert_eq!(c["forbidden_first"], "/");
    assert_eq!(c["max_run"], Value::Null);
    assert!(c["rules"].is_array());

    let single =
        run(&["explain", "huawei-clouddc/linux", "--format", "json"], b"")
            .json_lines();
    assert_eq!(single[0]["combined"], Value::Null);
    let u = &single[0]["variants"][0]["username"];
    assert_eq!(
        *u,
        serde_json::json!({"names": ["root"], "contains": true, "reversed": true, "case_sensitive": false})
    );
}

#[test]
fn explain_errors() {
    let r = run(&["explain", "tencent-cmv-v2"], b"");
    assert_eq!(r.code, ERROR);
    assert!(
        r.stderr.contains(
            "unknown policy 'tencent-cmv-v2'; did you mean tencent-cvm-v2"
        ),
        "{}",
        r.stderr
    );
    let r = run(&["explain"], b"");
    assert_eq!(r.code, ERROR);
    assert!(r.stderr.contains("no policy named"));
    let r = run(&["explain", "tencent-ecm/macos"], b"");
    assert_eq!(r.code, ERROR);
    assert!(r.stderr.contains("its variants are: linux, windows"));
}
