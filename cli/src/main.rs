//! The `passpolicy` command-line tool. It uses only the library's public
//! API; see `docs/cli.md` for the contract scripts depend on.

mod args;
mod cmd;
mod input;
mod oversized;
mod prompt;

use std::process::ExitCode;

use clap::Parser;

/// Exit status: every password accepted.
const EXIT_OK: u8 = 0;
/// Exit status: at least one password rejected.
const EXIT_REJECTED: u8 = 1;
/// Exit status: usage, policy or I/O error.
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let args = match args::Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cmd::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::from(EXIT_OK);
            }
            eprintln!("passpolicy: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// A reader that closed our stdout (`| head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
