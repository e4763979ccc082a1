//! `length`: bounds and unit, defaults for what the policy leaves out.

use crate::policy::Length;
use crate::spec::{LengthSpec, LengthUnit};

use super::Resolver;

/// Resolves `length`; no rule means any length in characters.
pub(super) fn resolve(
    r: &mut Resolver<'_, '_>,
    spec: Option<&LengthSpec>,
) -> Length {
    let (min, max, unit) = match spec {
        Some(l) => (l.min.unwrap_or(0), l.max.unwrap_or(u32::MAX), l.unit),
        None => (0, u32::MAX, LengthUnit::Chars),
    };
    if min > max {
        r.report(
            &["length", "min"],
            format!("min {min} is greater than max {max}"),
        );
    }
    if max == 0 {
        r.report(&["length", "max"], "max 0 allows no password".into());
    }
    Length { min, max, unit }
}
