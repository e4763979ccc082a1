//! Prepares the built-in policies for loading: each `policies/ID.yaml`
//! becomes `$OUT_DIR/builtin/ID.json`, the same document as JSON.
//!
//! Why: the YAML parser (libyaml's scanner, through serde_yaml) was two
//! thirds of the cost of loading the built-in catalog, about 200
//! instructions per byte of text, most of it comments and notes. The same
//! document as JSON parses into the same typed spec (or, for a file with
//! parameters, the same YAML value) many times faster, so the library
//! reads the JSON and keeps the YAML for what needs the text itself: error
//! locations, `Catalog::builtin_sources`, writing a file back.
//!
//! The JSON is the YAML's own value, aliases expanded. A document that
//! does not survive the trip unchanged (a tag, a key that is not a string,
//! a number JSON cannot hold) gets an empty file, and the library then
//! parses its YAML as before: slower, never different. The library's tests
//! load every built-in both ways and compare the results, and check that
//! none was left without its JSON.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=policies");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("no OUT_DIR")?)
        .join("builtin");
    fs::create_dir_all(&out)?;
    for entry in fs::read_dir("policies")? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let stem = path.file_stem().ok_or("a file without a name")?;
            let text = fs::read_to_string(&path)?;
            let json = prepare(&text);
            write_if_changed(&out.join(stem).with_extension("json"), &json)?;
        }
    }
    Ok(())
}

/// The document as JSON, or "" when JSON would not give back the same value.
fn prepare(yaml: &str) -> String {
    // The library strips a byte order mark before parsing, and so do we.
    let yaml = yaml.strip_prefix('\u{FEFF}').unwrap_or(yaml);
    let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(yaml) else {
        return String::new();
    };
    let Ok(json) = serde_json::to_string(&value) else {
        return String::new();
    };
    match serde_json::from_str::<serde_yaml::Value>(&json) {
        Ok(back) if back == value => json,
        _ => String::new(),
    }
}

/// Writes only a changed file, so that an unchanged policy does not make
/// cargo rebuild the library.
fn write_if_changed(path: &Path, text: &str) -> std::io::Result<()> {
    if fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    fs::write(path, text)
}
