//! Loading policy files and directories of them into a catalog, within
//! limits: what `--policy-file` and `--policy-dir` do, for any caller.

use std::path::{Path, PathBuf};

use super::{Catalog, load_file};
use crate::error::Error;

/// Most policy files loaded by one [`Catalog::load_paths`].
pub const MAX_POLICY_FILES: usize = 10_000;

/// Most bytes of policy files loaded by one [`Catalog::load_paths`]: each
/// file is bounded ([`MAX_POLICY_BYTES`](crate::MAX_POLICY_BYTES)), and
/// this bounds the sum, so a directory of many large files cannot exhaust
/// memory.
pub const MAX_POLICY_BYTES_TOTAL: u64 = 64 << 20;

/// When a loaded policy's id is already in the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnDuplicate {
    /// [`Error::DuplicateId`], unless the two policies are identical (the
    /// same file loaded twice, or the repository's own `policies/`), in
    /// which case the one already there is kept.
    Refuse,
    /// The loaded policy replaces the other ([`Catalog::replace`]).
    Replace,
}

impl Catalog {
    /// Loads `files`, then every `*.yaml` / `*.yml` regular file of each of
    /// `dirs` (not recursive; in name order; FIFOs, devices and
    /// subdirectories skipped), in that order.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] for a directory that cannot be read;
    /// [`Error::TooManyPolicyFiles`] past [`MAX_POLICY_FILES`] and
    /// [`Error::PolicyBytesTotal`] past [`MAX_POLICY_BYTES_TOTAL`], both
    /// before anything is parsed; the errors of [`load_file`]; and
    /// [`Error::DuplicateId`] as `on_duplicate` says. The catalog keeps
    /// the policies loaded before the error.
    pub fn load_paths(
        &mut self,
        files: &[PathBuf],
        dirs: &[PathBuf],
        on_duplicate: OnDuplicate,
    ) -> Result<(), Error> {
        let mut paths = files.to_vec();
        for dir in dirs {
            paths.extend(policy_files_in(dir)?);
        }
        if paths.len() > MAX_POLICY_FILES {
            return Err(Error::TooManyPolicyFiles {
                count: paths.len(),
                limit: MAX_POLICY_FILES,
            });
        }
        let mut total = 0u64;
        for path in &paths {
            // A file that vanished or cannot be read fails in `load_file`
            // with its own error; it adds nothing here.
            total += std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            if total > MAX_POLICY_BYTES_TOTAL {
                return Err(Error::PolicyBytesTotal {
                    path: path.display().to_string(),
                    limit: MAX_POLICY_BYTES_TOTAL,
                });
            }
        }
        for path in &paths {
            let policy = load_file(path)?;
            match on_duplicate {
                OnDuplicate::Replace => self.replace(policy),
                OnDuplicate::Refuse => {
                    let same = self
                        .get(policy.id())
                        .is_some_and(|p| p.spec() == policy.spec());
                    if !same {
                        self.add(policy)?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// The `*.yaml` / `*.yml` regular files of `dir`, sorted.
fn policy_files_in(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let io = |source| Error::Io { path: dir.display().to_string(), source };
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let is_yaml =
            path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if is_yaml && path.is_file() {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = "id: ID\nvendor: V\nproduct: P\nrules:\n  \
                          length: { min: 8, max: 64 }\n  \
                          alphabet: [lower]\n";

    fn write(dir: &Path, name: &str, id: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, POLICY.replace("ID", id)).unwrap();
        path
    }

    #[test]
    fn loads_files_then_directories_skipping_other_entries() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "b.yaml", "b");
        write(dir.path(), "a.yml", "a");
        write(dir.path(), "c.txt", "c");
        std::fs::create_dir(dir.path().join("sub.yaml")).unwrap();
        let other = tempfile::tempdir().unwrap();
        let file = write(other.path(), "z.yaml", "z");
        let mut catalog = Catalog::new();
        let dirs = [dir.path().to_path_buf()];
        catalog.load_paths(&[file], &dirs, OnDuplicate::Refuse).unwrap();
        let ids: Vec<&str> =
            catalog.policies().iter().map(|p| p.id()).collect();
        assert_eq!(ids, ["z", "a", "b"]);
        // The same files again: identical policies are kept once.
        catalog.load_paths(&[], &dirs, OnDuplicate::Refuse).unwrap();
        assert_eq!(catalog.policies().len(), 3);
    }

    #[test]
    fn a_different_policy_with_a_taken_id_is_refused_or_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let first = write(dir.path(), "1.yaml", "x");
        let second = dir.path().join("2.yaml");
        std::fs::write(
            &second,
            POLICY.replace("ID", "x").replace("P\n", "Q\n"),
        )
        .unwrap();
        let mut catalog = Catalog::new();
        let both = [first, second.clone()];
        let e =
            catalog.load_paths(&both, &[], OnDuplicate::Refuse).unwrap_err();
        assert!(matches!(e, Error::DuplicateId { .. }), "{e}");
        let mut catalog = Catalog::new();
        catalog.load_paths(&both, &[], OnDuplicate::Replace).unwrap();
        assert_eq!(
            catalog.get("x").unwrap().origin(),
            second.display().to_string()
        );
    }

    /// The byte limit is checked on the sizes before anything is read
    /// (sparse files: large, but nothing on disk); 32 files of 2 MiB make
    /// exactly 64 MiB, the 33rd crosses it.
    #[test]
    fn the_total_size_is_bounded_before_parsing() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..33 {
            let f =
                std::fs::File::create(dir.path().join(format!("{i:02}.yaml")))
                    .unwrap();
            f.set_len(2 << 20).unwrap();
        }
        let mut catalog = Catalog::new();
        let dirs = [dir.path().to_path_buf()];
        let e =
            catalog.load_paths(&[], &dirs, OnDuplicate::Refuse).unwrap_err();
        let Error::PolicyBytesTotal { path, limit } = &e else {
            panic!("{e}")
        };
        assert!(path.ends_with("32.yaml"), "{path}");
        assert_eq!(*limit, MAX_POLICY_BYTES_TOTAL);
        assert_eq!(
            e.to_string(),
            format!(
                "policy files add up to more than 64 MiB (at {path}); load fewer"
            )
        );
        assert!(catalog.policies().is_empty());
    }

    #[test]
    fn an_unreadable_directory_is_an_io_error_naming_it() {
        let mut catalog = Catalog::new();
        let dirs = [PathBuf::from("/nonexistent/policies")];
        let e =
            catalog.load_paths(&[], &dirs, OnDuplicate::Refuse).unwrap_err();
        assert!(
            matches!(&e, Error::Io { path, .. } if path == "/nonexistent/policies")
        );
    }
}
