//! Delivering output files: all contents are computed before anything is written; each file is
//! written to a temporary sibling and renamed into place (atomic on one file system), and only
//! when its bytes change, so cargo sees no needless modification.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::engine::{Failure, OutputFile};

/// What happened to one output file.
///
/// ```
/// use pybridge_build::{WriteOutcome, write::write_if_changed};
/// let path = std::env::temp_dir().join(format!("pybridge-doc-outcome-{}.txt", std::process::id()));
/// assert_eq!(write_if_changed(&path, b"x").unwrap(), WriteOutcome::Written);
/// assert_eq!(write_if_changed(&path, b"x").unwrap(), WriteOutcome::Unchanged);
/// # std::fs::remove_file(&path).unwrap();
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteOutcome {
    /// The file was created or its contents replaced.
    Written,
    /// The file already had exactly these bytes; it was not touched.
    Unchanged,
}

/// Writes every file into `dir` (created if missing, as are subdirectories a name has).
///
/// ```
/// use pybridge_build::{OutputFile, write::write_outputs};
/// let dir = std::env::temp_dir().join(format!("pybridge-doc-write-{}", std::process::id()));
/// let files = [OutputFile { name: "m/py.typed".into(), contents: String::new() }];
/// let written = write_outputs(&dir, &files).unwrap();
/// assert_eq!(written[0].0, dir.join("m/py.typed"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn write_outputs(dir: &Path, files: &[OutputFile]) -> Result<Vec<(PathBuf, WriteOutcome)>, Failure> {
    if dir.exists() && !dir.is_dir() {
        return Err(Failure::Io(format!("output path {} exists and is not a directory", dir.display())));
    }
    fs::create_dir_all(dir)
        .map_err(|e| Failure::Io(format!("cannot create output directory {}: {e}", dir.display())))?;
    // Refuse before writing anything if a target is a directory, so no run is half done.
    for file in files {
        let path = dir.join(&file.name);
        if path.is_dir() {
            return Err(Failure::Io(format!("cannot write {}: it is a directory", path.display())));
        }
    }
    // Files in subdirectories (a wheel's stub package, `m/__init__.pyi`).
    for parent in files.iter().filter_map(|f| dir.join(&f.name).parent().map(Path::to_path_buf)) {
        fs::create_dir_all(&parent)
            .map_err(|e| Failure::Io(format!("cannot create output directory {}: {e}", parent.display())))?;
    }
    files
        .iter()
        .map(|file| {
            let path = dir.join(&file.name);
            write_if_changed(&path, file.contents.as_bytes()).map(|outcome| (path, outcome))
        })
        .collect()
}

/// Writes `bytes` to `path` atomically unless the file already holds them.
///
/// ```
/// use pybridge_build::{WriteOutcome, write::write_if_changed};
/// let path = std::env::temp_dir().join(format!("pybridge-doc-wic-{}.txt", std::process::id()));
/// assert_eq!(write_if_changed(&path, b"one").unwrap(), WriteOutcome::Written);
/// assert_eq!(write_if_changed(&path, b"one").unwrap(), WriteOutcome::Unchanged);
/// assert_eq!(write_if_changed(&path, b"two").unwrap(), WriteOutcome::Written);
/// # std::fs::remove_file(&path).unwrap();
/// ```
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<WriteOutcome, Failure> {
    if fs::read(path).is_ok_and(|existing| existing == bytes) {
        return Ok(WriteOutcome::Unchanged);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let io = |e: std::io::Error| Failure::Io(format!("cannot write {}: {e}", path.display()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(io(e));
    }
    Ok(WriteOutcome::Written)
}
