//! `--help` examples, usage errors, shell completions.

use crate::common::*;

#[test]
fn every_help_shows_an_example() {
    for cmd in ["list", "check", "explain", "lint", "completions", "man"] {
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

/// `--version` says how many policies are built in: as many as `list`
/// shows without policy files.
#[test]
fn version_counts_the_built_in_policies() {
    let count = run(&["list"], b"").stdout.lines().count();
    assert!(count >= 5);
    let expected = format!(
        "passpolicy {} ({count} built-in policies)\n",
        env!("CARGO_PKG_VERSION")
    );
    for flag in ["--version", "-V"] {
        let r = run(&[flag], b"");
        assert_eq!((r.code, r.stdout.as_str()), (OK, expected.as_str()));
    }
}

/// The manual pages come from the clap definition: the tool's names every
/// command and option, and each command has its own.
#[test]
fn man_pages_for_the_tool_and_each_command() {
    let r = run(&["man"], b"");
    assert_eq!(r.code, OK, "{}", r.stderr);
    assert!(r.stdout.starts_with(".ie \\n(.g .ds Aq"), "{}", r.stdout);
    assert!(r.stdout.contains(".TH passpolicy 1"), "{}", r.stdout);
    assert!(r.stdout.contains("built\\-in policies"), "{}", r.stdout);
    for option in ["policy\\-file", "policy\\-dir", "override\\-builtin"] {
        assert!(r.stdout.contains(option), "{option}");
    }
    let help = run(&["--help"], b"").stdout;
    for cmd in
        ["list", "explain", "lint", "man", "completions", "check", "generate"]
    {
        assert!(help.contains(&format!("  {cmd} ")), "{cmd}");
        let page = format!("passpolicy\\-{cmd}(1)");
        assert!(r.stdout.contains(&page), "{page} not named");
        let sub = run(&["man", cmd], b"");
        assert_eq!(sub.code, OK, "{}", sub.stderr);
        let title = format!(".TH passpolicy-{cmd} 1");
        assert!(sub.stdout.contains(&title), "{}", sub.stdout);
    }
    let check = run(&["man", "check"], b"").stdout;
    assert!(check.contains("\\-\\-policy"), "{check}");
    // Not a command: refused, and not repeated (it may be a password).
    let r = run(&["man", "Secr3t!Pass"], b"");
    assert_eq!(r.code, ERROR);
    assert!(!r.stderr.contains("Secr3t"), "{}", r.stderr);
    assert!(r.stderr.contains("the commands are: list, "), "{}", r.stderr);
}
