//! `passpolicy check`: one verdict per password read from standard input.

use std::io::{BufWriter, Write};

use anyhow::{Result, bail};
use passpolicy::{
    Catalog, Checker, Lang, Violation, write_check_json, write_check_text,
};

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
    let (index, rejected) = if args.quiet {
        quiet(&checker, &mut records)?
    } else {
        report(&checker, &mut records, &mut out, args.format, lang)?
    };
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

/// Only the exit status is wanted: no verdict to build, nothing written.
/// Returns the number of records and whether any was refused.
fn quiet<R: std::io::Read>(
    checker: &Checker,
    records: &mut Records<R>,
) -> Result<(u64, bool)> {
    let (mut index, mut all_ok) = (0u64, true);
    while let Some(record) = records.next_record()? {
        all_ok &= match record {
            Record::Password(bytes) => checker.accepts_bytes(bytes),
            Record::Oversized(_) => false,
        };
        index += 1;
    }
    Ok((index, !all_ok))
}

/// One line per record. Returns the number of records and whether any was
/// refused.
fn report<R: std::io::Read>(
    checker: &Checker,
    records: &mut Records<R>,
    out: &mut impl Write,
    format: Format,
    lang: Lang,
) -> Result<(u64, bool)> {
    let (mut index, mut rejected) = (0u64, false);
    // One line buffer for the whole run: it grows to the longest line and
    // is reused, so a line costs no allocation. It never holds the
    // password (violations and their text do not).
    let mut line = String::new();
    // Likewise the violations of refused passwords: their room is reused.
    let mut found = Vec::new();
    let mut text = checker.text_lines(lang);
    while let Some(record) = records.next_record()? {
        line.clear();
        // A line from violations listed, in the chosen format.
        let write =
            |line: &mut String, ok, found: &[Violation<'_>]| match format {
                Format::Text => write_check_text(line, ok, found, lang),
                Format::Json => {
                    write_check_json(line, Some(index), ok, found, lang)
                }
            };
        let ok = match record {
            Record::Password(bytes) if checker.check_bytes(bytes).is_ok() => {
                write(&mut line, true, &[]);
                true
            }
            // Explaining costs more than checking: only for refused
            // passwords. Text is written from the report, without the
            // violations for most; it is refused by the check whatever
            // the report says (the two agree: the library tests it).
            Record::Password(bytes) if matches!(format, Format::Text) => {
                text.write(bytes, &mut line);
                false
            }
            Record::Password(bytes) => {
                checker.violations_into(bytes, &mut found);
                write(&mut line, false, &found);
                false
            }
            Record::Oversized(o) => {
                let found =
                    checker.oversized_violations(&o, MAX_RECORD_BYTES as u32);
                write(&mut line, false, &found);
                false
            }
        };
        rejected |= !ok;
        line.push('\n');
        out.write_all(line.as_bytes())?;
        index += 1;
    }
    Ok((index, rejected))
}
