//! Spec parser: any bytes → parse + check never panics; every location is inside the input;
//! every diagnostic renders; a valid spec's generated Rust parses and is deterministic.
#![no_main]

use pybridge_model::{Origin, load_and_check, render::render_diagnostics};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (source, result) = load_and_check(data);
    match result {
        Err(diagnostics) => {
            let lines: Vec<&str> = source.lines().collect();
            for d in &diagnostics {
                for origin in std::iter::once(d.origin).chain(d.note.iter().map(|(o, _)| *o)) {
                    if let Origin::Spec(loc) = origin {
                        let count = lines.len().max(1) as u32;
                        assert!(loc.line >= 1 && loc.line <= count, "line {} of {count}", loc.line);
                        let width = lines.get(loc.line as usize - 1).map_or(0, |l| l.chars().count()) as u32;
                        assert!(loc.col >= 1 && loc.col <= width + 1, "column {} of {width}", loc.col);
                    }
                }
            }
            let text = render_diagnostics("fuzz.yaml", &source, &diagnostics);
            assert!(text.contains("error"));
        }
        Ok(bridge) => {
            let first = pybridge_codegen::emit_bridge_rust(&bridge, "fuzz.yaml");
            let second = pybridge_codegen::emit_bridge_rust(&bridge, "fuzz.yaml");
            assert_eq!(first, second, "generation is deterministic");
            if let Err(e) = syn::parse_file(&first) {
                panic!("generated Rust does not parse: {e}\n{first}");
            }
            if let Some(export) = bridge.export() {
                let _ = pybridge_codegen::emit_pyi(export, "fuzz.yaml");
            }
        }
    }
});
