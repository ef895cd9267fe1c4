//! `bindgen-cli new`: a ready project outside this repository, from the templates beside this
//! file. An extension module (`Export`: a maturin `pyproject.toml`, a spec, `build.rs`, pytest
//! and mypy configuration), an embedding program (`Import`: a spec of a Python model, the model,
//! a binary, a Rust test) or both in one program (`Both`). Every file is planned before
//! anything is written, and a run that fails while writing removes what it created.

use std::path::{Path, PathBuf};

use crate::engine::{Failure, OutputFile};

/// Which direction the new project binds.
///
/// ```
/// use pybridge_build::{NewProject, ProjectKind, PybridgeSource, plan_project};
/// let source = PybridgeSource::Git { url: "https://example.invalid/pybridge".into(), rev: None };
/// let project = NewProject { name: "scorer".into(), kind: ProjectKind::Import, parent: ".".into(), source };
/// assert!(plan_project(&project).iter().any(|f| f.name == "python/scorer_model.py"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProjectKind {
    /// A Python extension module in Rust, built into a wheel by maturin, declared by a spec.
    Export,
    /// The same module declared with `#[py_embed]` in `src/lib.rs` (no spec).
    ExportAttribute,
    /// A Rust program calling a Python module through typed stubs.
    Import,
    /// A Rust program calling a Python module that calls back into Rust.
    Both,
}

/// Where the new project's `pybridge` and `pybridge-build` dependencies come from.
///
/// ```
/// use pybridge_build::{NewProject, ProjectKind, PybridgeSource, plan_project};
/// let source = PybridgeSource::Path("/src/pybridge".into());
/// let project = NewProject { name: "fastgeo".into(), kind: ProjectKind::Export, parent: ".".into(), source };
/// let cargo = plan_project(&project).into_iter().find(|f| f.name == "Cargo.toml").unwrap();
/// assert!(cargo.contents.contains(r#"pybridge = { path = "/src/pybridge/runtime" }"#));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PybridgeSource {
    /// A checkout of the pybridge repository (the directory holding `runtime/` and `builder/`).
    Path(PathBuf),
    /// A git repository of pybridge, at a revision (a commit, tag or branch) or its default
    /// branch.
    Git {
        /// The repository's URL.
        url: String,
        /// The revision (`rev = "…"`), if any.
        rev: Option<String>,
    },
}

impl PybridgeSource {
    /// The checkout this `pybridge-build` was compiled from, if it is still there (what
    /// `cargo install --path bindgen-cli` leaves).
    ///
    /// ```
    /// if let Some(source) = pybridge_build::PybridgeSource::this_checkout() {
    ///     println!("{source:?}");
    /// }
    /// ```
    pub fn this_checkout() -> Option<Self> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent()?;
        let complete = root.join("runtime/Cargo.toml").is_file() && root.join("builder/Cargo.toml").is_file();
        complete.then(|| PybridgeSource::Path(root.to_path_buf()))
    }

    /// The dependency table of the crate in `dir` of the repository (`runtime`, `builder`).
    fn dependency(&self, dir: &str) -> String {
        match self {
            PybridgeSource::Path(root) => {
                format!("{{ path = {} }}", toml_string(&root.join(dir).display().to_string()))
            }
            PybridgeSource::Git { url, rev: Some(rev) } => {
                format!("{{ git = {}, rev = {} }}", toml_string(url), toml_string(rev))
            }
            PybridgeSource::Git { url, rev: None } => format!("{{ git = {} }}", toml_string(url)),
        }
    }
}

/// What `bindgen-cli new` makes ([`new_project`] writes it).
///
/// ```
/// use pybridge_build::{NewProject, ProjectKind, PybridgeSource};
/// let project = NewProject {
///     name: "relay".into(),
///     kind: ProjectKind::Both,
///     parent: std::env::temp_dir(),
///     source: PybridgeSource::Git { url: "https://example.invalid/pybridge".into(), rev: Some("v0.1.0".into()) },
/// };
/// assert_eq!(project.parent.join(&project.name).file_name().unwrap(), "relay");
/// ```
#[derive(Clone, Debug)]
pub struct NewProject {
    /// The project's name: its directory, crate, and (for `Export`) Python module.
    pub name: String,
    /// Which direction it binds.
    pub kind: ProjectKind,
    /// The directory the project's directory is created in.
    pub parent: PathBuf,
    /// Where its pybridge dependencies come from.
    pub source: PybridgeSource,
}

