//! One module per subcommand; `run` dispatches.

mod check;
mod generate;
mod list;

use anyhow::{Context, Result};
use passpolicy::Catalog;

use crate::args::{Args, Command};

/// Runs the parsed command line and returns the exit status.
pub fn run(args: Args) -> Result<u8> {
    let catalog = load_catalog(&args)?;
    match args.command {
        Command::List { format } => list::run(&catalog, format),
        Command::Check(a) => check::run(&catalog, &a),
        Command::Generate(a) => generate::run(&catalog, &a),
    }
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
    for path in files {
        let policy = passpolicy::load_file(&path)?;
        if args.override_builtin {
            catalog.replace(policy);
        } else {
            catalog.add(policy)?;
        }
    }
    Ok(catalog)
}
