//! `export_pwquality`: a model of libpwquality's checks (`src/check.c`:
//! length with credits, negative credits as minimum counts, `minclass`
//! over digits / upper / lower / other, `maxrepeat`) applied to the
//! exported settings. Every candidate that passes them and also meets what
//! the export lists as not enforced (alphabet, maximum length, first/last
//! characters, user names) must be accepted by the policy: the settings
//! refuse at least what the policy refuses.

use passpolicy::interchange::{PwqualityConf, export_pwquality};
use passpolicy::{Catalog, Checker, Policy};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

fn setting(conf: &PwqualityConf, key: &str) -> Option<i64> {
    conf.settings
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.parse().unwrap())
}

fn pwquality_accepts(conf: &PwqualityConf, pw: &str) -> bool {
    let chars: Vec<char> = pw.chars().collect();
    let class = |c: char| {
        if c.is_ascii_digit() {
            0
        } else if c.is_ascii_uppercase() {
            1
        } else if c.is_ascii_lowercase() {
            2
        } else {
            3
        }
    };
    let mut counts = [0i64; 4];
    for &c in &chars {
        counts[class(c)] += 1;
    }
    for (i, key) in
        ["dcredit", "ucredit", "lcredit", "ocredit"].iter().enumerate()
    {
        let credit = setting(conf, key).unwrap();
        assert!(credit <= 0, "positive credit {key}");
        if counts[i] < -credit {
            return false;
        }
    }
    if (pw.len() as i64) < setting(conf, "minlen").unwrap() {
        return false;
    }
    let present = counts.iter().filter(|&&n| n > 0).count() as i64;
    if present < setting(conf, "minclass").unwrap_or(0) {
        return false;
    }
    if let Some(m) = setting(conf, "maxrepeat") {
        let mut run = 0;
        for (i, c) in chars.iter().enumerate() {
            run = if i > 0 && chars[i - 1] == *c { run + 1 } else { 1 };
            if run > m {
                return false;
            }
        }
    }
    true
}

/// What the export says pwquality does not enforce, checked directly.
fn unexpressed_ok(
    checker: &Checker,
    unexpressed: &[String],
    pw: &str,
) -> bool {
    let chars: Vec<char> = pw.chars().collect();
    checker.targets().iter().all(|t| {
        let (r, names) = (t.rules(), t.usernames());
        // The minimum counts the export says pwquality cannot enforce.
        let counts_ok = r.min_counts.iter().all(|&(i, m)| {
            let class = &r.classes[i];
            let note = format!(
                "{}: at least {m} of class {} ",
                t.label(),
                class.name
            );
            !unexpressed.iter().any(|u| u.starts_with(&note))
                || chars.iter().filter(|&&c| class.set.contains(c)).count()
                    >= m as usize
        });
        // Fixed forbidden words, which the export says are not enforced.
        let words_ok = r.forbidden_substrings.as_ref().is_none_or(|f| {
            let lower = pw.to_lowercase();
            f.values.iter().all(|w| !lower.contains(&w.to_lowercase()))
        });
        let len = match r.length.unit {
            passpolicy::LengthUnit::Bytes => pw.len(),
            passpolicy::LengthUnit::Utf16 => pw.encode_utf16().count(),
            _ => chars.len(),
        } as u32;
        // pwquality counts bytes: the minimum in any other unit is the
        // export's "not enforced" once non-ASCII characters are allowed.
        let min_ok = r.length.unit == passpolicy::LengthUnit::Bytes
            || r.alphabet.is_ascii()
            || len >= r.length.min;
        min_ok
            && counts_ok
            && words_ok
            && len <= r.length.max
            && chars.iter().all(|&c| r.alphabet.contains(c))
            && chars.first().is_none_or(|&c| !r.forbidden_first.contains(c))
            && chars.last().is_none_or(|&c| !r.forbidden_last.contains(c))
            && names.iter().all(|n| {
                let lower = pw.to_lowercase();
                let n = n.to_lowercase();
                let rev: String = n.chars().rev().collect();
                let runs =
                    r.username.and_then(|u| u.consecutive).is_none_or(|k| {
                        let k = k as usize;
                        [&n, &rev].iter().all(|s| {
                            let s: Vec<char> = s.chars().collect();
                            s.windows(k).all(|w| {
                                !lower.contains(&w.iter().collect::<String>())
                            })
                        })
                    });
                !lower.contains(&n) && !lower.contains(&rev) && runs
            })
            && !r.deny.iter().any(|d| d == pw)
    })
}

fn check_policy(catalog: &Catalog, name: &str, rng: &mut StdRng) -> usize {
    let checker = catalog.checker(&[name]).unwrap();
    let conf = export_pwquality(&checker).unwrap();
    let alphabet: Vec<char> =
        checker.common_alphabet().chars().take(200).collect();
    let mut passed = 0;
    for _ in 0..20_000 {
        let len = rng.random_range(1..=20);
        let pw: String = (0..len)
            .map(|_| alphabet[rng.random_range(0..alphabet.len())])
            .collect();
        if pwquality_accepts(&conf, &pw)
            && unexpressed_ok(&checker, &conf.unexpressed, &pw)
        {
            passed += 1;
            assert!(
                checker.accepts(&pw),
                "{name}: pwquality settings pass {pw:?}, the policy refuses it: {:?}\n{}",
                checker.violations(&pw),
                conf.to_conf("")
            );
        }
    }
    passed
}

#[test]
fn what_the_settings_pass_the_policy_accepts() {
    let mut catalog = Catalog::builtin();
    catalog
        .add(
            Policy::from_yaml(
                "
id: rich
vendor: t
product: t
classes:
  sym: { chars: '!#%' }
rules:
  length: { min: 4, max: 20 }
  alphabet: [letters, digits, sym]
  min_counts: { digits: 2 }
  classes_required: { at_least: 2, of: [letters, digits, sym] }
  max_run: 2
",
                "rich.yaml",
            )
            .unwrap(),
        )
        .unwrap();
    let mut rng = StdRng::seed_from_u64(0x9a);
    let ids: Vec<String> =
        catalog.policies().iter().map(|p| p.id().to_string()).collect();
    for id in &ids {
        // The test is only as good as the candidates that pass.
        assert!(check_policy(&catalog, id, &mut rng) > 100, "{id}");
    }
    let conf = export_pwquality(&catalog.checker(&["rich"]).unwrap()).unwrap();
    assert_eq!(setting(&conf, "minlen"), Some(6));
    assert_eq!(setting(&conf, "dcredit"), Some(-2));
    assert_eq!(setting(&conf, "maxrepeat"), Some(2));
    assert!(conf.tightenings.iter().any(|t| t.contains("minlen 6")));
}
