//! The verdict on a password too long for the caller to keep.
//!
//! A reader with bounded memory (the CLI keeps records of up to 64 KiB)
//! may meet a longer record. It cannot store it, but it can measure it on
//! the way: bytes, characters, UTF-16 units and UTF-8 validity
//! ([`Oversized`]). [`Checker::oversized_violations`] turns those figures
//! into the verdict, by the policies' own length rules, so that no caller
//! re-implements them.

use crate::check::Checker;
use crate::spec::LengthUnit;
use crate::verdict::{Code, Detail, Violation};

/// Measurements of a password that was read but not kept. Lengths are
/// exact when it is valid UTF-8.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Oversized {
    /// Length in bytes.
    pub bytes: u64,
    /// Length in Unicode scalar values (bytes that start a sequence).
    pub chars: u64,
    /// Length in UTF-16 code units (four-byte sequences count two).
    pub utf16: u64,
    /// Byte offset of the first invalid UTF-8 sequence, if any.
    pub invalid_at: Option<u64>,
}

impl Checker {
    /// One violation per combined variant for a password measured but not
    /// kept because it is longer than `limit` bytes, the caller's own
    /// limit: every policy refuses it. With `invalid_utf8` when it is not
    /// UTF-8 (as [`Checker::check_bytes`] would); else `too_long`, against
    /// the policy's own maximum in its own unit where it is exceeded there
    /// (characters, bytes and UTF-16 units are measured exactly), and
    /// otherwise (no maximum, or graphemes, which are not measured)
    /// against `limit` in bytes, the real reason for the refusal.
    pub fn oversized_violations(
        &self,
        record: &Oversized,
        limit: u32,
    ) -> Vec<Violation<'_>> {
        let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        self.targets()
            .iter()
            .map(|t| {
                let (policy, vendor_code, rules) =
                    (t.label(), t.vendor_code(), t.rules());
                if let Some(offset) = record.invalid_at {
                    return Violation {
                        code: Code::InvalidUtf8,
                        policy,
                        vendor_code,
                        detail: Detail::InvalidUtf8 { offset: clamp(offset) },
                    };
                }
                let length = rules.length;
                let measured = match length.unit {
                    LengthUnit::Chars => Some(record.chars),
                    LengthUnit::Bytes => Some(record.bytes),
                    LengthUnit::Utf16 => Some(record.utf16),
                    LengthUnit::Graphemes => None,
                };
                let detail = match measured {
                    Some(n) if clamp(n) > length.max => Detail::Length {
                        actual: clamp(n),
                        min: length.min,
                        max: length.max,
                        unit: length.unit,
                    },
                    _ => Detail::Length {
                        actual: clamp(record.bytes),
                        min: 0,
                        max: limit,
                        unit: LengthUnit::Bytes,
                    },
                };
                Violation { code: Code::TooLong, policy, vendor_code, detail }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalog;

    fn violations(
        checker: &Checker,
        record: Oversized,
    ) -> Vec<(Code, Detail<'_>)> {
        let out = checker.oversized_violations(&record, 65_536);
        out.into_iter().map(|v| (v.code, v.detail)).collect()
    }

    #[test]
    fn the_policy_maximum_in_its_unit_else_the_callers_limit() {
        let checker =
            Catalog::builtin().checker(&["tencent-cvm-v2/linux"]).unwrap();
        let violations = |record| violations(&checker, record);
        let record = Oversized {
            bytes: 70_000,
            chars: 69_000,
            utf16: 69_500,
            invalid_at: None,
        };
        let length =
            |actual, min, max, unit| Detail::Length { actual, min, max, unit };
        assert_eq!(
            violations(record),
            [(Code::TooLong, length(69_000, 8, 16, LengthUnit::Chars))]
        );
        // A length beyond u32 is clamped, not wrapped.
        let huge = Oversized { chars: 1 << 40, ..record };
        assert_eq!(
            violations(huge),
            [(Code::TooLong, length(u32::MAX, 8, 16, LengthUnit::Chars))]
        );
        // Within the policy's maximum in its unit (16 characters, made of
        // many combining bytes): the caller's limit is the reason.
        let within = Oversized { chars: 16, utf16: 16, ..record };
        assert_eq!(
            violations(within),
            [(Code::TooLong, length(70_000, 0, 65_536, LengthUnit::Bytes))]
        );
        let invalid = Oversized { invalid_at: Some(65_537), ..record };
        assert_eq!(
            violations(invalid),
            [(Code::InvalidUtf8, Detail::InvalidUtf8 { offset: 65_537 })]
        );
    }
}
