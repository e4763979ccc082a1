//! The result of a check, in two levels.
//!
//! A [`Verdict`] is one word: the set of violation codes that failed and
//! the set of checked policy variants ("targets") that refused the
//! password. It is what [`Checker::check`](crate::Checker::check) returns,
//! `Copy`, eight bytes, returned in a register.
//!
//! A [`Report`] is the full account, computed on demand from the password
//! by [`Checker::report`](crate::Checker::report): per code, the targets it
//! failed for, plus the measurements that explain it (lengths, classes
//! present, the first disallowed character per target, the longest run).
//! [`Checker::violations`](crate::Checker::violations) turns a report into
//! every violation with its details; messages are rendered only when asked
//! for. Neither level ever holds the password.

use serde::Serialize;

use crate::spec::LengthUnit;

/// Most policy variants one checker combines; each gets one bit of a `u16`.
pub const MAX_TARGETS: usize = 16;

/// Most classes with a minimum count above one that one checker counts.
pub const MAX_COUNTED: usize = 8;

/// Declares [`Code`] with each variant listed once, in report order, with
/// its discriminant (the index of its mask in a verdict) and its stable
/// name: `Code::ALL`, `CODES` and `Code::as_str` are derived from the one
/// list, so a new code cannot be left out of any of them.
macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident = $index:literal, $text:literal;)*) => {
        /// The stable, machine-readable reason a password is refused.
        ///
        /// The snake_case names (see [`Code::as_str`]) are part of the CLI's
        /// JSON output and never change meaning.
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize,
        )]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum Code {
            $($(#[$doc])* $name = $index,)*
        }

        /// Number of [`Code`] variants.
        pub(crate) const CODES: usize = [$($index),*].len();

        impl Code {
            /// Every code, in the order violations are reported.
            pub const ALL: [Code; CODES] = [$(Code::$name),*];

            /// The stable snake_case name (`too_short`).
            ///
            /// ```
            /// assert_eq!(passpolicy::Code::TooShort.as_str(), "too_short");
            /// ```
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => $text,)*
                }
            }
        }
    };
}

codes! {
    /// The input is not valid UTF-8 (the CLI's records, or
    /// [`Checker::check_bytes`](crate::Checker::check_bytes)).
    InvalidUtf8 = 11, "invalid_utf8";
    /// Shorter than the minimum length.
    TooShort = 0, "too_short";
    /// Longer than the maximum length.
    TooLong = 1, "too_long";
    /// A character outside the policy's alphabet.
    DisallowedCharacter = 2, "disallowed_character";
    /// Starts with a forbidden character.
    ForbiddenPrefix = 5, "forbidden_prefix";
    /// Ends with a forbidden character.
    ForbiddenSuffix = 6, "forbidden_suffix";
    /// Fewer of the listed classes present than required.
    NotEnoughClasses = 3, "not_enough_classes";
    /// Fewer characters of a class than its minimum count.
    TooFewOfClass = 4, "too_few_of_class";
    /// Contains the user name.
    ContainsUsername = 7, "contains_username";
    /// Contains the user name spelled backwards.
    ContainsReversedUsername = 8, "contains_reversed_username";
    /// Contains N consecutive characters of the user name (or of it
    /// spelled backwards), where the policy sets `consecutive: N`.
    ContainsPartOfUsername = 12, "contains_part_of_username";
    /// Is the user name, byte for byte (MySQL's `check_user_name`).
    EqualsUsername = 14, "equals_username";
    /// Is the user name's bytes in reverse order.
    EqualsReversedUsername = 15, "equals_reversed_username";
    /// Contains a token of the display name (AD's displayName rule).
    ContainsDisplayName = 16, "contains_display_name";
    /// A run of one identical character longer than allowed.
    RepeatedCharacter = 9, "repeated_character";
    /// One of the policy's refused values.
    DeniedValue = 10, "denied_value";
    /// Contains, case-folded, a word of the policy's dictionary (MySQL
    /// STRONG's dictionary file).
    DictionaryWord = 17, "dictionary_word";
    /// Contains a fixed word the policy forbids (not the user name:
    /// Oracle's "admin" in any case).
    ContainsForbiddenSubstring = 13, "contains_forbidden_substring";
}

