//! Internals of the `passpolicy` command-line tool that its fuzz targets
//! drive directly. Not an API: nothing here is stable, and the binary is
//! the only supported user (its contract is `docs/cli.md`).

#[doc(hidden)]
pub mod input;
