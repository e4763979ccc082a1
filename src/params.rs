//! Policy parameters: the settings a deployment chooses (MySQL's
//! `validate_password.*` variables, Cloud SQL's password policy, AD's
//! minimum length), declared by a policy file with their types and
//! defaults, and the values a caller gives for them.
//!
//! A policy's rules stay concrete: [`Policy::bind`](crate::Policy::bind)
//! (or [`Catalog::select_with`](crate::Catalog::select_with)) substitutes
//! the values into the file's rules and compiles the result as any other
//! policy, so the checker and the generator never see a parameter.
//!
//! # Example
//!
//! ```
//! use passpolicy::{Checker, Code, Params, Policy};
//!
//! let policy = Policy::from_yaml(r#"
//! id: my-db
//! vendor: Example
//! product: Database
//! parameters:
//!   policy: { type: enum, values: [LOW, MEDIUM], aliases: { "0": LOW, "1": MEDIUM }, default: MEDIUM }
//!   length: { type: integer, min: 1, max: 128, default: 8 }
//! rules:
//!   length: { min: { param: length } }
//!   alphabet: [ascii_printable]
//! when:
//!   - if: { policy: MEDIUM }
//!     rules:
//!       min_counts: { digits: 1 }
//! "#, "my-db.yaml")?;
//! let strict = Checker::new(&[&policy.variants()[0]])?; // the defaults
//! assert!(strict.check("lowercase").has(Code::TooFewOfClass));
//!
//! let mut params = Params::new();
//! params.set("policy", "low").set("length", "12");
//! let low = policy.bind(&params)?;
//! let checker = Checker::new(&[&low.variants()[0]])?;
//! assert!(checker.check("lowercaseonly").is_ok()); // LOW: length only
//! assert!(checker.check("lowercase").has(Code::TooShort));
//! # Ok::<(), passpolicy::Error>(())
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;

use crate::error::{Error, Limit, LimitKind};
use crate::policy::Variant;

/// Largest file a file-path parameter may name, in bytes: MySQL's own
/// limit for `validate_password.dictionary_file` (its
/// `MAX_DICTIONARY_FILE_LENGTH`, 1 MiB), which refuses a larger file.
pub const MAX_PARAMETER_FILE_BYTES: usize = 1 << 20;

/// Most parameters one policy may declare.
pub const MAX_PARAMETERS: usize = 32;

/// Values for the parameters of the selected policies, by name. Unset
/// parameters take their defaults.
///
/// A name applies to every selected policy that declares it; a name no
/// selected policy declares is an error ([`Error::UnknownParameter`]), as
/// is a value the parameter does not allow ([`Error::BadParameter`]).
/// Values are never repeated in messages: a mistyped value may be a
/// password typed in the wrong place.
#[derive(Clone, Debug, Default)]
pub struct Params {
    given: Vec<(String, Input)>,
}

/// A value as given.
#[derive(Clone, Debug)]
pub(crate) enum Input {
    /// Text: an integer, a boolean, an enum value, or a file's path.
    Text(String),
    /// A file's contents, given directly, with the name to show for it.
    File { origin: String, text: Arc<str> },
}

impl Params {
    /// No values: every parameter takes its default.
    pub fn new() -> Params {
        Params::default()
    }

    /// Sets `name` to `value` as written on a command line (`STRONG`,
    /// `12`, `ON`, or a file's path for a file parameter, read when the
    /// policy is bound). Setting a name twice is an error at binding.
    pub fn set(
        &mut self,
        name: impl Into<String>,
        value: impl Into<String>,
    ) -> &mut Params {
        self.given.push((name.into(), Input::Text(value.into())));
        self
    }

    /// Sets a file parameter to contents given directly (no file is
    /// read); `origin` names them in messages and `explain`.
    pub fn set_file_text(
        &mut self,
        name: impl Into<String>,
        origin: impl Into<String>,
        text: impl Into<Arc<str>>,
    ) -> &mut Params {
        let input = Input::File { origin: origin.into(), text: text.into() };
        self.given.push((name.into(), input));
        self
    }

