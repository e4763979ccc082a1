//! `passpolicy explain`: the rule in plain words, generated from the
//! compiled policies by the library's `Catalog::explain`.

use std::io::Write;

use anyhow::{Result, bail};
use passpolicy::Catalog;

use crate::args::{ExplainArgs, Format, LangArg};

pub fn run(catalog: &Catalog, args: &ExplainArgs) -> Result<u8> {
    let names: Vec<&str> =
        args.names.iter().chain(&args.policies).map(String::as_str).collect();
    if names.is_empty() {
        bail!(
            "no policy named; e.g. `passpolicy explain tencent-cvm-v2/windows` \
             (`passpolicy list` shows the ids)"
        );
    }
    let explanation = catalog.explain_with(
        &names,
        &super::params(&args.params)?,
        LangArg::resolve(args.lang),
    )?;
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Text => write!(out, "{explanation}")?,
        Format::Json => {
            serde_json::to_writer(&mut out, &explanation)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(crate::EXIT_OK)
}
