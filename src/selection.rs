//! The combined form of the policy variants one checker holds.
//!
//! A [`Selection`] is built once, when a [`Checker`](crate::Checker) is
//! compiled, and holds everything the consumers need to know about the
//! variants together: the targets with their metadata and user names, the
//! distinct class sets, the expanded user-name patterns, the common
//! alphabet, the first/last-character unions, the length bounds, the run
//! limit and the refused values. The check tables, the generator's
//! automaton, `explain` and the feasibility check read it and derive none
//! of these again, so they cannot disagree about what the rules say.
//!
//! The reference interpreter ([`crate::reference`]) does not read it: it
//! is the oracle the compiled forms are tested against.

mod rules;

use crate::charset::CharSet;
use crate::error::{Error, Limit, LimitKind};
use crate::policy::{AccountKind, Rules, Variant};
use crate::spec::LengthUnit;
use crate::verdict::{Code, MAX_TARGETS, unit_index};

/// Most distinct character classes across the combined policies.
pub const MAX_CLASS_BITS: usize = 64;

/// Most user-name patterns (names × {contains, reversed}) one checker holds.
pub const MAX_USERNAME_PATTERNS: usize = 64;

/// One policy variant a checker combines: the variant (label, policy id,
/// metadata, rules) and the user names its user-name rule checks.
///
/// Bit `i` of a [`Verdict`](crate::Verdict)'s target masks is the `i`-th
/// target of [`Checker::targets`](crate::Checker::targets).
///
/// ```
/// use passpolicy::Catalog;
///
/// let checker = Catalog::builtin().checker(&["huawei-clouddc/linux"])?;
/// let t = &checker.targets()[0];
/// assert_eq!(t.label(), "huawei-clouddc/linux");
/// assert_eq!((t.policy_id(), t.variant_name()), ("huawei-clouddc", Some("linux")));
/// assert_eq!(t.usernames(), ["root"]);
/// assert_eq!(t.vendor_code(), None);
/// assert_eq!(t.rules().length.min, 8);
/// # Ok::<(), passpolicy::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Target {
    variant: Variant,
    /// The user names the user-name rule checks (empty without one).
    names: Vec<String>,
    /// The display name the display-name rule checks (`None` without the
    /// rule or without a display name).
    display_name: Option<String>,
    /// The distinct-class bit of each of `rules().classes`.
    pub(crate) class_bits: Vec<u8>,
}

impl Target {
    /// The variant, with its policy's metadata.
    pub fn variant(&self) -> &Variant {
        &self.variant
    }

    /// `ID/VARIANT`, or `ID` for a policy without variants.
    pub fn label(&self) -> &str {
        self.variant.label()
    }

    /// The policy id.
    pub fn policy_id(&self) -> &str {
        self.variant.policy_id()
    }

    /// The variant name, `None` for a policy without variants.
    pub fn variant_name(&self) -> Option<&str> {
        self.variant.name()
    }

    /// The resolved rules.
    pub fn rules(&self) -> &Rules {
        self.variant.rules()
    }

    /// The user names the user-name rule checks: the caller's, the
    /// variant's accounts, or both (fixed accounts); empty for a variant
    /// without a user-name rule.
    pub fn usernames(&self) -> &[String] {
        &self.names
    }

    /// The vendor's error code for a password this variant refuses.
    pub fn vendor_code(&self) -> Option<&str> {
        self.variant.vendor_error_code()
    }

    /// The display name the display-name rule checks: the caller's
    /// ([`CheckerBuilder::display_name`](crate::CheckerBuilder::display_name)),
    /// for a variant with the rule; `None` otherwise.
    pub fn display_name(&self) -> Option<&str> {
        self.display_name.as_deref()
    }
}

/// A value the password must not be, built from a user name (MySQL's
/// `check_user_name`): the name's bytes, or those bytes reversed.
#[derive(Clone, Debug)]
pub(crate) struct EqualsValue {
    pub(crate) bytes: Vec<u8>,
    /// The account name it comes from, for messages.
    pub(crate) name: String,
    pub(crate) code: Code,
    pub(crate) targets: u16,
}

/// One user-name pattern, shared by every target that checks it; also a
/// fixed forbidden word (code `ContainsForbiddenSubstring`, `name` the
/// word), which the checker finds and the generator avoids alike.
#[derive(Clone, Debug)]
pub(crate) struct UsernamePattern {
    /// The pattern, case-folded unless `case_sensitive`.
    pub(crate) pattern: String,
    /// The account name it comes from, for messages.
    pub(crate) name: String,
    /// What finding it means: the name, the name reversed, or N
    /// consecutive characters of either.
    pub(crate) code: Code,
    pub(crate) case_sensitive: bool,
    pub(crate) targets: u16,
}

