//! Turning a verdict back into violations with their details, and the
//! accessors that describe what a checker combines. Nothing here is on the
//! check path; listing violations allocates.

use crate::selection::Target;
use crate::verdict::{CODES, Code, Detail, Report, Violation};

use super::{Checker, TargetTable};

/// Explaining.
impl Checker {
    /// Every violation of `password` (text or raw bytes, as
    /// [`Checker::check_bytes`] reads them), grouped by policy variant in
    /// the order they were combined, then by [`Code::ALL`] order; empty
    /// when every variant accepts it. Allocates; call it for refused
    /// passwords, after [`Checker::check`] said so.
    ///
    /// Details never reveal enough to rebuild the password: a character is
    /// withheld (`ch: None`, the position kept) when the password is
    /// shorter than 8 characters, or when showing it would reveal more
    /// than half of the password's positions (see docs/cli.md, "What a
    /// violation reveals").
    ///
    /// It takes the password, not a verdict: the details are measured
    /// again from it, by this checker, so nothing made by another checker
    /// (whose target and class bits mean other rules) can be explained by
    /// this one.
    ///
    /// ```
    /// use passpolicy::{Catalog, Code};
    ///
    /// let checker = Catalog::builtin().checker(&["baidu-bcc"])?;
    /// assert!(!checker.check("short").is_ok());
    /// let codes: Vec<Code> =
    ///     checker.violations("short").iter().map(|v| v.code).collect();
    /// assert_eq!(codes, [Code::TooShort, Code::NotEnoughClasses]);
    /// assert!(checker.violations("Abc12345!").is_empty());
    /// # Ok::<(), passpolicy::Error>(())
    /// ```
    pub fn violations(
        &self,
        password: impl AsRef<[u8]>,
    ) -> Vec<Violation<'_>> {
        let mut out = Vec::new();
        self.violations_into(password, &mut out);
        out
    }

    /// [`Checker::violations`] into `out`, which is cleared first: the
    /// same violations, in the same order. A caller explaining many
    /// passwords keeps one `out`, and its room (and that of the class
    /// lists of the violations it held) is reused rather than allocated
    /// again for each.
    ///
    /// ```
    /// use passpolicy::{Catalog, Code};
    ///
    /// let checker = Catalog::builtin().checker(&["baidu-bcc"])?;
    /// let mut out = Vec::new();
    /// for password in ["short", "lowercaseonly"] {
    ///     checker.violations_into(password, &mut out);
    ///     assert_eq!(out, checker.violations(password));
    /// }
    /// checker.violations_into("Abc12345!", &mut out);
    /// assert!(out.is_empty());
    /// # Ok::<(), passpolicy::Error>(())
    /// ```
    pub fn violations_into<'c>(
        &'c self,
        password: impl AsRef<[u8]>,
        out: &mut Vec<Violation<'c>>,
    ) {
        let mut report = Report::EMPTY;
        self.report_into(password.as_ref(), &mut report);
        self.report_violations(&report, out);
    }

    /// Every violation a report records (see [`Checker::violations`]),
    /// into `out`, which is cleared first.
    pub(crate) fn report_violations<'c>(
        &'c self,
        verdict: &Report,
        out: &mut Vec<Violation<'c>>,
    ) {
        let mut spare = Spare::default();
        for v in out.drain(..) {
            spare.keep(v.detail);
        }
        for_each_failure(verdict, |i, code| {
            self.violations_of(verdict, i, code, &mut spare, &mut |v| {
                out.push(v)
            })
        });
        crate::message::withhold(out, verdict.last.position);
    }

    /// Hands `push` the violations of target `i` for `code` (which it
    /// failed), in order, before any character is withheld: one, several
    /// for minimum counts and user names, none for a target or equality
    /// the checker does not know.
    pub(super) fn violations_of<'c>(
        &'c self,
        verdict: &Report,
        i: usize,
        code: Code,
        spare: &mut Spare<'c>,
        push: &mut impl FnMut(Violation<'c>),
    ) {
        let (Some(t), Some(table)) =
            (self.sel.targets.get(i), self.tables.get(i))
        else {
            return;
        };
        let rules = t.rules();
        let mut push = |detail| {
            push(Violation {
                code,
                policy: t.label(),
                vendor_code: t.vendor_code(),
                detail,
            })
        };
        let length = |actual| Detail::Length {
            actual,
            min: rules.length.min,
            max: rules.length.max,
            unit: rules.length.unit,
        };
        match code {
            Code::InvalidUtf8 => {
                push(Detail::InvalidUtf8 { offset: verdict.invalid_at })
            }
            Code::TooShort | Code::TooLong => {
                push(length(verdict.length(rules.length.unit)))
            }
            Code::DisallowedCharacter => push(Detail::Character {
                ch: Some(verdict.bad(i).ch),
                position: verdict.bad(i).position,
            }),
            Code::ForbiddenPrefix => push(Detail::Character {
                ch: Some(verdict.first.ch),
                position: 1,
            }),
            Code::ForbiddenSuffix => push(Detail::Character {
                ch: Some(verdict.last.ch),
                position: verdict.last.position,
            }),
            Code::NotEnoughClasses => {
                push(classes_detail(t, table, verdict, spare))
            }
            Code::TooFewOfClass => count_details(t, table, verdict)
                .into_iter()
                .for_each(&mut push),
            Code::EqualsUsername | Code::EqualsReversedUsername => {
                // The verdict keeps which targets failed, not which name:
                // the first name of the target with the code (names are
                // not shown in messages anyway).
                if let Some(e) = self
                    .sel
                    .equals
                    .iter()
                    .find(|e| e.code == code && e.targets & (1 << i) != 0)
                {
                    push(Detail::Username { name: &e.name });
                }
            }
            Code::DictionaryWord => push(Detail::Denied),
            Code::ContainsUsername
            | Code::ContainsReversedUsername
            | Code::ContainsPartOfUsername
            | Code::ContainsDisplayName => self
                .pattern_hits(verdict, code, i, true)
                .into_iter()
                .for_each(|name| push(Detail::Username { name })),
            Code::RepeatedCharacter => push(Detail::Run {
                ch: Some(verdict.run.ch),
                length: verdict.run_len,
                max: table.max_run,
                position: verdict.run.position,
            }),
            Code::DeniedValue => push(Detail::Denied),
            Code::ContainsForbiddenSubstring => self
                .pattern_hits(verdict, code, i, false)
                .into_iter()
                .for_each(|word| push(Detail::Substring { word })),
        }
    }

    /// The names (or forbidden words) of the patterns with `code` that
    /// target `i` refused the password for, in pattern order; with `once`,
    /// each name once (several runs of one name are one violation).
    fn pattern_hits(
        &self,
        verdict: &Report,
        code: Code,
        i: usize,
        once: bool,
    ) -> Vec<&str> {
        let mut named: Vec<&str> = Vec::new();
        for (pi, p) in self.sel.usernames.iter().enumerate() {
            if verdict.user_hits >> pi & 1 == 1
                && p.code == code
                && p.targets & (1 << i) != 0
                && !(once && named.contains(&p.name.as_str()))
            {
                named.push(&p.name);
            }
        }
        named
    }
}

