//! Cloud vendors' password rules, as declarative policies: check a password
//! before the API call and learn every reason the vendor would refuse it,
//! in the vendor's own terms.
//!
//! The data flow reads straight through: YAML policy text → typed spec
//! ([`spec`]) → validated [`Policy`] → compiled [`Checker`] (lookup tables,
//! class masks) → [`Checker::check`], which allocates nothing and returns a
//! one-word `Copy` [`Verdict`] (which codes failed, which variants refused);
//! [`Checker::violations`] lists the reasons with their details, computed
//! from the password only when asked for.
//!
//! # Example: pre-flight check against a built-in policy
//!
//! ```
//! use passpolicy::{Catalog, Code, Lang};
//!
//! let checker = Catalog::builtin().checker(&["tencent-cvm-v2/windows"])?;
//! assert!(checker.check("abc123ABC!@#").is_ok());
//!
//! let verdict = checker.check("short");
//! assert!(verdict.has(Code::TooShort));
//! for v in checker.violations("short") {
//!     println!("{}: {} ({:?})", v.code, v.message(Lang::En), v.vendor_code);
//! }
//! # Ok::<(), passpolicy::Error>(())
//! ```
//!
//! # Example: several policies at once
//!
//! All must hold. A policy id without a variant means every variant, which
//! is how a vendor's mixed-batch rule falls out: Linux and Windows together
//! give the Windows limits.
//!
//! ```
//! use passpolicy::Catalog;
//!
//! let checker = Catalog::builtin().checker(&["tencent-ecm", "baidu-bcc"])?;
//! assert!(!checker.check("abc12345!").is_ok()); // too short for Windows
//! assert!(checker.check("abcd1234!XYZ").is_ok());
//! # Ok::<(), passpolicy::Error>(())
//! ```
//!
//! # Example: a policy of your own
//!
//! ```
//! use passpolicy::{Checker, Policy};
//!
//! let policy = Policy::from_yaml(
//!     "
//! id: my-db
//! vendor: Example
//! product: Database
//! classes:
//!   special: { chars: '!#$%' }
//! rules:
//!   length: { min: 10, max: 64 }
//!   classes_required: { at_least: 3, of: [lower, upper, digits, special] }
//!   forbidden_first: '!'
//! ",
//!     "my-db.yaml",
//! )?;
//! let checker = Checker::new(&[&policy.variants()[0]])?;
//! assert!(checker.check("Correct#Horse9").is_ok());
//! # Ok::<(), passpolicy::Error>(())
//! ```
//!
//! # Example: policy files beside the built-in ones
//!
//! [`Catalog::load_file`] (or [`load_file`] for the [`Policy`] alone)
//! reads a policy file; [`Catalog::add`] refuses an id that is already
//! taken, [`Catalog::replace`] overrides on purpose.
//!
//! ```
//! use passpolicy::{Catalog, Error, Policy};
//!
//! let mut catalog = Catalog::builtin();
//! // catalog.load_file(Path::new("my-db.yaml"))? does the same from a file.
//! let yaml = "
//! id: my-db
//! vendor: Example
//! product: Database
//! rules:
//!   length: { min: 10 }
//!   alphabet: [letters, digits, ascii_punctuation]
//!   classes_required: { at_least: 2, of: [letters, digits] }
//! ";
//! catalog.add(Policy::from_yaml(yaml, "my-db.yaml")?)?;
//! let checker = catalog.checker(&["my-db", "baidu-bcc"])?;
//! assert!(checker.check("Correct(Horse9").is_ok());
//!
//! let clash = yaml.replace("my-db", "baidu-bcc");
//! let err = catalog.add(Policy::from_yaml(&clash, "mine.yaml")?);
//! assert!(matches!(err, Err(Error::DuplicateId { .. })));
//! # Ok::<(), passpolicy::Error>(())
//! ```
//!
//! # Example: explain a policy in plain words
//!
//! The explanation is generated from the compiled rules and the policy
//! file's metadata, in English or Chinese; it renders as text and
//! serializes to JSON.
//!
//! ```
//! use passpolicy::{Catalog, Lang};
//!
//! let e = Catalog::builtin().explain(&["tencent-cvm-v2/windows"], Lang::Zh)?;
//! assert_eq!(e.variants[0].rules[0], "长度 12–16 个字符");
//! assert!(e.to_string().contains("不能以 / 开头"));
//! # Ok::<(), passpolicy::Error>(())
//! ```
//!
//! # Example: violations as JSON
//!
//! [`Violation`], [`Detail`] and [`Code`] serialize with serde (the
//! `check --format json` schema). A [`Verdict`] itself is a compact set of
//! bits that only means something beside its checker's targets, so
//! serialize the violations instead.
//!
//! ```
//! use passpolicy::Catalog;
//!
//! let checker = Catalog::builtin().checker(&["baidu-bcc"])?;
//! let json = serde_json::to_string(&checker.violations("Ab1!")).unwrap();
//! assert!(json.starts_with(r#"[{"code":"too_short","policy":"baidu-bcc""#));
//! # Ok::<(), passpolicy::Error>(())
//! ```
//!
//! # Example: generate a password every selected policy accepts
//!
//! Uniform over all compliant passwords of the length, with the exact
//! entropy; the [`Password`] is wiped from memory when dropped.
//!
//! ```
//! use passpolicy::{Catalog, Generator};
//!
//! let checker = Catalog::builtin().checker(&["huawei-clouddc", "baidu-bcc"])?;
//! let generator = Generator::new(&checker)?;
//! let sampler = generator.sampler(generator.default_length()?)?;
//! let password = sampler.generate_os();
//! assert!(checker.check(password.as_str()).is_ok());
//! assert!(sampler.entropy_bits() > 90.0);
//! # Ok::<(), passpolicy::Error>(())
//! ```
//!
//! # Thread safety
//!
//! Every public type is `Send + Sync` (a compile-time test holds the
//! list). A [`Checker`] is immutable once built: share one between threads
//! by reference or behind an `Arc`, and check from all of them at once.
//! [`Generator`] and [`Sampler`] borrow their checker and only read it
//! (a sampler builds its exact tables once, behind a `OnceLock`);
//! [`OwnedGenerator`] owns its checker behind an `Arc`, so it can be kept
//! anywhere, and guards its sampler cache with a mutex. [`Catalog`] and
//! the policy types are plain data. The randomness is per call: the
//! caller's RNG, or rand's thread-local one.
//!
//! # Policy file syntax
//!
//! See `docs/policy-language.md` in the repository for the full reference;
//! the types in [`spec`] mirror the file one to one.

