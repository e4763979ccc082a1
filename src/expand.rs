//! A bound on what YAML aliases expand to, checked before a policy is
//! deserialised.
//!
//! The file-size cap counts bytes before expansion, but an alias (`*big`)
//! stands for a whole copy of the node it names: a 15 KB file aliasing a
//! 10 KB string 1,000 times from 100 variants expanded to 800 MB, and
//! 200 KB ran out of memory. serde_yaml replays the anchored events for each
//! alias and offers no hook to bound that, so the text is first walked with
//! serde_yaml's own parser into a visitor that keeps nothing and only counts:
//! each node costs one, each string scalar its bytes besides. The walk stops
//! as soon as the count passes [`MAX_EXPANDED_BYTES`], so it never costs more
//! than that bound either.
//!
//! Without aliases the count stays below the file-size cap times 1.5 (the
//! worst escape, `"\L"`, is two characters of text for a three-byte
//! character), so the bound is twice [`MAX_POLICY_BYTES`]: it refuses only
//! documents that aliases make larger than any alias-free policy file can be.

use std::cell::Cell;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, Visitor,
};

use crate::error::{Error, Location};
use crate::policy::MAX_POLICY_BYTES;

/// The most a policy document may count (one per node, plus the bytes of
/// each string scalar) once its aliases are expanded.
pub(crate) const MAX_EXPANDED_BYTES: usize = 2 * MAX_POLICY_BYTES;

/// Why a document was refused before deserialisation.
#[derive(Debug)]
enum Refused {
    /// Aliases expand it past [`MAX_EXPANDED_BYTES`]; the position is
    /// where the parser was when the count ran out, when known.
    TooLarge(Option<(usize, usize)>),
    /// It does not parse as YAML (the parser's own error).
    Yaml(serde_yaml::Error),
}

/// Walks `text` and refuses it when its aliases expand it past
/// [`MAX_EXPANDED_BYTES`]. Text without `*` has no alias and is not walked.
fn check(text: &str) -> Result<(), Refused> {
    if !text.contains('*') {
        return Ok(());
    }
    let budget = Budget {
        left: Cell::new(MAX_EXPANDED_BYTES),
        spent: Cell::new(false),
    };
    match Count(&budget).deserialize(serde_yaml::Deserializer::from_str(text))
    {
        Ok(()) => Ok(()),
        Err(e) if budget.spent.get() => Err(Refused::TooLarge(
            e.location().map(|l| (l.line(), l.column())),
        )),
        Err(e) => Err(Refused::Yaml(e)),
    }
}

/// Deserialises `text` once [`check`] has found that its aliases stay
/// within bounds.
///
/// When the walk stops on a YAML error of its own (a syntax error, or
/// serde_yaml's cap on alias replays), the real parse is still run, for
/// its error names the field at fault: it reads the same events in the
/// same order, so it stops at that point at the latest, having expanded no
/// more than the walk counted. Should it succeed anyway, the walk's error
/// is returned: the text is refused either way.
pub(crate) fn from_str<T: DeserializeOwned>(
    text: &str,
    origin: &str,
) -> Result<T, Error> {
    if let Some((line, column, c)) = unprintable(text) {
        return Err(Error::Syntax {
            location: Location {
                origin: origin.to_string(),
                field: None,
                line: Some(line),
                column: Some(column),
            },
            message: format!(
                "U+{:04X} is not allowed in a policy file (YAML allows no \
                 control character but tab and line breaks)",
                u32::from(c)
            ),
        });
    }
    // Only an anchor can make an alias expand to anything; without one
    // the walk (a whole second parse) cannot refuse what the real parse
    // accepts, and an alias to no anchor is the real parse's error.
    let walked = if has_anchor(text) { check(text) } else { Ok(()) };
    if let Err(Refused::TooLarge(at)) = walked {
        return Err(too_large(at, origin));
    }
    let parsed = serde_yaml::from_str(text);
    match (walked, parsed) {
        (_, Err(e)) => Err(syntax_error(&e, origin)),
        (Err(Refused::Yaml(e)), Ok(_)) => Err(syntax_error(&e, origin)),
        (_, Ok(value)) => Ok(value),
    }
}

