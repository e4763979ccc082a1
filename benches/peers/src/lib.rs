//! Benchmark-only bindings to the peers passpolicy is measured against:
//! libpwquality's `pwquality_check` and passwdqc's `passwdqc_check`, plus
//! an allocation-counting global allocator.
//!
//! The C libraries are loaded with `dlopen` at run time rather than linked,
//! so that `cargo bench` builds on a machine without them and simply skips
//! the peers (`Pwquality::load` and `Passwdqc::load` return an error that
//! says what to install). On Debian:
//! `apt-get install libpwquality1 libpasswdqc1` (the `-dev` packages bring
//! them in too).
//!
//! This is a crate of its own because the main crate forbids `unsafe`, and
//! both FFI and a global allocator need it. Every `unsafe` block is small
//! and says why it is sound.

use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::{CStr, CString, c_char, c_int, c_void};
use std::sync::atomic::{AtomicU64, Ordering};

use libloading::Library;

/// libpwquality, configured once; [`Pwquality::check`] calls
/// `pwquality_check` with no old password and no user name.
pub struct Pwquality {
    settings: *mut c_void,
    check: PwqCheck,
    free: unsafe extern "C" fn(*mut c_void),
    // Keeps the library mapped for as long as the function pointers live.
    _lib: Library,
}

type PwqCheck = unsafe extern "C" fn(
    *mut c_void,
    *const c_char,
    *const c_char,
    *const c_char,
    *mut *mut c_void,
) -> c_int;

impl Pwquality {
    /// Loads `libpwquality.so.1` and applies `options` (`name=value`, as in
    /// `pwquality.conf`) on top of the built-in defaults; the system's
    /// `/etc/security/pwquality.conf` is deliberately not read, so the
    /// figures do not depend on the machine's configuration.
    pub fn load(options: &[&str]) -> Result<Pwquality, String> {
        // SAFETY: loading a C library runs its initialisers; libpwquality's
        // have no preconditions.
        let lib = unsafe { Library::new("libpwquality.so.1") }.map_err(
            |e| format!("libpwquality not found ({e}); apt-get install libpwquality1"),
        )?;
        // SAFETY: the types match the prototypes in <pwquality.h> 1.4.
        let (default, set, check, free) = unsafe {
            let default = *lib
                .get::<unsafe extern "C" fn() -> *mut c_void>(
                    b"pwquality_default_settings\0",
                )
                .map_err(|e| e.to_string())?;
            let set = *lib
                .get::<unsafe extern "C" fn(*mut c_void, *const c_char) -> c_int>(
                    b"pwquality_set_option\0",
                )
                .map_err(|e| e.to_string())?;
            let check = *lib
                .get::<PwqCheck>(b"pwquality_check\0")
                .map_err(|e| e.to_string())?;
            let free = *lib
                .get::<unsafe extern "C" fn(*mut c_void)>(
                    b"pwquality_free_settings\0",
                )
                .map_err(|e| e.to_string())?;
            (default, set, check, free)
        };
        // SAFETY: no arguments; returns NULL only when out of memory.
        let settings = unsafe { default() };
        if settings.is_null() {
            return Err("pwquality_default_settings returned NULL".into());
        }
        let pwq = Pwquality { settings, check, free, _lib: lib };
        for option in options {
            let c = CString::new(*option).map_err(|e| e.to_string())?;
            // SAFETY: `settings` is live and `c` is a NUL-terminated string
            // that outlives the call (the library copies what it keeps).
            let rc = unsafe { set(pwq.settings, c.as_ptr()) };
            if rc != 0 {
                return Err(format!("pwquality_set_option({option}) = {rc}"));
            }
        }
        Ok(pwq)
    }

    /// `pwquality_check`: a score 0..=100 when accepted, a negative
    /// `PWQ_ERROR_*` code for the first failed rule.
    pub fn check(&self, password: &CStr) -> i32 {
        // SAFETY: `settings` is live; the password is NUL-terminated; NULL
        // is allowed for the old password, the user and `auxerror`.
        unsafe {
            (self.check)(
                self.settings,
                password.as_ptr(),
                std::ptr::null(),
                std::ptr::null(),
                std::ptr::null_mut(),
            )
        }
    }
}

