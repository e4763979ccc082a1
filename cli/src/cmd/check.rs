//! `passpolicy check`: one verdict per password read from standard input.

use std::io::{BufWriter, Write};

use anyhow::{Result, bail};
use passpolicy::{Catalog, Lang, Violation};

use crate::args::{CheckArgs, Format};
use crate::input::{MAX_RECORD_BYTES, Record, Records};

pub fn run(catalog: &Catalog, args: &CheckArgs) -> Result<u8> {
    let checker = super::compile(catalog, &args.selection)?;
    let lang = crate::args::LangArg::resolve(args.lang);

    let stdin = std::io::stdin();
    // On a terminal with nothing piped in, the one password typed (twice,
    // without echo) is the only record; it is wiped when `typed` drops.
    let typed = std::io::IsTerminal::is_terminal(&stdin)
        .then(crate::prompt::read_twice)
        .transpose()?;
    let input: Box<dyn std::io::BufRead> = match &typed {
        Some(password) => Box::new(&password[..]),
        None => Box::new(stdin.lock()),
    };
    let mut records = Records::new(input, if args.null { 0 } else { b'\n' });
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut index = 0u64;
    let mut rejected = false;
    while let Some(record) = records.next_record()? {
        let (ok, violations) = match record {
            // Only the exit status is wanted: no verdict to build.
            Record::Password(bytes) if args.quiet => {
                (checker.accepts_bytes(bytes), vec![])
            }
            Record::Password(bytes) => {
                let ok = checker.check_bytes(bytes).is_ok();
                // Explaining allocates: only for refused passwords.
                (ok, if ok { vec![] } else { checker.violations(bytes) })
            }
            Record::Oversized(o) => (
                false,
                checker.oversized_violations(&o, MAX_RECORD_BYTES as u32),
            ),
        };
        rejected |= !ok;
        if !args.quiet {
            write_verdict(
                &mut out,
                ok,
                &violations,
                index,
                args.format,
                lang,
            )?;
        }
        index += 1;
    }
    out.flush()?;
    if index == 0 && args.null {
        bail!(
            "no password on standard input; with -z each ends with a NUL \
             byte, e.g. `printf '%s\\0' \"$PASSWORD\" | passpolicy check -z \
             -p ID`"
        );
    }
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
    ok: bool,
    violations: &[Violation<'_>],
    index: u64,
    format: Format,
    lang: Lang,
) -> Result<()> {
    match format {
        Format::Text if ok => out.write_all(b"ok\n")?,
        Format::Text => {
            let parts: Vec<String> = violations
                .iter()
                .map(|v| {
                    format!("{} {}: {}", v.policy, v.code, v.message(lang))
                })
                .collect();
            // Messages contain `;` and `,`, never ` | ` (a character they
            // quote stands alone between quotes: `'|'`).
            writeln!(out, "rejected: {}", parts.join(" | "))?;
        }
        Format::Json => {
            let violations: Vec<serde_json::Value> = violations
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
                "ok": ok,
                "violations": violations,
            });
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}
