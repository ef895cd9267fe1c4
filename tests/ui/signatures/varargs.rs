// `*args` receives a `Vec<T>` and `**kwargs` a `HashMap<String, T>`: other types are refused.
#[pybridge::py_embed]
mod m {
    #[py_embed(signature = (a, *rest, **opts))]
    pub fn total(a: i64, rest: i64, opts: Vec<i64>) -> i64 {
        a + rest + opts.len() as i64
    }
}

fn main() {}
