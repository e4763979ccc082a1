//! `passpolicy import passwordrules`: Apple's password rules as policy
//! files, one rule from the command line or every domain of Apple's quirks
//! file.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use passpolicy::interchange::{id_from_domain, import_passwordrules};

use crate::args::ImportArgs;

/// Largest quirks file read (Apple's is 64 KiB).
const MAX_QUIRKS_BYTES: u64 = 16 << 20;

pub fn run(args: &ImportArgs) -> Result<u8> {
    match (&args.quirks, &args.out) {
        (Some(file), Some(dir)) => quirks(file, dir),
        _ => one(args),
    }
}

fn one(args: &ImportArgs) -> Result<u8> {
    let (Some(rules), Some(id)) = (&args.rules, &args.id) else {
        bail!("give RULES and --id, or --quirks FILE --out DIR");
    };
    let imported = import_passwordrules(
        rules,
        id,
        args.vendor.as_deref(),
        args.product.as_deref(),
    )?;
    for n in &imported.notes {
        eprintln!("passpolicy: note: column {}: {}", n.column, n.message);
    }
    std::io::stdout().lock().write_all(imported.yaml.as_bytes())?;
    Ok(crate::EXIT_OK)
}

fn quirks(file: &Path, dir: &Path) -> Result<u8> {
    let size = std::fs::metadata(file)
        .with_context(|| format!("cannot read {}", file.display()))?
        .len();
    if size > MAX_QUIRKS_BYTES {
        bail!(
            "{} is {size} bytes; at most {} MiB are read",
            file.display(),
            MAX_QUIRKS_BYTES >> 20
        );
    }
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read {}", file.display()))?;
    let map: BTreeMap<String, serde_json::Value> = serde_json::from_str(&text)
        .with_context(|| {
            format!(
                "{}: expected a JSON object of domain → {{\"password-rules\": \
                 \"...\"}}",
                file.display()
            )
        })?;
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let mut refused: Vec<(String, String)> = Vec::new();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let mut converted = 0usize;
    for (domain, entry) in &map {
        let Some(rules) = entry.get("password-rules").and_then(|v| v.as_str())
        else {
            refused
                .push((domain.clone(), "no \"password-rules\" string".into()));
            continue;
        };
        let id = id_from_domain(domain);
        if let Some(other) = ids.get(&id) {
            refused.push((
                domain.clone(),
                format!("its id '{id}' is already taken by {other}"),
            ));
            continue;
        }
        let product = "website (Apple password-manager-resources quirk)";
        match import_passwordrules(rules, &id, Some(domain), Some(product)) {
            Ok(imported) => {
                let path = dir.join(format!("{id}.yaml"));
                std::fs::write(&path, imported.yaml).with_context(|| {
                    format!("cannot write {}", path.display())
                })?;
                ids.insert(id, domain.clone());
                converted += 1;
            }
            Err(e) => refused.push((domain.clone(), e.to_string())),
        }
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "converted {converted}, refused {} (of {} rules) into {}",
        refused.len(),
        map.len(),
        dir.display()
    )?;
    for (domain, why) in &refused {
        writeln!(out, "refused {domain}: {why}")?;
    }
    Ok(if refused.is_empty() { crate::EXIT_OK } else { crate::EXIT_REJECTED })
}
