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
//!   deny-lists) cost a pass of their own only when some target has them.
//!
//! For ASCII passwords the check goes further (see [`tables`]): the byte
//! scan only collects equivalence classes, and lengths, class rules and
//! user names are answered for every target at once by table lookups, so
//! combining policies costs little more than checking one.

mod report;
mod tables;
#[cfg(test)]
mod tests;

use unicode_segmentation::UnicodeSegmentation;

use crate::charset::CharSet;
use crate::error::{Error, Limit, LimitKind};
use crate::policy::{Rules, Variant};
use crate::spec::LengthUnit;
use crate::verdict::{
    CODES, CharAt, Code, MAX_COUNTED, MAX_TARGETS, Verdict, unit_index,
};
use tables::{Bitap, ByteScan, ClassTable, LengthTable};

/// Most distinct character classes across the combined policies.
pub const MAX_CLASS_BITS: usize = 64;

/// Most user-name patterns (names × {contains, reversed}) one checker holds.
pub const MAX_USERNAME_PATTERNS: usize = 64;

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
/// let verdict = checker.check("abc123abc");
/// let found: Vec<(&str, Code)> = checker
///     .violations(&verdict)
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
/// println!("{}", checker.violations(&verdict)[0].message(Lang::En));
/// # Ok::<(), passpolicy::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Checker {
    targets: Vec<Target>,
    /// Distinct class sets; bit `i` of a class mask is `classes[i]`.
    classes: Vec<CharSet>,
    ascii_classes: [u64; 128],
    ascii_refused: [u16; 128],
    /// Non-ASCII characters some class or alphabet mentions, as sorted
    /// disjoint ranges with their class bits and refusing targets. Any other
    /// non-ASCII character is in no class and refused by every target.
    wide: Vec<WideRange>,
    ascii_first_forbidden: [u16; 128],
    ascii_last_forbidden: [u16; 128],
    all: u16,
    /// Length units some target uses (bit = `unit_index`).
    units: u8,
    /// Class bits whose count matters (minimum counts above one).
    counted: Vec<u8>,
    needs_run: bool,
    usernames: Vec<UsernamePattern>,
    /// Refused values, sorted, with the targets refusing each.
    deny: Vec<(String, u16)>,
    /// The ASCII fast path's byte scan (`None`: too many distinct bytes).
    scan: Option<ByteScan>,
    /// One per length unit in use.
    length_tables: Vec<LengthTable>,
    /// Every target's length bounds in one table, for the ASCII fast
    /// path: an ASCII password has as many bytes and UTF-16 units as
    /// characters (graphemes turn the fast path off), so one lookup
    /// answers all units.
    ascii_lengths: LengthTable,
    /// Class rules by classes present (`None`: too many classes).
    class_table: Option<ClassTable>,
    /// Every user-name pattern at once (`None`: non-ASCII or too long).
    bitap: Option<Bitap>,
    /// Some target has a rule the tables do not answer (minimum counts
    /// above one, runs), so the per-target loop must run.
    needs_target_loop: bool,
    /// The fast path must hand every password to the general one: some
    /// target has a rule the tables do not answer, or there are user names
    /// the automaton cannot hold.
    ascii_needs_rare: bool,
    /// `u16::MAX` when `ascii_needs_rare`, else 0: or-ed into the refusing
    /// targets so that the fast path tests both with one branch.
    ascii_rare_mask: u16,
}

#[derive(Clone, Debug)]
struct WideRange {
    lo: char,
    hi: char,
    classes: u64,
    refused: u16,
}

/// One combined policy variant.
#[derive(Clone, Debug)]
struct Target {
    label: String,
    vendor_code: Option<String>,
    rules: Rules,
    /// Class bit of each of `rules.classes`.
    class_bits: Vec<u8>,
    of_mask: u64,
    at_least: u32,
    /// Classes that must occur at least once (every `min_counts` class).
    required_mask: u64,
    /// (index into `Checker::counted`, class index in rules, minimum) for
    /// minimum counts above one.
    counts: Vec<(usize, usize, u32)>,
    max_run: u32,
    /// The user names the user-name rule checks.
    names: Vec<String>,
}

