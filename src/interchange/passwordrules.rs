//! Apple's password rules language (`passwordrules`): parsing and
//! canonicalisation.
//!
//! The reference is `tools/PasswordRulesParser.js` of
//! apple/password-manager-resources (read at commit 0d13a53): its grammar
//! (`_parsePasswordRulesInternal`, `_parsePasswordRule`,
//! `_parseCustomCharacterClass`, `_parseInteger`) and its canonicalisation
//! (`parsePasswordRules`, `_canonicalizedPropertyValues`). Canonical rules
//! are what Apple's generator works from, so they are what this module
//! yields.
//!
//! Where Apple's parser is lenient by *narrowing* a set — it skips
//! characters outside printable ASCII inside `[...]` and a `-` that is not
//! first — this parser reads the same and records a [`Note`]. Where it is
//! lenient by *dropping* a rule or the whole string — a name it does not
//! know, a number followed by a space, an empty value, `maxlength: 0` — the
//! rule would come out weaker than written, so this parser refuses with a
//! [`ParseError`] that carries the column and says what was expected.

use std::fmt;

/// A set of characters as Apple's canonicalisation leaves it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AppleSet {
    /// `unicode`: any character.
    Unicode,
    /// `ascii-printable`: U+0020–U+007E (also what a set of all 95 of them
    /// canonicalises to).
    AsciiPrintable,
    /// Some printable ASCII characters: bit `c - 0x20` for character `c`.
    /// Never empty, never all 95 (that is [`AppleSet::AsciiPrintable`]).
    Chars(u128),
}

/// Every printable ASCII character's bit.
pub const ALL_PRINTABLE: u128 = (1u128 << 95) - 1;

/// Bits of `lo..=hi` (printable ASCII).
pub const fn bits(lo: char, hi: char) -> u128 {
    let (lo, hi) = (lo as u32 - 0x20, hi as u32 - 0x20);
    (ALL_PRINTABLE >> (94 - (hi - lo))) << lo
}

/// Apple's `upper`.
pub const UPPER: u128 = bits('A', 'Z');
/// Apple's `lower`.
pub const LOWER: u128 = bits('a', 'z');
/// Apple's `digit`.
pub const DIGIT: u128 = bits('0', '9');
/// Apple's `special`: ASCII punctuation and space.
pub const SPECIAL: u128 =
    bits(' ', '/') | bits(':', '@') | bits('[', '`') | bits('{', '~');

impl AppleSet {
    /// The set of these characters (printable ASCII bits), canonical.
    /// `None` when empty.
    pub fn from_bits(b: u128) -> Option<AppleSet> {
        match b & ALL_PRINTABLE {
            0 => None,
            ALL_PRINTABLE => Some(AppleSet::AsciiPrintable),
            b => Some(AppleSet::Chars(b)),
        }
    }

    /// Whether `c` is in the set.
    pub fn contains(&self, c: char) -> bool {
        match self {
            AppleSet::Unicode => true,
            AppleSet::AsciiPrintable => (' '..='~').contains(&c),
            AppleSet::Chars(b) => {
                (' '..='~').contains(&c) && b >> (c as u32 - 0x20) & 1 == 1
            }
        }
    }

    /// The printable ASCII bits of the set (all 95 for `unicode`).
    pub fn ascii_bits(&self) -> u128 {
        match self {
            AppleSet::Unicode | AppleSet::AsciiPrintable => ALL_PRINTABLE,
            AppleSet::Chars(b) => *b,
        }
    }
}

/// One rule string, canonicalised as Apple's `parsePasswordRules` does:
/// the largest `minlength`, the smallest `maxlength` and `max-consecutive`,
/// each `required` set canonical, and `allowed` the canonical union of
/// every `allowed` and `required` value (`ascii-printable` when the string
/// names none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasswordRules {
    /// Shortest length (0: no minimum).
    pub min_length: u32,
    /// Longest length, if limited.
    pub max_length: Option<u32>,
    /// Longest run of one identical character, if limited.
    pub max_consecutive: Option<u32>,
    /// Each set must contribute at least one character (the sets are
    /// ANDed; the classes inside one `required` are ORed).
    pub required: Vec<AppleSet>,
    /// The characters allowed.
    pub allowed: AppleSet,
}

