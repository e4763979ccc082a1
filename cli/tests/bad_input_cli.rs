//! The bad-input suite, password input: every class of malformed input to
//! `passpolicy check` gets its documented outcome (a verdict; processing
//! goes on), in bounded memory. The rules are documented in
//! `src/cli/input.rs`: 64 KiB per record (longer ones are measured, not
//! stored, and refused as `too_long`), CR kept unless before LF, BOM and
//! NUL are ordinary characters, invalid UTF-8 is `invalid_utf8`.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

fn passpolicy() -> Command {
    Command::new(env!("CARGO_BIN_EXE_passpolicy"))
}

/// Runs `check --format json` with `args`, feeding `input`; returns the
/// exit status and one JSON value per output line.
fn check_json(args: &[&str], input: &[u8]) -> (i32, Vec<Value>) {
    let mut child = passpolicy()
        .args(["check", "--format", "json"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (out.status.code().unwrap(), lines)
}

const WIN: &[&str] = &["-p", "tencent-cvm-v2/windows"];
const GOOD: &str = "abc123ABC!@#";

/// The (code, detail) of each violation of one output line.
fn violations(line: &Value) -> Vec<(String, Value)> {
    line["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (v["code"].as_str().unwrap().to_string(), v["detail"].clone())
        })
        .collect()
}

fn only(line: &Value, code: &str) -> Value {
    let v = violations(line);
    assert_eq!(v.len(), 1, "{line}");
    assert_eq!(v[0].0, code, "{line}");
    v[0].1.clone()
}

#[test]
fn invalid_utf8_is_rejected_and_processing_continues() {
    let input = format!("Abc12345!\u{1}\n{GOOD}\n").into_bytes();
    let mut input = input.clone();
    input[9] = 0xFF;
    let (code, lines) = check_json(WIN, &input);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 2);
    let d = only(&lines[0], "invalid_utf8");
    assert_eq!(d["offset"], 9);
    assert_eq!(lines[1]["ok"], true);
}

#[test]
fn a_lone_surrogate_in_wtf8_is_invalid_utf8() {
    let mut input = b"\xed\xa0\x80".to_vec();
    input.extend_from_slice(GOOD.as_bytes());
    input.extend_from_slice(b"\nabc\xed\xbf\xbf\n");
    let (code, lines) = check_json(WIN, &input);
    assert_eq!(code, 1);
    assert_eq!(only(&lines[0], "invalid_utf8")["offset"], 0);
    assert_eq!(only(&lines[1], "invalid_utf8")["offset"], 3);
}

#[test]
fn nul_is_a_disallowed_character_or_with_z_a_separator() {
    let (code, lines) = check_json(WIN, b"abc123\0ABC!@#\n");
    assert_eq!(code, 1);
    let d = only(&lines[0], "disallowed_character");
    assert_eq!(
        (d["ch"].as_str(), d["position"].as_u64()),
        (Some("U+0000"), Some(7))
    );

    let (code, lines) =
        check_json(&["-z", WIN[0], WIN[1]], b"abc123ABC!@#\0x\0");
    assert_eq!(code, 1);
    assert_eq!(lines[0]["ok"], true);
    assert_eq!(lines[1]["ok"], false);
}

#[test]
fn cr_is_stripped_only_before_lf() {
    let input = format!("{GOOD}\r\nabc123\rABC!@\n{GOOD}\r");
    let (code, lines) = check_json(WIN, input.as_bytes());
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["ok"], true);
    let d = only(&lines[1], "disallowed_character");
    assert_eq!(
        (d["ch"].as_str(), d["position"].as_u64()),
        (Some("U+000D"), Some(7))
    );
    // A last record ending in CR without LF keeps its CR.
    let d = only(&lines[2], "disallowed_character");
    assert_eq!(
        (d["ch"].as_str(), d["position"].as_u64()),
        (Some("U+000D"), Some(13))
    );
}

#[test]
fn a_bom_is_part_of_the_first_password() {
    let input = format!("\u{FEFF}{GOOD}\n{GOOD}\n");
    let (code, lines) = check_json(WIN, input.as_bytes());
    assert_eq!(code, 1);
    let d = only(&lines[0], "disallowed_character");
    assert_eq!(
        (d["ch"].as_str(), d["position"].as_u64()),
        (Some("U+FEFF"), Some(1))
    );
    assert_eq!(lines[1]["ok"], true);
}

