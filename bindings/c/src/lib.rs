//! The C ABI of passpolicy: `libpasspolicy.so` / `libpasspolicy.a` and the
//! header `include/passpolicy.h` (generated from this crate by cbindgen).
//!
//! Every entry point is an `unsafe extern "C" fn` whose pointer arguments
//! the caller vouches for (each function's "Safety" section), wrapped in a
//! panic boundary ([`boundary`]): a panic becomes
//! [`PASSPOLICY_ERR_PANIC`], never an unwind into C. Errors travel through
//! return codes and an optional `passpolicy_error **` out-parameter, never
//! a thread-local "last error" (a goroutine can change OS threads between
//! two cgo calls).
//!
//! This is the only crate of the workspace with `unsafe` code; each block
//! carries a `// SAFETY:` argument.

#![allow(non_camel_case_types)]

mod boundary;
mod buffer;
mod check;
mod generate;
mod info;
mod options;
#[cfg(test)]
mod tests;

pub use check::{
    passpolicy_check, passpolicy_check_json, passpolicy_check_json_lang,
    passpolicy_checker, passpolicy_checker_free, passpolicy_checker_new,
};
pub use generate::{
    passpolicy_default_length, passpolicy_entropy_bits, passpolicy_generate,
    passpolicy_length_for_entropy,
};
pub use info::{
    passpolicy_error, passpolicy_error_code, passpolicy_error_free,
    passpolicy_error_message, passpolicy_explain_json,
    passpolicy_policies_json, passpolicy_version,
};
pub use options::{
    passpolicy_checker_new_with, passpolicy_options, passpolicy_options_free,
    passpolicy_options_new, passpolicy_options_set_display_name,
    passpolicy_options_set_param, passpolicy_options_set_user,
};

/// Accepted, or success.
pub const PASSPOLICY_OK: i32 = 0;
/// The password breaks at least one rule.
pub const PASSPOLICY_REJECTED: i32 = 1;
/// A bad argument: a NULL pointer where one is required, text that is not
/// UTF-8, an unknown language, a length past the limits of `size_t` use.
pub const PASSPOLICY_ERR_ARGUMENT: i32 = -1;
/// A policy error: an unknown policy id or variant, policies no password
/// can satisfy, a length the policies do not allow, an entropy no allowed
/// length reaches. The `passpolicy_error` says which.
pub const PASSPOLICY_ERR_POLICY: i32 = -2;
/// The output buffer is too small; `*needed` (or `*written`) holds the
/// size that is enough, terminating NUL included.
pub const PASSPOLICY_ERR_BUFFER: i32 = -3;
/// An internal error (a panic caught at the boundary). Please report it.
pub const PASSPOLICY_ERR_PANIC: i32 = -4;
/// A parameter error (`passpolicy_checker_new_with`): a name no selected
/// policy declares, a value the parameter does not allow, a parameter
/// file that cannot be read. The message names the parameter and the
/// values it takes, never the value given.
pub const PASSPOLICY_ERR_PARAMETER: i32 = -5;
