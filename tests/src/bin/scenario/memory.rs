//! Memory: refcounts and the process RSS stay flat over a million calls, and handles dropped
//! on unattached threads are released.

use pybridge::__private::pyo3::types::PyAnyMethods;
use pybridge_tests::skeleton::skel_mod;

use crate::start;

/// Python's own `sys.getrefcount(o)`.
fn getrefcount(py: pybridge::Python<'_>, o: &pybridge::Object) -> i64 {
    py.import("sys").and_then(|sys| sys.getattr("getrefcount")?.call1((o,))?.extract()).unwrap_or(-1)
}

fn rss_kib() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm.split_whitespace().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
    pages * 4
}

/// The verdict of a million-call scenario: the refcount unchanged and the RSS grown by at most
/// 1 MiB, or what moved.
fn flat((before_refs, after_refs): (i64, i64), (before_rss, after_rss): (u64, u64)) -> Result<String, String> {
    if after_refs != before_refs {
        return Err(format!("refcount {before_refs} -> {after_refs}"));
    }
    let growth = after_rss.saturating_sub(before_rss);
    if growth > 1024 {
        return Err(format!("RSS grew {growth} KiB ({before_rss} -> {after_rss} KiB)"));
    }
    Ok(format!(
        "1000000 calls; refcount {before_refs} -> {after_refs}; RSS {before_rss} -> {after_rss} KiB (+{growth} KiB)"
    ))
}

/// 1,000,000 stub calls: the argument's refcount and the process RSS stay flat.
pub(crate) fn refcount_rss() -> Result<String, String> {
    start()?;
    let object: pybridge::Object =
        pybridge::attach(|py| py.eval(c"[1, 2, 3]", None, None).map(|o| o.unbind())).map_err(|e| e.to_string())?;
    let refcount = |o: &pybridge::Object| pybridge::attach(|py| getrefcount(py, o));
    // Warm up: caches, interned names, allocator arenas.
    for _ in 0..10_000 {
        skel_mod::identity(&object).map_err(|e| e.to_string())?;
    }
    let (before_refs, before_rss) = (refcount(&object), rss_kib());
    for _ in 0..1_000_000 {
        skel_mod::identity(&object).map_err(|e| e.to_string())?;
    }
    let (after_refs, after_rss) = (refcount(&object), rss_kib());
    flat((before_refs, after_refs), (before_rss, after_rss))
}

/// 100,000 handles dropped on threads that never attach are released at the next attach.
pub(crate) fn drop_unattached() -> Result<String, String> {
    start()?;
    let (object, baseline) = pybridge::attach(|py| {
        let o = py.eval(c"object()", None, None).map(|o| o.unbind());
        o.map(|o| {
            let rc = getrefcount(py, &o);
            (o, rc)
        })
    })
    .map_err(|e| e.to_string())?;
    let handles: Vec<pybridge::Object> = pybridge::attach(|py| (0..100_000).map(|_| object.clone_ref(py)).collect());
    let raised = pybridge::attach(|py| getrefcount(py, &object));
    let chunks: Vec<Vec<pybridge::Object>> = handles.into_iter().fold(vec![Vec::new()], |mut acc, h| {
        if acc.last().is_some_and(|c| c.len() == 12_500) {
            acc.push(Vec::new());
        }
        acc.last_mut().unwrap().push(h);
        acc
    });
    let threads: Vec<_> = chunks.into_iter().map(|chunk| std::thread::spawn(move || drop(chunk))).collect();
    for t in threads {
        t.join().map_err(|_| "join".to_string())?;
    }
    let after = pybridge::attach(|py| getrefcount(py, &object));
    if after != baseline {
        return Err(format!("refcount {baseline} -> {raised} -> {after} after the next attach"));
    }
    Ok(format!("refcount {baseline} -> {raised} with 100000 handles -> {after} after dropping them unattached"))
}

