//! The compiled checker: any set of policy variants, all of which must hold.
//!
//! Compiling turns the variants' rules into tables so that a check is one
//! pass over the password's bytes with no allocation:
//!
//! * every distinct character class (by content, across all variants) gets
//!   one bit of a `u64`; a 128-entry table maps each ASCII byte to its class
//!   bits and to the set of variants ("targets") whose alphabet refuses it;
//!   non-ASCII characters are looked up in sorted ranges;
//! * each target's K-of-N rule becomes a class mask and a `popcount`;
//! * first/last-character rules become per-byte target masks;
//! * rarely used rules (minimum counts above one, runs, user names,
//!   deny-lists, user-name equality, dictionaries) cost a pass of their
//!   own only when some target has them, and only for the passwords they
//!   may refuse (see `rare`).
//!
//! For ASCII passwords the check goes further (see [`tables`]): the byte
//! scan only collects equivalence classes, and lengths, class rules and
//! user names are answered for every target at once by table lookups, so
//! combining policies costs little more than checking one.
//!
//! The tables are built from the [`Selection`] (the combined rules) in
//! `compile`; `ascii` is the fast path, `general` the path for any
//! password, `violations` turns a verdict back into reasons.

mod ascii;
mod compile;
mod dict;
mod general;
mod input;
mod rare;
mod tables;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_fast;
#[cfg(test)]
mod tests_text;
mod text_line;
mod violations;
mod wide;

pub use text_line::{TextLines, write_check_text};

use crate::charset::CharSet;
use crate::error::Error;
use crate::policy::Variant;
use crate::selection::{Selection, Target};
use crate::verdict::{Code, Report, Verdict};
use tables::{Bitap, ByteScan, ClassTable, LengthTable};

/// A compiled set of policy variants; a password passes when every one
/// accepts it.
///
/// Build one with [`Catalog::checker`](crate::Catalog::checker) or
/// [`Checker::builder`].
///
/// # Example
///
/// ```
/// use passpolicy::{Catalog, Code, Lang};
///
/// let checker = Catalog::builtin().checker(&["tencent-cvm-v2"])?;
/// assert!(checker.check("abc123ABC!@#").is_ok());
///
/// // Linux accepts this one; Windows (12–16 characters, 3 of 4 classes)
/// // does not, for two reasons.
/// assert!(!checker.check("abc123abc").is_ok());
/// let found: Vec<(&str, Code)> = checker
///     .violations("abc123abc")
///     .iter()
///     .map(|v| (v.policy, v.code))
///     .collect();
/// assert_eq!(
///     found,
///     [
///         ("tencent-cvm-v2/windows", Code::TooShort),
///         ("tencent-cvm-v2/windows", Code::NotEnoughClasses),
///     ]
/// );
/// println!("{}", checker.violations("abc123abc")[0].message(Lang::En));
/// # Ok::<(), passpolicy::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Checker {
    /// The combined rules the tables below are built from.
    sel: Selection,
    /// Per target, the masks of its class and run rules.
    tables: Vec<TargetTable>,
    ascii_classes: [u64; 128],
    ascii_refused: [u16; 128],
    /// Non-ASCII characters some class or alphabet mentions, as sorted
    /// disjoint ranges with their class bits and refusing targets. Any other
    /// non-ASCII character is in no class and refused by every target.
    wide: Vec<WideRange>,
    ascii_first_forbidden: [u16; 128],
    ascii_last_forbidden: [u16; 128],
    /// The same as verdict words, for the fast path (256 entries: no
    /// masking; a non-ASCII byte never gets there).
    ascii_first_word: [u64; 256],
    ascii_last_word: [u64; 256],
    /// Class bits whose count matters (minimum counts above one).
    counted: Vec<u8>,
    needs_run: bool,
    /// The ASCII fast path's byte scan ([`ByteScan::general`] when there
    /// is no fast path: too many distinct bytes, or graphemes).
    scan: ByteScan,
    /// One per length unit in use.
    length_tables: Vec<LengthTable>,
    /// Passwords up to this many bytes are scanned inline: 16, or 0 for a
    /// checker with minimum counts above one, which counts the classes
    /// in its scan (out of line: see `Checker::check_counted`).
    short_max: usize,
    /// `ascii_lengths` without the flag the minimum counts add to every
    /// length, for the counting scan, which answers them itself.
    counted_lengths: LengthTable,
    /// Every target's length bounds in one table, for the ASCII fast
    /// path: an ASCII password has as many bytes and UTF-16 units as
    /// characters (graphemes turn the fast path off), so one lookup
    /// answers all units.
    ascii_lengths: LengthTable,
    /// Class rules by classes present (`None`: too many classes).
    class_table: Option<ClassTable>,
    /// Every user-name pattern at once (`None`: non-ASCII or too long).
    bitap: Option<Bitap>,
    /// The user-name gate: by the user-name bits of a seen-set (its top
    /// bits, from `tables::USER_SHIFT`), the [`RARE`](tables::RARE) flag when every
    /// character of some pattern (of those with bits) was seen, so that
    /// the search runs only then; all zeros without user names.
    user_words: [u64; rare::USER_GATE],
    /// The fast path's minimum counts, runs, refused and equal values and
    /// dictionary.
    rare: rare::Rare,
    /// Some target has a rule the tables do not answer (minimum counts
    /// above one, runs), so the per-target loop must run.
    needs_target_loop: bool,
    /// The fast path must hand every password to the general one: some
    /// target has a rule the tables do not answer, or there are user names
    /// the automaton cannot hold (the scan's words then carry the
    /// `GENERAL` flag, so the fast path tests it with no branch of its
    /// own).
    ascii_needs_rare: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct WideRange {
    lo: char,
    hi: char,
    classes: u64,
    refused: u16,
}

