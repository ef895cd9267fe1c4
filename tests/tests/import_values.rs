//! Python → Rust value types beyond the basics, against tests/python/values_mod.py: unions and
//! literals as generated enums, aliases, `Mapping`, `bytearray`, `complex`, big integers, and
//! an exception with several bases.

use std::collections::HashMap;

use pybridge_tests::import_values::values_mod::{
    self, BoxOrInt, Error, IntOrBool, IntOrStr, IntOrStrOrListFloat, Mode, Number, RbOrWb, V0OrV1OrV2,
};
use pybridge_tests::use_test_python;

#[test]
fn unions_take_any_member_and_read_back_the_one_python_returned() {
    use_test_python();
    // `impl Into<IntOrStrOrListFloat>`: each member type converts in.
    assert_eq!(values_mod::echo(3).unwrap(), IntOrStrOrListFloat::Int(3));
    assert_eq!(values_mod::echo("x").unwrap(), IntOrStrOrListFloat::Str("x".into()));
    assert_eq!(values_mod::echo(vec![0.5]).unwrap(), IntOrStrOrListFloat::ListFloat(vec![0.5]));
    // `int | str | None`: an `Option` of the enum; Python sees the member's own type.
    assert_eq!(values_mod::kind(Some(IntOrStr::Int(1))).unwrap(), "int");
    assert_eq!(values_mod::kind(Some("a".into())).unwrap(), "str");
    assert_eq!(values_mod::kind(None).unwrap(), "NoneType");
}

#[test]
fn the_most_specific_member_wins() {
    use_test_python();
    // `int | float` (the alias `Number`): a Python int stays an int, a float a float.
    assert_eq!(values_mod::pick(true).unwrap(), Number::Int(2));
    assert_eq!(values_mod::pick(false).unwrap(), Number::Float(2.5));
    // `int | bool`: `True` is a bool, though Python's bool is an int.
    assert_eq!(values_mod::truth(true).unwrap(), IntOrBool::Bool(true));
    assert_eq!(values_mod::truth(7).unwrap(), IntOrBool::Int(7));
    // A class member is read by `isinstance`.
    let BoxOrInt::Box(b) = values_mod::boxed(4).unwrap() else { panic!("a Box") };
    assert_eq!(b.value().unwrap(), 8);
    assert_eq!(values_mod::boxed(b).unwrap(), BoxOrInt::Int(8));
}

#[test]
fn literals_are_unit_variants_checked_by_value() {
    use_test_python();
    assert_eq!(values_mod::next_mode(Mode::R).unwrap(), Mode::W);
    assert_eq!(values_mod::next_mode(Mode::W).unwrap(), Mode::RPlus);
    // A value outside the literal is a conversion error naming the function and the choices.
    let err = values_mod::bad_mode().unwrap_err().to_string();
    assert!(err.contains("values_mod.bad_mode") && err.contains("'r', 'w', 'r+'") && err.contains("'q'"), "{err}");
    // Defaulted literals: `None` lets Python apply its default.
    assert_eq!(values_mod::flags(None, None).unwrap(), "rb:None");
    assert_eq!(values_mod::flags(Some(RbOrWb::Wb), Some(V0OrV1OrV2::V2)).unwrap(), "wb:2");
}

