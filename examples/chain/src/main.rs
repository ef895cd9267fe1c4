//! Rust → Python → Rust → Python in one program: `main` calls the Python `pipeline.run` through
//! a generated stub; the pipeline calls `ranker.score`, a Rust function this binary exports, and
//! a Rust closure, which calls back into Python (`pipeline.log`) and may fail.

include!(concat!(env!("OUT_DIR"), "/chain.rs"));

/// The Rust module the Python pipeline imports as `ranker`.
#[pybridge::py_embed]
pub mod ranker {
    /// A word's score: its vowels per letter.
    #[py_embed]
    pub fn score(word: &str) -> f64 {
        let vowels = word.chars().filter(|c| "aeiou".contains(*c)).count();
        vowels as f64 / word.len().max(1) as f64
    }
}

fn main() -> Result<(), pybridge::Error> {
    // One line registers the exported module; `import ranker` then works inside Python.
    pybridge::Interpreter::builder()
        .embed(ranker::RANKER_MODULE)
        .sys_path(concat!(env!("CARGO_MANIFEST_DIR"), "/python"))
        .start()?;

    let words = ["rust", "python", "queue", "bridge"];
    // The closure Python calls after each word; it calls back into Python, and its `Err` (here
    // never) would be raised inside `pipeline.run` and come back as `run`'s error.
    let ranked = pipeline::run(&words, |i, word| pipeline::log(&format!("{i}: scored {word}")))?;
    for (word, score) in &ranked {
        println!("{word:>8} {score:.2}");
    }
    let log = pipeline::messages()?;
    println!("log: {log:?}");
    assert_eq!(ranked[0].0, "queue");
    assert_eq!(log.len(), words.len());

    // A closure that fails: its error is raised in Python, and `run` returns it.
    let err = pipeline::run(&["x"], |_, word| -> Result<(), String> { Err(format!("refused {word}")) }).unwrap_err();
    println!("a failing callback: {err}");
    assert!(err.is_python("RuntimeError"));
    Ok(())
}
