//! aws-directory-service's rule is documented as regular-expression parts
//! with lookaheads, which the `regex` crate does not have. The policy
//! states it as structured rules instead; this test evaluates the
//! documented parts one lookahead at a time (each lookahead body is a plain
//! regex the crate can run) under the two dialects the document may mean,
//! ECMAScript (the AWS API models' pattern dialect: UTF-16 code units, its
//! own `\s`) and Java (code points, ASCII `\s`), and checks on a sample
//! that the policy accepts exactly what both accept, less only what the
//! policy's notes say it refuses on purpose.

use passpolicy::Catalog;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use regex::Regex;

/// "Length (?=^.{8,64}$)" as documented.
const LENGTH: &str = "(?=^.{8,64}$)";

/// "AND any 3 of the following password complexity rules", as documented.
const ALTERNATIVES: [&str; 4] = [
    r"(?=.*\d)(?=.*[A-Z])(?=.*[a-z])",
    r"(?=.*\d)(?=.*[^A-Za-z0-9\s])(?=.*[a-z])",
    r"(?=.*[^A-Za-z0-9\s])(?=.*[A-Z])(?=.*[a-z])",
    r"(?=.*\d)(?=.*[A-Z])(?=.*[^A-Za-z0-9\s])",
];

#[derive(Clone, Copy, Debug)]
enum Dialect {
    Ecma,
    Java,
}

impl Dialect {
    /// What `.` does not match.
    fn line_terminators(self) -> &'static str {
        match self {
            Dialect::Ecma => "\n\r\u{2028}\u{2029}",
            Dialect::Java => "\n\r\u{85}\u{2028}\u{2029}",
        }
    }

    /// `\s` written out for the regex crate (inside a class).
    fn space(self) -> &'static str {
        match self {
            Dialect::Ecma => {
                r"\t\n\x0B\x0C\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}"
            }
            Dialect::Java => r" \t\n\x0B\x0C\r",
        }
    }

    /// The text the dialect's regex runs over: ECMAScript (no `u` flag)
    /// sees UTF-16 code units, so a character above U+FFFF is two
    /// surrogates, each matching `[^A-Za-z0-9\s]` and `.`; U+E000 (not a
    /// letter, digit, space or terminator) stands for each.
    fn subject(self, password: &str) -> String {
        match self {
            Dialect::Java => password.to_string(),
            Dialect::Ecma => password
                .chars()
                .flat_map(|c| {
                    let n = c.len_utf16();
                    std::iter::repeat_n(if n == 2 { '\u{E000}' } else { c }, n)
                })
                .collect(),
        }
    }

    /// The body of one `(?=.*X)` lookahead as a regex of this dialect.
    fn body(self, x: &str) -> Regex {
        let text = x
            .replace(
                r"[^A-Za-z0-9\s]",
                &format!("[^A-Za-z0-9{}]", self.space()),
            )
            .replace(r"\d", "[0-9]");
        Regex::new(&text).unwrap()
    }

    /// The documented complexity alternatives, each lookahead body
    /// compiled once as a regex of this dialect.
    fn alternatives(self) -> Vec<Vec<Regex>> {
        let lookahead = Regex::new(r"\(\?=\.\*([^)]*)\)").unwrap();
        ALTERNATIVES
            .iter()
            .map(|alt| {
                let bodies: Vec<Regex> = lookahead
                    .captures_iter(alt)
                    .map(|c| self.body(c.get(1).unwrap().as_str()))
                    .collect();
                assert_eq!(bodies.len(), 3, "{alt}");
                bodies
            })
            .collect()
    }

    /// The documented rule, lookahead by lookahead.
    fn accepts(self, alternatives: &[Vec<Regex>], password: &str) -> bool {
        let s = self.subject(password);
        // (?=^.{8,64}$): 8 to 64 units of the subject, none a terminator
        // (`$` before a final line terminator in Java is covered: `.`
        // would have had to match it).
        assert_eq!(LENGTH, "(?=^.{8,64}$)");
        let n = s.chars().count();
        let dots = s.chars().all(|c| !self.line_terminators().contains(c));
        (8..=64).contains(&n)
            && dots
            && alternatives
                .iter()
                .any(|alt| alt.iter().all(|b| b.is_match(&s)))
    }
}

/// Characters where the dialects differ or the policy reads strictly,
/// beside ordinary ASCII.
const POOL: &[char] = &[
    'a', 'b', 'z', 'A', 'B', 'Z', '0', '5', '9', '!', '@', '#', '-', '_', '"',
    '\\', '/', ' ', '\t', '\n', '\r', '\u{B}', '\u{C}', '\u{85}', '\u{A0}',
    '\u{2028}', '\u{2029}', '\u{3000}', '\u{FEFF}', '\u{200B}', 'é', 'Ω', 'ж',
    '中', 'Ａ', '１', '٣', '😀', '𝐀', '\0', '\u{1B}', '\u{7F}',
];

/// The policy's documented deviations from "both dialects accept": it
/// refuses characters above U+FFFF, control characters other than TAB, and
/// the account name (notes of policies/aws-directory-service.yaml).
fn refused_on_purpose(password: &str) -> bool {
    password
        .chars()
        .any(|c| u32::from(c) > 0xFFFF || (c.is_control() && c != '\t'))
        || password.to_lowercase().contains("administrator")
}

#[test]
fn the_structured_rules_agree_with_the_documented_pattern() {
    let catalog = Catalog::builtin();
    let checker = catalog.checker(&["aws-directory-service"]).unwrap();
    let mut rng = StdRng::seed_from_u64(0xd5);
    let mut sample: Vec<String> = vec![
        "Abcdef12".into(),
        "abcdé123".into(),
        "abcd1234 ".into(),
        "Abcd\t123".into(),
        "abcd\u{A0}1234".into(),
        "abcd\u{FEFF}1234".into(),
        "Abcd😀123".into(),
        "Administrator1!".into(),
    ];
    for _ in 0..20_000 {
        // Mostly ASCII letters, digits and symbols, with a tricky
        // character now and then, so that both verdicts are common.
        let len = rng.random_range(0..=70);
        let mut s: String = (0..len)
            .map(|_| {
                if rng.random_range(0..12) == 0 {
                    POOL[rng.random_range(0..POOL.len())]
                } else {
                    POOL[rng.random_range(0..17)]
                }
            })
            .collect();
        if rng.random_range(0..20) == 0 {
            s.insert_str(0, "xADMINISTRATOR");
        }
        sample.push(s);
    }
    let (mut accepted, mut differ) = (0, 0);
    let (ecma_alts, java_alts) =
        (Dialect::Ecma.alternatives(), Dialect::Java.alternatives());
    for pw in &sample {
        let ecma = Dialect::Ecma.accepts(&ecma_alts, pw);
        let java = Dialect::Java.accepts(&java_alts, pw);
        let ours = checker.accepts(pw);
        // Never looser than either dialect.
        assert!(
            !ours || (ecma && java),
            "{pw:?}: policy accepts, documented pattern refuses"
        );
        // Exactly both, less the deviations the notes state.
        let want = ecma && java && !refused_on_purpose(pw);
        assert_eq!(ours, want, "{pw:?}: ecma {ecma}, java {java}");
        accepted += usize::from(ours);
        differ += usize::from(ecma != java);
    }
    // The sample exercises both sides and the dialects' differences.
    assert!(accepted > 500, "{accepted}");
    assert!(differ > 100, "{differ}");
}
