//! After `fork`, `Sampler::generate_os` gives parent and child different
//! passwords (issue 10 item 15): before, both drew from the same copy of
//! rand's thread-local generator and printed the same password.
//!
//! A test binary of its own (`harness = false`): it forks from `main`, with
//! one thread, where forking is sound.

use std::fs;

use fork::{Fork, fork, waitpid};
use passpolicy::Catalog;

fn main() {
    let checker =
        Catalog::builtin().checker(&["tencent-cvm-v2/windows"]).unwrap();
    let generator = passpolicy::Generator::new(&checker).unwrap();
    let sampler = generator.sampler(16).unwrap();
    // Draw once first, so that any thread-local generator exists before the
    // fork and is copied by it.
    let _warm = sampler.generate_os();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("child");
    match fork().expect("fork") {
        Fork::Child => {
            let status = match fs::write(&path, sampler.generate_os().as_str())
            {
                Ok(()) => 0,
                Err(_) => 1,
            };
            std::process::exit(status);
        }
        Fork::Parent(pid) => {
            let mine = sampler.generate_os();
            let status = waitpid(pid).expect("waitpid");
            assert_eq!(status, 0, "the child failed");
            let theirs = fs::read_to_string(&path).unwrap();
            assert!(checker.check(&theirs).is_ok());
            // Compared without printing either: a password is never echoed.
            assert!(
                mine.as_str() != theirs,
                "parent and child drew the same password"
            );
            println!("test generate_os_after_fork ... ok");
        }
    }
}
