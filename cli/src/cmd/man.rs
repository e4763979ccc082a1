//! `passpolicy man [COMMAND]`: manual pages in roff, generated from the
//! clap definition (`clap_mangen`), so they can never disagree with the
//! real options. `passpolicy.1` is the tool's page and names one page per
//! command, `passpolicy-check(1)` and so on, which `man COMMAND` prints.

use anyhow::{Result, bail};

pub fn run(command: Option<&str>) -> Result<u8> {
    let tool = crate::args::command();
    let page = match command {
        None => tool,
        Some(name) => {
            let Some(sub) = tool.find_subcommand(name) else {
                let names: Vec<&str> =
                    tool.get_subcommands().map(|c| c.get_name()).collect();
                // Not repeated: it may be a password typed by mistake.
                bail!(
                    "no such command (not repeated, in case it is a \
                     password); the commands are: {}.",
                    names.join(", ")
                );
            };
            let full = format!("passpolicy-{}", sub.get_name());
            let version = tool.get_version().unwrap_or_default();
            sub.clone()
                .name(&*Box::leak(full.into_boxed_str()))
                .version(&*Box::leak(version.to_string().into_boxed_str()))
        }
    };
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(page).render(&mut out)?;
    std::io::Write::flush(&mut out)?;
    Ok(crate::EXIT_OK)
}
