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

const THREE_MISTAKES: &str = "\
id: my-db
vendor: Example
product: Database
rules:
  length: { min: 20, max: 10 }
  classes_required: { at_least: 2, of: [lower, digitz] }
  max_run: 0
";

mod check;
mod docs;
mod help;
mod list_explain;
mod policies;
mod secrecy;
mod terminal;