impl PasswordRules {
    /// Whether `password` meets the rule: length in characters within the
    /// bounds, every character allowed, a character of every required set,
    /// no run longer than `max-consecutive`.
    pub fn accepts(&self, password: &str) -> bool {
        let mut len = 0u32;
        let mut run = 0u32;
        let mut prev = None;
        for c in password.chars() {
            len = len.saturating_add(1);
            run = if prev == Some(c) { run + 1 } else { 1 };
            prev = Some(c);
            if !self.allowed.contains(c)
                || self.max_consecutive.is_some_and(|m| run > m)
            {
                return false;
            }
        }
        len >= self.min_length
            && self.max_length.is_none_or(|m| len <= m)
            && self
                .required
                .iter()
                .all(|r| password.chars().any(|c| r.contains(c)))
    }
}

/// Something Apple's parser reads differently from what the text seems to
/// say, always as a narrower set; recorded in the imported policy's notes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// One-based column (in characters) in the rule string.
    pub column: usize,
    /// What Apple's parser does there.
    pub message: String,
}

/// A rule string this parser refuses: where, and what was expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct ParseError {
    /// One-based column (in characters) in the rule string.
    pub column: usize,
    /// What was found and what was expected instead.
    pub message: String,
}

/// Longest rule string parsed (the longest in Apple's quirks file is under
/// 200 characters).
pub const MAX_RULES_LEN: usize = 64 * 1024;

/// A property value before canonicalisation: a named class or the bits of
/// a custom `[...]` class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Value {
    Unicode,
    AsciiPrintable,
    Bits(u128),
}

enum Property {
    MinLength(u32),
    MaxLength(u32),
    MaxConsecutive(u32),
    Required(Vec<Value>),
    Allowed(Vec<Value>),
}

/// Parses and canonicalises a rule string.
///
/// # Errors
///
/// [`ParseError`] for anything Apple's parser would drop or misread as a
/// weaker rule (see the module documentation).
///
/// ```
/// use passpolicy::interchange::passwordrules::{parse, AppleSet};
///
/// let (rules, _) = parse("minlength: 8; required: lower, upper; required: digit;")?;
/// assert_eq!(rules.min_length, 8);
/// assert_eq!(rules.required.len(), 2);
/// assert_eq!(rules.to_string(), "required: upper, lower; required: digit; \
///     allowed: upper, lower, digit; minlength: 8;");
/// # Ok::<(), passpolicy::interchange::passwordrules::ParseError>(())
/// ```
pub fn parse(text: &str) -> Result<(PasswordRules, Vec<Note>), ParseError> {
    if text.len() > MAX_RULES_LEN {
        return Err(ParseError {
            column: 1,
            message: format!(
                "the rule string is {} bytes; at most {MAX_RULES_LEN} are read",
                text.len()
            ),
        });
    }
    let mut p = Parser { s: text.chars().collect(), pos: 0, notes: vec![] };
    let properties = p.rules()?;
    let rules = canonicalise(&properties);
    Ok((rules, p.notes))
}

/// Apple's `parsePasswordRules` (without `formatRulesForMinifiedVersion`):
/// the merging of properties and the copying of required sets into
/// allowed.
fn canonicalise(properties: &[Property]) -> PasswordRules {
    let mut min_length = 0;
    let mut max_length: Option<u32> = None;
    let mut max_consecutive: Option<u32> = None;
    let mut required = Vec::new();
    let mut allowed_values = Vec::new();
    for p in properties {
        match p {
            Property::MinLength(n) => min_length = min_length.max(*n),
            Property::MaxLength(n) => {
                max_length = Some(max_length.map_or(*n, |m| m.min(*n)));
            }
            Property::MaxConsecutive(n) => {
                max_consecutive =
                    Some(max_consecutive.map_or(*n, |m| m.min(*n)));
            }
            Property::Required(values) => {
                let set = canonical_set(values);
                required.push(set);
                allowed_values.push(match set {
                    AppleSet::Unicode => Value::Unicode,
                    AppleSet::AsciiPrintable => Value::AsciiPrintable,
                    AppleSet::Chars(b) => Value::Bits(b),
                });
            }
            Property::Allowed(values) => allowed_values.extend(values),
        }
    }
    let allowed = if allowed_values.is_empty() {
        AppleSet::AsciiPrintable
    } else {
        canonical_set(&allowed_values)
    };
    PasswordRules {
        min_length,
        max_length,
        max_consecutive,
        required,
        allowed,
    }
}

