//! `passpolicy generate`: passwords every selected policy accepts.
//!
//! The passwords are drawn with the OS-seeded CSPRNG and written straight
//! from the library's zeroizing buffer to standard output; JSON escaping
//! writes into the output stream, not into a temporary string.

use std::io::Write;

use anyhow::{Result, bail};
use passpolicy::{Catalog, Generator};

use crate::args::{Format, GenerateArgs};

pub fn run(catalog: &Catalog, args: &GenerateArgs) -> Result<u8> {
    let checker = super::compile(catalog, &args.selection)?;
    let generator = Generator::new(&checker)?;
    let length = match (args.length, args.min_entropy) {
        (Some(n), _) => n,
        (None, Some(bits)) => {
            if !bits.is_finite() || bits < 0.0 {
                bail!("--min-entropy must be a non-negative number of bits");
            }
            generator.length_for_entropy(bits)?
        }
        (None, None) => generator.default_length()?,
    };
    let sampler = generator.sampler(length)?;
    let labels: Vec<&str> =
        checker.targets().iter().map(|t| t.label()).collect();
    // Rounded down, so the figure never claims more than the password has.
    let bits = (sampler.entropy_bits() * 100.0).floor() / 100.0;

    let mut rng = rand::rng();
    let mut out = std::io::stdout().lock();
    for _ in 0..args.count {
        let password = sampler.generate(&mut rng);
        match args.format {
            Format::Text => {
                out.write_all(password.as_bytes())?;
                out.write_all(b"\n")?;
            }
            Format::Json => {
                out.write_all(b"{\"password\":")?;
                serde_json::to_writer(&mut out, password.as_str())?;
                write!(
                    out,
                    ",\"length\":{},\"entropy_bits\":{:.2},\"policies\":",
                    sampler.len(),
                    bits
                )?;
                serde_json::to_writer(&mut out, &labels)?;
                out.write_all(b"}\n")?;
            }
        }
    }
    out.flush()?;
    Ok(crate::EXIT_OK)
}