#[derive(Clone, Debug)]
struct UsernamePattern {
    /// The pattern, case-folded unless `case_sensitive`.
    pattern: String,
    /// The account name it comes from, for messages.
    name: String,
    reversed: bool,
    case_sensitive: bool,
    targets: u16,
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
/// # Ok::<(), passpolicy::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct CheckerBuilder {
    user: Option<String>,
}

impl CheckerBuilder {
    /// Check user-name rules against `name` instead of each variant's
    /// default accounts.
    pub fn user(mut self, name: impl Into<String>) -> CheckerBuilder {
        self.user = Some(name.into());
        self
    }

    /// Compiles the variants into one checker.
    ///
    /// # Errors
    ///
    /// [`Error::NoPolicy`] for an empty list; [`Error::Limit`] past
    /// [`MAX_TARGETS`] variants or [`MAX_CLASS_BITS`] distinct classes;
    /// [`Error::Unsatisfiable`] when no password can satisfy every variant.
    pub fn build(&self, variants: &[&Variant]) -> Result<Checker, Error> {
        Checker::compile(variants, self.user.as_deref())
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
        Checker::compile(variants, None)
    }

    fn compile(
        variants: &[&Variant],
        user: Option<&str>,
    ) -> Result<Checker, Error> {
        if variants.is_empty() {
            return Err(Error::NoPolicy);
        }
        // The same variant named twice adds nothing.
        let mut unique: Vec<&Variant> = Vec::new();
        for v in variants {
            if !unique.iter().any(|u| u.label() == v.label()) {
                unique.push(v);
            }
            // Past the limit the answer is an error: stop comparing, so
            // that thousands of variants cost no quadratic time.
            if unique.len() > MAX_TARGETS {
                break;
            }
        }
        if unique.len() > MAX_TARGETS {
            return Err(Error::Limit(Limit::new(
                LimitKind::Targets,
                variants.len(),
                MAX_TARGETS,
            )));
        }
        crate::feasible::check_intersection(&unique)?;

        let mut classes: Vec<CharSet> = Vec::new();
        let mut targets = Vec::new();
        let mut counted: Vec<u8> = Vec::new();
        for v in &unique {
            let rules = v.rules().clone();
            let mut class_bits = Vec::new();
            for c in &rules.classes {
                // Two classes of one variant with the same characters
                // still count twice in "K of N" (as the reference reads
                // it), so they get a bit each; across variants, equal
                // classes share one.
                let bit =
                    match classes.iter().enumerate().position(|(i, s)| {
                        *s == c.set && !class_bits.contains(&(i as u8))
                    }) {
                        Some(i) => i,
                        None => {
                            classes.push(c.set.clone());
                            classes.len() - 1
                        }
                    };
                if bit >= MAX_CLASS_BITS {
                    return Err(Error::Limit(Limit::new(
                        LimitKind::Classes,
                        bit + 1,
                        MAX_CLASS_BITS,
                    )));
                }
                class_bits.push(bit as u8);
            }
            let (of_mask, at_least) = match &rules.classes_required {
                Some(r) => (
                    r.of.iter().fold(0u64, |m, &i| m | 1 << class_bits[i]),
                    r.at_least,
                ),
                None => (0, 0),
            };
            let mut required_mask = 0u64;
            let mut counts = Vec::new();
            for &(i, m) in &rules.min_counts {
                required_mask |= 1 << class_bits[i];
                if m > 1 {
                    let slot =
                        match counted.iter().position(|&b| b == class_bits[i])
                        {
                            Some(s) => s,
                            None => {
                                counted.push(class_bits[i]);
                                counted.len() - 1
                            }
                        };
                    if slot >= MAX_COUNTED {
                        return Err(Error::Limit(Limit::new(
                            LimitKind::CountedClasses,
                            slot + 1,
                            MAX_COUNTED,
                        )));
                    }
                    counts.push((slot, i, m));
                }
            }
            let names = match (&rules.username, user) {
                (None, _) => Vec::new(),
                (Some(_), Some(u)) => vec![u.to_string()],
                (Some(_), None) => v.accounts().to_vec(),
            };
            targets.push(Target {
                label: v.label().to_string(),
                vendor_code: v.vendor_error_code().map(str::to_string),
                max_run: rules.max_run.unwrap_or(u32::MAX),
                rules,
                class_bits,
                of_mask,
                at_least,
                required_mask,
                counts,
                names,
            });
        }

        let all: u16 = if targets.len() == 16 {
            u16::MAX
        } else {
            (1u16 << targets.len()) - 1
        };
        let mut checker = Checker {
            ascii_classes: [0; 128],
            ascii_refused: [0; 128],
            wide: Vec::new(),
            ascii_first_forbidden: [0; 128],
            ascii_last_forbidden: [0; 128],
            all,
            units: 1, // characters are always measured
            counted,
            needs_run: targets.iter().any(|t| t.max_run != u32::MAX),
            usernames: Vec::new(),
            deny: Vec::new(),
            scan: None,
            length_tables: Vec::new(),
            ascii_lengths: LengthTable::new(0, Vec::new()),
            class_table: None,
            bitap: None,
            needs_target_loop: false,
            ascii_needs_rare: false,
            ascii_rare_mask: 0,
            classes,
            targets,
        };
        checker.build_tables();
        checker.build_usernames()?;
        checker.build_deny();
        for t in &checker.targets {
            checker.units |= 1 << unit_index(t.rules.length.unit);
        }
        checker.build_fast_path();
        Ok(checker)
    }

