//! `bindgen-cli`: check a spec, or generate Rust and `.pyi` files from it.
//! Exit codes: 0 ok, 1 invalid spec, 2 usage or I/O error. Diagnostics go to stderr; stdout
//! carries only what was asked for (nothing, for `check` and `gen`). A stderr that is closed or
//! whose reader went away (EPIPE) does not change the exit code: messages are then dropped.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "bindgen-cli",
    version,
    about = "Generate Python bindings in both directions from a pybridge YAML spec",
    after_help = "Examples:\n  bindgen-cli check specs/examples/hello_import.yaml\n  bindgen-cli gen specs/examples/hello_import.yaml --out-dir target/bindings\n  bindgen-cli pyi examples/shapes/src/lib.rs --out-dir examples/shapes\n  bindgen-cli new fastgeo --export\n\nExit codes: 0 ok, 1 invalid spec, 2 usage or I/O error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate a spec; print located problems to stderr.
    Check {
        /// The YAML spec.
        spec: PathBuf,
        /// Also compare each import entry with its live module (imported in the interpreter):
        /// names, kinds, parameters and annotated types; each mismatch at its spec line.
        #[arg(long)]
        against_live: bool,
        /// The interpreter for `--against-live` (default: `$VIRTUAL_ENV/bin/python`, then
        /// `$PYO3_PYTHON`, then `python3`).
        #[arg(long)]
        python: Option<PathBuf>,
        /// A directory to put first on the interpreter's `sys.path` for `--against-live`;
        /// repeatable.
        #[arg(long)]
        sys_path: Vec<PathBuf>,
    },
    /// Write an import spec for a Python module, read from the live module or from its `.pyi`.
    Scan {
        /// The dotted module name (`textwrap`, `pkg.models`).
        module: String,
        /// Where to write the spec (default: stdout).
        #[arg(long, short = 'o')]
        out: Option<PathBuf>,
        /// The interpreter to import the module in (default: `$VIRTUAL_ENV/bin/python`, then
        /// `$PYO3_PYTHON`, then `python3`); with `--pyi`, the one whose version and platform
        /// the stubs' `sys.version_info`/`sys.platform` branches are evaluated for.
        #[arg(long)]
        python: Option<PathBuf>,
        /// Read types from this `.pyi` file, or from the module's stub in this directory
        /// (typeshed's layout), without importing the module.
        #[arg(long)]
        pyi: Option<PathBuf>,
        /// Keep only the names matching this glob (`*`, `?`); repeatable.
        #[arg(long)]
        include: Vec<String>,
        /// Leave out the names matching this glob; repeatable.
        #[arg(long)]
        exclude: Vec<String>,
        /// A directory to put first on the interpreter's `sys.path`; repeatable.
        #[arg(long)]
        sys_path: Vec<PathBuf>,
        /// Update this hand-edited spec instead of starting afresh: its declarations, Rust
        /// names, docs and types are kept, parameters follow the module (written to `-o`, or
        /// stdout).
        #[arg(long)]
        merge: Option<PathBuf>,
    },
    /// Generate `<spec>.rs` (Rust) and `<module>.pyi` into a directory.
    Gen {
        /// The YAML spec.
        spec: PathBuf,
        /// Where to write (created if missing). Files are replaced atomically, and only when
        /// their contents change.
        #[arg(long, short = 'o', default_value = ".")]
        out_dir: PathBuf,
    },
    /// Create a ready project in ./NAME (or DIR/NAME): an extension module (`--export`), a
    /// program calling Python (`--import`), or both in one program (`--both`).
    #[command(group(clap::ArgGroup::new("kind").required(true).args(["export", "import", "both"])))]
    New {
        /// The project's name: its directory, crate and Python module (lowercase, `_`).
        name: String,
        /// A Python extension module in Rust: maturin `pyproject.toml`, spec, `build.rs`,
        /// pytest and mypy configuration; `maturin develop && pytest` pass at once.
        #[arg(long)]
        export: bool,
        /// With `--export`: declare the module with `#[py_embed]` in src/lib.rs instead of a spec.
        #[arg(long)]
        attribute: bool,
        /// A Rust program calling a Python model through typed stubs; `cargo test` passes at once.
        #[arg(long)]
        import: bool,
        /// A Rust program calling a Python model that calls back into Rust.
        #[arg(long)]
        both: bool,
        /// Where to create the project's directory (default: the current directory).
        #[arg(long, default_value = ".")]
        dir: PathBuf,
        /// Depend on the pybridge checkout at this path (default: the checkout this
        /// bindgen-cli was built from).
        #[arg(long, conflicts_with = "pybridge_git")]
        pybridge_path: Option<PathBuf>,
        /// Depend on pybridge from this git repository.
        #[arg(long)]
        pybridge_git: Option<String>,
        /// With `--pybridge-git`: the commit, tag or branch.
        #[arg(long, requires = "pybridge_git")]
        pybridge_rev: Option<String>,
    },
    /// Write `<module>.pyi` for each `#[py_embed] mod` of a Rust source file.
    Pyi {
        /// The Rust source file (`src/lib.rs`).
        source: PathBuf,
        /// Where to write (created if missing).
        #[arg(long, short = 'o', default_value = ".")]
        out_dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match try_main(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            say(format_args!("{failure}"));
            ExitCode::from(failure.exit_code() as u8)
        }
    }
}

