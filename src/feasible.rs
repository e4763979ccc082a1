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
use crate::policy::Rules;
use crate::selection::Selection;

/// The necessary conditions above, on the combined form.
pub(crate) fn check(sel: &Selection) -> Result<(), Error> {
    let fail = |reason: String| Error::Unsatisfiable {
        policies: sel.labels(),
        reason,
    };
    let common = &sel.alphabet;
    if common.is_empty() {
        return Err(fail(
            "no character is allowed by every policy's alphabet".into(),
        ));
    }

    let bounds = sel.length;
    if bounds.comparable && bounds.min > bounds.max {
        return Err(fail(format!(
            "{} needs at least {} characters but {} allows at most {}",
            sel.targets[bounds.longest_min].label(),
            bounds.min,
            sel.targets[bounds.shortest_max].label(),
            bounds.max,
        )));
    }

    for t in &sel.targets {
        // Named one by one: a new rule must say whether it can make a
        // combination unsatisfiable on its own.
        let Rules {
            length: _,
            alphabet: _,
            classes,
            classes_required,
            min_counts,
            forbidden_first: _,
            forbidden_last: _,
            username: _,
            max_run: _,
            deny: _,
        } = t.rules();
        let narrowed_by = |set: &CharSet| -> String {
            let culprits: Vec<&str> = sel
                .targets
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
        if let Some(req) = classes_required {
            let usable: Vec<usize> = req
                .of
                .iter()
                .copied()
                .filter(|&i| !classes[i].set.intersection(common).is_empty())
                .collect();
            if (usable.len() as u32) < req.at_least {
                let dead: Vec<String> = req
                    .of
                    .iter()
                    .filter(|i| !usable.contains(i))
                    .map(|&i| {
                        format!(
                            "{} ({})",
                            classes[i].name,
                            narrowed_by(&classes[i].set)
                        )
                    })
                    .collect();
                return Err(fail(format!(
                    "{} requires {} of its classes, but only {} can be used \
                     with characters every policy allows; unusable: {}",
                    t.label(),
                    req.at_least,
                    usable.len(),
                    dead.join("; ")
                )));
            }
        }
        for &(i, _) in min_counts {
            let class = &classes[i];
            if class.set.intersection(common).is_empty() {
                return Err(fail(format!(
                    "{} requires class {}, whose characters are {}",
                    t.label(),
                    class.name,
                    narrowed_by(&class.set)
                )));
            }
        }
    }

    let first_ok = common.difference(&sel.forbidden_first);
    if bounds.min > 0 && first_ok.is_empty() {
        return Err(fail(
            "every character all policies allow is forbidden as the first \
             character by one of them"
                .into(),
        ));
    }
    Ok(())
}
