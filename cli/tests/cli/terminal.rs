//! The password prompt under a real pseudo-terminal: echo comes back on
//! every exit path, Ctrl-C included (`pty_harness.py` makes the terminal
//! and reads its modes after the program has gone).

use crate::common::*;

/// How the program ended and the terminal's state afterwards.
struct Ended {
    exit: String,
    output: String,
}

/// Types `chunks` at the prompts of `check -p tencent-cvm-v2`; `None`
/// (with the reason printed) where no pseudo-terminal can be had.
fn type_at_prompts(chunks: &[&[u8]]) -> Option<Ended> {
    let harness =
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cli/pty_harness.py");
    let hex: Vec<String> = chunks
        .iter()
        .map(|c| c.iter().map(|b| format!("{b:02x}")).collect())
        .collect();
    let out = std::process::Command::new("python3")
        .arg(harness)
        .args([env!("CARGO_BIN_EXE_passpolicy"), "check", "-p"])
        .args(["tencent-cvm-v2", "--"])
        .args(&hex)
        .env("LC_ALL", "C")
        .output();
    let out = match out {
        Ok(out) => out,
        Err(e) => {
            eprintln!(
                "skipped: cannot run python3 for a pseudo-terminal: {e}"
            );
            return None;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if out.status.code() == Some(77) {
        eprintln!("skipped: {stdout}");
        return None;
    }
    assert!(
        out.status.success(),
        "harness failed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (exit, output) = stdout.split_once('\n').expect("two lines");
    Some(Ended { exit: exit.to_string(), output: output.to_string() })
}

#[test]
fn ctrl_c_at_the_prompt_restores_the_terminal() {
    let restored = "echo=1 isig=1 icanon=1";
    // Ctrl-C while typing the first entry, then the second; Ctrl-\ too.
    for chunks in [
        &[&b"Secr3t\x03"[..]][..],
        &[b"Secr3t!Pass99\n", b"Sec\x03"],
        &[b"Secr3t\x1c"],
    ] {
        let Some(r) = type_at_prompts(chunks) else { return };
        assert_eq!(r.exit, format!("exit=130 {restored}"), "{chunks:?}");
        assert!(!r.output.contains("Secr3t"), "echoed: {}", r.output);
        assert!(!r.output.contains("ok"), "checked: {}", r.output);
    }
    // The other exit paths: accepted, rejected, entries that differ, and
    // the end of input (Ctrl-D).
    for (chunks, code) in [
        (&[&b"Abc123!@#xyzQ\n"[..], b"Abc123!@#xyzQ\n"][..], OK),
        (&[b"Secr3t\n", b"Secr3t\n"], REJECTED),
        (&[b"Secr3t\n", b"Secr3T\n"], ERROR),
        (&[b"\x04"], ERROR),
    ] {
        let Some(r) = type_at_prompts(chunks) else { return };
        assert_eq!(r.exit, format!("exit={code} {restored}"), "{chunks:?}");
        assert!(!r.output.contains("Secr3t"), "echoed: {}", r.output);
        assert!(!r.output.contains("Abc123"), "echoed: {}", r.output);
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
