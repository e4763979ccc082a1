//! `passpolicy generate` end to end: what it prints is what `check`
//! accepts, JSON carries the entropy, errors exit 2 with a reason.

use assert_cmd::Command;

const FIVE: [&str; 10] = [
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

fn passpolicy() -> Command {
    Command::cargo_bin("passpolicy").unwrap()
}

fn generate(args: &[&str]) -> String {
    let out = passpolicy().arg("generate").args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn check(policies: &[&str], input: &str) -> (i32, String) {
    let out = passpolicy()
        .arg("check")
        .args(policies)
        .write_stdin(input)
        .output()
        .unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn five_windows_passwords_pass_check() {
    let p = ["-p", "tencent-cvm-v2/windows"];
    let text = generate(&[p[0], p[1], "--count", "5"]);
    assert_eq!(text.lines().count(), 5);
    let (code, verdicts) = check(&p, &text);
    assert_eq!(code, 0, "{verdicts}");
    assert_eq!(verdicts, "ok\n".repeat(5));
}

#[test]
fn all_five_seeds_at_once() {
    let mut args = FIVE.to_vec();
    args.extend(["--count", "3"]);
    let text = generate(&args);
    assert_eq!(text.lines().count(), 3);
    assert!(text.lines().all(|l| l.chars().count() == 16));
    let (code, verdicts) = check(&FIVE, &text);
    assert_eq!(code, 0, "{verdicts}");
}

#[test]
fn json_has_length_entropy_and_policies() {
    let text = generate(&[
        "-p",
        "baidu-bcc",
        "--min-entropy",
        "100",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    let len = v["length"].as_u64().unwrap();
    let bits = v["entropy_bits"].as_f64().unwrap();
    assert!(bits >= 100.0, "{bits}");
    assert_eq!(v["password"].as_str().unwrap().chars().count() as u64, len);
    assert_eq!(v["policies"][0], "baidu-bcc");
    let shorter = generate(&[
        "-p",
        "baidu-bcc",
        "--length",
        &(len - 1).to_string(),
        "--format",
        "json",
    ]);
    let w: serde_json::Value = serde_json::from_str(shorter.trim()).unwrap();
    assert!(w["entropy_bits"].as_f64().unwrap() < 100.0);
}

#[test]
fn errors_exit_2_with_the_reason() {
    let cases: [(&[&str], &str); 4] = [
        (
            &["-p", "baidu-bcc", "--length", "40"],
            "outside the allowed range 8 to 32",
        ),
        (
            &["-p", "baidu-bcc", "--min-entropy", "1000"],
            "no allowed length reaches 1000 bits",
        ),
        (&["-p", "nope"], "unknown policy"),
        (
            &["-p", "baidu-bcc", "--length", "9", "--min-entropy", "50"],
            "cannot be used with",
        ),
    ];
    for (args, message) in cases {
        let out = passpolicy().arg("generate").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn clashing_policies_say_why() {
    let dir =
        std::env::temp_dir().join(format!("pp-gen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("digits-only.yaml");
    std::fs::write(
        &file,
        "id: digits-only\nvendor: T\nproduct: T\nrules:\n  length: { min: 8, max: 16 }\n  alphabet: [digits]\n",
    )
    .unwrap();
    let out = passpolicy()
        .args(["--policy-file", file.to_str().unwrap(), "generate"])
        .args(["-p", "digits-only", "-p", "baidu-bcc"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no password satisfies digits-only + baidu-bcc"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