    /// Parses `NAME=VALUE` (the CLI's `--param`) and sets it.
    ///
    /// # Errors
    ///
    /// [`Error::BadParameter`] when there is no `=` or no name.
    pub fn set_assignment(&mut self, text: &str) -> Result<(), Error> {
        match text.split_once('=') {
            Some((name, value)) if !name.trim().is_empty() => {
                self.set(name.trim(), value);
                Ok(())
            }
            _ => Err(Error::BadParameter {
                policy: None,
                name: None,
                reason: "a parameter is written NAME=VALUE".to_string(),
            }),
        }
    }

    /// Whether no value is set.
    pub fn is_empty(&self) -> bool {
        self.given.is_empty()
    }

    /// The names set, in order, repeats included.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.given.iter().map(|(n, _)| n.as_str())
    }

    /// These values as `variants` were bound with them: each file
    /// parameter's path replaced by the contents read at binding, under the
    /// same origin, so that binding the result again reads no file and
    /// gives the same lines even when the file has changed or gone since.
    /// Bindings keep this beside a checker for its explanations.
    ///
    /// # Example
    ///
    /// ```
    /// use passpolicy::{Catalog, Params};
    /// # let dir = std::env::temp_dir().join(format!("pp-frozen-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir)?;
    /// let path = dir.join("words.txt");
    /// std::fs::write(&path, "password\n")?;
    /// let mut params = Params::new();
    /// params.set("dictionary_file", path.to_str().unwrap());
    /// let catalog = Catalog::builtin();
    /// let variants = catalog.select_with(&["mysql-validate-password"], &params)?;
    /// let frozen = params.frozen(&variants);
    /// std::fs::remove_file(&path)?; // gone: the frozen values need no file
    /// assert!(catalog.select_with(&["mysql-validate-password"], &frozen).is_ok());
    /// assert!(catalog.select_with(&["mysql-validate-password"], &params).is_err());
    /// # std::fs::remove_dir(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn frozen(&self, variants: &[Variant]) -> Params {
        let given = self
            .given
            .iter()
            .map(|(name, input)| {
                let read = variants
                    .iter()
                    .flat_map(|v| &v.metadata().parameters)
                    .filter(|b| b.parameter.name == *name)
                    .find_map(|b| match &b.value {
                        Some(Value::File { origin, lines }) => {
                            Some((origin, lines))
                        }
                        _ => None,
                    });
                let input = match (input, read) {
                    (Input::Text(_), Some((origin, lines))) => Input::File {
                        origin: origin.clone(),
                        text: file_text(lines).into(),
                    },
                    _ => input.clone(),
                };
                (name.clone(), input)
            })
            .collect();
        Params { given }
    }

    /// The values whose names are in `names`.
    pub(crate) fn only(&self, names: &[&str]) -> Params {
        let given = self
            .given
            .iter()
            .filter(|(n, _)| names.contains(&n.as_str()))
            .cloned()
            .collect();
        Params { given }
    }

    /// The value given for `name`, if exactly one was; two values for one
    /// name is an error.
    pub(crate) fn input(
        &self,
        policy: &str,
        name: &str,
    ) -> Result<Option<&Input>, Error> {
        let mut found = self.given.iter().filter(|(n, _)| n == name);
        let first = found.next().map(|(_, v)| v);
        if found.next().is_some() {
            return Err(Error::BadParameter {
                policy: Some(policy.to_string()),
                name: Some(name.to_string()),
                reason: "given more than once; give it once".to_string(),
            });
        }
        Ok(first)
    }
}

/// A declared parameter, as its policy file declares it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Parameter {
    /// The vendor's name, in snake_case (`mixed_case_count`).
    pub name: String,
    /// What values it takes.
    pub kind: ParamKind,
    /// The value when none is given; `None` for a file parameter left
    /// unset (the rule that reads it is then off).
    pub default: Option<Value>,
    /// What the parameter is, in the vendor's terms.
    pub about: Option<String>,
}