// The discriminants index a report's `[u16; CODES]` and a verdict's code
// bits: each below CODES and no two alike, and few enough to fit the
// verdict's word, checked when the crate compiles.
const _: () = {
    // Bits 62 and 63 are the fast path's flags (`check::tables`).
    assert!(CODES < 62 - CODE_SHIFT as usize, "too many codes");
    let mut i = 0;
    while i < CODES {
        assert!((Code::ALL[i] as usize) < CODES, "a code's index is too big");
        let mut j = i + 1;
        while j < CODES {
            assert!(
                Code::ALL[i] as usize != Code::ALL[j] as usize,
                "two codes share an index"
            );
            j += 1;
        }
        i += 1;
    }
};

impl Code {
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A character and its one-based position (in characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CharAt {
    pub(crate) ch: char,
    pub(crate) position: u32,
}

/// Bit of a verdict's word where the code bits start: below it, one bit
/// per target.
pub(crate) const CODE_SHIFT: u32 = 16;

/// The verdict word of `targets` failing for `code`: no bit at all when
/// `targets` is empty. Branch-free, for the tables and the reports.
#[inline(always)]
pub(crate) const fn fail_word(code: Code, targets: u16) -> u64 {
    ((targets != 0) as u64) << (CODE_SHIFT + code as u32) | targets as u64
}

/// The outcome of one check: which codes failed and which policy variants
/// refused the password. `Copy`, one word, and free of the password.
///
/// For which variant failed which code, and the details, ask the checker
/// for the [`Report`] ([`Checker::report`](crate::Checker::report)) or the
/// [`Violation`]s ([`Checker::violations`](crate::Checker::violations)) of
/// the password: they are computed only when wanted.
///
/// # Example
///
/// ```
/// use passpolicy::{Catalog, Code};
///
/// let checker = Catalog::builtin().checker(&["tencent-cvm-v2/windows"])?;
/// let verdict = checker.check("short");
/// assert!(!verdict.is_ok());
/// assert!(verdict.has(Code::TooShort));
/// assert_eq!(verdict.failed_targets(), 0b1);
/// # Ok::<(), passpolicy::Error>(())
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Verdict {
    /// Bits `0..16`: the targets that refused; bit `CODE_SHIFT + code`:
    /// the codes that failed (see [`fail_word`]).
    word: u64,
}

impl Verdict {
    /// The verdict of a word of codes and targets (the fast path's flags
    /// are never in one it hands over).
    #[inline(always)]
    pub(crate) fn from_word(word: u64) -> Verdict {
        debug_assert_eq!(
            word & !Verdict::MEANINGFUL,
            0,
            "a flag in a verdict"
        );
        Verdict { word }
    }

    /// The bits a verdict holds: targets and codes.
    const MEANINGFUL: u64 = (1 << (CODE_SHIFT + CODES as u32)) - 1;

    /// Whether every policy accepts the password.
    #[inline]
    pub fn is_ok(&self) -> bool {
        self.word == 0
    }

    /// Whether any policy refused the password for `code`.
    #[inline]
    pub fn has(&self, code: Code) -> bool {
        self.word >> (CODE_SHIFT + code as u32) & 1 == 1
    }

    /// The targets (bit `i` = the checker's `i`-th policy variant) that
    /// refused the password for any reason.
    #[inline]
    pub fn failed_targets(&self) -> u16 {
        self.word as u16
    }

    /// The codes that failed, in report order.
    pub fn codes(&self) -> impl Iterator<Item = Code> + use<> {
        let v = *self;
        Code::ALL.into_iter().filter(move |&c| v.has(c))
    }
}

/// Codes and failing targets: all a verdict holds.
impl std::fmt::Debug for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        struct Codes(Verdict);
        impl std::fmt::Debug for Codes {
            fn fmt(
                &self,
                f: &mut std::fmt::Formatter<'_>,
            ) -> std::fmt::Result {
                f.debug_list().entries(self.0.codes()).finish()
            }
        }
        f.debug_struct("Verdict")
            .field("ok", &self.is_ok())
            .field("codes", &Codes(*self))
            .field("targets", &format_args!("{:#b}", self.failed_targets()))
            .finish()
    }
}

