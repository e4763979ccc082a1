//! `check`: exit statuses, input splitting, JSON schema, languages, the terminal prompt.

use super::*;

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
    let r = run(&["check", "-p", "tencent-cmv-v2"], b"x\n");
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
        // A 6-character password: its characters are withheld (docs/cli.md,
        // "What a violation reveals").
        serde_json::json!({"kind": "character", "ch": null, "position": 1})
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
        serde_json::json!({"kind": "username"}),
        "the account name is not repeated: the password may consist of it"
    );
}

#[test]
fn check_refuses_an_empty_or_blank_user_name() {
    for user in ["", " ", "\t \t"] {
        for command in ["check", "generate"] {
            let r = run(
                &[command, "-p", "huawei-clouddc", "--user", user],
                b"Abc123!xyzQ\n",
            );
            assert_eq!(r.code, ERROR, "{command} --user {user:?}");
            assert!(r.stdout.is_empty(), "{}", r.stdout);
            assert!(
                r.stderr.contains("the user name is empty or blank"),
                "{}",
                r.stderr
            );
        }
    }
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

/// `check ... | head -1`: the reader closes the pipe after one verdict,
/// so most passwords are never checked. That is not "all accepted": the
/// status is 141 (128 + SIGPIPE), and nothing is printed on stderr.
#[test]
fn check_into_a_reader_that_closes_early_is_not_success() {
    use std::io::{BufRead, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_passpolicy"))
        .args(["check", "-p", "tencent-cvm-v2"])
        .env("LC_ALL", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Far more output ("ok\n" each) than a pipe and the output buffer
    // hold, so the program is still writing when the reader goes.
    let input = format!("{GOOD}\n").repeat(300_000);
    // The program may stop reading before all of it is written.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert_eq!(first, "ok\n");
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(141));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn check_unknown_policy_and_variant_messages() {
    // Another case: the id it names, and a list that ends in a full stop.
    let r = run(&["check", "-p", "TENCENT-CVM-V2"], b"x\n");
    assert_eq!(r.code, ERROR);
    // The list is the whole built-in catalog (it grows), in catalog
    // order, ending in a full stop.
    let line = r.stderr.lines().next().unwrap_or_default();
    assert!(
        line.starts_with(
            "passpolicy: unknown policy 'TENCENT-CVM-V2'; did you mean \
             tencent-cvm-v2? Known policies: tencent-ecm, tencent-cvm-v2, \
             huawei-clouddc, baidu-bcc, tencent-redis"
        ),
        "{}",
        r.stderr
    );
    assert!(line.ends_with('.') && !line.ends_with(", ."), "{line}");
    // A policy without named variants says so, not "its variants are: ".
    let r = run(&["check", "-p", "baidu-bcc/linux"], b"x\n");
    assert_eq!(r.code, ERROR);
    assert!(!r.stderr.contains("its variants are"), "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "policy 'baidu-bcc' has no variant 'linux'; it has a single \
             unnamed variant: name it 'baidu-bcc' alone"
        ),
        "{}",
        r.stderr
    );
}

/// Text output separates violations with ` | `, which no message
/// contains, even for passwords full of `;`, `,` and `|`: the text has as
/// many parts as the JSON has violations.
#[test]
fn check_text_separator_is_unambiguous() {
    let input = b"a;b|c\n;;;;;;;;\n|||| ;, |\nshort\n\xff\n";
    let five =
        ["-p", "tencent-ecm", "-p", "tencent-cvm-v2", "-p", "baidu-bcc"];
    for lang in ["en", "zh"] {
        let args = [&["check", "--lang", lang][..], &five].concat();
        let text = run(&args, input);
        let json = run(&[&args[..], &["--format", "json"]].concat(), input);
        let verdicts = json.json_lines();
        assert_eq!(text.stdout.lines().count(), verdicts.len());
        for (line, v) in text.stdout.lines().zip(&verdicts) {
            let parts = line.strip_prefix("rejected: ").unwrap().split(" | ");
            let n = v["violations"].as_array().unwrap().len();
            assert_eq!(parts.count(), n, "{line}");
        }
    }
}

#[test]
fn check_empty_input_with_z_hints_nul() {
    let r = run(&["check", "-z", "-p", "baidu-bcc"], b"");
    assert_eq!(r.code, ERROR);
    assert!(
        r.stderr.contains("no password on standard input"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("one per line"), "{}", r.stderr);
    assert!(r.stderr.contains("printf '%s\\0'"), "{}", r.stderr);
}
