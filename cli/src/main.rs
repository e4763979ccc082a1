//! The `passpolicy` command-line tool. It uses only the library's public
//! API; see `docs/cli.md` for the contract scripts depend on.

mod args;
mod cmd;
mod controls;
mod input;
mod lines;
mod prompt;
mod usage;

use std::process::ExitCode;

use clap::Parser;

/// Exit status: every password accepted.
const EXIT_OK: u8 = 0;
/// Exit status: at least one password rejected.
const EXIT_REJECTED: u8 = 1;
/// Exit status: usage, policy or I/O error.
const EXIT_ERROR: u8 = 2;
/// Exit status: standard output was closed before the command finished
/// (`check ... | head -1`), so some results were never delivered (for
/// `check`, later passwords were never checked). 128 + SIGPIPE, what a
/// shell reports for a program killed by a broken pipe; never 0, so it
/// cannot be read as "all accepted".
const EXIT_BROKEN_PIPE: u8 = 141;
/// Exit status: Ctrl-C at the password prompt (128 + SIGINT).
const EXIT_INTERRUPTED: u8 = 130;

fn main() -> ExitCode {
    let args = match args::Args::try_parse() {
        Ok(args) => args,
        Err(e) => return ExitCode::from(usage::report(&e)),
    };
    match cmd::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if e.is::<prompt::Interrupted>() {
                // Ctrl-C at the prompt: as quiet as a shell's ^C.
                return ExitCode::from(EXIT_INTERRUPTED);
            }
            if is_broken_pipe(&e) {
                // Quiet: the reader chose to stop; the status tells.
                return ExitCode::from(EXIT_BROKEN_PIPE);
            }
            eprintln!("passpolicy: {}", message(&e));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// A reader closed our stdout (`| head`).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The error and its causes, each cause once: library errors often say
/// their cause already ("p.yaml: Is a directory (os error 21)"), and
/// `{:#}` would repeat it after a colon.
fn message(e: &anyhow::Error) -> String {
    let mut out = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !out.contains(&cause) {
            out.push_str(": ");
            out.push_str(&cause);
        }
    }
    out
}
