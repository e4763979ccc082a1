//! Building a checker and checking passwords.

use std::ffi::c_char;
use std::sync::{Arc, OnceLock};

use lib::{Catalog, Checker, OwnedGenerator};

use crate::boundary::{Failure, boundary};
use crate::buffer;
use crate::info::passpolicy_error;
use crate::{PASSPOLICY_ERR_ARGUMENT, PASSPOLICY_OK, PASSPOLICY_REJECTED};

/// A compiled checker for one or more policies (all must hold), with the
/// generator for them built on first use.
///
/// Immutable once built (the generator is built once, thread-safely): one
/// checker may be used from any number of threads at once. It must not be
/// used after `passpolicy_checker_free`, which must be called once.
pub struct passpolicy_checker {
    pub(crate) checker: Arc<Checker>,
    /// The selection, for explanations with the catalog's metadata.
    pub(crate) names: Vec<String>,
    /// The parameters it was bound with, for explanations (files as read).
    pub(crate) params: lib::Params,
    pub(crate) generator: OnceLock<Result<OwnedGenerator, String>>,
}

/// The error for a NULL password with a non-zero length.
const PASSWORD_NULL: &str = "password is NULL but its length is not 0";

/// The built-in catalog, parsed once per process.
pub(crate) fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::builtin)
}

/// The checker behind `ptr`.
///
/// # Safety
///
/// `ptr` is NULL or a live checker from `passpolicy_checker_new` or
/// `passpolicy_checker_new_with`.
pub(crate) unsafe fn get<'a>(
    ptr: *const passpolicy_checker,
) -> Result<&'a passpolicy_checker, Failure> {
    // SAFETY: NULL or a live checker (this function's contract); a live
    // checker is only read, so a shared reference is sound.
    unsafe { ptr.as_ref() }.ok_or_else(|| {
        Failure::new(PASSPOLICY_ERR_ARGUMENT, "checker is NULL")
    })
}

/// Compiles the named built-in policies (`"ID"` or `"ID/VARIANT"`, all of
/// which must hold) into a checker.
///
/// `user` replaces the policies' own account names in user-name rules
/// (NULL: the policies' own). Returns NULL on failure, and then, when
/// `error` is not NULL, sets `*error` to an error the caller frees with
/// `passpolicy_error_free` (code `PASSPOLICY_ERR_POLICY` for an unknown id
/// or impossible combination, `PASSPOLICY_ERR_ARGUMENT` for NULL or
/// non-UTF-8 arguments). `*error` is left alone on success.
///
/// # Safety
///
/// `policies` points to `n_policies` pointers to NUL-terminated strings
/// (NULL allowed when `n_policies` is 0); `user` is NULL or a
/// NUL-terminated string; `error` is NULL or points to writable storage
/// for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_checker_new(
    policies: *const *const c_char,
    n_policies: usize,
    user: *const c_char,
    error: *mut *mut passpolicy_error,
) -> *mut passpolicy_checker {
    let mut made = std::ptr::null_mut();
    boundary(error, || {
        // SAFETY: forwarded from this function's contract.
        let names =
            unsafe { buffer::texts(policies, n_policies, "policies") }?;
        let mut options = crate::options::passpolicy_options::default();
        if !user.is_null() {
            // SAFETY: not NULL, so a NUL-terminated string (contract).
            let user = unsafe { buffer::text(user, "user") }?;
            // Not refused here when blank: the library refuses it, with
            // the code this function has always given (policy).
            options.user = Some(user.to_string());
        }
        made = crate::options::compile(&names, &options)?;
        Ok(PASSPOLICY_OK)
    });
    made
}

/// Frees a checker; NULL is a no-op.
///
/// # Safety
///
/// `checker` is NULL or a checker from `passpolicy_checker_new` or
/// `passpolicy_checker_new_with` not yet freed, which no other thread is
/// using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_checker_free(
    checker: *mut passpolicy_checker,
) {
    if checker.is_null() {
        return;
    }
    // SAFETY: made by `Box::into_raw` in `options::compile` (for both
    // constructors) and not freed yet (contract), so ownership comes back
    // exactly once.
    let boxed = unsafe { Box::from_raw(checker) };
    // Dropping frees memory only; a panic there (none is known) must not
    // unwind into C.
    crate::boundary::boundary_or((), || drop(boxed));
}

