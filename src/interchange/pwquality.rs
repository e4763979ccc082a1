//! A selection → `pwquality.conf` lines for a Linux image that should
//! enforce the vendor's rule (libpwquality's `src/settings.c` option table,
//! `pwquality.conf(5)`).
//!
//! pwquality is a checker on the image, so the lines aim to refuse at
//! least what the policies refuse; what pwquality has no option for (a
//! maximum length, a closed alphabet, first/last-character rules, exact
//! refused values, classes other than its four) is listed in
//! [`PwqualityConf::unexpressed`], not silently dropped.
//!
//! pwquality's classes are digits, upper case, lower case and "other"
//! (everything else). Credits are set to 0 or negative (a minimum count),
//! never positive, so `minlen` is a plain length.

use std::fmt::Write as _;

use super::apple_export::{ExportError, ascii_bits, targets};
use super::passwordrules::{ALL_PRINTABLE, DIGIT, LOWER, UPPER};
use crate::{Checker, LengthUnit, Rules};

/// The lines and what they leave out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PwqualityConf {
    /// `name = value` settings, in file order.
    pub settings: Vec<(String, String)>,
    /// Where a setting is stricter than the policies.
    pub tightenings: Vec<String>,
    /// What pwquality cannot enforce.
    pub unexpressed: Vec<String>,
}

/// pwquality refuses `minlen` below 6 (`pwquality.conf(5)`).
const PWQ_MIN_MINLEN: u32 = 6;

/// pwquality's classes: (credit option, name).
const CREDITS: [(&str, &str); 4] = [
    ("dcredit", "digits"),
    ("ucredit", "upper case"),
    ("lcredit", "lower case"),
    ("ocredit", "other characters"),
];

/// The `pwquality.conf` form of everything `checker` combines.
///
/// # Errors
///
/// None today; the `Result` leaves room for a rule pwquality would read as
/// looser than written.
///
/// ```
/// use passpolicy::Catalog;
/// use passpolicy::interchange::export_pwquality;
///
/// let checker = Catalog::builtin().checker(&["tencent-cvm-v2/windows"])?;
/// let conf = export_pwquality(&checker).unwrap();
/// assert!(conf.to_conf("").contains("minlen = 12\n"));
/// assert!(conf.to_conf("").contains("minclass = 3\n"));
/// assert!(conf.unexpressed.iter().any(|u| u.contains("maximum length")));
/// # Ok::<(), passpolicy::Error>(())
/// ```
pub fn export_pwquality(
    checker: &Checker,
) -> Result<PwqualityConf, ExportError> {
    let all = targets(checker);
    let mut tightenings = Vec::new();
    let mut unexpressed = Vec::new();
    let alphabet = checker.common_alphabet();
    let ab = ascii_bits(alphabet);
    // pwquality's classes as far as the alphabet lets them occur.
    let other = ALL_PRINTABLE & !(DIGIT | UPPER | LOWER);
    let pwq = [DIGIT & ab, UPPER & ab, LOWER & ab, other & ab];
    let mut credits = [0u32; 4];
    let mut minclass = 0u32;
    let mut minlen = 0u32;
    let mut max = u32::MAX;
    let mut maxrepeat: Option<u32> = None;
    let mut usercheck = false;
    let mut badwords: Vec<&str> = Vec::new();
    for &(label, r, _) in &all {
        minlen = minlen.max(r.length.min);
        max = max.min(r.length.max);
        if let Some(m) = r.max_run {
            maxrepeat = Some(maxrepeat.map_or(m, |x| x.min(m)));
        }
        // pwquality counts bytes: with non-ASCII characters allowed, a
        // length in any other unit is not what minlen measures.
        if r.length.unit != LengthUnit::Bytes && !alphabet.is_ascii() {
            unexpressed.push(format!(
                "{label}: length in {:?}; pwquality counts bytes",
                r.length.unit
            ));
        }
        let first = ascii_bits(&r.forbidden_first) & ab;
        let last = ascii_bits(&r.forbidden_last) & ab;
        if first != 0 || last != 0 {
            unexpressed.push(format!(
                "{label}: no rule for the first or last character"
            ));
        }
        // usercheck refuses any password containing the name, which also
        // refuses the name itself (equality).
        if r.username.is_some_and(|u| {
            u.contains || u.reversed || u.equals || u.equals_reversed
        }) {
            usercheck = true;
        }
        if r.username.is_some_and(|u| u.display_name.is_some()) {
            unexpressed.push(format!(
                "{label}: no token of the display name (pwquality has no \
                 display-name rule)"
            ));
        }
        if !r.dictionary.is_empty() {
            unexpressed.push(format!(
                "{label}: no word of its dictionary of {} words (pwquality's \
                 dictcheck reads cracklib's own dictionary)",
                r.dictionary.len()
            ));
        }
        if let Some(n) = r.username.and_then(|u| u.consecutive) {
            unexpressed.push(format!(
                "{label}: no {n} consecutive characters of a user name \
                 (usercheck refuses only the whole name)"
            ));
        }
        if let Some(f) = &r.forbidden_substrings {
            unexpressed.push(format!(
                "{label}: must not contain the words {:?} (pwquality's \
                 badwords skips words under four characters and compares \
                 its own way)",
                f.values
            ));
        }
        for v in &r.deny {
            if v.is_empty() || v.contains(char::is_whitespace) {
                unexpressed.push(format!(
                    "{label}: a refused value with white space"
                ));
            } else {
                badwords.push(v);
            }
        }
        classes(label, r, alphabet, &pwq, &mut credits, &mut minclass)
            .map(|n| tightenings.extend(n))
            .unwrap_or_else(|u| unexpressed.push(u));
        for &(i, m) in &r.min_counts {
            let set = ascii_bits(&r.classes[i].set) & ab;
            match cover(set, &pwq, &r.classes[i].set, alphabet) {
                Some(p) => credits[p] = credits[p].max(m),
                None => unexpressed.push(format!(
                    "{label}: at least {m} of class {} (no pwquality class \
                     lies inside it)",
                    r.classes[i].name
                )),
            }
        }
    }
    if minlen < PWQ_MIN_MINLEN {
        tightenings.push(format!(
            "minimum length {minlen} → minlen {PWQ_MIN_MINLEN} (pwquality's \
             smallest)"
        ));
        minlen = PWQ_MIN_MINLEN;
    }
    if max != u32::MAX {
        unexpressed.push(format!(
            "the maximum length {max} (pwquality has no maximum-length option)"
        ));
    }
    if !(alphabet.is_ascii() && ab == ALL_PRINTABLE) {
        unexpressed.push(format!(
            "the closed alphabet ({alphabet}): pwquality cannot refuse other \
             characters"
        ));
    }
    if !badwords.is_empty() {
        tightenings.push(
            "refused values → badwords (pwquality refuses them anywhere in \
             the password, ignoring case)"
                .into(),
        );
    }
    let mut settings = vec![("minlen".to_string(), minlen.to_string())];
    for (p, (opt, _)) in CREDITS.iter().enumerate() {
        let v = if credits[p] == 0 {
            "0".into()
        } else {
            format!("-{}", credits[p])
        };
        settings.push((opt.to_string(), v));
    }
    if minclass > 0 {
        settings.push(("minclass".into(), minclass.to_string()));
    }
    if let Some(m) = maxrepeat {
        settings.push(("maxrepeat".into(), m.to_string()));
    }
    if usercheck {
        settings.push(("usercheck".into(), "1".into()));
    }
    if !badwords.is_empty() {
        settings.push(("badwords".into(), badwords.join(" ")));
    }
    Ok(PwqualityConf { settings, tightenings, unexpressed })
}