fn try_main(cli: Cli) -> Result<(), pybridge_build::Failure> {
    match cli.command {
        Command::Check { spec, against_live: false, .. } => pybridge_build::check_spec(&spec).map(|_| ()),
        Command::Check { spec, against_live: true, python, sys_path } => {
            let options = pybridge_build::ScanOptions { python, sys_path, ..Default::default() };
            pybridge_build::check_against_live(&spec, &options)
        }
        Command::Scan { module, out, python, pyi, include, exclude, sys_path, merge } => {
            let merge =
                match merge {
                    Some(path) => Some(std::fs::read_to_string(&path).map_err(|e| {
                        pybridge_build::Failure::Io(format!("cannot read spec {}: {e}", path.display()))
                    })?),
                    None => None,
                };
            let options = pybridge_build::ScanOptions { python, pyi, include, exclude, sys_path, merge };
            let yaml = pybridge_build::scan_module(&module, &options)?;
            match out {
                Some(path) => {
                    let file = pybridge_build::OutputFile {
                        name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                        contents: yaml,
                    };
                    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
                    report(pybridge_build::write::write_outputs(dir, &[file])?)
                }
                None => {
                    print!("{yaml}");
                    Ok(())
                }
            }
        }
        Command::New { name, export, attribute, import, both: _, dir, pybridge_path, pybridge_git, pybridge_rev } => {
            if attribute && !export {
                return Err(pybridge_build::Failure::Io(
                    "--attribute declares an extension module with #[py_embed]: use it with --export".into(),
                ));
            }
            let kind = match (export, import) {
                (true, _) if attribute => pybridge_build::ProjectKind::ExportAttribute,
                (true, _) => pybridge_build::ProjectKind::Export,
                (_, true) => pybridge_build::ProjectKind::Import,
                _ => pybridge_build::ProjectKind::Both,
            };
            let source = pybridge_source(pybridge_path, pybridge_git, pybridge_rev)?;
            let project = pybridge_build::NewProject { name, kind, parent: dir, source };
            let written = pybridge_build::new_project(&project)?;
            let root = project.parent.join(&project.name);
            say(format_args!("created {} ({} files)", root.display(), written.len()));
            let next = match kind {
                pybridge_build::ProjectKind::Export | pybridge_build::ProjectKind::ExportAttribute => {
                    "maturin develop && pytest && mypy tests (in a virtualenv)"
                }
                _ => "cargo run && cargo test",
            };
            say(format_args!("next: cd {} && {next}", root.display()));
            Ok(())
        }
        Command::Gen { spec, out_dir } => report(pybridge_build::generate(&spec, &out_dir)?),
        Command::Pyi { source, out_dir } => report(pybridge_build::generate_pyi_from_source(&source, &out_dir)?),
    }
}

/// Where a new project's pybridge comes from: a path (checked), a git repository, or the
/// checkout this binary was built from.
fn pybridge_source(
    path: Option<PathBuf>,
    git: Option<String>,
    rev: Option<String>,
) -> Result<pybridge_build::PybridgeSource, pybridge_build::Failure> {
    use pybridge_build::{Failure, PybridgeSource};
    match (path, git) {
        (Some(path), _) => {
            let path = std::path::absolute(&path)
                .map_err(|e| Failure::Io(format!("--pybridge-path {}: {e}", path.display())))?;
            if !path.join("runtime/Cargo.toml").is_file() || !path.join("builder/Cargo.toml").is_file() {
                return Err(Failure::Io(format!(
                    "--pybridge-path {}: not a pybridge checkout (no runtime/Cargo.toml and builder/Cargo.toml)",
                    path.display()
                )));
            }
            Ok(PybridgeSource::Path(path))
        }
        (None, Some(url)) => Ok(PybridgeSource::Git { url, rev }),
        (None, None) => PybridgeSource::this_checkout().ok_or_else(|| {
            Failure::Io(
                "the pybridge checkout this bindgen-cli was built from is gone: pass --pybridge-path DIR or --pybridge-git URL"
                    .into(),
            )
        }),
    }
}

fn report(written: Vec<(PathBuf, pybridge_build::WriteOutcome)>) -> Result<(), pybridge_build::Failure> {
    for (path, outcome) in written {
        let what = match outcome {
            pybridge_build::WriteOutcome::Written => "wrote",
            pybridge_build::WriteOutcome::Unchanged => "unchanged",
        };
        say(format_args!("{what} {}", path.display()));
    }
    Ok(())
}

/// One line to stderr. `eprintln!` panics (exit 101) when the write fails, as it does with
/// EPIPE once the reading end of a pipe is gone; the exit code must stay 0, 1 or 2, so a failed
/// write is ignored (there is nowhere left to report it).
fn say(line: std::fmt::Arguments<'_>) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_fmt(line).and_then(|()| stderr.write_all(b"\n"));
}