/// Checks `len` bytes at `password`: `PASSPOLICY_OK` when every policy
/// accepts it, `PASSPOLICY_REJECTED` when one refuses it (bytes that are
/// not UTF-8 are refused), `PASSPOLICY_ERR_ARGUMENT` for a NULL checker,
/// or a NULL password with a non-zero length.
///
/// Allocates nothing; the password need not be NUL-terminated and is
/// neither copied nor kept.
///
/// # Safety
///
/// `checker` is NULL or a live checker; `password` is NULL or points to
/// `len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_check(
    checker: *const passpolicy_checker,
    password: *const c_char,
    len: usize,
) -> i32 {
    boundary(std::ptr::null_mut(), || {
        // SAFETY: forwarded from this function's contract.
        let c = unsafe { get(checker) }?;
        // SAFETY: forwarded from this function's contract.
        let bytes = unsafe { buffer::bytes(password, len, PASSWORD_NULL) }?;
        Ok(if c.checker.accepts_bytes(bytes) {
            PASSPOLICY_OK
        } else {
            PASSPOLICY_REJECTED
        })
    })
}

/// [`passpolicy_check_json_lang`] with English messages.
///
/// # Safety
///
/// As [`passpolicy_check_json_lang`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_check_json(
    checker: *const passpolicy_checker,
    password: *const c_char,
    len: usize,
    out: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> i32 {
    // SAFETY: the same contract; NULL `lang` is English.
    unsafe {
        passpolicy_check_json_lang(
            checker,
            password,
            len,
            std::ptr::null(),
            out,
            cap,
            needed,
        )
    }
}

/// Checks like `passpolicy_check` and writes the verdict as the CLI's
/// `check --format json` object, without its `index`:
/// `{"ok":false,"violations":[{"code":…,"detail":{…},"message":…,
/// "policy":…,"vendor_code":…}]}`, NUL-terminated, messages in `lang`
/// (`"en"`, `"zh"`; NULL: English). The password is never in it.
///
/// Returns `PASSPOLICY_OK` or `PASSPOLICY_REJECTED` when the object was
/// written; `PASSPOLICY_ERR_BUFFER` when `cap` bytes are too few (nothing
/// written; call again with `*needed` bytes; `out` may be NULL with `cap`
/// 0 to ask the size); `PASSPOLICY_ERR_ARGUMENT` for bad arguments.
/// `*needed` (when `needed` is not NULL) is always set to the object's
/// size with its NUL on success and on `PASSPOLICY_ERR_BUFFER`.
///
/// # Safety
///
/// `checker` is NULL or a live checker; `password` is NULL or points to
/// `len` readable bytes; `lang` is NULL or a NUL-terminated string; `out`
/// is NULL or points to `cap` writable bytes; `needed` is NULL or points to
/// a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_check_json_lang(
    checker: *const passpolicy_checker,
    password: *const c_char,
    len: usize,
    lang: *const c_char,
    out: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> i32 {
    boundary(std::ptr::null_mut(), || {
        // SAFETY: forwarded from this function's contract.
        let c = unsafe { get(checker) }?;
        // SAFETY: forwarded from this function's contract.
        let bytes = unsafe { buffer::bytes(password, len, PASSWORD_NULL) }?;
        // SAFETY: forwarded from this function's contract.
        let lang = unsafe { buffer::lang(lang) }?;
        let ok = c.checker.check_bytes(bytes).is_ok();
        let found = if ok { Vec::new() } else { c.checker.violations(bytes) };
        // The library's renderer: the CLI's `check --format json` object
        // without its `index`.
        let mut json = String::new();
        lib::write_check_json(&mut json, None, ok, &found, lang);
        // SAFETY: forwarded from this function's contract.
        unsafe { buffer::write_text(json.as_bytes(), out, cap, needed) }?;
        Ok(if ok { PASSPOLICY_OK } else { PASSPOLICY_REJECTED })
    })
}