/// Whether `text` may define an anchor: libyaml scans an anchor token as
/// `&` followed at once by at least one of `0-9A-Za-z_-` (its `IS_ALPHA`),
/// so text where no `&` is followed by one of those has no anchor, and so
/// no alias that resolves. `&` in quoted text or comments (`"^&*"`,
/// `R&D`) may say yes: that only costs the walk.
fn has_anchor(text: &str) -> bool {
    text.as_bytes().windows(2).any(|w| {
        w[0] == b'&'
            && (w[1].is_ascii_alphanumeric() || matches!(w[1], b'_' | b'-'))
    })
}

fn too_large(at: Option<(usize, usize)>, origin: &str) -> Error {
    Error::Syntax {
        location: Location {
            origin: origin.to_string(),
            field: None,
            line: at.map(|(line, _)| line),
            column: at.map(|(_, column)| column),
        },
        message: format!(
            "aliases expand this file past {MAX_EXPANDED_BYTES} bytes, the \
             limit for a policy once every alias is replaced by the node it \
             names; alias only small nodes, or write them out"
        ),
    }
}

/// The loader's error for YAML that serde_yaml refuses.
fn syntax_error(e: &serde_yaml::Error, origin: &str) -> Error {
    let at = e.location();
    Error::Syntax {
        location: Location {
            origin: origin.to_string(),
            field: None,
            line: at.as_ref().map(|l| l.line()),
            column: at.as_ref().map(|l| l.column()),
        },
        message: shorten(&e.to_string()),
    }
}

/// The first character YAML does not allow in a document (libyaml's
/// reader refuses exactly these, but reports them at 1:1), with its
/// one-based line and column.
fn unprintable(text: &str) -> Option<(usize, usize, char)> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}')
            || ('\u{A0}'..='\u{D7FF}').contains(&c)
            || ('\u{E000}'..='\u{FFFD}').contains(&c)
            || c >= '\u{10000}'
    };
    // Policy files are mostly printable ASCII: bytes are skipped while
    // they are, and only the other characters decoded (a byte that is not
    // printable ASCII after such bytes starts a character).
    let mut at = 0;
    loop {
        at += text.as_bytes()[at..].iter().position(|&b| {
            !matches!(b, b'\t' | b'\n' | b'\r' | b' '..=b'~')
        })?;
        let c = text[at..].chars().next()?;
        if !allowed(c) {
            break;
        }
        at += c.len_utf8();
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column =
        before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column, text[at..].chars().next()?))
}

/// Longest stretch of a parser message without a space that is repeated
/// whole: serde_yaml quotes the offending value, which may be a 1 MiB
/// string or a 309-digit number.
const MAX_ECHOED: usize = 64;

/// `message` with every stretch of more than [`MAX_ECHOED`] characters
/// without whitespace cut to its first 40, and the count of the rest.
fn shorten(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(1024));
    for (i, word) in message.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let n = word.chars().count();
        if n > MAX_ECHOED {
            let head: String = word.chars().take(40).collect();
            out.push_str(&format!("{head}… ({} more characters)", n - 40));
        } else {
            out.push_str(word);
        }
    }
    out
}

struct Budget {
    left: Cell<usize>,
    spent: Cell<bool>,
}

impl Budget {
    fn spend<E: de::Error>(&self, cost: usize) -> Result<(), E> {
        match self.left.get().checked_sub(cost) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => {
                self.spent.set(true);
                Err(E::custom("expansion budget spent"))
            }
        }
    }
}

/// A seed that deserialises any YAML node into nothing, counting it.
#[derive(Clone, Copy)]
struct Count<'a>(&'a Budget);