/// 1,000,000 calls of issue 14's conversions (a union holding a class handle, `Json`, a
/// `*args`/`**kwargs` call, a closure whose `Err` is raised in Python and caught there, a
/// positional-only default read from the signature): the handle's object keeps its refcount
/// and the process RSS stays flat.
pub(crate) fn values_rss() -> Result<String, String> {
    use pybridge_tests::import_values::values_mod;
    start()?;
    let extra = std::collections::HashMap::from([("k".to_string(), 1i64)]);
    let data = pybridge::Json(pybridge::serde_json::json!({"a": [1, 2.5, null], "b": "text"}));
    let boxed = values_mod::Box::new(4).map_err(|e| e.to_string())?;
    let round = || -> Result<(), String> {
        let e = |e: values_mod::Error| e.to_string();
        values_mod::boxed(boxed.clone()).map_err(e)?;
        values_mod::annotate(data.clone()).map_err(e)?;
        values_mod::gather(1, None, &["x"], None, &extra).map_err(e)?;
        values_mod::apply_guarded(|x: i64| if x > 0 { Err("no") } else { Ok(x) }, 1).map_err(e)?;
        values_mod::po(1, None, Some(3), None).map_err(e)?;
        Ok(())
    };
    for _ in 0..10_000 {
        round()?;
    }
    let refcount = || pybridge::attach(|py| getrefcount(py, boxed.as_object()));
    let (before_refs, before_rss) = (refcount(), rss_kib());
    for _ in 0..200_000 {
        round()?;
    }
    let (after_refs, after_rss) = (refcount(), rss_kib());
    flat((before_refs, after_refs), (before_rss, after_rss))
}

/// 1,000,000 calls of exported functions through their direct entry points (tests/src/fast.rs):
/// `&str` and `String` arguments, defaults, the user's errors, pyo3's path (keywords, a
/// subclass) and panics; the argument's refcount and the process RSS stay flat.
pub(crate) fn fast_rss() -> Result<String, String> {
    start()?;
    let code = c"import sys, fast_fns as f
class S(str): pass
text = ''.join(['caf', 'é'])
sub = S('sub')
def round(n):
    for i in range(n):
        f.text(0.5, 1.5, text, text); f.greet(text); f.greet(text, text, 2)
        f.add(i); f.nothing(); (f.mix(1, 2, 3, True) if i % 2 else f.add(a=i, b=1))
        try:
            f.root(-1.0)
        except f.Negative:
            pass
        f.first(sub)
        if i % 1000 == 0:
            try:
                f.first('')
            except f.PanicException:
                pass
round(10_000)
";
    // 125,000 rounds of 8 calls.
    rounds_flat(code, c"sys.getrefcount(text) + sys.getrefcount(sub)")
}

/// Runs `code` (which defines `round(n)` and warms it up), then `round(125_000)`, and compares
/// the refcount expression `refs` and the process RSS before and after (the panic hook is
/// silenced for the run).
fn rounds_flat(code: &std::ffi::CStr, refs: &std::ffi::CStr) -> Result<String, String> {
    // A panic prints through the hook: keep the run's output to the summary.
    std::panic::set_hook(Box::new(|_| {}));
    let globals = pybridge::attach(|py| -> Result<pybridge::Object, String> {
        let globals = pybridge::__private::pyo3::types::PyDict::new(py);
        py.run(code, Some(&globals), None).map_err(|e| e.to_string())?;
        Ok(globals.into_any().unbind())
    })?;
    let eval = |expr: &std::ffi::CStr| -> Result<i64, String> {
        pybridge::attach(|py| {
            let globals =
                globals.bind(py).cast::<pybridge::__private::pyo3::types::PyDict>().map_err(|e| e.to_string())?;
            py.eval(expr, Some(globals), None).and_then(|v| v.extract()).map_err(|e| e.to_string())
        })
    };
    let (before_refs, before_rss) = (eval(refs)?, rss_kib());
    let ran = eval(c"round(125_000) or 0");
    let _ = std::panic::take_hook();
    ran?;
    let (after_refs, after_rss) = (eval(refs)?, rss_kib());
    flat((before_refs, after_refs), (before_rss, after_rss))
}

