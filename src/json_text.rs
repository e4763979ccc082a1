//! The JSON text of a check, written by hand into the caller's buffer: the
//! one renderer of `check --format json` lines and of the C binding's
//! `passpolicy_check_json`, so the two cannot drift apart.
//!
//! The text is what `serde_json` writes for the same values with sorted
//! keys (the shape `docs/cli.md` documents): keys in alphabetical order,
//! no spaces, strings escaped as `serde_json` escapes them (`"`, `\`, and
//! control characters; nothing else). A test compares the two on every
//! kind of detail. Writing into one `String` the caller reuses costs no
//! allocation per line once it has grown.

use crate::message::Lang;
use crate::text::push_decimal;
use crate::verdict::{Detail, Violation};

/// Appends `{"index":…,"ok":…,"violations":[…]}` to `out`, without the
/// `index` when it is `None`; messages in `lang`. The password is never
/// in it (violations do not hold it).
///
/// ```
/// use passpolicy::{Catalog, Lang, write_check_json};
///
/// let checker = Catalog::builtin().checker(&["baidu-bcc"])?;
/// let mut line = String::new();
/// write_check_json(&mut line, Some(0), true, &[], Lang::En);
/// assert_eq!(line, r#"{"index":0,"ok":true,"violations":[]}"#);
/// line.clear();
/// let found = checker.violations("Ab1!");
/// write_check_json(&mut line, None, false, &found, Lang::En);
/// assert!(line.starts_with(r#"{"ok":false,"violations":[{"code":"too_short","#));
/// # Ok::<(), passpolicy::Error>(())
/// ```
pub fn write_check_json(
    out: &mut String,
    index: Option<u64>,
    ok: bool,
    violations: &[Violation<'_>],
    lang: Lang,
) {
    out.push('{');
    if let Some(i) = index {
        out.push_str("\"index\":");
        push_decimal(out, i);
        out.push(',');
    }
    out.push_str(if ok { "\"ok\":true" } else { "\"ok\":false" });
    out.push_str(",\"violations\":[");
    for (i, v) in violations.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        v.write_json(lang, out);
    }
    out.push_str("]}");
}

impl Violation<'_> {
    /// Appends this violation as one JSON object to `out`:
    /// `{"code":…,"detail":{…},"message":…,"policy":…,"vendor_code":…}`
    /// with the message in `lang` (see [`write_check_json`]).
    pub fn write_json(&self, lang: Lang, out: &mut String) {
        out.push_str("{\"code\":");
        string(out, self.code.as_str());
        out.push_str(",\"detail\":");
        detail(out, &self.detail);
        out.push_str(",\"message\":");
        string(out, &self.message(lang));
        out.push_str(",\"policy\":");
        string(out, self.policy);
        out.push_str(",\"vendor_code\":");
        match self.vendor_code {
            Some(c) => string(out, c),
            None => out.push_str("null"),
        }
        out.push('}');
    }
}

/// A detail's object, keys sorted (`kind` among them).
fn detail(out: &mut String, d: &Detail<'_>) {
    let kind = |out: &mut String, k: &str| {
        out.push_str("\"kind\":");
        string(out, k);
    };
    let field = |out: &mut String, name: &str, n: u32| {
        out.push_str(",\"");
        out.push_str(name);
        out.push_str("\":");
        push_decimal(out, u64::from(n));
    };
    out.push('{');
    match d {
        &Detail::Length { actual, min, max, unit } => {
            out.push_str("\"actual\":");
            push_decimal(out, u64::from(actual));
            out.push(',');
            kind(out, "length");
            out.push_str(",\"max\":");
            // `u32::MAX` is no maximum: `null`, as `Detail`'s serde says.
            match max {
                u32::MAX => out.push_str("null"),
                m => push_decimal(out, u64::from(m)),
            }
            field(out, "min", min);
            out.push_str(",\"unit\":");
            string(out, unit.as_str());
        }
        &Detail::Character { ch, position } => {
            out.push_str("\"ch\":");
            codepoint(out, ch);
            out.push(',');
            kind(out, "character");
            field(out, "position", position);
        }
        Detail::Classes { present, required, present_names, missing } => {
            kind(out, "classes");
            out.push_str(",\"missing\":");
            names(out, missing);
            field(out, "present", *present);
            out.push_str(",\"present_names\":");
            names(out, present_names);
            field(out, "required", *required);
        }
        &Detail::ClassCount { class, actual, min } => {
            out.push_str("\"actual\":");
            push_decimal(out, u64::from(actual));
            out.push_str(",\"class\":");
            string(out, class);
            out.push(',');
            kind(out, "class_count");
            field(out, "min", min);
        }
        // The account name is never serialized (see `Detail::Username`).
        Detail::Username { .. } => kind(out, "username"),
        &Detail::Run { ch, length, max, position } => {
            out.push_str("\"ch\":");
            codepoint(out, ch);
            out.push(',');
            kind(out, "run");
            field(out, "length", length);
            field(out, "max", max);
            field(out, "position", position);
        }
        Detail::Denied => kind(out, "denied"),
        // The word is never serialized either (see `Detail::Substring`).
        Detail::Substring { .. } => kind(out, "substring"),
        &Detail::InvalidUtf8 { offset } => {
            kind(out, "invalid_utf8");
            field(out, "offset", offset);
        }
    }
    out.push('}');
}

