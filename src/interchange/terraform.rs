//! A selection → the arguments of Terraform's `random_password` such that
//! *every* password Terraform can produce with them is accepted.
//!
//! Terraform's algorithm (`internal/random/string.go` of
//! hashicorp/terraform-provider-random, `CreateString`, read at 04572027):
//! for each of the four classes it draws `min_*` characters from that
//! class's fixed string (`0-9`, `a-z`, `A-Z`, and `override_special` or
//! `!@#$%&*()-_=+[]{}<>:?`) — even when the class's toggle is off — then
//! `length − Σ min` characters from the union of the enabled classes, then
//! reorders them by sorting on random bytes. Any character drawn can
//! therefore land anywhere, so:
//!
//! - a class toggle is on only when its whole fixed string is usable;
//!   every other usable character goes into `override_special`, which
//!   Terraform treats as one more pool;
//! - forbidden first or last characters are not used at all;
//! - a requirement ("K of N classes", "M of a class") is met by a `min_*`
//!   whose pool lies inside the class; a run limit by a length no longer
//!   than the limit; a refused value by a length it does not have.
//!
//! What cannot be met that way is an error, not an unsafe export.

use std::fmt::Write as _;

use super::apple_export::{
    Builder, ExportError, ascii_bits, bit, show, targets,
};
use super::passwordrules::{DIGIT, LOWER, UPPER};
use crate::{Checker, DEFAULT_LENGTH};

/// The arguments of a `random_password` resource.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TerraformPassword {
    /// `length`.
    pub length: u32,
    /// `upper`: draw from A–Z.
    pub upper: bool,
    /// `lower`: draw from a–z.
    pub lower: bool,
    /// `numeric`: draw from 0–9.
    pub numeric: bool,
    /// `special`: draw from `override_special`.
    pub special: bool,
    /// `override_special` (empty: not set, and `special` is false).
    pub override_special: String,
    /// `min_upper`.
    pub min_upper: u32,
    /// `min_lower`.
    pub min_lower: u32,
    /// `min_numeric`.
    pub min_numeric: u32,
    /// `min_special`.
    pub min_special: u32,
    /// How the arguments are stricter than the policies.
    pub tightenings: Vec<String>,
}