/// The pwquality class whose characters (within the alphabet) all lie in
/// `class`, if one does and is not empty there.
fn cover(
    set: u128,
    pwq: &[u128; 4],
    class: &crate::CharSet,
    alphabet: &crate::CharSet,
) -> Option<usize> {
    (0..4).find(|&p| {
        let inside = pwq[p] != 0 && pwq[p] & set == pwq[p];
        // "other" also holds every non-ASCII character the alphabet allows.
        let non_ascii_ok = p != 3
            || alphabet
                .difference(&crate::CharSet::from_ranges([('\0', '\u{7f}')]))
                .difference(class)
                .is_empty();
        inside && non_ascii_ok
    })
}

/// "K of N": `minclass = K` when each pwquality class that can occur lies
/// in a different listed class (then K pwquality classes are K of the
/// policy's); else a minimum of one for K coverable classes.
fn classes(
    label: &str,
    r: &Rules,
    alphabet: &crate::CharSet,
    pwq: &[u128; 4],
    credits: &mut [u32; 4],
    minclass: &mut u32,
) -> Result<Vec<String>, String> {
    let Some(cr) = &r.classes_required else { return Ok(vec![]) };
    let k = cr.at_least;
    let cover_of = |i: usize| {
        cover(ascii_bits(&r.classes[i].set), pwq, &r.classes[i].set, alphabet)
    };
    let mapped: Vec<Option<usize>> =
        cr.of.iter().map(|&i| cover_of(i)).collect();
    let occurring: Vec<usize> = (0..4).filter(|&p| pwq[p] != 0).collect();
    let injective = occurring
        .iter()
        .all(|p| mapped.iter().filter(|m| **m == Some(*p)).count() == 1);
    if injective {
        *minclass = (*minclass).max(k);
        return Ok(vec![]);
    }
    let mut chosen: Vec<usize> = Vec::new();
    for m in mapped.iter().flatten() {
        if !chosen.contains(m) && chosen.len() < k as usize {
            chosen.push(*m);
        }
    }
    if chosen.len() < k as usize {
        return Err(format!(
            "{label}: {k} of the classes (pwquality's classes do not match \
             them)"
        ));
    }
    for &p in &chosen {
        credits[p] = credits[p].max(1);
    }
    let names: Vec<&str> = chosen.iter().map(|&p| CREDITS[p].1).collect();
    Ok(vec![format!(
        "{label}: {k} of {} classes → at least one each of {}",
        cr.of.len(),
        names.join(", ")
    )])
}

impl PwqualityConf {
    /// The file text; `header` lines become comments.
    pub fn to_conf(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            let _ = writeln!(out, "# {line}");
        }
        for u in &self.unexpressed {
            let _ = writeln!(out, "# not enforced: {u}");
        }
        for (k, v) in &self.settings {
            let _ = writeln!(out, "{k} = {v}");
        }
        // The vendor's API sets root's password too.
        out.push_str("enforce_for_root\n");
        out
    }
}
