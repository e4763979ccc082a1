//! A selection of policies → one Apple `passwordrules` string that is
//! *stricter*: every password the string describes is accepted by every
//! selected policy. What the language cannot say is tightened into
//! something it can, and each tightening is listed:
//!
//! - characters outside printable ASCII, forbidden first or last
//!   characters, and one character of each user name the rules protect are
//!   removed from `allowed`;
//! - "K of N classes" requires the first K classes that keep a character;
//! - "at least M of a class" (M > 1) requires one character from each of M
//!   disjoint parts of the class;
//! - a refused value the rule would still describe raises `minlength` past
//!   it, or else removes one of its characters.

use super::passwordrules::{ALL_PRINTABLE, AppleSet, PasswordRules};
use crate::{CharSet, Checker, Rules};

/// A rule string and how it is stricter than the policies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppleExport {
    /// The canonical rule.
    pub rules: PasswordRules,
    /// One line per tightening ("tencent-cvm-v2/windows: 3 of 4 classes …
    /// → all of lower, upper, digits").
    pub tightenings: Vec<String>,
}

/// Why a selection has no safe form in an export format.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot export: {0}")]
pub struct ExportError(pub String);

/// The printable ASCII bits of a set.
pub(crate) fn ascii_bits(set: &CharSet) -> u128 {
    (' '..='~')
        .filter(|&c| set.contains(c))
        .fold(0, |b, c| b | 1 << (c as u32 - 0x20))
}

pub(crate) fn bit(c: char) -> u128 {
    if (' '..='~').contains(&c) { 1 << (c as u32 - 0x20) } else { 0 }
}

pub(crate) fn show(b: u128) -> String {
    (' '..='~').filter(|&c| b & bit(c) != 0).collect()
}

/// The stricter `passwordrules` form of everything `checker` combines.
///
/// # Errors
///
/// [`ExportError`] when no rule of the language is both stricter and
/// satisfiable (e.g. "at least 3 of a class of 2 allowed characters").
///
/// ```
/// use passpolicy::Catalog;
/// use passpolicy::interchange::export_passwordrules;
///
/// let checker = Catalog::builtin().checker(&["tencent-cvm-v2/windows"])?;
/// let export = export_passwordrules(&checker).unwrap();
/// assert!(export.rules.to_string().contains("minlength: 12"));
/// assert!(export.tightenings.iter().any(|t| t.contains("3 of 4 classes")));
/// # Ok::<(), passpolicy::Error>(())
/// ```
pub fn export_passwordrules(
    checker: &Checker,
) -> Result<AppleExport, ExportError> {
    unexpressible(checker)?;
    let all = targets(checker);
    let mut out = Builder::base(&all, false);
    for &(label, r, _) in &all {
        out.classes(label, r)?;
    }
    for &(label, r, _) in &all {
        for (i, value) in r.deny.iter().enumerate() {
            out.deny(label, i, r.deny.len(), value)?;
        }
    }
    out.finish()
}

/// Refuses what a plain character set, length range and run limit cannot
/// keep out: display-name tokens and dictionary words.
pub(crate) fn unexpressible(checker: &Checker) -> Result<(), ExportError> {
    for t in checker.targets() {
        if t.display_name().is_some() {
            return Err(ExportError(format!(
                "{}: the display-name rule cannot be expressed",
                t.label()
            )));
        }
        if !t.rules().dictionary.is_empty() {
            return Err(ExportError(format!(
                "{}: the dictionary ({} words) cannot be expressed",
                t.label(),
                t.rules().dictionary.len()
            )));
        }
    }
    Ok(())
}

/// Each combined variant's label, rules and protected user names.
pub(crate) fn targets(checker: &Checker) -> Vec<(&str, &Rules, &[String])> {
    checker
        .targets()
        .iter()
        .map(|t| (t.label(), t.rules(), t.usernames()))
        .collect()
}

/// What every target can say in a format with a plain character set, a
/// length range and a run limit.
pub(crate) struct Builder {
    /// Printable ASCII characters usable anywhere in the password.
    pub allowed: u128,
    pub min: u32,
    pub max: u32,
    pub run: Option<u32>,
    /// Required sets before the final intersection with `allowed`.
    required: Vec<u128>,
    pub notes: Vec<String>,
}

