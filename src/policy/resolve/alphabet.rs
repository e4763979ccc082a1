//! `alphabet`: the named classes' union, or the required classes' union.

use crate::charset::CharSet;

use super::Resolver;

/// Resolves `alphabet`. Without one, the alphabet is the union of the
/// classes the requirements named, so this runs after them.
pub(super) fn resolve(
    r: &mut Resolver<'_, '_>,
    names: Option<&[String]>,
) -> CharSet {
    let mut set = CharSet::new();
    match names {
        Some(names) => {
            for name in names {
                if let Some(s) = r.class_set(name, &["alphabet"]) {
                    set.union_with(&s);
                }
            }
        }
        None => {
            for c in &r.classes {
                set.union_with(&c.set);
            }
        }
    }
    if set.is_empty() {
        r.report(
            &["alphabet"],
            "the alphabet is empty: name it with `alphabet:` or require \
             some classes"
                .into(),
        );
    }
    set
}
