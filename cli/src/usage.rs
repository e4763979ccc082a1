//! Usage errors, printed without repeating what was typed where a
//! password could have been typed by mistake.
//!
//! `passpolicy check -p baidu-bcc 'Secr3t!Pass'` would otherwise print
//! `unexpected argument 'Secr3t!Pass' found`: the password, on a terminal
//! that may be recorded or shared. Unexpected arguments and unknown
//! subcommands are described instead; clap's other errors (which name
//! options and the values of options) are printed as clap writes them.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// Why a stray word is not repeated, and where passwords go instead.
const NOT_REPEATED: &str = "not repeated here, in case it is a password: \
passwords are read from standard input, one per line, never from the \
command line";

/// Prints a command-line error; returns the exit status.
pub fn report(e: &clap::Error) -> u8 {
    let what = match e.kind() {
        ErrorKind::UnknownArgument => "unexpected argument",
        ErrorKind::InvalidSubcommand => "unrecognized subcommand",
        _ => {
            let _ = e.print();
            return if e.use_stderr() {
                crate::EXIT_ERROR
            } else {
                crate::EXIT_OK
            };
        }
    };
    eprintln!("{}", render(e, what));
    crate::EXIT_ERROR
}

/// The message for an unexpected word: what kind of word, the
/// suggestion (a known option or subcommand name, safe to print) and the
/// usage line.
fn render(e: &clap::Error, what: &str) -> String {
    let mut out = format!("error: {what} ({NOT_REPEATED})\n");
    let suggestions =
        [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
            .into_iter()
            .filter_map(|k| e.get(k));
    for s in suggestions {
        let names = match s {
            ContextValue::String(s) => vec![s.clone()],
            ContextValue::Strings(v) => v.clone(),
            _ => continue,
        };
        for name in names {
            out.push_str(&format!(
                "\n  tip: a similar one exists: '{name}'\n"
            ));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        out.push_str(&format!("\n{usage}\n"));
    }
    out.push_str("\nFor more information, try '--help'.");
    out
}
