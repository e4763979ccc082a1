//! The entry points called from Rust: allocation, buffers, errors, the
//! panic boundary. The C program in `tests/` covers the rest from C.

use std::ffi::{CStr, CString, c_char};
use std::ptr::{null, null_mut};

use crate::boundary::{Failure, boundary};
use crate::*;

fn checker(ids: &[&str], user: Option<&str>) -> *mut passpolicy_checker {
    let owned: Vec<CString> =
        ids.iter().map(|s| CString::new(*s).unwrap()).collect();
    let ptrs: Vec<*const c_char> = owned.iter().map(|s| s.as_ptr()).collect();
    let user = user.map(|u| CString::new(u).unwrap());
    let mut err = null_mut();
    // SAFETY: valid arrays and strings that outlive the call.
    let c = unsafe {
        passpolicy_checker_new(
            ptrs.as_ptr(),
            ptrs.len(),
            user.as_ref().map_or(null(), |u| u.as_ptr()),
            &mut err,
        )
    };
    assert!(!c.is_null(), "{:?}", message(err));
    c
}

fn message(err: *mut passpolicy_error) -> String {
    // SAFETY: a live error from this library (or NULL).
    let p = unsafe { passpolicy_error_message(err) };
    assert!(!p.is_null());
    // SAFETY: NUL-terminated, alive until the free below.
    let s = unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_string();
    // SAFETY: freed once.
    unsafe { passpolicy_error_free(err) };
    s
}

fn check(c: *const passpolicy_checker, pw: &[u8]) -> i32 {
    // SAFETY: a live checker and `pw.len()` readable bytes.
    unsafe { passpolicy_check(c, pw.as_ptr().cast(), pw.len()) }
}

#[test]
fn check_allocates_nothing() {
    let c = checker(&["tencent-cvm-v2"], None);
    let passwords: [&[u8]; 5] = [
        b"abc123ABC!@#",
        b"short",
        b"abc123ABC!\xff",
        "密码abc123ABC!".as_bytes(),
        b"",
    ];
    let want: Vec<i32> = passwords.iter().map(|p| check(c, p)).collect();
    let info = allocation_counter::measure(|| {
        for p in passwords {
            check(c, p);
        }
        check(null(), b"x");
        // SAFETY: NULL with a non-zero length is refused, not read.
        unsafe { passpolicy_check(c, null(), 3) };
    });
    assert_eq!(info.count_total, 0);
    assert_eq!(
        want,
        [
            PASSPOLICY_OK,
            PASSPOLICY_REJECTED,
            PASSPOLICY_REJECTED,
            PASSPOLICY_REJECTED,
            PASSPOLICY_REJECTED
        ]
    );
    // SAFETY: freed once.
    unsafe { passpolicy_checker_free(c) };
}

#[test]
fn argument_errors() {
    let c = checker(&["baidu-bcc"], None);
    assert_eq!(check(null(), b"x"), PASSPOLICY_ERR_ARGUMENT);
    // SAFETY: NULL with length 0 is the empty password.
    assert_eq!(unsafe { passpolicy_check(c, null(), 0) }, PASSPOLICY_REJECTED);
    let mut err = null_mut();
    // SAFETY: NULL policies with a count: refused before reading.
    let bad = unsafe { passpolicy_checker_new(null(), 2, null(), &mut err) };
    assert!(bad.is_null());
    // SAFETY: live error.
    assert_eq!(unsafe { passpolicy_error_code(err) }, PASSPOLICY_ERR_ARGUMENT);
    message(err);
    // SAFETY: a NULL checker is refused; NULL `error` is allowed.
    let rc = unsafe {
        passpolicy_generate(null(), 0, null_mut(), 0, null_mut(), null_mut())
    };
    assert_eq!(rc, PASSPOLICY_ERR_ARGUMENT);
    let zh = CString::new("xx").unwrap();
    let mut needed = 0;
    // SAFETY: valid strings; size query with a NULL buffer.
    let rc = unsafe {
        passpolicy_explain_json(c, zh.as_ptr(), null_mut(), 0, &mut needed)
    };
    assert_eq!(rc, PASSPOLICY_ERR_ARGUMENT);
    // SAFETY: freed once; NULL frees are no-ops.
    unsafe {
        passpolicy_checker_free(c);
        passpolicy_checker_free(null_mut());
        passpolicy_error_free(null_mut());
    }
}

#[test]
fn unknown_policy_is_a_policy_error_with_a_message() {
    // An id close to a known one is named with the suggestion; one close
    // to none is not repeated (it may be a password typed in the wrong
    // place), but the message still says what is wrong.
    for (given, expect, hidden) in [
        ("baidu-bc", "unknown policy 'baidu-bc'; did you mean baidu-bcc?", ""),
        ("no-such-vendor", "unknown policy id", "no-such-vendor"),
    ] {
        let id = CString::new(given).unwrap();
        let ptrs = [id.as_ptr()];
        let mut err = null_mut();
        // SAFETY: one valid string.
        let c = unsafe {
            passpolicy_checker_new(ptrs.as_ptr(), 1, null(), &mut err)
        };
        assert!(c.is_null());
        // SAFETY: live error.
        let code = unsafe { passpolicy_error_code(err) };
        assert_eq!(code, PASSPOLICY_ERR_POLICY);
        // `message` frees the error.
        let text = message(err);
        assert!(text.contains(expect), "{text}");
        assert!(hidden.is_empty() || !text.contains(hidden), "{text}");
    }
}

