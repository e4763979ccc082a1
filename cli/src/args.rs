//! The command line, as clap types.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Check passwords against cloud vendors' API password rules, before the
/// API call, and generate passwords they are sure to accept.
#[derive(Debug, Parser)]
#[command(
    name = "passpolicy",
    version,
    about,
    after_help = "Examples:\n  passpolicy list\n  \
passpolicy explain tencent-cvm-v2/windows --lang zh\n  \
printf '%s\\n' \"$PASSWORD\" | passpolicy check -p tencent-cvm-v2 -p baidu-bcc\n  \
passpolicy lint my-policy.yaml\n\n\
Exit status: 0 success (every password accepted), 1 a password was rejected, \
2 usage, policy or I/O error.\nThe contract scripts rely on: docs/cli.md."
)]
pub struct Args {
    /// Load an extra policy file beside the built-in ones (repeatable).
    #[arg(long = "policy-file", global = true, value_name = "FILE")]
    pub policy_files: Vec<PathBuf>,
    /// Load every *.yaml / *.yml file in a directory (repeatable).
    #[arg(long = "policy-dir", global = true, value_name = "DIR")]
    pub policy_dirs: Vec<PathBuf>,
    /// Let loaded policies replace built-in ones with the same id.
    #[arg(long, global = true)]
    pub override_builtin: bool,
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the known policies: id, variants, vendor, product.
    #[command(after_help = "Example:\n  passpolicy list --format json")]
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Explain policies in plain words: the rule, its source, the vendor
    /// error code, limits and the document's recorded ambiguities.
    #[command(
        after_help = "Examples:\n  passpolicy explain tencent-cvm-v2/windows --lang zh\n  \
passpolicy explain tencent-cvm-v2 baidu-bcc --format json\n\n\
Several policies are explained one by one, then what all of them together \
require."
    )]
    Explain(ExplainArgs),
    /// Validate policy files; every problem is reported as FILE:LINE:COLUMN.
    #[command(after_help = "Example:\n  passpolicy lint policies/*.yaml\n\n\
Exit status: 0 every file is valid (prints `FILE: ok`), 2 any problem.")]
    Lint(LintArgs),
    /// Print a manual page (roff), generated from this command line: the
    /// tool's, or a command's (`passpolicy-check(1)`).
    #[command(
        after_help = "Examples:\n  passpolicy man > passpolicy.1 && man ./passpolicy.1\n  \
passpolicy man check > passpolicy-check.1"
    )]
    Man {
        /// The command whose page to print (default: the tool's).
        #[arg(value_name = "COMMAND")]
        command: Option<String>,
    },
    /// Print a shell completion script.
    #[command(after_help = "Example:\n  passpolicy completions bash > \
~/.local/share/bash-completion/completions/passpolicy")]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    // `--help` (long help) also says how the terminal prompt works.
    #[command(
        after_long_help = "Example:\n  printf 'abc123ABC!@#\\n' | passpolicy check -p tencent-cvm-v2/windows\n\n\
Exit status: 0 all accepted, 1 any rejected, 2 usage/policy/I-O error.\n\
On a terminal with nothing piped in, it asks for one password without echo, \
twice (to confirm).\n\
Passwords are never taken from the command line and never printed."
    )]
    /// Check passwords read from standard input, one per line.
    #[command(
        after_help = "Example:\n  printf 'abc123ABC!@#\\n' | passpolicy check -p tencent-cvm-v2/windows\n\n\
Exit status: 0 all accepted, 1 any rejected, 2 usage/policy/I-O error.\n\
Passwords are never taken from the command line and never printed."
    )]
    Check(CheckArgs),
    /// Generate passwords every selected policy accepts, uniformly at
    /// random, one per line.
    #[command(
        after_help = "Example:\n  passpolicy generate -p tencent-cvm-v2/windows --count 5 --format json\n\n\
Length: --length N, or the shortest allowed length reaching --min-entropy \
BITS, or by default 16 moved into the policies' bounds.\n\
Exit status: 0 generated, 2 usage/policy error (e.g. policies that no \
password satisfies together; the message says which requirements clash)."
    )]
    Generate(GenerateArgs),
    /// Convert a rule written in another language into a policy file.
    #[command(after_help = "Examples:\n  passpolicy import passwordrules \
