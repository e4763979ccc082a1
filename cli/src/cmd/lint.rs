//! `passpolicy lint FILE...`: validate policy files and report every
//! problem, each with FILE:LINE:COLUMN where the position is known.
//!
//! A file is read, parsed and validated exactly as `--policy-file` would
//! load it (same size limit, same UTF-8 rule, same compiler), then each of
//! its variants is compiled into a checker on its own, so that a file that
//! lints clean also loads and checks. Ids that clash with the catalog or
//! with another linted file are problems too, unless `--override-builtin`.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;
use passpolicy::{Catalog, Checker, Error, Location, Policy};
use serde::Serialize;

use crate::args::{Format, LintArgs};

/// One problem, as printed and as serialized for `--format json`.
#[derive(Debug, Serialize)]
struct Finding {
    line: Option<usize>,
    column: Option<usize>,
    field: Option<String>,
    message: String,
}

impl Finding {
    fn at(location: &Location, message: impl Into<String>) -> Finding {
        Finding {
            line: location.line,
            column: location.column,
            field: location.field.clone(),
            message: message.into(),
        }
    }

    fn plain(message: impl Into<String>) -> Finding {
        Finding {
            line: None,
            column: None,
            field: None,
            message: message.into(),
        }
    }
}

pub fn run(
    catalog: &Catalog,
    args: &LintArgs,
    override_builtin: bool,
) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    let mut any = false;
    // Ids defined by the files linted so far, to report clashes between
    // them as well as with the catalog.
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for path in &args.files {
        let file = path.display().to_string();
        let mut warnings = Vec::new();
        let findings = match passpolicy::load_file(path) {
            Ok(policy) => {
                warnings = control_warnings(&policy);
                let mut f = compile_variants(&policy);
                f.extend(
                    clash(catalog, &seen, &policy, override_builtin)
                        .map(|c| at_id_line(c, path)),
                );
                seen.insert(policy.id().to_string(), file.clone());
                f
            }
            Err(e) => findings_of(&e),
        };
        any |= !findings.is_empty();
        match args.format {
            Format::Text => {
                for f in &warnings {
                    writeln!(out, "{}", render(&file, f))?;
                }
                if findings.is_empty() {
                    writeln!(out, "{file}: ok")?;
                }
                for f in &findings {
                    writeln!(out, "{}", render(&file, f))?;
                }
            }
            Format::Json => {
                let mut line = serde_json::json!({
                    "file": file,
                    "ok": findings.is_empty(),
                    "problems": findings,
                });
                // Only when there are some: the schema of a file without
                // warnings stays as it was.
                if !warnings.is_empty() {
                    line["warnings"] = serde_json::json!(warnings);
                }
                writeln!(out, "{line}")?;
            }
        }
    }
    out.flush()?;
    Ok(if any { crate::EXIT_ERROR } else { crate::EXIT_OK })
}

/// `FILE:LINE:COLUMN: FIELD: MESSAGE`, leaving out what is unknown.
fn render(file: &str, f: &Finding) -> String {
    let mut s = file.to_string();
    if let Some(line) = f.line {
        s.push_str(&format!(":{line}"));
        if let Some(column) = f.column {
            s.push_str(&format!(":{column}"));
        }
    }
    if let Some(field) = &f.field {
        s.push_str(&format!(": {field}"));
    }
    s.push_str(": ");
    s.push_str(&f.message);
    s
}

fn findings_of(e: &Error) -> Vec<Finding> {
    match e {
        Error::Invalid(problems) => problems
            .iter()
            .map(|p| Finding::at(&p.location, p.message.clone()))
            .collect(),
        Error::Syntax { location, message } => {
            vec![Finding::at(location, message.clone())]
        }
        Error::Io { source, .. } => {
            vec![Finding::plain(format!("cannot read: {source}"))]
        }
        other => vec![Finding::plain(other.to_string())],
    }
}

/// Warnings (the file is still valid): control characters in a
/// variant's alphabet, which nobody can type and which `generate` refuses
/// in line mode.
fn control_warnings(policy: &Policy) -> Vec<Finding> {
    let mut out = Vec::new();
    for v in policy.variants() {
        let controls = crate::controls::in_set(&v.rules().alphabet);
        if controls.is_empty() {
            continue;
        }
        let mut f = Finding::plain(format!(
            "warning: the alphabet has control characters ({}); they \
             cannot be typed, and `generate` refuses them unless \
             --format json",
            crate::controls::describe(&controls)
        ));
        f.field = Some(match v.name() {
            Some(n) => format!("variants.{n}"),
            None => "rules.alphabet".into(),
        });
        out.push(f);
    }
    out
}

/// Compiles each variant alone: the limits of the compiled checker (class
/// bits, user-name patterns) are only known there.
fn compile_variants(policy: &Policy) -> Vec<Finding> {
    let mut out = Vec::new();
    for v in policy.variants() {
        if let Err(e) = Checker::new(&[v]) {
            let mut f = Finding::plain(e.to_string());
            f.field = v.name().map(|n| format!("variants.{n}"));
            out.push(f);
        }
    }
    out
}

/// Points a finding about the id at the file's top-level `id:` line. The
/// file was just read and parsed; the read is bounded all the same, in
/// case it changed in between.
fn at_id_line(mut f: Finding, path: &std::path::Path) -> Finding {
    use std::io::Read;
    let mut bytes = Vec::new();
    if let Ok(file) = std::fs::File::open(path) {
        let limit = passpolicy::MAX_POLICY_BYTES as u64;
        let _ = file.take(limit).read_to_end(&mut bytes);
    }
    let text = String::from_utf8_lossy(&bytes);
    if let Some(n) = text.lines().position(|l| l.starts_with("id:")) {
        f.line = Some(n + 1);
        f.column = Some(1);
    }
    f
}

fn clash(
    catalog: &Catalog,
    seen: &BTreeMap<String, String>,
    policy: &Policy,
    override_builtin: bool,
) -> Option<Finding> {
    if override_builtin {
        return None;
    }
    // Linting the repository's own `policies/*.yaml` is not a clash: the
    // built-in policy with that id is the same policy.
    let other = catalog.get(policy.id()).filter(|p| p.spec() != policy.spec());
    let first = seen
        .get(policy.id())
        .cloned()
        .or_else(|| other.map(|p| p.origin().to_string()))?;
    let mut f = Finding::plain(format!(
        "policy id '{}' is already defined by {first}; rename it, or pass \
         --override-builtin to replace the other definition",
        policy.id()
    ));
    f.field = Some("id".into());
    Some(f)
}
