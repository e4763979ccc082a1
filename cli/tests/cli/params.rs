//! `--param NAME=VALUE` and `--display-name` (issue 11): the issue's
//! example, every kind of bad parameter, and the parameters in `explain`.

use crate::common::*;

const MYSQL: &str = "mysql-validate-password";

#[test]
fn the_issue_example_refuses_a_dictionary_word() {
    let dir = tempfile::tempdir().unwrap();
    let words = write(dir.path(), "words.txt", "password\n");
    let args = [
        "check",
        "-p",
        MYSQL,
        "--param",
        "policy=STRONG",
        "--param",
        &format!("dictionary_file={words}"),
        "--user",
        "app",
    ];
    let r = run(&args, b"MyPassword1!\n");
    assert_eq!(r.code, REJECTED, "{}", r.stderr);
    assert!(r.stdout.contains("dictionary_word"), "{}", r.stdout);
    assert!(
        !r.stdout.contains("MyPassword1!")
            && !r.stderr.contains("MyPassword1!")
    );
    // Without STRONG, the same password is accepted.
    let r = run(&["check", "-p", MYSQL, "--user", "app"], b"MyPassword1!\n");
    assert_eq!((r.code, r.stdout.as_str()), (OK, "ok\n"), "{}", r.stderr);
    // JSON names the code too.
    let mut json = args.to_vec();
    json.extend(["--format", "json"]);
    let r = run(&json, b"MyPassword1!\nMyPassw0rd1!\n");
    let lines = r.json_lines();
    assert_eq!(lines[0]["ok"], false);
    assert_eq!(lines[0]["violations"][0]["code"], "dictionary_word");
    assert_eq!(lines[1]["ok"], true);
}

#[test]
fn generated_passwords_pass_with_the_same_parameters() {
    let dir = tempfile::tempdir().unwrap();
    let words = write(dir.path(), "words.txt", "abcd\nqwer\n1234\n");
    let file = format!("dictionary_file={words}");
    let params = [
        "-p",
        MYSQL,
        "--param",
        "policy=2",
        "--param",
        &file,
        "--param",
        "length=12",
        "--user",
        "app",
    ];
    let mut gen_args = vec!["generate", "--count", "50"];
    gen_args.extend(params);
    let g = run(&gen_args, b"");
    assert_eq!(g.code, OK, "{}", g.stderr);
    assert_eq!(g.stdout.lines().count(), 50);
    assert!(g.stdout.lines().all(|l| l.chars().count() >= 12));
    let mut check_args = vec!["check"];
    check_args.extend(params);
    let c = run(&check_args, g.stdout.as_bytes());
    assert_eq!(c.code, OK, "{}{}", c.stdout, c.stderr);
}

#[test]
fn bad_parameters_exit_2_naming_the_parameter() {
    for (param, wants) in [
        (
            "lenght=12",
            &[
                "no parameter 'lenght'",
                "did you mean length?",
                "Parameters: policy, length",
            ][..],
        ),
        (
            "policy=EXTREME",
            &[
                "parameter 'policy' of mysql-validate-password",
                "LOW, MEDIUM, STRONG (0 = LOW, 1 = MEDIUM, 2 = STRONG); any case",
            ][..],
        ),
        (
            "length=-1",
            &["parameter 'length'", "an integer from 0 to 1000"][..],
        ),
        ("check_user_name=maybe", &["ON or OFF"][..]),
        ("no-equals", &["NAME=VALUE"][..]),
        ("dictionary_file=/no/such/words.txt", &["/no/such/words.txt"][..]),
    ] {
        let r = run(&["check", "-p", MYSQL, "--param", param], b"x\n");
        assert_eq!(r.code, ERROR, "{param}: {}", r.stderr);
        for want in wants {
            assert!(r.stderr.contains(want), "{param}: {}", r.stderr);
        }
        assert!(r.stdout.is_empty());
    }
    // A value is never repeated: it may be a password typed in the wrong
    // place.
    let r = run(&["check", "-p", MYSQL, "--param", "policy=Hunter2!"], b"x\n");
    assert_eq!(r.code, ERROR);
    assert!(!r.stderr.contains("Hunter2!"), "{}", r.stderr);
    // A policy without parameters takes none.
    let r =
        run(&["check", "-p", "tencent-cvm", "--param", "length=8"], b"x\n");
    assert_eq!(r.code, ERROR);
    assert!(
        r.stderr.contains("tencent-cvm has no parameters"),
        "{}",
        r.stderr
    );
    // Twice is an error, not "the last one wins".
    let r = run(
        &["explain", MYSQL, "--param", "length=9", "--param", "length=10"],
        b"",
    );
    assert_eq!(r.code, ERROR);
    assert!(r.stderr.contains("more than once"), "{}", r.stderr);
    // Too large a file, and one that is not UTF-8.
    let dir = tempfile::tempdir().unwrap();
    let big = write(dir.path(), "big.txt", &"a".repeat((1 << 20) + 1));
    let r = run(
        &["check", "-p", MYSQL, "--param", &format!("dictionary_file={big}")],
        b"x\n",
    );
    assert_eq!(r.code, ERROR);
    assert!(r.stderr.contains("exceeds the limit of 1048576"), "{}", r.stderr);
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"caf\xe9\n").unwrap();
    let arg = format!("dictionary_file={}", latin1.display());
    let r = run(&["check", "-p", MYSQL, "--param", &arg], b"x\n");
    assert_eq!(r.code, ERROR);
    assert!(r.stderr.contains("not UTF-8"), "{}", r.stderr);
    assert!(r.stderr.contains("latin1.txt"), "{}", r.stderr);
}

#[test]
fn explain_shows_values_and_defaults() {
    let r = run(&["explain", MYSQL, "--param", "policy=strong"], b"");
    assert_eq!(r.code, OK, "{}", r.stderr);
    for want in [
        "parameter policy = STRONG (given; default MEDIUM; takes LOW, MEDIUM, STRONG",
        "parameter length = 8 (the default; takes an integer from 0 to 1000)",
        "parameter dictionary_file = unset (the default; takes the path of a UTF-8 text file",
        "must not be the user name or it spelled backwards, byte for byte",
    ] {
        assert!(r.stdout.contains(want), "{want}\n{}", r.stdout);
    }
    let r = run(&["explain", MYSQL, "--format", "json"], b"");
    let v: Value = serde_json::from_str(r.stdout.trim()).unwrap();
    let p = &v["variants"][0]["parameters"];
    assert_eq!(p[0]["name"], "policy");
    assert_eq!(p[0]["value"], "MEDIUM");
    assert_eq!(p[0]["default"], "MEDIUM");
    assert_eq!(p[0]["given"], false);
    assert_eq!(p[0]["kind"], "enum");
}

#[test]
fn display_names_are_checked_and_blank_ones_refused() {
    let r = run(
        &[
            "check",
            "-p",
            "windows-ad",
            "--user",
            "jdoe",
            "--display-name",
            "Al Li-Jones",
        ],
        b"Jones#2024x\nAl#Li2024x\n",
    );
    assert_eq!(r.code, REJECTED, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[0].contains("contains_display_name"), "{}", r.stdout);
    assert_eq!(lines[1], "ok", "Al and Li are shorter than 3");
    let r =
        run(&["check", "-p", "windows-ad", "--display-name", "  "], b"x\n");
    assert_eq!(r.code, ERROR);
    assert!(
        r.stderr.contains("display name is empty or blank"),
        "{}",
        r.stderr
    );
}