/// The values a parameter takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// An integer within inclusive bounds.
    Integer {
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
    },
    /// `ON`/`OFF`, `true`/`false`, `1`/`0`, in any case.
    Boolean,
    /// One of the named values, in any case, or an alias of one.
    Enum {
        /// The values, as the vendor spells them.
        values: Vec<String>,
        /// Other spellings (`0` for `LOW`), alias → value.
        aliases: Vec<(String, String)>,
    },
    /// A file's path: the file is read (UTF-8, at most
    /// [`MAX_PARAMETER_FILE_BYTES`]) and its lines substituted.
    File,
}

/// A parameter's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// An integer.
    Integer(i64),
    /// A boolean.
    Boolean(bool),
    /// An enum value, as the declaration spells it.
    Enum(String),
    /// A file: where it came from, and its lines (split on `\n`; a final
    /// line without a newline is a line too).
    File {
        /// The path, or the origin given with the text.
        origin: String,
        /// The lines.
        lines: Arc<Vec<String>>,
    },
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Integer(n) => write!(f, "{n}"),
            Value::Boolean(b) => f.write_str(if *b { "ON" } else { "OFF" }),
            Value::Enum(s) => f.write_str(s),
            Value::File { origin, lines } => {
                write!(f, "{origin} ({} lines)", lines.len())
            }
        }
    }
}

/// A parameter with the value a policy was bound with.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Bound {
    /// The declaration.
    pub parameter: Parameter,
    /// The value bound: the given one, else the default (`None`: a file
    /// parameter left unset).
    pub value: Option<Value>,
    /// Whether the value was given rather than defaulted.
    pub given: bool,
}

impl ParamKind {
    /// The allowed values, in words, for messages and `explain`.
    pub fn allowed(&self) -> String {
        match self {
            ParamKind::Integer { min, max } => {
                format!("an integer from {min} to {max}")
            }
            ParamKind::Boolean => {
                "ON or OFF (also true/false, 1/0; any case)".to_string()
            }
            ParamKind::Enum { values, aliases } => {
                let mut s = values.join(", ");
                if !aliases.is_empty() {
                    let a: Vec<String> = aliases
                        .iter()
                        .map(|(a, v)| format!("{a} = {v}"))
                        .collect();
                    s.push_str(&format!(" ({})", a.join(", ")));
                }
                s.push_str("; any case");
                s
            }
            ParamKind::File => format!(
                "the path of a UTF-8 text file of at most {} bytes",
                MAX_PARAMETER_FILE_BYTES
            ),
        }
    }

    /// The name of the kind (`integer`, `boolean`, `enum`, `file`).
    pub fn as_str(&self) -> &'static str {
        match self {
            ParamKind::Integer { .. } => "integer",
            ParamKind::Boolean => "boolean",
            ParamKind::Enum { .. } => "enum",
            ParamKind::File => "file",
        }
    }

    /// Reads a value written as text; `None` when the kind does not allow
    /// it. A file is not read here.
    fn parse(&self, text: &str) -> Option<Value> {
        let t = text.trim();
        match self {
            ParamKind::Integer { min, max } => t
                .parse::<i64>()
                .ok()
                .filter(|n| (*min..=*max).contains(n))
                .map(Value::Integer),
            ParamKind::Boolean => match t.to_ascii_lowercase().as_str() {
                "on" | "true" | "1" => Some(Value::Boolean(true)),
                "off" | "false" | "0" => Some(Value::Boolean(false)),
                _ => None,
            },
            ParamKind::Enum { values, aliases } => values
                .iter()
                .find(|v| v.eq_ignore_ascii_case(t))
                .or_else(|| {
                    aliases
                        .iter()
                        .find(|(a, _)| a.eq_ignore_ascii_case(t))
                        .map(|(_, v)| v)
                })
                .map(|v| Value::Enum(v.clone())),
            ParamKind::File => None,
        }
    }
}