#[test]
fn aliases_mappings_bytearrays_complex_and_big_ints_cross() {
    use_test_python();
    let p: values_mod::Pair = (1, "ab".to_string());
    assert_eq!(values_mod::pair(p).unwrap(), (2, "abab".to_string()));
    // `Mapping[str, str]`: a `types.MappingProxyType`, read through its items.
    let env = values_mod::environment().unwrap();
    assert_eq!(env, HashMap::from([("HOME".into(), "/root".into()), ("LANG".into(), "C".into())]));
    assert_eq!(values_mod::total(&HashMap::from([("a".to_string(), 2), ("b".to_string(), 3)])).unwrap(), 5);
    // `bytearray` both ways (Python asserts the type it receives).
    let flipped = values_mod::flip(pybridge::ByteArray::from(vec![1, 2, 3])).unwrap();
    assert_eq!(&flipped[..], &[3, 2, 1]);
    assert_eq!(values_mod::conjugate(pybridge::Complex64::new(1.0, 2.0)).unwrap(), pybridge::Complex64::new(1.0, -2.0));
    // `BigInt`: past u128.
    let n: pybridge::BigInt = "340282366920938463463374607431768211457".parse().unwrap();
    let squared = values_mod::square(n.clone()).unwrap();
    assert_eq!(squared, &n * &n);
}

#[test]
fn an_exception_with_several_bases_arrives_as_its_variant() {
    use_test_python();
    match values_mod::fail_lookup("k").unwrap_err() {
        Error::LookupFailure(e) => {
            assert_eq!(e.key, "k");
            assert!(e.is_instance_of("builtins", "KeyError") && e.is_instance_of("builtins", "ValueError"), "{e}");
        }
        other => panic!("expected LookupFailure, got {other}"),
    }
}

#[test]
fn a_declared_builtin_exception_the_module_does_not_define_is_pythons_own() {
    use_test_python();
    assert_eq!(values_mod::invert(4.0).unwrap(), 0.25);
    match values_mod::invert(0.0).unwrap_err() {
        Error::ZeroDivisionError(e) => assert!(e.to_string().contains("division by zero"), "{e}"),
        other => panic!("expected ZeroDivisionError, got {other}"),
    }
}

#[test]
fn positional_only_defaults_are_filled_from_the_signature_when_a_later_one_is_given() {
    use_test_python();
    assert_eq!(values_mod::po(1, None, None, None).unwrap(), vec![1, 2, 3, 4]);
    // `b` omitted, `c` given: `b`'s own default is passed positionally.
    assert_eq!(values_mod::po(1, None, Some(30), None).unwrap(), vec![1, 2, 30, 4]);
    // `c` omitted, `d` given by keyword.
    assert_eq!(values_mod::po(1, Some(20), None, Some(40)).unwrap(), vec![1, 20, 3, 40]);
    let b = values_mod::Box2::new(3).unwrap();
    assert_eq!(b.scaled(None, Some(5)).unwrap(), 35);
    assert_eq!(b.scaled(Some(2), None).unwrap(), 7);
}

#[test]
fn three_or_more_defaults_also_come_as_an_options_struct() {
    use_test_python();
    // `po_with(a, PoOptions { .. })`: only what is set is passed.
    let options = values_mod::PoOptions { c: Some(30), ..Default::default() };
    assert_eq!(values_mod::po_with(1, options).unwrap(), vec![1, 2, 30, 4]);
    let all = values_mod::PoOptions { b: Some(5), c: Some(6), d: Some(7) };
    assert_eq!(values_mod::po_with(1, all).unwrap(), vec![1, 5, 6, 7]);
    let attached = pybridge::attach(|py| values_mod::attached::po_with(py, 0, Default::default()));
    assert_eq!(attached.unwrap(), vec![0, 2, 3, 4]);
}

#[test]
fn var_positional_and_var_keyword_parameters_pass_through() {
    use_test_python();
    let extra = HashMap::from([("b".to_string(), 2), ("a".to_string(), 1)]);
    assert_eq!(
        values_mod::gather(1, Some(5), &["x", "y"], Some("+"), &extra).unwrap(),
        "1+5+['x', 'y']+[('a', 1), ('b', 2)]"
    );
    // `second` omitted before `*args`: its own default (2) is passed positionally.
    assert_eq!(values_mod::gather(1, None, &["z"], None, &HashMap::new()).unwrap(), "1-2-['z']-[]");
    let none: [&str; 0] = [];
    assert_eq!(values_mod::gather(7, None, &none, None, &HashMap::new()).unwrap(), "7-2-[]-[]");
    // A union inside a list converts each element by reference.
    let values = [IntOrStr::Int(1), IntOrStr::Str("s".into())];
    assert_eq!(values_mod::kinds(&values).unwrap(), vec!["int".to_string(), "str".to_string()]);
}