fn names(out: &mut String, list: &[&str]) {
    out.push('[');
    for (i, n) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        string(out, n);
    }
    out.push(']');
}

/// `"U+00E9"` (at least four hex digits, upper case) or `null`.
fn codepoint(out: &mut String, ch: Option<char>) {
    let Some(c) = ch else {
        out.push_str("null");
        return;
    };
    out.push_str("\"U+");
    let cp = u32::from(c);
    let digits = (32 - cp.leading_zeros()).div_ceil(4).max(4);
    for i in (0..digits).rev() {
        out.push(HEX[(cp >> (4 * i) & 0xF) as usize] as char);
    }
    out.push('"');
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// A JSON string as `serde_json` writes it: `"` and `\` escaped, the
/// controls below U+0020 as `\b \t \n \f \r` or `\u00XX` (lower-case hex),
/// everything else as it is.
fn string(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        // Eight bytes at a time while none needs an escape: messages are
        // long and escape nothing, and a byte at a time cost most of a
        // refused password's JSON line.
        if let Some(Ok(chunk)) = bytes.get(i..i + 8).map(<[u8; 8]>::try_from)
            && !needs_escape(u64::from_le_bytes(chunk))
        {
            i += 8;
            continue;
        }
        // The last few bytes (all of a short string) padded with a byte
        // that needs no escape, so that they too are tested at once.
        if let Some(rest) = bytes.get(i..).filter(|r| r.len() < 8) {
            let mut chunk = [b'a'; 8];
            chunk[..rest.len()].copy_from_slice(rest);
            if !needs_escape(u64::from_le_bytes(chunk)) {
                break;
            }
        }
        let b = bytes[i];
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x09 => "\\t",
            0x0A => "\\n",
            0x0C => "\\f",
            0x0D => "\\r",
            0x00..=0x1F => "",
            _ => {
                i += 1;
                continue;
            }
        };
        // `b` is ASCII, so `i` is a character boundary.
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789abcdef"[usize::from(b & 0xF)]));
        } else {
            out.push_str(escape);
        }
        i += 1;
        start = i;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Whether one of the eight bytes of `w` is a control character, `"` or
