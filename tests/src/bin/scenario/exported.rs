//! A module exported from a spec, used from Python inside the embedded interpreter.

use crate::start;

/// A class, an exception and functions exported from a spec (no attribute on the Rust type),
/// used from Python inside the embedded interpreter.
pub(crate) fn spec_class() -> Result<String, String> {
    start()?;
    let code = c"
import skeleton_export as m
t = m.Tally(5)
assert t.bump(2) == 7, t.bump
assert t.current() == 7
t.label = 'visits'
assert t.label == 'visits'
assert m.Tally.zero().current() == 0
assert issubclass(m.TallyError, ValueError)
assert m.match('a', 3) == 'ax3'
assert m.maybe_sum([1, None]) is None and m.maybe_sum([1, 2]) == 3
assert m.ANSWER == 42
ints, strs = m.IntStack(), m.StrStack()
ints.push(1); ints.push(2); strs.push('a')
assert list(ints) == [1, 2] and sum(ints) == 3
assert (ints.pop(), ints.len(), strs.pop(), strs.pop()) == (2, 1, 'a', None)
try:
    ints.push('x')
    raise AssertionError('IntStack accepted a str')
except TypeError:
    pass
";
    pybridge::attach(|py| py.run(code, None, None)).map_err(|e| pybridge::Error::from(e).to_string())?;
    Ok("Tally, TallyError and the functions behave as declared".into())
}