/// The tightest length bounds of the combined targets.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Bounds {
    /// The largest minimum, and the target that sets it.
    pub(crate) min: u32,
    pub(crate) longest_min: usize,
    /// The smallest maximum, and the target that sets it.
    pub(crate) max: u32,
    pub(crate) shortest_max: usize,
    /// Whether `min` and `max` are in one unit: every target counts in the
    /// same unit, or every common character is ASCII and no target counts
    /// graphemes (characters, bytes and UTF-16 units then agree).
    pub(crate) comparable: bool,
    /// The unit the bounds are in when `comparable` (characters when the
    /// units differ but agree on ASCII).
    pub(crate) unit: LengthUnit,
}

/// The combined form of a selection of variants (see the module docs).
#[derive(Clone, Debug)]
pub(crate) struct Selection {
    pub(crate) targets: Vec<Target>,
    /// Distinct class sets; bit `i` of a class mask is `classes[i]`.
    pub(crate) classes: Vec<CharSet>,
    pub(crate) usernames: Vec<UsernamePattern>,
    /// The characters every target allows.
    pub(crate) alphabet: CharSet,
    /// Characters some target forbids first, and last.
    pub(crate) forbidden_first: CharSet,
    pub(crate) forbidden_last: CharSet,
    pub(crate) length: Bounds,
    /// Length units some target uses (bit = `unit_index`); characters are
    /// always measured.
    pub(crate) units: u8,
    /// The smallest run limit.
    pub(crate) max_run: Option<u32>,
    /// Refused values, sorted, with the targets refusing each.
    pub(crate) deny: Vec<(String, u16)>,
    /// Values built from user names that a password must not be.
    pub(crate) equals: Vec<EqualsValue>,
    /// The dictionary words of every target, with the targets of each.
    pub(crate) dictionary: Vec<(String, u16)>,
    /// The matcher of `dictionary`, for the checker.
    pub(crate) matcher: Option<crate::dictionary::Dictionary>,
    /// Every target's bit.
    pub(crate) all: u16,
}

impl Selection {
    /// Combines `variants` (duplicates dropped), checking user-name rules
    /// against `user` as each variant's accounts say.
    pub(crate) fn new(
        variants: &[&Variant],
        user: Option<&str>,
        display_name: Option<&str>,
    ) -> Result<Selection, Error> {
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
        let entries = unique
            .into_iter()
            .map(|v| {
                let display = v
                    .rules()
                    .username
                    .and_then(|u| u.display_name)
                    .and(display_name)
                    .map(str::to_string);
                (v.clone(), usernames_of(v, user), display)
            })
            .collect();
        Selection::assemble(entries, None)
    }

    /// Target `i` alone, over the characters every target allows: the
    /// generator asks it whether one variant is what makes the
    /// combination unsatisfiable.
    pub(crate) fn only(&self, i: usize) -> Result<Selection, Error> {
        let t = &self.targets[i];
        let entries =
            vec![(t.variant.clone(), t.names.clone(), t.display_name.clone())];
        Selection::assemble(entries, Some(self.alphabet.clone()))
    }

    /// This selection with every target's rules replaced by `f` of them,
    /// over the same characters.
    pub(crate) fn map_rules(
        &self,
        f: impl Fn(&Rules) -> Rules,
    ) -> Result<Selection, Error> {
        let entries = self
            .targets
            .iter()
            .map(|t| {
                let v = t.variant.with_rules(f(t.rules()));
                (v, t.names.clone(), t.display_name.clone())
            })
            .collect();
        Selection::assemble(entries, Some(self.alphabet.clone()))
    }

