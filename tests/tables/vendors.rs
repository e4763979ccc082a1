//! The vendors' rules typed a second time, from the reference text and not
//! from `policies/`: an ASCII sweep and an independent count of compliant
//! passwords that the checker and the generator must match.

use std::collections::BTreeSet;

use passpolicy::{Catalog, Code, Generator, reference};

use crate::{Dir, variant_labels};

/// One rule as the reference text states it, typed here independently of
/// the policy files.
struct Vendor {
    labels: &'static [&'static str],
    /// The allowed ASCII characters.
    alphabet: fn() -> String,
    /// The classes of the "K of N" rule, or of the minimum counts.
    classes: &'static [&'static str],
    /// K (0: no class rule).
    at_least: usize,
    /// The minimum count of every class (0: none).
    min_each: usize,
    forbidden_first: &'static str,
    length: (u32, u32),
    /// Accepted by every label, one character below the maximum at most.
    good: &'static str,
    /// An open alphabet (every character but a few): the generator draws
    /// from its printable ASCII characters without space, so the count is
    /// over those.
    open: bool,
}

const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &str = "0123456789";
const LETTERS: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn alnum_and(symbols: &str) -> String {
    format!("{LETTERS}{DIGITS}{symbols}")
}

/// "( ) ` ~ ! @ # $ % ^ & * - + = _ | { } [ ] : ; ' < > , . ? /" (B1, B3).
const CVM3_SPECIALS: &str = "()`~!@#$%^&*-+=_|{}[]:;'<>,.?/";
/// "_+-&=!@#$%^*()" (B2) and "! @ # $ & % ^ * ( ) _ + - =" (B4).
const CDB_SPECIALS: &str = "_+-&=!@#$%^*()";
/// "_, #, or -" (B14).
const OCI_SPECIALS: &str = "_#-";
/// The az CLI regex: space and `~!@#$%^&*()=+_[]{}|;:./'",<>? (B10).
const AZ_SPECIALS: &str = " `~!@#$%^&*()=+_[]{}|;:./'\",<>?";
/// Huawei ECS API text: "! @ % - _ = + [ ] : . / ?" (B5).
const HUAWEI_SPECIALS: &str = "!@%-_=+[]:./?";
/// Linode's punctuation: all 32 ASCII punctuation characters (B18).
const PUNCT: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// MySQL's special: not lower, upper or digit (B15) — in ASCII, the
/// punctuation, space and the controls but NUL.
const MYSQL_SPECIALS: &str = "\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\x7f";

/// PostgreSQL's non-letters in ASCII: everything but a-z A-Z (and NUL).
const PG_NONLETTERS: &str = "\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f !\"#$%&'()*+,-./0123456789:;<=>?@[\\]^_`{|}~\x7f";

/// "any printable ASCII character except" these (B7; space refused).
fn printable_except(except: &str) -> String {
    (0x21u8..=0x7E).map(char::from).filter(|c| !except.contains(*c)).collect()
}

