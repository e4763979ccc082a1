//! Whether a set of policy variants can be satisfied at once, with a
//! message that names the clashing requirements when it cannot.
//!
//! [`check`] tests necessary conditions with messages that name the
//! requirement: a common alphabet, overlapping length bounds, every class
//! requirement reachable with characters all variants allow, and an
//! allowed first character. [`check_exact`] then asks the generator's
//! automaton and exact count (the same code `Generator` uses) whether any
//! password complies at all, and when none does, names the rules that
//! clash by switching each off in turn.

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
            dictionary: _, // a dictionary alone never empties every length
            forbidden_substrings: _,
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

/// A few cheap candidate passwords: one character of each distinct class
/// (within the common alphabet) in turn, at the shortest allowed length,
/// rotated so each can come first. The checker tries them before the
/// exact answer is sought: one it accepts proves the selection
/// satisfiable without building the generator's automaton, which is the
/// common case and costs a few checks instead of thousands of states.
pub(crate) fn candidates(sel: &Selection) -> Vec<String> {
    let mut reps: Vec<char> = Vec::new();
    for class in &sel.classes {
        let usable = class.intersection(&sel.alphabet);
        if let Some(c) = usable.chars().find(|c| !reps.contains(c)) {
            reps.push(c);
        }
    }
    if let Some(c) = sel.alphabet.chars().find(|c| !reps.contains(c)) {
        reps.push(c);
    }
    let len = sel.length.min.max(1);
    if reps.is_empty() || len > 256 {
        return Vec::new();
    }
    (0..reps.len())
        .map(|k| {
            reps.iter().cycle().skip(k).take(len as usize).collect::<String>()
        })
        .collect()
}

/// The rules that can be switched off, by the name a policy file uses.
const RELAXABLE: [&str; 10] = [
    "length",
    "classes_required",
    "min_counts",
    "forbidden_first",
    "forbidden_last",
    "username",
    "max_run",
    "deny",
    "dictionary",
    "forbidden_substrings",
];

/// `rules` with the rule `name` switched off; `None` when it is not set.
/// Every field is named: a new rule must say whether it can clash.
fn relax(rules: &Rules, name: &str) -> Option<Rules> {
    let Rules {
        length,
        alphabet: _, // what every clash is over: named in the message
        classes: _,  // not a rule: what the requirements refer to
        classes_required,
        min_counts,
        forbidden_first,
        forbidden_last,
        username,
        max_run,
        deny,
        dictionary,
        forbidden_substrings,
    } = rules;
    let mut r = rules.clone();
    let set = match name {
        "length" => {
            (r.length.min, r.length.max) = (0, u32::MAX);
            length.min != 0 || length.max != u32::MAX
        }
        "classes_required" => {
            r.classes_required = None;
            classes_required.is_some()
        }
        "min_counts" => {
            r.min_counts.clear();
            !min_counts.is_empty()
        }
        "forbidden_first" => {
            r.forbidden_first = CharSet::new();
            !forbidden_first.is_empty()
        }
        "forbidden_last" => {
            r.forbidden_last = CharSet::new();
            !forbidden_last.is_empty()
        }
        "username" => {
            r.username = None;
            username.is_some()
        }
        "max_run" => {
            r.max_run = None;
            max_run.is_some()
        }
        "deny" => {
            r.deny.clear();
            !deny.is_empty()
        }
        "dictionary" => {
            r.dictionary.clear();
            !dictionary.is_empty()
        }
        "forbidden_substrings" => {
            r.forbidden_substrings = None;
            forbidden_substrings.is_some()
        }
        _ => false,
    };
    set.then_some(r)
}

/// The rules (of every target at once) without any one of which some
/// password would comply.
fn clashing(sel: &Selection) -> Vec<&'static str> {
    RELAXABLE
        .into_iter()
        .filter(|&name| {
            sel.targets.iter().any(|t| relax(t.rules(), name).is_some())
                && sel
                    .map_rules(|r| relax(r, name).unwrap_or_else(|| r.clone()))
                    .is_ok_and(|s| {
                        crate::generate::satisfiable(&s) == Some(true)
                    })
        })
        .collect()
}

fn clash_words(rules: &[&str]) -> String {
    match rules {
        [] => "its rules cannot all be met, and switching off any one of \
               them does not help"
            .to_string(),
        [one] => format!("{one} cannot be met (without it, passwords exist)"),
        [init @ .., last] => format!(
            "{} and {last} clash (without any one of them, passwords exist)",
            init.join(", ")
        ),
    }
}

/// The exact answer: an error naming the clashing rules when the
/// generator's count finds no compliant password at any length.
pub(crate) fn check_exact(sel: &Selection) -> Result<(), Error> {
    if crate::generate::satisfiable(sel) != Some(false) {
        return Ok(());
    }
    let fail = |reason: String| Error::Unsatisfiable {
        policies: sel.labels(),
        reason,
    };
    let alphabet = &sel.alphabet;
    if sel.targets.len() == 1 {
        return Err(fail(format!(
            "{}'s requirements cannot be met: {} (alphabet: {alphabet})",
            sel.targets[0].label(),
            clash_words(&clashing(sel))
        )));
    }
    for (i, t) in sel.targets.iter().enumerate() {
        let Ok(one) = sel.only(i) else { continue };
        if crate::generate::satisfiable(&one) == Some(false) {
            return Err(fail(format!(
                "{}'s requirements cannot be met with only the characters \
                 every policy allows ({alphabet}): {}",
                t.label(),
                clash_words(&clashing(&one))
            )));
        }
    }
    Err(fail(format!(
        "each policy can be met alone, but not all together over the \
         characters every policy allows ({alphabet}): {}",
        clash_words(&clashing(sel))
    )))
}
