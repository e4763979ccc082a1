//! Apple's whole quirks file (`tests/data/apple/password-rules.json`, MIT,
//! Apple Inc.) through `import_passwordrules`: every rule imports or is
//! refused for a reason that is true; for every converted policy the
//! checker agrees with an independent reading of Apple's semantics (written
//! here, not shared with the importer) on random candidates, and every
//! generated password meets the rule as Apple reads it.

use std::collections::{BTreeMap, HashSet};

use passpolicy::interchange::{
    ImportError, id_from_domain, import_passwordrules,
};
use passpolicy::{Checker, Error, Generator, Policy};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// `None`: any character (`unicode`).
type Set = Option<HashSet<char>>;

/// Apple's rules as `tools/PasswordRulesParser.js` canonicalises them,
/// reimplemented from its source for this test only.
#[derive(Debug)]
struct Apple {
    min: usize,
    max: Option<usize>,
    max_consecutive: Option<usize>,
    required: Vec<Set>,
    allowed: Set,
}

#[derive(Clone, Debug)]
enum Item {
    Unicode,
    Printable,
    Chars(HashSet<char>),
}

fn printable() -> HashSet<char> {
    (' '..='~').collect()
}

fn named(name: &str) -> Item {
    let chars = |r: &[(char, char)]| {
        Item::Chars(r.iter().flat_map(|&(a, b)| a..=b).collect())
    };
    match name.to_ascii_lowercase().as_str() {
        "upper" => chars(&[('A', 'Z')]),
        "lower" => chars(&[('a', 'z')]),
        "digit" => chars(&[('0', '9')]),
        "special" => chars(&[(' ', '/'), (':', '@'), ('[', '`'), ('{', '~')]),
        "ascii-printable" => Item::Printable,
        "unicode" => Item::Unicode,
        other => panic!("class {other}"),
    }
}

/// Splits `a: x, [y;z]]; b: 1` into properties and their items, with
/// Apple's bracket rule: a class ends at its first `]`, and `]]` is a
/// member `]` then the end.
fn split(text: &str) -> Vec<(String, Vec<String>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut props: Vec<Vec<String>> = vec![vec![String::new()]];
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prop = props.last_mut().unwrap();
        match c {
            '[' => {
                let mut class = String::from("[");
                i += 1;
                while chars[i] != ']' {
                    class.push(chars[i]);
                    i += 1;
                }
                class.push(']');
                if chars.get(i + 1) == Some(&']') {
                    class.push(']');
                    i += 1;
                }
                prop.last_mut().unwrap().push_str(&class);
            }
            ';' => props.push(vec![String::new()]),
            ',' => prop.push(String::new()),
            _ => prop.last_mut().unwrap().push(c),
        }
        i += 1;
    }
    let mut out = Vec::new();
    for mut items in props {
        let first = items[0].clone();
        let Some((name, value)) = first.split_once(':') else {
            assert!(first.trim().is_empty(), "{text}");
            continue;
        };
        items[0] = value.to_string();
        let items = items.iter().map(|s| s.trim().to_string()).collect();
        out.push((name.trim().to_string(), items));
    }
    out
}

/// A custom class's members as Apple's parser reads them: printable ASCII
/// only, `-` only first, a trailing `]]` gives `]`.
fn custom(item: &str) -> HashSet<char> {
    let inner = &item[1..];
    let (body, bracket) = match inner.strip_suffix("]]") {
        Some(b) => (b, true),
        None => (inner.strip_suffix(']').expect("class end"), false),
    };
    let mut out: HashSet<char> = body
        .chars()
        .enumerate()
        .filter(|&(i, c)| (' '..='~').contains(&c) && (c != '-' || i == 0))
        .map(|(_, c)| c)
        .collect();
    if bracket {
        out.insert(']');
    }
    out
}

fn canonical(items: &[Item]) -> Item {
    let mut all = HashSet::new();
    for i in items {
        match i {
            Item::Unicode | Item::Printable => return i.clone(),
            Item::Chars(c) => all.extend(c),
        }
    }
    if all == printable() { Item::Printable } else { Item::Chars(all) }
}

fn to_set(i: Item) -> Set {
    match i {
        Item::Unicode => None,
        Item::Printable => Some(printable()),
        Item::Chars(c) => Some(c),
    }
}

fn apple(text: &str) -> Apple {
    let mut a = Apple {
        min: 0,
        max: None,
        max_consecutive: None,
        required: vec![],
        allowed: None,
    };
    let mut allowed_items = Vec::new();
    for (name, values) in split(text) {
        let items = || -> Vec<Item> {
            values
                .iter()
                .map(|v| {
                    if v.starts_with('[') {
                        Item::Chars(custom(v))
                    } else {
                        named(v)
                    }
                })
                .collect()
        };
        let num = || values[0].parse::<usize>().expect("number");
        match name.as_str() {
            "minlength" => a.min = a.min.max(num()),
            "maxlength" => a.max = Some(a.max.map_or(num(), |m| m.min(num()))),
            "max-consecutive" => {
                a.max_consecutive =
                    Some(a.max_consecutive.map_or(num(), |m| m.min(num())))
            }
            "required" => {
                let c = canonical(&items());
                allowed_items.push(c.clone());
                a.required.push(to_set(c));
            }
            "allowed" => allowed_items.extend(items()),
            other => panic!("property {other}"),
        }
    }
    a.allowed = if allowed_items.is_empty() {
        Some(printable())
    } else {
        to_set(canonical(&allowed_items))
    };
    a
}

fn in_set(s: &Set, c: char) -> bool {
    s.as_ref().is_none_or(|s| s.contains(&c))
}

