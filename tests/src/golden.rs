//! Golden files: compared with what the tests produce, or re-recorded when blessing.

use std::path::Path;

/// Whether golden files should be re-recorded (`PYBRIDGE_BLESS=1`).
pub fn bless() -> bool {
    std::env::var_os("PYBRIDGE_BLESS").is_some_and(|v| v == "1")
}

/// Compares `actual` with the golden file at `path`, or re-records it when blessing. Returns a
/// description of the mismatch, if any.
pub fn compare_golden(path: &Path, actual: &str) -> Option<String> {
    if bless() {
        std::fs::create_dir_all(path.parent().expect("golden dir")).expect("create golden dir");
        std::fs::write(path, actual).expect("write golden");
        return None;
    }
    match std::fs::read_to_string(path) {
        Ok(expected) if expected == actual => None,
        Ok(expected) => Some(format!(
            "{} differs (re-record with PYBRIDGE_BLESS=1)\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        )),
        Err(e) => Some(format!("{}: {e} (record it with PYBRIDGE_BLESS=1)", path.display())),
    }
}
