//! Check benchmarks, side by side with what a user would otherwise run.
//!
//! Groups, named by input shape:
//!
//! * `check/<policy>`: one seed policy variant, `accepted/N` and
//!   `rejected/N` for N = 8, 16, 64, 1024 characters (accepted only where
//!   the policy allows that length);
//! * `check/all-five`: the five seed policies (eight variants) at once;
//! * `rule/<kind>`: a one-rule policy per rule kind, built from YAML text
//!   (`rule_kinds.rs`), 16 characters, accepted;
//! * `versus/<policy>`: 16 characters, accepted and rejected, checked by
//!   passpolicy, a regex-per-rule validator, libpwquality
//!   (`dictcheck=0`) and passwdqc (`match=0`); the C libraries are loaded at
//!   run time and skipped, with a note, where they are not installed;
//! * `compile/*`: the built-in catalog and a checker per policy;
//! * `parse/<policy>`: one policy file, YAML text to validated policy.
//!
//! After the run it prints the ratios (from criterion's own medians) and
//! allocations per check, and writes them to
//! `<criterion dir>/passpolicy-summary.json` for `scripts/bench-report.sh`.
//!
//! Quick run: `cargo bench --bench check -- --warm-up-time 1
//! --measurement-time 2`; one group: add a filter such as `versus/`.

mod inputs;
mod peer_settings;
mod regex_rules;
mod rule_kinds;
mod summary;

use std::ffi::CString;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput};
use passpolicy::{Catalog, Checker, Policy};
use passpolicy_bench_peers::{CountingAlloc, Passwdqc, Pwquality};

use regex_rules::RegexRules;
use summary::Summary;

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// Every variant of the five seed policies.
const SEED_VARIANTS: [&str; 8] = [
    "tencent-ecm/linux",
    "tencent-ecm/windows",
    "tencent-cvm-v2/linux",
    "tencent-cvm-v2/windows",
    "huawei-clouddc/linux",
    "huawei-clouddc/windows",
    "baidu-bcc",
    "tencent-redis",
];

const SEED_POLICIES: [&str; 5] = [
    "tencent-ecm",
    "tencent-cvm-v2",
    "huawei-clouddc",
    "baidu-bcc",
    "tencent-redis",
];

const LENGTHS: [usize; 4] = [8, 16, 64, 1024];

fn main() {
    let dir = output_dir();
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .output_directory(&dir)
        .configure_from_args();
    let catalog = Catalog::builtin();
    let mut summary = Summary::new(&dir);

    for name in SEED_VARIANTS {
        let checker = catalog.checker(&[name]).expect("seed policy compiles");
        bench_check(&mut c, &mut summary, name, &checker);
    }
    let all = catalog.checker(&SEED_POLICIES).expect("seeds intersect");
    bench_check(&mut c, &mut summary, "all-five", &all);
    bench_rule_kinds(&mut c, &mut summary);
    for name in SEED_VARIANTS {
        bench_versus(&mut c, &mut summary, &catalog, name);
    }
    bench_compile(&mut c, &catalog);

    c.final_summary();
    summary.finish();
}

/// One group per rule kind: its one-rule policy (see `rule_kinds.rs`),
/// the 16-character accepted password.
fn bench_rule_kinds(c: &mut Criterion, summary: &mut Summary) {
    const ACCEPTED: &str = "kQ7$vX2m!pL9zR@a";
    for kind in rule_kinds::RULE_KINDS {
        let checker = rule_kinds::checker(kind).unwrap_or_else(|e| {
            panic!("{e}\n{}", rule_kinds::policy_yaml(kind))
        });
        assert!(checker.check(ACCEPTED).is_ok(), "{}", kind.name);
        let mut group = c.benchmark_group(format!("rule/{}", kind.name));
        group.throughput(Throughput::Bytes(ACCEPTED.len() as u64));
        summary.allocations(
            &format!("rule/{}/accepted/16", kind.name),
            count_allocations(|| {
                black_box(checker.check(black_box(ACCEPTED)));
            }),
        );
        group.bench_function(BenchmarkId::new("accepted", 16), |b| {
            b.iter(|| checker.check(black_box(ACCEPTED)).is_ok())
        });
        group.finish();
    }
}

/// Where criterion writes: as criterion itself decides, but computed here
/// so the summary can read the estimates back.
fn output_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target")
        });
    target.join("criterion")
}

fn bench_check(
    c: &mut Criterion,
    summary: &mut Summary,
    name: &str,
    checker: &Checker,
) {
    let mut group = c.benchmark_group(format!("check/{name}"));
    for len in LENGTHS {
        group.throughput(Throughput::Bytes(len as u64));
        let shapes = [
            ("accepted", inputs::accepted(checker, len)),
            ("rejected", Some(inputs::rejected(len))),
        ];
        for (shape, input) in shapes {
            let Some(pw) = input else { continue };
            assert_eq!(checker.check(&pw).is_ok(), shape == "accepted");
            summary.allocations(
                &format!("check/{name}/{shape}/{len}"),
                count_allocations(|| {
                    black_box(checker.check(black_box(&pw)));
                }),
            );
            group.bench_with_input(
                BenchmarkId::new(shape, len),
                &pw,
                |b, pw| b.iter(|| checker.check(black_box(pw)).is_ok()),
            );
        }
    }
    group.finish();
}

