//! The text line of a checked password, as `passpolicy check` prints it:
//! `ok`, or `rejected: ` followed by every violation as
//! `POLICY CODE: MESSAGE`, separated by ` | ` (docs/cli.md, "Output").
//!
//! [`write_check_text`] writes it from violations. The CLI writes one for
//! every refused password of a batch, and building the violations (a
//! `Vec`, the class lists of `not_enough_classes`, the withholding pass)
//! cost more than the text itself: a [`TextLines`] writes the same text
//! from the report, visiting each failure once, whenever no character
//! can be withheld, and copies the `not_enough_classes` entries it wrote
//! before.

use crate::message::{Lang, write_classes};
use crate::verdict::{Code, Report, Violation};

use super::Checker;
use super::violations::{
    Spare, classes_present, for_each_failure, rule_class_names,
};

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

/// Most `not_enough_classes` entries a [`TextLines`] keeps: one per
/// target and set of the rule's classes present. The catalog's rules list
/// four classes or so (16 sets, fewer of them refused), so this keeps
/// every entry of a batch checked against a variant or two; past it,
/// entries are written each time.
const KEPT_ENTRIES: usize = 32;

/// Text output.
impl Checker {
    /// A writer of the text lines of passwords this checker refused, in
    /// `lang`: what the CLI prints for a batch, one line per password.
    ///
    /// ```
    /// use passpolicy::{Catalog, Lang, write_check_text};
    ///
    /// let checker = Catalog::builtin().checker(&["tencent-cvm-v2"])?;
    /// let mut lines = checker.text_lines(Lang::En);
    /// let mut line = String::new();
    /// assert!(!lines.write("abc123abc", &mut line));
    /// let mut expected = String::new();
    /// let found = checker.violations("abc123abc");
    /// write_check_text(&mut expected, false, &found, Lang::En);
    /// assert_eq!(line, expected);
    /// # Ok::<(), passpolicy::Error>(())
    /// ```
    pub fn text_lines(&self, lang: Lang) -> TextLines<'_> {
        TextLines {
            checker: self,
            lang,
            found: Vec::new(),
            entries: Vec::new(),
        }
    }
}

/// Writes text lines (see [`write_check_text`]) of passwords one checker
/// checks, in one language, faster than from their violations; made by
/// [`Checker::text_lines`].
///
/// Most lines are written from the password's report with no violation
/// built: when none shows a character (which may be withheld, depending
/// on the others). And the `not_enough_classes` entry of most refused
/// passwords depends only on the target and on which of its rule's
/// classes are present: each is written once and kept (a few dozen at
/// most; no password in them, as in any message), then copied.
pub struct TextLines<'c> {
    checker: &'c Checker,
    lang: Lang,
    /// The violations of the lines that show a character; their room is
    /// reused from one such line to the next.
    found: Vec<Violation<'c>>,
    /// `POLICY not_enough_classes: MESSAGE`, by target and the classes
    /// its rule lists present (a report's distinct-class bits, masked by
    /// the rule's), in the order first written.
    entries: Vec<(usize, u64, String)>,
}

/// The language and how many entries are kept: the violations may hold
/// characters of the last password.
impl std::fmt::Debug for TextLines<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextLines")
            .field("lang", &self.lang)
            .field("entries", &self.entries.len())
            .finish_non_exhaustive()
    }
}

impl<'c> TextLines<'c> {
    /// Appends the text line of `password` (text or raw bytes, as
    /// [`Checker::check_bytes`] reads them) to `out`: what
    /// [`write_check_text`] appends for `ok` and the
    /// [`violations`](Checker::violations) of `password`, byte for byte.
    /// Returns whether every variant accepts the password.
    ///
    /// Like [`Checker::violations`], this measures the password on the
    /// general path: check it with [`Checker::check_bytes`] first and
    /// call this for refused passwords.
    pub fn write(
        &mut self,
        password: impl AsRef<[u8]>,
        out: &mut String,
    ) -> bool {
        let (checker, lang) = (self.checker, self.lang);
        let mut report = Report::EMPTY;
        checker.report_into(password.as_ref(), &mut report);
        if report.is_ok() {
            write_check_text(out, true, &[], lang);
            return true;
        }
        if SHOWS_A_CHARACTER.iter().any(|&c| report.has(c)) {
            checker.report_violations(&report, &mut self.found);
            write_check_text(out, false, &self.found, lang);
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
        let entries = &mut self.entries;
        for_each_failure(&report, |i, code| {
            if code == Code::NotEnoughClasses
                && let Some(table) = checker.tables.get(i)
            {
                // The entry depends on the classes of the rule present
                // (no bit of another class), so they are the key.
                let key = report.present & table.of_mask;
                if let Some((_, _, text)) =
                    entries.iter().find(|e| (e.0, e.1) == (i, key))
                {
                    sep(out);
                    out.push_str(text);
                    return;
                }
                if let Some(t) = checker.sel.targets.get(i)
                    && let Some(has) = classes_present(t, &report)
                {
                    sep(out);
                    if entries.len() < KEPT_ENTRIES {
                        let mut text = String::new();
                        checker.classes_entry(i, has, lang, &mut text);
                        out.push_str(&text);
                        entries.push((i, key, text));
                    } else {
                        checker.classes_entry(i, has, lang, out);
                    }
                    return;
                }
            }
            checker.violations_of(&report, i, code, &mut spare, &mut |v| {
                sep(out);
                head(out, v.policy, v.code);
                v.write_message(lang, out);
            });
        });
        false
    }
}

impl Checker {
    /// `POLICY not_enough_classes: MESSAGE` of target `i` for the classes
    /// of its rule present `has` (see `classes_present`): what the
    /// violation's detail would say, without its class lists.
    fn classes_entry(&self, i: usize, has: u64, lang: Lang, out: &mut String) {
        let (Some(t), Some(table)) =
            (self.sel.targets.get(i), self.tables.get(i))
        else {
            return;
        };
        let pick = |present: bool| {
            rule_class_names(t)
                .enumerate()
                .filter(move |&(j, _)| (has >> j & 1 == 1) == present)
                .map(|(_, name)| name)
        };
        head(out, t.label(), Code::NotEnoughClasses);
        write_classes(
            out,
            lang,
            (has.count_ones(), table.at_least),
            pick(true),
            pick(false),
        );
    }
}
