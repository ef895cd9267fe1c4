//! What a crate depending on `pybridge` compiles: the `#[py_embed]` proc-macro builds neither
//! the YAML front end nor the pretty-printer (they are features of pybridge-model and
//! pybridge-codegen that only the Builder and the CLI turn on).

#[test]
fn the_proc_macro_compiles_no_yaml_and_no_pretty_printer() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let root = pybridge_tests::workspace_root();
    let output = std::process::Command::new(cargo)
        .args(["tree", "--offline", "--locked", "-p", "pybridge", "-e", "normal", "--prefix", "none"])
        .current_dir(&root)
        .output()
        .expect("run cargo tree");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(tree.contains("pybridge-macros"), "{tree}");
    for unwanted in ["yaml-rust2", "prettyplease", "strsim", "unicode-width"] {
        assert!(!tree.contains(unwanted), "`pybridge` depends on {unwanted}:\n{tree}");
    }
}