#[test]
fn a_closure_may_fail_and_its_error_is_raised_in_python() {
    use_test_python();
    // Infallible closures return the value itself.
    assert_eq!(values_mod::apply_twice(|x| x * 3, 2).unwrap(), 18);
    // An `Err` of any error type is a Python `RuntimeError` with its message: Python catches it
    // here (`apply_guarded` returns the message's length)...
    let failing = |x: i64| if x > 0 { Err(format!("too big: {x}")) } else { Ok(x) };
    assert_eq!(values_mod::apply_guarded(failing, 5).unwrap(), "too big: 5".len() as i64);
    // ...and uncaught, it comes back as the stub's error.
    let err = values_mod::apply_twice(failing, 5).unwrap_err();
    assert!(err.is_python("RuntimeError") && err.to_string().contains("too big: 5"), "{err}");
    // A `pybridge::Error` from a nested stub is raised again as the original exception: the
    // `LookupFailure` of `fail_lookup` crosses Rust → Python → Rust → Python → Rust with its
    // class and its attributes.
    let nested =
        |_x: i64| -> Result<i64, pybridge::Error> { values_mod::fail_lookup("k").map_err(pybridge::Error::from) };
    match values_mod::apply_twice(nested, 1).unwrap_err() {
        Error::LookupFailure(e) => assert_eq!(e.key, "k"),
        other => panic!("expected LookupFailure, got {other}"),
    }
}