impl Drop for Pwquality {
    fn drop(&mut self) {
        // SAFETY: allocated by `pwquality_default_settings`, freed once.
        unsafe { (self.free)(self.settings) }
    }
}

/// `passwdqc_params_qc_t` from `<passwdqc.h>` 2.0.
#[repr(C)]
struct QcParams {
    min: [c_int; 5],
    max: c_int,
    passphrase_words: c_int,
    match_length: c_int,
    similar_deny: c_int,
    random_bits: c_int,
    wordlist: *mut c_char,
    denylist: *mut c_char,
    filter: *mut c_char,
}

/// `passwdqc_params_t` from `<passwdqc.h>` 2.0.
#[repr(C)]
struct Params {
    qc: QcParams,
    flags: c_int,
    retry: c_int,
}

/// glibc's `struct passwd`.
#[repr(C)]
struct Passwd {
    name: *const c_char,
    passwd: *const c_char,
    uid: u32,
    gid: u32,
    gecos: *const c_char,
    dir: *const c_char,
    shell: *const c_char,
}

type QcCheck = unsafe extern "C" fn(
    *const QcParams,
    *const c_char,
    *const c_char,
    *const Passwd,
) -> *const c_char;

/// passwdqc, configured once; [`Passwdqc::check`] calls `passwdqc_check`
/// with no old password and a placeholder account (`match=0` turns the
/// account and word-list matching off anyway).
pub struct Passwdqc {
    params: Box<Params>,
    pw: Box<Passwd>,
    check: QcCheck,
    free: unsafe extern "C" fn(*mut Params),
    _lib: Library,
}

const EMPTY: &CStr = c"";
const ACCOUNT: &CStr = c"bench";
const ROOT_DIR: &CStr = c"/";

impl Passwdqc {
    /// Loads `libpasswdqc.so.1` and parses `options` (`min=...`, `max=...`,
    /// `match=0`, as in `passwdqc.conf`) over its defaults.
    pub fn load(options: &[&str]) -> Result<Passwdqc, String> {
        // SAFETY: as for libpwquality; no initialiser preconditions.
        let lib =
            unsafe { Library::new("libpasswdqc.so.1") }.map_err(|e| {
                format!(
                    "passwdqc not found ({e}); apt-get install libpasswdqc1"
                )
            })?;
        type Parse = unsafe extern "C" fn(
            *mut Params,
            *mut *mut c_char,
            c_int,
            *const *const c_char,
        ) -> c_int;
        // SAFETY: the types match the prototypes in <passwdqc.h> 2.0.
        let (reset, parse, check, free) = unsafe {
            let reset = *lib
                .get::<unsafe extern "C" fn(*mut Params)>(
                    b"passwdqc_params_reset\0",
                )
                .map_err(|e| e.to_string())?;
            let parse = *lib
                .get::<Parse>(b"passwdqc_params_parse\0")
                .map_err(|e| e.to_string())?;
            let check = *lib
                .get::<QcCheck>(b"passwdqc_check\0")
                .map_err(|e| e.to_string())?;
            let free = *lib
                .get::<unsafe extern "C" fn(*mut Params)>(
                    b"passwdqc_params_free\0",
                )
                .map_err(|e| e.to_string())?;
            (reset, parse, check, free)
        };
        let mut params = Box::new(Params {
            qc: QcParams {
                min: [0; 5],
                max: 0,
                passphrase_words: 0,
                match_length: 0,
                similar_deny: 0,
                random_bits: 0,
                wordlist: std::ptr::null_mut(),
                denylist: std::ptr::null_mut(),
                filter: std::ptr::null_mut(),
            },
            flags: 0,
            retry: 0,
        });
        // SAFETY: `params` is a valid, exclusively borrowed struct of the
        // header's layout.
        unsafe { reset(&mut *params) };
        let owned: Vec<CString> = options
            .iter()
            .map(|o| CString::new(*o).map_err(|e| e.to_string()))
            .collect::<Result<_, _>>()?;
        let argv: Vec<*const c_char> =
            owned.iter().map(|c| c.as_ptr()).collect();
        let mut reason: *mut c_char = std::ptr::null_mut();
        let argc = c_int::try_from(argv.len()).map_err(|e| e.to_string())?;
        // SAFETY: `argv` holds `argc` NUL-terminated strings that outlive
        // the call; `reason` receives a malloc'd message on failure.
        let rc =
            unsafe { parse(&mut *params, &mut reason, argc, argv.as_ptr()) };
        if rc != 0 {
            let why = if reason.is_null() {
                String::from("(no reason given)")
            } else {
                // SAFETY: a NUL-terminated string from the library. It is
                // leaked: this error path runs at most once per bench run.
                unsafe { CStr::from_ptr(reason) }
                    .to_string_lossy()
                    .into_owned()
            };
            // SAFETY: frees what reset/parse allocated, once.
            unsafe { free(&mut *params) };
            return Err(format!("passwdqc_params_parse: {why}"));
        }
        let pw = Box::new(Passwd {
            name: ACCOUNT.as_ptr(),
            passwd: EMPTY.as_ptr(),
            uid: 65534,
            gid: 65534,
            gecos: EMPTY.as_ptr(),
            dir: ROOT_DIR.as_ptr(),
            shell: EMPTY.as_ptr(),
        });
        Ok(Passwdqc { params, pw, check, free, _lib: lib })
    }

