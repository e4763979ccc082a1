//! One module per subcommand; `run` dispatches.

mod check;
mod completions;
mod diff;
mod explain;
mod export;
mod generate;
mod import;
mod lint;
mod list;

use anyhow::{Context, Result};
use passpolicy::Catalog;

use crate::args::{Args, Command};

/// Runs the parsed command line and returns the exit status.
pub fn run(args: Args) -> Result<u8> {
    let catalog = load_catalog(&args)?;
    match args.command {
        Command::Explain(a) => explain::run(&catalog, &a),
        Command::Lint(a) => lint::run(&catalog, &a, args.override_builtin),
        Command::Completions { shell } => completions::run(shell),
        Command::List { format } => list::run(&catalog, format),
        Command::Check(a) => check::run(&catalog, &a),
        Command::Generate(a) => generate::run(&catalog, &a),
        Command::Import(a) => import::run(&a),
        Command::Export(a) => export::run(&catalog, &a),
        Command::Diff(a) => diff::run(&catalog, &a),
    }
}

/// Most policy files `--policy-file` and `--policy-dir` load at once.
const MAX_POLICY_FILES: usize = 10_000;

/// Most bytes of policy files loaded at once.
const MAX_POLICY_BYTES_TOTAL: u64 = 64 << 20;

/// Compiles the `-p` selections (all must hold), with `--user` when given.
fn compile(
    catalog: &Catalog,
    selection: &crate::args::Selection,
) -> Result<passpolicy::Checker> {
    let names: Vec<&str> =
        selection.policies.iter().map(String::as_str).collect();
    let variants = catalog.select(&names)?;
    let mut builder = passpolicy::Checker::builder();
    if let Some(user) = &selection.user {
        builder = builder.user(user);
    }
    Ok(builder.build(&variants)?)
}

/// The built-in policies plus those named by `--policy-file` and
/// `--policy-dir`.
fn load_catalog(args: &Args) -> Result<Catalog> {
    let mut catalog = Catalog::builtin();
    let mut files = args.policy_files.clone();
    for dir in &args.policy_dirs {
        let entries = std::fs::read_dir(dir).with_context(|| {
            format!("cannot read policy directory {}", dir.display())
        })?;
        let mut found = Vec::new();
        for entry in entries {
            let path = entry
                .with_context(|| {
                    format!("cannot read policy directory {}", dir.display())
                })?
                .path();
            let is_yaml =
                path.extension().is_some_and(|e| e == "yaml" || e == "yml");
            if is_yaml && path.is_file() {
                found.push(path);
            }
        }
        found.sort();
        files.extend(found);
    }
    if files.len() > MAX_POLICY_FILES {
        anyhow::bail!(
            "{} policy files named; at most {MAX_POLICY_FILES} are loaded at \
             once (point --policy-dir at a directory of policy files only)",
            files.len()
        );
    }
    let mut total = 0u64;
    for path in files {
        // Each file is bounded by the library (1 MiB); bound the sum too,
        // so a directory of many large files cannot exhaust memory.
        total += std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        if total > MAX_POLICY_BYTES_TOTAL {
            anyhow::bail!(
                "policy files add up to more than {} MiB (at {}); load fewer",
                MAX_POLICY_BYTES_TOTAL >> 20,
                path.display()
            );
        }
        let policy = passpolicy::load_file(&path)?;
        // The same policy loaded twice (e.g. `--policy-dir policies/` in
        // the repository) is harmless: keep one.
        if !args.override_builtin
            && catalog
                .get(policy.id())
                .is_some_and(|p| p.spec() == policy.spec())
        {
            continue;
        }
        if args.override_builtin {
            catalog.replace(policy);
        } else if let Err(e) = catalog.add(policy) {
            if matches!(e, passpolicy::Error::DuplicateId { .. }) {
                anyhow::bail!("{e} (pass --override-builtin to replace it)");
            }
            return Err(e.into());
        }
    }
    Ok(catalog)
}
