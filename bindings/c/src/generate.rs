//! Generating passwords and the numbers behind them.

use std::ffi::c_char;

use lib::OwnedGenerator;
use zeroize::Zeroize;

use crate::boundary::{Failure, boundary, policy_error};
use crate::buffer;
use crate::check::{get, passpolicy_checker};
use crate::info::passpolicy_error;
use crate::{
    PASSPOLICY_ERR_ARGUMENT, PASSPOLICY_ERR_BUFFER, PASSPOLICY_ERR_POLICY,
    PASSPOLICY_OK,
};

/// The checker's generator, built on first use (once, whichever thread
/// comes first).
fn generator(c: &passpolicy_checker) -> Result<&OwnedGenerator, Failure> {
    c.generator
        .get_or_init(|| {
            OwnedGenerator::new(std::sync::Arc::clone(&c.checker))
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| Failure::new(PASSPOLICY_ERR_POLICY, e.clone()))
}

/// `length` as the library's `Option<u32>` (0: the default).
fn length(length: usize) -> Result<Option<u32>, Failure> {
    match length {
        0 => Ok(None),
        n => u32::try_from(n).map(Some).map_err(|_| {
            Failure::new(PASSPOLICY_ERR_POLICY, "the length is too large")
        }),
    }
}

/// Generates a password of `length` characters (0: the default length)
/// that every policy of `checker` accepts, uniformly at random over all
/// such passwords, with the operating system's randomness.
///
/// Writes it NUL-terminated into `out` and its length in bytes (without
/// the NUL) to `*written`. Nothing else holds it: it is drawn directly in
/// `out`, and the rest of the bytes used (rejected drafts) are zeroed.
/// Wipe `out` when done.
///
/// `cap` must be at least the password's worst-case size plus one (the
/// length plus one for ASCII-only policies); when it is smaller, returns
/// `PASSPOLICY_ERR_BUFFER`, sets `*written` to the size that is enough, and
/// writes nothing. `PASSPOLICY_ERR_POLICY` when no password of that length
/// complies (the error says which lengths do).
///
/// # Safety
///
/// `checker` is NULL or a live checker; `out` is NULL or points to `cap`
/// writable bytes (initialised or not); `written` is NULL or points to a
/// writable `size_t`; `error` is NULL or points to writable storage for
/// one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_generate(
    checker: *const passpolicy_checker,
    length: usize,
    out: *mut c_char,
    cap: usize,
    written: *mut usize,
    error: *mut *mut passpolicy_error,
) -> i32 {
    boundary(error, || {
        // SAFETY: forwarded from this function's contract.
        let c = unsafe { get(checker) }?;
        let g = generator(c)?;
        let len = self::length(length)?;
        let sampler = g.sampler(len).map_err(policy_error)?;
        let need = sampler.max_bytes() + 1;
        if cap < need {
            // SAFETY: forwarded from this function's contract.
            unsafe { buffer::put(written, need) };
            return Err(Failure::new(
                PASSPOLICY_ERR_BUFFER,
                format!("the buffer holds {cap} bytes; {need} are enough"),
            ));
        }
        if out.is_null() {
            return Err(Failure::new(PASSPOLICY_ERR_ARGUMENT, "out is NULL"));
        }
        // SAFETY: `out` is not NULL and has `cap ≥ need` writable bytes
        // (contract); zeroing first makes all `need` bytes initialised, so
        // the slice below is sound even over uninitialised memory.
        let buf = unsafe {
            std::ptr::write_bytes(out, 0, need);
            std::slice::from_raw_parts_mut(out.cast::<u8>(), need)
        };
        let (body, _nul) = buf.split_at_mut(need - 1);
        // The cached sampler again (a lookup), drawing with the OS's
        // randomness.
        let n = match g.generate_os_into(len, body) {
            Ok(p) => p.len(),
            Err(e) => {
                body.zeroize();
                return Err(policy_error(e));
            }
        };
        // Rejected drafts may have been longer (non-ASCII characters):
        // zero what follows the password, which also terminates it.
        buf[n..].zeroize();
        // SAFETY: forwarded from this function's contract.
        unsafe { buffer::put(written, n) };
        Ok(PASSPOLICY_OK)
    })
}

/// The entropy in bits of a password of `length` characters (0: the
/// default length): log2 of the number of compliant passwords, exactly as
/// `passpolicy generate` reports it. `PASSPOLICY_ERR_POLICY` outside the
/// allowed lengths.
///
/// # Safety
///
/// `checker` is NULL or a live checker; `bits` points to a writable
/// `double` (or is NULL); `error` is NULL or points to writable storage
/// for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_entropy_bits(
    checker: *const passpolicy_checker,
    length: usize,
    bits: *mut f64,
    error: *mut *mut passpolicy_error,
) -> i32 {
    boundary(error, || {
        // SAFETY: forwarded from this function's contract.
        let c = unsafe { get(checker) }?;
        let g = generator(c)?;
        let len = self::length(length)?.unwrap_or(g.default_length());
        let e = g.entropy_bits(len).map_err(policy_error)?;
        // SAFETY: forwarded from this function's contract.
        unsafe { buffer::put(bits, e) };
        Ok(PASSPOLICY_OK)
    })
}

/// The length `passpolicy_generate` uses for `length` 0: 16 characters
/// moved into the policies' bounds, or the next length with a compliant
/// password.
///
/// # Safety
///
/// `checker` is NULL or a live checker; `length` points to a writable
/// `size_t` (or is NULL); `error` is NULL or points to writable storage
/// for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_default_length(
    checker: *const passpolicy_checker,
    length: *mut usize,
    error: *mut *mut passpolicy_error,
) -> i32 {
    boundary(error, || {
        // SAFETY: forwarded from this function's contract.
        let c = unsafe { get(checker) }?;
        let n = generator(c)?.default_length();
        // SAFETY: forwarded from this function's contract.
        unsafe { buffer::put(length, n as usize) };
        Ok(PASSPOLICY_OK)
    })
}

/// The shortest allowed length whose entropy is at least `bits` (the
/// CLI's `generate --min-entropy`). `PASSPOLICY_ERR_POLICY` when even the
/// longest allowed length falls short.
///
/// # Safety
///
/// As [`passpolicy_default_length`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_length_for_entropy(
    checker: *const passpolicy_checker,
    bits: f64,
    length: *mut usize,
    error: *mut *mut passpolicy_error,
) -> i32 {
    boundary(error, || {
        // SAFETY: forwarded from this function's contract.
        let c = unsafe { get(checker) }?;
        let n =
            generator(c)?.length_for_entropy(bits).map_err(policy_error)?;
        // SAFETY: forwarded from this function's contract.
        unsafe { buffer::put(length, n as usize) };
        Ok(PASSPOLICY_OK)
    })
}