const VENDORS: &[Vendor] = &[
    Vendor {
        labels: &["tencent-cvm/linux"],
        alphabet: || alnum_and(CVM3_SPECIALS),
        classes: &[LOWER, UPPER, DIGITS, CVM3_SPECIALS],
        at_least: 3,
        min_each: 0,
        forbidden_first: "/",
        length: (8, 30),
        good: "Abcd1234!@xy",
        open: false,
    },
    Vendor {
        labels: &["tencent-cvm/windows"],
        alphabet: || alnum_and(CVM3_SPECIALS),
        classes: &[LOWER, UPPER, DIGITS, CVM3_SPECIALS],
        at_least: 3,
        min_each: 0,
        forbidden_first: "/",
        length: (12, 30),
        good: "Abcd1234!@xy",
        open: false,
    },
    Vendor {
        labels: &["tencentdb-mysql"],
        alphabet: || alnum_and(CDB_SPECIALS),
        classes: &[LETTERS, DIGITS, CDB_SPECIALS],
        at_least: 2,
        min_each: 0,
        forbidden_first: "",
        length: (8, 64),
        good: "Abcd1234!@xy",
        open: false,
    },
    Vendor {
        labels: &["alibaba-ecs/linux"],
        alphabet: || alnum_and(CVM3_SPECIALS),
        classes: &[LOWER, UPPER, DIGITS, CVM3_SPECIALS],
        at_least: 3,
        min_each: 0,
        forbidden_first: "",
        length: (8, 30),
        good: "Abcd1234!@xy",
        open: false,
    },
    Vendor {
        labels: &["alibaba-ecs/windows"],
        alphabet: || alnum_and(CVM3_SPECIALS),
        classes: &[LOWER, UPPER, DIGITS, CVM3_SPECIALS],
        at_least: 3,
        min_each: 0,
        forbidden_first: "/",
        length: (8, 30),
        good: "Abcd1234!@xy",
        open: false,
    },
    Vendor {
        labels: &["alibaba-rds"],
        alphabet: || alnum_and(CDB_SPECIALS),
        classes: &[LOWER, UPPER, DIGITS, CDB_SPECIALS],
        at_least: 3,
        min_each: 0,
        forbidden_first: "",
        length: (8, 32),
        good: "Abcd1234!@xy",
        open: false,
    },
    Vendor {
        labels: &["baidu-rds"],
        alphabet: || alnum_and("_"),
        classes: &[],
        at_least: 0,
        min_each: 0,
        forbidden_first: "",
        length: (6, 32),
        good: "Abcd1234_xy",
        open: false,
    },
    Vendor {
        labels: &["aws-rds/mysql", "aws-rds/mariadb"],
        alphabet: || printable_except("/\"@"),
        classes: &[],
        at_least: 0,
        min_each: 0,
        forbidden_first: "",
        length: (8, 41),
        good: "Abcd1234!#xy",
        open: false,
    },
    Vendor {
        labels: &["aws-rds/postgres", "aws-rds/sqlserver", "aws-rds/db2"],
        alphabet: || printable_except("/\"@"),
        classes: &[],
        at_least: 0,
        min_each: 0,
        forbidden_first: "",
        length: (8, 128),
        good: "Abcd1234!#xy",
        open: false,
    },
    Vendor {
        labels: &["aws-rds/oracle"],
        alphabet: || printable_except("/\"@&'"),
        classes: &[],
        at_least: 0,
        min_each: 0,
        forbidden_first: "",
        length: (8, 30),
        good: "Abcd1234!#xy",
        open: false,
    },
    Vendor {
        labels: &["azure-vm/cli-linux"],
        alphabet: || (0x20u8..=0x7E).map(char::from).collect(),
        classes: &[LOWER, UPPER, DIGITS, AZ_SPECIALS],
        at_least: 3,
        min_each: 0,
        forbidden_first: "",
        length: (12, 72),
        good: "Abcd1234!@xy",
        open: false,
    },
    Vendor {
        labels: &["azure-vm/cli-windows"],
        alphabet: || (0x20u8..=0x7E).map(char::from).collect(),
        classes: &[LOWER, UPPER, DIGITS, AZ_SPECIALS],
        at_least: 3,
        min_each: 0,
        forbidden_first: "",
        length: (12, 123),
        good: "Abcd1234!@xy",
        open: false,
    },
    Vendor {
        labels: &["oci-db-system"],
        alphabet: || alnum_and(OCI_SPECIALS),
        classes: &[LOWER, UPPER, DIGITS, OCI_SPECIALS],
        at_least: 0,
        min_each: 2,
        forbidden_first: "",
        length: (9, 30),
        good: "ABcd12_#xyz",
        open: false,
    },
    Vendor {
        labels: &["huawei-ecs/linux"],
        alphabet: || alnum_and(HUAWEI_SPECIALS),
        classes: &[LOWER, UPPER, DIGITS, HUAWEI_SPECIALS],
        at_least: 3,
        min_each: 0,
        forbidden_first: "",
        length: (8, 26),
        good: "Abcd1234!@xy",
        open: false,
    },
    Vendor {
        labels: &["huawei-ecs/windows"],
        alphabet: || alnum_and(HUAWEI_SPECIALS),
        classes: &[LOWER, UPPER, DIGITS, HUAWEI_SPECIALS],
        at_least: 3,
        min_each: 0,
        forbidden_first: "/",
        length: (8, 26),
        good: "Abcd1234!@xy",
        open: false,
    },
    Vendor {
        // MEDIUM, the default: one each of upper, lower, digit and special
        // (every ASCII character but a letter or digit, NUL refused); no
        // maximum (the second bound is only a label here).
        labels: &["mysql-validate-password"],
        alphabet: || (1u8..=0x7F).map(char::from).collect(),
        classes: &[LOWER, UPPER, DIGITS, MYSQL_SPECIALS],
        at_least: 0,
        min_each: 1,
        forbidden_first: "",
        length: (8, u32::MAX),
        good: "Abcd1234!@xy",
        open: true,
    },
    Vendor {
        // Complexity enabled, minimum_password_length 7 (the default);
        // within ASCII the five categories are these four (the fifth,
        // uncased letters, has no ASCII character).
        labels: &["windows-ad"],
        alphabet: || (1u8..=0x7F).map(char::from).collect(),
        classes: &[UPPER, LOWER, DIGITS, PUNCT],
        at_least: 3,
        min_each: 0,
        forbidden_first: "",
        length: (7, 256),
        good: "Abcd1234!@xy",
        open: true,
    },
    Vendor {
        // Disabled (the default): no rule; the generator's shortest is 1.
        labels: &["gcp-cloudsql", "postgresql/core"],
        alphabet: || (1u8..=0x7F).map(char::from).collect(),
        classes: &[],
        at_least: 0,
        min_each: 0,
        forbidden_first: "",
        length: (1, u32::MAX),
        good: "Abcd1234!@xy",
        open: true,
    },
    Vendor {
        // A letter (ASCII, isalpha per byte) and a non-letter, 8 bytes.
        labels: &["postgresql/passwordcheck"],
        alphabet: || (1u8..=0x7F).map(char::from).collect(),
        classes: &[LETTERS, PG_NONLETTERS],
        at_least: 2,
        min_each: 0,
        forbidden_first: "",
        length: (8, u32::MAX),
        good: "Abcd1234!@xy",
        open: true,
    },
    Vendor {
        labels: &["linode"],
        alphabet: || alnum_and(PUNCT),
        classes: &[LOWER, UPPER, DIGITS, PUNCT],
        at_least: 2,
        min_each: 0,
        forbidden_first: "",
        length: (6, 128),
        good: "Abcd1234!@xy",
        open: false,
    },
    // REST/ARM: three of a–z, A–Z, 0–9 and [\W_] (within ASCII: space and
    // every punctuation character); control characters refused (B10).
    Vendor {
        labels: &["azure-vm/linux"],
        alphabet: || (0x20u8..=0x7E).map(char::from).collect(),
        classes: &[LOWER, UPPER, DIGITS, DOTNET_SPECIAL_ASCII],
        at_least: 3,
        min_each: 0,
        forbidden_first: "",
        length: (12, 72),
        good: "Abcd1234!@xy",
        open: true,
    },
    Vendor {
        labels: &["azure-vm/windows"],
        alphabet: || (0x20u8..=0x7E).map(char::from).collect(),
        classes: &[LOWER, UPPER, DIGITS, DOTNET_SPECIAL_ASCII],
        at_least: 3,
        min_each: 0,
        forbidden_first: "",
        length: (8, 123),
        good: "Abcd1234!@xy",
        open: true,
    },
    // (?=^.{8,64}$) and three of \d, [A-Z], [a-z], [^A-Za-z0-9\s]: within
    // ASCII, TAB and space are allowed but not special; other controls
    // refused (B9).
    Vendor {
        labels: &["aws-directory-service"],
        alphabet: || {
            std::iter::once('\t')
                .chain((0x20u8..=0x7E).map(char::from))
                .collect()
        },
        classes: &[DIGITS, UPPER, LOWER, PUNCT],
        at_least: 3,
        min_each: 0,
        forbidden_first: "",
        length: (8, 64),
        good: "Abcd1234!@xy",
        open: true,
    },
    // Three of A–Z, a–z, 0–9 and non-alphanumeric (ASCII punctuation);
    // every character but the controls allowed (B11).
    Vendor {
        labels: &["azure-sql"],
        alphabet: || (0x20u8..=0x7E).map(char::from).collect(),
        classes: &[UPPER, LOWER, DIGITS, PUNCT],
        at_least: 3,
        min_each: 0,
        forbidden_first: "",
        length: (8, 128),
        good: "Abcd1234!@xy",
        open: true,
    },
    // 12–30, one of each of A–Z, a–z, 0–9 (all three of three), anything
    // but " and the controls (B13).
    Vendor {
        labels: &["oci-autonomous-db"],
        alphabet: || printable_except("\"").chars().chain([' ']).collect(),
        classes: &[UPPER, LOWER, DIGITS],
        at_least: 3,
        min_each: 0,
        forbidden_first: "",
        length: (12, 30),
        good: "Abcd1234!@xy",
        open: true,
    },
];