    /// Combines prepared targets; `alphabet` narrows the common alphabet.
    fn assemble(
        entries: Vec<(Variant, Vec<String>, Option<String>)>,
        alphabet: Option<CharSet>,
    ) -> Result<Selection, Error> {
        let mut classes: Vec<CharSet> = Vec::new();
        let mut targets = Vec::with_capacity(entries.len());
        for (variant, names, display_name) in entries {
            let class_bits = class_bits(&mut classes, variant.rules())?;
            targets.push(Target { variant, names, display_name, class_bits });
        }
        let mut common =
            alphabet.unwrap_or_else(|| targets[0].rules().alphabet.clone());
        let mut forbidden_first = CharSet::new();
        let mut forbidden_last = CharSet::new();
        let mut units = 1u8;
        for t in &targets {
            // Every field is named: a new rule must say here whether it
            // has a combined form.
            let Rules {
                length,
                alphabet,
                classes: _,
                classes_required: _,
                min_counts: _,
                forbidden_first: first,
                forbidden_last: last,
                username: _,
                max_run: _,
                deny: _,
                dictionary: _,           // `dictionary`, below
                forbidden_substrings: _, // patterns, as user names
            } = t.rules();
            common = common.intersection(alphabet);
            forbidden_first.union_with(first);
            forbidden_last.union_with(last);
            units |= 1 << unit_index(length.unit);
        }
        let length = bounds(&targets, &common);
        let max_run = targets.iter().filter_map(|t| t.rules().max_run).min();
        let all = if targets.len() == 16 {
            u16::MAX
        } else {
            (1u16 << targets.len()) - 1
        };
        let dictionary = rules::dictionary(&targets)?;
        let matcher = crate::dictionary::Dictionary::new(
            &dictionary
                .iter()
                .map(|(w, m)| (w.as_str(), *m))
                .collect::<Vec<_>>(),
        );
        Ok(Selection {
            usernames: patterns(&targets)?,
            deny: deny(&targets),
            equals: rules::equals(&targets),
            dictionary,
            matcher,
            classes,
            alphabet: common,
            forbidden_first,
            forbidden_last,
            length,
            units,
            max_run,
            all,
            targets,
        })
    }

    /// The targets' labels, in order.
    pub(crate) fn labels(&self) -> Vec<String> {
        self.targets.iter().map(|t| t.label().to_string()).collect()
    }

    /// The targets whose bit is set in the result of `f`.
    pub(crate) fn targets_where(&self, f: impl Fn(&Target) -> bool) -> u16 {
        self.targets
            .iter()
            .enumerate()
            .filter(|(_, t)| f(t))
            .fold(0, |m, (i, _)| m | 1 << i)
    }
}

/// The names a variant's user-name rule checks, given the caller's `user`.
fn usernames_of(v: &Variant, user: Option<&str>) -> Vec<String> {
    if v.rules().username.is_none() {
        return Vec::new();
    }
    match (v.account_kind(), user) {
        (_, None) => v.accounts().to_vec(),
        (AccountKind::Given, Some(u)) => vec![u.to_string()],
        (AccountKind::Fixed, Some(u)) => {
            let mut names = v.accounts().to_vec();
            if !names.iter().any(|n| n == u) {
                names.push(u.to_string());
            }
            names
        }
    }
}

