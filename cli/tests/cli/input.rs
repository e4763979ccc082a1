//! Password input, the bad-input suite: every class of malformed input to
//! `passpolicy check` gets its documented outcome (a verdict; processing
//! goes on), in bounded memory. The rules are documented in
//! `cli/src/input.rs`: 64 KiB per record (longer ones are measured, not
//! stored, and refused as `too_long`), CR kept unless before LF, BOM and
//! NUL are ordinary characters, invalid UTF-8 is `invalid_utf8`.

use std::io::Write;
use std::process::Stdio;

use crate::common::*;

const WIN: &[&str] = &["-p", "tencent-cvm-v2/windows"];
/// Accepted by tencent-cvm-v2/windows.
const WIN_GOOD: &str = "abc123ABC!@#";

/// Invalid UTF-8 is `invalid_utf8` at its offset, and the next records
/// are checked as usual.
#[test]
fn invalid_utf8_is_rejected_and_processing_continues() {
    let input = format!("Abc12345!\u{1}\n{WIN_GOOD}\n").into_bytes();
    let mut input = input.clone();
    input[9] = 0xFF;
    let (code, lines) = check_json(WIN, &input);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 2);
    let d = only(&lines[0], "invalid_utf8");
    assert_eq!(d["offset"], 9);
    assert_eq!(lines[1]["ok"], true);

    let (code, v) = check_json(
        &["-p", "baidu-bcc"],
        b"Abcd123!\nAbc\xffd123!\nAbcd123!\n",
    );
    assert_eq!(code, 1);
    assert_eq!(v.len(), 3);
    assert_eq!(v[0]["ok"], true);
    assert_eq!(v[1]["ok"], false);
    assert_eq!(codes(&v[1]), ["invalid_utf8"]);
    assert_eq!(v[2]["ok"], true);
    assert_eq!(v[2]["index"], 2);
}

/// NUL is an ordinary (refused) character with newline separators; with
/// `-z` it separates records, and a newline is then part of one.
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

    // A newline inside a record is a character outside the alphabet, at
    // its position; the last record needs no separator.
    let (code, v) = check_json(
        &["-z", WIN[0], WIN[1]],
        b"abc123ABC!@#\0abc123\nABC!@#\0short",
    );
    assert_eq!(code, 1);
    assert_eq!(v.len(), 3, "the last record needs no separator");
    assert_eq!(v[0]["ok"], true);
    assert_eq!(codes(&v[1]), ["disallowed_character"]);
    assert_eq!(v[1]["violations"][0]["detail"]["position"], 7);
    assert_eq!(v[1]["violations"][0]["detail"]["ch"], "U+000A");
    assert!(codes(&v[2]).contains(&"too_short".to_string()));

    // In text form too, on both variants.
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

/// A `\r` is removed only right before the `\n`; elsewhere, and at the
/// end of a last record without a newline, it is a refused character. A
/// last record without a newline counts.
#[test]
fn cr_is_stripped_only_before_lf() {
    let input = format!("{WIN_GOOD}\r\nabc123\rABC!@\n{WIN_GOOD}\r");
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

    // CRLF throughout, all accepted: exit 0.
    let (code, lines, stderr) =
        check(&["-p", "tencent-cvm-v2"], b"abc123ABC!@#\r\nabc123ABC!@$");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(lines, ["ok", "ok"]);
    let args = ["check", "-p", "tencent-cvm-v2"];
    let r = run(&args, format!("{GOOD}\r\n{GOOD}\r\n").as_bytes());
    assert_eq!((r.code, r.stdout.as_str()), (OK, "ok\nok\n"));
    // A last line without a newline counts.
    let r = run(&args, format!("{GOOD}\nshort").as_bytes());
    assert_eq!(r.code, REJECTED);
    assert_eq!(r.stdout.lines().count(), 2);
}

#[test]
fn a_lone_surrogate_in_wtf8_is_invalid_utf8() {
    let mut input = b"\xed\xa0\x80".to_vec();
    input.extend_from_slice(WIN_GOOD.as_bytes());
    input.extend_from_slice(b"\nabc\xed\xbf\xbf\n");
    let (code, lines) = check_json(WIN, &input);
    assert_eq!(code, 1);
    assert_eq!(only(&lines[0], "invalid_utf8")["offset"], 0);
    assert_eq!(only(&lines[1], "invalid_utf8")["offset"], 3);
}

#[test]
fn a_bom_is_part_of_the_first_password() {
    let input = format!("\u{FEFF}{WIN_GOOD}\n{WIN_GOOD}\n");
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
fn no_maximum_is_null_in_check_json_as_in_explain() {
    // One convention for "no maximum": `null`, never 4294967295.
    let dir = tempfile::tempdir().unwrap();
    let policy_file = write(
        dir.path(),
        "nomax.yaml",
        "id: nomax\nvendor: v\nproduct: p\nrules:\n  length: { min: 8 }\n  \
         alphabet: [lower]\n",
    );
    let (code, lines) =
        check_json(&["--policy-file", &policy_file, "-p", "nomax"], b"abc\n");
    assert_eq!(code, 1);
    let v = violations(&lines[0]);
    assert_eq!(v[0].0, "too_short");
    assert_eq!(v[0].1["min"], 8);
    assert!(v[0].1["max"].is_null(), "{}", lines[0]);
}

#[test]
fn records_over_64_kib_are_too_long_for_every_policy() {
    // Just over the limit, with a policy that has no maximum of its own:
    // the tool's limit is what refuses it, and it says so in bytes.
    let dir = tempfile::tempdir().unwrap();
    let policy_file = write(
        dir.path(),
        "nomax.yaml",
        "id: nomax\nvendor: v\nproduct: p\nrules:\n  alphabet: [ascii_printable]\n",
    );
    let mut input = "é".repeat(40_000).into_bytes();
    input.extend_from_slice(format!("\n{WIN_GOOD}\n").as_bytes());
    let (code, lines) = check_json(
        &["--policy-file", &policy_file, "-p", "nomax", "-p", "tencent-redis"],
        &input,
    );
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
    let mut child = command()
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
    let tail = format!("\n{WIN_GOOD}\n");
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
    let record = format!("{WIN_GOOD}\n");
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
    let r = run(&["--policy-file", path.to_str().unwrap(), "list"], b"");
    assert_eq!(r.code, ERROR);
    let stderr = r.stderr;
    assert!(
        stderr.contains("big.yaml: file is larger than the limit"),
        "{stderr}"
    );
}