'minlength: 8; required: lower; required: digit;' --id my-site\n  \
passpolicy import passwordrules --quirks password-rules.json --out policies/\n\n\
Exit status: 0 converted, 1 some quirks refused (the rest written), \
2 error (the rule is malformed or no password meets it).")]
    Import(ImportArgs),
    /// Print a selection's rules in another format (passwordrules,
    /// terraform, pwquality, json).
    #[command(
        after_help = "Example:\n  passpolicy export -p tencent-cvm-v2/windows \
--format passwordrules\n\n\
Where the format cannot say what the policy says, the export is stricter \
and each tightening is listed on stderr.\n\
Exit status: 0 exported, 2 error."
    )]
    Export(ExportArgs),
    /// Compare two selections exactly: equal, A ⊂ B, A ⊃ B, overlapping or
    /// disjoint, with the count of passwords only one side accepts and a
    /// generated example.
    #[command(
        after_help = "Examples:\n  passpolicy diff tencent-cvm-v2/windows \
tencent-cvm-v2/linux\n  passpolicy diff --a tencent-cvm-v2/linux --b tencent-cvm-v2/windows \
--b baidu-bcc --format json\n\n\
Counts are exact (from the generator's counting automaton) over lengths 0 to \
1024. Examples are generated passwords, not secrets.\n\
Exit status: 0 equal, 1 different, 2 error."
    )]
    Diff(DiffArgs),
}

/// Arguments of `diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// Side A and side B, one policy ref each (ID or ID/VARIANT).
    #[arg(value_name = "REF", num_args = 0..=2)]
    pub refs: Vec<String>,
    /// A policy of side A (repeatable; all must hold).
    #[arg(long = "a", value_name = "REF")]
    pub a: Vec<String>,
    /// A policy of side B (repeatable; all must hold).
    #[arg(long = "b", value_name = "REF")]
    pub b: Vec<String>,
    /// User name for the user-name rules (default: each variant's accounts).
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// Also give the counts per length.
    #[arg(long)]
    pub by_length: bool,
    /// Output format (json: one object).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Message language (default: from LC_ALL / LC_MESSAGES / LANG).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The language of the rule.
    #[arg(value_enum)]
    pub from: ImportFormat,
    /// The rule text (a rule, not a password).
    #[arg(
        value_name = "RULES",
        required_unless_present = "quirks",
        conflicts_with = "quirks"
    )]
    pub rules: Option<String>,
    /// Policy id of the imported rule.
    #[arg(long, value_name = "ID", required_unless_present = "quirks")]
    pub id: Option<String>,
    /// Vendor name (default: the id).
    #[arg(long, value_name = "V", conflicts_with = "quirks")]
    pub vendor: Option<String>,
    /// Product name.
    #[arg(long, value_name = "P", conflicts_with = "quirks")]
    pub product: Option<String>,
    /// Apple's quirks/password-rules.json: one policy per domain.
    #[arg(long, value_name = "FILE", requires = "out", conflicts_with = "id")]
    pub quirks: Option<PathBuf>,
    /// Directory the quirks' policy files are written to.
    #[arg(long, value_name = "DIR", requires = "quirks")]
    pub out: Option<PathBuf>,
}

/// Languages `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Apple's password rules language (Safari, iCloud Keychain, HTML
    /// `passwordrules`).
    Passwordrules,
}

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The policies (all must hold).
    #[command(flatten)]
    pub selection: Selection,
    /// The format to print.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
}