/// Apple's `_canonicalizedPropertyValues`: the first `unicode` or
/// `ascii-printable` met stands for the whole list (so `ascii-printable,
/// unicode` is `ascii-printable`), else the union of the rest.
fn canonical_set(values: &[Value]) -> AppleSet {
    let mut b = 0u128;
    for v in values {
        match v {
            Value::Unicode => return AppleSet::Unicode,
            Value::AsciiPrintable => return AppleSet::AsciiPrintable,
            Value::Bits(x) => b |= x,
        }
    }
    // The parser refuses empty values, so the union is never empty.
    AppleSet::from_bits(b).unwrap_or(AppleSet::AsciiPrintable)
}

/// Apple's `_isASCIIWhitespace`.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\x0c' | '\n' | '\r' | '\t')
}

/// Apple's `_isIdentifierCharacter`.
fn is_ident(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '-'
}

struct Parser {
    s: Vec<char>,
    pos: usize,
    notes: Vec<Note>,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.s.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(is_space) {
            self.pos += 1;
        }
    }

    fn error<T>(&self, at: usize, message: String) -> Result<T, ParseError> {
        Err(ParseError { column: at + 1, message })
    }

    fn found(&self) -> String {
        match self.peek() {
            None => "the end of the rules".into(),
            Some(c) => format!("'{}'", c.escape_debug()),
        }
    }

    /// `_parsePasswordRulesInternal`: properties separated by `;`.
    fn rules(&mut self) -> Result<Vec<Property>, ParseError> {
        let mut out = Vec::new();
        self.skip_space();
        while self.pos < self.s.len() {
            if !self.peek().is_some_and(is_ident) {
                // Apple's parser stops here and keeps what it has read,
                // silently dropping the rest.
                return self.error(
                    self.pos,
                    format!(
                        "expected a property name (minlength, maxlength, \
                         max-consecutive, required, allowed), found {}",
                        self.found()
                    ),
                );
            }
            out.push(self.property()?);
            self.skip_space();
            match self.peek() {
                None => break,
                Some(';') => {
                    self.pos += 1;
                    self.skip_space();
                }
                Some(_) => {
                    return self.error(
                        self.pos,
                        format!(
                            "expected ';' or the end after a property, found {}",
                            self.found()
                        ),
                    );
                }
            }
        }
        Ok(out)
    }

    fn identifier(&mut self) -> String {
        let start = self.pos;
        while self.peek().is_some_and(is_ident) {
            self.pos += 1;
        }
        self.s[start..self.pos].iter().collect()
    }

    /// `_parsePasswordRule`: `name: value`.
    fn property(&mut self) -> Result<Property, ParseError> {
        let start = self.pos;
        let name = self.identifier();
        let known = [
            "minlength",
            "maxlength",
            "max-consecutive",
            "required",
            "allowed",
        ];
        if !known.contains(&name.as_str()) {
            // Apple's parser then discards every rule of the string.
            return self.error(
                start,
                format!(
                    "unknown property '{name}'; expected minlength, \
                     maxlength, max-consecutive, required or allowed \
                     (lower case)"
                ),
            );
        }
        if self.peek() != Some(':') {
            return self.error(
                self.pos,
                format!(
                    "expected ':' right after '{name}' (no space before it), \
                     found {}",
                    self.found()
                ),
            );
        }
        self.pos += 1;
        self.skip_space();
        if matches!(self.peek(), None | Some(';')) {
            // Apple's parser drops a property with an empty value.
            return self.error(
                self.pos,
                format!(
                    "expected a value for '{name}', found {}",
                    self.found()
                ),
            );
        }
        Ok(match name.as_str() {
            "minlength" => Property::MinLength(self.integer(&name, true)?),
            "maxlength" => Property::MaxLength(self.integer(&name, false)?),
            "max-consecutive" => {
                Property::MaxConsecutive(self.integer(&name, false)?)
            }
            "required" => Property::Required(self.values()?),
            _ => Property::Allowed(self.values()?),
        })
    }

    /// `_parseInteger`: digits, then `;` or the end directly.
    fn integer(
        &mut self,
        name: &str,
        zero_ok: bool,
    ) -> Result<u32, ParseError> {
        let start = self.pos;
        if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
            return self.error(
                self.pos,
                format!(
                    "expected a number for '{name}', found {}",
                    self.found()
                ),
            );
        }
        let mut n: u64 = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            n = (n * 10 + u64::from(d)).min(u64::from(u32::MAX) + 1);
            self.pos += 1;
        }
        if !matches!(self.peek(), None | Some(';')) {
            // Apple's parser ignores the whole property then.
            return self.error(
                self.pos,
                format!(
                    "expected ';' or the end right after the number of \
                     '{name}' (Apple's parser ignores the property \
                     otherwise), found {}",
                    self.found()
                ),
            );
        }
        let Ok(n) = u32::try_from(n) else {
            return self
                .error(start, format!("the number of '{name}' is too large"));
        };
        if n == 0 && !zero_ok {
            // 0 is falsy in JavaScript: Apple's parser drops the property,
            // which would read as "no limit".
            return self.error(
                start,
                format!(
                    "'{name}: 0' is ignored by Apple's parser (read as no \
                     limit); expected a number of at least 1"
                ),
            );
        }
        Ok(n)
    }

    /// `_parsePasswordRequiredOrAllowedPropertyValue`: classes separated
    /// by `,`.
    fn values(&mut self) -> Result<Vec<Value>, ParseError> {
        let mut out = Vec::new();
        loop {
            let start = self.pos;
            match self.peek() {
                Some(c) if is_ident(c) => {
                    let name = self.identifier();
                    out.push(match name.to_ascii_lowercase().as_str() {
                        "upper" => Value::Bits(UPPER),
                        "lower" => Value::Bits(LOWER),
                        "digit" => Value::Bits(DIGIT),
                        "special" => Value::Bits(SPECIAL),
                        "ascii-printable" => Value::AsciiPrintable,
                        "unicode" => Value::Unicode,
                        _ => {
                            return self.error(
                                start,
                                format!(
                                    "unknown character class '{name}'; \
                                     expected upper, lower, digit, special, \
                                     ascii-printable, unicode or [...]"
                                ),
                            );
                        }
                    });
                }
                Some('[') => out.push(Value::Bits(self.custom_class()?)),
                _ => {
                    return self.error(
                        start,
                        format!(
                            "expected a character class (upper, lower, \
                             digit, special, ascii-printable, unicode or \
                             [...]), found {}",
                            self.found()
                        ),
                    );
                }
            }
            self.skip_space();
            match self.peek() {
                None | Some(';') => return Ok(out),
                Some(',') => {
                    self.pos += 1;
                    self.skip_space();
                }
                Some(_) => {
                    return self.error(
                        self.pos,
                        format!(
                            "expected ',' or ';' after a character class, \
                             found {}",
                            self.found()
                        ),
                    );
                }
            }
        }
    }

    /// `_parseCustomCharacterClass`, exactly: characters outside printable
    /// ASCII are skipped, a `-` that is not first is skipped, the first `]`
    /// ends the class unless another `]` follows it, in which case the
    /// first is a member (`]` must be last: `[abc]]`).
    fn custom_class(&mut self) -> Result<u128, ParseError> {
        let open = self.pos;
        self.pos += 1;
        let initial = self.pos;
        let mut b = 0u128;
        let mut closed = false;
        while let Some(c) = self.peek() {
            if !(' '..='~').contains(&c) {
                self.note(format!(
                    "'{}' is ignored: Apple's parser reads only printable \
                     ASCII characters in a [...] class",
                    c.escape_debug()
                ));
                self.pos += 1;
                continue;
            }
            if c == '-' && self.pos > initial {
                self.note(
                    "'-' is ignored: Apple's parser reads a '-' only as the \
                     first character of a [...] class (it is not a range)"
                        .into(),
                );
                self.pos += 1;
                continue;
            }
            self.pos += 1;
            if c == ']' {
                closed = true;
                break;
            }
            b |= 1 << (c as u32 - 0x20);
        }
        if !closed {
            return self.error(
                self.pos,
                format!(
                    "expected ']' to close the class opened at column {}, \
                     found the end of the rules",
                    open + 1
                ),
            );
        }
        if self.peek() == Some(']') {
            b |= 1 << (']' as u32 - 0x20);
            self.pos += 1;
        }
        if b == 0 {
            // Apple's parser drops an empty class from the list.
            return self.error(
                open,
                "expected at least one printable ASCII character in the \
                 [...] class"
                    .into(),
            );
        }
        Ok(b)
    }

    fn note(&mut self, message: String) {
        self.notes.push(Note { column: self.pos + 1, message });
    }
}

