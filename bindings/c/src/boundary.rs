//! The panic boundary and the error out-parameter.

use std::borrow::Cow;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::PASSPOLICY_ERR_PANIC;
use crate::info::passpolicy_error;

/// Why an entry point failed: its return code and, for the
/// `passpolicy_error` out-parameter, a message.
#[derive(Debug)]
pub(crate) struct Failure {
    pub code: i32,
    /// Borrowed for fixed messages, so that an argument error allocates
    /// nothing (`passpolicy_check` allocates nothing on any path).
    pub message: Cow<'static, str>,
}

impl Failure {
    pub fn new(code: i32, message: impl Into<Cow<'static, str>>) -> Failure {
        Failure { code, message: message.into() }
    }
}

/// Runs `f`, turning a panic into [`PASSPOLICY_ERR_PANIC`] and a failure
/// into its code (and, when `error` is not NULL, a `passpolicy_error`).
///
/// `AssertUnwindSafe`: what `f` touches is either immutable (a checker) or
/// repaired on the next use (a poisoned mutex is taken back with
/// `into_inner`, an unfinished `OnceLock` initialises again), so a caught
/// panic leaves nothing observably broken.
pub(crate) fn boundary(
    error: *mut *mut passpolicy_error,
    f: impl FnOnce() -> Result<i32, Failure>,
) -> i32 {
    let failure = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(code)) => return code,
        Ok(Err(failure)) => failure,
        Err(_) => Failure::new(
            PASSPOLICY_ERR_PANIC,
            "internal error in passpolicy (a panic); please report it",
        ),
    };
    let code = failure.code;
    if !error.is_null() {
        let boxed = Box::into_raw(Box::new(passpolicy_error::new(failure)));
        // SAFETY: `error` is not NULL, and the caller of every entry point
        // with this out-parameter promises it is NULL or points to writable
        // storage for one pointer.
        unsafe { error.write(boxed) };
    }
    code
}

/// Runs `f` for entry points without a return code (accessors, frees):
/// a panic gives `fallback` instead of unwinding into C. None of them is
/// known to panic; the boundary makes that hold by construction.
pub(crate) fn boundary_or<T>(fallback: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(fallback)
}

/// A library error as a [`Failure`] with [`crate::PASSPOLICY_ERR_POLICY`].
pub(crate) fn policy_error(e: lib::Error) -> Failure {
    Failure::new(crate::PASSPOLICY_ERR_POLICY, e.to_string())
}
