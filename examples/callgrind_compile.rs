//! Compiles the built-in catalog N times, for instruction counts under
//! callgrind: per-compile cost = (total(N2) − total(N1)) / (N2 − N1), which
//! cancels start-up.
//!
//! ```text
//! cargo build --release --example callgrind_compile
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/callgrind_compile N [parse|checkers|ID|ID.yaml|ID.checker]
//! ```
//!
//! `parse` (the default) is `Catalog::builtin()`; `checkers` also compiles
//! one checker per policy, as criterion's
//! `compile/builtin-catalog-and-checkers` does; any other word is a
//! built-in id, loaded alone (`Catalog::builtin_only`) N times; `ID.yaml`
//! parses that built-in's YAML text instead (`Policy::from_yaml`), the
//! way a policy file given at run time is read; `ID.checker` compiles
//! that built-in's checker N times from a catalog loaded once.

use std::hint::black_box;
use std::process::ExitCode;

use passpolicy::{Catalog, Policy};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(n) = args.first().and_then(|n| n.parse::<u64>().ok()) else {
        eprintln!(
            "usage: callgrind_compile N [parse|checkers|ID|ID.yaml|ID.checker]"
        );
        return ExitCode::from(2);
    };
    let what = args.get(1).map_or("parse", String::as_str);
    let yaml = what.strip_suffix(".yaml");
    if let Some(id) = what.strip_suffix(".checker") {
        return checker_of(id, n);
    }
    let source = Catalog::builtin_sources()
        .find(|(id, _)| Some(*id) == yaml || *id == what);
    for _ in 0..n {
        match (what, source) {
            ("parse", _) => {
                black_box(Catalog::builtin());
            }
            ("checkers", _) => {
                let catalog = Catalog::builtin();
                for p in catalog.policies() {
                    match catalog.checker(&[p.id()]) {
                        Ok(c) => drop(black_box(c)),
                        Err(e) => {
                            eprintln!("{e}");
                            return ExitCode::from(2);
                        }
                    }
                }
            }
            (_, Some((id, _))) if yaml.is_none() => {
                black_box(Catalog::builtin_only(&[id]));
            }
            (_, Some((_, text))) => {
                if let Err(e) = Policy::from_yaml(black_box(text), "x.yaml") {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
            }
            (other, None) => {
                eprintln!(
                    "unknown {other:?}: parse, checkers, ID, ID.yaml or ID.checker"
                );
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}

/// `ID.checker`: the checker of one built-in compiled N times from a
/// catalog loaded once.
fn checker_of(id: &str, n: u64) -> ExitCode {
    let catalog = Catalog::builtin_only(&[id]);
    for _ in 0..n {
        if let Err(e) = catalog.checker(&[black_box(id)]) {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
