//! Generation speed: each seed policy at 16 characters and at its minimum
//! length, all five at once, and the `passwords` crate's strict generator
//! side by side on the same character sets (16 characters of 4 classes,
//! 5 characters of 5 classes), all with rand's thread-local CSPRNG.
//!
//! `cargo bench --bench generate`; DESIGN.md section 6 asks for ≤ 150 ns at
//! 16 characters for one seed and no policy over 1 µs.

use criterion::{Criterion, criterion_group, criterion_main};
use passpolicy::{Catalog, Checker, Generator, Policy};
use std::hint::black_box;

const SEEDS: [&str; 5] = [
    "tencent-ecm",
    "tencent-cvm-v2",
    "huawei-clouddc",
    "baidu-bcc",
    "tencent-redis",
];

fn bench_at(c: &mut Criterion, group: &str, checker: &Checker, lens: &[u32]) {
    let generator = Generator::new(checker).unwrap();
    let mut g = c.benchmark_group(group);
    for &len in lens {
        let sampler = generator.sampler(len).unwrap();
        let mut rng = rand::rng();
        let mut buf = vec![0u8; sampler.max_bytes()];
        let path = if sampler.uses_rejection() { "rej" } else { "exact" };
        g.bench_function(format!("len{len}_{path}_into"), |b| {
            b.iter(|| {
                black_box(sampler.generate_into(&mut rng, &mut buf).unwrap());
            })
        });
        g.bench_function(format!("len{len}_{path}_password"), |b| {
            b.iter(|| black_box(sampler.generate(&mut rng)))
        });
    }
    g.finish();
}

fn seeds(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    for id in SEEDS {
        let checker = catalog.checker(&[id]).unwrap();
        let (min, _) = Generator::new(&checker).unwrap().length_bounds();
        bench_at(c, id, &checker, &[16, min]);
    }
    let all = catalog.checker(&SEEDS).unwrap();
    bench_at(c, "all-five", &all, &[12, 16]);
}

/// A policy with the `passwords` crate's character sets, every class
/// required (its `strict` mode).
fn strict_policy(len: u32, spaces: bool) -> Checker {
    let (classes, space_def) = if spaces {
        (
            "[lower, upper, digits, ascii_punctuation, space]",
            "classes:\n  space: { chars: ' ' }\n",
        )
    } else {
        ("[lower, upper, digits, ascii_punctuation]", "")
    };
    let k = if spaces { 5 } else { 4 };
    let yaml = format!(
        "id: strict\nvendor: T\nproduct: T\n{space_def}rules:\n  length: {{ min: {len}, max: {len} }}\n  classes_required: {{ at_least: {k}, of: {classes} }}\n"
    );
    let policy = Policy::from_yaml(&yaml, "strict.yaml").unwrap();
    Checker::new(&[&policy.variants()[0]]).unwrap()
}

fn versus_passwords(c: &mut Criterion) {
    for (len, spaces) in [(16u32, false), (5, true)] {
        let name = format!(
            "vs_passwords/len{len}_{}classes",
            if spaces { 5 } else { 4 }
        );
        let checker = strict_policy(len, spaces);
        let sampler = Generator::new(&checker).unwrap().sampler(len).unwrap();
        let mut rng = rand::rng();
        let mut g = c.benchmark_group(&name);
        g.bench_function("passpolicy", |b| {
            b.iter(|| black_box(sampler.generate(&mut rng)))
        });
        let theirs = passwords::PasswordGenerator::new()
            .length(len as usize)
            .numbers(true)
            .lowercase_letters(true)
            .uppercase_letters(true)
            .symbols(true)
            .spaces(spaces)
            .exclude_similar_characters(false)
            .strict(true)
            .try_iter()
            .unwrap();
        g.bench_function("passwords", |b| {
            b.iter(|| black_box(theirs.generate_one()))
        });
        g.finish();
    }
}

/// Building a generator and a 16-character sampler (counting included).
fn setup(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let mut g = c.benchmark_group("setup");
    for (name, ids) in
        [("huawei-clouddc", &SEEDS[2..3]), ("all-five", &SEEDS[..])]
    {
        let checker = catalog.checker(ids).unwrap();
        g.bench_function(format!("{name}_generator_and_sampler16"), |b| {
            b.iter(|| {
                let generator = Generator::new(&checker).unwrap();
                black_box(generator.sampler(16).unwrap().entropy_bits())
            })
        });
        g.bench_function(format!("{name}_exact_tables16"), |b| {
            let generator = Generator::new(&checker).unwrap();
            b.iter(|| {
                let s = generator.sampler(16).unwrap();
                black_box(s.without_rejection().unwrap().len())
            })
        });
    }
    g.finish();
}

criterion_group!(benches, seeds, versus_passwords, setup);
criterion_main!(benches);
