//! `compare` against brute force: on small policies (lengths up to 4 over
//! a 6-character universe that contains every policy's alphabet) every string is enumerated and checked by both
//! checkers, and the per-length counts, the relation and the examples must
//! match what enumeration finds.

use passpolicy::{Catalog, Policy};
use passpolicy::{Checker, Relation, Variant, compare};

const UNIVERSE: &[char] = &['a', 'b', 'A', '1', '!', ' '];

fn policy(id: &str, rules: &str) -> Policy {
    let yaml = format!(
        "id: {id}\nvendor: t\nproduct: t\nclasses:\n  lo: {{ chars: 'ab' }}\n  \
         up: {{ chars: 'A' }}\n  dg: {{ chars: '1' }}\n  sp: {{ chars: '!' }}\n  ws: {{ chars: ' ' }}\n\
         rules:\n{rules}"
    );
    Policy::from_yaml(&yaml, id).unwrap_or_else(|e| panic!("{id}: {e}"))
}

fn small() -> Vec<Policy> {
    vec![
        policy("any", "  length: { max: 4 }\n  alphabet: [lo, up, dg, sp]\n"),
        policy(
            "two-of-three",
            "  length: { min: 2, max: 4 }\n  classes_required: { at_least: 2, of: [lo, up, dg] }\n",
        ),
        policy(
            "three-of-four",
            "  length: { min: 3, max: 4 }\n  classes_required: { at_least: 3, of: [lo, up, dg, sp] }\n  forbidden_first: '!'\n",
        ),
        policy(
            "runs",
            "  length: { min: 1, max: 3 }\n  alphabet: [lo, dg]\n  max_run: 1\n  deny: ['ab']\n",
        ),
        policy(
            "letters-two",
            "  length: { min: 2, max: 4 }\n  alphabet: [lo, up]\n  min_counts: { lo: 2 }\n  forbidden_last: 'A'\n",
        ),
        policy(
            "digits-only",
            "  length: { min: 1, max: 2 }\n  alphabet: [dg]\n",
        ),
        policy(
            "space",
            "  length: { min: 1, max: 3 }\n  alphabet: [lo, ws]\n  classes_required: { at_least: 1, of: [lo] }\n",
        ),
    ]
}

fn strings(len: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    for _ in 0..len {
        out = out
            .iter()
            .flat_map(|s| UNIVERSE.iter().map(move |c| format!("{s}{c}")))
            .collect();
    }
    out
}

#[test]
fn counts_relation_and_examples_match_brute_force() {
    let policies = small();
    let mut rng = rand::rng();
    let mut relations = std::collections::BTreeSet::new();
    for pa in &policies {
        for pb in &policies {
            let a: Vec<&Variant> = pa.variants().iter().collect();
            let b: Vec<&Variant> = pb.variants().iter().collect();
            let c = compare(&Checker::builder(), &a, &b).unwrap();
            let (ca, cb) =
                (Checker::new(&a).unwrap(), Checker::new(&b).unwrap());
            let mut totals = [0u128; 3];
            for len in 0..=4 {
                let (mut na, mut nb, mut nboth) = (0u128, 0u128, 0u128);
                for s in strings(len) {
                    let (x, y) = (ca.accepts(&s), cb.accepts(&s));
                    na += x as u128;
                    nb += y as u128;
                    nboth += (x && y) as u128;
                }
                totals[0] += na - nboth;
                totals[1] += nb - nboth;
                totals[2] += nboth;
                let found =
                    c.lengths().iter().find(|l| l.length == len as u32);
                let got = found.map_or((0, 0, 0), |l| {
                    (
                        l.a.to_u128().unwrap(),
                        l.b.to_u128().unwrap(),
                        l.both.to_u128().unwrap(),
                    )
                });
                assert_eq!(
                    got,
                    (na, nb, nboth),
                    "{} vs {} at {len}",
                    pa.id(),
                    pb.id()
                );
            }
            let expected = match totals {
                [0, 0, _] => Relation::Equal,
                [x, y, 0] if x > 0 && y > 0 => Relation::Disjoint,
                [0, _, _] => Relation::Subset,
                [_, 0, _] => Relation::Superset,
                _ => Relation::Overlapping,
            };
            assert_eq!(c.relation(), expected, "{} vs {}", pa.id(), pb.id());
            relations.insert(expected.as_str());
            assert_eq!(c.only_a().to_u128(), Some(totals[0]));
            assert_eq!(c.only_b().to_u128(), Some(totals[1]));
            for a_side in [true, false] {
                let ex = if a_side {
                    c.example_only_a(&mut rng).unwrap()
                } else {
                    c.example_only_b(&mut rng).unwrap()
                };
                let n = totals[if a_side { 0 } else { 1 }];
                match ex {
                    None => assert_eq!(n, 0),
                    Some(p) => {
                        let (this, other) =
                            if a_side { (&ca, &cb) } else { (&cb, &ca) };
                        assert!(
                            this.accepts(p.as_str())
                                && !other.accepts(p.as_str())
                        );
                        assert!(!c.violations(!a_side, p.as_str()).is_empty());
                    }
                }
            }
        }
    }
    // The set of small policies exercises every relation.
    assert_eq!(relations.len(), 5, "{relations:?}");
}

#[test]
fn examples_are_uniform_over_the_difference() {
    // One character of a, b, A, 1, ! minus one of A, 1: the difference
    // is exactly a, b and !, each to be drawn a third of the time.
    let a = policy(
        "a",
        "  length: { min: 1, max: 1 }\n  alphabet: [lo, up, dg, sp]\n",
    );
    let b =
        policy("b", "  length: { min: 1, max: 1 }\n  alphabet: [up, dg]\n");
    let va: Vec<&Variant> = a.variants().iter().collect();
    let vb: Vec<&Variant> = b.variants().iter().collect();
    let c = compare(&Checker::builder(), &va, &vb).unwrap();
    assert_eq!(c.relation(), Relation::Superset);
    assert_eq!(c.only_a().to_u128(), Some(3));
    let mut rng = rand::rng();
    let mut seen = std::collections::BTreeMap::new();
    for _ in 0..3000 {
        let p = c.example_only_a(&mut rng).unwrap().unwrap();
        *seen.entry(p.as_str().to_string()).or_insert(0u32) += 1;
    }
    assert_eq!(seen.keys().cloned().collect::<String>(), "!ab");
    // Each of 3 outcomes ~1000; 800 is over 8 standard deviations away.
    assert!(seen.values().all(|&n| n > 800), "{seen:?}");
}

#[test]
fn tencent_cvm_v2_windows_is_contained_in_linux() {
    let catalog = Catalog::builtin();
    let a = catalog.select(&["tencent-cvm-v2/windows"]).unwrap();
    let b = catalog.select(&["tencent-cvm-v2/linux"]).unwrap();
    let c = compare(&Checker::builder(), &a, &b).unwrap();
    assert_eq!(c.relation(), Relation::Subset);
    assert!(c.only_a().is_zero());
    // Every length 8–11 belongs to Linux alone.
    for l in c.lengths().iter().filter(|l| l.length < 12) {
        assert!(l.a.is_zero() && l.only_b() == l.b);
    }
    let p = c.example_only_b(&mut rand::rng()).unwrap().unwrap();
    assert!(c.b().accepts(p.as_str()) && !c.a().accepts(p.as_str()));
}
