//! Custom policy files (`--policy-file`, `--policy-dir`, id clashes) and `lint`, bad files included.

use crate::common::*;

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
    let builtin = passpolicy::Catalog::builtin_sources().count();
    assert_eq!(r.stdout.lines().count(), builtin + 1);
    assert!(r.stdout.contains("my-db"));
    // A file that is not YAML by name is not loaded from a directory.
    write(dir.path(), "README.txt", "not a policy");
    let r = run(&["list", "--policy-dir", dir.path().to_str().unwrap()], b"");
    assert_eq!(r.code, OK);
}

#[test]
fn id_clash_is_an_error_unless_overridden() {
    let dir = tempfile::tempdir().unwrap();
    let text = include_str!("../../../policies/baidu-bcc.yaml")
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
        include_str!("../../../policies/baidu-bcc.yaml"),
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
    // The built-in catalog grows; the 3,000 files come on top of it.
    let builtin =
        run(&["list", "--format", "json"], b"").stdout.lines().count();
    let total = 3000 + builtin;
    let r = run(&["--policy-dir", d, "list", "--format", "json"], b"");
    assert_eq!(r.code, OK, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), total);
    let r =
        run(&["--policy-dir", d, "check", "-p", "p2999"], b"Correct#Horse9\n");
    assert_eq!(r.code, OK);
    // An unknown id lists the near ones and the count, not all of them.
    let r = run(&["--policy-dir", d, "check", "-p", "p29999"], b"x\n");
    assert_eq!(r.code, ERROR);
    assert!(
        r.stderr.contains(&format!(
            "unknown policy 'p29999'; did you mean p2999 or p299 or p29? \
                 {total} policies are known.\n"
        )),
        "{}",
        r.stderr
    );

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
    .map(|id| format!("{}/../policies/{id}.yaml", env!("CARGO_MANIFEST_DIR")))
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

/// A FIFO, a terminal or any device given as a policy file is refused
/// without being opened (opening a FIFO blocks until a writer comes;
/// this test would hang, so it gives up after a generous while).
#[test]
fn policy_files_that_are_not_regular_files_are_refused_unopened() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("policy.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let fifo = fifo.to_str().unwrap();
    let dir_name = dir.path().to_str().unwrap();
    for (args, kind) in [
        (vec!["lint", fifo], "(a FIFO)"),
        (vec!["--policy-file", fifo, "list"], "(a FIFO)"),
        (
            vec!["lint", "/dev/null"],
            "(a character device, such as a terminal)",
        ),
        (
            vec!["--policy-file", "/dev/null", "list"],
            "(a character device, such as a terminal)",
        ),
        (vec!["--policy-file", dir_name, "list"], "(a directory)"),
    ] {
        let mut child = command()
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut waited = 0;
        while child.try_wait().unwrap().is_none() {
            if waited == 600 {
                child.kill().unwrap();
                panic!("{args:?} blocked");
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
            waited += 1;
        }
        let out = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(if args[0] == "lint" {
            &out.stdout
        } else {
            &out.stderr
        })
        .into_owned();
        assert_eq!(out.status.code(), Some(ERROR), "{args:?}");
        assert!(
            text.contains(&format!("not a regular file {kind}")),
            "{args:?}: {text}"
        );
        assert!(
            text.contains("policies are read from regular files only"),
            "{text}"
        );
    }
}

/// An OS error is printed once, not once by the library's message and
/// again as its cause.
#[test]
fn an_os_error_is_printed_once() {
    let r = run(&["--policy-file", "/nonexistent/p.yaml", "list"], b"");
    assert_eq!(r.code, ERROR);
    assert_eq!(r.stderr.matches("(os error 2)").count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("/nonexistent/p.yaml"), "{}", r.stderr);
}

const CONTROLS: &str = "\
id: ctl
vendor: Example
product: Database
classes:
  weird: { chars: \"\\e\\n\\r!\" }
rules:
  length: { min: 10, max: 64 }
  alphabet: [lower, weird]
";

/// Control characters in an alphabet: `lint` warns (the file is still
/// valid), `generate` refuses them in line mode, and JSON still works.
#[test]
fn control_characters_in_an_alphabet() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "ctl.yaml", CONTROLS);
    let warning = "rules.alphabet: warning: the alphabet has control \
                   characters (U+000A, U+000D, U+001B)";
    let r = run(&["lint", &file], b"");
    assert_eq!(r.code, OK, "{}", r.stdout);
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
    assert!(r.stdout.contains(&format!("{file}: {warning}")), "{}", r.stdout);
    assert!(r.stdout.contains(&format!("{file}: ok\n")), "{}", r.stdout);
    let r = run(&["lint", "--format", "json", &file], b"");
    let v = &r.json_lines()[0];
    assert_eq!(v["ok"], true);
    assert_eq!(v["problems"], serde_json::json!([]));
    assert_eq!(v["warnings"][0]["field"], "rules.alphabet");
    // The built-in policies have no such warning.
    let r = run(
        &[
            "lint",
            "--format",
            "json",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../policies/baidu-bcc.yaml"),
        ],
        b"",
    );
    assert_eq!(r.json_lines()[0].get("warnings"), None);

    let generate =
        ["--policy-file", &file, "generate", "-p", "ctl", "--count"];
    let r = run(&[&generate[..], &["5"]].concat(), b"");
    assert_eq!(r.code, ERROR);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.contains(
            "the policies allow control characters (U+000A, U+000D, U+001B), \
             which would break one password per line; use --format json"
        ),
        "{}",
        r.stderr
    );
    let r = run(&[&generate[..], &["50", "--format", "json"]].concat(), b"");
    assert_eq!(r.code, OK, "{}", r.stderr);
    let lines = r.json_lines();
    assert_eq!(lines.len(), 50);
    assert!(lines.iter().all(|l| l["password"].as_str().unwrap().len() == 16));
}