/// A parameter declaration as the file writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ParameterSpec {
    #[serde(rename = "type")]
    kind: KindSpec,
    #[serde(default)]
    min: Option<i64>,
    #[serde(default)]
    max: Option<i64>,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    aliases: BTreeMap<String, String>,
    #[serde(default)]
    default: Option<serde_yaml::Value>,
    #[serde(default)]
    about: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum KindSpec {
    Integer,
    Boolean,
    Enum,
    File,
}

/// Reads the `parameters:` map of a policy file; problems are returned as
/// (field path, message).
pub(crate) fn declarations(
    value: &serde_yaml::Value,
) -> Result<Vec<Parameter>, Vec<(String, String)>> {
    let map = match value {
        serde_yaml::Value::Mapping(m) => m,
        serde_yaml::Value::Null => return Ok(Vec::new()),
        _ => {
            return Err(vec![(
                "parameters".into(),
                "parameters is a map from name to declaration".into(),
            )]);
        }
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    if map.len() > MAX_PARAMETERS {
        problems.push((
            "parameters".to_string(),
            format!(
                "{} parameters declared; a policy may declare at most \
                 {MAX_PARAMETERS}",
                map.len()
            ),
        ));
        return Err(problems);
    }
    for (key, decl) in map {
        let Some(name) = key.as_str() else {
            problems.push((
                "parameters".into(),
                "a parameter name is a string".into(),
            ));
            continue;
        };
        let field = format!("parameters.{name}");
        if !valid_name(name) {
            problems.push((
                field.clone(),
                format!(
                    "parameter name '{}' must be 1 to 64 characters of a-z, \
                     0-9 and '_'",
                    name.escape_debug()
                ),
            ));
        }
        match serde_yaml::from_value::<ParameterSpec>(decl.clone()) {
            Ok(spec) => match declaration(name, spec) {
                Ok(p) => out.push(p),
                Err(m) => problems.push((field, m)),
            },
            Err(e) => problems.push((field, e.to_string())),
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn declaration(name: &str, spec: ParameterSpec) -> Result<Parameter, String> {
    let only = |ok: bool, what: &str| {
        if ok { Ok(()) } else { Err(format!("{what} is for another type")) }
    };
    let kind = match spec.kind {
        KindSpec::Integer => {
            only(spec.values.is_empty() && spec.aliases.is_empty(), "values")?;
            let (min, max) = (spec.min.unwrap_or(0), spec.max);
            let Some(max) = max else {
                return Err("an integer parameter needs `max`".into());
            };
            if min > max {
                return Err(format!("min {min} is greater than max {max}"));
            }
            ParamKind::Integer { min, max }
        }
        KindSpec::Boolean | KindSpec::File => {
            only(
                spec.values.is_empty()
                    && spec.aliases.is_empty()
                    && spec.min.is_none()
                    && spec.max.is_none(),
                "values, aliases, min and max",
            )?;
            if matches!(spec.kind, KindSpec::File) {
                ParamKind::File
            } else {
                ParamKind::Boolean
            }
        }
        KindSpec::Enum => {
            only(spec.min.is_none() && spec.max.is_none(), "min and max")?;
            if spec.values.is_empty() {
                return Err("an enum parameter lists its `values`".into());
            }
            let mut seen: Vec<String> = Vec::new();
            let spellings = spec.values.iter().chain(spec.aliases.keys());
            for v in spellings {
                let lower = v.to_ascii_lowercase();
                if v.trim().is_empty() || seen.contains(&lower) {
                    return Err(format!(
                        "value '{}' is empty or repeated (values are read \
                         in any case)",
                        v.escape_debug()
                    ));
                }
                seen.push(lower);
            }
            for (alias, target) in &spec.aliases {
                if !spec.values.contains(target) {
                    return Err(format!(
                        "alias '{}' names '{}', which is not one of the values",
                        alias.escape_debug(),
                        target.escape_debug()
                    ));
                }
            }
            ParamKind::Enum {
                values: spec.values,
                aliases: spec.aliases.into_iter().collect(),
            }
        }
    };
    let default = match (&kind, spec.default) {
        (ParamKind::File, None) => None,
        (ParamKind::File, Some(_)) => {
            return Err("a file parameter has no default (it is off \
                        unless given)"
                .into());
        }
        (_, None) => return Err("the parameter needs a `default`".into()),
        (kind, Some(v)) => {
            let text = match &v {
                serde_yaml::Value::Bool(b) => b.to_string(),
                serde_yaml::Value::Number(n) => n.to_string(),
                serde_yaml::Value::String(s) => s.clone(),
                _ => String::new(),
            };
            match kind.parse(&text) {
                Some(v) => Some(v),
                None => {
                    return Err(format!(
                        "the default is not {}",
                        kind.allowed()
                    ));
                }
            }
        }
    };
    Ok(Parameter { name: name.to_string(), kind, default, about: spec.about })
}

/// The value of each declared parameter: the given one (checked), else
/// the default.
pub(crate) fn values(
    policy: &str,
    decls: &[Parameter],
    params: &Params,
) -> Result<Vec<Bound>, Error> {
    let mut out = Vec::with_capacity(decls.len());
    for p in decls {
        let given = params.input(policy, &p.name)?;
        let bad = |reason: String| Error::BadParameter {
            policy: Some(policy.to_string()),
            name: Some(p.name.clone()),
            reason,
        };
        let value = match (given, &p.kind) {
            (None, _) => p.default.clone(),
            (Some(Input::Text(path)), ParamKind::File) => {
                Some(read_file(&p.name, path)?)
            }
            (Some(Input::File { origin, text }), ParamKind::File) => {
                if text.len() > MAX_PARAMETER_FILE_BYTES {
                    return Err(Error::Limit(Limit::new(
                        LimitKind::ParameterFile,
                        text.len(),
                        MAX_PARAMETER_FILE_BYTES,
                    )));
                }
                Some(file_value(origin.clone(), text))
            }
            (Some(Input::File { .. }), kind) => {
                return Err(bad(format!(
                    "file contents given, but it takes {}",
                    kind.allowed()
                )));
            }
            (Some(Input::Text(text)), kind) => match kind.parse(text) {
                Some(v) => Some(v),
                None => {
                    return Err(bad(format!(
                        "the value is not allowed; it takes {}",
                        kind.allowed()
                    )));
                }
            },
        };
        out.push(Bound {
            parameter: p.clone(),
            value,
            given: given.is_some(),
        });
    }
    Ok(out)
}

/// Reads a file parameter's file: a regular file, at most
/// [`MAX_PARAMETER_FILE_BYTES`], UTF-8.
fn read_file(name: &str, path: &str) -> Result<Value, Error> {
    use std::io::Read;
    let io = |source| Error::Io { path: path.to_string(), source };
    let file = crate::catalog::open_regular(std::path::Path::new(path))
        .map_err(io)?;
    let mut bytes = Vec::new();
    file.take(MAX_PARAMETER_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > MAX_PARAMETER_FILE_BYTES {
        return Err(Error::Limit(Limit::new(
            LimitKind::ParameterFile,
            bytes.len(),
            MAX_PARAMETER_FILE_BYTES,
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| Error::ParameterFile {
        name: name.to_string(),
        path: path.to_string(),
        reason: format!(
            "not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })?;
    Ok(file_value(path.to_string(), &text))
}

/// One line per `\n`; a final line without a newline counts too (MySQL
/// drops it: see the mysql-validate-password policy's notes), and a file
/// ending in `\n` has no empty last line.
fn file_value(origin: String, text: &str) -> Value {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let lines: Vec<String> = if text.is_empty() {
        Vec::new()
    } else {
        body.split('\n').map(str::to_string).collect()
    };
    Value::File { origin, lines: Arc::new(lines) }
}

/// Text whose lines, as [`file_value`] splits it, are `lines`, and no
/// longer than the file they came from (so within its size limit): a
/// newline at the end only where the last line is empty.
fn file_text(lines: &[String]) -> String {
    let mut text = lines.join("\n");
    if lines.last().is_some_and(String::is_empty) {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decl(yaml: &str) -> Result<Vec<Parameter>, Vec<(String, String)>> {
        declarations(&serde_yaml::from_str(yaml).unwrap())
    }

    #[test]
    fn kinds_parse_their_spellings() {
        let b = ParamKind::Boolean;
        for (t, v) in
            [("ON", true), ("off", false), ("True", true), ("0", false)]
        {
            assert_eq!(b.parse(t), Some(Value::Boolean(v)), "{t}");
        }
        assert_eq!(b.parse("yes"), None);
        let e = ParamKind::Enum {
            values: vec!["LOW".into(), "STRONG".into()],
            aliases: vec![("0".into(), "LOW".into())],
        };
        assert_eq!(e.parse("strong"), Some(Value::Enum("STRONG".into())));
        assert_eq!(e.parse("0"), Some(Value::Enum("LOW".into())));
        assert_eq!(e.parse("2"), None);
        let i = ParamKind::Integer { min: 0, max: 10 };
        assert_eq!(i.parse("10"), Some(Value::Integer(10)));
        assert_eq!(i.parse("11"), None);
        assert_eq!(i.parse("-1"), None);
        assert_eq!(i.parse("x"), None);
    }

    #[test]
    fn declarations_are_checked() {
        assert!(decl("n: { type: integer, max: 5, default: 3 }").is_ok());
        for bad in [
            "n: { type: integer, default: 3 }",
            "n: { type: integer, max: 5, default: 9 }",
            "n: { type: enum, values: [A, a], default: A }",
            "n: { type: enum, values: [A], aliases: { '0': B }, default: A }",
            "n: { type: file, default: x }",
            "n: { type: boolean }",
            "Bad-Name: { type: boolean, default: true }",
            "n: { type: boolean, default: true, colour: red }",
        ] {
            assert!(decl(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn file_lines_as_read() {
        let lines = |t: &str| match file_value("f".into(), t) {
            Value::File { lines, .. } => lines.as_ref().clone(),
            _ => unreachable!(),
        };
        assert_eq!(lines("a\nb\n"), ["a", "b"]);
        assert_eq!(lines("a\nb"), ["a", "b"]);
        assert_eq!(lines("a\r\n"), ["a\r"]);
        assert!(lines("").is_empty());
        assert_eq!(lines("\n"), [""]);
    }

    /// The lines `dictionary_file` is bound to with `params`.
    fn bound_lines(params: &Params) -> Vec<String> {
        let variants = crate::Catalog::builtin()
            .select_with(&["mysql-validate-password"], params)
            .unwrap();
        variants[0]
            .metadata()
            .parameters
            .iter()
            .find_map(|b| match &b.value {
                Some(Value::File { lines, .. }) => Some(lines.to_vec()),
                _ => None,
            })
            .unwrap()
    }

    #[test]
    fn frozen_files_bind_to_the_same_lines() {
        for text in ["", "\n", "a", "a\n", "a\nb", "a\n\n", "\n\nx\r\n", "é\n"]
        {
            let mut first = Params::new();
            first.set_file_text("dictionary_file", "words.txt", text);
            let variants = crate::Catalog::builtin()
                .select_with(&["mysql-validate-password"], &first)
                .unwrap();
            // As a binding keeps them: the path, and the variants it bound.
            let mut given = Params::new();
            given.set("dictionary_file", "words.txt");
            let again = given.frozen(&variants);
            assert!(matches!(again.given[0].1, Input::File { .. }));
            assert_eq!(bound_lines(&again), bound_lines(&first), "{text:?}");
            assert!(file_text(&bound_lines(&first)).len() <= text.len());
        }
    }
}