#![warn(missing_debug_implementations, unreachable_pub)]

// The README's examples are compiled and run by `cargo test --doc`, so
// they cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod catalog;
mod charset;
mod check;
mod compare;
mod depth;
mod dictionary;
mod error;
mod expand;
mod explain;
mod feasible;
mod fold;
mod generate;
pub mod interchange;
mod json_text;
mod locate;
mod message;
mod oversized;
pub mod params;
mod policy;
// The test suite's and the fuzzers' oracle: public for them, not API.
#[doc(hidden)]
pub mod reference;
mod selection;
pub mod spec;
mod text;
mod unicode;
mod unicode_categories;
mod unicode_tables;
mod verdict;

// The public interface is:
pub use catalog::{
    Catalog, MAX_POLICY_BYTES_TOTAL, MAX_POLICY_FILES, OnDuplicate, load_file,
};
pub use charset::CharSet;
pub use check::{Checker, CheckerBuilder, TextLines, write_check_text};
pub use compare::{Comparison, LengthCounts, Relation, compare};
pub use error::{Error, Limit, LimitKind, Location, Problem};
pub use explain::{
    ClassFacts, ClassesFacts, CombinedExplanation, DisplayNameFacts,
    Explanation, ForbiddenWordsFacts, LengthFacts, MinCountFacts,
    ParameterFacts, UsernameFacts, VariantExplanation,
};
pub use generate::owned::OwnedGenerator;
pub use generate::{
    Count, DEFAULT_LENGTH, Generator, MAX_LENGTH, Password, Sampler,
};
pub use json_text::write_check_json;
pub use message::Lang;
pub use oversized::Oversized;
pub use params::Params;
pub use policy::{
    AccountKind, Class, ClassesRequired, DisplayNameRule, ForbiddenSubstrings,
    Length, MAX_CLASSES, MAX_POLICY_BYTES, Metadata, Policy, Rules,
    UsernameRule, Variant,
};
pub use selection::{MAX_CLASS_BITS, MAX_USERNAME_PATTERNS, Target};
pub use spec::LengthUnit;
pub use text::{BUILTIN_CLASSES, BuiltinClass, describe_char};
pub use unicode::{UNICODE_VERSION, escape_for_terminal};
pub use verdict::{
    Code, Detail, MAX_COUNTED, MAX_TARGETS, Report, Verdict, Violation,
};