impl Builder {
    /// The common alphabet (printable ASCII) without forbidden first or
    /// last characters and one character of each protected user name; the
    /// tightest length bounds and run limit.
    ///
    /// With `cap`, a user name is kept out by a maximum length shorter than
    /// the name where the minimum allows, rather than by a character (for
    /// Terraform, whose fixed pools a missing letter breaks).
    pub(super) fn base(
        all: &[(&str, &Rules, &[String])],
        cap: bool,
    ) -> Builder {
        let mut out = Builder {
            allowed: ALL_PRINTABLE,
            min: 0,
            max: u32::MAX,
            run: None,
            required: Vec::new(),
            notes: Vec::new(),
        };
        for &(label, r, _) in all {
            out.alphabet(label, r);
            out.min = out.min.max(r.length.min);
            out.max = out.max.min(r.length.max);
            out.run = match (out.run, r.max_run) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        // After the loop: the final bounds decide which names can occur.
        for &(label, r, names) in all {
            out.usernames(label, r, names, cap);
            out.forbidden_words(label, r, cap);
        }
        out
    }

    fn drop_chars(&mut self, chars: u128, why: String) {
        if self.allowed & chars != 0 {
            self.notes.push(format!(
                "{why} → {:?} not allowed",
                show(self.allowed & chars)
            ));
            self.allowed &= !chars;
        }
    }

    fn alphabet(&mut self, label: &str, r: &Rules) {
        let ascii = ascii_bits(&r.alphabet);
        let outside = r.alphabet.len() > u64::from(ascii.count_ones());
        if outside && self.allowed & ascii != 0 {
            self.notes.push(format!(
                "{label}: characters outside printable ASCII → not allowed \
                 (the language has no way to name them)"
            ));
        }
        self.allowed &= ascii;
        let first = ascii_bits(&r.forbidden_first);
        self.drop_chars(
            first,
            format!("{label}: no leading {:?}", show(first)),
        );
        let last = ascii_bits(&r.forbidden_last);
        self.drop_chars(
            last,
            format!("{label}: no trailing {:?}", show(last)),
        );
    }

    /// A password without one character of the name cannot contain the
    /// name (nor its reversal).
    fn usernames(
        &mut self,
        label: &str,
        r: &Rules,
        names: &[String],
        cap: bool,
    ) {
        let Some(u) = r.username else { return };
        if let Some(n) = u.consecutive {
            self.username_runs(label, u.case_sensitive, n, names);
        }
        // Without one character of the name the password is not the name
        // either: equality is kept out the same way.
        if !u.contains && !u.reversed && !u.equals && !u.equals_reversed {
            return;
        }
        for name in names {
            self.keep_out(label, name, u.case_sensitive, cap, "the user name");
        }
    }

    /// Keeps a fixed forbidden word out as a user name is kept out.
    fn forbidden_words(&mut self, label: &str, r: &Rules, cap: bool) {
        let Some(f) = &r.forbidden_substrings else { return };
        for word in &f.values {
            self.keep_out(label, word, f.case_sensitive, cap, "the word");
        }
    }

    /// Keeps `name` out of every password: one of its characters out of
    /// the alphabet, or (with `cap`) a maximum length shorter than it.
    fn keep_out(
        &mut self,
        label: &str,
        name: &str,
        case_sensitive: bool,
        cap: bool,
        what: &str,
    ) {
        // The allowed characters that match each character of the name as
        // the checker compares (simple lower-case folding unless
        // case-sensitive), so that e.g. a Kelvin sign in a name is matched
        // by 'k' and 'K'.
        let matching = |n: char| -> u128 {
            (' '..='~')
                .filter(|&c| {
                    if case_sensitive {
                        c == n
                    } else {
                        crate::selection::fold(c) == crate::selection::fold(n)
                    }
                })
                .fold(0, |b, c| b | bit(c))
                & self.allowed
        };
        let sets: Vec<u128> = name.chars().map(matching).collect();
        let n = sets.len() as u32;
        if sets.is_empty() || sets.contains(&0) || n > self.max {
            // Empty, some character of the name cannot occur, or the name
            // is longer than any password.
            return;
        }
        if cap && n > self.min.max(1) {
            self.notes.push(format!(
                "{label}: must not contain {what} {name:?} → length at most \
                 {} (shorter than it)",
                n - 1
            ));
            self.max = n - 1;
            return;
        }
        self.drop_chars(
            sets[0],
            format!("{label}: must not contain {what} {name:?}"),
        );
    }

    /// No run of `n` characters of a name can occur when every n-th
    /// character of it is refused: each window of n holds one of them
    /// (forward or reversed alike).
    fn username_runs(
        &mut self,
        label: &str,
        case_sensitive: bool,
        n: u32,
        names: &[String],
    ) {
        let n = n.max(1) as usize;
        for name in names {
            let mut drop = 0;
            for c in name.chars().skip(n - 1).step_by(n) {
                drop |= bit(c);
                if !case_sensitive {
                    drop |= bit(c.to_ascii_lowercase())
                        | bit(c.to_ascii_uppercase());
                }
            }
            if drop != 0 {
                self.drop_chars(
                    drop,
                    format!(
                        "{label}: must not contain the user name {name:?} \
                         nor {n} consecutive characters of it"
                    ),
                );
            }
        }
    }

    fn classes(&mut self, label: &str, r: &Rules) -> Result<(), ExportError> {
        let set = |i: usize| ascii_bits(&r.classes[i].set) & self.allowed;
        let name = |i: usize| r.classes[i].name.as_str();
        if let Some(cr) = &r.classes_required {
            let k = cr.at_least as usize;
            let usable: Vec<usize> =
                cr.of.iter().copied().filter(|&i| set(i) != 0).collect();
            if usable.len() < k {
                return Err(ExportError(format!(
                    "{label}: {k} of the classes must occur, but only {} keep \
                     a character the rule allows",
                    usable.len()
                )));
            }
            let chosen = &usable[..k];
            if k < cr.of.len() {
                let of: Vec<&str> = cr.of.iter().map(|&i| name(i)).collect();
                let all: Vec<&str> = chosen.iter().map(|&i| name(i)).collect();
                self.notes.push(format!(
                    "{label}: {k} of {} classes ({}) → all of {}",
                    cr.of.len(),
                    of.join(", "),
                    all.join(", ")
                ));
            }
            self.required.extend(chosen.iter().map(|&i| set(i)));
        }
        for &(i, m) in &r.min_counts {
            let s = set(i);
            if m <= 1 {
                self.required.push(s);
                continue;
            }
            let chars: Vec<u128> =
                (0..95).map(|b| 1u128 << b).filter(|b| s & b != 0).collect();
            if chars.len() < m as usize {
                return Err(ExportError(format!(
                    "{label}: at least {m} of class {} needs {m} different \
                     characters in the language, and only {} are allowed",
                    name(i),
                    chars.len()
                )));
            }
            // Character j goes to part j mod m: m disjoint, non-empty parts.
            let mut parts = vec![0u128; m as usize];
            for (j, b) in chars.iter().enumerate() {
                parts[j % m as usize] |= b;
            }
            self.notes.push(format!(
                "{label}: at least {m} of class {} → one from each of {m} \
                 disjoint parts of it",
                name(i)
            ));
            self.required.extend(parts);
        }
        Ok(())
    }

    fn current(&self) -> PasswordRules {
        let sets: Vec<u128> =
            self.required.iter().map(|s| s & self.allowed).collect();
        // A set containing another required set is implied by it (and
        // among equal sets the first is kept).
        let implied = |i: usize| {
            sets.iter().enumerate().any(|(j, &t)| {
                j != i && t & sets[i] == t && (t != sets[i] || j < i)
            })
        };
        let required: Vec<AppleSet> = (0..sets.len())
            .filter(|&i| !implied(i))
            .filter_map(|i| AppleSet::from_bits(sets[i]))
            .collect();
        PasswordRules {
            min_length: self.min,
            max_length: (self.max != u32::MAX).then_some(self.max),
            max_consecutive: self.run,
            required,
            allowed: AppleSet::from_bits(self.allowed)
                .unwrap_or(AppleSet::Chars(0)),
        }
    }

    /// Makes sure the rule does not describe the refused `value`.
    fn deny(
        &mut self,
        label: &str,
        i: usize,
        n: usize,
        value: &str,
    ) -> Result<(), ExportError> {
        if !self.current().accepts(value) {
            return Ok(());
        }
        let len = value.chars().count() as u32;
        let which = format!("{label}: refused value {} of {n}", i + 1);
        if len < self.max {
            self.notes.push(format!(
                "{which} ({len} characters) → minlength {}",
                len + 1
            ));
            self.min = self.min.max(len + 1);
            return Ok(());
        }
        // Remove a character of the value that no required set needs.
        let essential = |b: u128, this: &Builder| {
            this.required.iter().any(|s| s & this.allowed == b)
        };
        match value.chars().map(bit).find(|&b| !essential(b, self)) {
            Some(b) => {
                self.drop_chars(b, which);
                Ok(())
            }
            None => Err(ExportError(format!(
                "{which}: no length or character can be taken away to \
                 refuse it"
            ))),
        }
    }

    fn finish(self) -> Result<AppleExport, ExportError> {
        if self.allowed == 0 {
            return Err(ExportError(
                "no printable ASCII character is allowed by every policy"
                    .into(),
            ));
        }
        if self.required.iter().any(|s| s & self.allowed == 0) {
            return Err(ExportError(
                "a required class keeps no character the rule allows".into(),
            ));
        }
        let rules = self.current();
        super::import::feasible(&rules).map_err(|e| {
            ExportError(format!("the stricter rule is impossible: {e}"))
        })?;
        Ok(AppleExport { rules, tightenings: self.notes })
    }
}