/// Creates the project: `parent/name/…`. Returns the written files.
///
/// ```
/// use pybridge_build::{NewProject, ProjectKind, PybridgeSource, new_project};
/// let parent = std::env::temp_dir().join(format!("pybridge-doc-new-{}", std::process::id()));
/// let source = PybridgeSource::Git { url: "https://example.invalid/pybridge".into(), rev: None };
/// let project = NewProject { name: "fastgeo".into(), kind: ProjectKind::Export, parent: parent.clone(), source };
/// let written = new_project(&project)?;
/// assert!(written.contains(&parent.join("fastgeo/fastgeo.yaml")));
/// // A second time: the directory is not empty, nothing is written.
/// assert!(new_project(&project).is_err());
/// # std::fs::remove_dir_all(&parent).unwrap();
/// # Ok::<(), pybridge_build::Failure>(())
/// ```
pub fn new_project(project: &NewProject) -> Result<Vec<PathBuf>, Failure> {
    check_project_name(&project.name)?;
    let dir = project.parent.join(&project.name);
    if dir.exists() && std::fs::read_dir(&dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(Failure::Io(format!("{} already exists and is not empty", dir.display())));
    }
    let files = plan_project(project);
    let existed = dir.exists();
    match crate::write::write_outputs(&dir, &files) {
        Ok(written) => Ok(written.into_iter().map(|(path, _)| path).collect()),
        Err(failure) => {
            if !existed {
                let _ = std::fs::remove_dir_all(&dir);
            }
            Err(failure)
        }
    }
}

/// Every file of the project, its placeholders filled in (nothing is written).
///
/// ```
/// use pybridge_build::{NewProject, ProjectKind, PybridgeSource, plan_project};
/// let source = PybridgeSource::Git { url: "https://example.invalid/pybridge".into(), rev: None };
/// let project = NewProject { name: "fastgeo".into(), kind: ProjectKind::Export, parent: ".".into(), source };
/// let files = plan_project(&project);
/// let spec = files.iter().find(|f| f.name == "fastgeo.yaml").unwrap();
/// assert!(spec.contents.starts_with("# yaml-language-server: $schema=pybridge.schema.json"));
/// ```
pub fn plan_project(project: &NewProject) -> Vec<OutputFile> {
    let name = project.name.as_str();
    let fill = |template: &str| {
        template
            .replace("{{name}}", name)
            .replace("{{NAME}}", &name.to_uppercase())
            .replace("{{pybridge}}", &project.source.dependency("runtime"))
            .replace("{{pybridge_build}}", &project.source.dependency("builder"))
    };
    let templates: &[(String, &str)] = &match project.kind {
        ProjectKind::Export => templates::export(name),
        ProjectKind::ExportAttribute => templates::export_attribute(name),
        ProjectKind::Import => templates::import(name),
        ProjectKind::Both => templates::both(name),
    };
    let mut files: Vec<OutputFile> =
        templates.iter().map(|(path, text)| OutputFile { name: path.clone(), contents: fill(text) }).collect();
    // The JSON Schema the spec's first line names (an attribute project has no spec).
    if project.kind != ProjectKind::ExportAttribute {
        files.push(OutputFile {
            name: "pybridge.schema.json".into(),
            contents: pybridge_model::spec::schema::emit_json_schema(),
        });
    }
    files
}

