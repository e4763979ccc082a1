//! The catalog: the built-in policies (embedded from `policies/`) and any
//! loaded at run time, looked up by id.

mod dir;

pub use dir::{MAX_POLICY_BYTES_TOTAL, MAX_POLICY_FILES, OnDuplicate};

use std::collections::HashMap;
use std::path::Path;

use crate::check::Checker;
use crate::error::{Error, nearest};
use crate::params::Params;
use crate::policy::{Policy, Variant};

/// The built-in policy files, embedded at build time: (id, the YAML text,
/// the same document as JSON). The JSON is what `build.rs` wrote, and
/// loading reads it: it parses many times faster than the YAML. It is
/// empty for a document JSON cannot carry unchanged; loading then parses
/// the YAML.
macro_rules! builtin {
    ($($id:literal),* $(,)?) => {
        &[$((
            $id,
            include_str!(concat!("../policies/", $id, ".yaml")),
            include_str!(concat!(env!("OUT_DIR"), "/builtin/", $id, ".json")),
        )),*]
    };
}

const BUILTIN: &[(&str, &str, &str)] = builtin![
    "tencent-ecm",
    "tencent-cvm-v2",
    "huawei-clouddc",
    "baidu-bcc",
    "tencent-redis",
    "tencent-cvm",
    "tencentdb-mysql",
    "alibaba-ecs",
    "alibaba-rds",
    "baidu-rds",
    "aws-rds",
    "azure-vm",
    "oci-db-system",
    "linode",
    "huawei-ecs",
    "aws-directory-service",
    "azure-sql",
    "oci-autonomous-db",
    "mysql-validate-password",
    "gcp-cloudsql",
    "postgresql",
    "windows-ad",
];

/// Policies by id.
///
/// # Example
///
/// ```
/// use passpolicy::Catalog;
///
/// let catalog = Catalog::builtin();
/// assert!(catalog.get("baidu-bcc").is_some());
/// let checker = catalog.checker(&["tencent-ecm/linux", "baidu-bcc"])?;
/// assert!(checker.check("cptbtptpA@1095").is_ok());
/// # Ok::<(), passpolicy::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    policies: Vec<Policy>,
    /// Index into `policies` by id, so adding and looking up are O(1)
    /// (a linear search made loading 10,000 files quadratic).
    by_id: HashMap<String, usize>,
}

impl Catalog {
    /// An empty catalog.
    pub fn new() -> Catalog {
        Catalog::default()
    }

    /// The built-in policies.
    ///
    /// # Panics
    ///
    /// Never for a released build: the embedded files are compiled by the
    /// test suite, so a broken one fails `cargo test`, not a user.
    pub fn builtin() -> Catalog {
        Catalog::builtin_only_if(|_| true)
    }

    /// The built-in policies with these ids, in the order of
    /// [`Catalog::builtin`]; an id that is not built in is left out.
    ///
    /// Parsing is nearly all of loading the built-in catalog, and each
    /// policy costs about as much as its file is long: a caller that will
    /// use a few policies (the CLI checking against one) parses those
    /// only. Each is the policy [`Catalog::builtin`] holds.
    ///
    /// # Panics
    ///
    /// As [`Catalog::builtin`]: never for a released build.
    ///
    /// ```
    /// use passpolicy::Catalog;
    ///
    /// let catalog = Catalog::builtin_only(&["baidu-bcc", "no-such-id"]);
    /// assert_eq!(catalog.policies().len(), 1);
    /// assert!(catalog.checker(&["baidu-bcc"])?.check("Abc12345!").is_ok());
    /// # Ok::<(), passpolicy::Error>(())
    /// ```
    pub fn builtin_only(ids: &[&str]) -> Catalog {
        Catalog::builtin_only_if(|id| ids.contains(&id))
    }

    fn builtin_only_if(wanted: impl Fn(&str) -> bool) -> Catalog {
        let mut catalog = Catalog::new();
        for (id, yaml, json) in BUILTIN.iter().filter(|(id, ..)| wanted(id)) {
            let origin = format!("<builtin>/{id}.yaml");
            let policy = Policy::from_prepared(json, yaml, &origin)
                .or_else(|_| Policy::from_yaml(yaml, &origin))
                .unwrap_or_else(|e| panic!("built-in policy is invalid: {e}"));
            catalog.push(policy);
        }
        catalog
    }

