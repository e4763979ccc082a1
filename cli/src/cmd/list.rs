//! `passpolicy list`.

use std::io::Write;

use anyhow::Result;
use passpolicy::Catalog;

use crate::args::Format;

pub fn run(catalog: &Catalog, format: Format) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    for p in catalog.policies() {
        let variants = p.variant_names();
        match format {
            Format::Text => {
                let v = if variants.is_empty() {
                    "-".to_string()
                } else {
                    variants.join(",")
                };
                writeln!(
                    out,
                    "{:<16} {:<15} {:<16} {}",
                    p.id(),
                    v,
                    // Text from the policy file: no control or bidi
                    // character reaches the terminal.
                    passpolicy::escape_for_terminal(p.vendor()),
                    passpolicy::escape_for_terminal(p.product())
                )?;
            }
            Format::Json => {
                let line = serde_json::json!({
                    "id": p.id(),
                    "variants": variants,
                    "vendor": p.vendor(),
                    "product": p.product(),
                    "origin": p.origin(),
                });
                writeln!(out, "{line}")?;
            }
        }
    }
    out.flush()?;
    Ok(crate::EXIT_OK)
}
