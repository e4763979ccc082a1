//! Turning a verdict back into violations with their details, and the
//! accessors that describe what a checker combines. Nothing here is on the
//! check path; listing violations allocates.

use crate::charset::CharSet;
use crate::policy::Rules;
use crate::verdict::{Code, Detail, Verdict, Violation};

use super::Checker;

/// Explaining.
impl Checker {
    /// Every violation in `verdict`, grouped by policy variant in the order
    /// they were combined, then by [`Code::ALL`] order. Allocates; call it
    /// only for refused passwords.
    ///
    /// Details never reveal enough to rebuild the password: a character is
    /// withheld (`ch: None`, the position kept) when the password is
    /// shorter than 8 characters, or when showing it would reveal more
    /// than half of the password's positions (see docs/cli.md, "What a
    /// violation reveals").
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
                                Some(&(slot, _, _)) => verdict.count(slot),
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
                        ch: Some(verdict.run.ch),
                        length: verdict.run_len,
                        max: t.max_run,
                        position: verdict.run.position,
                    }),
                    Code::DeniedValue => push(Detail::Denied),
                }
            }
        }
        crate::message::withhold(&mut out, verdict.last.position);
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