/// 1,000,000 calls of an exported class's direct entries (tests/src/fast.rs `Counter`):
/// methods with and without arguments, a `&str` argument, getters and a setter, pyo3's path
/// (a keyword), the user's error and a panic; and 500,000 objects made through direct
/// constructors (`Pair`, with its free list, also 100 alive at a time, more than the free list
/// keeps, and its direct `__len__`, `__getitem__`, `+` and `*` slots; `Made`, with a `String`; a Python
/// subclass of `Pair`). The argument's, the object's and the classes' refcounts and the
/// process RSS stay flat.
pub(crate) fn fast_class_rss() -> Result<String, String> {
    start()?;
    let code = c"import sys, fast_fns as f
text = ''.join(['caf', 'é'])
c = f.Counter(0)
class Sub(f.Pair):
    pass
def round(n):
    for i in range(n):
        c.get(); c.add(1); c.describe(text); c.count = i
        c.count; c.double; c.label; (c.add(by=1) if i % 2 else c.reset())
        p = f.Pair(i, 0.5); p.swapped(); len(p); p[1]; p + 1; p * 2.0; f.Made(i % 7, 1.0, text); Sub(i, 2.0)
        if i % 50 == 0:
            many = [f.Pair(j, 0.0) for j in range(100)]  # more than a free list keeps
        try:
            c.check(-1.0)
        except f.Negative:
            pass
        if i % 1000 == 0:
            try:
                c.explode()
            except f.PanicException:
                pass
round(10_000)
";
    // 125,000 rounds of 8 calls (and the error).
    rounds_flat(code, c"sys.getrefcount(text) + sys.getrefcount(c) + sys.getrefcount(f.Pair) + sys.getrefcount(f.Made)")
}

/// 1,000,000 pooled calls from 2 threads into a pool of 2 sub-interpreters (ints; strings,
/// bytes and lists both ways; and every 100th call an exception with a traceback and a
/// conversion error): the interpreters' allocated blocks and the process RSS stay flat. The
/// first few hundred exceptions fill CPython's caches (`linecache`, the type cache), so the
/// warm-up round raises 500 of them per interpreter first.
pub(crate) fn pool_rss() -> Result<String, String> {
    start()?;
    if !pybridge::Pool::is_supported() {
        return Ok("skipped: own-GIL sub-interpreters need CPython 3.12 or later".into());
    }
    let pool = std::sync::Arc::new(pybridge::Pool::new(2).map_err(|e| e.to_string())?);
    let (warm_blocks, _) = pool_round(&pool, 50_000)?;
    let before_rss = rss_kib();
    let (blocks, calls) = pool_round(&pool, 500_000)?;
    let after_rss = rss_kib();
    let growth = after_rss.saturating_sub(before_rss);
    // A leak of one object per 1,000 calls would be 1,000 blocks, one per raised exception
    // 10,000; between runs the count moves by a few hundred (the collector's timing before
    // `gc.collect()`, caches), so the limit is 1,000.
    if blocks > warm_blocks + 1000 || growth > 1024 {
        return Err(format!("blocks {warm_blocks} -> {blocks}; RSS {before_rss} -> {after_rss} KiB (+{growth} KiB)"));
    }
    Ok(format!("{calls} calls; blocks {warm_blocks} -> {blocks}; RSS {before_rss} -> {after_rss} KiB (+{growth} KiB)"))
}

