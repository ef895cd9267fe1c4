//! The kept regressions: minimised findings in `tests/proptest_regressions/`, read back with a
//! slot of their own, and saved with the slot `__SLOT__`.

use std::path::PathBuf;

use super::Case;
use crate::specgen::Finding;

/// A kept regression (`tests/proptest_regressions/<stem>.yaml` + `.user.rs` + `.exercise.rs`,
/// written with the slot `__SLOT__`).
#[derive(Clone, Debug)]
pub struct Regression {
    /// File stem.
    pub stem: String,
    /// `# known-finding: <Name>`: the known finding it reproduces (if any).
    pub finding: Option<Finding>,
    /// The case, slot `reg_<n>`.
    pub case: Case,
}

/// The regressions folder.
pub fn regressions_dir() -> PathBuf {
    crate::workspace_root().join("tests/proptest_regressions")
}

/// Every kept regression, sorted by name.
pub fn regressions() -> Vec<Regression> {
    let dir = regressions_dir();
    let mut stems: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter_map(|e| {
                    let name = e.file_name().to_str()?.to_string();
                    name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".attr.rs")).map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default();
    stems.sort();
    stems
        .into_iter()
        .enumerate()
        .map(|(i, stem)| {
            let read = |ext: &str| std::fs::read_to_string(dir.join(format!("{stem}{ext}"))).unwrap_or_default();
            let slot = format!("reg{i}");
            let yaml = read(".yaml");
            let finding = yaml.lines().find_map(|l| l.strip_prefix("# known-finding:")).map(|n| {
                Finding::by_name(n.trim()).unwrap_or_else(|| panic!("{stem}.yaml: unknown finding `{}`", n.trim()))
            });
            let fill = |s: String| s.replace("__SLOT__", &slot);
            let attr = std::fs::read_to_string(dir.join(format!("{stem}.attr.rs"))).ok();
            let finding = finding.or_else(|| {
                attr.as_deref()?.lines().find_map(|l| l.strip_prefix("// known-finding:")).map(|n| {
                    Finding::by_name(n.trim())
                        .unwrap_or_else(|| panic!("{stem}.attr.rs: unknown finding `{}`", n.trim()))
                })
            });
            let case = Case {
                slot: slot.clone(),
                origin: format!("tests/proptest_regressions/{stem}.yaml"),
                yaml: fill(yaml),
                user: fill(read(".user.rs")),
                exercise: fill(read(".exercise.rs")),
                spec: None,
                attribute: attr.map(fill),
            };
            Regression { stem, finding, case }
        })
        .collect()
}

/// Keeps a minimised finding as a regression; returns the stem written.
pub fn save_regression(case: &Case, stem: &str, header: &str) -> std::io::Result<String> {
    let dir = regressions_dir();
    std::fs::create_dir_all(&dir)?;
    let unfill = |s: &str| s.replace(&case.slot, "__SLOT__");
    if let Some(source) = &case.attribute {
        let header: String = header.lines().map(|l| format!("//{}\n", l.trim_start_matches('#'))).collect();
        std::fs::write(dir.join(format!("{stem}.attr.rs")), format!("{header}{}", unfill(source)))?;
        return Ok(stem.to_string());
    }
    std::fs::write(dir.join(format!("{stem}.yaml")), format!("{header}{}", unfill(&case.yaml)))?;
    std::fs::write(dir.join(format!("{stem}.user.rs")), unfill(&case.user))?;
    std::fs::write(dir.join(format!("{stem}.exercise.rs")), unfill(&case.exercise))?;
    Ok(stem.to_string())
}