/// The full outcome of one check: for every code, the targets it failed
/// for, and the measurements that explain it. Allocation-free and free of
/// the password; made by [`Checker::report`](crate::Checker::report).
///
/// ```
/// use passpolicy::{Catalog, Code};
///
/// let checker =
///     Catalog::builtin().checker(&["tencent-cvm-v2/windows", "baidu-bcc"])?;
/// let report = checker.report("short");
/// assert_eq!(report.targets_failing(Code::TooShort), 0b11);
/// assert_eq!(report.verdict(), checker.check("short"));
/// # Ok::<(), passpolicy::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Report {
    /// For each code (by `Code as usize`), the targets it failed for.
    pub(crate) fails: [u16; CODES],
    /// Length in each unit, by `LengthUnit` index (chars, bytes, utf16,
    /// graphemes); a unit no target uses stays 0.
    pub(crate) lengths: [u32; 4],
    /// Bit `i` set when a character of distinct class `i` occurs.
    pub(crate) present: u64,
    /// Characters of each counted class (classes with a minimum count > 1);
    /// all 0 when the checker counts none.
    pub(crate) counts: [u32; MAX_COUNTED],
    /// The first disallowed character, per target; the default (position
    /// 0) for a target that allows every character. Plain arrays, not
    /// `Option`s: a report that is all zeros is cleared with a few stores
    /// rather than copied from a constant, on every refused line the CLI
    /// writes.
    pub(crate) bad: [CharAt; MAX_TARGETS],
    /// The first and last characters.
    pub(crate) first: CharAt,
    pub(crate) last: CharAt,
    /// The longest run of one character (its first position).
    pub(crate) run: CharAt,
    pub(crate) run_len: u32,
    /// Bit `i` set when username needle `i` was found.
    pub(crate) user_hits: u64,
    /// Byte offset of the first invalid UTF-8 sequence.
    pub(crate) invalid_at: u32,
}

impl Report {
    /// No failure and no measurement.
    pub(crate) const EMPTY: Report = Report {
        fails: [0; CODES],
        lengths: [0; 4],
        present: 0,
        counts: [0; MAX_COUNTED],
        bad: [CharAt { ch: '\0', position: 0 }; MAX_TARGETS],
        first: CharAt { ch: '\0', position: 0 },
        last: CharAt { ch: '\0', position: 0 },
        run: CharAt { ch: '\0', position: 0 },
        run_len: 0,
        user_hits: 0,
        invalid_at: 0,
    };

    /// The verdict this report details: what
    /// [`Checker::check`](crate::Checker::check) returns for the password.
    pub fn verdict(&self) -> Verdict {
        let word = Code::ALL
            .iter()
            .fold(0, |w, &c| w | fail_word(c, self.fails[c.index()]));
        Verdict::from_word(word)
    }

    /// Whether every policy accepts the password.
    pub fn is_ok(&self) -> bool {
        self.failed_targets() == 0
    }

    /// Whether any policy refused the password for `code`.
    pub fn has(&self, code: Code) -> bool {
        self.fails[code.index()] != 0
    }

    /// The targets (bit `i` = the checker's `i`-th policy variant) that
    /// refused the password for `code`.
    pub fn targets_failing(&self, code: Code) -> u16 {
        self.fails[code.index()]
    }

    /// The targets that refused the password for any reason.
    pub fn failed_targets(&self) -> u16 {
        self.fails.iter().fold(0, |a, &m| a | m)
    }

    /// The password's length in `unit`, if the checker measured it (it
    /// measures the units its policies use, and always characters).
    pub fn length(&self, unit: LengthUnit) -> u32 {
        self.lengths[unit_index(unit)]
    }

    /// The codes that failed, in report order.
    pub fn codes(&self) -> impl Iterator<Item = Code> + '_ {
        Code::ALL.into_iter().filter(|&c| self.has(c))
    }

    /// Characters of counted class `slot` (0 when not counted).
    pub(crate) fn count(&self, slot: usize) -> u32 {
        self.counts.get(slot).copied().unwrap_or(0)
    }

    /// The first disallowed character for target `t` (default when none).
    pub(crate) fn bad(&self, t: usize) -> CharAt {
        self.bad.get(t).copied().unwrap_or_default()
    }
}

