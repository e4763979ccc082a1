//! A generated password: a string that is wiped from memory when dropped.

use std::fmt;

/// A generated password.
///
/// Its memory (the whole allocation, not only the text) is overwritten with
/// zeros when it is dropped. It has no `Display` and its `Debug` prints
/// `Password(<redacted>)`, so it does not end up in a log by accident;
/// read it with [`Password::as_str`]. It is not `Clone`: every copy would
/// be one more to wipe.
///
/// ```
/// use passpolicy::{Catalog, Generator};
///
/// let checker = Catalog::builtin().checker(&["tencent-redis"])?;
/// let password = Generator::new(&checker)?.sampler(12)?.generate_os();
/// assert_eq!(format!("{password:?}"), "Password(<redacted>)");
/// assert!(checker.check(password.as_str()).is_ok());
/// # Ok::<(), passpolicy::Error>(())
/// ```
pub struct Password(String);

impl Password {
    pub(crate) fn new(text: String) -> Password {
        Password(text)
    }

    /// The password text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The password as UTF-8 bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl Drop for Password {
    fn drop(&mut self) {
        // The whole capacity, not only `len` bytes, in one `memset` that
        // the barrier keeps (`String::zeroize` writes byte by byte: about
        // 50 instructions for 16 bytes).
        let mut bytes = std::mem::take(&mut self.0).into_bytes();
        let cap = bytes.capacity();
        bytes.clear();
        bytes.resize(cap, 0);
        zeroize::optimization_barrier(bytes.as_slice());
    }
}

impl zeroize::ZeroizeOnDrop for Password {}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

impl AsRef<str> for Password {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let p = Password::new("hunter2".to_string());
        assert_eq!(format!("{p:?}"), "Password(<redacted>)");
        assert_eq!(p.as_str(), "hunter2");
    }
}