/// Formats `export` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Apple's password rules language.
    Passwordrules,
    /// A Terraform `random_password` resource (HCL).
    Terraform,
    /// `pwquality.conf` lines for a Linux image.
    Pwquality,
    /// The compiled rules as one JSON document (docs/rules-export.schema.json).
    Json,
}

/// The policies a password must satisfy, shared by `check` and `generate`.
#[derive(Debug, clap::Args)]
pub struct Selection {
    /// Policy as ID or ID/VARIANT; repeat for several (all must hold).
    #[arg(
        short = 'p',
        long = "policy",
        required = true,
        value_name = "POLICY"
    )]
    pub policies: Vec<String>,
    /// User name for the user-name rules (default: each variant's accounts).
    #[arg(long, value_name = "NAME", value_parser = user_name)]
    pub user: Option<String>,
    /// A policy parameter, NAME=VALUE (repeatable; `explain ID` lists a
    /// policy's parameters and their defaults).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// Display name for the display-name rules (windows-ad's displayName).
    #[arg(long, value_name = "NAME", value_parser = display_name)]
    pub display_name: Option<String>,
}

/// Refuses an empty or blank `--display-name`, as `--user`.
fn display_name(name: &str) -> Result<String, String> {
    if name.trim().is_empty() {
        return Err("the display name is empty or blank (an unset shell \
                    variable?); give the account's display name, or leave \
                    out --display-name"
            .into());
    }
    Ok(name.to_string())
}

/// Refuses an empty or blank `--user`: an unset shell variable would
/// otherwise turn every user-name rule off (fail open).
fn user_name(name: &str) -> Result<String, String> {
    if name.trim().is_empty() {
        return Err("the user name is empty or blank (an unset shell \
                    variable?); give the account name, or leave out --user \
                    to use each variant's own accounts"
            .into());
    }
    Ok(name.to_string())
}

/// Arguments of `generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// The policies and user name.
    #[command(flatten)]
    pub selection: Selection,
    /// Password length, in characters.
    #[arg(long, value_name = "N", conflicts_with = "min_entropy")]
    pub length: Option<u32>,
    /// Use the shortest allowed length with at least this much entropy.
    #[arg(long, value_name = "BITS")]
    pub min_entropy: Option<f64>,
    /// How many passwords to print.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub count: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The policies and user name.
    #[command(flatten)]
    pub selection: Selection,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Records are separated by NUL instead of newline.
    #[arg(short = 'z', long = "null")]
    pub null: bool,
    /// Print nothing; only the exit status tells.
    #[arg(short, long)]
    pub quiet: bool,
    /// Message language (default: from LC_ALL / LC_MESSAGES / LANG).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// Arguments of `explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// Policy as ID or ID/VARIANT; several are explained together.
    #[arg(value_name = "POLICY")]
    pub names: Vec<String>,
    /// Policy as ID or ID/VARIANT, like the positional form (repeatable).
    #[arg(short = 'p', long = "policy", value_name = "POLICY")]
    pub policies: Vec<String>,
    /// A policy parameter, NAME=VALUE (repeatable).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
    /// Language (default: from LC_ALL / LC_MESSAGES / LANG, else en).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Arguments of `lint`.
#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// Policy files to validate.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// The clap definition, with a version line that also says how many
/// policies are built in (`passpolicy 0.1.0 (14 built-in policies)`).
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let count = passpolicy::Catalog::builtin_sources().count();
    let version =
        format!("{} ({count} built-in policies)", env!("CARGO_PKG_VERSION"));
    // clap keeps `&'static str`s; this is built once per run.
    Args::command().version(&*Box::leak(version.into_boxed_str()))
}

/// Message languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

impl LangArg {
    /// The language to use: the flag, else the locale.
    pub fn resolve(lang: Option<LangArg>) -> passpolicy::Lang {
        match lang {
            Some(LangArg::En) => passpolicy::Lang::En,
            Some(LangArg::Zh) => passpolicy::Lang::Zh,
            None => passpolicy::Lang::from_env(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        Args::command().debug_assert();
    }
}