/// [\W_] within ASCII: space and the 32 punctuation characters.
const DOTNET_SPECIAL_ASCII: &str = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// What the generator draws from: the alphabet, without space and
/// controls when it is open.
fn drawn(vendor: &Vendor) -> String {
    let all = (vendor.alphabet)();
    if vendor.open {
        all.chars().filter(|c| ('!'..='~').contains(c)).collect()
    } else {
        all
    }
}

#[test]
fn the_vendor_table_covers_every_new_variant() {
    let catalog = Catalog::builtin();
    let labels = variant_labels(&catalog, Dir::Catalog);
    let mut table: Vec<&str> =
        VENDORS.iter().flat_map(|v| v.labels.iter().copied()).collect();
    table.sort_unstable();
    assert_eq!(labels, table);
}

#[test]
fn the_vendor_tables_match_the_reference_counts() {
    // The counts vendor-policies.md states: 30 (CVM 3.0 / Alibaba ECS),
    // 14 (TencentDB MySQL / Alibaba RDS), 3 (OCI), 91 and 89 (AWS RDS:
    // 94 printable minus 3, minus 2 more for Oracle), 31 (az CLI).
    let distinct = |s: &str| s.chars().collect::<BTreeSet<_>>().len();
    assert_eq!(distinct(CVM3_SPECIALS), 30);
    assert_eq!(distinct(CDB_SPECIALS), 14);
    assert_eq!(distinct(OCI_SPECIALS), 3);
    assert_eq!(distinct(HUAWEI_SPECIALS), 13);
    // The document's forbidden list is exactly the rest of ASCII
    // punctuation: ~`#&^,{}*();"'<>|\$ (19 = 32 - 13).
    let forbidden = "~`#&^,{}*();\"'<>|\\$";
    assert_eq!(distinct(forbidden), 19);
    assert!(forbidden.chars().all(|c| !HUAWEI_SPECIALS.contains(c)));
    assert!(forbidden.chars().all(|c| PUNCT.contains(c)));
    assert_eq!(distinct(AZ_SPECIALS), 31);
    assert_eq!(distinct(PUNCT), 32);
    assert_eq!(printable_except("/\"@").len(), 91);
    assert_eq!(printable_except("/\"@&'").len(), 89);
    // The az CLI's specials: every ASCII punctuation but - and \, and space.
    let az: BTreeSet<char> = AZ_SPECIALS.chars().collect();
    let want: BTreeSet<char> =
        format!(" {}", PUNCT.replace(['-', '\\'], "")).chars().collect();
    assert_eq!(az, want);
}

