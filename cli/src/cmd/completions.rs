//! `passpolicy completions SHELL`: a completion script from the clap
//! definition, so it can never disagree with the real options.

use anyhow::Result;
use clap_complete::Shell;

pub fn run(shell: Shell) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    clap_complete::generate(
        shell,
        &mut crate::args::command(),
        "passpolicy",
        &mut out,
    );
    Ok(crate::EXIT_OK)
}
