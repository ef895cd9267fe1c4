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
    after_help = "Examples:\n  bindgen-cli check specs/examples/hello_import.yaml\n  bindgen-cli gen specs/examples/hello_import.yaml --out-dir target/bindings\n  bindgen-cli pyi examples/shapes/src/lib.rs --out-dir examples/shapes\n\nExit codes: 0 ok, 1 invalid spec, 2 usage or I/O error."
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
        Command::Check { spec } => pybridge_build::check_spec(&spec).map(|_| ()),
        Command::Gen { spec, out_dir } => report(pybridge_build::generate(&spec, &out_dir)?),
        Command::Pyi { source, out_dir } => report(pybridge_build::generate_pyi_from_source(&source, &out_dir)?),
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