/// `\`. Each test is exact as a yes or no (a borrow can only mark a byte
/// above one that really matches): `(x - 0x01…) & !x & 0x80…` is non-zero
/// exactly when a byte of `x` is zero, and with `0x20…` in place of
/// `0x01…` when a byte is below 0x20.
fn needs_escape(w: u64) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(LO) & !x & HI;
    let control = w.wrapping_sub(0x20 * LO) & !w & HI;
    (control | zero(w ^ (b'"' as u64 * LO)) | zero(w ^ (b'\\' as u64 * LO)))
        != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Code;
    use crate::spec::LengthUnit;

    /// The eight-byte test against the byte-wise rule: every byte value at
    /// every position, among bytes that need no escape and among others
    /// that do.
    #[test]
    fn needs_escape_is_exact() {
        let needs = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
        for fill in [b'a', 0xFF, 0x80, b' ', b'\\', 0x00] {
            for at in 0..8 {
                for b in 0..=255u8 {
                    let mut w = [fill; 8];
                    w[at] = b;
                    assert_eq!(
                        needs_escape(u64::from_le_bytes(w)),
                        w.iter().any(|&x| needs(x)),
                        "{w:?}"
                    );
                }
            }
        }
        let mut out = String::new();
        string(&mut out, "0123456789abcdef\"\u{1}é\\0123456789");
        assert_eq!(out, "\"0123456789abcdef\\\"\\u0001é\\\\0123456789\"");
        // Short strings and tails, with and without escapes.
        for (s, json) in [
            ("", "\"\""),
            ("lower", "\"lower\""),
            ("a\"b", "\"a\\\"b\""),
            ("0123456789ab\n", "\"0123456789ab\\n\""),
            ("\u{7f}é\t", "\"\u{7f}é\\t\""),
        ] {
            out.clear();
            string(&mut out, s);
            assert_eq!(out, json);
        }
    }

    /// What the CLI wrote with serde_json before (sorted keys): the same
    /// text for every kind of detail, and for strings needing escapes.
    fn serde_line(
        index: Option<u64>,
        ok: bool,
        vs: &[Violation<'_>],
    ) -> String {
        let list: Vec<serde_json::Value> = vs
            .iter()
            .map(|v| {
                serde_json::json!({
                    "code": v.code,
                    "policy": v.policy,
                    "vendor_code": v.vendor_code,
                    "message": v.message(Lang::En),
                    "detail": v.detail,
                })
            })
            .collect();
        let mut line = serde_json::json!({ "ok": ok, "violations": list });
        if let Some(i) = index {
            line["index"] = serde_json::json!(i);
        }
        line.to_string()
    }

    #[test]
    fn equals_serde_json_for_every_detail_and_escape() {
        let v = |code, policy, vendor_code, detail| Violation {
            code,
            policy,
            vendor_code,
            detail,
        };
        let all = vec![
            v(
                Code::TooShort,
                "p/v",
                Some("InvalidPassword"),
                Detail::Length {
                    actual: 3,
                    min: 12,
                    max: u32::MAX,
                    unit: LengthUnit::Chars,
                },
            ),
            v(
                Code::TooLong,
                "q\"uo\\te\u{1}\u{1f}\n\t/é",
                None,
                Detail::Length {
                    actual: 1 << 31,
                    min: 0,
                    max: 16,
                    unit: LengthUnit::Utf16,
                },
            ),
            v(
                Code::DisallowedCharacter,
                "x",
                None,
                Detail::Character { ch: Some('\u{1F600}'), position: 4 },
            ),
            v(
                Code::ForbiddenPrefix,
                "x",
                None,
                Detail::Character { ch: Some('/'), position: 1 },
            ),
            v(
                Code::ForbiddenSuffix,
                "x",
                None,
                Detail::Character { ch: None, position: 9 },
            ),
            v(
                Code::NotEnoughClasses,
                "x",
                None,
                Detail::Classes {
                    present: 1,
                    required: 3,
                    present_names: vec!["lower"],
                    missing: vec!["upper", "digits", "spe\"cial"],
                },
            ),
            v(
                Code::TooFewOfClass,
                "x",
                None,
                Detail::ClassCount { class: "digits", actual: 0, min: 2 },
            ),
            v(
                Code::ContainsUsername,
                "x",
                None,
                Detail::Username { name: "root" },
            ),
            v(
                Code::RepeatedCharacter,
                "x",
                None,
                Detail::Run { ch: Some('q'), length: 20, max: 2, position: 1 },
            ),
            v(
                Code::RepeatedCharacter,
                "x",
                None,
                Detail::Run { ch: None, length: 3, max: 2, position: 7 },
            ),
            v(Code::DeniedValue, "x", None, Detail::Denied),
            v(
                Code::ContainsForbiddenSubstring,
                "x",
                None,
                Detail::Substring { word: "admin" },
            ),
            v(Code::InvalidUtf8, "x", None, Detail::InvalidUtf8 { offset: 0 }),
        ];
        for index in [None, Some(0), Some(u64::MAX)] {
            for ok in [true, false] {
                for n in 0..=all.len() {
                    let vs = &all[..n];
                    let mut ours = String::new();
                    write_check_json(&mut ours, index, ok, vs, Lang::En);
                    assert_eq!(ours, serde_line(index, ok, vs));
                }
            }
        }
        // Every control character and the two escaped printables.
        let odd: String = (0u8..0x80).map(char::from).collect();
        let mut ours = String::new();
        string(&mut ours, &odd);
        assert_eq!(ours, serde_json::to_string(&odd).unwrap());
    }
}