#[test]
fn json_like_data_crosses_as_a_serde_json_value() {
    use_test_python();
    let data = pybridge::Json(
        pybridge::serde_json::json!({"n": 1, "big": u64::MAX, "x": [1.5, null, "s"], "o": {"k": false}}),
    );
    let out = values_mod::annotate(data.clone()).unwrap();
    let mut expected = data.0.clone();
    expected["seen"] = true.into();
    assert_eq!(out.0, expected);
    // What JSON cannot hold is refused, naming where it is.
    let err = values_mod::not_json().unwrap_err().to_string();
    assert!(err.contains(r#"["items"][1]["when"]: date is not JSON"#), "{err}");
}

#[test]
fn a_bad_element_is_named_by_its_index_or_key() {
    use_test_python();
    let err = values_mod::bad_list().unwrap_err().to_string();
    assert!(err.contains("values_mod.bad_list: return value at [2]") && err.contains("got str"), "{err}");
    let err = values_mod::bad_dict().unwrap_err().to_string();
    assert!(err.contains(r#"return value at ['b'][1]"#) && err.contains("got NoneType"), "{err}");
    // An integer too wide for its Rust type says which value, where, and the type.
    let err = values_mod::bad_pairs().unwrap_err().to_string();
    assert!(err.contains("return value at [1][1]") && err.contains("300 is out of range for u8"), "{err}");
}

#[test]
fn plain_stubs_run_from_every_attach_state() {
    use_test_python();
    // Plain stubs attach directly from a thread that keeps its thread state and is not attached
    // (runtime/src/direct_attach.rs); every other state takes the ordinary attach.
    let alive = || values_mod::unindexable_alive().unwrap();
    // A handle's plain attribute too: the handle is borrowed.
    let boxed = values_mod::Box::new(5).unwrap();
    std::thread::spawn(move || {
        assert_eq!(boxed.value().unwrap(), 5);
        assert_eq!(boxed.value().unwrap(), 5);
        // The first call keeps the thread's state; the next ones are direct.
        let first = alive();
        assert_eq!(alive(), first);
        // Attached already: the ordinary (nested) attach.
        assert_eq!(pybridge::attach(|_py| alive()), first);
        // Detached inside an attach scope: direct again, inside the outer scope.
        assert_eq!(pybridge::attach(|py| py.detach(alive)), first);
        // A failed call detaches too: the next calls, here and on another thread, go on.
        let err = values_mod::unindexable().unwrap_err().to_string();
        assert!(err.contains("values_mod.unindexable: return value should be int"), "{err}");
        assert_eq!(std::thread::spawn(alive).join().unwrap(), first);
        assert_eq!(alive(), first);
    })
    .join()
    .unwrap();
}

#[test]
fn handles_clone_and_compare_with_a_token_when_already_attached() {
    use_test_python();
    let a = values_mod::Box::new(3).unwrap();
    let b = values_mod::Box::new(3).unwrap();
    let negative = values_mod::Box::new(-1).unwrap();
    pybridge::attach(|py| {
        let c = a.clone_ref(py);
        assert!(c.as_object().is(a.as_object()));
        assert!(c.eq_ref(py, &b).unwrap());
        // `eq_ref` returns the error `__eq__` raised; `==` reads it as `false`.
        let err = negative.eq_ref(py, &a).unwrap_err();
        assert!(err.is_python("ValueError"), "{err}");
    });
    assert!(a == b && negative != a);
}

#[test]
fn standard_library_modules_through_the_new_types() {
    use pybridge_tests::import_values::{json, os, sys, textwrap};
    // `os.environ` is a `Mapping` (`os._Environ`), not a dict.
    let environ = os::environ().unwrap();
    assert_eq!(environ.get("PATH").map(String::as_str), std::env::var("PATH").ok().as_deref());
    // `sys.byteorder: Literal["little", "big"]`.
    let expected = if cfg!(target_endian = "little") { sys::LittleOrBig::Little } else { sys::LittleOrBig::Big };
    assert_eq!(sys::byteorder().unwrap(), expected);
    // `json.dumps(obj: Json, *, sort_keys, indent: int | str | None)`.
    let data = pybridge::Json(pybridge::serde_json::json!({"b": 1, "a": [true, null]}));
    let text = json::dumps(data.clone(), Some(true), Some(json::IntOrStr::Str("--".into()))).unwrap();
    assert_eq!(text, "{\n--\"a\": [\n----true,\n----null\n--],\n--\"b\": 1\n}");
    let compact = json::dumps(data.clone(), None, Some(json::IntOrStr::Int(0))).unwrap();
    assert_eq!(json::loads(&compact).unwrap(), data);
    // `textwrap.wrap`: five defaults, so an options struct.
    let options = textwrap::WrapOptions { width: Some(12), max_lines: Some(2), ..Default::default() };
    let lines = textwrap::wrap_with("the quick brown fox jumps over the lazy dog", options).unwrap();
    assert_eq!(lines, vec!["the quick".to_string(), "brown [...]".to_string()]);
}

#[test]
fn verify_compares_the_live_module_with_the_entry() {
    use_test_python();
    // `values_mod` matches its entry.
    values_mod::verify().unwrap();
    // `scan_mod` (as `drifted`) does not: every difference in one error.
    let err = pybridge_tests::import_values::drifted::verify().unwrap_err();
    let pybridge::ErrorKind::Drift { module, differences } = err.kind() else { panic!("{err}") };
    assert_eq!(module, "scan_mod");
    let expected = [
        "`greeting` does not exist",
        "`name` of function `greet` is positional_only, declared positional",
        "`loud` of function `greet` is keyword, declared positional",
        "`loud` of function `greet` is parameter 3 in the module, declared 2",
        "`Counter.doubled` is an attribute in the module, declared as a method",
        "`Counter.bump` is a method in the module, declared as an attribute",
    ];
    for e in expected {
        assert!(differences.iter().any(|d| d == e), "missing `{e}` in {differences:#?}");
    }
}
