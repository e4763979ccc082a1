//! Runs N checks of one fixed password, for instruction counts under
//! callgrind: per-check cost = (total(N2) − total(N1)) / (N2 − N1), which
//! cancels start-up and compiling the policy.
//!
//! ```text
//! cargo build --release --example callgrind_check
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/callgrind_check tencent-cvm-v2/windows 1000
//! ```
//!
//! Arguments: `POLICY[,POLICY...] N [accepted|rejected|long] [check|accepts]`:
//! the last one measures `Checker::accepts` (yes or no, no verdict) instead
//! of `check`. `rule:KIND` instead of the policies checks the one-rule
//! policy of that kind, built from YAML text (`benches/check/rule_kinds.rs`;
//! `rule:list` lists them). The passwords are built in (16 characters, the accepted one
//! passes every seed policy; `long` is the accepted one repeated to 1 KiB),
//! so no secret ever goes on a command line.

use std::hint::black_box;
use std::process::ExitCode;

use passpolicy::{Catalog, Checker, Error};

#[path = "../benches/check/rule_kinds.rs"]
mod rule_kinds;

/// Accepted by all five seed policies: lower, upper, digits and symbols
/// every one of them allows, no user name, no leading `/`.
const ACCEPTED: &str = "kQ7$vX2m!pL9zR@a";
/// Lower-case only: refused for missing classes by every seed policy.
const REJECTED: &str = "qwhzkmrtpxvbnsdf";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "rule:list") {
        for kind in rule_kinds::RULE_KINDS {
            println!("rule:{}", kind.name);
        }
        return ExitCode::SUCCESS;
    }
    let (Some(policies), Some(n)) =
        (args.first(), args.get(1).and_then(|n| n.parse::<u64>().ok()))
    else {
        eprintln!(
            "usage: callgrind_check POLICY[,POLICY...] N \
             [accepted|rejected|long] [check|accepts]"
        );
        return ExitCode::from(2);
    };
    let long = ACCEPTED.repeat(1024 / ACCEPTED.len());
    let password = match args.get(2).map(String::as_str) {
        None | Some("accepted") => ACCEPTED,
        Some("rejected") => REJECTED,
        Some("long") => long.as_str(),
        Some(other) => {
            eprintln!("unknown shape {other:?}: accepted, rejected or long");
            return ExitCode::from(2);
        }
    };
    let checker = match compile(policies) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    // The loop does nothing but check: the verdict goes to `black_box` by
    // value, as a caller receives it (which keeps it from being optimised
    // away), rather than through `is_ok`, whose cost is the caller's.
    if args.get(3).is_some_and(|a| a == "accepts") {
        for _ in 0..n {
            black_box(checker.accepts(black_box(password)));
        }
    } else {
        for _ in 0..n {
            black_box(checker.check(black_box(password)));
        }
    }
    let ok = checker.check(password).is_ok();
    println!("{n} checks; {}", if ok { "accepted" } else { "rejected" });
    ExitCode::SUCCESS
}

/// The checker of `POLICY[,POLICY...]`, or of `rule:KIND`.
fn compile(policies: &str) -> Result<Checker, String> {
    if let Some(name) = policies.strip_prefix("rule:") {
        let kind = rule_kinds::RULE_KINDS
            .iter()
            .find(|k| k.name == name)
            .ok_or_else(|| format!("no rule kind {name:?} (see rule:list)"))?;
        // A mistake in the table: show the file it made.
        return rule_kinds::checker(kind).map_err(|e: Error| {
            format!("{e}\n{}", rule_kinds::policy_yaml(kind))
        });
    }
    let names: Vec<&str> = policies.split(',').collect();
    Catalog::builtin().checker(&names).map_err(|e| e.to_string())
}
