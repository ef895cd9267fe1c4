//! Properties of the broken-spec corpus beyond its rendered text (pinned by the CLI tests):
//! every problem is located inside the file, and hostile inputs (alias bomb, 10k-deep nesting)
//! are refused without exhausting memory or the stack.

use pybridge_model::{Origin, load_and_check};
use pybridge_tests::workspace_root;

#[test]
fn every_location_is_inside_its_file() {
    let dir = workspace_root().join("tests/spec_errors");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let (source, result) = load_and_check(&bytes);
        let diags = result.expect_err(&format!("{} should be rejected", path.display()));
        assert!(!diags.is_empty());
        let lines: Vec<&str> = source.lines().collect();
        for d in diags {
            let origins = std::iter::once(d.origin).chain(d.note.iter().map(|(o, _)| *o));
            for origin in origins {
                let Origin::Spec(loc) = origin else { panic!("{}: spec problem without a location", path.display()) };
                let line_count = lines.len().max(1) as u32;
                assert!(
                    loc.line >= 1 && loc.line <= line_count,
                    "{}: line {} of {line_count}",
                    path.display(),
                    loc.line
                );
                let width = lines.get(loc.line as usize - 1).map_or(0, |l| l.chars().count()) as u32;
                assert!(
                    loc.col >= 1 && loc.col <= width + 1,
                    "{}: column {} on a line of {width}",
                    path.display(),
                    loc.col
                );
            }
        }
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} corpus files");
}

#[test]
fn an_alias_bomb_is_refused_at_the_first_alias() {
    let bytes = std::fs::read(workspace_root().join("tests/spec_errors/alias_bomb.yaml")).unwrap();
    let (_, result) = load_and_check(&bytes);
    let diags = result.unwrap_err();
    assert_eq!(diags.len(), 1);
    assert!(diags[0].message.contains("aliases"), "{}", diags[0].message);
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    // Run on a small stack to prove the parser and tree builder do not recurse per level.
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let text = format!("version: 1\nimport: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
            let (_, result) = load_and_check(text.as_bytes());
            result.unwrap_err().iter().map(|d| d.message.clone()).collect::<Vec<_>>()
        })
        .unwrap();
    let messages = handle.join().expect("no stack overflow");
    // The documented refusal, not the YAML scanner's own "recursion limit exceeded".
    assert_eq!(messages, ["nesting deeper than 64 levels"]);
}

#[test]
fn arbitrary_garbage_never_panics() {
    // A deterministic sweep of mutated specs: every byte position of a valid spec replaced by
    // characters YAML cares about. Each run must end in Ok or located diagnostics.
    let base = std::fs::read(workspace_root().join("specs/examples/hello_import.yaml")).unwrap();
    for (i, replacement) in
        (0..base.len()).step_by(7).zip([b':', b'-', b'[', b'{', b'\t', b'"', b'&', b'*', 0xff].iter().cycle())
    {
        let mut bytes = base.clone();
        bytes[i] = *replacement;
        let (_, result) = load_and_check(&bytes);
        if let Err(diags) = result {
            assert!(diags.iter().all(|d| d.loc().is_some()), "unlocated problem at byte {i}");
        }
    }
}

#[test]
fn fuzz_regressions_stay_fixed() {
    // Inputs that once crashed a fuzz target (fuzz/regressions/): now located errors or valid
    // specs whose generated Rust parses.
    let dir = workspace_root().join("fuzz/regressions");
    let (mut seen, mut expanded, mut total) = (0, 0, 0);
    for entry in std::fs::read_dir(dir).unwrap() {
        total += 1;
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        if path.file_name().unwrap().to_string_lossy().starts_with("attribute-") {
            // Tokens for `#[py_embed]` (the attribute target splits arguments from the item at
            // the first `|`): the expansion must come back, and parse.
            let text = String::from_utf8_lossy(&bytes);
            let (args, item) = text.split_once('|').unwrap_or(("", &text));
            // Inputs that do not even lex are the fuzzer's too: rustc stops before the macro.
            if let (Ok(args), Ok(item)) = (args.parse(), item.parse()) {
                let tokens = pybridge_codegen::expand_py_embed(args, item);
                pybridge_model_syn::parse2::<pybridge_model_syn::File>(tokens).expect("the expansion parses");
                expanded += 1;
            }
            seen += 1;
            continue;
        }
        let (_, result) = load_and_check(&bytes);
        if let Ok(bridge) = result {
            let rust = pybridge_codegen::emit_bridge_rust(&bridge, "regression.yaml");
            pybridge_model_syn::parse_file(&rust).expect("generated Rust parses");
        }
        seen += 1;
    }
    assert_eq!(seen, total, "every regression is replayed");
    assert!(expanded >= 1, "no attribute regression was expanded");
}
