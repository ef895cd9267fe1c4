//! SWIG for Rust: the `semver` crate's `Version` and `VersionReq`, exposed to Python from a spec
//! only (`specs/examples/wrap_semver.yaml`), with no edit to `semver` and no trait impl on its
//! types (the orphan rule would forbid one). The only Rust written here is the `%extend`-style
//! helpers in [`ext`].

include!(concat!(env!("OUT_DIR"), "/wrap_semver.rs"));

/// Extra methods attached to the wrapped classes (SWIG's `%extend`): free functions taking the
/// object first.
pub mod ext {
    use semver::{Version, VersionReq};

    /// Whether the version has a pre-release part (`1.0.0-alpha`).
    pub fn is_prerelease(version: &Version) -> bool {
        !version.pre.is_empty()
    }

    /// The next minor version (`1.2.3` → `1.3.0`).
    pub fn bump_minor(version: &Version) -> Version {
        Version::new(version.major, version.minor + 1, 0)
    }

    /// The highest of `versions` that `req` matches.
    pub fn max_satisfying(req: &VersionReq, versions: Vec<String>) -> Result<Option<Version>, semver::Error> {
        let mut best: Option<Version> = None;
        for text in versions {
            let version = Version::parse(&text)?;
            if req.matches(&version) && best.as_ref().is_none_or(|b| version > *b) {
                best = Some(version);
            }
        }
        Ok(best)
    }
}
