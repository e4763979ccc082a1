//! What every test module shares: running the binary, exit statuses,
//! reading its JSON, and the policies and passwords used throughout.

use std::path::Path;
use std::process::Output;

pub use serde_json::Value;

/// Exit statuses (docs/cli.md).
pub const OK: i32 = 0;
pub const REJECTED: i32 = 1;
pub const ERROR: i32 = 2;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| {
                serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))
            })
            .collect()
    }
}

/// The binary, with messages in English (a fixed locale) unless a test
/// says otherwise: for tests that spawn it themselves (streams, pipes).
pub fn command() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_passpolicy"));
    cmd.env_remove("LANG").env_remove("LC_MESSAGES").env("LC_ALL", "C");
    cmd
}

/// Runs the binary with a fixed English locale unless `env` says more.
pub fn run_env(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Run {
    let mut cmd = assert_cmd::Command::from_std(command());
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let Output { status, stdout, stderr } =
        cmd.write_stdin(stdin).output().unwrap();
    Run {
        code: status.code().expect("exited normally"),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

pub fn run(args: &[&str], stdin: &[u8]) -> Run {
    run_env(args, stdin, &[])
}

pub fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

pub const GOOD: &str = "Abc123!@#xyzQ"; // accepted by tencent-cvm-v2 (both variants)

pub const MY_POLICY: &str = "\
id: my-db
vendor: Example
product: Database
classes:
  special: { chars: '!#$%' }
rules:
  length: { min: 10, max: 64 }
  classes_required: { at_least: 3, of: [lower, upper, digits, special] }
";

pub const THREE_MISTAKES: &str = "\
id: my-db
vendor: Example
product: Database
rules:
  length: { min: 20, max: 10 }
  classes_required: { at_least: 2, of: [lower, digitz] }
  max_run: 0
";

/// The five seed policies, as `-p` arguments.
pub const FIVE: [&str; 10] = [
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

/// `check ARGS` on `stdin`: (exit status, stdout lines, stderr).
pub fn check(args: &[&str], stdin: &[u8]) -> (i32, Vec<String>, String) {
    let r = run(&[&["check"], args].concat(), stdin);
    let lines = r.stdout.lines().map(str::to_string).collect();
    (r.code, lines, r.stderr)
}

/// `check --format json ARGS` on `input`: the status and the verdicts.
pub fn check_json(args: &[&str], input: &[u8]) -> (i32, Vec<Value>) {
    let r = run(&[&["check", "--format", "json"], args].concat(), input);
    (r.code, r.json_lines())
}

/// Parses JSON lines.
pub fn json_lines(lines: &[String]) -> Vec<Value> {
    lines
        .iter()
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))
        })
        .collect()
}

/// The codes of one JSON verdict, in output order.
pub fn codes(v: &Value) -> Vec<String> {
    v["violations"]
        .as_array()
        .expect("violations is an array")
        .iter()
        .map(|x| x["code"].as_str().expect("code").to_string())
        .collect()
}

/// The (code, detail) of each violation of one JSON verdict.
pub fn violations(line: &Value) -> Vec<(String, Value)> {
    line["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (v["code"].as_str().unwrap().to_string(), v["detail"].clone())
        })
        .collect()
}

/// The detail of the one violation of a verdict, which has `code`.
pub fn only(line: &Value, code: &str) -> Value {
    let v = violations(line);
    assert_eq!(v.len(), 1, "{line}");
    assert_eq!(v[0].0, code, "{line}");
    v[0].1.clone()
}
