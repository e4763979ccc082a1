//! `passpolicy export -p POLICY --format F`: a selection's rules in a
//! format other tools read. The output is never looser than the policies:
//! where the format cannot say something, the export is stricter and each
//! tightening is listed on stderr. Every export says which passpolicy
//! version and policies produced it.

use std::io::Write;

use anyhow::Result;
use passpolicy::Catalog;
use passpolicy::interchange::export_passwordrules;

use crate::args::{ExportArgs, ExportFormat};

pub fn run(catalog: &Catalog, args: &ExportArgs) -> Result<u8> {
    let checker = super::compile(catalog, &args.selection)?;
    let origin = origin(catalog, &args.selection.policies);
    match args.format {
        ExportFormat::Passwordrules => {
            let export = export_passwordrules(&checker)?;
            // A rule string has no comment syntax: the provenance goes to
            // stderr with the tightenings.
            eprintln!("passpolicy: {origin}");
            for t in &export.tightenings {
                eprintln!("passpolicy: tightened: {t}");
            }
            writeln!(std::io::stdout().lock(), "{}", export.rules)?;
        }
    }
    Ok(crate::EXIT_OK)
}

/// "exported by passpolicy 0.1.0 from tencent-cvm-v2/windows
/// (<builtin>/tencent-cvm-v2.yaml, updated …, spec …)".
fn origin(catalog: &Catalog, refs: &[String]) -> String {
    let parts: Vec<String> = refs
        .iter()
        .map(|r| {
            let id = r.split('/').next().unwrap_or(r);
            match catalog.get(id) {
                Some(p) => format!(
                    "{r} ({}, updated {}, spec {:016x})",
                    p.origin(),
                    p.spec()
                        .source
                        .as_ref()
                        .and_then(|s| s.updated.as_deref())
                        .unwrap_or("?"),
                    fingerprint(&format!("{:?}", p.spec()))
                ),
                None => r.clone(),
            }
        })
        .collect();
    format!(
        "exported by passpolicy {} from {}",
        env!("CARGO_PKG_VERSION"),
        parts.join(", ")
    )
}

/// FNV-1a of the parsed policy: two exports from the same policy content
/// carry the same fingerprint, whatever the file's comments or layout.
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