/// Every ASCII character inserted at position 5 of a good password: a
/// listed one is accepted, any other refused with exactly
/// `disallowed_character` at position 5; and every ASCII character as the
/// first one: refused for its first place only where the source says.
#[test]
fn every_ascii_character_inside_and_first() {
    let catalog = Catalog::builtin();
    for vendor in VENDORS {
        let allowed = (vendor.alphabet)();
        for label in vendor.labels {
            let checker = catalog.checker(&[label]).unwrap();
            assert!(
                checker.check(vendor.good).is_ok(),
                "{label}: base refused"
            );
            let mut refused = 0;
            for b in 0u8..=0x7F {
                let c = char::from(b);
                let inside =
                    format!("{}{c}{}", &vendor.good[..4], &vendor.good[4..]);
                let first = format!("{c}{}", vendor.good);
                let v_inside = checker.check(&inside);
                let v_first = checker.check(&first);
                if !allowed.contains(c) {
                    refused += 1;
                    assert_eq!(
                        v_inside.codes().collect::<Vec<_>>(),
                        [Code::DisallowedCharacter],
                        "{label}: {c:?}"
                    );
                    let vs = checker.violations(&inside);
                    assert_eq!(
                        vs[0].detail,
                        passpolicy::Detail::Character {
                            ch: Some(c),
                            position: 5
                        },
                        "{label}: {c:?}"
                    );
                    assert!(!v_first.is_ok(), "{label}: first {c:?}");
                    continue;
                }
                assert!(v_inside.is_ok(), "{label}: listed {c:?} refused");
                let want: Vec<Code> = if vendor.forbidden_first.contains(c) {
                    vec![Code::ForbiddenPrefix]
                } else {
                    vec![]
                };
                assert_eq!(
                    v_first.codes().collect::<Vec<_>>(),
                    want,
                    "{label}: first {c:?}"
                );
            }
            assert_eq!(refused, 128 - allowed.chars().count(), "{label}");
        }
    }
}

fn binomial(n: u32, k: u32) -> u128 {
    (0..k).fold(1u128, |acc, i| acc * u128::from(n - i) / u128::from(i + 1))
}