/// Calls `f(i, code)` for every code target `i` failed, by target (in the
/// order they were combined), then in [`Code::ALL`] order: the order of
/// [`Checker::violations`]. A refused password fails few codes for few
/// targets, so only those are visited.
pub(super) fn for_each_failure(
    report: &Report,
    mut f: impl FnMut(usize, Code),
) {
    // Bit `c`: code `c` (by index) failed for some target; read in index
    // order, with constant shifts (a few vector instructions: this runs
    // for every refused line the CLI writes), then moved to the bit of
    // the code's place in `Code::ALL`, for the few that failed.
    let (mut failed, mut targets) = (0u64, 0u16);
    for (c, &m) in report.fails.iter().enumerate() {
        failed |= u64::from(m != 0) << c;
        targets |= m;
    }
    let mut codes = 0u64;
    while failed != 0 {
        codes |= 1 << RANK[failed.trailing_zeros() as usize];
        failed &= failed - 1;
    }
    while targets != 0 {
        let i = targets.trailing_zeros() as usize;
        targets &= targets - 1;
        let mut left = codes;
        while left != 0 {
            let code = Code::ALL[left.trailing_zeros() as usize];
            left &= left - 1;
            if report.fails[code.index()] >> i & 1 == 1 {
                f(i, code);
            }
        }
    }
}