/// One target's class and run rules as masks over the distinct classes.
#[derive(Clone, Debug)]
struct TargetTable {
    of_mask: u64,
    at_least: u32,
    /// Classes that must occur at least once (every `min_counts` class).
    required_mask: u64,
    /// (index into `Checker::counted`, class index in rules, minimum) for
    /// minimum counts above one.
    counts: Vec<(usize, usize, u32)>,
    max_run: u32,
}

/// Options for compiling a [`Checker`].
///
/// ```
/// use passpolicy::{Catalog, Checker, Code};
///
/// let catalog = Catalog::builtin();
/// let variants = catalog.select(&["huawei-clouddc/linux"])?;
/// let checker = Checker::builder().user("alice").build(&variants)?;
/// assert!(checker.check("Xecila-2024-Ok").has(Code::ContainsReversedUsername));
/// // root is the account this API sets: it is checked besides alice.
/// assert!(checker.check("Xtoor-2024-Ok").has(Code::ContainsReversedUsername));
/// # Ok::<(), passpolicy::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct CheckerBuilder {
    user: Option<String>,
    display_name: Option<String>,
}

impl CheckerBuilder {
    /// Check user-name rules against `name`: instead of a variant's default
    /// accounts when its API takes a user name, besides its fixed accounts
    /// when the API only ever sets those (see
    /// [`AccountKind`](crate::AccountKind)).
    pub fn user(mut self, name: impl Into<String>) -> CheckerBuilder {
        self.user = Some(name.into());
        self
    }

    /// Check display-name rules (AD's: no token of three or more
    /// characters of the displayName) against `name`. Without a display
    /// name those rules check nothing: the policy has no default one.
    ///
    /// ```
    /// use passpolicy::{Catalog, Checker, Code};
    ///
    /// let catalog = Catalog::builtin();
    /// let variants = catalog.select(&["windows-ad"])?;
    /// let checker = Checker::builder()
    ///     .user("jdoe")
    ///     .display_name("John Q. Doe-Smith")
    ///     .build(&variants)?;
    /// assert!(checker.check("Smith#2024x").has(Code::ContainsDisplayName));
    /// assert!(checker.check("Q-Do#2024xx").is_ok()); // Q and Do are too short
    /// # Ok::<(), passpolicy::Error>(())
    /// ```
    pub fn display_name(mut self, name: impl Into<String>) -> CheckerBuilder {
        self.display_name = Some(name.into());
        self
    }

    /// Compiles the variants into one checker.
    ///
    /// # Errors
    ///
    /// [`Error::NoPolicy`] for an empty list; [`Error::Limit`] past
    /// [`MAX_TARGETS`](crate::MAX_TARGETS) variants or
    /// [`MAX_CLASS_BITS`](crate::MAX_CLASS_BITS) distinct classes;
    /// [`Error::Unsatisfiable`] when no password can satisfy every variant;
    /// [`Error::BlankUserName`] for a user name that is empty or only white
    /// space, [`Error::BlankDisplayName`] for such a display name.
    pub fn build(&self, variants: &[&Variant]) -> Result<Checker, Error> {
        if self.user.as_deref().is_some_and(|u| u.trim().is_empty()) {
            return Err(Error::BlankUserName);
        }
        if self.display_name.as_deref().is_some_and(|u| u.trim().is_empty()) {
            return Err(Error::BlankDisplayName);
        }
        Checker::compile(
            variants,
            self.user.as_deref(),
            self.display_name.as_deref(),
        )
    }
}

impl Checker {
    /// A builder for options (the user name).
    pub fn builder() -> CheckerBuilder {
        CheckerBuilder::default()
    }

    /// Compiles the variants with their default accounts.
    ///
    /// # Errors
    ///
    /// As [`CheckerBuilder::build`].
    pub fn new(variants: &[&Variant]) -> Result<Checker, Error> {
        Checker::compile(variants, None, None)
    }

    /// The combined policy variants, in order: bit `i` of a verdict's
    /// target masks is target `i`.
    pub fn targets(&self) -> &[Target] {
        &self.sel.targets
    }

    /// The characters every combined variant allows.
    pub fn common_alphabet(&self) -> &CharSet {
        &self.sel.alphabet
    }

    /// The combined form the checker was compiled from.
    pub(crate) fn selection(&self) -> &Selection {
        &self.sel
    }
}