    /// The text of each built-in policy file, by id.
    pub fn builtin_sources()
    -> impl Iterator<Item = (&'static str, &'static str)> {
        BUILTIN.iter().map(|&(id, yaml, _)| (id, yaml))
    }

    /// Adds a policy.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateId`] when the id is taken; use
    /// [`Catalog::replace`] to override on purpose.
    pub fn add(&mut self, policy: Policy) -> Result<(), Error> {
        if let Some(existing) = self.get(policy.id()) {
            return Err(Error::DuplicateId {
                id: policy.id().to_string(),
                first: Box::new(crate::error::Location::of_id(
                    existing.origin(),
                )),
                second: Box::new(crate::error::Location::of_id(
                    policy.origin(),
                )),
            });
        }
        self.push(policy);
        Ok(())
    }

    /// Adds a policy, replacing any with the same id (the new one comes
    /// last, as if added now).
    pub fn replace(&mut self, policy: Policy) {
        if let Some(i) = self.by_id.remove(policy.id()) {
            self.policies.remove(i);
            for index in self.by_id.values_mut() {
                if *index > i {
                    *index -= 1;
                }
            }
        }
        self.push(policy);
    }

    /// Appends a policy whose id is not taken.
    fn push(&mut self, policy: Policy) {
        self.by_id.insert(policy.id().to_string(), self.policies.len());
        self.policies.push(policy);
    }

    /// Loads a policy file and adds it.
    ///
    /// # Errors
    ///
    /// I/O, syntax and validation errors, and [`Error::DuplicateId`].
    pub fn load_file(&mut self, path: &Path) -> Result<(), Error> {
        let policy = load_file(path)?;
        self.add(policy)
    }

    /// The policy with this id.
    pub fn get(&self, id: &str) -> Option<&Policy> {
        self.by_id.get(id).map(|&i| &self.policies[i])
    }

    /// Every policy, in the order added.
    pub fn policies(&self) -> &[Policy] {
        &self.policies
    }

    /// Resolves `ID` (every variant) or `ID/VARIANT` names to variants.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownPolicy`] (with the nearest ids) or
    /// [`Error::UnknownVariant`].
    pub fn select(&self, names: &[&str]) -> Result<Vec<&Variant>, Error> {
        let mut out = Vec::new();
        for name in names {
            let (id, variant) = match name.split_once('/') {
                Some((id, v)) => (id, Some(v)),
                None => (*name, None),
            };
            let Some(policy) = self.get(id) else {
                let known: Vec<String> =
                    self.policies.iter().map(|p| p.id().to_string()).collect();
                return Err(Error::UnknownPolicy {
                    id: name.to_string(),
                    suggestions: suggestions(id, &known),
                    known,
                });
            };
            match variant {
                None => out.extend(policy.variants()),
                Some(v) => match policy.variant(v) {
                    Some(found) => out.push(found),
                    None => {
                        return Err(Error::UnknownVariant {
                            id: id.to_string(),
                            variant: v.to_string(),
                            known: policy
                                .variant_names()
                                .iter()
                                .map(|s| s.to_string())
                                .collect(),
                        });
                    }
                },
            }
        }
        Ok(out)
    }

