//! The verdict on a record too long to store (see `input.rs`).
//!
//! The record was measured but not kept, so only its length and UTF-8
//! validity are known. It is refused by every policy: with `invalid_utf8`
//! when it is not UTF-8 (as `Checker::check_bytes` would), else with
//! `too_long`. Where the policy's own maximum is exceeded in its own unit
//! (characters, bytes or UTF-16 units, all measured exactly) the violation
//! says so; otherwise (a policy without a maximum, or one counted in
//! graphemes, which are not measured) it reports this tool's record limit
//! in bytes, which is the real reason for the refusal.

use passpolicy::{Checker, Code, Detail, LengthUnit, Violation};

use crate::input::{MAX_RECORD_BYTES, Oversized};

/// One violation per combined policy variant.
pub fn violations<'c>(
    checker: &'c Checker,
    record: &Oversized,
) -> Vec<Violation<'c>> {
    let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    checker
        .targets()
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
                    max: MAX_RECORD_BYTES as u32,
                    unit: LengthUnit::Bytes,
                },
            };
            Violation { code: Code::TooLong, policy, vendor_code, detail }
        })
        .collect()
}
