// Input of the `#[py_embed]` expansion snapshot (tests/tests/golden.rs).

/// Fast math for Python.
#[py_embed(name = "fastmath")]
mod fast {
    /// Adds two integers.
    #[py_embed]
    pub fn add(a: i64, b: i64) -> i64 {
        a + b
    }

    /// Parses a number.
    #[py_embed(name = "parse")]
    pub fn parse_number(text: &str) -> Result<f64, std::num::ParseFloatError> {
        text.parse()
    }

    // Not exported: no attribute.
    pub fn helper() {}
}
