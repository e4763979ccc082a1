//! Generates N passwords (or builds N generators), for instruction counts
//! under callgrind: per-operation cost = (total(N2) − total(N1)) / (N2 − N1),
//! which cancels start-up, compiling the policy and, for the draws,
//! building the counting automaton.
//!
//! ```text
//! cargo build --release --example callgrind_generate
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/callgrind_generate tencent-cvm-v2/windows 1000
//! ```
//!
//! Arguments: `POLICY[,POLICY...] N [LENGTH] [password|into|setup]`
//! (default 16 and `password`): `password` measures
//! [`Sampler::generate`](passpolicy::Sampler::generate), `into`
//! [`Sampler::generate_into`](passpolicy::Sampler::generate_into) with a
//! buffer of the caller's, and `setup` `Generator::new` plus `sampler(LENGTH)`.
//! The random generator is seeded with a constant so that every run
//! executes the same instructions; nothing is printed but a count.

use std::hint::black_box;
use std::process::ExitCode;

use passpolicy::{Catalog, Generator};
use rand::SeedableRng;
use rand::rngs::StdRng;
use zeroize::Zeroize;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(policies), Some(n)) =
        (args.first(), args.get(1).and_then(|n| n.parse::<u64>().ok()))
    else {
        eprintln!(
            "usage: callgrind_generate POLICY[,POLICY...] N [LENGTH] \
             [password|into|setup]"
        );
        return ExitCode::from(2);
    };
    let len = args.get(2).and_then(|l| l.parse().ok()).unwrap_or(16);
    let mode = args.get(3).map_or("password", String::as_str);
    let names: Vec<&str> = policies.split(',').collect();
    let run = || -> Result<(), passpolicy::Error> {
        let checker = Catalog::builtin().checker(&names)?;
        if mode == "setup" {
            for _ in 0..n {
                let generator = Generator::new(black_box(&checker))?;
                black_box(&generator.sampler(black_box(len))?);
            }
            return Ok(());
        }
        let sampler = Generator::new(&checker)?.sampler(len)?;
        let mut rng = StdRng::seed_from_u64(0x5EED);
        if mode == "into" {
            let mut buf = vec![0u8; sampler.max_bytes()];
            for _ in 0..n {
                black_box(sampler.generate_into(&mut rng, &mut buf)?);
            }
            buf.zeroize();
        } else {
            for _ in 0..n {
                black_box(&sampler.generate(&mut rng));
            }
        }
        Ok(())
    };
    match run() {
        Ok(()) => {
            println!("{n} x {mode}, {len} characters");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