/// One policy variant at 16 characters, checked by passpolicy and by each
/// peer, in one group so criterion measures them side by side.
fn bench_versus(
    c: &mut Criterion,
    summary: &mut Summary,
    catalog: &Catalog,
    name: &str,
) {
    let checker = catalog.checker(&[name]).expect("seed policy compiles");
    let variant = catalog.select(&[name]).expect("seed policy exists")[0];
    let rules = variant.rules();
    // With the checker's user names, so it runs the same user-name rules.
    let regex: RegexRules =
        regex_rules::for_checker(&checker).pop().expect("one variant");
    let pwq = load_peer("libpwquality", || {
        let opts = peer_settings::pwquality(rules);
        Pwquality::load(&opts.iter().map(String::as_str).collect::<Vec<_>>())
    });
    let qc = load_peer("passwdqc", || {
        let opts = peer_settings::passwdqc(rules);
        Passwdqc::load(&opts.iter().map(String::as_str).collect::<Vec<_>>())
    });

    let mut group = c.benchmark_group(format!("versus/{name}"));
    let len = 16;
    let shapes = [
        ("accepted", inputs::accepted(&checker, len)),
        ("rejected", Some(inputs::rejected(len))),
    ];
    for (shape, input) in shapes {
        let Some(pw) = input else { continue };
        let ok = checker.check(&pw).is_ok();
        // The comparison is only fair if the regex validator agrees.
        assert_eq!(regex.check(&pw) == 0, ok, "regex validator disagrees");
        let cpw = CString::new(pw.clone()).expect("no NUL in bench input");
        let id = |who: &str| BenchmarkId::new(who, format!("{shape}/{len}"));
        group.bench_with_input(id("passpolicy"), &pw, |b, pw| {
            b.iter(|| checker.check(black_box(pw)).is_ok())
        });
        group.bench_with_input(id("regex"), &pw, |b, pw| {
            b.iter(|| regex.check(black_box(pw)))
        });
        if let Some(p) = &pwq {
            summary.peer_verdict(
                name,
                shape,
                "libpwquality",
                p.check(&cpw) >= 0,
            );
            group.bench_with_input(id("libpwquality"), &cpw, |b, pw| {
                b.iter(|| p.check(black_box(pw)))
            });
        }
        if let Some(p) = &qc {
            summary.peer_verdict(
                name,
                shape,
                "passwdqc",
                p.check(&cpw).is_none(),
            );
            group.bench_with_input(id("passwdqc"), &cpw, |b, pw| {
                b.iter(|| p.check(black_box(pw)))
            });
        }
        summary.versus(name, shape, len, ok);
    }
    group.finish();
}

fn load_peer<T>(
    what: &str,
    f: impl FnOnce() -> Result<T, String>,
) -> Option<T> {
    match f() {
        Ok(t) => Some(t),
        Err(e) => {
            eprintln!("note: skipping {what}: {e}");
            None
        }
    }
}

fn bench_compile(c: &mut Criterion, catalog: &Catalog) {
    let mut group = c.benchmark_group("compile");
    group.bench_function("builtin-catalog", |b| b.iter(Catalog::builtin));
    group.bench_function("checker-per-policy", |b| {
        b.iter(|| {
            for p in catalog.policies() {
                black_box(catalog.checker(&[p.id()]).expect("compiles"));
            }
        })
    });
    group.bench_function("builtin-catalog-and-checkers", |b| {
        b.iter(|| {
            let catalog = Catalog::builtin();
            for p in catalog.policies() {
                black_box(catalog.checker(&[p.id()]).expect("compiles"));
            }
        })
    });
    group.bench_function("all-five-checker", |b| {
        b.iter(|| catalog.checker(&SEED_POLICIES).expect("compiles"))
    });
    group.finish();

    let mut group = c.benchmark_group("parse");
    for (id, text) in Catalog::builtin_sources() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(id),
            text,
            |b, t| b.iter(|| Policy::from_yaml(black_box(t), "bench.yaml")),
        );
    }
    group.finish();
}

/// Allocations per call of `f`, averaged over 1,000 calls after one warm-up
/// call.
fn count_allocations(mut f: impl FnMut()) -> f64 {
    f();
    let before = passpolicy_bench_peers::allocations();
    for _ in 0..1000 {
        f();
    }
    (passpolicy_bench_peers::allocations() - before) as f64 / 1000.0
}
