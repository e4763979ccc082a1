//! Checker options (user, display name, policy parameters) and the
//! constructor that takes them, `passpolicy_checker_new_with`.
//!
//! An options object built by calls, as rustls-ffi builds its configs:
//! a new option is a new setter, not a new constructor signature.

use std::ffi::c_char;
use std::sync::{Arc, OnceLock};

use lib::{Checker, Error, LimitKind, Params, Variant};

use crate::boundary::{Failure, boundary, boundary_or};
use crate::buffer;
use crate::check::{catalog, passpolicy_checker};
use crate::info::passpolicy_error;
use crate::{
    PASSPOLICY_ERR_ARGUMENT, PASSPOLICY_ERR_PARAMETER, PASSPOLICY_ERR_POLICY,
    PASSPOLICY_OK,
};

/// Options for `passpolicy_checker_new_with`: the user name, the display
/// name, and policy parameters (`NAME=VALUE`, as the CLI's `--param`).
/// Made by `passpolicy_options_new`, freed by `passpolicy_options_free`
/// (once).
///
/// Setters change it: use one options object from one thread at a time.
/// A checker copies what it needs, so the options may be changed, reused
/// for another checker, or freed right after `passpolicy_checker_new_with`.
#[derive(Debug, Default)]
pub struct passpolicy_options {
    /// Set by `passpolicy_checker_new` too, unchecked (the library checks).
    pub(crate) user: Option<String>,
    display_name: Option<String>,
    /// In the order set; a name set again replaces its value in place.
    params: Vec<(String, ParamValue)>,
}

/// A parameter's value as set: text as the CLI's `--param` takes it, or a
/// file parameter's contents given directly.
#[derive(Debug)]
enum ParamValue {
    Text(String),
    Contents { origin: String, text: String },
}

impl passpolicy_options {
    /// Sets `name` to `value`, replacing an earlier value in place.
    fn put_param(&mut self, name: &str, value: ParamValue) {
        match self.params.iter_mut().find(|(n, _)| n == name) {
            Some((_, v)) => *v = value,
            None => self.params.push((name.to_string(), value)),
        }
    }

    /// The parameters as the library takes them.
    fn library_params(&self) -> Params {
        let mut params = Params::new();
        for (name, value) in &self.params {
            match value {
                ParamValue::Text(v) => params.set(name, v),
                ParamValue::Contents { origin, text } => {
                    params.set_file_text(name, origin, text.as_str())
                }
            };
        }
        params
    }
}

/// A parameter name: UTF-8, not NULL, not empty.
///
/// # Safety
///
/// `ptr` is NULL or a NUL-terminated string.
unsafe fn param_name<'a>(ptr: *const c_char) -> Result<&'a str, Failure> {
    // SAFETY: forwarded from this function's contract.
    let name = unsafe { buffer::text(ptr, "parameter name") }?;
    if name.is_empty() {
        return Err(Failure::new(
            PASSPOLICY_ERR_ARGUMENT,
            "the parameter name is empty",
        ));
    }
    Ok(name)
}

/// The options behind `ptr`, for a setter.
///
/// # Safety
///
/// `ptr` is NULL or a live options object no other thread is using.
unsafe fn options_mut<'a>(
    ptr: *mut passpolicy_options,
) -> Result<&'a mut passpolicy_options, Failure> {
    // SAFETY: NULL or a live options object used by this thread only
    // (this function's contract), so a unique reference is sound.
    unsafe { ptr.as_mut() }.ok_or_else(|| {
        Failure::new(PASSPOLICY_ERR_ARGUMENT, "options is NULL")
    })
}

/// A user or display name: UTF-8, not NULL, not empty or blank (an empty
/// name would switch its rules off: refused, as the CLI refuses it).
///
/// # Safety
///
/// `ptr` is NULL or a NUL-terminated string.
unsafe fn name(
    ptr: *const c_char,
    what: &str,
    blank: Error,
) -> Result<String, Failure> {
    // SAFETY: forwarded from this function's contract.
    let text = unsafe { buffer::text(ptr, what) }?;
    if text.trim().is_empty() {
        return Err(Failure::new(PASSPOLICY_ERR_ARGUMENT, blank.to_string()));
    }
    Ok(text.to_string())
}

/// A new, empty options object: no user (the policies' own accounts), no
/// display name (display-name rules off), every parameter at its
/// default. NULL only if memory runs out.
#[unsafe(no_mangle)]
pub extern "C" fn passpolicy_options_new() -> *mut passpolicy_options {
    boundary_or(std::ptr::null_mut(), || {
        Box::into_raw(Box::new(passpolicy_options::default()))
    })
}