    /// `passwdqc_check`: `None` when accepted, else the (first) reason.
    pub fn check(&self, password: &CStr) -> Option<&'static str> {
        // SAFETY: `params` and `pw` are live and well formed; the password
        // is NUL-terminated; the old password may be NULL. The returned
        // reason is NULL or a static string in the library, which stays
        // mapped while `self` lives (the 'static is a white lie that the
        // benchmarks never rely on past `self`).
        let reason = unsafe {
            (self.check)(
                &self.params.qc,
                password.as_ptr(),
                std::ptr::null(),
                &*self.pw,
            )
        };
        if reason.is_null() {
            None
        } else {
            // SAFETY: see above: a NUL-terminated static string.
            Some(unsafe { CStr::from_ptr(reason) }.to_str().unwrap_or("?"))
        }
    }
}

impl Drop for Passwdqc {
    fn drop(&mut self) {
        // SAFETY: frees the strings reset/parse allocated, once.
        unsafe { (self.free)(&mut *self.params) }
    }
}

/// The system allocator, counting every allocation and reallocation, so a
/// benchmark can report allocations per call. Install it with
/// `#[global_allocator] static A: CountingAlloc = CountingAlloc;`.
pub struct CountingAlloc;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

/// Allocations (and reallocations) made so far by [`CountingAlloc`].
pub fn allocations() -> u64 {
    ALLOCATIONS.load(Ordering::Relaxed)
}

// SAFETY: every method forwards to `System` with the caller's arguments
// unchanged; counting has no effect on the memory handed out.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded contract.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(
        &self,
        ptr: *mut u8,
        layout: Layout,
        new_size: usize,
    ) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded contract.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded contract.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // These run only where the libraries are installed; elsewhere they
    // check that loading fails with a message naming the package.
    #[test]
    fn pwquality_rejects_short_and_accepts_long() {
        match Pwquality::load(&["minlen=12", "dictcheck=0", "usercheck=0"]) {
            Ok(p) => {
                assert!(p.check(c"aB3!") < 0);
                assert!(p.check(c"Kq7#vX2m!pL9zR") >= 0);
            }
            Err(e) => assert!(e.contains("libpwquality"), "{e}"),
        }
    }

    #[test]
    fn passwdqc_rejects_short_and_accepts_long() {
        let opts =
            ["min=disabled,disabled,disabled,12,12", "max=16", "match=0"];
        match Passwdqc::load(&opts) {
            Ok(p) => {
                assert!(p.check(c"aB3!").is_some());
                assert_eq!(p.check(c"Kq7#vX2m!pL9zR"), None);
            }
            Err(e) => assert!(e.contains("passwdqc"), "{e}"),
        }
    }
}
