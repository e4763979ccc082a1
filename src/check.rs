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

use unicode_segmentation::UnicodeSegmentation;

use crate::charset::CharSet;
use crate::error::Error;
use crate::policy::{Rules, Variant};
use crate::spec::LengthUnit;
use crate::verdict::{
    CharAt, Code, Detail, MAX_COUNTED, MAX_TARGETS, Verdict, Violation,
    unit_index,
};

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
    /// Class bits listed more than once in the K-of-N rule (two names, same
    /// characters), once per extra listing: each listing counts, as in the
    /// reference interpreter, but a mask holds each bit once.
    of_extra: Vec<u8>,
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
            return Err(Error::Limit(format!(
                "more than {MAX_TARGETS} distinct policy variants combined \
                 ({} named); one checker combines at most {MAX_TARGETS}",
                variants.len()
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
                    return Err(Error::Limit(format!(
                        "more than {MAX_CLASS_BITS} distinct character \
                         classes in the combined policies"
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
            let mut of_extra = Vec::new();
            if let Some(r) = &rules.classes_required {
                for (k, &i) in r.of.iter().enumerate() {
                    let bit = class_bits[i];
                    if r.of[..k].iter().any(|&j| class_bits[j] == bit) {
                        of_extra.push(bit);
                    }
                }
            }
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
                        return Err(Error::Limit(format!(
                            "more than {MAX_COUNTED} classes with a minimum \
                             count above one in the combined policies"
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
                of_extra,
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
            classes,
            targets,
        };
        checker.build_tables();
        checker.build_usernames()?;
        checker.build_deny();
        for t in &checker.targets {
            checker.units |= 1 << unit_index(t.rules.length.unit);
        }
        Ok(checker)
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
                    return Err(Error::Limit(format!(
                        "more than {MAX_USERNAME_PATTERNS} user-name \
                         patterns (account names × contains/reversed); one \
                         checker holds at most {MAX_USERNAME_PATTERNS}"
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

        if !self.counted.is_empty() {
            self.count_classes(password, &mut v);
        }
        if self.needs_run {
            longest_run(password, &mut v);
        }
        if !self.usernames.is_empty() {
            self.find_usernames(password, &mut v);
        }
        if !self.deny.is_empty()
            && let Ok(i) =
                self.deny.binary_search_by(|(d, _)| d.as_str().cmp(password))
        {
            v.fails[Code::DeniedValue.index()] = self.deny[i].1;
        }

        for (i, t) in self.targets.iter().enumerate() {
            let bit = 1u16 << i;
            let len = v.lengths[unit_index(t.rules.length.unit)];
            if len < t.rules.length.min {
                v.fails[Code::TooShort.index()] |= bit;
            }
            if len > t.rules.length.max {
                v.fails[Code::TooLong.index()] |= bit;
            }
            let listed = (present & t.of_mask).count_ones()
                + t.of_extra
                    .iter()
                    .map(|&b| (present >> b) as u32 & 1)
                    .sum::<u32>();
            if listed < t.at_least {
                v.fails[Code::NotEnoughClasses.index()] |= bit;
            }
            let counts_short =
                t.counts.iter().any(|&(slot, _, m)| v.counts[slot] < m);
            if present & t.required_mask != t.required_mask || counts_short {
                v.fails[Code::TooFewOfClass.index()] |= bit;
            }
            if v.run_len > t.max_run {
                v.fails[Code::RepeatedCharacter.index()] |= bit;
            }
        }
        v
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
        match std::str::from_utf8(password) {
            Ok(s) => self.check(s),
            Err(e) => {
                let mut v = Verdict::EMPTY;
                v.fails[Code::InvalidUtf8.index()] = self.all;
                v.invalid_at =
                    u32::try_from(e.valid_up_to()).unwrap_or(u32::MAX);
                v
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
        for (pos, c) in password.chars().enumerate() {
            let (_, r) = self.lookup(c);
            let mut new = r & pending;
            pending &= !r;
            while new != 0 {
                let t = new.trailing_zeros() as usize;
                new &= new - 1;
                v.bad[t] = CharAt { ch: c, position: pos as u32 + 1 };
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
        for c in password.chars() {
            let (classes, _) = self.lookup(c);
            for (slot, &bit) in self.counted.iter().enumerate() {
                v.counts[slot] += (classes >> bit) as u32 & 1;
            }
        }
    }

    fn find_usernames(&self, password: &str, v: &mut Verdict) {
        for (i, p) in self.usernames.iter().enumerate() {
            if contains(password, &p.pattern, p.case_sensitive) {
                v.user_hits |= 1 << i;
                let code = if p.reversed {
                    Code::ContainsReversedUsername
                } else {
                    Code::ContainsUsername
                };
                v.fails[code.index()] |= p.targets;
            }
        }
    }
}

/// Explaining.
impl Checker {
    /// Every violation in `verdict`, grouped by policy variant in the order
    /// they were combined, then by [`Code::ALL`] order. Allocates; call it
    /// only for refused passwords.
    pub fn violations(&self, verdict: &Verdict) -> Vec<Violation<'_>> {
        let mut out = Vec::new();
        for (i, t) in self.targets.iter().enumerate() {
            for code in Code::ALL {
                if verdict.fails[code.index()] & (1 << i) == 0 {
                    continue;
                }
                let mut push = |detail| {
                    out.push(Violation {
                        code,
                        policy: &t.label,
                        vendor_code: t.vendor_code.as_deref(),
                        detail,
                    })
                };
                let length = |actual| Detail::Length {
                    actual,
                    min: t.rules.length.min,
                    max: t.rules.length.max,
                    unit: t.rules.length.unit,
                };
                match code {
                    Code::InvalidUtf8 => push(Detail::InvalidUtf8 {
                        offset: verdict.invalid_at,
                    }),
                    Code::TooShort | Code::TooLong => {
                        push(length(verdict.length(t.rules.length.unit)))
                    }
                    Code::DisallowedCharacter => push(Detail::Character {
                        ch: verdict.bad[i].ch,
                        position: verdict.bad[i].position,
                    }),
                    Code::ForbiddenPrefix => push(Detail::Character {
                        ch: verdict.first.ch,
                        position: 1,
                    }),
                    Code::ForbiddenSuffix => push(Detail::Character {
                        ch: verdict.last.ch,
                        position: verdict.last.position,
                    }),
                    Code::NotEnoughClasses => {
                        let req = t.rules.classes_required.as_ref();
                        let of = req.map(|r| r.of.as_slice()).unwrap_or(&[]);
                        let has = |ci: usize| {
                            verdict.present >> t.class_bits[ci] & 1 == 1
                        };
                        let name =
                            |&ci: &usize| t.rules.classes[ci].name.as_str();
                        let present_names: Vec<&str> = of
                            .iter()
                            .filter(|&&ci| has(ci))
                            .map(name)
                            .collect();
                        let missing: Vec<&str> = of
                            .iter()
                            .filter(|&&ci| !has(ci))
                            .map(name)
                            .collect();
                        push(Detail::Classes {
                            present: present_names.len() as u32,
                            required: t.at_least,
                            present_names,
                            missing,
                        })
                    }
                    Code::TooFewOfClass => {
                        for &(ci, m) in &t.rules.min_counts {
                            let bit = t.class_bits[ci];
                            let actual = match t
                                .counts
                                .iter()
                                .find(|&&(_, c, _)| c == ci)
                            {
                                Some(&(slot, _, _)) => verdict.counts[slot],
                                None => (verdict.present >> bit & 1) as u32,
                            };
                            if actual < m {
                                push(Detail::ClassCount {
                                    class: &t.rules.classes[ci].name,
                                    actual,
                                    min: m,
                                });
                            }
                        }
                    }
                    Code::ContainsUsername
                    | Code::ContainsReversedUsername => {
                        let reversed = code == Code::ContainsReversedUsername;
                        for (pi, p) in self.usernames.iter().enumerate() {
                            let hit = verdict.user_hits >> pi & 1 == 1;
                            if hit
                                && p.reversed == reversed
                                && p.targets & (1 << i) != 0
                            {
                                push(Detail::Username { name: &p.name });
                            }
                        }
                    }
                    Code::RepeatedCharacter => push(Detail::Run {
                        ch: verdict.run.ch,
                        length: verdict.run_len,
                        max: t.max_run,
                        position: verdict.run.position,
                    }),
                    Code::DeniedValue => push(Detail::Denied),
                }
            }
        }
        out
    }

    /// The combined variants' labels (`tencent-cvm-v2/windows`), in order;
    /// bit `i` of a verdict's target masks is label `i`.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.targets.iter().map(|t| t.label.as_str())
    }

    /// The rules of each combined variant, in label order.
    pub fn rules(&self) -> impl Iterator<Item = &Rules> {
        self.targets.iter().map(|t| &t.rules)
    }

    /// The user names each variant's user-name rule checks (empty for a
    /// variant without one), in label order.
    pub fn usernames(&self) -> impl Iterator<Item = &[String]> {
        self.targets.iter().map(|t| t.names.as_slice())
    }

    /// The vendor error code of each variant, in label order.
    pub fn vendor_codes(&self) -> impl Iterator<Item = Option<&str>> {
        self.targets.iter().map(|t| t.vendor_code.as_deref())
    }

    /// The characters every combined variant allows.
    pub fn common_alphabet(&self) -> CharSet {
        let mut it = self.targets.iter();
        let first =
            it.next().map(|t| t.rules.alphabet.clone()).unwrap_or_default();
        it.fold(first, |a, t| a.intersection(&t.rules.alphabet))
    }
}

/// Folds a character for case-insensitive user-name matching: its
/// lowercase form when that is a single character (simple case folding),
/// else the character itself.
pub(crate) fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
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
