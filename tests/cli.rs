//! The `passpolicy` binary end to end: every command, every exit status,
//! the JSON schemas of `docs/cli.md`, bad policy files and bad input, and
//! proof that no password ever reaches stdout or stderr.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

/// Exit statuses (docs/cli.md).
const OK: i32 = 0;
const REJECTED: i32 = 1;
const ERROR: i32 = 2;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| {
                serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))
            })
            .collect()
    }
}

/// Runs the binary with a fixed English locale unless `env` says more.
fn run_env(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Run {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_passpolicy"));
    cmd.args(args)
        .env_remove("LANG")
        .env_remove("LC_MESSAGES")
        .env("LC_ALL", "C");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let Output { status, stdout, stderr } =
        cmd.write_stdin(stdin).output().unwrap();
    Run {
        code: status.code().expect("exited normally"),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

fn run(args: &[&str], stdin: &[u8]) -> Run {
    run_env(args, stdin, &[])
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

const GOOD: &str = "Abc123!@#xyzQ"; // accepted by tencent-cvm-v2 (both variants)

// ---------------------------------------------------------------- list

#[test]
fn list_text_and_json() {
    let r = run(&["list"], b"");
    assert_eq!(r.code, OK);
    assert_eq!(r.stdout.lines().count(), 5);
    assert!(r.stdout.contains("tencent-cvm-v2   linux,windows"));

    let r = run(&["list", "--format", "json"], b"");
    assert_eq!(r.code, OK);
    let lines = r.json_lines();
    assert_eq!(lines.len(), 5);
    let cvm = lines.iter().find(|l| l["id"] == "tencent-cvm-v2").unwrap();
    assert_eq!(cvm["variants"], serde_json::json!(["linux", "windows"]));
    assert_eq!(cvm["vendor"], "Tencent Cloud");
    assert!(cvm["product"].is_string());
    assert_eq!(cvm["origin"], "<builtin>/tencent-cvm-v2.yaml");
    let redis = lines.iter().find(|l| l["id"] == "tencent-redis").unwrap();
    assert_eq!(redis["variants"], serde_json::json!([]));
}

// ---------------------------------------------------------------- explain

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
    let r = run(&["explain", "tencent-cvm"], b"");
    assert_eq!(r.code, ERROR);
    assert!(
        r.stderr.contains(
            "unknown policy 'tencent-cvm'; did you mean tencent-cvm-v2"
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

// ---------------------------------------------------------------- check

#[test]
fn check_exit_statuses() {
    let args = ["check", "-p", "tencent-cvm-v2"];
    let r = run(&args, format!("{GOOD}\n").as_bytes());
    assert_eq!((r.code, r.stdout.as_str()), (OK, "ok\n"));
    let r = run(&args, format!("{GOOD}\nshort\n").as_bytes());
    assert_eq!(r.code, REJECTED);
    assert_eq!(r.stdout.lines().count(), 2);
    assert!(r.stdout.lines().nth(1).unwrap().starts_with("rejected: "));
    assert!(r.stdout.contains(
        "tencent-cvm-v2/windows too_short: length 5 is below the minimum of 12"
    ));
}

#[test]
fn check_unknown_policy_suggests_the_nearest() {
    let r = run(&["check", "-p", "tencent-cvm"], b"x\n");
    assert_eq!(r.code, ERROR);
    assert!(r.stderr.contains("did you mean tencent-cvm-v2"), "{}", r.stderr);
    let r = run(&["check", "-p", "baidu-bbc"], b"x\n");
    assert_eq!(r.code, ERROR);
    assert!(r.stderr.contains("did you mean baidu-bcc"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn check_empty_stdin_says_how_to_pass_passwords() {
    let r = run(&["check", "-p", "baidu-bcc"], b"");
    assert_eq!(r.code, ERROR);
    assert!(r.stderr.contains("no password on standard input"));
    assert!(r.stderr.contains("printf"));
}

#[test]
fn check_quiet_prints_nothing() {
    let args = ["check", "-p", "tencent-cvm-v2", "--quiet"];
    let r = run(&args, format!("{GOOD}\n").as_bytes());
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (OK, "", ""));
    let r = run(&args, format!("{GOOD}\nshort\n").as_bytes());
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (REJECTED, "", "")
    );
    let r = run(
        &["check", "-q", "-p", "tencent-cvm-v2", "--format", "json"],
        b"short\n",
    );
    assert_eq!((r.code, r.stdout.as_str()), (REJECTED, ""));
}

#[test]
fn check_record_splitting() {
    let args = ["check", "-p", "tencent-cvm-v2"];
    // CRLF: the \r is not part of the password.
    let r = run(&args, format!("{GOOD}\r\n{GOOD}\r\n").as_bytes());
    assert_eq!((r.code, r.stdout.as_str()), (OK, "ok\nok\n"));
    // A last line without a newline counts.
    let r = run(&args, format!("{GOOD}\nshort").as_bytes());
    assert_eq!(r.code, REJECTED);
    assert_eq!(r.stdout.lines().count(), 2);
    // -z: NUL-separated; newlines are then part of the password.
    let r = run(
        &["check", "-z", "-p", "tencent-cvm-v2"],
        format!("{GOOD}\0{GOOD}\0").as_bytes(),
    );
    assert_eq!((r.code, r.stdout.as_str()), (OK, "ok\nok\n"));
    let r = run(
        &["check", "-z", "-p", "tencent-cvm-v2"],
        format!("{GOOD}\n{GOOD}\0").as_bytes(),
    );
    assert_eq!(r.code, REJECTED);
    assert_eq!(r.stdout.lines().count(), 1);
    assert!(r.stdout.contains("disallowed_character"));
}

#[test]
fn check_json_schema() {
    // The third record is not UTF-8 (a lone continuation byte).
    let mut bytes = format!("{GOOD}\n/short\n").into_bytes();
    bytes.extend_from_slice(b"ab\x80cd\n");
    let r = run(
        &["check", "-p", "tencent-cvm-v2/windows", "--format", "json"],
        &bytes,
    );
    assert_eq!(r.code, REJECTED);
    let lines = r.json_lines();
    assert_eq!(lines.len(), 3, "one object per record: {}", r.stdout);
    assert_eq!(
        lines[0],
        serde_json::json!({"index": 0, "ok": true, "violations": []})
    );
    assert_eq!(lines[1]["index"], 1);
    assert_eq!(lines[1]["ok"], false);
    let v = &lines[1]["violations"][0];
    assert_eq!(v["code"], "too_short");
    assert_eq!(v["policy"], "tencent-cvm-v2/windows");
    assert_eq!(v["vendor_code"], "InvalidPassword");
    assert_eq!(
        v["message"],
        "length 6 is below the minimum of 12 characters; add 6 more"
    );
    assert_eq!(
        v["detail"],
        serde_json::json!({"kind": "length", "actual": 6, "min": 12, "max": 16, "unit": "chars"})
    );
    let codes: Vec<&str> = lines[1]["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["too_short", "forbidden_prefix", "not_enough_classes"]);
    let prefix = &lines[1]["violations"][1]["detail"];
    assert_eq!(
        *prefix,
        serde_json::json!({"kind": "character", "ch": "U+002F", "position": 1})
    );
    assert_eq!(lines[2]["violations"][0]["code"], "invalid_utf8");
    assert_eq!(
        lines[2]["violations"][0]["detail"],
        serde_json::json!({"kind": "invalid_utf8", "offset": 2})
    );
}

#[test]
fn check_messages_in_chinese() {
    let r = run(&["check", "-p", "baidu-bcc", "--lang", "zh"], b"abc\n");
    assert_eq!(r.code, REJECTED);
    assert!(
        r.stdout.contains("长度为 3，少于最小长度 8 个字符；请再增加 5 个"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("请再从以下类别中加入 2 类：数字、special"),
        "{}",
        r.stdout
    );
    let r = run_env(
        &["check", "-p", "baidu-bcc", "--format", "json"],
        b"abc\n",
        &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "")],
    );
    assert!(
        r.json_lines()[0]["violations"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("长度为 3")
    );
}

#[test]
fn check_user_name() {
    let r = run(
        &[
            "check",
            "-p",
            "huawei-clouddc/linux",
            "--user",
            "alice",
            "--format",
            "json",
        ],
        b"Xecila-2024-Ok\n",
    );
    assert_eq!(r.code, REJECTED);
    let v = &r.json_lines()[0]["violations"][0];
    assert_eq!(v["code"], "contains_reversed_username");
    assert_eq!(
        v["detail"],
        serde_json::json!({"kind": "username", "name": "alice"})
    );
}

/// On a terminal the password is asked for twice, without echo. `script`
/// (util-linux) gives the binary a pseudo-terminal; the test is skipped
/// where it is not installed.
#[test]
fn check_prompts_on_a_terminal() {
    let Ok(script) = which("script") else {
        eprintln!("skipped: no `script` command for a pseudo-terminal");
        return;
    };
    let typed = |first: &str, second: &str| -> (String, i32) {
        use std::io::{Read, Write};
        let command = format!(
            "{} check -p tencent-cvm-v2; echo \"exit=$?\"",
            env!("CARGO_BIN_EXE_passpolicy")
        );
        let mut child = std::process::Command::new(&script)
            .args(["-qec", &command, "/dev/null"])
            .env("LC_ALL", "C")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        write!(stdin, "{first}\n{second}\n").unwrap();
        let mut out = String::new();
        // Keep stdin open until the command is done: `script` may end the
        // session when its input closes.
        child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
        drop(stdin);
        child.wait().unwrap();
        let code = out
            .rsplit("exit=")
            .next()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(-1);
        (out, code)
    };
    let (out, code) = typed(GOOD, GOOD);
    assert!(out.contains("Password (not echoed): "), "{out}");
    assert!(out.contains("Type it again to confirm: "), "{out}");
    assert!(out.contains("ok\r\n"), "{out}");
    assert_eq!(code, OK);
    let (out, code) = typed("short", "short");
    assert!(out.contains("rejected: "), "{out}");
    assert_eq!(code, REJECTED);
    let (out, code) = typed(GOOD, "Abc123!@#xyzR");
    assert!(
        out.contains("the two entries differ; nothing was checked"),
        "{out}"
    );
    assert_eq!(code, ERROR);
}

fn which(name: &str) -> Result<std::path::PathBuf, ()> {
    let path = std::env::var_os("PATH").ok_or(())?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .ok_or(())
}

// ---------------------------------------------------------------- custom policies

const MY_POLICY: &str = "\
id: my-db
vendor: Example
product: Database
classes:
  special: { chars: '!#$%' }
rules:
  length: { min: 10, max: 64 }
  classes_required: { at_least: 3, of: [lower, upper, digits, special] }
";

#[test]
fn custom_policy_files_and_dirs() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "my-db.yaml", MY_POLICY);
    let r = run(
        &["--policy-file", &file, "check", "-p", "my-db"],
        b"Correct#Horse9\n",
    );
    assert_eq!((r.code, r.stdout.as_str()), (OK, "ok\n"), "{}", r.stderr);
    let r = run(&["list", "--policy-dir", dir.path().to_str().unwrap()], b"");
    assert_eq!(r.stdout.lines().count(), 6);
    assert!(r.stdout.contains("my-db"));
    // A file that is not YAML by name is not loaded from a directory.
    write(dir.path(), "README.txt", "not a policy");
    let r = run(&["list", "--policy-dir", dir.path().to_str().unwrap()], b"");
    assert_eq!(r.code, OK);
}

#[test]
fn id_clash_is_an_error_unless_overridden() {
    let dir = tempfile::tempdir().unwrap();
    let text = include_str!("../policies/baidu-bcc.yaml")
        .replace("min: 8, max: 32", "min: 20, max: 32");
    let file = write(dir.path(), "bcc.yaml", &text);
    let r = run(
        &["--policy-file", &file, "check", "-p", "baidu-bcc"],
        b"abc123!ABCdef\n",
    );
    assert_eq!(r.code, ERROR);
    assert!(r.stderr.contains("policy id 'baidu-bcc'"), "{}", r.stderr);
    assert!(r.stderr.contains("already defined by <builtin>/baidu-bcc.yaml"));
    assert!(r.stderr.contains("--override-builtin"));
    let r = run(
        &[
            "--policy-file",
            &file,
            "--override-builtin",
            "check",
            "-p",
            "baidu-bcc",
        ],
        b"abc123!ABCdef\n",
    );
    assert_eq!(r.code, REJECTED, "{}", r.stderr);
    assert!(r.stdout.contains("minimum of 20"));
    // The very same policy again is no clash.
    let same = write(
        dir.path(),
        "same.yaml",
        include_str!("../policies/baidu-bcc.yaml"),
    );
    let r = run(
        &["--policy-file", &same, "check", "-p", "baidu-bcc"],
        b"abc123!ABCdef\n",
    );
    assert_eq!(r.code, OK, "{}", r.stderr);
}

#[test]
fn a_directory_of_thousands_of_files_is_loaded_or_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3000 {
        write(
            dir.path(),
            &format!("p{i:04}.yaml"),
            &MY_POLICY.replace("my-db", &format!("p{i}")),
        );
    }
    let d = dir.path().to_str().unwrap();
    let r = run(&["--policy-dir", d, "list", "--format", "json"], b"");
    assert_eq!(r.code, OK, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 3005);
    let r =
        run(&["--policy-dir", d, "check", "-p", "p2999"], b"Correct#Horse9\n");
    assert_eq!(r.code, OK);

    // Past the limit on the number of files: a clear error.
    let big = tempfile::tempdir().unwrap();
    for i in 0..10_001 {
        std::fs::write(big.path().join(format!("{i}.yaml")), "").unwrap();
    }
    let r = run(&["--policy-dir", big.path().to_str().unwrap(), "list"], b"");
    assert_eq!(r.code, ERROR);
    assert!(
        r.stderr.contains("10001 policy files named; at most 10000"),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------- lint

const THREE_MISTAKES: &str = "\
id: my-db
vendor: Example
product: Database
rules:
  length: { min: 20, max: 10 }
  classes_required: { at_least: 2, of: [lower, digitz] }
  max_run: 0
";

#[test]
fn lint_reports_every_mistake_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.yaml", THREE_MISTAKES);
    let good = write(dir.path(), "good.yaml", MY_POLICY);
    let r = run(&["lint", &bad, &good], b"");
    assert_eq!(r.code, ERROR);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(
        lines.contains(
            &format!(
                "{bad}:5:13: rules.length.min: min 20 is greater than max 10"
            )
            .as_str()
        ),
        "{}",
        r.stdout
    );
    assert!(
        lines.iter().any(|l| l.starts_with(&format!("{bad}:6:"))
            && l.contains("unknown class 'digitz'")),
        "{}",
        r.stdout
    );
    assert!(
        lines
            .iter()
            .any(|l| l
                .starts_with(&format!("{bad}:7:3: rules.max_run: max_run 0"))),
        "{}",
        r.stdout
    );
    assert_eq!(lines.last(), Some(&format!("{good}: ok").as_str()));

    let r = run(&["lint", &good], b"");
    assert_eq!(
        (r.code, r.stdout.trim()),
        (OK, format!("{good}: ok").as_str())
    );
    // The repository's own policies lint clean (no clash with themselves).
    let builtin: Vec<String> = [
        "baidu-bcc",
        "huawei-clouddc",
        "tencent-cvm-v2",
        "tencent-ecm",
        "tencent-redis",
    ]
    .iter()
    .map(|id| format!("{}/policies/{id}.yaml", env!("CARGO_MANIFEST_DIR")))
    .collect();
    let mut args = vec!["lint"];
    args.extend(builtin.iter().map(String::as_str));
    let r = run(&args, b"");
    assert_eq!(r.code, OK, "{}", r.stdout);
}

#[test]
fn lint_json_schema() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.yaml", THREE_MISTAKES);
    let good = write(dir.path(), "good.yaml", MY_POLICY);
    let r = run(&["lint", "--format", "json", &bad, &good], b"");
    assert_eq!(r.code, ERROR);
    let lines = r.json_lines();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["file"], bad.as_str());
    assert_eq!(lines[0]["ok"], false);
    assert_eq!(
        lines[0]["problems"][0],
        serde_json::json!({"line": 5, "column": 13, "field": "rules.length.min", "message": "min 20 is greater than max 10"})
    );
    assert!(lines[0]["problems"].as_array().unwrap().len() >= 3);
    assert_eq!(
        lines[1],
        serde_json::json!({"file": good, "ok": true, "problems": []})
    );
}

#[test]
fn lint_reports_clashes() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.yaml", MY_POLICY);
    let b =
        write(dir.path(), "b.yaml", &MY_POLICY.replace("min: 10", "min: 12"));
    let r = run(&["lint", &a, &b], b"");
    assert_eq!(r.code, ERROR);
    assert!(
        r.stdout.contains(&format!(
            "{b}:1:1: id: policy id 'my-db' is already defined by {a}"
        )),
        "{}",
        r.stdout
    );
    let r = run(&["--override-builtin", "lint", &a, &b], b"");
    assert_eq!(r.code, OK);
}

#[test]
fn lint_bad_files_give_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    // A YAML alias bomb: nine levels of nine-fold aliases (9^9 strings if
    // expanded). It must be refused, not expanded.
    let mut bomb = String::from(
        "id: x\nvendor: V\nproduct: P\nrules:\n  deny: &l0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nvariants:\n",
    );
    for i in 1..10 {
        let refs = vec![format!("*l{}", i - 1); 9].join(",");
        bomb.push_str(&format!(
            "  v{i}:\n    rules:\n      deny: &l{i} [{refs}]\n"
        ));
    }
    let bomb = write(dir.path(), "bomb.yaml", &bomb);
    // 100 MB (sparse: nothing is written to disk).
    let huge = dir.path().join("huge.yaml");
    std::fs::File::create(&huge).unwrap().set_len(100 << 20).unwrap();
    let huge = huge.to_str().unwrap().to_string();
    let latin1 = dir.path().join("latin1.yaml");
    std::fs::write(&latin1, b"id: caf\xe9\nvendor: V\nproduct: P\n").unwrap();
    let latin1 = latin1.to_str().unwrap().to_string();
    let mut many = String::from("id: many\nvendor: V\nproduct: P\nclasses:\n");
    for i in 0..10_000 {
        many.push_str(&format!("  c{i}: {{ chars: \"a\" }}\n"));
    }
    many.push_str("rules:\n  classes_required: { at_least: 1, of: [c1] }\n");
    let many = write(dir.path(), "many.yaml", &many);
    let missing =
        dir.path().join("missing.yaml").to_str().unwrap().to_string();
    let a_dir = dir.path().to_str().unwrap().to_string();

    let r =
        run(&["lint", &bomb, &huge, &latin1, &many, &missing, &a_dir], b"");
    assert_eq!(r.code, ERROR);
    let out = &r.stdout;
    assert!(out.contains(&format!("{bomb}:5:9: variants.v1.rules.deny[0]: invalid type: sequence, expected a string")), "{out}");
    assert!(
        out.contains(&format!(
            "{huge}: file is larger than the limit of 1048576 bytes"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{latin1}: file is not UTF-8 (invalid byte at offset 7)"
        )),
        "{out}"
    );
    assert!(out.contains(&format!("{many}:4:1: classes: 10000 classes defined; a policy may define at most 64")), "{out}");
    assert!(out.contains(&format!("{missing}: cannot read: ")), "{out}");
    assert!(out.contains(&format!("{a_dir}: cannot read: ")), "{out}");
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn lint_needs_a_file() {
    let r = run(&["lint"], b"");
    assert_eq!(r.code, ERROR);
    assert!(r.stderr.contains("FILE"));
}

// ---------------------------------------------------------------- help, usage, completions

#[test]
fn every_help_shows_an_example() {
    for cmd in ["list", "check", "explain", "lint", "completions"] {
        let r = run(&[cmd, "--help"], b"");
        assert_eq!(r.code, OK);
        assert!(
            r.stdout.contains("Example"),
            "{cmd} --help has no example:\n{}",
            r.stdout
        );
    }
    let r = run(&["--help"], b"");
    assert_eq!(r.code, OK);
    for cmd in ["list", "check", "explain", "lint", "completions"] {
        assert!(r.stdout.contains(cmd));
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["frobnicate"][..],
        &["check"],
        &["check", "-p", "baidu-bcc", "--format", "xml"],
        &["explain", "baidu-bcc", "--lang", "fr"],
    ] {
        let r = run(args, b"x\n");
        assert_eq!(r.code, ERROR, "{args:?}");
        assert!(!r.stderr.is_empty());
    }
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let r = run(&["completions", shell], b"");
        assert_eq!(r.code, OK);
        assert!(r.stdout.contains("passpolicy"));
        assert!(r.stdout.contains("explain"), "{shell}");
    }
}

// ---------------------------------------------------------------- secrecy

/// Passwords that occur nowhere in the policies, the messages or the help.
const SECRETS: &[&str] = &[
    "Zq7!vX9#kLm2",    // accepted by most
    "hunter2-Secret",  // refused by some
    "/leadingSlash9A", // forbidden first character
    "пароль-Secret9",  // non-ASCII
    "tab\tinside1A!",  // control character
    "alicealiceQ1!",   // contains the --user name
    "ecilaReversed9!", // contains it reversed
    "xy",              // far too short
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", // far too long
];

#[test]
fn no_password_appears_in_any_output() {
    let newline: Vec<u8> =
        SECRETS.iter().flat_map(|s| format!("{s}\n").into_bytes()).collect();
    let nul: Vec<u8> =
        SECRETS.iter().flat_map(|s| format!("{s}\0").into_bytes()).collect();
    let all = [
        "-p",
        "tencent-ecm",
        "-p",
        "tencent-cvm-v2",
        "-p",
        "huawei-clouddc",
        "-p",
        "baidu-bcc",
        "-p",
        "tencent-redis",
    ];
    let mut runs: Vec<(Vec<&str>, &[u8])> = Vec::new();
    for format in ["text", "json"] {
        for lang in ["en", "zh"] {
            for policy in [
                "tencent-ecm",
                "tencent-cvm-v2",
                "huawei-clouddc",
                "baidu-bcc",
                "tencent-redis",
            ] {
                runs.push((
                    vec![
                        "check", "-p", policy, "--format", format, "--lang",
                        lang,
                    ],
                    &newline,
                ));
                runs.push((
                    vec![
                        "check", "-p", policy, "--format", format, "--lang",
                        lang, "--user", "alice",
                    ],
                    &newline,
                ));
            }
            let mut every = vec!["check", "--format", format, "--lang", lang];
            every.extend(all);
            runs.push((every.clone(), &newline));
            every.push("-z");
            runs.push((every, &nul));
        }
    }
    runs.push((vec!["check", "-q", "-p", "baidu-bcc"], &newline));
    // Errors, with passwords waiting on stdin.
    runs.push((vec!["check", "-p", "tencent-cvm"], &newline));
    runs.push((vec!["check", "-p", "tencent-ecm/macos"], &newline));
    runs.push((vec!["check", "-p", "baidu-bcc", "--format", "xml"], &newline));
    // The commands that take no password must not echo stdin either.
    for args in [
        &["list"][..],
        &["list", "--format", "json"],
        &["explain", "tencent-ecm"],
        &["explain", "baidu-bcc", "--format", "json"],
        &["completions", "bash"],
    ] {
        runs.push((args.to_vec(), &newline));
    }
    for (args, stdin) in &runs {
        let r = run(args, stdin);
        assert!(r.code == OK || r.code == REJECTED || r.code == ERROR);
        for secret in SECRETS {
            assert!(
                !r.stdout.contains(secret),
                "{args:?} printed {secret:?} on stdout"
            );
            assert!(
                !r.stderr.contains(secret),
                "{args:?} printed {secret:?} on stderr"
            );
        }
    }
}

// ---------------------------------------------------------------- docs/cli.md

const CLI_MD: &str = include_str!("../docs/cli.md");

/// The lines of docs/cli.md that start with `prefix`.
fn doc_lines(prefix: &str) -> Vec<&'static str> {
    CLI_MD.lines().filter(|l| l.starts_with(prefix)).collect()
}

#[test]
fn docs_check_json_example_is_real() {
    let examples = doc_lines("{\"index\"");
    assert_eq!(examples.len(), 2);
    let r = run(
        &["check", "-p", "tencent-cvm-v2/windows", "--format", "json"],
        format!("{GOOD}\nAbc12!\n").as_bytes(),
    );
    let got = r.json_lines();
    for (doc, got) in examples.iter().zip(&got) {
        let doc: Value = serde_json::from_str(doc).unwrap();
        assert_eq!(&doc, got);
    }
}

#[test]
fn docs_list_json_example_is_real() {
    let examples = doc_lines("{\"id\"");
    assert_eq!(examples.len(), 1);
    let doc: Value = serde_json::from_str(examples[0]).unwrap();
    let got = run(&["list", "--format", "json"], b"").json_lines();
    assert!(got.contains(&doc), "{doc} not in {got:?}");
}

#[test]
fn docs_lint_examples_are_real() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "my-db.yaml", THREE_MISTAKES);
    write(dir.path(), "good.yaml", MY_POLICY);
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_passpolicy"));
    let out = cmd
        .current_dir(dir.path())
        .args(["lint", "my-db.yaml"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let examples = doc_lines("my-db.yaml:");
    assert_eq!(examples.len(), 3);
    assert_eq!(text.lines().count(), 3, "{text}");
    for (doc, got) in examples.iter().zip(text.lines()) {
        assert!(
            got.starts_with(doc.trim_end_matches('…')),
            "doc: {doc}\ngot: {got}"
        );
    }
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_passpolicy"));
    let out = cmd
        .current_dir(dir.path())
        .args(["lint", "--format", "json", "my-db.yaml", "good.yaml"])
        .output()
        .unwrap();
    let got: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let docs = doc_lines("{\"file\"");
    assert_eq!(docs.len(), 2);
    let bad: Value = serde_json::from_str(docs[0]).unwrap();
    assert_eq!(bad["problems"][0], got[0]["problems"][0]);
    assert_eq!(bad["file"], got[0]["file"]);
    let good: Value = serde_json::from_str(docs[1]).unwrap();
    assert_eq!(good, got[1]);
}

#[test]
fn docs_name_every_command() {
    let help = run(&["--help"], b"").stdout;
    for cmd in ["list", "explain", "check", "lint", "completions"] {
        assert!(help.contains(&format!("  {cmd} ")), "{cmd} not in --help");
        assert!(
            CLI_MD.contains(&format!("## `{cmd}`")),
            "{cmd} not in docs/cli.md"
        );
    }
}

#[test]
fn lint_reports_each_mistake_once() {
    // K above the list's length is one mistake, reported once (not again
    // as "only 3 have a character in the alphabet").
    let dir = tempfile::tempdir().unwrap();
    let text = "\
id: k-too-big
vendor: V
product: P
rules:
  classes_required: { at_least: 5, of: [lower, upper, digits] }
";
    let file = write(dir.path(), "k.yaml", text);
    let r = run(&["lint", &file], b"");
    assert_eq!(r.code, ERROR);
    assert_eq!(
        r.stdout,
        format!(
            "{file}:5:23: rules.classes_required.at_least: requires at \
             least 5 classes but lists only 3\n"
        )
    );
}
