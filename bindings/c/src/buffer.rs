//! Reading the caller's arguments and writing into the caller's buffers.

use std::ffi::{CStr, c_char};

use crate::boundary::Failure;
use crate::{PASSPOLICY_ERR_ARGUMENT, PASSPOLICY_ERR_BUFFER};

/// The `len` bytes at `ptr` (NULL allowed when `len` is 0); `null_error`
/// is the message for NULL with a length (static: a check allocates
/// nothing, even when it fails).
///
/// # Safety
///
/// `ptr` is NULL or points to `len` readable bytes that stay unchanged for
/// `'a`.
pub(crate) unsafe fn bytes<'a>(
    ptr: *const c_char,
    len: usize,
    null_error: &'static str,
) -> Result<&'a [u8], Failure> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(Failure::new(PASSPOLICY_ERR_ARGUMENT, null_error))
        };
    }
    // SAFETY: `ptr` is not NULL and, by this function's contract, points
    // to `len` readable bytes that stay unchanged for `'a`.
    Ok(unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) })
}

/// The NUL-terminated UTF-8 string at `ptr`; `what` names it in errors.
///
/// # Safety
///
/// `ptr` is NULL or points to a NUL-terminated string that stays
/// unchanged for `'a`.
pub(crate) unsafe fn text<'a>(
    ptr: *const c_char,
    what: &str,
) -> Result<&'a str, Failure> {
    if ptr.is_null() {
        return Err(Failure::new(
            PASSPOLICY_ERR_ARGUMENT,
            format!("{what} is NULL"),
        ));
    }
    // SAFETY: not NULL, and NUL-terminated and unchanged for `'a` by this
    // function's contract.
    let s = unsafe { CStr::from_ptr(ptr) };
    s.to_str().map_err(|_| {
        Failure::new(PASSPOLICY_ERR_ARGUMENT, format!("{what} is not UTF-8"))
    })
}

/// The `n` NUL-terminated UTF-8 strings at `ptrs` (NULL allowed when `n`
/// is 0); `what` names the array in errors.
///
/// # Safety
///
/// `ptrs` is NULL or points to `n` pointers, each NULL or to a
/// NUL-terminated string, all unchanged for `'a`.
pub(crate) unsafe fn texts<'a>(
    ptrs: *const *const c_char,
    n: usize,
    what: &str,
) -> Result<Vec<&'a str>, Failure> {
    if n == 0 {
        return Ok(Vec::new());
    }
    if ptrs.is_null() {
        return Err(Failure::new(
            PASSPOLICY_ERR_ARGUMENT,
            format!("{what} is NULL but its count is not 0"),
        ));
    }
    // SAFETY: not NULL, and `n` readable pointers by this function's
    // contract.
    let ptrs = unsafe { std::slice::from_raw_parts(ptrs, n) };
    let mut out = Vec::with_capacity(n);
    for &p in ptrs {
        // SAFETY: each is NULL or a NUL-terminated string (contract).
        out.push(unsafe { text(p, "a policy id") }?);
    }
    Ok(out)
}

/// The language named at `ptr` (NULL: English).
///
/// # Safety
///
/// As [`text`].
pub(crate) unsafe fn lang(ptr: *const c_char) -> Result<lib::Lang, Failure> {
    if ptr.is_null() {
        return Ok(lib::Lang::En);
    }
    // SAFETY: forwarded from this function's contract.
    let name = unsafe { text(ptr, "lang") }?;
    name.parse().map_err(|_| {
        Failure::new(
            PASSPOLICY_ERR_ARGUMENT,
            format!("unknown language {name:?} (use \"en\" or \"zh\")"),
        )
    })
}

/// Writes `bytes` and a NUL into `out` when `cap` holds them; always sets
/// `*needed` (when not NULL) to `bytes.len() + 1`.
///
/// # Safety
///
/// `out` is NULL or points to `cap` writable bytes; `needed` is NULL or
/// points to a writable `size_t`.
pub(crate) unsafe fn write_text(
    bytes: &[u8],
    out: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> Result<(), Failure> {
    let need = bytes.len() + 1;
    if !needed.is_null() {
        // SAFETY: not NULL, and writable by this function's contract.
        unsafe { needed.write(need) };
    }
    if out.is_null() && cap != 0 {
        return Err(Failure::new(
            PASSPOLICY_ERR_ARGUMENT,
            "out is NULL but cap is not 0",
        ));
    }
    if cap < need {
        return Err(Failure::new(
            PASSPOLICY_ERR_BUFFER,
            format!("the buffer holds {cap} bytes; {need} are needed"),
        ));
    }
    // SAFETY: `out` is not NULL (cap ≥ need ≥ 1) and has `cap ≥ need`
    // writable bytes; `bytes` is a distinct Rust allocation, so the regions
    // do not overlap.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), out.cast(), bytes.len());
        out.add(bytes.len()).write(0);
    }
    Ok(())
}

/// Writes `value` through `ptr` when it is not NULL.
///
/// # Safety
///
/// `ptr` is NULL or points to writable storage for a `T`.
pub(crate) unsafe fn put<T>(ptr: *mut T, value: T) {
    if !ptr.is_null() {
        // SAFETY: not NULL, and writable by this function's contract.
        unsafe { ptr.write(value) };
    }
}
