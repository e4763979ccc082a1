//! `--help` examples, usage errors, shell completions.

use crate::common::*;

#[test]
fn every_help_shows_an_example() {
    for cmd in ["list", "check", "explain", "lint", "completions"] {
        let r = run(&[cmd, "--help"], b"");
        assert_eq!(r.code, OK);
        assert!(
            r.stdout.contains("Example"),
            "{cmd} --help has no example:\n{}",
            r.stdout
        );
    }
    let r = run(&["--help"], b"");
    assert_eq!(r.code, OK);
    for cmd in ["list", "check", "explain", "lint", "completions"] {
        assert!(r.stdout.contains(cmd));
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["frobnicate"][..],
        &["check"],
        &["check", "-p", "baidu-bcc", "--format", "xml"],
        &["explain", "baidu-bcc", "--lang", "fr"],
    ] {
        let r = run(args, b"x\n");
        assert_eq!(r.code, ERROR, "{args:?}");
        assert!(!r.stderr.is_empty());
    }
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let r = run(&["completions", shell], b"");
        assert_eq!(r.code, OK);
        assert!(r.stdout.contains("passpolicy"));
        assert!(r.stdout.contains("explain"), "{shell}");
    }
}