/// Terraform's four pools: (argument name, characters, enabled).
fn pools(t: &TerraformPassword) -> [(&'static str, u128, bool); 4] {
    let special = t.override_special.chars().fold(0, |b, c| b | bit(c));
    [
        ("upper", UPPER, t.upper),
        ("lower", LOWER, t.lower),
        ("numeric", DIGIT, t.numeric),
        ("special", special, t.special),
    ]
}

/// Arguments for `random_password` whose every output the policies
/// accept.
///
/// # Errors
///
/// [`ExportError`] naming the requirement Terraform's algorithm cannot be
/// made to guarantee.
///
/// ```
/// use passpolicy::Catalog;
/// use passpolicy::interchange::export_terraform;
///
/// let checker = Catalog::builtin().checker(&["tencent-cvm-v2/windows"])?;
/// let tf = export_terraform(&checker).unwrap();
/// assert_eq!(tf.length, 16);
/// assert!(!tf.override_special.contains('/'));
/// assert!(tf.to_hcl("admin").contains("min_upper        = 1"));
/// # Ok::<(), passpolicy::Error>(())
/// ```
pub fn export_terraform(
    checker: &Checker,
) -> Result<TerraformPassword, ExportError> {
    super::apple_export::unexpressible(checker)?;
    let all = targets(checker);
    // Keeping a user name out by removing one of its letters breaks
    // Terraform's fixed A–Z / a–z pools; a length shorter than the name
    // is the other way, tried when the first fails.
    terraform_with(&all, false)
        .or_else(|e| terraform_with(&all, true).map_err(|_| e))
}

fn terraform_with(
    all: &[(&str, &crate::Rules, &[String])],
    cap: bool,
) -> Result<TerraformPassword, ExportError> {
    let base = Builder::base(all, cap);
    let mut notes = base.notes.clone();
    let usable = base.allowed;
    let full = |class: u128| usable & class == class;
    let (upper, lower, numeric) = (full(UPPER), full(LOWER), full(DIGIT));
    let mut rest = usable;
    for (on, class) in [(upper, UPPER), (lower, LOWER), (numeric, DIGIT)] {
        if on {
            rest &= !class;
        }
    }
    let override_special = show(rest);
    let mut t = TerraformPassword {
        length: 0,
        upper,
        lower,
        numeric,
        special: rest != 0,
        override_special,
        min_upper: 0,
        min_lower: 0,
        min_numeric: 0,
        min_special: 0,
        tightenings: Vec::new(),
    };
    if !(upper || lower || numeric || rest != 0) {
        return Err(ExportError(
            "no printable ASCII character is usable by every policy".into(),
        ));
    }
    let mut mins = [0u32; 4];
    for &(label, r, _) in all {
        let pools = pools(&t);
        // The first enabled pool inside the class.
        let cover = |class: u128| {
            pools.iter().position(|&(_, p, on)| on && p != 0 && p & class == p)
        };
        let set = |i: usize| ascii_bits(&r.classes[i].set);
        let name = |i: usize| r.classes[i].name.as_str();
        if let Some(cr) = &r.classes_required {
            let k = cr.at_least as usize;
            let covered: Vec<(usize, usize)> = cr
                .of
                .iter()
                .filter_map(|&i| cover(set(i)).map(|p| (i, p)))
                .take(k)
                .collect();
            if covered.len() < k {
                return Err(ExportError(format!(
                    "{label}: {k} of the classes must occur, but Terraform \
                     can guarantee only {} of them (a min_* needs a whole \
                     pool inside the class){}",
                    covered.len(),
                    after(&notes)
                )));
            }
            for &(_, p) in &covered {
                mins[p] = mins[p].max(1);
            }
            if k < cr.of.len() {
                let names: Vec<&str> =
                    covered.iter().map(|&(i, _)| name(i)).collect();
                notes.push(format!(
                    "{label}: {k} of {} classes → at least one of each of {}",
                    cr.of.len(),
                    names.join(", ")
                ));
            }
        }
        for &(i, m) in &r.min_counts {
            let Some(p) = cover(set(i)) else {
                return Err(ExportError(format!(
                    "{label}: at least {m} of class {}: no Terraform pool \
                     lies inside the class{}",
                    name(i),
                    after(&notes)
                )));
            };
            mins[p] = mins[p].max(m);
        }
    }
    [t.min_upper, t.min_lower, t.min_numeric, t.min_special] = mins;
    t.length =
        choose_length(&base, all, mins.iter().sum(), usable, &mut notes)?;
    t.tightenings = notes;
    Ok(t)
}

/// " (after: …)" listing the tightenings that shrank the pools.
fn after(notes: &[String]) -> String {
    if notes.is_empty() {
        String::new()
    } else {
        format!(" (after: {})", notes.join("; "))
    }
}

/// The length: [`DEFAULT_LENGTH`] moved into the bounds, at least the sum
/// of the minimums, at most the run limit (Terraform can repeat a
/// character up to the whole length), and unlike every refused value made
/// only of usable characters.
fn choose_length(
    base: &Builder,
    all: &[(&str, &crate::Rules, &[String])],
    sum: u32,
    usable: u128,
    notes: &mut Vec<String>,
) -> Result<u32, ExportError> {
    let lo = base.min.max(sum).max(1);
    let hi = base.max.min(base.run.unwrap_or(u32::MAX));
    let denied: Vec<u32> = all
        .iter()
        .flat_map(|(_, r, _)| &r.deny)
        .filter(|v| v.chars().all(|c| usable & bit(c) != 0))
        .map(|v| v.chars().count() as u32)
        .collect();
    let preferred = DEFAULT_LENGTH.clamp(lo, hi.max(lo));
    let ok = |l: u32| l >= lo && l <= hi && !denied.contains(&l);
    let found = (preferred..=hi.min(preferred + 1024))
        .chain((lo..preferred).rev())
        .find(|&l| ok(l));
    let Some(length) = found else {
        return Err(ExportError(format!(
            "no length from {lo} to {hi} is safe (the minimums need {sum}{}{})",
            match base.run {
                Some(r) => format!(
                    ", and Terraform can repeat a character, so the length \
                     must not pass the run limit {r}"
                ),
                None => String::new(),
            },
            if denied.is_empty() { "" } else { ", refused values excluded" }
        )));
    };
    if let Some(r) = base.run.filter(|&r| r < base.max) {
        notes.push(format!(
            "longest run {r} → length at most {r} (Terraform cannot limit runs)"
        ));
    }
    if denied.contains(&preferred) {
        notes.push(format!(
            "a refused value has {preferred} characters → length {length}"
        ));
    }
    Ok(length)
}

/// An HCL string literal: `"`, `\` escaped, and `${` / `%{` doubled so
/// Terraform does not read them as templates.
fn hcl_string(s: &str) -> String {
    let mut out = String::from("\"");
    let mut prev = None;
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '{' if prev == Some('$') || prev == Some('%') => {
                out.pop();
                out.push(prev.unwrap_or('$'));
                out.push(prev.unwrap_or('$'));
                out.push('{');
            }
            c => out.push(c),
        }
        prev = Some(c);
    }
    out.push('"');
    out
}

impl TerraformPassword {
    /// A `resource "random_password" "NAME" { … }` block.
    pub fn to_hcl(&self, name: &str) -> String {
        let mut h = String::new();
        let _ = writeln!(
            h,
            "resource \"random_password\" {} {{",
            hcl_string(name)
        );
        let mut arg = |k: &str, v: String| {
            let _ = writeln!(h, "  {k:<16} = {v}");
        };
        arg("length", self.length.to_string());
        arg("upper", self.upper.to_string());
        arg("lower", self.lower.to_string());
        arg("numeric", self.numeric.to_string());
        arg("special", self.special.to_string());
        if self.special {
            arg("override_special", hcl_string(&self.override_special));
        }
        arg("min_upper", self.min_upper.to_string());
        arg("min_lower", self.min_lower.to_string());
        arg("min_numeric", self.min_numeric.to_string());
        arg("min_special", self.min_special.to_string());
        h.push_str("}\n");
        h
    }

    /// Every character Terraform can put in a password with these
    /// arguments (the enabled pools and those with a minimum).
    pub fn producible(&self) -> String {
        let b = pools(self)
            .iter()
            .zip([
                self.min_upper,
                self.min_lower,
                self.min_numeric,
                self.min_special,
            ])
            .filter(|((_, _, on), m)| *on || *m > 0)
            .fold(0, |b, ((_, p, _), _)| b | p);
        show(b)
    }
}
