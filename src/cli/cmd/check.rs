//! `passpolicy check`: one verdict per password read from standard input.

use std::io::{BufWriter, Write};

use anyhow::{Result, bail};
use passpolicy::{Catalog, Checker, Lang, Verdict};

use crate::args::{CheckArgs, Format};
use crate::input::Records;

pub fn run(catalog: &Catalog, args: &CheckArgs) -> Result<u8> {
    let names: Vec<&str> = args.policies.iter().map(String::as_str).collect();
    let variants = catalog.select(&names)?;
    let mut builder = Checker::builder();
    if let Some(user) = &args.user {
        builder = builder.user(user.clone());
    }
    let checker = builder.build(&variants)?;
    let lang = Lang::from_env();

    let stdin = std::io::stdin();
    let mut records =
        Records::new(stdin.lock(), if args.null { 0 } else { b'\n' });
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut index = 0u64;
    let mut rejected = false;
    while let Some(record) = records.next_record()? {
        if args.quiet {
            // Only the exit status is wanted: no verdict to build.
            rejected |= !checker.accepts_bytes(record);
        } else {
            let verdict = checker.check_bytes(record);
            rejected |= !verdict.is_ok();
            write_verdict(
                &mut out,
                &checker,
                &verdict,
                index,
                args.format,
                lang,
            )?;
        }
        index += 1;
    }
    out.flush()?;
    if index == 0 {
        bail!(
            "no password on standard input; pipe them one per line, e.g. \
             `printf '%s\\n' \"$PASSWORD\" | passpolicy check -p ID`"
        );
    }
    Ok(if rejected { crate::EXIT_REJECTED } else { crate::EXIT_OK })
}

fn write_verdict(
    out: &mut impl Write,
    checker: &Checker,
    verdict: &Verdict,
    index: u64,
    format: Format,
    lang: Lang,
) -> Result<()> {
    match format {
        Format::Text if verdict.is_ok() => out.write_all(b"ok\n")?,
        Format::Text => {
            let parts: Vec<String> = checker
                .violations(verdict)
                .iter()
                .map(|v| {
                    format!("{} {}: {}", v.policy, v.code, v.message(lang))
                })
                .collect();
            writeln!(out, "rejected: {}", parts.join("; "))?;
        }
        Format::Json => {
            let violations: Vec<serde_json::Value> = checker
                .violations(verdict)
                .iter()
                .map(|v| {
                    serde_json::json!({
                        "code": v.code,
                        "policy": v.policy,
                        "vendor_code": v.vendor_code,
                        "message": v.message(lang),
                        "detail": v.detail,
                    })
                })
                .collect();
            let line = serde_json::json!({
                "index": index,
                "ok": verdict.is_ok(),
                "violations": violations,
            });
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}
