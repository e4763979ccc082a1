//! The examples in docs/cli.md are what the binary prints.

use super::*;

const CLI_MD: &str = include_str!("../../../docs/cli.md");

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

#[test]
fn docs_generate_json_example_is_real() {
    let examples = doc_lines("{\"password\"");
    assert_eq!(examples.len(), 1);
    let mut doc: Value = serde_json::from_str(examples[0]).unwrap();
    let r = run(
        &["generate", "-p", "tencent-cvm-v2/windows", "--format", "json"],
        b"",
    );
    let mut got = r.json_lines().remove(0);
    assert_eq!(got["password"].as_str().unwrap().chars().count(), 16);
    doc["password"] = Value::Null;
    got["password"] = Value::Null;
    assert_eq!(doc, got);
    // The figure as printed, rounded down (serde would drop a final 0).
    assert!(r.stdout.contains("\"entropy_bits\":104.10,"), "{}", r.stdout);
    assert!(examples[0].contains("\"entropy_bits\":104.10,"));
}