impl fmt::Display for AppleSet {
    /// Apple's canonical spelling (`_canonicalizedPropertyValues` with
    /// `keepCustomCharacterClassFormatCompliant`): whole classes by name in
    /// the order upper, lower, digit, special, then the remaining
    /// characters as one `[...]` with `-` first and `]` last.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = match self {
            AppleSet::Unicode => return f.write_str("unicode"),
            AppleSet::AsciiPrintable => return f.write_str("ascii-printable"),
            AppleSet::Chars(b) => *b,
        };
        let mut parts: Vec<String> = Vec::new();
        let mut rest = 0u128;
        for (name, class) in
            [("upper", UPPER), ("lower", LOWER), ("digit", DIGIT)]
        {
            if b & class == class {
                parts.push(name.into());
            } else {
                rest |= b & class;
            }
        }
        if b & SPECIAL == SPECIAL {
            parts.push("special".into());
        } else {
            rest |= b & SPECIAL;
        }
        if rest != 0 {
            let has = |c: char| rest >> (c as u32 - 0x20) & 1 == 1;
            let mut s = String::from("[");
            if has('-') {
                s.push('-');
            }
            // Apple's order (partial upper, lower, digits, then the
            // specials), but with `-` first and `]` last so that the text
            // parses back to the same set.
            let order = ('A'..='Z')
                .chain('a'..='z')
                .chain('0'..='9')
                .chain((' '..='~').filter(|c| !c.is_ascii_alphanumeric()));
            s.extend(order.filter(|&c| c != '-' && c != ']' && has(c)));
            if has(']') {
                s.push(']');
            }
            s.push(']');
            parts.push(s);
        }
        f.write_str(&parts.join(", "))
    }
}

impl fmt::Display for PasswordRules {
    /// The canonical rule string, in the order Apple's `parsePasswordRules`
    /// returns properties: required…, allowed, max-consecutive, minlength,
    /// maxlength.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        for r in &self.required {
            parts.push(format!("required: {r};"));
        }
        parts.push(format!("allowed: {};", self.allowed));
        if let Some(n) = self.max_consecutive {
            parts.push(format!("max-consecutive: {n};"));
        }
        if self.min_length > 0 {
            parts.push(format!("minlength: {};", self.min_length));
        }
        if let Some(n) = self.max_length {
            parts.push(format!("maxlength: {n};"));
        }
        f.write_str(&parts.join(" "))
    }
}

#[cfg(test)]
#[path = "passwordrules_tests.rs"]
mod tests;
