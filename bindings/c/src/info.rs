//! Version, errors, and the JSON listings (policies, explanations).

use std::ffi::{CString, c_char};

use crate::boundary::{Failure, boundary, boundary_or, policy_error};
use crate::buffer;
use crate::check::{catalog, get, passpolicy_checker};
use crate::{PASSPOLICY_ERR_ARGUMENT, PASSPOLICY_OK};

/// Why a call failed: a code (one of the negative `PASSPOLICY_ERR_*`) and a
/// message in English. Never holds a password. Free with
/// `passpolicy_error_free`, once.
pub struct passpolicy_error {
    code: i32,
    message: CString,
}

impl passpolicy_error {
    pub(crate) fn new(f: Failure) -> passpolicy_error {
        // A message never holds a NUL, but if one did, cut it there
        // rather than lose the error.
        let text = f.message.into_owned();
        let cut = text.split('\0').next().unwrap_or_default().to_string();
        passpolicy_error {
            code: f.code,
            message: CString::new(cut).unwrap_or_default(),
        }
    }
}

/// The library's version (`"0.1.0"`), a static NUL-terminated string.
#[unsafe(no_mangle)]
pub extern "C" fn passpolicy_version() -> *const c_char {
    // A constant: checked at compile time, so nothing here can panic at
    // run time and no boundary is needed.
    const VERSION: &std::ffi::CStr = match std::ffi::CStr::from_bytes_with_nul(
        concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes(),
    ) {
        Ok(v) => v,
        Err(_) => panic!("the version has a NUL"),
    };
    VERSION.as_ptr()
}

/// The error's message, NUL-terminated UTF-8, valid until the error is
/// freed; NULL for a NULL error.
///
/// # Safety
///
/// `error` is NULL or a live error from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_error_message(
    error: *const passpolicy_error,
) -> *const c_char {
    boundary_or(std::ptr::null(), || {
        // SAFETY: NULL or a live error (contract), only read.
        match unsafe { error.as_ref() } {
            Some(e) => e.message.as_ptr(),
            None => std::ptr::null(),
        }
    })
}

/// The error's code (a negative `PASSPOLICY_ERR_*`); 0 for a NULL error.
///
/// # Safety
///
/// `error` is NULL or a live error from this library.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_error_code(
    error: *const passpolicy_error,
) -> i32 {
    boundary_or(crate::PASSPOLICY_ERR_PANIC, || {
        // SAFETY: NULL or a live error (contract), only read.
        unsafe { error.as_ref() }.map_or(0, |e| e.code)
    })
}

/// Frees an error; NULL is a no-op.
///
/// # Safety
///
/// `error` is NULL or an error from this library not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_error_free(error: *mut passpolicy_error) {
    if !error.is_null() {
        // SAFETY: made by `Box::into_raw` in the panic boundary and not
        // freed yet (contract): ownership comes back exactly once.
        let boxed = unsafe { Box::from_raw(error) };
        boundary_or((), || drop(boxed));
    }
}

/// The built-in policies as a JSON array, NUL-terminated:
/// `[{"id":…,"variants":[…],"vendor":…,"product":…},…]` (the CLI's
/// `list --format json` records, without `origin`).
///
/// Returns `PASSPOLICY_OK`, or `PASSPOLICY_ERR_BUFFER` when `cap` is too
/// small (then call again with `*needed` bytes; `out` may be NULL with
/// `cap` 0 to ask the size).
///
/// # Safety
///
/// `out` is NULL or points to `cap` writable bytes; `needed` is NULL or
/// points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_policies_json(
    out: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> i32 {
    boundary(std::ptr::null_mut(), || {
        let list: Vec<serde_json::Value> = catalog()
            .policies()
            .iter()
            .map(|p| {
                serde_json::json!({
                    "id": p.id(),
                    "variants": p.variant_names(),
                    "vendor": p.vendor(),
                    "product": p.product(),
                })
            })
            .collect();
        let json = serde_json::Value::Array(list).to_string();
        // SAFETY: forwarded from this function's contract.
        unsafe { buffer::write_text(json.as_bytes(), out, cap, needed) }?;
        Ok(PASSPOLICY_OK)
    })
}

/// The checker's policies explained in plain words, as the CLI's
/// `explain --format json` document, NUL-terminated, in `lang` (`"en"`,
/// `"zh"`; NULL: English). Return codes and buffer protocol as
/// `passpolicy_policies_json`; `PASSPOLICY_ERR_ARGUMENT` for a NULL checker
/// or an unknown language.
///
/// # Safety
///
/// `checker` is NULL or a live checker; `lang` is NULL or a NUL-terminated
/// string; `out` is NULL or points to `cap` writable bytes; `needed` is
/// NULL or points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_explain_json(
    checker: *const passpolicy_checker,
    lang: *const c_char,
    out: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> i32 {
    boundary(std::ptr::null_mut(), || {
        // SAFETY: forwarded from this function's contract.
        let c = unsafe { get(checker) }?;
        // SAFETY: forwarded from this function's contract.
        let lang = unsafe { buffer::lang(lang) }?;
        let names: Vec<&str> = c.names.iter().map(String::as_str).collect();
        let explanation = catalog()
            .explain_with(&names, &c.params, lang)
            .map_err(policy_error)?;
        let json = serde_json::to_string(&explanation).map_err(|e| {
            Failure::new(PASSPOLICY_ERR_ARGUMENT, e.to_string())
        })?;
        // SAFETY: forwarded from this function's contract.
        unsafe { buffer::write_text(json.as_bytes(), out, cap, needed) }?;
        Ok(PASSPOLICY_OK)
    })
}