    /// The tables of the ASCII fast path and of the rule evaluation (see
    /// the [`tables`] module).
    fn build_fast_path(&mut self) {
        self.scan = ByteScan::new(&self.ascii_classes, &self.ascii_refused);
        for unit in 0..4 {
            let bounds: Vec<(u16, u32, u32)> = self
                .targets
                .iter()
                .enumerate()
                .filter(|(_, t)| unit_index(t.rules.length.unit) == unit)
                .map(|(i, t)| (1 << i, t.rules.length.min, t.rules.length.max))
                .collect();
            if !bounds.is_empty() {
                self.length_tables.push(LengthTable::new(unit, bounds));
            }
        }
        let all: Vec<(u16, u32, u32)> = self
            .targets
            .iter()
            .enumerate()
            .map(|(i, t)| (1 << i, t.rules.length.min, t.rules.length.max))
            .collect();
        self.ascii_lengths = LengthTable::new(0, all);
        let rules: Vec<(u64, u32, u64)> = self
            .targets
            .iter()
            .map(|t| (t.of_mask, t.at_least, t.required_mask))
            .collect();
        self.class_table = ClassTable::new(self.classes.len(), &rules);
        self.bitap = Bitap::new(
            self.usernames
                .iter()
                .map(|p| (p.pattern.as_str(), p.case_sensitive)),
        );
        self.needs_target_loop = self.class_table.is_none()
            || self.targets.iter().any(|t| !t.counts.is_empty())
            || self.needs_run;
        self.ascii_needs_rare = self.needs_target_loop
            || !self.counted.is_empty()
            || !self.deny.is_empty()
            || (!self.usernames.is_empty() && self.bitap.is_none());
        self.ascii_rare_mask =
            if self.ascii_needs_rare { u16::MAX } else { 0 };
        // Grapheme clusters are counted by the general path only.
        if self.units & 1 << 3 != 0 {
            self.scan = None;
        }
    }

