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