impl<'de> DeserializeSeed<'de> for Count<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Count<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML node")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.0.spend(1)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.0.spend(1)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.0.spend(1)
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.0.spend(1)
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.0.spend(1)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.0.spend(1)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.0.spend(v.len().saturating_add(1))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
        self.0.spend(v.len().saturating_add(1))
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.spend(1)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.spend(1)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        d: D,
    ) -> Result<(), D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> Result<(), A::Error> {
        self.0.spend(1)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> Result<(), A::Error> {
        self.0.spend(1)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }

    // A node with a tag of its own (`!x value`) arrives as an enum.
    fn visit_enum<A: de::EnumAccess<'de>>(
        self,
        data: A,
    ) -> Result<(), A::Error> {
        use de::VariantAccess;
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> bool {
        matches!(check(text), Err(Refused::TooLarge(_)))
    }

    #[test]
    fn aliases_to_small_nodes_pass() {
        let text = "a: &x [1, 2, \"three\"]\nb: *x\nc: [*x, *x, *x]\n";
        assert!(check(text).is_ok());
    }

    #[test]
    fn a_large_scalar_aliased_a_thousand_times_is_refused() {
        let text = format!(
            "a: &big \"{}\"\nb: [{}]\n",
            "x".repeat(10_000),
            ["*big"; 1_000].join(", ")
        );
        assert!(text.len() < 20_000);
        assert!(refused(&text));
    }

    #[test]
    fn nested_anchors_are_refused() {
        // Billion laughs: each level is a list of nine of the one before.
        let mut text = String::from(
            "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
        );
        for i in 1..10 {
            let prev = format!("*l{}", i - 1);
            text.push_str(&format!(
                "l{i}: &l{i} [{}]\n",
                [prev.as_str(); 9].join(", ")
            ));
        }
        // serde_yaml's own limit on alias replays (100 per event) may stop
        // it before the count does; either way it is refused.
        assert!(check(&text).is_err());
    }

    #[test]
    fn nested_mappings_of_a_large_scalar_are_refused() {
        let mut text = format!("s: &s0 \"{}\"\n", "y".repeat(1_000));
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "m{i}: &s{i} {{ a: *s{p}, b: *s{p}, c: *s{p} }}\n"
            ));
        }
        assert!(refused(&text));
    }

    #[test]
    fn an_alias_free_document_at_the_size_cap_passes() {
        // The worst ratio of count to text: one-character scalars and the
        // three-byte escape `\L`.
        let items = "\"\\L\\L\\L\\L\\L\\L\", ".repeat(MAX_POLICY_BYTES / 16);
        let text = format!("a: [{items}\"*\"]\n");
        assert!(text.len() <= MAX_POLICY_BYTES + 16);
        assert!(check(&text).is_ok(), "{:?}", check(&text).err());
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let long = "y".repeat(300);
        let m =
            shorten(&format!("invalid type: string \"{long}\", expected u32"));
        assert_eq!(
            m,
            format!(
                "invalid type: string \"{}… (263 more characters) expected u32",
                "y".repeat(39)
            )
        );
        assert_eq!(shorten("a b  c"), "a b  c");
    }

    #[test]
    fn unprintable_characters_are_located() {
        assert_eq!(unprintable("a: b\nc: d\0e\n"), Some((2, 5, '\0')));
        assert_eq!(unprintable("a: é\u{7}"), Some((1, 5, '\u{7}')));
        assert_eq!(unprintable("a: \"é\t😀\u{FEFF}\"\r\n"), None);
    }

    #[test]
    fn only_text_that_may_define_an_anchor_is_walked() {
        assert!(!has_anchor("s: \"!@#$%^&*()\"\n# R & D, &#126; &*\n"));
        assert!(has_anchor("a: &x 1\nb: *x\n"));
        assert!(has_anchor("a: &-1 [1]\n"));
        assert!(has_anchor("a: &_ [1]\n"));
        // Through `from_str`, which skips the walk without an anchor: a
        // bomb is still refused as one, and an alias to nothing is the
        // parser's error.
        let bomb = format!(
            "a: &big \"{}\"\nb: [{}]\n",
            "x".repeat(10_000),
            ["*big"; 1_000].join(", ")
        );
        let e = from_str::<serde_yaml::Value>(&bomb, "t.yaml").unwrap_err();
        assert!(e.to_string().contains("aliases expand"), "{e}");
        let e =
            from_str::<serde_yaml::Value>("a: *nope\n", "t.yaml").unwrap_err();
        assert!(e.to_string().contains("unknown anchor"), "{e}");
    }

    #[test]
    fn syntax_errors_are_the_parsers() {
        assert!(matches!(check("a: *nope\n"), Err(Refused::Yaml(_))));
    }
}