/// The number of compliant passwords of `len` characters, from the typed
/// rule alone: inclusion–exclusion over which classes occur (K of N, with
/// the first character's own alphabet), or a sum over the class counts
/// (minimum counts). Classes are disjoint in every source here.
fn independent_count(vendor: &Vendor, len: u32) -> u128 {
    let alphabet = drawn(vendor);
    // The classes within the characters drawn (an open alphabet's class
    // may hold controls or space, which the generator does not draw).
    let classes: Vec<BTreeSet<char>> = vendor
        .classes
        .iter()
        .map(|c| c.chars().filter(|&ch| alphabet.contains(ch)).collect())
        .collect();
    let n = classes.len();
    let in_class = |c: char| classes.iter().any(|s| s.contains(&c));
    if vendor.min_each > 0 {
        // Every character is in a class: choose how many of each, then
        // where they go (a multinomial), then which characters.
        assert!(alphabet.chars().all(in_class));
        let sizes: Vec<u128> =
            classes.iter().map(|s| s.len() as u128).collect();
        let m = vendor.min_each as u32;
        let mut total = 0u128;
        let mut counts = vec![m; n];
        loop {
            let sum: u32 = counts.iter().sum();
            if sum == len {
                let mut ways = 1u128;
                let mut left = len;
                for (i, &k) in counts.iter().enumerate() {
                    ways *= binomial(left, k) * sizes[i].pow(k);
                    left -= k;
                }
                total += ways;
            }
            // Next vector of counts, each from m to len.
            let mut i = 0;
            loop {
                if i == n {
                    return total;
                }
                counts[i] += 1;
                if counts[i] <= len {
                    break;
                }
                counts[i] = m;
                i += 1;
            }
        }
    }
    let others: Vec<char> =
        alphabet.chars().filter(|&c| !in_class(c)).collect();
    // f(S): strings using only the classes in S (and the others).
    let f = |mask: usize| -> u128 {
        let mut chars: Vec<char> = others.clone();
        for (i, s) in classes.iter().enumerate() {
            if mask >> i & 1 == 1 {
                chars.extend(
                    s.iter().copied().filter(|&c| alphabet.contains(c)),
                );
            }
        }
        let first = chars
            .iter()
            .filter(|&&c| !vendor.forbidden_first.contains(c))
            .count() as u128;
        first * (chars.len() as u128).pow(len - 1)
    };
    let mut total = 0i128;
    for present in 0usize..1 << n {
        if (present.count_ones() as usize) < vendor.at_least {
            continue;
        }
        // Exactly `present`: inclusion–exclusion over its subsets.
        let mut sub = present;
        loop {
            let sign = if (present.count_ones() - sub.count_ones()) % 2 == 0 {
                1
            } else {
                -1
            };
            total += sign * f(sub) as i128;
            if sub == 0 {
                break;
            }
            sub = (sub - 1) & present;
        }
    }
    total as u128
}

/// The generator's exact count equals the independent count at the three
/// shortest lengths (brute force over the strings themselves is out of
/// reach: 63^6 and up). A refused value of that length is subtracted; a
/// user name longer than the password cannot occur in it.
#[test]
fn generator_counts_equal_the_independent_count() {
    let catalog = Catalog::builtin();
    for vendor in VENDORS {
        for label in vendor.labels {
            let checker = catalog.checker(&[label]).unwrap();
            let generator = Generator::new(&checker).unwrap();
            assert_eq!(
                generator.length_bounds().0,
                vendor.length.0,
                "{label}"
            );
            let rules = checker.targets()[0].rules();
            let users = checker.targets()[0].usernames();
            // The shortest user-name pattern: a password shorter than it
            // cannot contain one, so the closed form holds.
            // A fixed forbidden word counts the same way (oci-autonomous-db's
            // "admin" leaves no length to count: its brute-force count is in
            // tests/open_alphabet.rs).
            let user_pattern = rules.username.and_then(|u| {
                let name = users.iter().map(|u| u.chars().count()).min()?;
                Some(u.consecutive.map_or(name, |n| name.min(n as usize)))
            });
            let word = rules.forbidden_substrings.as_ref().and_then(|f| {
                f.values.iter().map(|w| w.chars().count()).min()
            });
            let shortest_pattern = match (user_pattern, word) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            for len in vendor.length.0..vendor.length.0 + 4 {
                if shortest_pattern.is_some_and(|n| len as usize >= n) {
                    continue;
                }
                let mut want = independent_count(vendor, len);
                want -= rules
                    .deny
                    .iter()
                    .filter(|d| d.chars().count() == len as usize)
                    .filter(|d| {
                        reference::violations(rules, users, d).len() == 1
                    })
                    .count() as u128;
                let got = generator.count(len).unwrap().to_u128().unwrap();
                assert_eq!(got, want, "{label} length {len}");
                let bits = generator.entropy_bits(len).unwrap();
                assert!((bits - (want as f64).log2()).abs() < 1e-9, "{label}");
            }
        }
    }
}