/// The distinct-class bit of each of `rules.classes`, adding new sets to
/// `classes`.
fn class_bits(
    classes: &mut Vec<CharSet>,
    rules: &Rules,
) -> Result<Vec<u8>, Error> {
    let mut bits: Vec<u8> = Vec::new();
    for c in &rules.classes {
        // Two classes of one variant with the same characters still count
        // twice in "K of N" (as the reference reads it), so they get a bit
        // each; across variants, equal classes share one.
        let bit = match classes
            .iter()
            .enumerate()
            .position(|(i, s)| *s == c.set && !bits.contains(&(i as u8)))
        {
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
        bits.push(bit as u8);
    }
    Ok(bits)
}

/// The tightest bounds, and whether they are in one unit.
fn bounds(targets: &[Target], common: &CharSet) -> Bounds {
    let len = |i: usize| targets[i].rules().length;
    let first = len(0).unit;
    let same = (0..targets.len()).all(|i| len(i).unit == first);
    let ascii = common.is_ascii()
        && (0..targets.len()).all(|i| len(i).unit != LengthUnit::Graphemes);
    let longest_min =
        (0..targets.len()).max_by_key(|&i| len(i).min).unwrap_or_default();
    let shortest_max =
        (0..targets.len()).min_by_key(|&i| len(i).max).unwrap_or_default();
    Bounds {
        min: len(longest_min).min,
        longest_min,
        max: len(shortest_max).max,
        shortest_max,
        comparable: same || ascii,
        unit: if same { first } else { LengthUnit::Chars },
    }
}

/// Every user-name pattern, shared by the targets that check it.
fn patterns(targets: &[Target]) -> Result<Vec<UsernamePattern>, Error> {
    let mut patterns: Vec<UsernamePattern> = Vec::new();
    for (i, t) in targets.iter().enumerate() {
        let Some(rule) = t.rules().username else { continue };
        let long_enough = |n: &&String| {
            !n.is_empty()
                && n.chars().count() as u64 >= u64::from(rule.min_name_length)
        };
        let tokens: Vec<String> = match (rule.display_name, &t.display_name) {
            (Some(d), Some(name)) => {
                d.tokens(name).map(str::to_string).collect()
            }
            _ => Vec::new(),
        };
        let sources = t
            .names
            .iter()
            .filter(long_enough)
            .map(|n| (n, false))
            .chain(tokens.iter().map(|n| (n, true)));
        for (name, is_token) in sources {
            let mut add = |text: Vec<char>, code: Code| {
                let pattern: String = if rule.case_sensitive {
                    text.into_iter().collect()
                } else {
                    text.into_iter().map(fold).collect()
                };
                let existing = patterns.iter_mut().find(|p| {
                    p.pattern == pattern
                        && p.code == code
                        && p.case_sensitive == rule.case_sensitive
                        && p.name == *name
                });
                match existing {
                    Some(p) => p.targets |= 1 << i,
                    None => patterns.push(UsernamePattern {
                        pattern,
                        name: name.clone(),
                        code,
                        case_sensitive: rule.case_sensitive,
                        targets: 1 << i,
                    }),
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
                Ok(())
            };
            let forward: Vec<char> = name.chars().collect();
            let backward: Vec<char> = forward.iter().rev().copied().collect();
            if is_token {
                add(forward, Code::ContainsDisplayName)?;
                continue;
            }
            if rule.contains {
                add(forward.clone(), Code::ContainsUsername)?;
            }
            if rule.reversed {
                add(backward.clone(), Code::ContainsReversedUsername)?;
            }
            // Every run of N characters of the name (and of it reversed):
            // each is a pattern of its own.
            if let Some(n) = rule.consecutive {
                let n = n as usize;
                let mut sources = vec![&forward];
                if rule.reversed {
                    sources.push(&backward);
                }
                for text in sources {
                    for window in text.windows(n.max(1)) {
                        add(window.to_vec(), Code::ContainsPartOfUsername)?;
                    }
                }
            }
        }
    }
    forbidden_words(targets, &mut patterns)?;
    Ok(patterns)
}

/// Each target's fixed forbidden words as patterns (case-folded unless
/// case-sensitive), merged with an equal one of another target.
fn forbidden_words(
    targets: &[Target],
    patterns: &mut Vec<UsernamePattern>,
) -> Result<(), Error> {
    for (i, t) in targets.iter().enumerate() {
        let Some(rule) = &t.rules().forbidden_substrings else { continue };
        for word in rule.values.iter().filter(|w| !w.is_empty()) {
            let pattern: String = if rule.case_sensitive {
                word.clone()
            } else {
                word.chars().map(fold).collect()
            };
            let code = Code::ContainsForbiddenSubstring;
            let existing = patterns.iter_mut().find(|p| {
                p.pattern == pattern
                    && p.code == code
                    && p.case_sensitive == rule.case_sensitive
            });
            match existing {
                Some(p) => p.targets |= 1 << i,
                None => patterns.push(UsernamePattern {
                    pattern,
                    name: word.clone(),
                    code,
                    case_sensitive: rule.case_sensitive,
                    targets: 1 << i,
                }),
            }
            if patterns.len() > MAX_USERNAME_PATTERNS {
                return Err(Error::Limit(Limit::new(
                    LimitKind::UsernamePatterns,
                    patterns.len(),
                    MAX_USERNAME_PATTERNS,
                )));
            }
        }
    }
    Ok(())
}

/// The refused values, sorted, equal values merged.
fn deny(targets: &[Target]) -> Vec<(String, u16)> {
    // Sorted, then merged: a linear search per value made a long
    // deny-list take quadratic time to compile.
    let mut all: Vec<(String, u16)> = Vec::new();
    for (i, t) in targets.iter().enumerate() {
        all.extend(t.rules().deny.iter().map(|v| (v.clone(), 1 << i)));
    }
    all.sort();
    let mut out: Vec<(String, u16)> = Vec::with_capacity(all.len());
    for (value, mask) in all {
        match out.last_mut() {
            Some((last, m)) if *last == value => *m |= mask,
            _ => out.push((value, mask)),
        }
    }
    out
}

/// Folds a character for case-insensitive user-name matching: Unicode
/// simple case folding (see the `fold` module). The checker and the
/// generator fold with this; the reference interpreter has its own.
pub(crate) fn fold(c: char) -> char {
    crate::fold::simple_fold(c)
}