    /// [`Catalog::select`] with parameter values: each selected policy is
    /// bound with the values of the parameters it declares (see
    /// [`Policy::bind`]); a name that no selected policy declares is an
    /// error. The variants are owned, as binding makes new rules.
    ///
    /// ```
    /// use passpolicy::{Catalog, Params, Policy};
    ///
    /// let mut catalog = Catalog::builtin();
    /// catalog.add(Policy::from_yaml(
    ///     "id: my-db\nvendor: v\nproduct: p\nparameters:\n  \
    ///      min_length: { type: integer, max: 128, default: 8 }\n\
    ///      rules:\n  length: { min: { param: min_length } }\n  \
    ///      alphabet: [ascii_printable]\n",
    ///     "my-db.yaml",
    /// )?)?;
    /// let mut params = Params::new();
    /// params.set("min_length", "12");
    /// let variants = catalog.select_with(&["my-db", "tencent-cvm/linux"], &params)?;
    /// assert_eq!(variants[0].rules().length.min, 12);
    /// assert_eq!(variants[1].label(), "tencent-cvm/linux");
    /// # Ok::<(), passpolicy::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Catalog::select`] and [`Policy::bind`];
    /// [`Error::UnknownParameter`] names the parameters the selected
    /// policies declare and the nearest to the one given.
    pub fn select_with(
        &self,
        names: &[&str],
        params: &Params,
    ) -> Result<Vec<Variant>, Error> {
        let selected = self.select(names)?;
        let mut ids: Vec<&str> = Vec::new();
        for v in &selected {
            if !ids.contains(&v.policy_id()) {
                ids.push(v.policy_id());
            }
        }
        let mut declared: Vec<&str> = Vec::new();
        for v in &selected {
            for b in &v.metadata().parameters {
                if !declared.contains(&b.parameter.name.as_str()) {
                    declared.push(&b.parameter.name);
                }
            }
        }
        if let Some(name) = params.names().find(|n| !declared.contains(n)) {
            return Err(crate::policy::unknown_parameter(
                name, &ids, &declared,
            ));
        }
        let mut bound: Vec<Policy> = Vec::new();
        let mut out = Vec::with_capacity(selected.len());
        for v in selected {
            let i = match bound.iter().position(|p| p.id() == v.policy_id()) {
                Some(i) => i,
                None => {
                    let policy =
                        self.get(v.policy_id()).ok_or(Error::Internal(
                            "a selected policy is not in the catalog",
                        ))?;
                    let own: Vec<&str> = policy
                        .metadata()
                        .parameters
                        .iter()
                        .map(|b| b.parameter.name.as_str())
                        .collect();
                    bound.push(policy.bind(&params.only(&own))?);
                    bound.len() - 1
                }
            };
            let found = match v.name() {
                Some(n) => bound[i].variant(n),
                None => bound[i].variants().first(),
            };
            out.push(
                found
                    .ok_or(Error::Internal("a bound policy lost a variant"))?
                    .clone(),
            );
        }
        Ok(out)
    }

    /// Compiles a checker for the named policies (all must hold).
    ///
    /// # Errors
    ///
    /// As [`Catalog::select`] and [`Checker::new`].
    pub fn checker(&self, names: &[&str]) -> Result<Checker, Error> {
        Checker::new(&self.select(names)?)
    }
}

/// Known ids close to `id`: the one it names in another case, else the
/// nearest to its lower-case form (ids are lower case by convention, so
/// `TENCENT-CVM` is close to `tencent-cvm-v2`).
fn suggestions(id: &str, known: &[String]) -> Vec<String> {
    let lower = id.to_lowercase();
    if lower.is_empty() {
        // Every id "contains" the empty string: nothing is close to it.
        return Vec::new();
    }
    if let Some(same) = known.iter().find(|k| k.to_lowercase() == lower) {
        return vec![same.clone()];
    }
    nearest(&lower, known.iter().map(String::as_str))
}

/// Opens a regular file for reading, refusing anything else before it is
/// opened: opening a FIFO blocks until a writer comes, and a terminal or
/// a device never ends. The opened file is checked again, in case the
/// path was replaced in between.
pub(crate) fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let not_regular = |meta: &std::fs::Metadata| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "not a regular file ({}); policies are read from regular \
                 files only",
                file_kind(meta.file_type())
            ),
        )
    };
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    Ok(file)
}

