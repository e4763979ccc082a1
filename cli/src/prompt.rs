//! Asking for a password on the terminal, for `check` run by hand.
//!
//! When standard input is a terminal (nothing piped in), `check` asks for
//! one password without echo, then asks again to confirm: a user about to
//! set a password expects to type it twice, and a typo they cannot see
//! would otherwise be checked (and perhaps then used) unnoticed. The
//! prompts and the reading go through the terminal device itself
//! (`/dev/tty`), never through standard output, so `--format json`
//! output stays clean.
//!
//! # The terminal is restored on every exit path
//!
//! Echo is turned off for the typing and restored by a guard's `Drop`,
//! so an error or a panic restores it. A signal would not run the guard
//! (a process killed by SIGINT leaves the terminal with echo off, as
//! `rpassword` did on Ctrl-C), so the keyboard's signals are turned off
//! too (`ISIG`) while the password is typed, and Ctrl-C and Ctrl-\ are
//! made line ends instead (`VEOL`, `VEOL2`): the read returns, the guard
//! restores the terminal, and the program exits with status 130 (what a
//! shell reports for Ctrl-C) without checking anything. (Ctrl-Z is an
//! ordinary character meanwhile, which `check` then refuses.)
//!
//! # Secrets
//!
//! The typed bytes are read into a fixed-size wiped buffer (a line of the
//! terminal is at most 4,096 bytes), and handed on in a `Zeroizing` one,
//! so no copy is freed unwiped. They need not be UTF-8: `check` reports
//! `invalid_utf8` as for piped input.

use anyhow::{Context, Result, bail};
use zeroize::Zeroizing;

/// Ctrl-C typed at the prompt, the character that stands for SIGINT.
#[cfg(unix)]
const CTRL_C: u8 = 0x03;
/// Ctrl-\, the character that stands for SIGQUIT.
#[cfg(unix)]
const CTRL_BACKSLASH: u8 = 0x1c;

/// Ctrl-C (or Ctrl-\) at the prompt: nothing is checked, exit 130.
#[derive(Debug)]
pub struct Interrupted;

impl std::fmt::Display for Interrupted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("interrupted at the password prompt; nothing was checked")
    }
}

impl std::error::Error for Interrupted {}

/// Reads one password from the terminal, typed twice.
///
/// # Errors
///
/// [`Interrupted`] on Ctrl-C; an error when the two entries differ, when
/// the first is empty, or when the terminal cannot be used.
pub fn read_twice() -> Result<Zeroizing<Vec<u8>>> {
    let first = read_hidden("Password (not echoed): ")?;
    let second = read_hidden("Type it again to confirm: ")?;
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

/// Longest line a terminal hands over in canonical mode (Linux's
/// `N_TTY_BUF_SIZE`), and so the buffer's fixed size.
#[cfg(unix)]
const MAX_LINE: usize = 4096;

/// Prompts, then reads one line without echo (without its newline).
#[cfg(unix)]
fn read_hidden(prompt: &str) -> Result<Zeroizing<Vec<u8>>> {
    use std::io::{Read, Write};
    let failed = "cannot read the password from the terminal";
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .context("cannot open the terminal (/dev/tty)")?;
    let tty = &tty;
    let mut writer = tty;
    writer.write_all(prompt.as_bytes()).context(failed)?;
    let mut buf = Zeroizing::new(vec![0u8; MAX_LINE]);
    let mut len = 0;
    {
        let _hidden = Hidden::new(tty).context(failed)?;
        let mut reader = tty;
        while len < buf.len() {
            let n = match reader.read(&mut buf[len..]) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                    continue;
                }
                Err(e) => return Err(e).context(failed),
            };
            len += n;
            // One read returns one line; a line ends at `\n`, at one of
            // the two interrupt characters, or (n = 0, Ctrl-D) at EOF.
            if n == 0
                || matches!(buf[len - 1], b'\n' | CTRL_C | CTRL_BACKSLASH)
            {
                break;
            }
        }
    }
    // Echo was off, so the Enter key did not move to the next line.
    let _ = writer.write_all(b"\n");
    let line = &buf[..len];
    if line.contains(&CTRL_C) || line.contains(&CTRL_BACKSLASH) {
        return Err(Interrupted.into());
    }
    let Some(line) = line.strip_suffix(b"\n") else {
        if len == buf.len() {
            bail!("the password typed is longer than {MAX_LINE} bytes");
        }
        bail!("{failed}: the input ended (Ctrl-D) before Enter");
    };
    Ok(Zeroizing::new(line.to_vec()))
}

/// Elsewhere, `rpassword` (which restores the console on Ctrl-C there).
#[cfg(not(unix))]
fn read_hidden(prompt: &str) -> Result<Zeroizing<Vec<u8>>> {
    let line = Zeroizing::new(
        rpassword::prompt_password(prompt)
            .context("cannot read the password from the terminal")?,
    );
    Ok(Zeroizing::new(line.as_bytes().to_vec()))
}

/// The terminal with echo and the keyboard's signals off; restored when
/// dropped.
#[cfg(unix)]
struct Hidden<'a> {
    tty: &'a std::fs::File,
    saved: rustix::termios::Termios,
}

#[cfg(unix)]
impl<'a> Hidden<'a> {
    fn new(tty: &'a std::fs::File) -> std::io::Result<Hidden<'a>> {
        use rustix::termios::{LocalModes, OptionalActions, SpecialCodeIndex};
        let saved = rustix::termios::tcgetattr(tty)?;
        let mut hidden = saved.clone();
        hidden.local_modes.remove(LocalModes::ECHO | LocalModes::ISIG);
        // Canonical mode stays on (the user can still erase what they
        // typed); the interrupt keys end the line instead of signalling.
        hidden.local_modes.insert(LocalModes::ICANON | LocalModes::IEXTEN);
        hidden.special_codes[SpecialCodeIndex::VEOL] = CTRL_C;
        hidden.special_codes[SpecialCodeIndex::VEOL2] = CTRL_BACKSLASH;
        let guard = Hidden { tty, saved };
        rustix::termios::tcsetattr(tty, OptionalActions::Now, &hidden)?;
        Ok(guard)
    }
}

#[cfg(unix)]
impl Drop for Hidden<'_> {
    fn drop(&mut self) {
        use rustix::termios::OptionalActions;
        let _ = rustix::termios::tcsetattr(
            self.tty,
            OptionalActions::Now,
            &self.saved,
        );
    }
}
