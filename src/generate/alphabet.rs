//! The generation alphabet: what the generator draws from, and why it is
//! smaller than what the policies allow when it is (an open alphabet, a
//! length unit other than characters).

use crate::charset::CharSet;
use crate::error::Error;
use crate::selection::Selection;
use crate::spec::LengthUnit;
use crate::verdict::unit_index;

use super::model::MAX_ALPHABET;

/// What an open alphabet is narrowed to: the 94 graphic ASCII characters,
/// `!` to `~`. Space is left out because a password that starts or ends
/// with one is trimmed by many forms and shells; non-ASCII because the
/// vendors that allow it say nothing about how it is encoded or counted.
pub(crate) const NARROWED: (char, char) = ('!', '~');

/// The generation alphabet: the common alphabet, narrowed to the graphic
/// ASCII characters in it when it is over [`MAX_ALPHABET`] (an open
/// alphabet), and to characters that count as one unit in every target's
/// length unit, so that "length L" means the same thing to every policy;
/// and why it is smaller than the common alphabet, if it is.
pub(crate) fn generation_alphabet(
    sel: &Selection,
) -> (CharSet, Option<String>) {
    let (mut alphabet, mut narrowed) = open_alphabet(&sel.alphabet);
    let ascii = CharSet::from_ranges([('\0', '\u{7F}')]);
    if sel.units != 1 << unit_index(LengthUnit::Chars) {
        if !alphabet.is_ascii() {
            alphabet = alphabet.intersection(&ascii);
            narrowed = Some(
                "a policy counts length in bytes, UTF-16 units or \
                 graphemes, so only ASCII characters are generated"
                    .into(),
            );
        }
        // CR LF is one grapheme; drop CR so every character is one.
        if sel.units & 1 << unit_index(LengthUnit::Graphemes) != 0
            && alphabet.contains('\r')
            && alphabet.contains('\n')
        {
            alphabet = alphabet.difference(&CharSet::from_chars(['\r']));
            narrowed = Some(
                "a policy counts graphemes, and CR LF is one, so CR is not \
                 generated"
                    .into(),
            );
        }
    }
    (alphabet, narrowed)
}

/// An open alphabet narrowed to its [`NARROWED`] characters, with the
/// note that says so; any other unchanged. Open means over
/// [`MAX_ALPHABET`] characters, or with unassigned code points in it: no
/// vendor lists those, so an alphabet holding them was written as "every
/// character but …" (AWS Directory Service's `.`), and drawing from it
/// would make passwords of characters no keyboard types.
pub(crate) fn open_alphabet(alphabet: &CharSet) -> (CharSet, Option<String>) {
    let n = alphabet.len();
    let why = if n > MAX_ALPHABET {
        format!("over the generator's limit of {MAX_ALPHABET}")
    } else if !alphabet.intersection(unassigned()).is_empty() {
        "unassigned code points among them".to_string()
    } else {
        return (alphabet.clone(), None);
    };
    let narrow = alphabet.intersection(&CharSet::from_ranges([NARROWED]));
    let note = format!(
        "the policies allow {n} characters, {why}, so the generator draws \
         from the printable ASCII characters they allow (space excluded): \
         {} characters, and the count and entropy are over those",
        narrow.len()
    );
    (narrow, Some(note))
}

/// Unassigned code points (General_Category Cn), computed once.
fn unassigned() -> &'static CharSet {
    static CN: std::sync::OnceLock<CharSet> = std::sync::OnceLock::new();
    CN.get_or_init(|| {
        crate::unicode::general_category("Cn").unwrap_or_default()
    })
}

/// Fails closed, naming the class and the restriction, when a class some
/// target requires a minimum of has no character in the narrowed
/// generation alphabet, or when fewer of a "K of N" rule's classes than
/// K do: `check` would accept passwords the generator cannot make.
pub(super) fn unreachable_requirement(
    sel: &Selection,
    alphabet: &CharSet,
    why: Option<&str>,
) -> Result<(), Error> {
    let why = why.unwrap_or_default();
    for t in &sel.targets {
        let r = t.rules();
        let usable =
            |i: usize| !r.classes[i].set.intersection(alphabet).is_empty();
        let dead: Vec<&str> = r
            .min_counts
            .iter()
            .filter(|&&(i, _)| !usable(i))
            .map(|&(i, _)| r.classes[i].name.as_str())
            .collect();
        let short = r.classes_required.as_ref().filter(|cr| {
            (cr.of.iter().filter(|&&i| usable(i)).count() as u32) < cr.at_least
        });
        if dead.is_empty() && short.is_none() {
            continue;
        }
        let what = match short {
            Some(cr) if dead.is_empty() => format!(
                "{} of its classes are required but fewer have a character \
                 the generator draws",
                cr.at_least
            ),
            _ => format!(
                "class {} is required but has no character the generator \
                 draws",
                dead.join(", ")
            ),
        };
        return Err(Error::Unsatisfiable {
            policies: sel.labels(),
            reason: format!(
                "{}: {what}; this is the generator's own restriction: {why}",
                t.label()
            ),
        });
    }
    Ok(())
}
