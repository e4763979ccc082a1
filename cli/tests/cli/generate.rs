//! `generate`: what it prints is what `check` accepts, JSON carries the
//! entropy, errors exit 2 with a reason.

use crate::common::*;

/// `generate ARGS`, which must succeed; its standard output.
fn generate(args: &[&str]) -> String {
    let r = run(&[&["generate"], args].concat(), b"");
    assert_eq!(r.code, OK, "{}", r.stderr);
    r.stdout
}

/// `check POLICIES` on `input`: the status and the text verdicts.
fn check_text(policies: &[&str], input: &str) -> (i32, String) {
    let r = run(&[&["check"], policies].concat(), input.as_bytes());
    (r.code, r.stdout)
}

#[test]
fn five_windows_passwords_pass_check() {
    let p = ["-p", "tencent-cvm-v2/windows"];
    let text = generate(&[p[0], p[1], "--count", "5"]);
    assert_eq!(text.lines().count(), 5);
    let (code, verdicts) = check_text(&p, &text);
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
    let (code, verdicts) = check_text(&FIVE, &text);
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
        let r = run(&[&["generate"], args].concat(), b"");
        assert_eq!(r.code, ERROR, "{args:?}");
        assert!(r.stderr.contains(message), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty());
    }
}

#[test]
fn clashing_policies_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "digits-only.yaml",
        "id: digits-only\nvendor: T\nproduct: T\nrules:\n  length: { min: 8, max: 16 }\n  alphabet: [digits]\n",
    );
    let r =
        run(&["--policy-file", &file, "generate", "-p", "digits-only"], b"");
    assert_eq!(r.code, OK, "{}", r.stderr);
    let r = run(
        &[
            "--policy-file",
            &file,
            "generate",
            "-p",
            "digits-only",
            "-p",
            "baidu-bcc",
        ],
        b"",
    );
    assert_eq!(r.code, ERROR);
    assert!(
        r.stderr.contains("no password satisfies digits-only + baidu-bcc"),
        "{}",
        r.stderr
    );
}

/// An open alphabet (oci-autonomous-db: anything but `"`): the passwords
/// are drawn from its 93 printable ASCII characters, which JSON states
/// (`alphabet_size`, `alphabet_note`) and text mode notes on stderr only.
#[test]
fn an_open_alphabet_says_what_it_draws_from() {
    let r = run(&["generate", "-p", "oci-autonomous-db", "--count", "3"], b"");
    assert_eq!(r.code, OK, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 3);
    assert!(
        r.stderr.starts_with("passpolicy: note: ")
            && r.stderr.contains(": 93 characters"),
        "{}",
        r.stderr
    );
    for line in r.stdout.lines() {
        assert!(line.chars().all(|c| ('!'..='~').contains(&c) && c != '"'));
        assert!(!r.stderr.contains(line));
    }
    let (code, verdicts) = check_text(&["-p", "oci-autonomous-db"], &r.stdout);
    assert_eq!(code, 0, "{verdicts}");
    let r =
        run(&["generate", "-p", "oci-autonomous-db", "--format", "json"], b"");
    let v = &r.json_lines()[0];
    assert_eq!(v["alphabet_size"], 93);
    assert!(v["alphabet_note"].as_str().unwrap().contains("printable ASCII"));
    // A closed alphabet: its size, and no note.
    let r = run(&["generate", "-p", "baidu-bcc", "--format", "json"], b"");
    let v = &r.json_lines()[0];
    assert_eq!(v["alphabet_size"], 26 + 26 + 10 + 9);
    assert!(v.get("alphabet_note").is_none());
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

/// The cross-vendor example: every password passes all three.
#[test]
fn aws_rds_azure_rest_and_alibaba_windows_together() {
    let p = [
        "-p",
        "aws-rds/mysql",
        "-p",
        "azure-vm/windows",
        "-p",
        "alibaba-ecs/windows",
    ];
    let text = generate(&[&p[..], &["--count", "20"]].concat());
    assert_eq!(text.lines().count(), 20);
    let (code, verdicts) = check_text(&p, &text);
    assert_eq!(code, 0, "{verdicts}");
    assert_eq!(verdicts, "ok\n".repeat(20));
}
