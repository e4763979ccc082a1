//! The library's property tests, in one binary, one module per subject:
//!
//! * `prop`: the compiled checker agrees with the reference interpreter on
//!   random policies, their intersections and the seeds;
//! * `prop_robust`: checking is deterministic, and combining policies never
//!   changes what each of them refuses;
//! * `generate_prop`: whatever the generator makes, the checker accepts,
//!   and on small policies its count equals brute force.
//!
//! The policy-file strategies they draw from are defined once, in
//! `tests/common/strategies.rs`.

#[path = "../common/mod.rs"]
mod common;

mod generate_prop;
mod prop;
mod prop_robust;