#[test]
fn records_over_64_kib_are_too_long_for_every_policy() {
    // Just over the limit, with a policy that has no maximum of its own:
    // the tool's limit is what refuses it, and it says so in bytes.
    let dir =
        std::env::temp_dir().join(format!("pp-nomax-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("nomax.yaml");
    std::fs::write(
        &file,
        "id: nomax\nvendor: v\nproduct: p\nrules:\n  alphabet: [ascii_printable]\n",
    )
    .unwrap();
    let mut input = "é".repeat(40_000).into_bytes();
    input.extend_from_slice(format!("\n{GOOD}\n").as_bytes());
    let policy_file = file.to_str().unwrap();
    let (code, lines) = check_json(
        &["--policy-file", policy_file, "-p", "nomax", "-p", "tencent-redis"],
        &input,
    );
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 1);
    let v = violations(&lines[0]);
    assert_eq!(v.len(), 2, "{}", lines[0]);
    assert!(v.iter().all(|(code, _)| code == "too_long"));
    // nomax: the record limit, in bytes.
    assert_eq!(v[0].1["actual"], 80_000);
    assert_eq!(v[0].1["max"], 65_536);
    assert_eq!(v[0].1["unit"], "bytes");
    // tencent-redis: its own maximum, in characters, exactly measured.
    assert_eq!(v[1].1["actual"], 40_000);
    assert_eq!(v[1].1["max"], 30);
    assert_eq!(v[1].1["unit"], "chars");
    assert_eq!(lines[1]["ok"], true);
}

#[test]
fn an_oversized_record_that_is_not_utf8_is_invalid_utf8() {
    let mut input = vec![b'a'; 70_000];
    input[65_000] = 0xC3; // a lead byte followed by an ASCII byte
    input.extend_from_slice(b"\n");
    let (_, lines) = check_json(WIN, &input);
    assert_eq!(only(&lines[0], "invalid_utf8")["offset"], 65_000);
}

/// Peak resident memory of a running process, in KiB (Linux).
fn peak_rss_kib(pid: u32) -> u64 {
    let status =
        std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Streams `total` bytes of `pattern` (repeated) and then `tail` into
/// `check`, and returns the child's peak memory measured while it is still
/// running (stdin open, every byte but the pipe's buffer consumed), with
/// its exit code and output.
fn stream(
    args: &[&str],
    pattern: &[u8],
    total: usize,
    tail: &[u8],
) -> (u64, i32, Vec<Value>) {
    let mut child = passpolicy()
        .args(["check", "--format", "json"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Whole copies of the pattern, so that no character is cut in two.
    let chunk: Vec<u8> = pattern.repeat((1 << 20) / pattern.len());
    let mut sent = 0;
    while sent < total {
        let n = chunk.len().min(total - sent);
        stdin.write_all(&chunk[..n]).unwrap();
        sent += n;
    }
    stdin.write_all(tail).unwrap();
    // write_all has returned: the child has read all but at most a pipe
    // buffer (64 KiB) of the input, so its peak memory is already known.
    let peak = peak_rss_kib(child.id());
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (peak, out.status.code().unwrap(), lines)
}

/// Generous bound on the checker's resident memory: the binary, its
/// tables and a 64 KiB record, far below the 100 MB a stored line needs.
const MAX_RSS_KIB: u64 = 32 * 1024;

#[test]
#[cfg(target_os = "linux")]
fn a_100_mb_line_is_too_long_in_bounded_memory() {
    let tail = format!("\n{GOOD}\n");
    let (peak, code, lines) = stream(WIN, b"a", 100_000_000, tail.as_bytes());
    assert!(peak < MAX_RSS_KIB, "peak RSS {peak} KiB");
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 2);
    let d = only(&lines[0], "too_long");
    assert_eq!(d["actual"], 100_000_000);
    assert_eq!(d["max"], 16);
    assert_eq!(d["unit"], "chars");
    assert_eq!(lines[1]["ok"], true);
}

#[test]
#[cfg(target_os = "linux")]
fn an_endless_stream_is_processed_in_constant_memory() {
    // 198 MB without a single separator: a record that never ends...
    let (peak, _, lines) = stream(WIN, "abc€".as_bytes(), 198_000_000, b"");
    assert!(peak < MAX_RSS_KIB, "peak RSS {peak} KiB");
    assert_eq!(only(&lines[0], "too_long")["actual"], 132_000_000);
    // ...and a million records, answered as they come.
    let record = format!("{GOOD}\n");
    let n = 1_000_000;
    let (peak, code, lines) = stream(
        &["-q", WIN[0], WIN[1]],
        record.as_bytes(),
        n * record.len(),
        b"",
    );
    assert!(peak < MAX_RSS_KIB, "peak RSS {peak} KiB");
    assert_eq!((code, lines.len()), (0, 0));
}

#[test]
fn policy_files_over_the_size_limit_are_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.yaml");
    let mut big = String::from(
        "id: big\nvendor: v\nproduct: p\nrules:\n  alphabet: [lower]\n  \
         deny:\n",
    );
    while big.len() < 2 * 1024 * 1024 {
        big.push_str("    - aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n");
    }
    std::fs::write(&path, &big).unwrap();
    // Refused by size before parsing, as the library does.
    let out = passpolicy()
        .arg("--policy-file")
        .arg(&path)
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("big.yaml: file is larger than the limit"),
        "{stderr}"
    );
}
