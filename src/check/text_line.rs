//! The text line of a checked password, as `passpolicy check` prints it:
//! `ok`, or `rejected: ` followed by every violation as
//! `POLICY CODE: MESSAGE`, separated by ` | ` (docs/cli.md, "Output").
//!
//! [`write_check_text`] writes it from violations. The CLI writes one for
//! every refused password of a batch, and building the violations (a
//! `Vec`, the class lists of `not_enough_classes`, the withholding pass)
//! cost more than the text itself: [`Checker::write_text_line`] writes the
//! same text from the report, visiting each failure once, whenever no
//! character can be withheld.

use crate::message::{Lang, write_classes};
use crate::verdict::{Code, Report, Violation};

use super::Checker;
use super::violations::{Spare, for_each_failure, rule_classes};

/// Appends the text line of a check to `out` (no newline): `ok`, or
/// `rejected: ` and every violation as `POLICY CODE: MESSAGE` separated by
/// ` | `; messages in `lang`. Messages contain `;` and `,`, never ` | `
/// (a character they quote stands alone between quotes: `'|'`). The
/// password is never in it (violations do not hold it).
///
/// ```
/// use passpolicy::{Catalog, Lang, write_check_text};
///
/// let checker = Catalog::builtin().checker(&["baidu-bcc"])?;
/// let mut line = String::new();
/// write_check_text(&mut line, true, &[], Lang::En);
/// assert_eq!(line, "ok");
/// line.clear();
/// write_check_text(&mut line, false, &checker.violations("Ab1!"), Lang::En);
/// assert!(line.starts_with("rejected: baidu-bcc too_short: length 4 "));
/// # Ok::<(), passpolicy::Error>(())
/// ```
pub fn write_check_text(
    out: &mut String,
    ok: bool,
    violations: &[Violation<'_>],
    lang: Lang,
) {
    if ok {
        out.push_str("ok");
        return;
    }
    out.push_str("rejected: ");
    for (i, v) in violations.iter().enumerate() {
        if i > 0 {
            out.push_str(" | ");
        }
        head(out, v.policy, v.code);
        v.write_message(lang, out);
    }
}

/// `POLICY CODE: `, before a message.
fn head(out: &mut String, policy: &str, code: Code) {
    out.push_str(policy);
    out.push(' ');
    out.push_str(code.as_str());
    out.push_str(": ");
}

/// The codes whose details show a character, which
/// [`crate::message::withhold`] may hide depending on the other
/// violations of the password: a line with one of them is written from
/// the violations, withholding and all.
const SHOWS_A_CHARACTER: [Code; 4] = [
    Code::DisallowedCharacter,
    Code::ForbiddenPrefix,
    Code::ForbiddenSuffix,
    Code::RepeatedCharacter,
];

/// Text output.
impl Checker {
    /// Appends the text line of `password` (text or raw bytes, as
    /// [`Checker::check_bytes`] reads them) to `out`: what
    /// [`write_check_text`] appends for `ok` and the
    /// [`violations`](Checker::violations) of `password`, byte for byte.
    /// Returns whether every variant accepts the password.
    ///
    /// Faster than building the violations: most lines are written from
    /// the report directly. `found` is room for the violations of the
    /// others (a line that shows a character, which may be withheld); a
    /// caller writing many lines keeps one, so that its room is reused.
    ///
    /// Like [`Checker::violations`], this measures the password on the
    /// general path: check it with [`Checker::check_bytes`] first and call
    /// this for refused passwords.
    ///
    /// ```
    /// use passpolicy::{Catalog, Lang, write_check_text};
    ///
    /// let checker = Catalog::builtin().checker(&["tencent-cvm-v2"])?;
    /// let (mut line, mut found) = (String::new(), Vec::new());
    /// assert!(!checker.write_text_line("abc123abc", Lang::En, &mut found, &mut line));
    /// let mut expected = String::new();
    /// write_check_text(&mut expected, false, &checker.violations("abc123abc"), Lang::En);
    /// assert_eq!(line, expected);
    /// # Ok::<(), passpolicy::Error>(())
    /// ```
    pub fn write_text_line<'c>(
        &'c self,
        password: impl AsRef<[u8]>,
        lang: Lang,
        found: &mut Vec<Violation<'c>>,
        out: &mut String,
    ) -> bool {
        let mut report = Report::EMPTY;
        self.report_into(password.as_ref(), &mut report);
        if report.is_ok() {
            write_check_text(out, true, &[], lang);
            return true;
        }
        if SHOWS_A_CHARACTER.iter().any(|&c| report.has(c)) {
            self.report_violations(&report, found);
            write_check_text(out, false, found, lang);
            return false;
        }
        // Nothing to withhold: each violation's text is written as it is
        // found, in the order `violations` lists them.
        out.push_str("rejected: ");
        let (mut spare, mut first) = (Spare::default(), true);
        let mut sep = |out: &mut String| {
            if !std::mem::take(&mut first) {
                out.push_str(" | ");
            }
        };
        for_each_failure(&report, |i, code| {
            if code == Code::NotEnoughClasses
                && let (Some(t), Some(table)) =
                    (self.sel.targets.get(i), self.tables.get(i))
            {
                // Its message from the report: no class lists built.
                let classes = rule_classes(t, &report);
                let present = classes.clone().filter(|&(_, has)| has).count();
                sep(out);
                head(out, t.label(), code);
                write_classes(
                    out,
                    lang,
                    (present as u32, table.at_least),
                    classes.clone().filter(|&(_, has)| has).map(|(n, _)| n),
                    classes.filter(|&(_, has)| !has).map(|(n, _)| n),
                );
                return;
            }
            self.violations_of(&report, i, code, &mut spare, &mut |v| {
                sep(out);
                head(out, v.policy, v.code);
                v.write_message(lang, out);
            });
        });
        false
    }
}
