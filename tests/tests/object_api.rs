//! The public object API (`pybridge::ObjectExt`, `pybridge::import`, `pybridge::to_object`)
//! against real CPython, from several threads: no `__private`, no pyo3 token.

use std::collections::HashMap;

use pybridge::{ErrorKind, Object, ObjectExt};

#[test]
fn objects_read_call_convert_and_iterate_without_a_token() {
    pybridge_tests::use_test_python();
    let types = pybridge::import("types").unwrap();
    let name = pybridge::to_object("svc").unwrap();
    let servers = pybridge::to_object(vec!["a", "b"]).unwrap();
    let ns = types.attr("SimpleNamespace").unwrap().call_kw((), &[("name", &name), ("servers", &servers)]).unwrap();
    assert!(ns.is_instance_of("types", "SimpleNamespace").unwrap());
    assert!(!ns.is_instance_of("builtins", "dict").unwrap());
    assert_eq!(ns.attr("name").unwrap().to::<String>().unwrap(), "svc");
    ns.set_attr("port", 8080).unwrap();
    assert_eq!(ns.attr("port").unwrap().to::<u16>().unwrap(), 8080);
    let listed: Vec<String> =
        ns.attr("servers").unwrap().iterate().unwrap().map(|s| s.unwrap().to().unwrap()).collect();
    assert_eq!(listed, ["a", "b"]);
    assert_eq!(ns.repr().unwrap(), "namespace(name='svc', servers=['a', 'b'], port=8080)");
    let json = pybridge::import("json").unwrap();
    let data = json.call_method_with("loads", (r#"{"x": [1, 2], "y": {"z": null}}"#,)).unwrap();
    let map: HashMap<String, Object> = data.to().unwrap();
    assert_eq!(map["x"].to::<Vec<i64>>().unwrap(), [1, 2]);
    assert!(map["y"].call_method_with("get", ("z",)).unwrap().str().unwrap() == "None");
    // Errors are pybridge's: a Python exception, or a conversion naming both types.
    let missing = ns.attr("nope").unwrap_err();
    assert!(missing.is_python("AttributeError"), "{missing}");
    let wrong = ns.attr("name").unwrap().to::<i64>().unwrap_err();
    assert!(matches!(wrong.kind(), ErrorKind::Conversion { .. }), "{wrong}");
    assert!(wrong.to_string().contains("i64") && wrong.to_string().contains("str"), "{wrong}");
}

#[test]
fn iterators_stop_at_the_error_they_raise_and_work_from_any_thread() {
    pybridge_tests::use_test_python();
    let gen_src = pybridge::to_object("def g():\n    yield 1\n    raise ValueError('boom')\n").unwrap();
    let namespace = pybridge::to_object(HashMap::<String, i64>::new()).unwrap();
    pybridge::import("builtins").unwrap().call_method_with("exec", (gen_src, namespace.new_ref())).unwrap();
    let g = namespace.call_method_with("__getitem__", ("g",)).unwrap();
    let mut items = g.call_with(()).unwrap().iterate().unwrap();
    assert_eq!(items.next().unwrap().unwrap().to::<i64>().unwrap(), 1);
    let err = items.next().unwrap().unwrap_err();
    assert!(err.is_python("ValueError") && err.to_string().contains("boom"), "{err}");
    assert!(items.next().is_none());
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let g =
                pybridge::import("builtins").unwrap().attr("range").unwrap().call_with((i * 10, i * 10 + 3)).unwrap();
            std::thread::spawn(move || g.iterate().unwrap().map(|x| x.unwrap().to::<i64>().unwrap()).sum::<i64>())
        })
        .collect();
    let sums: Vec<i64> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(sums, [3, 33, 63, 93]);
}
