//! Table tests of the catalog beyond the seeds (issue 11), against their
//! sources in `vendor-policies.md` Part B.
//!
//! The cases live in `tests/data/catalog/<policy-id>.yaml`, one file per
//! policy, in the format of `tests/data/seeds/` plus `pad`/`length` for long
//! passwords. Each case runs against the compiled checker AND the reference
//! interpreter, target by target. Beside the tables, a second encoding of
//! each rule typed here from the reference text (not read from
//! `policies/`) drives an ASCII sweep (every ASCII character inside a good
//! password, and as its first character) and an independent count of the
//! compliant passwords (inclusion–exclusion over the classes), which the
//! generator's exact count must equal.

use std::collections::{BTreeMap, BTreeSet};

use passpolicy::spec::Verification;
use passpolicy::{
    Catalog, Checker, Code, Error, Generator, Lang, Params, reference,
};
use rand::SeedableRng;
use rand::rngs::StdRng;
use serde::Deserialize;

/// The data files, embedded so the test binary needs no working directory.
const DATA: &[(&str, &str)] = &[
    ("tencent-cvm", include_str!("data/catalog/tencent-cvm.yaml")),
    ("tencentdb-mysql", include_str!("data/catalog/tencentdb-mysql.yaml")),
    ("alibaba-ecs", include_str!("data/catalog/alibaba-ecs.yaml")),
    ("alibaba-rds", include_str!("data/catalog/alibaba-rds.yaml")),
    ("baidu-rds", include_str!("data/catalog/baidu-rds.yaml")),
    ("aws-rds", include_str!("data/catalog/aws-rds.yaml")),
    ("azure-vm", include_str!("data/catalog/azure-vm.yaml")),
    ("oci-db-system", include_str!("data/catalog/oci-db-system.yaml")),
    ("linode", include_str!("data/catalog/linode.yaml")),
    ("huawei-ecs", include_str!("data/catalog/huawei-ecs.yaml")),
    (
        "mysql-validate-password",
        include_str!("data/catalog/mysql-validate-password.yaml"),
    ),
    ("gcp-cloudsql", include_str!("data/catalog/gcp-cloudsql.yaml")),
    ("postgresql", include_str!("data/catalog/postgresql.yaml")),
    ("windows-ad", include_str!("data/catalog/windows-ad.yaml")),
];

/// The seed policies, tested by `tests/seeds.rs`.
const SEEDS: &[&str] = &[
    "tencent-ecm",
    "tencent-cvm-v2",
    "huawei-clouddc",
    "baidu-bcc",
    "tencent-redis",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// `ID` or `ID/VARIANT`.
    policy: String,
    /// The CLI's `--user`.
    #[serde(default)]
    user: Option<String>,
    /// The CLI's `--display-name`.
    #[serde(default)]
    display_name: Option<String>,
    /// The CLI's `--param NAME=VALUE`.
    #[serde(default)]
    params: BTreeMap<String, String>,
    /// File parameters, with the file's text.
    #[serde(default)]
    files: BTreeMap<String, String>,
    password: String,
    /// Repeated after `password` up to `length` characters.
    #[serde(default)]
    pad: Option<String>,
    #[serde(default)]
    length: Option<usize>,
    expect: Expect,
    why: String,
}

impl Case {
    fn password(&self) -> String {
        let mut p = self.password.clone();
        if let (Some(pad), Some(len)) = (&self.pad, self.length) {
            assert!(!pad.is_empty());
            while p.chars().count() < len {
                p.push_str(pad);
            }
            assert_eq!(p.chars().count(), len, "{}: pad overshoots", self.why);
        } else {
            assert!(
                self.pad.is_none() && self.length.is_none(),
                "{}: pad and length go together",
                self.why
            );
        }
        p
    }
}

