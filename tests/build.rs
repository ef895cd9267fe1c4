fn main() {
    pybridge_build::Builder::new("specs/skeleton_import.yaml").build();
    pybridge_build::Builder::new("specs/skeleton_export.yaml").build();
    pybridge_build::Builder::new("specs/both_ways.yaml").build();
    pybridge_build::Builder::new("specs/soundness.yaml").build();
    pybridge_build::Builder::new("specs/conversions.yaml").build();
    pybridge_build::Builder::new("specs/view_shapes.yaml").build();
    pybridge_build::Builder::new("specs/import_values.yaml").build();
    pybridge_build::Builder::new("specs/pool.yaml").build();
    // Specs written by `bindgen-cli scan` (tests/tests/scan.rs keeps them current).
    for module in [
        "calendar",
        "difflib",
        "fnmatch",
        "json",
        "my_module",
        "py4cc",
        "scan_mod",
        "shlex",
        "statistics",
        "string",
        "textstats",
        "textwrap",
    ] {
        pybridge_build::Builder::new(format!("scanned/{module}.yaml")).build();
    }
}
