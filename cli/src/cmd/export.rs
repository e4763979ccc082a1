//! `passpolicy export -p POLICY --format F`: a selection's rules in a
//! format other tools read. The output is never looser than the policies:
//! where the format cannot say something, the export is stricter and each
//! tightening is listed on stderr. Every export says which passpolicy
//! version and policies produced it.

use std::io::Write;

use anyhow::{Result, bail};
use passpolicy::interchange::{
    export_json, export_passwordrules, export_pwquality, export_terraform,
    import_passwordrules,
};
use passpolicy::{Catalog, Checker, Policy, Relation, compare};

use crate::args::{ExportArgs, ExportFormat};

pub fn run(catalog: &Catalog, args: &ExportArgs) -> Result<u8> {
    let checker = super::compile(catalog, &args.selection)?;
    let origin = origin(catalog, &args.selection.policies);
    // What the policies themselves do not model cannot be exported either.
    for r in &args.selection.policies {
        let id = r.split('/').next().unwrap_or(r);
        let gaps = catalog.get(id).and_then(|p| p.spec().source.as_ref());
        for gap in gaps.map(|s| s.gaps.as_slice()).unwrap_or_default() {
            eprintln!(
                "passpolicy: {id}: not modelled, so not exported: {gap}"
            );
        }
    }
    match args.format {
        ExportFormat::Passwordrules => {
            let export = export_passwordrules(&checker)?;
            verify(catalog, args, &export.rules.to_string())?;
            // A rule string has no comment syntax: the provenance goes to
            // stderr with the tightenings.
            eprintln!("passpolicy: {origin}");
            for t in &export.tightenings {
                eprintln!("passpolicy: tightened: {t}");
            }
            writeln!(std::io::stdout().lock(), "{}", export.rules)?;
        }
        ExportFormat::Terraform => {
            let tf = export_terraform(&checker)?;
            for t in &tf.tightenings {
                eprintln!("passpolicy: tightened: {t}");
            }
            let name: String = args
                .selection
                .policies
                .join("_")
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            let mut out = std::io::stdout().lock();
            writeln!(out, "# {origin}")?;
            writeln!(
                out,
                "# Every password random_password can produce with these \
                 arguments is accepted by the policies."
            )?;
            out.write_all(tf.to_hcl(&name).as_bytes())?;
        }
        ExportFormat::Pwquality => {
            let conf = export_pwquality(&checker)?;
            for t in &conf.tightenings {
                eprintln!("passpolicy: tightened: {t}");
            }
            for u in &conf.unexpressed {
                eprintln!("passpolicy: not enforced by pwquality: {u}");
            }
            let text = conf.to_conf(&origin);
            std::io::stdout().lock().write_all(text.as_bytes())?;
        }
        ExportFormat::Json => {
            // The document carries the version; the policies' provenance
            // goes to stderr like the other formats'.
            eprintln!("passpolicy: {origin}");
            let doc = serde_json::to_string(&export_json(&checker))?;
            writeln!(std::io::stdout().lock(), "{doc}")?;
        }
    }
    Ok(crate::EXIT_OK)
}

/// Fails closed unless the exported rule, read back, is contained in the
/// selection (exactly, by `compare`): a rule of the policy language the
/// export does not know would otherwise be dropped without a word.
fn verify(catalog: &Catalog, args: &ExportArgs, text: &str) -> Result<()> {
    let back = import_passwordrules(text, "exported", None, None)?;
    let names: Vec<&str> =
        args.selection.policies.iter().map(String::as_str).collect();
    let bound = catalog
        .select_with(&names, &super::params(&args.selection.params)?)
        .map_err(super::selection_error)?;
    let mut original: Vec<&passpolicy::Variant> = bound.iter().collect();
    // The export is printable ASCII only, so being inside the selection is
    // being inside its printable-ASCII part; adding that restriction keeps
    // a selection with a huge alphabet (`unicode`) countable.
    let ascii = Policy::from_yaml(
        "id: printable-ascii\nvendor: passpolicy\nproduct: export check\n\
         rules:\n  alphabet: [ascii_printable]\n",
        "<export check>",
    )?;
    original.push(&ascii.variants()[0]);
    let mut builder = Checker::builder();
    if let Some(user) = &args.selection.user {
        builder = builder.user(user);
    }
    if let Some(name) = &args.selection.display_name {
        builder = builder.display_name(name);
    }
    let c = compare(&builder, &[&back.policy.variants()[0]], &original)?;
    if !matches!(c.relation(), Relation::Subset | Relation::Equal) {
        bail!(
            "internal error: the exported rule accepts {} passwords the \
             policies refuse; nothing exported",
            c.only_a()
        );
    }
    Ok(())
}

/// "exported by passpolicy 0.1.0 from tencent-cvm-v2/windows
/// (<builtin>/tencent-cvm-v2.yaml, updated …, spec …)".
fn origin(catalog: &Catalog, refs: &[String]) -> String {
    let parts: Vec<String> = refs
        .iter()
        .map(|r| {
            let id = r.split('/').next().unwrap_or(r);
            match catalog.get(id) {
                Some(p) => {
                    let source = p.metadata().source.as_ref();
                    let dates: String = [
                        ("updated", source.and_then(|s| s.updated.as_deref())),
                        ("read", source.and_then(|s| s.read.as_deref())),
                    ]
                    .iter()
                    .filter_map(|(k, v)| v.map(|v| format!(", {k} {v}")))
                    .collect();
                    format!(
                        "{r} ({}{dates}, spec {:016x})",
                        p.origin(),
                        fingerprint(&format!("{:?}", p.spec()))
                    )
                }
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