/// `ok`, a list of codes, or a map from variant label to either.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Expect {
    Word(Word),
    Codes(Vec<String>),
    PerVariant(BTreeMap<String, Single>),
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Single {
    Word(Word),
    Codes(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Word {
    Ok,
}

impl Single {
    fn codes(&self) -> BTreeSet<String> {
        match self {
            Single::Word(Word::Ok) => BTreeSet::new(),
            Single::Codes(c) => c.iter().cloned().collect(),
        }
    }
}

fn load(id: &str, text: &str) -> Vec<Case> {
    let cases: Vec<Case> = serde_yaml::from_str(text)
        .unwrap_or_else(|e| panic!("tests/data/catalog/{id}.yaml: {e}"));
    assert!(!cases.is_empty(), "{id}: no cases");
    for c in &cases {
        let own = c.policy.split('/').next().unwrap_or_default();
        assert_eq!(own, id, "{id}.yaml holds a case for {}", c.policy);
        assert!(!c.why.trim().is_empty(), "{id}: case without a why");
    }
    cases
}

fn all_cases() -> Vec<Case> {
    DATA.iter().flat_map(|(id, text)| load(id, text)).collect()
}

/// The case's checker: its parameters, files, user and display name.
fn compile_case(catalog: &Catalog, case: &Case) -> Checker {
    let mut params = Params::new();
    for (name, value) in &case.params {
        params.set(name, value);
    }
    for (name, text) in &case.files {
        params.set_file_text(name, format!("<{name}>"), text.as_str());
    }
    let variants = catalog
        .select_with(&[&case.policy], &params)
        .unwrap_or_else(|e| panic!("{}: {e}", case.why));
    let refs: Vec<&passpolicy::Variant> = variants.iter().collect();
    let mut builder = Checker::builder();
    if let Some(u) = &case.user {
        builder = builder.user(u);
    }
    if let Some(d) = &case.display_name {
        builder = builder.display_name(d);
    }
    builder.build(&refs).expect("catalog policies compile")
}

fn names(codes: impl IntoIterator<Item = Code>) -> BTreeSet<String> {
    codes.into_iter().map(|c| c.as_str().to_string()).collect()
}

/// The codes each target refuses `password` for, by label: from the
/// checker and from the reference interpreter, which must agree.
fn per_target(
    checker: &Checker,
    password: &str,
) -> BTreeMap<String, BTreeSet<String>> {
    let verdict = checker.report(password);
    assert_eq!(verdict.verdict(), checker.check(password));
    let mut out = BTreeMap::new();
    for (i, target) in checker.targets().iter().enumerate() {
        let (label, rules, users) =
            (target.label(), target.rules(), target.usernames());
        let ours = names(
            Code::ALL
                .into_iter()
                .filter(|&c| verdict.targets_failing(c) >> i & 1 == 1),
        );
        let oracle = names(reference::violations_with(
            rules,
            users,
            target.display_name(),
            password,
        ));
        assert_eq!(ours, oracle, "{label} {password:?}: checker vs reference");
        out.insert(label.to_string(), ours);
    }
    assert_eq!(verdict.is_ok(), out.values().all(BTreeSet::is_empty));
    out
}

#[test]
fn catalog_tables() {
    let catalog = Catalog::builtin();
    let cases = all_cases();
    let mut failures = Vec::new();
    for case in &cases {
        let checker = compile_case(&catalog, case);
        let password = case.password();
        let got = per_target(&checker, &password);
        let union: BTreeSet<String> =
            got.values().flatten().cloned().collect();
        let ok = match &case.expect {
            Expect::Word(Word::Ok) => union.is_empty(),
            Expect::Codes(codes) => {
                assert!(!codes.is_empty(), "use `ok` for no codes");
                union == codes.iter().cloned().collect()
            }
            Expect::PerVariant(map) => {
                let want: BTreeMap<String, BTreeSet<String>> =
                    map.iter().map(|(k, v)| (k.clone(), v.codes())).collect();
                assert_eq!(
                    want.keys().collect::<Vec<_>>(),
                    got.keys().collect::<Vec<_>>(),
                    "{}: the map must name every selected variant",
                    case.policy
                );
                got == want
            }
        };
        if !ok {
            failures.push(format!(
                "{} {:?}: expected {:?}, got {:?} ({})",
                case.policy, password, case.expect, got, case.why
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Every code named in the data files is a real code.
#[test]
fn data_files_use_known_codes() {
    let known: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    for case in all_cases() {
        let used: Vec<String> = match &case.expect {
            Expect::Word(_) => Vec::new(),
            Expect::Codes(c) => c.clone(),
            Expect::PerVariant(m) => {
                m.values().flat_map(|s| s.codes()).collect()
            }
        };
        for n in used {
            assert!(known.contains(n.as_str()), "unknown code {n:?}");
        }
    }
}

/// Every built-in policy is either a seed or has a data file here.
#[test]
fn every_catalog_policy_has_a_data_file() {
    let catalog = Catalog::builtin();
    let mut ids: Vec<&str> =
        catalog.policies().iter().map(|p| p.id()).collect();
    ids.retain(|id| !SEEDS.contains(id));
    let mut files: Vec<&str> = DATA.iter().map(|(id, _)| *id).collect();
    ids.sort_unstable();
    files.sort_unstable();
    assert_eq!(ids, files);
}

/// The data files cover, for each new variant, the inputs the issue lists.
#[test]
fn data_files_cover_the_issue_list() {
    let must: &[(&str, &str)] = &[
        ("é", "é"),
        ("full-width A", "Ａ"),
        ("full-width 1", "１"),
        ("emoji", "😀"),
        ("space", " "),
        ("tab", "\t"),
        ("NUL", "\0"),
        ("U+200B", "\u{200B}"),
    ];
    let cases = all_cases();
    let catalog = Catalog::builtin();
    for (id, _) in DATA {
        for v in catalog.get(id).unwrap().variants() {
            let mine: Vec<String> = cases
                .iter()
                .filter(|c| c.policy == v.label())
                .map(Case::password)
                .collect();
            for (what, s) in must {
                assert!(
                    mine.iter().any(|p| p.contains(s)),
                    "{}: no case with {what}",
                    v.label()
                );
            }
            assert!(
                mine.iter().any(String::is_empty),
                "{}: no empty case",
                v.label()
            );
            assert!(
                mine.iter().any(|p| p.starts_with('/')),
                "{}: no leading-/ case",
                v.label()
            );
            let len = v.rules().length;
            // Without a maximum there is no "one past" it.
            let mut bounds = vec![len.min];
            if len.min > 0 {
                bounds.push(len.min - 1);
            }
            if len.max != u32::MAX {
                bounds.extend([len.max, len.max + 1]);
            }
            for n in bounds {
                assert!(
                    mine.iter().any(|p| p.chars().count() as u32 == n && p.is_ascii()),
                    "{}: no ASCII case of length {n}",
                    v.label()
                );
            }
        }
    }
}

#[path = "catalog/vendors.rs"]
mod vendors;

/// Draws at the shortest, default and longest (capped) length, on the
/// mixed and the exact path, and checks each password.
fn assert_generates(checker: &Checker, what: &str, seed: u64, draws: usize) {
    let generator =
        Generator::new(checker).unwrap_or_else(|e| panic!("{what}: {e}"));
    let (lo, hi) = generator.length_bounds();
    let mut rng = StdRng::seed_from_u64(seed);
    let default = generator.default_length().unwrap();
    for len in [lo, default, hi.min(64)] {
        let sampler = generator.sampler(len).unwrap();
        let exact =
            generator.sampler(len).unwrap().without_rejection().unwrap();
        for _ in 0..draws {
            for p in [sampler.generate(&mut rng), exact.generate(&mut rng)] {
                let v = checker.check(p.as_str());
                assert!(
                    v.is_ok(),
                    "{what}, length {len}: {:?}",
                    v.codes().collect::<Vec<_>>()
                );
                assert_eq!(p.as_str().chars().count(), len as usize);
            }
        }
    }
}

#[test]
fn generate_for_every_new_policy_and_variant() {
    let catalog = Catalog::builtin();
    let mut seed = 0;
    for (id, _) in DATA {
        let policy = catalog.get(id).unwrap();
        let mut names = vec![id.to_string()];
        names.extend(
            policy.variant_names().iter().map(|v| format!("{id}/{v}")),
        );
        for name in &names {
            seed += 1;
            assert_generates(
                &catalog.checker(&[name]).unwrap(),
                name,
                seed,
                20,
            );
        }
        // With a user name too, where the variant has the rule.
        let checker = Checker::builder()
            .user("Administrator")
            .build(&catalog.select(&[id]).unwrap())
            .unwrap();
        assert_generates(&checker, id, seed, 5);
    }
}

/// Every pair across the whole catalog either generates compliant
/// passwords or is refused as unsatisfiable with its reason; the pairs the
/// issue names generate.
#[test]
fn cross_vendor_intersections() {
    let catalog = Catalog::builtin();
    let mut labels: Vec<String> = Vec::new();
    for p in catalog.policies() {
        labels.extend(p.variants().iter().map(|v| v.label().to_string()));
    }
    let (mut ok, mut refused) = (0, 0);
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            match catalog.checker(&[a, b]) {
                Ok(checker) => match Generator::new(&checker) {
                    Ok(_) => {
                        assert_generates(
                            &checker,
                            &format!("{a} + {b}"),
                            ok,
                            1,
                        );
                        ok += 1;
                    }
                    Err(Error::Unsatisfiable { reason, .. }) => {
                        assert!(!reason.is_empty());
                        refused += 1;
                    }
                    Err(e) => panic!("{a} + {b}: {e}"),
                },
                Err(Error::Unsatisfiable { reason, .. }) => {
                    assert!(!reason.is_empty(), "{a} + {b}");
                    refused += 1;
                }
                Err(e) => panic!("{a} + {b}: {e}"),
            }
        }
    }
    assert!(ok > 200, "{ok} pairs generated, {refused} refused");
    for names in [
        &["aws-rds/mysql", "azure-vm/cli-windows", "alibaba-ecs/windows"][..],
        &["tencent-cvm", "alibaba-ecs", "alibaba-rds", "tencentdb-mysql"],
        &["aws-rds", "linode", "tencent-cvm/windows"],
    ] {
        let checker = catalog.checker(names).unwrap();
        assert_generates(&checker, &names.join(" + "), 7, 10);
    }
    // Baidu RDS allows only _ beside letters and digits, and Baidu BCC
    // requires one of its nine symbols, none of which is _.
    assert!(matches!(
        catalog.checker(&["baidu-rds", "baidu-bcc"]),
        Err(Error::Unsatisfiable { .. })
    ));
}

/// `explain` states, for every new policy in both languages, the date the
/// rule was read, where, and its verification status, as the file says.
#[test]
fn explain_states_provenance() {
    let catalog = Catalog::builtin();
    for (id, _) in DATA {
        let source = catalog.get(id).unwrap().spec().source.clone().unwrap();
        let read =
            source.read.clone().expect("every new policy has a read date");
        assert_eq!(read, "2026-12-01", "{id}");
        assert!(
            source
                .read_in
                .as_deref()
                .is_some_and(|r| r.contains("vendor-policies.md"))
        );
        let status =
            source.verification.expect("every new policy has a status");
        for lang in [Lang::En, Lang::Zh] {
            let text = catalog.explain(&[id], lang).unwrap().to_string();
            assert!(text.contains(&read), "{id} {lang:?}");
            let word = match (status, lang) {
                (Verification::Verified, Lang::En) => "verification: verified",
                (Verification::Partly, Lang::En) => {
                    "verification: partly verified"
                }
                (Verification::Unverified, Lang::En) => {
                    "verification: unverified"
                }
                (Verification::Verified, _) => "核实：已核实",
                (Verification::Partly, _) => "核实：部分核实",
                (Verification::Unverified, _) => "核实：未核实",
            };
            assert!(text.contains(word), "{id} {lang:?}: {text}");
            for gap in &source.gaps {
                assert!(text.contains(gap.as_str()), "{id}: gap missing");
            }
        }
    }
    // The statuses the reference gives.
    let status = |id: &str| {
        catalog.get(id).unwrap().spec().source.as_ref().unwrap().verification
    };
    assert_eq!(status("oci-db-system"), Some(Verification::Partly));
    assert_eq!(status("linode"), Some(Verification::Partly));
    assert_eq!(status("aws-rds"), Some(Verification::Verified));
    // Linode's strength score is a recorded gap, in explain.
    let text = catalog.explain(&["linode"], Lang::En).unwrap().to_string();
    assert!(text.contains("known gap"), "{text}");
}