/// Frees an options object; NULL is a no-op.
///
/// # Safety
///
/// `options` is NULL or an options object from `passpolicy_options_new`
/// not yet freed, which no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_options_free(
    options: *mut passpolicy_options,
) {
    if options.is_null() {
        return;
    }
    // SAFETY: made by `Box::into_raw` in `passpolicy_options_new` and not
    // freed yet (contract), so ownership comes back exactly once.
    let boxed = unsafe { Box::from_raw(options) };
    boundary_or((), || drop(boxed));
}

/// Sets the user name the user-name rules check (as `--user`): instead of
/// the policies' default accounts when their API takes a user name,
/// besides their fixed accounts when the API only sets those.
///
/// `PASSPOLICY_ERR_ARGUMENT` for a NULL options or user, a user that is
/// not UTF-8, or one that is empty or only white space (options left
/// unchanged).
///
/// # Safety
///
/// `options` is NULL or a live options object no other thread is using;
/// `user` is NULL or a NUL-terminated string; `error` is NULL or points to
/// writable storage for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_options_set_user(
    options: *mut passpolicy_options,
    user: *const c_char,
    error: *mut *mut passpolicy_error,
) -> i32 {
    boundary(error, || {
        // SAFETY: forwarded from this function's contract.
        let o = unsafe { options_mut(options) }?;
        // SAFETY: forwarded from this function's contract.
        o.user = Some(unsafe { name(user, "user", Error::BlankUserName) }?);
        Ok(PASSPOLICY_OK)
    })
}

/// Sets the display name the display-name rules check (as
/// `--display-name`; Windows AD's displayName: no token of three or more
/// of its characters in the password).
///
/// Errors as `passpolicy_options_set_user`.
///
/// # Safety
///
/// As `passpolicy_options_set_user`, with `display_name` for `user`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_options_set_display_name(
    options: *mut passpolicy_options,
    display_name: *const c_char,
    error: *mut *mut passpolicy_error,
) -> i32 {
    boundary(error, || {
        // SAFETY: forwarded from this function's contract.
        let o = unsafe { options_mut(options) }?;
        // SAFETY: forwarded from this function's contract.
        let text = unsafe {
            name(display_name, "display_name", Error::BlankDisplayName)
        }?;
        o.display_name = Some(text);
        Ok(PASSPOLICY_OK)
    })
}

/// Sets the policy parameter `name` to `value`, as written on the CLI
/// (`--param policy=STRONG`: `"policy"`, `"STRONG"`); for a file
/// parameter (`dictionary_file`) the value is the file's path, read by
/// `passpolicy_checker_new_with` (a UTF-8 file of at most 1 MiB). Setting
/// a name again replaces its value.
///
/// Whether the selected policies declare `name` and allow `value` is
/// checked by `passpolicy_checker_new_with`. `PASSPOLICY_ERR_ARGUMENT`
/// here for a NULL options, name or value, text that is not UTF-8, or an
/// empty name.
///
/// # Safety
///
/// `options` is NULL or a live options object no other thread is using;
/// `name` and `value` are NULL or NUL-terminated strings; `error` is NULL
/// or points to writable storage for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_options_set_param(
    options: *mut passpolicy_options,
    name: *const c_char,
    value: *const c_char,
    error: *mut *mut passpolicy_error,
) -> i32 {
    boundary(error, || {
        // SAFETY: forwarded from this function's contract.
        let o = unsafe { options_mut(options) }?;
        // SAFETY: forwarded from this function's contract.
        let name = unsafe { param_name(name) }?;
        // SAFETY: forwarded from this function's contract.
        let value = unsafe { buffer::text(value, "parameter value") }?;
        o.put_param(name, ParamValue::Text(value.to_string()));
        Ok(PASSPOLICY_OK)
    })
}

