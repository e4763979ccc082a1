//! `passpolicy generate`: passwords every selected policy accepts.
//!
//! The passwords are drawn with the OS-seeded CSPRNG straight into a block
//! of whole lines that is written in one system call per 64 KiB and then
//! wiped (`lines.rs`); for JSON they are drawn into one zeroizing scratch
//! buffer and escaped into that block, not into a temporary string.

use std::io::Write;

use anyhow::{Result, bail};
use passpolicy::{Catalog, Generator};
use zeroize::Zeroizing;

use crate::args::{Format, GenerateArgs};
use crate::lines::{self, SecretLines};

/// The start of a JSON line, before the password.
const JSON_HEAD: &[u8] = b"{\"password\":";

pub fn run(catalog: &Catalog, args: &GenerateArgs) -> Result<u8> {
    let checker = super::compile(catalog, &args.selection)?;
    let generator = Generator::new(&checker)?;
    if args.format == Format::Text {
        refuse_controls(&generator)?;
    }
    // The entropy is over what is drawn: say so when that is fewer
    // characters than the policies allow (on stderr, as a note, so that
    // the passwords stay alone on stdout).
    if let Some(note) = generator.alphabet_note() {
        eprintln!("passpolicy: note: {note}");
    }
    let length = match (args.length, args.min_entropy) {
        (Some(n), _) => n,
        (None, Some(bits)) => {
            if !bits.is_finite() || bits < 0.0 {
                bail!("--min-entropy must be a non-negative number of bits");
            }
            generator.length_for_entropy(bits)?
        }
        (None, None) => generator.default_length()?,
    };
    let sampler = generator.sampler(length)?;
    let labels: Vec<&str> =
        checker.targets().iter().map(|t| t.label()).collect();
    // Rounded down, so the figure never claims more than the password has.
    let bits = (sampler.entropy_bits() * 100.0).floor() / 100.0;

    // The part of a JSON line after the password: the same every time.
    // `alphabet_size` is what the entropy is over; `alphabet_note` says why
    // it is fewer characters than the policies allow, when it is.
    let note = match generator.alphabet_note() {
        Some(n) => format!(",\"alphabet_note\":{}", serde_json::to_string(n)?),
        None => String::new(),
    };
    let json_tail = format!(
        ",\"length\":{},\"entropy_bits\":{:.2},\"alphabet_size\":{}{note},\"policies\":{}}}\n",
        sampler.len(),
        bits,
        generator.alphabet_len(),
        serde_json::to_string(&labels)?
    );
    let mut rng = rand::rng();
    let mut out = SecretLines::new(std::io::stdout().lock(), lines::BLOCK);
    // JSON escapes the password from here; wiped on drop. Text lines are
    // drawn straight into the output block (no copy, no allocation).
    let mut scratch = Zeroizing::new(vec![0u8; sampler.max_bytes()]);
    for _ in 0..args.count {
        match args.format {
            Format::Text => out.line(sampler.max_bytes() + 1, |room| {
                let n = sampler
                    .generate_into(&mut rng, room)
                    .map_err(std::io::Error::other)?
                    .len();
                // Past the password: the newline (a longer refused draw's
                // bytes beyond it stay in the block, which is wiped).
                let rest = std::mem::take(room);
                *room = &mut rest[n..];
                room.write_all(b"\n")
            })?,
            // JSON escapes a byte into at most 6 (`\u001b`).
            Format::Json => {
                let password = sampler
                    .generate_into(&mut rng, &mut scratch)
                    .map_err(std::io::Error::other)?;
                out.line(
                    JSON_HEAD.len() + 2 + 6 * password.len() + json_tail.len(),
                    |room| {
                        room.write_all(JSON_HEAD)?;
                        serde_json::to_writer(&mut *room, password)?;
                        room.write_all(json_tail.as_bytes())
                    },
                )?
            }
        }
    }
    out.flush()?;
    Ok(crate::EXIT_OK)
}

/// In line mode one password is one line: refuses policies whose drawn
/// alphabet has a control character or a line separator (JSON escapes
/// them, so `--format json` still works).
fn refuse_controls(generator: &Generator<'_>) -> Result<()> {
    let controls = crate::controls::in_set(generator.alphabet());
    if !controls.is_empty() {
        bail!(
            "the policies allow control characters ({}), which would break \
             one password per line; use --format json, which escapes them, \
             or take them out of the policy's alphabet",
            crate::controls::describe(&controls)
        );
    }
    Ok(())
}