#[test]
fn json_buffer_protocol() {
    let c = checker(&["baidu-bcc"], None);
    let pw = b"Ab1!";
    let mut needed = 0;
    // SAFETY: size query: NULL buffer, capacity 0.
    let rc = unsafe {
        passpolicy_check_json(
            c,
            pw.as_ptr().cast(),
            4,
            null_mut(),
            0,
            &mut needed,
        )
    };
    assert_eq!(rc, PASSPOLICY_ERR_BUFFER);
    let mut buf = vec![0x55u8; needed];
    // SAFETY: `needed - 1` writable bytes: one too few.
    let rc = unsafe {
        passpolicy_check_json(
            c,
            pw.as_ptr().cast(),
            4,
            buf.as_mut_ptr().cast(),
            needed - 1,
            &mut needed,
        )
    };
    assert_eq!(rc, PASSPOLICY_ERR_BUFFER);
    assert!(buf.iter().all(|&b| b == 0x55), "nothing written");
    // SAFETY: `needed` writable bytes.
    let rc = unsafe {
        passpolicy_check_json(
            c,
            pw.as_ptr().cast(),
            4,
            buf.as_mut_ptr().cast(),
            needed,
            &mut needed,
        )
    };
    assert_eq!(rc, PASSPOLICY_REJECTED);
    let text = CStr::from_bytes_with_nul(&buf).unwrap().to_str().unwrap();
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["violations"][0]["code"], "too_short");
    assert_eq!(v["violations"][0]["policy"], "baidu-bcc");
    assert!(!text.contains("Ab1!"), "the password is not in the verdict");
    // SAFETY: freed once.
    unsafe { passpolicy_checker_free(c) };
}

#[test]
fn generate_writes_only_the_callers_buffer() {
    let c = checker(&["tencent-cvm-v2/windows"], None);
    let mut small = [0x55u8; 8];
    let mut written = 0;
    let mut err = null_mut();
    // SAFETY: 8 writable bytes, too few for 16 characters.
    let rc = unsafe {
        passpolicy_generate(
            c,
            16,
            small.as_mut_ptr().cast(),
            8,
            &mut written,
            &mut err,
        )
    };
    assert_eq!(rc, PASSPOLICY_ERR_BUFFER);
    assert_eq!(written, 17);
    assert!(small.iter().all(|&b| b == 0x55));
    message(err);
    let mut buf = [0x55u8; 64];
    // SAFETY: 64 writable bytes.
    let rc = unsafe {
        passpolicy_generate(
            c,
            0,
            buf.as_mut_ptr().cast(),
            64,
            &mut written,
            null_mut(),
        )
    };
    assert_eq!(rc, PASSPOLICY_OK);
    assert_eq!(written, 16, "the default length");
    assert_eq!(buf[16], 0);
    assert!(buf[17..].iter().all(|&b| b == 0x55), "nothing past the NUL");
    assert_eq!(check(c, &buf[..16]), PASSPOLICY_OK);
    let mut bits = 0.0;
    // SAFETY: valid out-pointers.
    let rc = unsafe { passpolicy_entropy_bits(c, 16, &mut bits, null_mut()) };
    assert_eq!(rc, PASSPOLICY_OK);
    assert!(bits > 90.0 && bits < 16.0 * 7.0);
    let mut len = 0;
    // SAFETY: valid out-pointers.
    let rc = unsafe {
        passpolicy_length_for_entropy(c, bits, &mut len, null_mut())
    };
    assert_eq!(rc, PASSPOLICY_OK);
    assert_eq!(len, 16);
    let mut err = null_mut();
    // SAFETY: a length the policy refuses.
    let rc = unsafe {
        passpolicy_generate(
            c,
            40,
            buf.as_mut_ptr().cast(),
            64,
            &mut written,
            &mut err,
        )
    };
    assert_eq!(rc, PASSPOLICY_ERR_POLICY);
    assert!(message(err).contains("40"));
    // SAFETY: freed once.
    unsafe { passpolicy_checker_free(c) };
}

#[test]
fn a_panic_becomes_an_error_code() {
    let mut err = null_mut();
    let rc = boundary(&mut err, || -> Result<i32, Failure> { panic!("boom") });
    assert_eq!(rc, PASSPOLICY_ERR_PANIC);
    // SAFETY: live error.
    assert_eq!(unsafe { passpolicy_error_code(err) }, PASSPOLICY_ERR_PANIC);
    assert!(message(err).contains("internal error"));
}

#[test]
fn version_is_the_crate_version() {
    // SAFETY: a static NUL-terminated string.
    let v = unsafe { CStr::from_ptr(passpolicy_version()) };
    assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
}
