//! Asking for a password on the terminal, for `check` run by hand.
//!
//! When standard input is a terminal (nothing piped in), `check` asks for
//! one password without echo, then asks again to confirm: a user about to
//! set a password expects to type it twice, and a typo they cannot see
//! would otherwise be checked (and perhaps then used) unnoticed. The
//! prompts and the reading go through the terminal device itself
//! (`rpassword`), never through standard output, so `--format json`
//! output stays clean. The typed text lives in `Zeroizing` buffers and is
//! wiped when dropped (`check` then reads it as its one record, so the
//! record reader holds a copy too, like any piped password).

use anyhow::{Context, Result, bail};
use zeroize::Zeroizing;

/// Reads one password from the terminal, typed twice.
pub fn read_twice() -> Result<Zeroizing<String>> {
    let first = Zeroizing::new(
        rpassword::prompt_password("Password (not echoed): ")
            .context("cannot read the password from the terminal")?,
    );
    let second = Zeroizing::new(
        rpassword::prompt_password("Type it again to confirm: ")
            .context("cannot read the password from the terminal")?,
    );
    if first.is_empty() {
        bail!(
            "empty password; nothing was checked. Type one, or pipe \
             passwords in, one per line"
        );
    }
    if *first != *second {
        bail!(
            "the two entries differ; nothing was checked. Run the command \
             again, or pipe passwords in, one per line"
        );
    }
    Ok(first)
}
