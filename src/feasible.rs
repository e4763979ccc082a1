//! Whether a set of policy variants can be satisfied at once, with a
//! message that names the clashing requirements when it cannot.
//!
//! These are necessary conditions, checked when a checker is compiled: a
//! common alphabet, overlapping length bounds, every class requirement
//! reachable with characters all variants allow, and an allowed first
//! character. The generator's exact count is the final word: a combination
//! that passes here but admits no password at any length is reported by
//! the generator.

use crate::charset::CharSet;
use crate::error::Error;
use crate::policy::Variant;
use crate::spec::LengthUnit;

pub(crate) fn check_intersection(variants: &[&Variant]) -> Result<(), Error> {
    let fail = |reason: String| Error::Unsatisfiable {
        policies: variants.iter().map(|v| v.label().to_string()).collect(),
        reason,
    };
    let common = variants
        .iter()
        .skip(1)
        .fold(variants[0].rules().alphabet.clone(), |a, v| {
            a.intersection(&v.rules().alphabet)
        });
    if common.is_empty() {
        return Err(fail(
            "no character is allowed by every policy's alphabet".into(),
        ));
    }

    // Length bounds: comparable when all use one unit, or when every common
    // character is ASCII (chars, bytes and UTF-16 units then agree).
    let units_agree = variants
        .iter()
        .all(|v| v.rules().length.unit == variants[0].rules().length.unit)
        || (common.is_ascii()
            && variants
                .iter()
                .all(|v| v.rules().length.unit != LengthUnit::Graphemes));
    if units_agree {
        let longest_min = variants
            .iter()
            .max_by_key(|v| v.rules().length.min)
            .expect("at least one variant");
        let shortest_max = variants
            .iter()
            .min_by_key(|v| v.rules().length.max)
            .expect("at least one variant");
        let (lo, hi) =
            (longest_min.rules().length.min, shortest_max.rules().length.max);
        if lo > hi {
            return Err(fail(format!(
                "{} needs at least {lo} characters but {} allows at most {hi}",
                longest_min.label(),
                shortest_max.label()
            )));
        }
    }

    for v in variants {
        let r = v.rules();
        let narrowed_by = |set: &CharSet| -> String {
            let culprits: Vec<&str> = variants
                .iter()
                .filter(|o| o.rules().alphabet.intersection(set).is_empty())
                .map(|o| o.label())
                .collect();
            if culprits.is_empty() {
                "no single policy allows them all".to_string()
            } else {
                format!("not allowed by {}", culprits.join(", "))
            }
        };
        if let Some(req) = &r.classes_required {
            let usable: Vec<usize> = req
                .of
                .iter()
                .copied()
                .filter(|&i| {
                    !r.classes[i].set.intersection(&common).is_empty()
                })
                .collect();
            if (usable.len() as u32) < req.at_least {
                let dead: Vec<String> = req
                    .of
                    .iter()
                    .filter(|i| !usable.contains(i))
                    .map(|&i| {
                        format!(
                            "{} ({})",
                            r.classes[i].name,
                            narrowed_by(&r.classes[i].set)
                        )
                    })
                    .collect();
                return Err(fail(format!(
                    "{} requires {} of its classes, but only {} can be used \
                     with characters every policy allows; unusable: {}",
                    v.label(),
                    req.at_least,
                    usable.len(),
                    dead.join("; ")
                )));
            }
        }
        for &(i, _) in &r.min_counts {
            let class = &r.classes[i];
            if class.set.intersection(&common).is_empty() {
                return Err(fail(format!(
                    "{} requires class {}, whose characters are {}",
                    v.label(),
                    class.name,
                    narrowed_by(&class.set)
                )));
            }
        }
    }

    let mut first_ok = common.clone();
    for v in variants {
        first_ok = first_ok.difference(&v.rules().forbidden_first);
    }
    let needs_a_char = variants.iter().any(|v| v.rules().length.min > 0);
    if needs_a_char && first_ok.is_empty() {
        return Err(fail(
            "every character all policies allow is forbidden as the first \
             character by one of them"
                .into(),
        ));
    }
    Ok(())
}