    fn build_tables(&mut self) {
        for b in 0u8..128 {
            let c = char::from(b);
            self.ascii_classes[b as usize] = self.class_mask(c);
            self.ascii_refused[b as usize] = self.refusing(c);
            self.ascii_first_forbidden[b as usize] =
                self.targets_where(|t| t.rules.forbidden_first.contains(c));
            self.ascii_last_forbidden[b as usize] =
                self.targets_where(|t| t.rules.forbidden_last.contains(c));
        }
        // Split the non-ASCII part of every set at each boundary, so that
        // within one piece class membership and refusal are constant.
        let mut bounds: Vec<u32> = Vec::new();
        let sets = self
            .classes
            .iter()
            .chain(self.targets.iter().map(|t| &t.rules.alphabet));
        for set in sets {
            for &(lo, hi) in set.ranges() {
                let lo = u32::from(lo).max(128);
                let hi = u32::from(hi);
                if hi >= lo {
                    bounds.push(lo);
                    bounds.push(hi + 1);
                }
            }
        }
        bounds.sort_unstable();
        bounds.dedup();
        for pair in bounds.windows(2) {
            let (Some(lo), Some(hi)) =
                (first_char_at_or_after(pair[0]), last_char_before(pair[1]))
            else {
                continue;
            };
            if lo > hi {
                continue;
            }
            let classes = self.class_mask(lo);
            let refused = self.refusing(lo);
            if classes == 0 && refused == self.all {
                continue;
            }
            self.wide.push(WideRange { lo, hi, classes, refused });
        }
    }

    fn class_mask(&self, c: char) -> u64 {
        self.classes
            .iter()
            .enumerate()
            .filter(|(_, s)| s.contains(c))
            .fold(0, |m, (i, _)| m | 1 << i)
    }

    fn refusing(&self, c: char) -> u16 {
        self.targets_where(|t| !t.rules.alphabet.contains(c))
    }

    fn targets_where(&self, f: impl Fn(&Target) -> bool) -> u16 {
        self.targets
            .iter()
            .enumerate()
            .filter(|(_, t)| f(t))
            .fold(0, |m, (i, _)| m | 1 << i)
    }

    fn build_usernames(&mut self) -> Result<(), Error> {
        let mut patterns: Vec<UsernamePattern> = Vec::new();
        for (i, t) in self.targets.iter().enumerate() {
            let Some(rule) = t.rules.username else { continue };
            for name in t.names.iter().filter(|n| !n.is_empty()) {
                let mut add = |reversed: bool| {
                    let text: String = if reversed {
                        name.chars().rev().collect()
                    } else {
                        name.clone()
                    };
                    let pattern = if rule.case_sensitive {
                        text
                    } else {
                        text.chars().map(fold).collect()
                    };
                    let existing = patterns.iter_mut().find(|p| {
                        p.pattern == pattern
                            && p.reversed == reversed
                            && p.case_sensitive == rule.case_sensitive
                            && p.name == *name
                    });
                    match existing {
                        Some(p) => p.targets |= 1 << i,
                        None => patterns.push(UsernamePattern {
                            pattern,
                            name: name.clone(),
                            reversed,
                            case_sensitive: rule.case_sensitive,
                            targets: 1 << i,
                        }),
                    }
                };
                if rule.contains {
                    add(false);
                }
                if rule.reversed {
                    add(true);
                }
                // Checked as they grow: patterns are never removed, and
                // the search for duplicates is quadratic in their number.
                if patterns.len() > MAX_USERNAME_PATTERNS {
                    return Err(Error::Limit(Limit::new(
                        LimitKind::UsernamePatterns,
                        patterns.len(),
                        MAX_USERNAME_PATTERNS,
                    )));
                }
            }
        }
        self.usernames = patterns;
        Ok(())
    }

    fn build_deny(&mut self) {
        // Sorted, then equal values merged: a linear search per value made
        // a long deny-list take quadratic time to compile.
        let mut all: Vec<(String, u16)> = Vec::new();
        for (i, t) in self.targets.iter().enumerate() {
            all.extend(t.rules.deny.iter().map(|v| (v.clone(), 1 << i)));
        }
        all.sort();
        let mut deny: Vec<(String, u16)> = Vec::with_capacity(all.len());
        for (value, mask) in all {
            match deny.last_mut() {
                Some((last, m)) if *last == value => *m |= mask,
                _ => deny.push((value, mask)),
            }
        }
        self.deny = deny;
    }
}