fn accepts(a: &Apple, pw: &str) -> bool {
    let chars: Vec<char> = pw.chars().collect();
    let mut run = 0;
    for (i, &c) in chars.iter().enumerate() {
        run = if i > 0 && chars[i - 1] == c { run + 1 } else { 1 };
        if a.max_consecutive.is_some_and(|m| run > m) {
            return false;
        }
    }
    chars.len() >= a.min
        && a.max.is_none_or(|m| chars.len() <= m)
        && chars.iter().all(|&c| in_set(&a.allowed, c))
        && a.required.iter().all(|r| chars.iter().any(|&c| in_set(r, c)))
}

fn quirks() -> BTreeMap<String, String> {
    let text = include_str!("data/apple/password-rules.json");
    let map: BTreeMap<String, serde_json::Value> =
        serde_json::from_str(text).unwrap();
    map.into_iter()
        .map(|(k, v)| (k, v["password-rules"].as_str().unwrap().to_string()))
        .collect()
}

/// A random candidate: mostly allowed characters, some other ASCII, some
/// non-ASCII, sometimes a long run; lengths around the bounds.
fn candidate(a: &Apple, rng: &mut StdRng) -> String {
    let pool: Vec<char> = match &a.allowed {
        Some(s) => {
            let mut v: Vec<char> = s.iter().copied().collect();
            v.sort_unstable();
            v
        }
        None => printable().into_iter().collect(),
    };
    let top = a.max.unwrap_or(a.min + 8).min(a.min + 40) + 2;
    let len = rng.random_range(a.min.saturating_sub(2)..=top);
    let mut s = String::new();
    while s.chars().count() < len {
        let roll = rng.random_range(0..100);
        let c = if roll < 90 {
            pool[rng.random_range(0..pool.len())]
        } else if roll < 96 {
            rng.random_range(' '..='~')
        } else {
            ['é', '日', '\t', 'Ａ', '😀'][rng.random_range(0..5)]
        };
        let reps = if rng.random_range(0..20) == 0 { 4 } else { 1 };
        for _ in 0..reps {
            s.push(c);
        }
    }
    s
}

/// An ASCII-printable-only policy, to generate from a `unicode` rule
/// (the generator draws from at most 65,536 characters).
fn ascii_only() -> Policy {
    Policy::from_yaml(
        "id: ascii\nvendor: t\nproduct: t\nrules:\n  alphabet: [ascii_printable]\n",
        "ascii.yaml",
    )
    .unwrap()
}

#[test]
fn every_quirk_imports_and_means_what_apple_reads() {
    let rules = quirks();
    assert_eq!(rules.len(), 434);
    let mut rng = StdRng::seed_from_u64(0xa991e);
    let mut refused = BTreeMap::new();
    let mut generated = 0;
    let ascii = ascii_only();
    for (domain, text) in &rules {
        let id = id_from_domain(domain);
        let imported =
            match import_passwordrules(text, &id, Some(domain), None) {
                Ok(i) => i,
                Err(e) => {
                    refused.insert(domain.clone(), e.to_string());
                    continue;
                }
            };
        let a = apple(text);
        let variant = &imported.policy.variants()[0];
        let checker = Checker::new(&[variant]).unwrap();
        for _ in 0..300 {
            let pw = candidate(&a, &mut rng);
            assert_eq!(
                checker.accepts(&pw),
                accepts(&a, &pw),
                "{domain}: {text:?} on {pw:?}\n{}",
                imported.yaml
            );
        }
        let checker = match Generator::new(&checker) {
            Err(Error::Limit { .. }) => {
                Checker::new(&[variant, &ascii.variants()[0]]).unwrap()
            }
            _ => checker,
        };
        let generator = Generator::new(&checker)
            .unwrap_or_else(|e| panic!("{domain}: {e}"));
        let (lo, hi) = generator.length_bounds();
        for len in [lo, generator.default_length().unwrap(), hi.min(lo + 30)] {
            let Ok(sampler) = generator.sampler(len) else { continue };
            for _ in 0..5 {
                let pw = sampler.generate(&mut rng);
                assert!(
                    accepts(&a, pw.as_str()),
                    "{domain}: generated a password {text:?} refuses"
                );
                generated += 1;
            }
        }
    }
    eprintln!(
        "quirks: {} converted, {} refused, {generated} passwords generated",
        rules.len() - refused.len(),
        refused.len()
    );
    for (d, why) in &refused {
        eprintln!("  refused {d}: {why}");
    }
    assert!(refused.is_empty(), "{refused:#?}");
}

#[test]
fn impossible_rules_are_refused_with_the_reason() {
    let cases = [
        (
            "minlength: 12; maxlength: 8",
            "minlength 12 is greater than maxlength 8",
        ),
        (
            "maxlength: 2; required: upper; required: lower; required: digit",
            "need at least 3 different characters, but maxlength is 2",
        ),
        (
            "allowed: [a]; max-consecutive: 2; minlength: 3",
            "only one character is allowed",
        ),
    ];
    for (text, reason) in cases {
        match import_passwordrules(text, "x", None, None) {
            Err(ImportError::Impossible(why)) => {
                assert!(why.contains(reason), "{text}: {why}")
            }
            other => panic!("{text}: {other:?}"),
        }
    }
    // Overlapping required sets can share one character.
    let ok = import_passwordrules(
        "maxlength: 1; required: [ab]; required: [bc]",
        "x",
        None,
        None,
    )
    .unwrap();
    let checker = Checker::new(&[&ok.policy.variants()[0]]).unwrap();
    assert!(checker.accepts("b"));
    assert!(!checker.accepts("a"));
}
