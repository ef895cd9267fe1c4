//! Seed 003's classic extension module, `spam`, with `#[py_embed]`: `spam.system(command)` runs
//! a shell command and returns its exit status; `spam.error` is raised when the command cannot
//! run at all (it could not be started, or a signal killed it).
//!
//! The C version needed a method table, `PyArg_ParseTuple`, `Py_BuildValue`, an exception
//! object created and reference-counted by hand, and `PyInit_spam`. Here it is this file.
//! Build the wheel with `maturin build -m examples/spam/Cargo.toml`.

/// The `spam` module of the Python extending tutorial, in Rust.
#[pybridge::py_embed]
pub mod spam {
    /// Raised when a command cannot be run.
    #[py_embed(exception, name = "error")]
    #[derive(Debug)]
    pub struct SpamError {
        message: String,
    }

    impl std::fmt::Display for SpamError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&self.message)
        }
    }

    /// Execute a shell command; returns its exit status.
    #[py_embed]
    pub fn system(command: &str) -> Result<i64, SpamError> {
        let status = std::process::Command::new("/bin/sh")
            .arg("-c")
            .arg(command)
            .status()
            .map_err(|e| SpamError { message: format!("cannot run {command:?}: {e}") })?;
        status.code().map(i64::from).ok_or_else(|| SpamError { message: format!("{command:?} was killed by a signal") })
    }
}
