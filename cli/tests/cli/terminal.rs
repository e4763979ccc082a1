//! The password prompt under a real pseudo-terminal: echo comes back on
//! every exit path, Ctrl-C included (`pty_harness.py` makes the terminal
//! and reads its modes after the program has gone).

use super::*;

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