/// Sets the file parameter `name` (`dictionary_file`) to contents given
/// directly: the `len` bytes at `text`, split into lines as the file would
/// be (one per `\n`). No file is read; `origin` names the contents in
/// explanations (`"words from the vault"`). Setting a name again replaces
/// its value, whichever setter set it.
///
/// Whether the selected policies declare `name` as a file parameter is
/// checked by `passpolicy_checker_new_with` (`PASSPOLICY_ERR_PARAMETER`
/// otherwise, as for contents over 1 MiB). `PASSPOLICY_ERR_ARGUMENT` here
/// for a NULL options, name or origin, NULL text with a non-zero length,
/// text that is not UTF-8, or an empty name.
///
/// # Safety
///
/// `options` is NULL or a live options object no other thread is using;
/// `name` and `origin` are NULL or NUL-terminated strings; `text` is NULL
/// or points to `len` readable bytes; `error` is NULL or points to
/// writable storage for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_options_set_param_contents(
    options: *mut passpolicy_options,
    name: *const c_char,
    origin: *const c_char,
    text: *const c_char,
    len: usize,
    error: *mut *mut passpolicy_error,
) -> i32 {
    boundary(error, || {
        // SAFETY: forwarded from this function's contract.
        let o = unsafe { options_mut(options) }?;
        // SAFETY: forwarded from this function's contract.
        let name = unsafe { param_name(name) }?;
        // SAFETY: forwarded from this function's contract.
        let origin = unsafe { buffer::text(origin, "origin") }?;
        // SAFETY: forwarded from this function's contract.
        let bytes = unsafe {
            buffer::bytes(text, len, "text is NULL but its length is not 0")
        }?;
        let text = std::str::from_utf8(bytes).map_err(|e| {
            Failure::new(
                PASSPOLICY_ERR_ARGUMENT,
                format!(
                    "the contents of parameter {name} are not UTF-8 \
                     (invalid byte at offset {})",
                    e.valid_up_to()
                ),
            )
        })?;
        let value = ParamValue::Contents {
            origin: origin.to_string(),
            text: text.to_string(),
        };
        o.put_param(name, value);
        Ok(PASSPOLICY_OK)
    })
}

/// Compiles the named built-in policies (`"ID"` or `"ID/VARIANT"`, all of
/// which must hold) into a checker, with `options` (NULL: none, as
/// `passpolicy_checker_new` with a NULL user).
///
/// Returns NULL on failure, and then, when `error` is not NULL, sets
/// `*error` to an error the caller frees with `passpolicy_error_free`:
/// `PASSPOLICY_ERR_PARAMETER` for a parameter no selected policy declares,
/// a value it does not allow, or a parameter file that cannot be read (the
/// message names the parameter and what it takes, never the value);
/// `PASSPOLICY_ERR_POLICY` for an unknown id or an impossible
/// combination; `PASSPOLICY_ERR_ARGUMENT` for NULL or non-UTF-8 ids.
///
/// # Safety
///
/// `policies` points to `n_policies` pointers to NUL-terminated strings
/// (NULL allowed when `n_policies` is 0); `options` is NULL or a live
/// options object no other thread is changing; `error` is NULL or points
/// to writable storage for one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn passpolicy_checker_new_with(
    policies: *const *const c_char,
    n_policies: usize,
    options: *const passpolicy_options,
    error: *mut *mut passpolicy_error,
) -> *mut passpolicy_checker {
    let mut made = std::ptr::null_mut();
    boundary(error, || {
        // SAFETY: forwarded from this function's contract.
        let names =
            unsafe { buffer::texts(policies, n_policies, "policies") }?;
        let none = passpolicy_options::default();
        // SAFETY: NULL or a live options object not being changed
        // (contract), only read.
        let o = unsafe { options.as_ref() }.unwrap_or(&none);
        made = compile(&names, o)?;
        Ok(PASSPOLICY_OK)
    });
    made
}

/// Compiles `names` with `o` into a new checker, for the caller to free.
pub(crate) fn compile(
    names: &[&str],
    o: &passpolicy_options,
) -> Result<*mut passpolicy_checker, Failure> {
    let params = o.library_params();
    let variants =
        catalog().select_with(names, &params).map_err(build_error)?;
    let mut builder = Checker::builder();
    if let Some(user) = &o.user {
        builder = builder.user(user);
    }
    if let Some(display_name) = &o.display_name {
        builder = builder.display_name(display_name);
    }
    let refs: Vec<&Variant> = variants.iter().collect();
    let checker = builder.build(&refs).map_err(build_error)?;
    Ok(Box::into_raw(Box::new(passpolicy_checker {
        checker: Arc::new(checker),
        names: names.iter().map(|n| n.to_string()).collect(),
        params: params.frozen(&variants),
        generator: OnceLock::new(),
    })))
}

/// A library error from compiling: parameter errors get their own code.
fn build_error(e: Error) -> Failure {
    let code = match &e {
        Error::UnknownParameter { .. }
        | Error::BadParameter { .. }
        | Error::ParameterFile { .. }
        | Error::Io { .. } => PASSPOLICY_ERR_PARAMETER,
        Error::Limit(l) if l.kind == LimitKind::ParameterFile => {
            PASSPOLICY_ERR_PARAMETER
        }
        _ => PASSPOLICY_ERR_POLICY,
    };
    Failure::new(code, e.to_string())
}
