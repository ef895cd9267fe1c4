//! The CLI as users run it: exit codes, stdout/stderr discipline, the broken-spec corpus with
//! its rendered messages (`tests/spec_errors/*.expected`, re-recorded by `PYBRIDGE_BLESS=1`),
//! and output files that are complete, deterministic and rewritten only when they change.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bindgen-cli")).args(args).current_dir(root()).output().expect("run bindgen-cli")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pybridge-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/spec_errors"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_broken_spec_prints_its_located_message_and_exits_1() {
    let files = corpus();
    assert!(files.len() >= 30, "the corpus has {} files", files.len());
    let bless = std::env::var_os("PYBRIDGE_BLESS").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for file in files {
        let rel = file.strip_prefix(root()).unwrap().to_string_lossy().into_owned();
        let out = cli(&["check", &rel]);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{rel}: exit code; stderr:\n{stderr}");
        assert!(out.stdout.is_empty(), "{rel}: stdout must stay empty");
        assert!(stderr.starts_with(&format!("{rel}:")), "{rel}: first line must be located:\n{stderr}");
        let expected_path = file.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, &stderr).unwrap();
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(expected) if expected == stderr => {}
            Ok(expected) => failures.push(format!("{rel}\n--- expected\n{expected}--- actual\n{stderr}")),
            Err(_) => failures.push(format!("{rel}: no {} (record with PYBRIDGE_BLESS=1)", expected_path.display())),
        }
    }
    assert!(failures.is_empty(), "{} corpus mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn gen_of_a_broken_spec_writes_nothing() {
    let out_dir = temp_dir("broken");
    let out = cli(&["gen", "tests/spec_errors/many_errors.yaml", "--out-dir", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out_dir.exists(), "no output directory may be created for an invalid spec");
}

#[test]
fn a_missing_spec_is_an_io_error_exit_2() {
    let out = cli(&["check", "tests/spec_errors/does-not-exist.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("cannot read spec tests/spec_errors/does-not-exist.yaml"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn usage_errors_exit_2_and_help_shows_examples() {
    assert_eq!(cli(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(cli(&["gen"]).status.code(), Some(2));
    let help = cli(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8(help.stdout).unwrap();
    assert!(text.contains("bindgen-cli gen specs/examples/hello_import.yaml"), "{text}");
    assert!(text.contains("Exit codes"), "{text}");
}

/// Runs the CLI with `which` ("stdout" or "stderr") writing into a pipe whose reading end is
/// already closed (a reader that exited early: `bindgen-cli check bad.yaml 2>&1 | head -c1`),
/// so every write there fails with EPIPE; the other stream is captured.
fn cli_into_closed_pipe(args: &[&str], which: &str) -> Output {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let mut command = Command::new(env!("CARGO_BIN_EXE_bindgen-cli"));
    command.args(args).current_dir(root());
    match which {
        "stderr" => command.stderr(writer).stdout(std::process::Stdio::piped()),
        _ => command.stdout(writer).stderr(std::process::Stdio::piped()),
    };
    command.output().expect("run bindgen-cli")
}

#[test]
fn a_closed_stderr_or_stdout_keeps_the_exit_codes() {
    let out_dir = temp_dir("closed-pipe");
    let out = out_dir.to_str().unwrap();
    let cases: [(&[&str], i32); 5] = [
        (&["check", "tests/spec_errors/many_errors.yaml"], 1),
        (&["check", "tests/spec_errors/does-not-exist.yaml"], 2),
        (&["check", "specs/examples/hello_import.yaml"], 0),
        (&["gen", "specs/examples/hello_import.yaml", "--out-dir", out], 0),
        (&["frobnicate"], 2),
    ];
    for (args, code) in cases {
        for which in ["stderr", "stdout"] {
            let result = cli_into_closed_pipe(args, which);
            assert_eq!(
                result.status.code(),
                Some(code),
                "{args:?} with {which} closed: {}{}",
                String::from_utf8_lossy(&result.stdout),
                String::from_utf8_lossy(&result.stderr)
            );
        }
    }
    // The generation itself happened although nobody read its report.
    assert!(out_dir.join("hello_import.rs").is_file());
    let help = cli_into_closed_pipe(&["--help"], "stdout");
    assert_eq!(help.status.code(), Some(0));
    // A closed descriptor (`2>&-`) rather than a broken pipe: writes fail with EBADF.
    let closed = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" check tests/spec_errors/many_errors.yaml 2>&-")
        .arg(env!("CARGO_BIN_EXE_bindgen-cli"))
        .current_dir(root())
        .output()
        .expect("run sh");
    assert_eq!(closed.status.code(), Some(1), "{}", String::from_utf8_lossy(&closed.stdout));
}

#[test]
fn check_of_a_valid_spec_is_silent_and_exits_0() {
    let out = cli(&["check", "specs/examples/hello_import.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
    assert!(out.stderr.is_empty());
}

#[test]
fn gen_twice_is_byte_identical_and_leaves_unchanged_files_alone() {
    let out_dir = temp_dir("twice");
    let dir = out_dir.to_str().unwrap();
    let first = cli(&["gen", "specs/examples/hello_export.yaml", "--out-dir", dir]);
    assert_eq!(first.status.code(), Some(0), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(first.stdout.is_empty());
    let rs = out_dir.join("hello_export.rs");
    let pyi = out_dir.join("hello_spec.pyi");
    let (rs1, pyi1) = (std::fs::read(&rs).unwrap(), std::fs::read(&pyi).unwrap());
    let mtime = std::fs::metadata(&rs).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = cli(&["gen", "specs/examples/hello_export.yaml", "--out-dir", dir]);
    assert_eq!(second.status.code(), Some(0));
    assert_eq!(std::fs::read(&rs).unwrap(), rs1);
    assert_eq!(std::fs::read(&pyi).unwrap(), pyi1);
    assert_eq!(std::fs::metadata(&rs).unwrap().modified().unwrap(), mtime, "unchanged output must not be rewritten");
    assert!(String::from_utf8(second.stderr).unwrap().contains("unchanged"));
    let leftovers: Vec<_> = std::fs::read_dir(&out_dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 2, "no temporary files may remain: {leftovers:?}");
    std::fs::remove_dir_all(&out_dir).unwrap();
}

#[test]
fn an_output_path_that_is_a_file_is_an_io_error() {
    let file = temp_dir("file-not-dir");
    std::fs::write(&file, "occupied").unwrap();
    let out = cli(&["gen", "specs/examples/hello_export.yaml", "--out-dir", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("is not a directory"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "occupied");
    std::fs::remove_file(&file).unwrap();
}

#[test]
fn an_output_file_that_is_a_directory_fails_before_writing_anything() {
    let out_dir = temp_dir("dir-in-way");
    std::fs::create_dir_all(out_dir.join("hello_spec.pyi")).unwrap();
    let out = cli(&["gen", "specs/examples/hello_export.yaml", "--out-dir", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!out_dir.join("hello_export.rs").exists(), "nothing may be written when one output cannot be");
    std::fs::remove_dir_all(&out_dir).unwrap();
}

/// The process's uid (the owner of `/proc/self`), without a libc dependency.
fn uid() -> u32 {
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(u32::MAX)
}

/// Files in `dir` whose names are those of the outputs or of their temporary siblings.
fn outputs_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                .filter(|n| n.contains("hello_export") || n.contains("hello_spec"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_read_only_output_dir_is_an_io_error_and_nothing_is_written() {
    // Permission bits do not stop root (which CI may run as), so the always-unwritable case is
    // a directory of sysfs: EACCES (or EROFS) for every user, root included.
    let dir = Path::new("/sys/kernel");
    assert!(dir.is_dir(), "this test needs sysfs at /sys");
    let out = cli(&["gen", "specs/examples/hello_export.yaml", "--out-dir", "/sys/kernel"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("error: cannot write /sys/kernel/hello_export.rs: "), "{stderr}");
    assert!(stderr.contains("Permission denied") || stderr.contains("Read-only file system"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one clear line: {stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(outputs_in(dir), Vec::<String>::new(), "nothing half-written");

    // A directory that cannot be created (procfs): also exit 2, named.
    let out = cli(&["gen", "specs/examples/hello_export.yaml", "--out-dir", "/proc/self/pybridge-out"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("error: cannot create output directory /proc/self/pybridge-out: "), "{stderr}");

    // The ordinary case, a directory without write permission, only means something when not
    // running as root (root writes anyway).
    if uid() != 0 {
        use std::os::unix::fs::PermissionsExt as _;
        let out_dir = temp_dir("read-only");
        std::fs::create_dir_all(&out_dir).unwrap();
        std::fs::set_permissions(&out_dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        let out = cli(&["gen", "specs/examples/hello_export.yaml", "--out-dir", out_dir.to_str().unwrap()]);
        std::fs::set_permissions(&out_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("Permission denied"), "{stderr}");
        assert_eq!(outputs_in(&out_dir), Vec::<String>::new(), "nothing half-written");
        std::fs::remove_dir_all(&out_dir).unwrap();
    }
}

#[test]
fn pyi_of_a_source_that_does_not_lex_points_at_the_unclosed_bracket() {
    let dir = temp_dir("pyi-unclosed");
    std::fs::create_dir_all(&dir).unwrap();
    let src = dir.join("lib.rs");
    std::fs::write(&src, "#[py_embed]\nmod m {\n    pub fn f(x: i64 -> i64 {\n        x\n    }\n}\n").unwrap();
    let out = cli(&["pyi", src.to_str().unwrap(), "--out-dir", dir.join("out").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("lib.rs:3:13: error: this `(` is never closed"), "{stderr}");
    assert!(!stderr.contains("token stream"), "{stderr}");
    assert!(!dir.join("out").exists(), "nothing is written");
}

#[test]
fn scan_prints_a_spec_that_check_accepts_and_the_drift_check_exits_1_with_located_errors() {
    let out = cli(&["scan", "fnmatch", "--include", "fnmatch*"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let yaml = String::from_utf8_lossy(&out.stdout);
    assert!(yaml.contains("module: \"fnmatch\"") && yaml.contains("name: \"fnmatchcase\""), "{yaml}");
    assert!(!yaml.contains("name: \"filter\""), "--include kept `filter`:\n{yaml}");
    let dir = temp_dir("scan");
    let spec = dir.join("fnmatch.yaml");
    let out = cli(&["scan", "fnmatch", "-o", spec.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(cli(&["check", spec.to_str().unwrap()]).status.success());
    assert!(cli(&["check", "--against-live", spec.to_str().unwrap()]).status.success());
    let out = cli(&["check", "--against-live", "tests/scan/drift.yaml", "--sys-path", "tests/python"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("tests/scan/drift.yaml:8:15: error: function `scan_mod.greeting` does not exist"),
        "{stderr}"
    );
    // A module that cannot be imported is an error at the module's name, not a crash.
    let out = cli(&["scan", "no_such_module_here"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No module named 'no_such_module_here'"));
}

#[test]
fn new_creates_each_kind_and_refuses_bad_names_and_occupied_directories() {
    let dir = temp_dir("new");
    std::fs::create_dir_all(&dir).unwrap();
    let parent = dir.to_str().unwrap();
    for kind in ["--export", "--import", "--both"] {
        let name = format!("demo{}", kind.trim_start_matches('-'));
        let out = cli(&["new", &name, kind, "--dir", parent, "--pybridge-git", "https://example.invalid/pybridge"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let spec = dir.join(&name).join(format!("{name}.yaml"));
        assert!(spec.is_file(), "{kind}");
        // What `new` writes passes `check`.
        let check = cli(&["check", spec.to_str().unwrap()]);
        assert!(check.status.success(), "{kind}: {}", String::from_utf8_lossy(&check.stderr));
    }
    let attribute = cli(&["new", "demoattr", "--export", "--attribute", "--dir", parent, "--pybridge-git", "x"]);
    assert!(attribute.status.success(), "{}", String::from_utf8_lossy(&attribute.stderr));
    assert!(dir.join("demoattr/src/lib.rs").is_file() && !dir.join("demoattr/demoattr.yaml").exists());
    // `--attribute` is for `--export` only.
    assert_eq!(cli(&["new", "z", "--import", "--attribute", "--dir", parent]).status.code(), Some(2));
    // The same name again: refused, nothing overwritten.
    let again = cli(&["new", "demoexport", "--export", "--dir", parent]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists and is not empty"));
    for bad in ["Demo", "my-demo", "class", "1x"] {
        let out = cli(&["new", bad, "--import", "--dir", parent]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(!dir.join(bad).exists(), "{bad}");
    }
    // A kind is required; a path that is no pybridge checkout is refused.
    assert_eq!(cli(&["new", "x", "--dir", parent]).status.code(), Some(2));
    let not_pybridge = cli(&["new", "y", "--export", "--dir", parent, "--pybridge-path", parent]);
    assert_eq!(not_pybridge.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&not_pybridge.stderr).contains("not a pybridge checkout"));
    std::fs::remove_dir_all(&dir).unwrap();
}
