//! No password in any output or error.

use crate::common::*;

/// Passwords that occur nowhere in the policies, the messages or the help.
const SECRETS: &[&str] = &[
    "Zq7!vX9#kLm2",    // accepted by most
    "hunter2-Secret",  // refused by some
    "/leadingSlash9A", // forbidden first character
    "пароль-Secret9",  // non-ASCII
    "tab\tinside1A!",  // control character
    "alicealiceQ1!",   // contains the --user name
    "ecilaReversed9!", // contains it reversed
    "xy",              // far too short
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", // far too long
];

#[test]
fn no_password_appears_in_any_output() {
    let newline: Vec<u8> =
        SECRETS.iter().flat_map(|s| format!("{s}\n").into_bytes()).collect();
    let nul: Vec<u8> =
        SECRETS.iter().flat_map(|s| format!("{s}\0").into_bytes()).collect();
    let mut runs: Vec<(Vec<&str>, &[u8])> = Vec::new();
    for format in ["text", "json"] {
        for lang in ["en", "zh"] {
            for policy in [
                "tencent-ecm",
                "tencent-cvm-v2",
                "huawei-clouddc",
                "baidu-bcc",
                "tencent-redis",
            ] {
                runs.push((
                    vec![
                        "check", "-p", policy, "--format", format, "--lang",
                        lang,
                    ],
                    &newline,
                ));
                runs.push((
                    vec![
                        "check", "-p", policy, "--format", format, "--lang",
                        lang, "--user", "alice",
                    ],
                    &newline,
                ));
            }
            let mut every = vec!["check", "--format", format, "--lang", lang];
            every.extend(FIVE);
            runs.push((every.clone(), &newline));
            every.push("-z");
            runs.push((every, &nul));
        }
    }
    runs.push((vec!["check", "-q", "-p", "baidu-bcc"], &newline));
    // Errors, with passwords waiting on stdin.
    runs.push((vec!["check", "-p", "tencent-cvm"], &newline));
    runs.push((vec!["check", "-p", "tencent-ecm/macos"], &newline));
    runs.push((vec!["check", "-p", "baidu-bcc", "--format", "xml"], &newline));
    // The commands that take no password must not echo stdin either.
    for args in [
        &["list"][..],
        &["list", "--format", "json"],
        &["explain", "tencent-ecm"],
        &["explain", "baidu-bcc", "--format", "json"],
        &["completions", "bash"],
    ] {
        runs.push((args.to_vec(), &newline));
    }
    for (args, stdin) in &runs {
        let r = run(args, stdin);
        assert!(r.code == OK || r.code == REJECTED || r.code == ERROR);
        for secret in SECRETS {
            assert!(
                !r.stdout.contains(secret),
                "{args:?} printed {secret:?} on stdout"
            );
            assert!(
                !r.stderr.contains(secret),
                "{args:?} printed {secret:?} on stderr"
            );
        }
    }
    // By the locale, in both formats, for two policies at once: one line
    // per password, and no raw tab either.
    let passwords = [
        "abc123ABC!@#",
        "Administrator-rotartsinimda",
        "Qwerty\u{e9}Passw0rd",
        "/LeadingSlash99",
        "NoDigitsHereAtAll",
        "zz\tTab9Pass!",
    ];
    let mut stdin = passwords.join("\n").into_bytes();
    stdin.push(b'\n');
    for lang in ["C", "zh_CN.UTF-8"] {
        for format in ["text", "json"] {
            let r = run_env(
                &[
                    "check",
                    "-p",
                    "huawei-clouddc",
                    "-p",
                    "tencent-redis",
                    "--format",
                    format,
                ],
                &stdin,
                &[("LC_ALL", lang)],
            );
            assert_eq!(r.code, REJECTED);
            let text = format!("{}{}", r.stdout, r.stderr);
            assert_eq!(text.lines().count(), passwords.len(), "{text}");
            for p in passwords {
                assert!(!text.contains(p), "{lang} {format} printed {p:?}");
            }
            assert!(!text.contains('\t'), "{lang} {format}: raw tab");
        }
    }
}

/// A password typed on the command line by mistake, as a stray argument,
/// an unknown subcommand or a policy id, is refused without being
/// repeated, and the message says where passwords go.
#[test]
fn a_password_typed_as_an_argument_is_not_echoed() {
    for secret in SECRETS {
        let runs: [Vec<&str>; 6] = [
            vec!["check", "-p", "baidu-bcc", secret],
            vec!["check", secret, "-p", "baidu-bcc"],
            vec!["check", "-p", "baidu-bcc", "--", secret],
            vec!["generate", "-p", "baidu-bcc", secret],
            vec![secret],
            vec!["check", "-p", secret],
        ];
        for args in &runs {
            let r = run(args, b"");
            assert_eq!(r.code, ERROR, "{args:?}");
            assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
            assert!(!r.stderr.contains(secret), "{args:?}: {}", r.stderr);
            let hint = if args.contains(&"-p")
                && args.last() == Some(secret)
                && args[args.len() - 2] == "-p"
            {
                "not repeated, in case it is a password"
            } else {
                "passwords are read from standard input"
            };
            assert!(r.stderr.contains(hint), "{args:?}: {}", r.stderr);
        }
    }
    // A word starting with `-` is an unknown option to clap; it is not
    // repeated either (clap would print the first two characters).
    let r = run(&["check", "-p", "baidu-bcc", "-Secr3t!Pass"], b"");
    assert_eq!(r.code, ERROR);
    assert!(!r.stderr.contains("-S"), "{}", r.stderr);
    // A near miss is still named, with the suggestion.
    let r = run(&["check", "-p", "baidu-bcc", "--frmat", "json"], b"");
    assert_eq!(r.code, ERROR);
    assert!(r.stderr.contains("'--format'"), "{}", r.stderr);
}
