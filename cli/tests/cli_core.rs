//! The command-line contract of issue 2: `passpolicy check` reads passwords
//! from standard input, prints one verdict per record in order, exits
//! 0/1/2, and never prints a password.

use assert_cmd::Command;
use serde_json::Value;

/// The binary, with messages forced to English unless a test says
/// otherwise.
fn passpolicy() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_passpolicy"));
    cmd.env_remove("LC_MESSAGES").env_remove("LANG").env("LC_ALL", "C");
    cmd
}

/// Runs `check` with `args` on `stdin`; returns (exit code, stdout lines,
/// stderr).
fn check(args: &[&str], stdin: &[u8]) -> (i32, Vec<String>, String) {
    let out = passpolicy()
        .arg("check")
        .args(args)
        .write_stdin(stdin.to_vec())
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    let lines = stdout.lines().map(str::to_string).collect();
    (out.status.code().expect("exited, not killed"), lines, stderr)
}

fn json_lines(lines: &[String]) -> Vec<Value> {
    lines
        .iter()
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))
        })
        .collect()
}

/// The codes of one JSON verdict, in output order.
fn codes(v: &Value) -> Vec<String> {
    v["violations"]
        .as_array()
        .expect("violations is an array")
        .iter()
        .map(|x| x["code"].as_str().expect("code").to_string())
        .collect()
}

