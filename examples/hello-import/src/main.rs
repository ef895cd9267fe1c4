//! Python → Rust: call `math` and a small Python module of this example through typed stubs
//! generated from `specs/examples/hello_import.yaml`.

include!(concat!(env!("OUT_DIR"), "/hello_import.rs"));

fn main() -> Result<(), pybridge::Error> {
    pybridge::add_sys_path(concat!(env!("CARGO_MANIFEST_DIR"), "/python"))?;

    println!("sqrt(2) = {}", math::sqrt(2.0)?);
    println!("gcd(84, 36) = {}", math::gcd(84, 36)?);
    println!("pi = {}", math::pi()?);

    let counts = textstats::word_counts("the cat and The hat", None, Some(3))?;
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort();
    println!("word_counts = {counts:?}");
    println!("scale = {:?}", textstats::scale(&[1.0, 2.5], 2.0)?);
    println!("longest = {:?}", textstats::longest(&["a", "abc"])?);

    // A Python exception arrives as a typed Rust error with its traceback.
    let err = textstats::fail("bad input").unwrap_err();
    println!("error: {err}");
    if let Some(traceback) = err.python().and_then(|e| e.traceback.as_deref()) {
        println!("{traceback}");
    }
    Ok(())
}