/// Checking.
impl Checker {
    /// Checks a password against every combined policy variant.
    ///
    /// Allocation-free; the result is a `Copy` value. Use
    /// [`Checker::violations`] to list the reasons.
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
    pub fn check(&self, password: &str) -> Verdict {
        // A non-ASCII byte folds to refused characters, which `check_ascii`
        // hands to the general path: no separate test here.
        match &self.scan {
            Some(scan) => self.check_ascii(
                password.as_bytes(),
                scan.scan(password.as_bytes()),
            ),
            None => self.check_general(password),
        }
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
    pub fn check_bytes(&self, password: &[u8]) -> Verdict {
        // ASCII is valid UTF-8: the fast path needs no separate validation.
        if let Some(seen) = self.ascii_scan(password) {
            return self.check_ascii(password, seen);
        }
        match std::str::from_utf8(password) {
            Ok(s) => self.check_general(s),
            Err(e) => {
                let mut v = Verdict::EMPTY;
                v.fails[Code::InvalidUtf8.index()] = self.all;
                v.invalid_at =
                    u32::try_from(e.valid_up_to()).unwrap_or(u32::MAX);
                v
            }
        }
    }

    /// Whether every combined policy variant accepts `password`: the same
    /// answer as `check(password).is_ok()`, without building the verdict,
    /// for callers that only need yes or no (the CLI's `--quiet` batch
    /// mode, rejection sampling).
    ///
    /// ```
    /// use passpolicy::Catalog;
    ///
    /// let checker = Catalog::builtin().checker(&["tencent-cvm-v2/windows"])?;
    /// assert!(checker.accepts("abc123ABC!@#"));
    /// assert!(!checker.accepts("short"));
    /// # Ok::<(), passpolicy::Error>(())
    /// ```
    pub fn accepts(&self, password: &str) -> bool {
        self.accepts_bytes(password.as_bytes())
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
    pub fn accepts_bytes(&self, password: &[u8]) -> bool {
        if let (Some(seen), Some(scan)) =
            (self.ascii_scan(password), &self.scan)
        {
            let (present, refused) = scan.fold(seen);
            if refused != 0 {
                return false;
            }
            if !self.ascii_needs_rare {
                let chars = u32::try_from(password.len()).unwrap_or(u32::MAX);
                let (fails, ..) = self.ascii_fails(password, chars, present);
                return fails.iter().fold(0, |a, &m| a | m) == 0;
            }
        }
        self.check_bytes(password).is_ok()
    }

    /// The set of byte equivalence classes in `bytes` when the fast path
    /// applies: the checker has its tables and every byte is ASCII.
    #[inline(always)]
    fn ascii_scan(&self, bytes: &[u8]) -> Option<u64> {
        let scan = self.scan.as_ref()?;
        let seen = scan.scan(bytes);
        (seen & ByteScan::NON_ASCII == 0).then_some(seen)
    }

    /// The fast path, for ASCII passwords: every field is computed into
    /// locals and the verdict is built once, in place, at the end (a
    /// verdict filled through a reference, or handed to another function,
    /// is built on the stack and copied out: a quarter of the check).
    ///
    /// Passwords with a disallowed character, and checkers with rules the
    /// tables do not answer, take the general path instead.
    #[inline(always)]
    fn check_ascii(&self, bytes: &[u8], seen: u64) -> Verdict {
        let (present, refused) = match &self.scan {
            Some(scan) => scan.fold(seen),
            None => (0, 0), // unreachable: `ascii_scan` needs the scan
        };
        if refused | self.ascii_rare_mask != 0 {
            // `bytes` is UTF-8 (ASCII, or a `&str` from `check`), so this
            // cannot fail.
            return self.check_general(
                std::str::from_utf8(bytes).unwrap_or_default(),
            );
        }
        let chars = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
        let lengths = [chars, chars, chars, 0];
        let (fails, user_hits, first, last) =
            self.ascii_fails(bytes, chars, present);
        Verdict {
            fails,
            lengths,
            present,
            counts: None,
            bad: None,
            first,
            last,
            run: CharAt::default(),
            run_len: 0,
            user_hits,
            invalid_at: 0,
        }
    }

    /// The failures of an ASCII password without disallowed characters
    /// (first and last characters, user names, lengths and classes), and
    /// the user-name patterns found, and the first and last characters
    /// (read once here for both uses).
    #[inline(always)]
    fn ascii_fails(
        &self,
        bytes: &[u8],
        chars: u32,
        present: u64,
    ) -> ([u16; CODES], u64, CharAt, CharAt) {
        let mut fails = [0u16; CODES];
        let (mut first, mut last) = (CharAt::default(), CharAt::default());
        if let (Some(&b), Some(&e)) = (bytes.first(), bytes.last()) {
            first = CharAt { ch: char::from(b), position: 1 };
            last = CharAt { ch: char::from(e), position: chars };
            fails[Code::ForbiddenPrefix.index()] =
                self.ascii_first_forbidden[usize::from(b & 0x7F)];
            fails[Code::ForbiddenSuffix.index()] =
                self.ascii_last_forbidden[usize::from(e & 0x7F)];
        }
        let mut user_hits = 0;
        if !self.usernames.is_empty() {
            user_hits = self.ascii_usernames(bytes, &mut fails);
        }
        let (short, long) = self.ascii_lengths.fails(chars);
        fails[Code::TooShort.index()] = short;
        fails[Code::TooLong.index()] = long;
        self.class_rules(present, &mut fails);
        (fails, user_hits, first, last)
    }

    /// The user-name patterns found in an ASCII password, recorded in
    /// `fails`. Out of line: its loops would otherwise make the fast path
    /// save and restore more registers on every check.
    #[inline(never)]
    fn ascii_usernames(&self, bytes: &[u8], fails: &mut [u16; CODES]) -> u64 {
        let Some(bitap) = &self.bitap else { return 0 };
        let hits = bitap.find(bytes);
        self.record_usernames(hits, fails);
        hits
    }

    /// Any password: non-ASCII characters, a length in graphemes, or a
    /// checker without the fast path's tables.
    #[cold]
    #[inline(never)]
    fn check_general(&self, password: &str) -> Verdict {
        let mut v = Verdict::EMPTY;
        let bytes = password.as_bytes();

        // One pass over the bytes. Non-ASCII bytes look up entry 0 here and
        // are redone below; or-ing them into `high` keeps the loop free of
        // branches.
        let mut present = 0u64;
        let mut refused = 0u16;
        let mut high = 0u8;
        for &b in bytes {
            let i = usize::from(b & 0x7F);
            present |= self.ascii_classes[i];
            refused |= self.ascii_refused[i];
            high |= b;
        }
        let chars;
        if high < 0x80 {
            chars = bytes.len() as u32;
            v.lengths[1] = chars;
            v.lengths[2] = chars;
        } else {
            (present, refused, chars) = self.scan_wide(password, &mut v);
        }
        v.lengths[0] = chars;
        if self.units & 1 << 3 != 0 {
            v.lengths[3] = password.graphemes(true).count() as u32;
        }
        v.present = present;

        if refused != 0 {
            self.locate_refused(password, refused, &mut v);
        }
        v.fails[Code::DisallowedCharacter.index()] = refused;

        if let Some(first) = password.chars().next() {
            v.first = CharAt { ch: first, position: 1 };
            v.fails[Code::ForbiddenPrefix.index()] =
                self.first_forbidden(first);
            let last = password.chars().next_back().unwrap_or(first);
            v.last = CharAt { ch: last, position: chars };
            v.fails[Code::ForbiddenSuffix.index()] = self.last_forbidden(last);
        }
        if !self.usernames.is_empty() {
            self.find_usernames(password, &mut v);
        }
        let (lengths, present) = (v.lengths, v.present);
        self.table_rules(&lengths, present, &mut v.fails);
        self.per_target_rules(password, &mut v);
        v
    }

    /// Length and class rules for every target at once, from the tables.
    #[inline(always)]
    fn table_rules(
        &self,
        lengths: &[u32; 4],
        present: u64,
        fails: &mut [u16; CODES],
    ) {
        // Usually one table (every target counts characters), so it is
        // looked up outside the loop.
        if let Some((table, more)) = self.length_tables.split_first() {
            let (mut short, mut long) = table.fails(lengths[table.unit & 3]);
            for table in more {
                let (s, l) = table.fails(lengths[table.unit & 3]);
                (short, long) = (short | s, long | l);
            }
            fails[Code::TooShort.index()] = short;
            fails[Code::TooLong.index()] = long;
        }
        self.class_rules(present, fails);
    }

    /// The "K of N" and "at least one of" rules, from the class table.
    #[inline(always)]
    fn class_rules(&self, present: u64, fails: &mut [u16; CODES]) {
        if let Some(table) = &self.class_table {
            let (classes, missing) = table.fails(present);
            fails[Code::NotEnoughClasses.index()] |= classes;
            fails[Code::TooFewOfClass.index()] |= missing;
        }
    }

    /// The rules the tables do not answer: minimum counts above one, runs
    /// and the deny-list (one pass each, only when some target has them),
    /// and the class rules when there are too many classes for a table.
    fn per_target_rules(&self, password: &str, v: &mut Verdict) {
        if !self.counted.is_empty() {
            self.count_classes(password, v);
        }
        if self.needs_run {
            longest_run(password, v);
        }
        if !self.deny.is_empty()
            && let Ok(i) =
                self.deny.binary_search_by(|(d, _)| d.as_str().cmp(password))
        {
            v.fails[Code::DeniedValue.index()] = self.deny[i].1;
        }
        if !self.needs_target_loop {
            return;
        }
        for (i, t) in self.targets.iter().enumerate() {
            let bit = 1u16 << i;
            if self.class_table.is_none() {
                if (v.present & t.of_mask).count_ones() < t.at_least {
                    v.fails[Code::NotEnoughClasses.index()] |= bit;
                }
                if v.present & t.required_mask != t.required_mask {
                    v.fails[Code::TooFewOfClass.index()] |= bit;
                }
            }
            if t.counts.iter().any(|&(slot, _, m)| v.count(slot) < m) {
                v.fails[Code::TooFewOfClass.index()] |= bit;
            }
            if v.run_len > t.max_run {
                v.fails[Code::RepeatedCharacter.index()] |= bit;
            }
        }
    }

    /// The slow path for passwords with non-ASCII characters.
    fn scan_wide(&self, password: &str, v: &mut Verdict) -> (u64, u16, u32) {
        let (mut present, mut refused, mut chars, mut utf16) =
            (0, 0, 0u32, 0u32);
        for c in password.chars() {
            let (classes, r) = self.lookup(c);
            present |= classes;
            refused |= r;
            chars += 1;
            utf16 += c.len_utf16() as u32;
        }
        v.lengths[1] = u32::try_from(password.len()).unwrap_or(u32::MAX);
        v.lengths[2] = utf16;
        (present, refused, chars)
    }

    fn lookup(&self, c: char) -> (u64, u16) {
        if c.is_ascii() {
            let i = c as usize;
            return (self.ascii_classes[i], self.ascii_refused[i]);
        }
        match self.wide.binary_search_by(|r| {
            if r.hi < c {
                std::cmp::Ordering::Less
            } else if r.lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            Ok(i) => (self.wide[i].classes, self.wide[i].refused),
            Err(_) => (0, self.all),
        }
    }

    /// Records, for every refusing target, its first refused character.
    fn locate_refused(&self, password: &str, refused: u16, v: &mut Verdict) {
        let mut pending = refused;
        let bad = v.bad.get_or_insert([CharAt::default(); MAX_TARGETS]);
        for (pos, c) in password.chars().enumerate() {
            let (_, r) = self.lookup(c);
            let mut new = r & pending;
            pending &= !r;
            while new != 0 {
                let t = new.trailing_zeros() as usize;
                new &= new - 1;
                bad[t] = CharAt { ch: c, position: pos as u32 + 1 };
            }
            if pending == 0 {
                break;
            }
        }
    }

    fn first_forbidden(&self, c: char) -> u16 {
        if c.is_ascii() {
            self.ascii_first_forbidden[c as usize]
        } else {
            self.targets_where(|t| t.rules.forbidden_first.contains(c))
        }
    }

    fn last_forbidden(&self, c: char) -> u16 {
        if c.is_ascii() {
            self.ascii_last_forbidden[c as usize]
        } else {
            self.targets_where(|t| t.rules.forbidden_last.contains(c))
        }
    }

    fn count_classes(&self, password: &str, v: &mut Verdict) {
        let counts = v.counts.get_or_insert([0; MAX_COUNTED]);
        for c in password.chars() {
            let (classes, _) = self.lookup(c);
            for (slot, &bit) in self.counted.iter().enumerate() {
                counts[slot] += (classes >> bit) as u32 & 1;
            }
        }
    }

    fn find_usernames(&self, password: &str, v: &mut Verdict) {
        let hits = self
            .usernames
            .iter()
            .enumerate()
            .filter(|(_, p)| contains(password, &p.pattern, p.case_sensitive))
            .fold(0u64, |hits, (i, _)| hits | 1 << i);
        v.user_hits = hits;
        self.record_usernames(hits, &mut v.fails);
    }

    /// Records the user-name patterns found (bit `i` = pattern `i`).
    #[inline(always)]
    fn record_usernames(&self, hits: u64, fails: &mut [u16; CODES]) {
        let mut rest = hits;
        while rest != 0 {
            let i = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            let Some(p) = self.usernames.get(i) else { break };
            let code = if p.reversed {
                Code::ContainsReversedUsername
            } else {
                Code::ContainsUsername
            };
            fails[code.index()] |= p.targets;
        }
    }
}

/// Folds a character for case-insensitive user-name matching: Unicode
/// simple case folding (see the `fold` module).
pub(crate) fn fold(c: char) -> char {
    crate::fold::simple_fold(c)
}

/// Whether `haystack` contains `needle` (already folded when
/// case-insensitive), comparing character by character without allocating.
fn contains(haystack: &str, needle: &str, case_sensitive: bool) -> bool {
    if needle.is_empty() {
        return false;
    }
    if case_sensitive {
        return haystack.contains(needle);
    }
    if haystack.is_ascii() && needle.is_ascii() {
        let (h, n) = (haystack.as_bytes(), needle.as_bytes());
        return h.windows(n.len()).any(|w| {
            w.iter().zip(n).all(|(a, b)| a.to_ascii_lowercase() == *b)
        });
    }
    let mut starts = haystack.char_indices();
    loop {
        let rest = &haystack[starts.offset()..];
        let mut h = rest.chars();
        if needle.chars().all(|n| h.next().is_some_and(|c| fold(c) == n)) {
            return true;
        }
        if starts.next().is_none() {
            return false;
        }
    }
}

fn longest_run(password: &str, v: &mut Verdict) {
    let mut prev = None;
    let mut len = 0u32;
    let mut start = 0u32;
    for (pos, c) in password.chars().enumerate() {
        if Some(c) == prev {
            len += 1;
        } else {
            prev = Some(c);
            len = 1;
            start = pos as u32 + 1;
        }
        if len > v.run_len {
            v.run_len = len;
            v.run = CharAt { ch: c, position: start };
        }
    }
}

fn first_char_at_or_after(code: u32) -> Option<char> {
    match code {
        0xD800..=0xDFFF => Some('\u{E000}'),
        _ => char::from_u32(code),
    }
}

fn last_char_before(code: u32) -> Option<char> {
    match code - 1 {
        0xD800..=0xDFFF => Some('\u{D7FF}'),
        c => char::from_u32(c),
    }
}

impl LengthUnit {
    /// The unit's name in policy files.
    pub fn as_str(self) -> &'static str {
        match self {
            LengthUnit::Chars => "chars",
            LengthUnit::Bytes => "bytes",
            LengthUnit::Utf16 => "utf16",
            LengthUnit::Graphemes => "graphemes",
        }
    }
}
