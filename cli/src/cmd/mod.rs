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
mod man;

use anyhow::Result;
use passpolicy::Catalog;

use crate::args::{Args, Command};

/// Runs the parsed command line and returns the exit status.
pub fn run(args: Args) -> Result<u8> {
    let catalog = load_catalog(&args)?;
    match args.command {
        Command::Explain(a) => explain::run(&catalog, &a),
        Command::Lint(a) => lint::run(&catalog, &a, args.override_builtin),
        Command::Completions { shell } => completions::run(shell),
        Command::Man { command } => man::run(command.as_deref()),
        Command::List { format } => list::run(&catalog, format),
        Command::Check(a) => check::run(&catalog, &a),
        Command::Generate(a) => generate::run(&catalog, &a),
        Command::Import(a) => import::run(&a),
        Command::Export(a) => export::run(&catalog, &a),
        Command::Diff(a) => diff::run(&catalog, &a),
    }
}

/// Compiles the `-p` selections (all must hold), with `--user` when given.
fn compile(
    catalog: &Catalog,
    selection: &crate::args::Selection,
) -> Result<passpolicy::Checker> {
    let names: Vec<&str> =
        selection.policies.iter().map(String::as_str).collect();
    let variants = catalog
        .select_with(&names, &params(&selection.params)?)
        .map_err(selection_error)?;
    let refs: Vec<&passpolicy::Variant> = variants.iter().collect();
    let mut builder = passpolicy::Checker::builder();
    if let Some(user) = &selection.user {
        builder = builder.user(user);
    }
    if let Some(name) = &selection.display_name {
        builder = builder.display_name(name);
    }
    Ok(builder.build(&refs)?)
}

/// A selection error, with the option that helps: the library's message
/// names none (it is not only the CLI's).
fn selection_error(e: passpolicy::Error) -> anyhow::Error {
    match e {
        passpolicy::Error::UnknownParameter { ref known, .. }
            if known.is_empty() =>
        {
            anyhow::anyhow!("{e}; leave out --param")
        }
        e => e.into(),
    }
}

/// The `--param NAME=VALUE` options as the library's values.
fn params(given: &[String]) -> Result<passpolicy::Params> {
    let mut params = passpolicy::Params::new();
    for p in given {
        params.set_assignment(p)?;
    }
    Ok(params)
}

/// The built-in policies plus those named by `--policy-file` and
/// `--policy-dir` (the library loads them, within its limits); the
/// errors get the options that help.
fn load_catalog(args: &Args) -> Result<Catalog> {
    use passpolicy::{Error, OnDuplicate};
    let mut catalog = match needed_builtins(args) {
        Some(ids) => Catalog::builtin_only(&ids),
        None => Catalog::builtin(),
    };
    let on_duplicate = if args.override_builtin {
        OnDuplicate::Replace
    } else {
        OnDuplicate::Refuse
    };
    match catalog.load_paths(
        &args.policy_files,
        &args.policy_dirs,
        on_duplicate,
    ) {
        Ok(()) => Ok(catalog),
        Err(e @ Error::DuplicateId { .. }) => {
            anyhow::bail!("{e} (pass --override-builtin to replace it)")
        }
        Err(e @ Error::TooManyPolicyFiles { .. }) => anyhow::bail!(
            "{e} (point --policy-dir at a directory of policy files only)"
        ),
        Err(e) => Err(e.into()),
    }
}

/// The built-in ids a `check` or `generate` names, when they are all the
/// catalog it can use: every name is a built-in's, and no file is loaded
/// (a loaded file's id must be checked against every built-in one). Such
/// a run parses those policies only; otherwise (a name to suggest others
/// for, say) the whole catalog is loaded, and every message is as before.
fn needed_builtins(args: &Args) -> Option<Vec<&str>> {
    if !args.policy_files.is_empty() || !args.policy_dirs.is_empty() {
        return None;
    }
    let selection = match &args.command {
        Command::Check(a) => &a.selection,
        Command::Generate(a) => &a.selection,
        _ => return None,
    };
    let ids: Vec<&str> = selection
        .policies
        .iter()
        .map(|name| name.split_once('/').map_or(name.as_str(), |(id, _)| id))
        .collect();
    let builtin =
        |id: &&str| Catalog::builtin_sources().any(|(b, _)| b == *id);
    (!ids.is_empty() && ids.iter().all(builtin)).then_some(ids)
}