#[test]
fn done_when_example_json() {
    let (code, lines, stderr) = check(
        &["-p", "tencent-cvm-v2/windows", "--format", "json"],
        b"abc123ABC!@#\nshort\n",
    );
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(lines.len(), 2, "{lines:?}");
    let v = json_lines(&lines);
    assert_eq!(v[0]["index"], 0);
    assert_eq!(v[0]["ok"], true);
    assert_eq!(v[0]["violations"].as_array().map(Vec::len), Some(0));
    assert_eq!(v[1]["index"], 1);
    assert_eq!(v[1]["ok"], false);
    let too_short = v[1]["violations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "too_short")
        .expect("a too_short violation");
    assert_eq!(too_short["vendor_code"], "InvalidPassword");
    assert_eq!(too_short["policy"], "tencent-cvm-v2/windows");
    assert!(too_short["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(!lines.join("\n").contains("abc123ABC!@#"));
}

/// Passwords that tell the two tencent-cvm-v2 variants apart.
const CVM_BATCH: &[u8] = b"abc123ABC!@#\nshort\nabcd1234\nabcdefgh1234\n\
Abcdef123456\n/Abcdef12345\nabcdEFGH\nabcd\xc3\xa91234\n";

fn verdicts(policy: &str) -> Vec<(bool, Vec<String>)> {
    let (_, lines, stderr) =
        check(&["-p", policy, "--format", "json"], CVM_BATCH);
    assert_eq!(lines.len(), 8, "{policy}: {stderr}");
    json_lines(&lines)
        .iter()
        .enumerate()
        .map(|(i, v)| {
            assert_eq!(v["index"], i);
            let mut c = codes(v);
            c.sort();
            c.dedup();
            (v["ok"].as_bool().expect("ok is a bool"), c)
        })
        .collect()
}

#[test]
fn no_variant_gives_the_windows_verdicts() {
    let both = verdicts("tencent-cvm-v2");
    let windows = verdicts("tencent-cvm-v2/windows");
    let linux = verdicts("tencent-cvm-v2/linux");
    assert_eq!(both, windows);
    // The batch does tell the variants apart, so the equality above says
    // something.
    assert_ne!(
        linux.iter().map(|v| v.0).collect::<Vec<_>>(),
        windows.iter().map(|v| v.0).collect::<Vec<_>>()
    );
    // The same holds with the first example of the issue.
    let (code, lines, _) = check(
        &["-p", "tencent-cvm-v2", "--format", "json"],
        b"abc123ABC!@#\nshort\n",
    );
    assert_eq!(code, 1);
    let v = json_lines(&lines);
    assert_eq!(v[0]["ok"], true);
    assert!(codes(&v[1]).contains(&"too_short".to_string()));
    let policies: Vec<&str> = v[1]["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x["policy"].as_str())
        .collect();
    assert!(policies.contains(&"tencent-cvm-v2/windows"), "{policies:?}");
}

#[test]
fn unknown_policy_is_exit_2_with_the_list_of_ids() {
    let (code, lines, stderr) = check(&["-p", "tencent-cmv"], b"x\n");
    assert_eq!(code, 2);
    assert!(lines.is_empty(), "{lines:?}");
    for id in [
        "tencent-ecm",
        "tencent-cvm-v2",
        "huawei-clouddc",
        "baidu-bcc",
        "tencent-redis",
    ] {
        assert!(stderr.contains(id), "{id} missing from: {stderr}");
    }
    assert!(stderr.contains("tencent-cmv"), "{stderr}");
}

#[test]
fn unknown_variant_is_exit_2_with_the_variants() {
    let (code, _, stderr) = check(&["-p", "tencent-cvm-v2/macos"], b"x\n");
    assert_eq!(code, 2);
    assert!(
        stderr.contains("linux") && stderr.contains("windows"),
        "{stderr}"
    );
}

#[test]
fn invalid_utf8_record_is_reported_and_processing_continues() {
    let (code, lines, stderr) = check(
        &["-p", "baidu-bcc", "--format", "json"],
        b"Abcd123!\nAbc\xffd123!\nAbcd123!\n",
    );
    assert_eq!(code, 1, "{stderr}");
    let v = json_lines(&lines);
    assert_eq!(v.len(), 3);
    assert_eq!(v[0]["ok"], true);
    assert_eq!(v[1]["ok"], false);
    assert_eq!(codes(&v[1]), ["invalid_utf8"]);
    assert_eq!(v[2]["ok"], true);
    assert_eq!(v[2]["index"], 2);
}

#[test]
fn nul_separated_records() {
    // With -z a newline is part of the password, so it is a character
    // outside the alphabet, at its position.
    let (code, lines, stderr) = check(
        &["-p", "tencent-cvm-v2/windows", "--format", "json", "-z"],
        b"abc123ABC!@#\0abc123\nABC!@#\0short",
    );
    assert_eq!(code, 1, "{stderr}");
    let v = json_lines(&lines);
    assert_eq!(v.len(), 3, "the last record needs no separator");
    assert_eq!(v[0]["ok"], true);
    assert_eq!(codes(&v[1]), ["disallowed_character"]);
    assert_eq!(v[1]["violations"][0]["detail"]["position"], 7);
    assert_eq!(v[1]["violations"][0]["detail"]["ch"], "U+000A");
    assert!(codes(&v[2]).contains(&"too_short".to_string()));
}

#[test]
fn crlf_is_removed_and_all_accepted_is_exit_0() {
    let (code, lines, stderr) =
        check(&["-p", "tencent-cvm-v2"], b"abc123ABC!@#\r\nabc123ABC!@$");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(lines, ["ok", "ok"]);
}

#[test]
fn user_flag_adds_to_the_fixed_accounts() {
    // Huawei CloudDC only ever sets root/Administrator: --user alice is
    // checked besides root, never instead (issue 10 item 1).
    let input = b"Xecila-2024-Ok\nAroot@1234\n";
    let args = ["-p", "huawei-clouddc/linux", "--format", "json"];
    let (_, lines, _) = check(&args, input);
    let v = json_lines(&lines);
    assert_eq!(v[0]["ok"], true);
    assert_eq!(codes(&v[1]), ["contains_username"]);
    let (_, lines, _) =
        check(&[&args[..], &["--user", "alice"]].concat(), input);
    let v = json_lines(&lines);
    assert_eq!(codes(&v[0]), ["contains_reversed_username"]);
    assert_eq!(codes(&v[1]), ["contains_username"]);
}

/// Neither format, in either language, ever prints a password.
#[test]
fn output_never_contains_a_password() {
    let passwords = [
        "abc123ABC!@#",
        "Administrator-rotartsinimda",
        "Qwerty\u{e9}Passw0rd",
        "/LeadingSlash99",
        "NoDigitsHereAtAll",
        "zz\tTab9Pass!",
    ];
    let mut stdin = passwords.join("\n").into_bytes();
    stdin.push(b'\n');
    for lang in ["C", "zh_CN.UTF-8"] {
        for format in ["text", "json"] {
            let out = passpolicy()
                .env("LC_ALL", lang)
                .args(["check", "-p", "huawei-clouddc", "-p", "tencent-redis"])
                .args(["--format", format])
                .write_stdin(stdin.clone())
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1));
            let all = [out.stdout, out.stderr].concat();
            let text = String::from_utf8(all).unwrap();
            assert_eq!(text.lines().count(), passwords.len(), "{text}");
            for p in passwords {
                assert!(!text.contains(p), "{lang} {format} printed {p:?}");
            }
            assert!(!text.contains('\t'), "{lang} {format}: raw tab");
        }
    }
}

#[test]
fn text_format_is_ok_or_rejected_per_line() {
    let (code, lines, _) =
        check(&["-p", "baidu-bcc"], b"Abcd123!\nshort\nAbcd123!\n");
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], "ok");
    assert!(lines[1].starts_with("rejected: "), "{}", lines[1]);
    assert!(lines[1].contains("too_short"), "{}", lines[1]);
    assert_eq!(lines[2], "ok");
}