/// Checking.
impl Checker {
    /// Checks a password against every combined policy variant.
    ///
    /// Allocation-free; the result is one `Copy` word. Use
    /// [`Checker::violations`] to list the reasons, [`Checker::report`]
    /// for which variant failed which rule.
    ///
    /// ```
    /// use passpolicy::{Catalog, Code};
    ///
    /// let checker = Catalog::builtin().checker(&["tencent-redis"])?;
    /// assert!(checker.check("redis-Pass1").is_ok());
    /// let v = checker.check("/redis-Pass1");
    /// assert_eq!(v.codes().collect::<Vec<_>>(), [Code::ForbiddenPrefix]);
    /// # Ok::<(), passpolicy::Error>(())
    /// ```
    #[inline]
    pub fn check(&self, password: &str) -> Verdict {
        self.check_bytes(password.as_bytes())
    }

    /// Checks raw bytes: a record that is not UTF-8 fails every policy with
    /// [`Code::InvalidUtf8`] and nothing else is checked.
    ///
    /// ```
    /// use passpolicy::{Catalog, Code};
    ///
    /// let checker = Catalog::builtin().checker(&["baidu-bcc"])?;
    /// let v = checker.check_bytes(b"Abc12345!\xff");
    /// assert_eq!(v.codes().collect::<Vec<_>>(), [Code::InvalidUtf8]);
    /// # Ok::<(), passpolicy::Error>(())
    /// ```
    #[inline]
    pub fn check_bytes(&self, password: &[u8]) -> Verdict {
        // ASCII is valid UTF-8: the fast path needs no separate validation
        // (a non-ASCII byte sets the `GENERAL` flag).
        // Longer passwords loop, out of line: the loop's registers would
        // otherwise be saved and restored on every check.
        if password.len() > self.short_max {
            return self.check_long(password);
        }
        self.check_seen(password, self.scan.scan_short(password))
    }

    /// Whether every combined policy variant accepts `password`: the same
    /// answer as `check(password).is_ok()`, for callers that only need yes
    /// or no (the CLI's `--quiet` batch mode, rejection sampling).
    ///
    /// ```
    /// use passpolicy::Catalog;
    ///
    /// let checker = Catalog::builtin().checker(&["tencent-cvm-v2/windows"])?;
    /// assert!(checker.accepts("abc123ABC!@#"));
    /// assert!(!checker.accepts("short"));
    /// # Ok::<(), passpolicy::Error>(())
    /// ```
    #[inline]
    pub fn accepts(&self, password: &str) -> bool {
        self.check(password).is_ok()
    }

    /// [`Checker::accepts`] for raw bytes; a record that is not UTF-8 is
    /// refused, as by [`Checker::check_bytes`].
    ///
    /// ```
    /// use passpolicy::Catalog;
    ///
    /// let checker = Catalog::builtin().checker(&["baidu-bcc"])?;
    /// assert!(checker.accepts_bytes(b"Abc12345!"));
    /// assert!(!checker.accepts_bytes(b"Abc12345!\xff"));
    /// # Ok::<(), passpolicy::Error>(())
    /// ```
    #[inline]
    pub fn accepts_bytes(&self, password: &[u8]) -> bool {
        self.check_bytes(password).is_ok()
    }

    /// The full account of a check of `password` (text or raw bytes, as
    /// [`Checker::check_bytes`] reads them): for every code, the variants
    /// it failed for, and the measurements behind the details. Computed
    /// on the general path: slower than [`Checker::check`], for callers
    /// that want more than the verdict.
    ///
    /// ```
    /// use passpolicy::{Catalog, Code};
    ///
    /// let checker = Catalog::builtin().checker(&["tencent-cvm-v2"])?;
    /// let report = checker.report("abc123abc");
    /// // Only Windows (bit 1) wants 12 characters.
    /// assert_eq!(report.targets_failing(Code::TooShort), 0b10);
    /// # Ok::<(), passpolicy::Error>(())
    /// ```
    pub fn report(&self, password: impl AsRef<[u8]>) -> Report {
        self.report_bytes(password.as_ref())
    }

    /// [`Checker::report`] of raw bytes.
    #[cold]
    #[inline(never)]
    pub(crate) fn report_bytes(&self, password: &[u8]) -> Report {
        let mut v = Report::EMPTY;
        self.report_into(password, &mut v);
        v
    }

    /// [`Checker::report_bytes`] into `v`, which must be
    /// [`Report::EMPTY`] (see `general_into`).
    #[inline(never)]
    pub(crate) fn report_into(&self, password: &[u8], v: &mut Report) {
        if let Some(ascii) = input::Ascii::new(password) {
            return self.ascii_into(ascii, v);
        }
        match std::str::from_utf8(password) {
            Ok(s) => self.general_into(s, v),
            Err(e) => {
                v.fails[Code::InvalidUtf8.index()] = self.sel.all;
                v.invalid_at =
                    u32::try_from(e.valid_up_to()).unwrap_or(u32::MAX);
            }
        }
    }
}
