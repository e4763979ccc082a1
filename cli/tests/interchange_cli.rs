//! `import`, `export` and `diff` end to end: outputs, stderr reports and
//! exit statuses as docs/cli.md documents them.

use serde_json::Value;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_passpolicy"))
        .args(args)
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn import_prints_a_policy_lint_accepts() {
    let r = run(&[
        "import",
        "passwordrules",
        "minlength: 8; maxlength: 20; required: lower; required: digit; allowed: [-_]",
        "--id",
        "my-site",
        "--vendor",
        "Example",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("id: \"my-site\""));
    assert!(r.stdout.contains("vendor: \"Example\""));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("my-site.yaml");
    std::fs::write(&file, &r.stdout).unwrap();
    let lint = run(&["lint", file.to_str().unwrap()]);
    assert_eq!(lint.code, 0, "{}", lint.stdout);
    // A note where Apple's parser reads less than the text says.
    let r = run(&["import", "passwordrules", "allowed: [a-c]", "--id", "x"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stderr.contains("note: column 12: '-' is ignored"),
        "{}",
        r.stderr
    );
}

#[test]
fn import_errors_say_where_and_why() {
    let r = run(&["import", "passwordrules", "minlength: 8 ;", "--id", "x"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("column 13: expected ';' or the end"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
    let r = run(&[
        "import",
        "passwordrules",
        "minlength: 9; maxlength: 8",
        "--id",
        "x",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no password meets this rule: minlength 9"),
        "{}",
        r.stderr
    );
    let r =
        run(&["import", "passwordrules", "minlength: 9", "--id", "Bad Id"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn import_quirks_converts_every_domain() {
    let dir = tempfile::tempdir().unwrap();
    let quirks = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/apple/password-rules.json"
    );
    let r = run(&[
        "import",
        "passwordrules",
        "--quirks",
        quirks,
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.starts_with("converted 434, refused 0 (of 434 rules)"),
        "{}",
        r.stdout
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 434);
    // A refused entry: reported, the others written, exit 1.
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"a.com": {"password-rules": "minlength: 8;"}, "b.com": {"password-rules": "maxlength: 0"}}"#,
    )
    .unwrap();
    let out = dir.path().join("out");
    let r = run(&[
        "import",
        "passwordrules",
        "--quirks",
        bad.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("converted 1, refused 1"), "{}", r.stdout);
    assert!(r.stdout.contains("refused b.com: column 12"), "{}", r.stdout);
    assert!(out.join("a-com.yaml").exists());
}

#[test]
fn export_formats_carry_provenance_and_tightenings() {
    let r = run(&[
        "export",
        "-p",
        "tencent-cvm-v2/windows",
        "--format",
        "passwordrules",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("minlength: 12; maxlength: 16;"),
        "{}",
        r.stdout
    );
    assert!(r.stderr.contains("exported by passpolicy"), "{}", r.stderr);
    assert!(
        r.stderr.contains("no leading \"/\" → \"/\" not allowed"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("3 of 4 classes"), "{}", r.stderr);

    let r = run(&[
        "export",
        "-p",
        "tencent-cvm-v2/windows",
        "--format",
        "terraform",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("# exported by passpolicy"), "{}", r.stdout);
    assert!(r.stdout.contains("resource \"random_password\""));
    assert!(r.stdout.contains("length           = 16"));

    let r = run(&[
        "export",
        "-p",
        "huawei-clouddc/linux",
        "--format",
        "terraform",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("Terraform can guarantee only"), "{}", r.stderr);
    assert!(r.stdout.is_empty());

    let r = run(&[
        "export",
        "-p",
        "tencent-cvm-v2/windows",
        "--format",
        "pwquality",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("\nminlen = 12\n")
            && r.stdout.contains("\nminclass = 3\n")
    );
    assert!(
        r.stderr.contains("not enforced by pwquality: the maximum length 16")
    );

    let r = run(&["export", "-p", "baidu-bcc", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["format"], "passpolicy-rules/1");
    assert_eq!(doc["variants"][0]["length"]["min"], 8);
}

#[test]
fn diff_windows_is_inside_linux() {
    let r = run(&["diff", "tencent-cvm-v2/windows", "tencent-cvm-v2/linux"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.contains("tencent-cvm-v2/windows ⊂ tencent-cvm-v2/linux"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("only tencent-cvm-v2/windows: none"));
    assert!(r.stdout.contains(
        "tencent-cvm-v2/windows refuses it: tencent-cvm-v2/windows "
    ));
    let r = run(&[
        "diff",
        "--a",
        "tencent-cvm-v2/windows",
        "--b",
        "tencent-cvm-v2/linux",
        "--format",
        "json",
        "--by-length",
    ]);
    assert_eq!(r.code, 1);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["relation"], "subset");
    assert!(doc["only_a"].is_null());
    let only_b = &doc["only_b"];
    let per: u128 = only_b["by_length"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["count"].as_str().unwrap().parse::<u128>().unwrap())
        .sum();
    assert_eq!(
        only_b["count"].as_str().unwrap().parse::<u128>().unwrap(),
        per
    );
    assert_eq!(only_b["by_length"][0]["length"], 8);
    assert!(only_b["example"].is_string());
    assert!(!only_b["violations"].as_array().unwrap().is_empty());
}

#[test]
fn diff_exit_statuses() {
    let r = run(&["diff", "tencent-cvm-v2/linux", "tencent-ecm/linux"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("(equal)"));
    let r = run(&["diff", "tencent-cvm-v2/linux", "no-such-policy"]);
    assert_eq!(r.code, 2);
    let r = run(&["diff", "tencent-cvm-v2/linux"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("both sides need a policy"), "{}", r.stderr);
}

#[test]
fn docs_diff_json_example_is_real() {
    let md = include_str!("../../docs/cli.md");
    let lines: Vec<&str> =
        md.lines().filter(|l| l.starts_with("{\"a\"")).collect();
    assert_eq!(lines.len(), 1);
    let doc: Value = serde_json::from_str(lines[0]).unwrap();
    let r = run(&[
        "diff",
        "tencent-cvm-v2/windows",
        "tencent-cvm-v2/linux",
        "--format",
        "json",
    ]);
    let got: Value = serde_json::from_str(&r.stdout).unwrap();
    let keys =
        |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&doc), keys(&got));
    assert_eq!(keys(&doc["only_b"]), keys(&got["only_b"]));
    // The example is random; everything counted is exact and must match.
    for k in [
        "a",
        "b",
        "relation",
        "both",
        "only_a",
        "max_length_compared",
        "beyond_limit",
    ] {
        assert_eq!(doc[k], got[k], "{k}");
    }
    assert_eq!(doc["only_b"]["count"], got["only_b"]["count"]);
    assert_eq!(
        doc["only_b"]["violations"][0]["code"],
        got["only_b"]["violations"][0]["code"]
    );
}

#[test]
fn export_of_an_imported_unicode_rule_round_trips() {
    // `allowed: unicode` is every character: too many to count, so the
    // export's containment proof works on the printable-ASCII part.
    let rule = "minlength: 8; maxlength: 20; required: lower, upper; required: digit; allowed: unicode;";
    let r = run(&["import", "passwordrules", rule, "--id", "uni"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("uni.yaml");
    std::fs::write(&file, &r.stdout).unwrap();
    let f = file.to_str().unwrap();
    let r = run(&[
        "--policy-file",
        f,
        "export",
        "-p",
        "uni",
        "--format",
        "passwordrules",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "required: upper, lower; required: digit; allowed: ascii-printable; minlength: 8; maxlength: 20;\n"
    );
    assert!(
        r.stderr.contains("characters outside printable ASCII → not allowed"),
        "{}",
        r.stderr
    );
    // Counting every Unicode character is beyond the generator: diff says so.
    let r = run(&["--policy-file", f, "diff", "uni", "baidu-bcc"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("65536"), "{}", r.stderr);
}
