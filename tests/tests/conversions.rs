//! Standard types as Python's own (`specs/conversions.yaml`), both directions against the
//! embedded interpreter: `char`, `PathBuf`, `Duration`, `SystemTime`, IP addresses (export), alone and in
//! containers.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, UNIX_EPOCH};

use pybridge_tests::conversions::conversions_mod;

unsafe extern "C" {
    fn PyInit_conversions() -> *mut pybridge::__private::pyo3::ffi::PyObject;
}

fn start() {
    pybridge_tests::start_with_module("conversions", PyInit_conversions);
}

#[test]
fn exported_functions_take_and_return_pythons_own_types() {
    start();
    pybridge_tests::run_python(
        r#"
import datetime, ipaddress, pathlib
import conversions as c
assert c.next_char("a") == "b"
try:
    c.next_char("ab")
    raise AssertionError("a two-character str became a char")
except ValueError as e:
    assert "length 1" in str(e), e
joined = c.joined("/tmp", "x.txt")
assert isinstance(joined, pathlib.Path) and joined == pathlib.Path("/tmp/x.txt")
assert c.joined(pathlib.Path("/a"), "b") == pathlib.Path("/a/b")
assert c.doubled(datetime.timedelta(seconds=1.5)) == datetime.timedelta(seconds=3)
t = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.timezone.utc)
assert c.later(t, datetime.timedelta(hours=1)) == t + datetime.timedelta(hours=1)
assert c.version_of(ipaddress.ip_address("10.0.0.1")) == 4
assert c.version_of(ipaddress.ip_address("::1")) == 6
assert c.localhost() == ipaddress.IPv4Address("127.0.0.1")
ips = [ipaddress.IPv4Address("10.0.0.1")] * 3
assert c.distinct(ips) == {ipaddress.IPv4Address("10.0.0.1")}
waits = {"a": datetime.timedelta(seconds=1), "b": datetime.timedelta(seconds=2)}
assert c.total(waits) == datetime.timedelta(seconds=3)
assert c.total(waits, datetime.timedelta(seconds=4)) == datetime.timedelta(seconds=7)
assert c.mean([1.0, 2.0, 3.0]) == 2.0
assert c.first_two(["a", "b", "c"]) == ["a", "b"] and c.first_two([]) == []
"#,
    );
}

#[test]
fn exported_functions_take_and_return_btrees_arrays_boxes_cows_and_references() {
    start();
    pybridge_tests::run_python(
        r#"
import pathlib
import conversions as c
def raises(exc, f, *args):
    try:
        f(*args)
    except exc as e:
        return str(e)
    raise AssertionError(f"{f.__name__}{args} did not raise {exc.__name__}")
# BTreeMap / BTreeSet
lengths = c.word_lengths({"pear", "fig", "apple"})
assert lengths == {"apple": 5, "fig": 3, "pear": 4} and list(lengths) == ["apple", "fig", "pear"], lengths
assert c.ordered_keys({3: "ccc", 1: "a", 2: "bb"}) == [(1, 1), (2, 2), (3, 3)]
assert c.word_lengths(set()) == {}
raises(TypeError, c.ordered_keys, {"x": "a"})
# arrays
assert c.scaled([1.0, 2.0, 3.0], 2.0) == [2.0, 4.0, 6.0]
assert c.scaled((1.0, 2.0, 3.0), 1.0) == [1.0, 2.0, 3.0]
assert "length" in raises(ValueError, c.scaled, [1.0, 2.0], 2.0)
assert "length" in raises(ValueError, c.scaled, [1.0, 2.0, 3.0, 4.0], 2.0)
assert c.reversed4(b"abcd") == b"dcba"
raises(ValueError, c.reversed4, b"abc")
assert c.pair_sums([[1, 2], [3, 4]]) == [3, 7]
raises(ValueError, c.pair_sums, [[1, 2, 3]])
# Box<str>, Box<[T]>
assert c.shout("hi") == "HI" and c.doubled_all([1, 2]) == [2, 4] and c.doubled_all([]) == []
assert c.maybe_shout("a") == "A" and c.maybe_shout(None) is None
# Cow
assert c.trimmed("  x ") == "x" and c.trimmed("y") == "y"
assert c.escaped("a<b") == "a&lt;b" and c.escaped("ab") == "ab"
assert c.arrives_owned("x") is True
assert c.nonzero([1, 0, 2]) == [1, 2] and c.nonzero([1, 2]) == [1, 2]
assert c.cow_sum([1.5, 2.5]) == 4.0
assert c.cow_bytes(b"abc") == b"ab"
assert c.name_or() == "anonymous" and c.name_or("ada") == "ada" and c.name_or(None) == "anonymous"
# &T
assert c.add_refs(2, 3) == 5
assert c.longest(["a", "ccc", "bb"]) == "ccc" and c.longest([]) == ""
assert c.first_of([7, 8]) == 7 and c.first_of([]) is None
assert c.count_of([1, 2, 3]) == 3 and c.count_of(None) == 0
# &[&str]
assert c.joined_words(["a", "b", "c"], "-") == "a-b-c" and c.joined_words([], "-") == ""
assert c.first_words(["a", "b", "c"]) == ["a", "b"]
raises(TypeError, c.joined_words, "abc", "-")
# &self methods returning &T and Cow: copies, not views
s = c.Shelf(["x", "y"], "tools")
items = s.items()
assert items == ["x", "y"] and s.count() == 2 and s.label() == "tools" and s.title() == "tools"
items.append("z")
assert s.items() == ["x", "y"], "a returned &Vec is a copy"
assert s.place() == pathlib.Path("/shelves/a")
bare = c.Shelf([], None)
assert bare.label() is None and bare.title() == "shelf" and bare.count() == 0
"#,
    );
}

#[test]
fn import_stubs_convert_pythons_types_to_std_types() {
    start();
    let start_time = UNIX_EPOCH + Duration::from_secs(1_000_000);
    let end_time = start_time + Duration::from_millis(2500);
    assert_eq!(conversions_mod::elapsed(start_time, end_time).unwrap(), Duration::from_millis(2500));
    assert_eq!(conversions_mod::home().unwrap(), PathBuf::from("/home/ada"));
    assert_eq!(conversions_mod::suffix_of(PathBuf::from("notes.txt")).unwrap(), ".txt");
    let waits: HashMap<String, Duration> = conversions_mod::waits().unwrap();
    assert_eq!(waits["steep"], Duration::from_secs(90));
}
