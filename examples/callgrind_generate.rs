//! Generates N passwords, for instruction counts under callgrind:
//! per-password cost = (total(N2) − total(N1)) / (N2 − N1), which cancels
//! start-up, compiling the policy and building the counting automaton.
//!
//! ```text
//! cargo build --release --example callgrind_generate
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/callgrind_generate tencent-cvm-v2/windows 1000
//! ```
//!
//! Arguments: `POLICY[,POLICY...] N [LENGTH]` (default 16). The random
//! generator is seeded with a constant so that every run executes the same
//! instructions; nothing is printed but a count.

use std::hint::black_box;
use std::process::ExitCode;

use passpolicy::{Catalog, Generator};
use rand::SeedableRng;
use rand::rngs::StdRng;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(policies), Some(n)) =
        (args.first(), args.get(1).and_then(|n| n.parse::<u64>().ok()))
    else {
        eprintln!("usage: callgrind_generate POLICY[,POLICY...] N [LENGTH]");
        return ExitCode::from(2);
    };
    let len = args.get(2).and_then(|l| l.parse().ok()).unwrap_or(16);
    let names: Vec<&str> = policies.split(',').collect();
    let run = || -> Result<(), passpolicy::Error> {
        let checker = Catalog::builtin().checker(&names)?;
        let sampler = Generator::new(&checker)?.sampler(len)?;
        let mut rng = StdRng::seed_from_u64(0x5EED);
        for _ in 0..n {
            black_box(&sampler.generate(&mut rng));
        }
        Ok(())
    };
    match run() {
        Ok(()) => {
            println!("{n} passwords of {len} characters");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