/// A project name must be a crate name, a Python module name and a Rust identifier at once.
fn check_project_name(name: &str) -> Result<(), Failure> {
    /// Rust keywords and crates a project may not shadow.
    const RUST: &[&str] = &[
        "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false",
        "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
        "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "yield",
        "core", "std", "alloc", "test", "pybridge", "pyo3",
    ];
    /// Python keywords.
    const PYTHON: &[&str] = &[
        "and", "assert", "class", "def", "del", "elif", "except", "finally", "from", "global", "import", "is",
        "lambda", "nonlocal", "not", "or", "pass", "raise", "try", "with",
    ];
    let shaped = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !shaped {
        return Err(Failure::Io(format!(
            "project name `{name}`: use lowercase ASCII letters, digits and `_`, starting with a letter (it names the crate and the Python module)"
        )));
    }
    if RUST.contains(&name) || PYTHON.contains(&name) {
        return Err(Failure::Io(format!(
            "project name `{name}` is a Rust or Python keyword or a crate it would shadow: choose another"
        )));
    }
    Ok(())
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The template files of each kind, by their path in the new project. Files two kinds share
/// are one template (`.gitignore`, a program's `Cargo.toml`, an extension's `pyproject.toml`).
mod templates {
    type Files = Vec<(String, &'static str)>;

    const GITIGNORE: &str = include_str!("templates/export/gitignore.tmpl");

    /// What differs between the two extension-module kinds.
    struct Extension {
        build: &'static str,
        lib: &'static str,
        readme: &'static str,
        spec: Option<&'static str>,
    }

    fn extension(name: &str, kind: Extension) -> Files {
        let mut files: Files = vec![
            ("Cargo.toml".into(), include_str!("templates/export/Cargo.toml.tmpl")),
            ("pyproject.toml".into(), include_str!("templates/export/pyproject.toml.tmpl")),
            ("build.rs".into(), kind.build),
            ("src/lib.rs".into(), kind.lib),
            (format!("tests/test_{name}.py"), include_str!("templates/export/test.py.tmpl")),
            (".gitignore".into(), GITIGNORE),
            ("README.md".into(), kind.readme),
        ];
        files.extend(kind.spec.map(|spec| (format!("{name}.yaml"), spec)));
        files
    }

    /// What differs between the two program kinds (`--import`, `--both`).
    struct Program {
        build: &'static str,
        spec: &'static str,
        model: &'static str,
        lib: &'static str,
        main: &'static str,
        test: &'static str,
        readme: &'static str,
    }

    fn program(name: &str, kind: Program) -> Files {
        vec![
            ("Cargo.toml".into(), include_str!("templates/import/Cargo.toml.tmpl")),
            ("build.rs".into(), kind.build),
            (format!("{name}.yaml"), kind.spec),
            (format!("python/{name}_model.py"), kind.model),
            ("src/lib.rs".into(), kind.lib),
            ("src/main.rs".into(), kind.main),
            ("tests/model.rs".into(), kind.test),
            (".gitignore".into(), GITIGNORE),
            ("README.md".into(), kind.readme),
        ]
    }

    /// An extension kind's own files, from its template directory (`$spec`: its spec, if any).
    macro_rules! extension_templates {
        ($dir:literal, $spec:expr) => {
            Extension {
                build: include_str!(concat!("templates/", $dir, "/build.rs.tmpl")),
                lib: include_str!(concat!("templates/", $dir, "/lib.rs.tmpl")),
                readme: include_str!(concat!("templates/", $dir, "/README.md.tmpl")),
                spec: $spec,
            }
        };
    }

    pub(super) fn export(name: &str) -> Files {
        extension(name, extension_templates!("export", Some(include_str!("templates/export/spec.yaml.tmpl"))))
    }

    pub(super) fn export_attribute(name: &str) -> Files {
        extension(name, extension_templates!("attribute", None))
    }

    /// A program kind's templates, all in `templates/<dir>/` under the same names.
    macro_rules! program_templates {
        ($dir:literal) => {
            Program {
                build: include_str!(concat!("templates/", $dir, "/build.rs.tmpl")),
                spec: include_str!(concat!("templates/", $dir, "/spec.yaml.tmpl")),
                model: include_str!(concat!("templates/", $dir, "/model.py.tmpl")),
                lib: include_str!(concat!("templates/", $dir, "/lib.rs.tmpl")),
                main: include_str!(concat!("templates/", $dir, "/main.rs.tmpl")),
                test: include_str!(concat!("templates/", $dir, "/test.rs.tmpl")),
                readme: include_str!(concat!("templates/", $dir, "/README.md.tmpl")),
            }
        };
    }

    pub(super) fn import(name: &str) -> Files {
        program(name, program_templates!("import"))
    }

    pub(super) fn both(name: &str) -> Files {
        program(name, program_templates!("both"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(kind: ProjectKind) -> NewProject {
        NewProject {
            name: "demo".into(),
            kind,
            parent: ".".into(),
            source: PybridgeSource::Git { url: "https://example.invalid/pybridge".into(), rev: Some("v0.1.0".into()) },
        }
    }

    #[test]
    fn every_placeholder_is_filled_and_every_spec_starts_with_the_schema_line() {
        for kind in [ProjectKind::Export, ProjectKind::Import, ProjectKind::Both] {
            let files = plan_project(&project(kind));
            for file in &files {
                assert!(!file.contents.contains("{{"), "{kind:?} {}: {}", file.name, file.contents);
            }
            let spec = files.iter().find(|f| f.name == "demo.yaml").expect("a spec");
            assert!(spec.contents.starts_with("# yaml-language-server: $schema=pybridge.schema.json\n"));
            let cargo = files.iter().find(|f| f.name == "Cargo.toml").unwrap();
            assert!(
                cargo.contents.contains(r#"pybridge = { git = "https://example.invalid/pybridge", rev = "v0.1.0" }"#)
            );
        }
    }

    #[test]
    fn every_spec_it_writes_passes_check() {
        for kind in [ProjectKind::Export, ProjectKind::Import, ProjectKind::Both] {
            let files = plan_project(&project(kind));
            let spec = files.iter().find(|f| f.name == "demo.yaml").unwrap();
            let (_, result) = pybridge_model::load_and_check(spec.contents.as_bytes());
            assert!(result.is_ok(), "{kind:?}: {:?}", result.err());
        }
    }

    #[test]
    fn the_attribute_project_declares_the_module_its_tests_import() {
        let files = plan_project(&project(ProjectKind::ExportAttribute));
        assert!(!files.iter().any(|f| f.name.ends_with(".yaml") || f.name.ends_with(".json")));
        let lib = files.iter().find(|f| f.name == "src/lib.rs").unwrap();
        let mut diags = pybridge_model::Diagnostics::new();
        let modules = pybridge_model::rust::scan_source(&lib.contents, &mut diags);
        assert!(!diags.has_errors(), "{diags:?}");
        assert_eq!(modules.iter().map(|m| m.name.py.as_str()).collect::<Vec<_>>(), ["demo"]);
    }

    #[test]
    fn names_that_are_not_identifiers_or_are_keywords_are_refused() {
        for bad in ["", "Demo", "1demo", "my-demo", "class", "self", "pybridge", "déjà"] {
            assert!(check_project_name(bad).is_err(), "{bad}");
        }
        check_project_name("fast_geo2").unwrap();
    }

    #[test]
    fn toml_strings_escape_quotes_and_backslashes() {
        assert_eq!(toml_string(r#"C:\a "b""#), r#""C:\\a \"b\"""#);
    }
}
