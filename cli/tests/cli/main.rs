//! The `passpolicy` binary end to end, in one test binary: every command,
//! every exit status, the JSON schemas of `docs/cli.md`, bad policy files
//! and bad input, the terminal prompt, and proof that no password ever
//! reaches stdout or stderr. `common` holds what the modules share.

mod common;

mod check;
mod docs;
mod generate;
mod help;
mod input;
mod interchange;
mod list_explain;
mod params;
mod policies;
mod secrecy;
mod terminal;
