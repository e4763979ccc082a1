//! The data-driven tests, in one binary: every case of
//! `tests/data/seeds/*.yaml` (the five seed documents) and
//! `tests/data/catalog/*.yaml` (the rest of the catalog), one file per
//! policy, found by listing the two directories — a policy's cases are
//! added by adding its file, with no code.
//!
//! A case names a selection (`ID` or `ID/VARIANT`), an optional user name,
//! a password (optionally padded: `pad` repeated up to `length`
//! characters), the exact set of violation codes expected (`ok`, a list,
//! or a map from variant label to either) and why. Each runs against the
//! compiled checker AND the reference interpreter, target by target.
//!
//! Beside the tables, each vendor's rule typed a second time from its
//! document (not read from `policies/`): `seeds` (the seeds' symbol lists,
//! an ASCII sweep, messages) and `vendors` (the catalog's rules, an ASCII
//! sweep and an independent count); `catalog` generates for every policy
//! and pair and checks what `explain` states.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use passpolicy::{Catalog, Checker, Code, Params, reference};
use serde::Deserialize;

#[path = "../common/mod.rs"]
mod common;

mod catalog;
mod seeds;
mod vendors;

/// The two directories of tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    /// `tests/data/seeds/`: the five seed policies.
    Seeds,
    /// `tests/data/catalog/`: every other built-in policy.
    Catalog,
}

impl Dir {
    fn path(self) -> String {
        let name = match self {
            Dir::Seeds => "seeds",
            Dir::Catalog => "catalog",
        };
        format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
    }
}

/// One policy's table.
struct DataFile {
    dir: Dir,
    /// The policy id: the file's name without `.yaml`.
    id: String,
    cases: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// `ID` or `ID/VARIANT`.
    policy: String,
    /// Overrides the variants' default accounts (the CLI's `--user`).
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
    /// The password, padded when the case says so.
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

    /// Every code name the case expects.
    fn code_names(&self) -> Vec<String> {
        match &self.expect {
            Expect::Word(_) => Vec::new(),
            Expect::Codes(c) => c.clone(),
            Expect::PerVariant(m) => {
                m.values().flat_map(|s| s.codes()).collect()
            }
        }
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

/// Every `*.yaml` of both directories, sorted by id, read once.
static DATA: LazyLock<Vec<DataFile>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for dir in [Dir::Seeds, Dir::Catalog] {
        let path = dir.path();
        let entries =
            std::fs::read_dir(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for entry in entries {
            let file = entry.unwrap().path();
            if file.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let id = file.file_stem().unwrap().to_str().unwrap().to_string();
            let text = std::fs::read_to_string(&file).unwrap();
            let cases = load(&id, &text, &file.display().to_string());
            out.push(DataFile { dir, id, cases });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
});

fn load(id: &str, text: &str, file: &str) -> Vec<Case> {
    let cases: Vec<Case> =
        serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert!(!cases.is_empty(), "{id}: no cases");
    for c in &cases {
        let own = c.policy.split('/').next().unwrap_or_default();
        assert_eq!(own, id, "{id}.yaml holds a case for {}", c.policy);
        assert!(!c.why.trim().is_empty(), "{id}: case without a why");
    }
    cases
}

/// The policy ids with a table in `dir`.
fn ids(dir: Dir) -> Vec<&'static str> {
    DATA.iter().filter(|f| f.dir == dir).map(|f| f.id.as_str()).collect()
}

/// The variant labels of the policies with a table in `dir`, sorted.
fn variant_labels(catalog: &Catalog, dir: Dir) -> Vec<String> {
    let mut labels: Vec<String> = ids(dir)
        .into_iter()
        .flat_map(|id| catalog.get(id).unwrap().variants())
        .map(|v| v.label().to_string())
        .collect();
    labels.sort_unstable();
    labels
}

/// The cases of `dir`.
fn cases(dir: Dir) -> impl Iterator<Item = &'static Case> {
    DATA.iter().filter(move |f| f.dir == dir).flat_map(|f| &f.cases)
}

/// Every case of both directories.
fn all_cases() -> impl Iterator<Item = &'static Case> {
    DATA.iter().flat_map(|f| &f.cases)
}

fn compile(catalog: &Catalog, policy: &str, user: Option<&str>) -> Checker {
    let variants = catalog.select(&[policy]).expect("known policy");
    let mut builder = Checker::builder();
    if let Some(u) = user {
        builder = builder.user(u);
    }
    builder.build(&variants).expect("built-in policies compile")
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
    builder.build(&refs).expect("built-in policies compile")
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
    // The verdict's own summary agrees with the per-target bits.
    assert_eq!(verdict.is_ok(), out.values().all(BTreeSet::is_empty));
    out
}

/// Every case of every table gives exactly the codes it expects.
#[test]
fn tables() {
    let catalog = Catalog::builtin();
    let mut failures = Vec::new();
    let mut n = 0;
    for case in all_cases() {
        n += 1;
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
        "{} of {n} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every code name in the data files is a real code (a typo would make a
/// case expect something the checker can never say).
#[test]
fn data_files_use_known_codes() {
    let known: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    for case in all_cases() {
        for n in case.code_names() {
            assert!(known.contains(n.as_str()), "unknown code {n:?}");
        }
    }
}

/// Each seed has its table under `seeds/`, and every other built-in
/// policy one under `catalog/`.
#[test]
fn every_policy_has_a_data_file() {
    let catalog = Catalog::builtin();
    let mut seeds = common::SEEDS.to_vec();
    seeds.sort_unstable();
    assert_eq!(ids(Dir::Seeds), seeds);
    let mut ids_: Vec<&str> =
        catalog.policies().iter().map(|p| p.id()).collect();
    ids_.retain(|id| !common::SEEDS.contains(id));
    ids_.sort_unstable();
    assert_eq!(ids(Dir::Catalog), ids_);
}

/// The data files cover, for each variant, the inputs the issue lists:
/// the traps, the empty string, a leading `/`, and ASCII passwords at
/// each length bound and one past it.
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
    let catalog = Catalog::builtin();
    for file in DATA.iter() {
        for v in catalog.get(&file.id).unwrap().variants() {
            let mine: Vec<String> = file
                .cases
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
                "{}: no empty-string case",
                v.label()
            );
            assert!(
                mine.iter().any(|p| p.starts_with('/')),
                "{}: no leading-/ case",
                v.label()
            );
            // Each bound and one past it; a policy without a maximum
            // (`u32::MAX`) has none to test.
            let len = v.rules().length;
            let max = (len.max != u32::MAX).then_some(len.max);
            let bounds = [
                len.min.checked_sub(1),
                Some(len.min),
                max,
                max.and_then(|m| m.checked_add(1)),
            ];
            for n in bounds.into_iter().flatten() {
                assert!(
                    mine.iter()
                        .any(|p| p.chars().count() as u32 == n && p.is_ascii()),
                    "{}: no ASCII case of length {n}",
                    v.label()
                );
            }
        }
    }
}