/// Codes and failing targets only: the measurements (first, last and
/// refused characters, runs) describe the password, and a `Debug` line
/// ends up in logs.
impl std::fmt::Debug for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        struct Fails<'a>(&'a Report);
        impl std::fmt::Debug for Fails<'_> {
            fn fmt(
                &self,
                f: &mut std::fmt::Formatter<'_>,
            ) -> std::fmt::Result {
                f.debug_map()
                    .entries(self.0.codes().map(|c| {
                        (c, format!("{:#b}", self.0.targets_failing(c)))
                    }))
                    .finish()
            }
        }
        f.debug_struct("Report")
            .field("ok", &self.is_ok())
            .field("fails", &Fails(self))
            .finish_non_exhaustive()
    }
}

pub(crate) fn unit_index(unit: LengthUnit) -> usize {
    match unit {
        LengthUnit::Chars => 0,
        LengthUnit::Bytes => 1,
        LengthUnit::Utf16 => 2,
        LengthUnit::Graphemes => 3,
    }
}

/// One reason a policy refuses a password, with its details.
///
/// Produced by [`Checker::violations`](crate::Checker::violations); borrows
/// names from the checker, never the password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Violation<'c> {
    /// The stable code.
    pub code: Code,
    /// The policy variant (`tencent-cvm-v2/windows`).
    pub policy: &'c str,
    /// The vendor's error code for a refused password, if documented.
    pub vendor_code: Option<&'c str>,
    /// What exactly failed.
    pub detail: Detail<'c>,
}

/// The measurements behind a violation. Positions are one-based and count
/// characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Detail<'c> {
    /// Length outside the bounds.
    Length {
        /// Measured length.
        actual: u32,
        /// Minimum allowed.
        min: u32,
        /// Maximum allowed (`u32::MAX` for none; serialized as `null`
        /// then, as `explain` writes "no maximum").
        #[serde(serialize_with = "ser_max")]
        max: u32,
        /// Unit of all three.
        unit: LengthUnit,
    },
    /// A character (not allowed, or forbidden where it stands).
    Character {
        /// The character; `None` when withheld because it would reveal too
        /// much of the password (see [`Checker::violations`](crate::Checker::violations)).
        #[serde(serialize_with = "ser_codepoint")]
        ch: Option<char>,
        /// Its one-based position.
        position: u32,
    },
    /// Too few classes of a K-of-N rule.
    Classes {
        /// Classes of the rule present.
        present: u32,
        /// K.
        required: u32,
        /// Names of the rule's classes that are present.
        present_names: Vec<&'c str>,
        /// Names of the rule's classes that are missing.
        missing: Vec<&'c str>,
    },
    /// Too few characters of one class.
    ClassCount {
        /// The class name.
        class: &'c str,
        /// How many there are.
        actual: u32,
        /// The minimum.
        min: u32,
    },
    /// The user name found (not secret: it is the caller's or the
    /// policy's).
    Username {
        /// The account name. Not serialized and not in messages: the
        /// password may consist of it.
        #[serde(skip)]
        name: &'c str,
    },
    /// The longest run of one character.
    Run {
        /// The repeated character; `None` when withheld (as for
        /// [`Detail::Character`]).
        #[serde(serialize_with = "ser_codepoint")]
        ch: Option<char>,
        /// Run length.
        length: u32,
        /// Longest allowed.
        max: u32,
        /// One-based position of the run's first character.
        position: u32,
    },
    /// A refused value (the value is not repeated).
    Denied,
    /// A fixed word the policy forbids, found.
    Substring {
        /// The word, as the policy lists it. Not serialized and not in
        /// messages: the password may consist of it.
        #[serde(skip)]
        word: &'c str,
    },
    /// Not UTF-8.
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: u32,
    },
}

/// A length maximum: `null` for none (`u32::MAX`), the one convention of
/// `check --format json` and `explain --format json`.
fn ser_max<S: serde::Serializer>(max: &u32, s: S) -> Result<S::Ok, S::Error> {
    match *max {
        u32::MAX => s.serialize_none(),
        m => s.serialize_u32(m),
    }
}

fn ser_codepoint<S: serde::Serializer>(
    c: &Option<char>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match c {
        Some(c) => s.serialize_str(&format!("U+{:04X}", u32::from(*c))),
        None => s.serialize_none(),
    }
}