/// By code index, the code's place in [`Code::ALL`].
const RANK: [u8; CODES] = {
    let mut rank = [0u8; CODES];
    let mut k = 0;
    while k < CODES {
        rank[Code::ALL[k] as usize] = k as u8;
        k += 1;
    }
    rank
};

/// Name lists of violations a caller's buffer held, to be filled again
/// rather than allocated: a few, as a refused password has few
/// `not_enough_classes` violations (one per policy variant at most).
#[derive(Default)]
pub(super) struct Spare<'c> {
    lists: [Vec<&'c str>; 4],
    len: usize,
}

impl<'c> Spare<'c> {
    /// Keeps the name lists of `detail`, while there is room.
    fn keep(&mut self, detail: Detail<'c>) {
        if let Detail::Classes { present_names, missing, .. } = detail {
            for list in [present_names, missing] {
                if self.len < self.lists.len() && list.capacity() > 0 {
                    self.lists[self.len] = list;
                    self.len += 1;
                }
            }
        }
    }

    /// An empty list with room for `n` names: a kept one when there is
    /// one.
    fn list(&mut self, n: usize) -> Vec<&'c str> {
        if self.len == 0 {
            return Vec::with_capacity(n);
        }
        self.len -= 1;
        let mut list = std::mem::take(&mut self.lists[self.len]);
        list.clear();
        list.reserve(n);
        list
    }
}

/// Whether the password has a character of class `ci` of target `t`.
fn has_class(t: &Target, ci: usize, verdict: &Report) -> bool {
    t.class_bits.get(ci).is_some_and(|&b| verdict.present >> b & 1 == 1)
}

/// The classes target `t`'s K-of-N rule lists, in its order.
fn rule_of(t: &Target) -> &[usize] {
    t.rules().classes_required.as_ref().map_or(&[][..], |r| &r.of)
}

/// Which classes of target `t`'s K-of-N rule the password has (bit `j`:
/// the `j`-th it lists); `None` for a rule of more than 64 classes.
pub(super) fn classes_present(t: &Target, verdict: &Report) -> Option<u64> {
    let of = rule_of(t);
    (of.len() <= 64).then(|| {
        of.iter().enumerate().fold(0u64, |has, (j, &ci)| {
            has | u64::from(has_class(t, ci, verdict)) << j
        })
    })
}

/// The names of the classes target `t`'s K-of-N rule lists, in its
/// order.
pub(super) fn rule_class_names<'a>(
    t: &'a Target,
) -> impl Iterator<Item = &'a str> + Clone + 'a {
    let classes = &t.rules().classes;
    rule_of(t).iter().map(|&ci| classes[ci].name.as_str())
}

/// `not_enough_classes`: which of the classes the rule lists the password
/// has and lacks.
fn classes_detail<'a>(
    t: &'a Target,
    table: &TargetTable,
    verdict: &Report,
    spare: &mut Spare<'a>,
) -> Detail<'a> {
    let (rules, of) = (t.rules(), rule_of(t));
    // One pass and no allocation past the first refused password of a
    // reused buffer: `collect` on a filter grows from nothing, and this
    // runs for most refused passwords.
    let n = of.iter().filter(|&&ci| has_class(t, ci, verdict)).count();
    let mut present_names = spare.list(n);
    let mut missing = spare.list(of.len() - n);
    for &ci in of {
        let name = rules.classes[ci].name.as_str();
        if has_class(t, ci, verdict) {
            present_names.push(name)
        } else {
            missing.push(name)
        }
    }
    Detail::Classes {
        present: present_names.len() as u32,
        required: table.at_least,
        present_names,
        missing,
    }
}

/// `too_few_of_class`: one detail per class below its minimum count.
fn count_details<'a>(
    t: &'a Target,
    table: &TargetTable,
    verdict: &Report,
) -> Vec<Detail<'a>> {
    let rules = t.rules();
    rules
        .min_counts
        .iter()
        .filter_map(|&(ci, m)| {
            let bit = t.class_bits[ci];
            let actual = match table.counts.iter().find(|&&(_, c, _)| c == ci)
            {
                Some(&(slot, _, _)) => verdict.count(slot),
                None => (verdict.present >> bit & 1) as u32,
            };
            (actual < m).then(|| Detail::ClassCount {
                class: &rules.classes[ci].name,
                actual,
                min: m,
            })
        })
        .collect()
}