/// Two new threads (one per interpreter: threads take them in turn) making `calls` pooled calls
/// each; the interpreters' allocated blocks after, summed, and the calls made.
fn pool_round(pool: &std::sync::Arc<pybridge::Pool>, calls: usize) -> Result<(i64, usize), String> {
    use pybridge_tests::pool::pool_mod::pooled;
    let threads: Vec<_> = (0..2)
        .map(|_| {
            let pool = pool.clone();
            std::thread::spawn(move || -> Result<i64, String> {
                for i in 0..calls {
                    match i % 100 {
                        0 => {
                            pooled::fail(&pool, "x").expect_err("fail raises");
                            pooled::lies(&pool).expect_err("lies is not an int");
                        }
                        n if n % 2 == 0 => {
                            let out = pooled::shapes(&pool, &["ab", "c"], Some(0.5), b"\x01", &[true, false]);
                            (out.map_err(|e| e.to_string())?.len() == 4).then_some(()).ok_or("shapes")?;
                        }
                        _ => {
                            let sum = pooled::add(&pool, i as i64, 1).map_err(|e| e.to_string())?;
                            (sum == i as i64 + 1).then_some(()).ok_or("add")?;
                        }
                    }
                }
                pooled::allocated_blocks(&pool).map_err(|e| e.to_string())
            })
        })
        .collect();
    let mut blocks = 0;
    for thread in threads {
        blocks += thread.join().map_err(|_| "a pool thread panicked".to_string())??;
    }
    Ok((blocks, 2 * calls))
}

/// The direct attach of plain stubs (runtime/src/direct_attach.rs), from a thread that is not
/// attached, alone in its process (no other thread attaches through pyo3 meanwhile, which would
/// empty pyo3's deferred pool and hide a reference a direct call failed to release): 1,000
/// calls whose result fails to convert leave none of those results alive, and 1,000,000 calls
/// keep Python's allocated blocks and the RSS flat.
pub(crate) fn plain_rss() -> Result<String, String> {
    start()?;
    std::thread::spawn(plain_calls).join().map_err(|_| "the calling thread panicked".to_string())?
}

fn plain_calls() -> Result<String, String> {
    use pybridge_tests::import_values::values_mod;
    let e = |e: values_mod::Error| e.to_string();
    // The first call keeps this thread's state (the ordinary attach); the next ones are direct.
    values_mod::unindexable_alive().map_err(e)?;
    for _ in 0..1000 {
        match values_mod::unindexable() {
            Err(err) if err.to_string().contains("return value should be int") => {}
            other => return Err(format!("expected a conversion error, got {other:?}")),
        }
    }
    let alive = values_mod::unindexable_alive().map_err(e)?;
    if alive != 0 {
        return Err(format!("{alive} of 1000 results that failed to convert are still alive"));
    }
    // A handle's plain attribute: the handle borrowed inside each call.
    let boxed = values_mod::Box::new(3).map_err(e)?;
    let round = || -> Result<(), String> {
        values_mod::allocated_blocks().map_err(e)?;
        match boxed.value().map_err(e)? {
            3 => Ok(()),
            other => Err(format!("Box(3).value read {other}")),
        }
    };
    for _ in 0..10_000 {
        round()?;
    }
    let before_refs = pybridge::attach(|py| getrefcount(py, boxed.as_object()));
    let (before_blocks, before_rss) = (values_mod::allocated_blocks().map_err(e)?, rss_kib());
    for _ in 0..1_000_000 {
        round()?;
    }
    let (after_blocks, after_rss) = (values_mod::allocated_blocks().map_err(e)?, rss_kib());
    let after_refs = pybridge::attach(|py| getrefcount(py, boxed.as_object()));
    if after_refs != before_refs {
        return Err(format!("the handle's refcount {before_refs} -> {after_refs}"));
    }
    // A few blocks come and go with CPython's caches; a leak per call would be ~1,000,000.
    if after_blocks.abs_diff(before_blocks) > 100 {
        return Err(format!("allocated blocks {before_blocks} -> {after_blocks}"));
    }
    let growth = after_rss.saturating_sub(before_rss);
    if growth > 1024 {
        return Err(format!("RSS grew {growth} KiB ({before_rss} -> {after_rss} KiB)"));
    }
    Ok(format!(
        "0 of 1000 unconverted results alive; 1000000 rounds of 2 calls: handle refcount {before_refs} -> \
         {after_refs}; blocks {before_blocks} -> {after_blocks}; RSS {before_rss} -> {after_rss} KiB (+{growth} KiB)"
    ))
}