/// What a file that is not a regular one is, in words.
fn file_kind(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() {
            return "a character device, such as a terminal";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() { "a directory" } else { "not a file" }
}

/// Reads and validates one policy file.
///
/// # Errors
///
/// [`Error::Io`], and the errors of [`Policy::from_yaml`]; a file that is
/// not UTF-8 or larger than [`MAX_POLICY_BYTES`](crate::MAX_POLICY_BYTES)
/// is refused before parsing, and anything but a regular file (a FIFO, a
/// terminal, a directory) before it is opened.
pub fn load_file(path: &Path) -> Result<Policy, Error> {
    use std::io::Read;
    let origin = path.display().to_string();
    let io = |source| Error::Io { path: origin.clone(), source };
    let file = open_regular(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(crate::policy::MAX_POLICY_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > crate::policy::MAX_POLICY_BYTES {
        return Err(Error::Syntax {
            location: crate::error::Location {
                origin,
                field: None,
                line: None,
                column: None,
            },
            message: format!(
                "file is larger than the limit of {} bytes for a policy file",
                crate::policy::MAX_POLICY_BYTES
            ),
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| Error::Syntax {
        location: crate::error::Location {
            origin: origin.clone(),
            field: None,
            line: None,
            column: None,
        },
        message: format!(
            "file is not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })?;
    Policy::from_yaml(&text, &origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(catalog: &Catalog) -> Vec<&str> {
        catalog.policies().iter().map(Policy::id).collect()
    }

    /// A part of the built-in catalog holds the very policies the whole
    /// one does, in its order.
    #[test]
    fn builtin_only_is_part_of_builtin() {
        let all = Catalog::builtin();
        let part = Catalog::builtin_only(&["windows-ad", "nope", "azure-vm"]);
        assert_eq!(ids(&part), ["azure-vm", "windows-ad"]);
        for p in part.policies() {
            let whole = all.get(p.id()).expect("built in");
            assert_eq!(format!("{p:?}"), format!("{whole:?}"));
        }
        assert!(Catalog::builtin_only(&[]).policies().is_empty());
    }

    /// Loading reads each built-in from the JSON build.rs wrote for it:
    /// every built-in has one, and it gives the very policy its YAML
    /// does (spec, metadata, variants, rules and, for a file with
    /// parameters, the template).
    #[test]
    fn every_builtin_loads_from_its_json_as_from_its_yaml() {
        for (id, yaml, json) in BUILTIN {
            assert!(!json.is_empty(), "{id}: build.rs wrote no JSON for it");
            let origin = format!("<builtin>/{id}.yaml");
            let fast = Policy::from_prepared(json, yaml, &origin)
                .unwrap_or_else(|e| panic!("{id} from JSON: {e}"));
            let slow = Policy::from_yaml(yaml, &origin).unwrap();
            assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{id}");
        }
    }

    /// A built-in's template binds again from its JSON to the policy its
    /// YAML binds to.
    #[test]
    fn builtin_templates_bind_again_as_from_yaml() {
        let mut params = Params::new();
        params.set("minimum_password_length", "14");
        let (id, yaml, json) = BUILTIN
            .iter()
            .find(|(id, ..)| *id == "windows-ad")
            .expect("built in");
        let fast = Policy::from_prepared(json, yaml, id).unwrap();
        let slow = Policy::from_yaml(yaml, id).unwrap();
        let (fast, slow) = (fast.bind(&params), slow.bind(&params));
        let (fast, slow) = (fast.unwrap(), slow.unwrap());
        assert_eq!(format!("{fast:?}"), format!("{slow:?}"));
        assert_eq!(fast.variants()[0].rules().length.min, 14);
    }

    /// A document without JSON (build.rs leaves the file empty when JSON
    /// would change it) is an error to `from_prepared`, which makes
    /// loading fall back to the YAML.
    #[test]
    fn missing_json_is_an_error_so_loading_reads_the_yaml() {
        let (id, yaml, _) = BUILTIN[0];
        assert!(Policy::from_prepared("", yaml, id).is_err());
        assert!(Policy::from_prepared("{\"id\": 1}", yaml, id).is_err());
    }

    /// The id index stays right through adds and replacements: every id
    /// finds its own policy, and a replaced policy moves to the end.
    #[test]
    fn lookups_follow_adds_and_replacements() {
        let mut catalog = Catalog::builtin();
        let before = ids(&catalog).join(" ");
        let second = catalog.policies()[1].clone();
        let id = second.id().to_string();
        catalog.replace(second);
        let after = ids(&catalog);
        assert_eq!(after.last(), Some(&id.as_str()));
        assert_eq!(after.len(), before.split(' ').count());
        for policy in catalog.policies() {
            assert_eq!(
                catalog.get(policy.id()).map(Policy::id),
                Some(policy.id())
            );
        }
        let text = Catalog::builtin_sources().next().unwrap().1;
        let again = Policy::from_yaml(text, "again.yaml").unwrap();
        assert!(matches!(catalog.add(again), Err(Error::DuplicateId { .. })));
        assert!(catalog.get("no-such-id").is_none());
    }
}
