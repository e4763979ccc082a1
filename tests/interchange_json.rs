//! `export_json`: a checker written here from the JSON document alone (as
//! a tool in another language would, following docs/interchange.md)
//! agrees with the library's checker on random candidates for every
//! built-in policy, and every document has exactly the fields
//! docs/rules-export.schema.json lists.

use passpolicy::Catalog;
use passpolicy::interchange::export_json;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use serde_json::Value;

fn in_ranges(r: &Value, c: char) -> bool {
    r.as_array().unwrap().iter().any(|p| {
        let (a, b) = (p[0].as_u64().unwrap(), p[1].as_u64().unwrap());
        (a..=b).contains(&(c as u64))
    })
}

fn fold(s: &str) -> String {
    s.chars().map(|c| c.to_lowercase().next().unwrap_or(c)).collect()
}

/// Whether the password holds a forbidden word or a dictionary word.
fn holds_a_word(v: &Value, pw: &str) -> bool {
    if let Some(f) = v["forbidden_substrings"].as_object() {
        let cs = f["case_sensitive"].as_bool().unwrap();
        let hay = if cs { pw.to_string() } else { fold(pw) };
        for w in f["values"].as_array().unwrap() {
            let w = w.as_str().unwrap();
            if hay.contains(&if cs { w.to_string() } else { fold(w) }) {
                return true;
            }
        }
    }
    let folded = fold(pw);
    v["dictionary"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| folded.contains(w.as_str().unwrap()))
}

/// Whether the user-name rule refuses the password: a display-name token,
/// or a user name (long enough to count) equal to it, reversed, inside it
/// or with a run of consecutive characters inside it.
fn refused_for_a_name(v: &Value, pw: &str) -> bool {
    let Some(u) = v["username"].as_object() else { return false };
    let cs = u["case_sensitive"].as_bool().unwrap();
    let hay = if cs { pw.to_string() } else { fold(pw) };
    for t in u["display_name_tokens"].as_array().unwrap() {
        let t = t.as_str().unwrap();
        if hay.contains(&if cs { t.to_string() } else { fold(t) }) {
            return true;
        }
    }
    let shortest = u["min_name_length"].as_u64().unwrap() as usize;
    for name in u["names"].as_array().unwrap() {
        let n = name.as_str().unwrap();
        if n.chars().count() < shortest {
            continue;
        }
        let reversed: Vec<u8> = n.bytes().rev().collect();
        if u["equals"].as_bool().unwrap() && pw == n
            || u["equals_reversed"].as_bool().unwrap()
                && pw.as_bytes() == reversed.as_slice()
        {
            return true;
        }
        let n = if cs { n.to_string() } else { fold(n) };
        let rev: String = n.chars().rev().collect();
        if u["contains"].as_bool().unwrap() && hay.contains(&n)
            || u["reversed"].as_bool().unwrap() && hay.contains(&rev)
        {
            return true;
        }
        if let Some(k) = u["consecutive"].as_u64() {
            let mut sources = vec![n.chars().collect::<Vec<_>>()];
            if u["reversed"].as_bool().unwrap() {
                sources.push(rev.chars().collect());
            }
            for s in &sources {
                for w in s.windows(k as usize) {
                    if hay.contains(&w.iter().collect::<String>()) {
                        return true;
                    }
                }
            }
        }
    }
    false
}

fn variant_accepts(v: &Value, pw: &str) -> bool {
    let chars: Vec<char> = pw.chars().collect();
    let len = match v["length"]["unit"].as_str().unwrap() {
        "chars" => chars.len(),
        "bytes" => pw.len(),
        "utf16" => pw.encode_utf16().count(),
        other => panic!("unit {other}"),
    } as u64;
    let length = &v["length"];
    if len < length["min"].as_u64().unwrap()
        || length["max"].as_u64().is_some_and(|m| len > m)
    {
        return false;
    }
    if !chars.iter().all(|&c| in_ranges(&v["alphabet"], c)) {
        return false;
    }
    let class = |name: &str| {
        v["classes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()["ranges"]
            .clone()
    };
    let count = |name: &str| {
        let r = class(name);
        chars.iter().filter(|&&c| in_ranges(&r, c)).count() as u64
    };
    if let Some(cr) = v["classes_required"].as_object() {
        let present = cr["of"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| count(n.as_str().unwrap()) > 0)
            .count();
        if (present as u64) < cr["at_least"].as_u64().unwrap() {
            return false;
        }
    }
    for m in v["min_counts"].as_array().unwrap() {
        if count(m["class"].as_str().unwrap()) < m["min"].as_u64().unwrap() {
            return false;
        }
    }
    if chars.first().is_some_and(|&c| in_ranges(&v["forbidden_first"], c))
        || chars.last().is_some_and(|&c| in_ranges(&v["forbidden_last"], c))
    {
        return false;
    }
    if holds_a_word(v, pw) {
        return false;
    }
    if refused_for_a_name(v, pw) {
        return false;
    }
    if let Some(m) = v["max_run"].as_u64() {
        let mut run = 0;
        for (i, c) in chars.iter().enumerate() {
            run = if i > 0 && chars[i - 1] == *c { run + 1 } else { 1 };
            if run > m {
                return false;
            }
        }
    }
    !v["deny"].as_array().unwrap().iter().any(|d| d.as_str() == Some(pw))
}

fn candidate(rng: &mut StdRng) -> String {
    let len = rng.random_range(0..=30);
    let pool: Vec<char> =
        "abcdefgrootADMINISTRATORadministrator0123456789!@#/$%^&*()-_ é日\t"
            .chars()
            .collect();
    (0..len).map(|_| pool[rng.random_range(0..pool.len())]).collect()
}

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

fn schema_keys(s: &Value) -> Vec<String> {
    let mut k: Vec<String> =
        s["properties"].as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

#[test]
fn a_checker_written_from_the_document_agrees() {
    let schema: Value =
        serde_json::from_str(include_str!("../docs/rules-export.schema.json"))
            .unwrap();
    let catalog = Catalog::builtin();
    let mut rng = StdRng::seed_from_u64(0x15);
    for p in catalog.policies() {
        let checker = catalog.checker(&[p.id()]).unwrap();
        let doc = serde_json::to_value(export_json(&checker)).unwrap();
        assert_eq!(keys(&doc), schema_keys(&schema));
        assert_eq!(doc["format"], schema["properties"]["format"]["const"]);
        for v in doc["variants"].as_array().unwrap() {
            assert_eq!(
                keys(v),
                schema_keys(&schema["$defs"]["variant"]),
                "{}",
                p.id()
            );
        }
        let variants = doc["variants"].as_array().unwrap();
        let fixed = [
            "Aa1!rooT5678",
            "Aa1!toor5678",
            "x1!Administrator",
            "Aa1!ab/cdefgh",
            "/Aa1!abcdefgh",
        ];
        let random: Vec<String> =
            (0..3000).map(|_| candidate(&mut rng)).collect();
        for pw in fixed.iter().map(|s| s.to_string()).chain(random) {
            let ours = variants.iter().all(|v| variant_accepts(v, &pw));
            assert_eq!(ours, checker.accepts(&pw), "{}: {pw:?}", p.id());
        }
        // Candidates the library accepts exist, so the agreement is not
        // only on refusals.
        let g = passpolicy::Generator::new(&checker).unwrap();
        let s = g.sampler(g.default_length().unwrap()).unwrap();
        for _ in 0..200 {
            let pw = s.generate(&mut rng);
            assert!(
                variants.iter().all(|v| variant_accepts(v, pw.as_str())),
                "{}",
                p.id()
            );
        }
    }
}
