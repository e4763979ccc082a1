//! A generated password: a string that is wiped from memory when dropped.

use std::cell::Cell;
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
        keep_spare(bytes);
    }
}

/// Largest buffer kept for reuse: a password of [`MAX_LENGTH`] characters
/// of up to four bytes each.
///
/// [`MAX_LENGTH`]: super::MAX_LENGTH
const MAX_SPARE: usize = super::MAX_LENGTH as usize * 4;

thread_local! {
    /// The wiped buffer of the last password this thread dropped, for the
    /// next one it makes: a program drawing many passwords then pays for
    /// no allocation and no free per password (709 → 586 instructions a
    /// 16-character password under callgrind). It holds only zeros (filled before it is put
    /// here), at most [`MAX_SPARE`] bytes, and is freed with the thread.
    static SPARE: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// Keeps a wiped buffer (every byte of its length zero, its length its
/// capacity) as the thread's spare; the one it replaces is freed, already
/// wiped.
fn keep_spare(zeroed: Vec<u8>) {
    debug_assert!(zeroed.len() == zeroed.capacity());
    debug_assert!(zeroed.iter().all(|&b| b == 0));
    // An empty buffer (an empty password's) would only displace a spare.
    if (1..=MAX_SPARE).contains(&zeroed.capacity()) {
        // `try_with` fails only while the thread is being torn down; the
        // buffer is then simply freed.
        let _ = SPARE.try_with(|spare| spare.replace(zeroed));
    }
}

/// A buffer of `len` zero bytes for a new password: the thread's spare
/// when it is large enough (it holds only zeros), else a new one (the
/// spare, if too small, is left for a later shorter password).
pub(crate) fn zeroed_buffer(len: usize) -> Vec<u8> {
    let spare = SPARE.try_with(Cell::take).unwrap_or_default();
    if spare.len() >= len {
        let mut bytes = spare;
        bytes.truncate(len);
        return bytes;
    }
    keep_spare(spare);
    // `with_capacity` + `resize` rather than `vec!` (calloc): for a few
    // bytes calloc costs more (about 80 instructions a password under
    // callgrind).
    #[allow(clippy::slow_vector_initialization)]
    let mut bytes = Vec::with_capacity(len);
    bytes.resize(len, 0u8);
    bytes
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

    /// The capacity of this thread's spare buffer.
    fn spare_capacity() -> usize {
        SPARE.with(|s| {
            let v = s.take();
            let cap = v.capacity();
            s.set(v);
            cap
        })
    }

    /// A dropped password's buffer is wiped whole and becomes the next
    /// password's; one over the size limit is freed instead.
    #[test]
    fn a_dropped_password_leaves_a_wiped_spare() {
        // A thread of its own: no other test's spare is involved.
        std::thread::spawn(|| {
            let mut text = String::with_capacity(24);
            text.push_str("correct horse");
            let ptr = text.as_ptr();
            drop(Password::new(text));
            assert_eq!(spare_capacity(), 24);
            let buf = zeroed_buffer(24);
            assert_eq!(buf.as_ptr(), ptr, "the spare is reused");
            assert_eq!(buf.len(), 24);
            assert!(buf.iter().all(|&b| b == 0), "{buf:?}");
            assert_eq!(spare_capacity(), 0, "the spare was taken");
            drop(Password::new(String::from_utf8(buf).unwrap()));
            let short = zeroed_buffer(3);
            assert_eq!((short.len(), short.capacity()), (3, 24));
            assert!(short.iter().all(|&b| b == 0));
            drop(short);
            let big = "x".repeat(MAX_SPARE + 1);
            drop(Password::new(big));
            assert_eq!(spare_capacity(), 0, "too large to keep");
            // A spare too small for a request stays for a later one.
            drop(Password::new(String::with_capacity(4)));
            assert_eq!(zeroed_buffer(8).len(), 8);
            assert_eq!(spare_capacity(), 4);
            // An empty password leaves the spare alone.
            drop(Password::new(String::new()));
            assert_eq!(spare_capacity(), 4);
        })
        .join()
        .unwrap();
    }

    #[test]
    fn debug_is_redacted() {
        let p = Password::new("hunter2".to_string());
        assert_eq!(format!("{p:?}"), "Password(<redacted>)");
        assert_eq!(p.as_str(), "hunter2");
    }
}
