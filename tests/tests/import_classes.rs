//! Imported classes and exception classes, against real CPython: constructors with defaulted
//! and keyword-only parameters, methods, class and static methods, attributes and properties,
//! isinstance-checked extraction, and exceptions sorted into the generated error enum.

use pybridge_tests::skeleton::skel_mod::{self, Counter, Error};
use pybridge_tests::use_test_python;

#[test]
fn constructor_methods_and_attributes() {
    use_test_python();
    let counter = Counter::new(Some(10), Some(5)).unwrap();
    assert_eq!(counter.incr().unwrap(), 15);
    assert_eq!(counter.add(3).unwrap(), 18);
    assert_eq!(counter.value().unwrap(), 18);
    counter.set_value(100).unwrap();
    assert_eq!(counter.value().unwrap(), 100);
    assert_eq!(counter.label().unwrap(), "Counter(100, step=5)");
    // Omitted defaults are Python's: start=0, step=1.
    let plain = Counter::new(None, None).unwrap();
    assert_eq!(plain.incr().unwrap(), 1);
}

#[test]
fn handles_clone_compare_and_print_through_python() {
    use_test_python();
    let a = Counter::new(Some(7), None).unwrap();
    let same = a.clone();
    // One object: a change through one handle shows through the other.
    same.set_value(8).unwrap();
    assert_eq!(a.value().unwrap(), 8);
    // `==` is Python's (`Counter.__eq__` compares value and step).
    assert!(a == same);
    assert!(a == Counter::new(Some(8), None).unwrap());
    assert!(a != Counter::new(Some(8), Some(2)).unwrap());
    // Operators and `Hash` from the declared dunders.
    let sum = (&a + &Counter::new(Some(2), None).unwrap()).unwrap();
    assert_eq!(sum.value().unwrap(), 10);
    assert_eq!((&a * 3).unwrap().value().unwrap(), 24);
    assert_eq!((-&a).unwrap().value().unwrap(), -8);
    let keys: std::collections::HashSet<Counter> = [a.clone(), same.clone(), sum].into_iter().collect();
    assert_eq!(keys.len(), 2);
    // A wrongly typed attribute read says "attribute".
    a.set_type("kind").unwrap();
    pybridge::ObjectExt::set_attr(a.as_object(), "type", 5).unwrap();
    let err = a.r#type().unwrap_err();
    assert!(err.to_string().contains("skel_mod.Counter.type: attribute should be str, got int"), "{err}");
    a.set_tags(&["x".to_string()]).unwrap();
    assert_eq!(same.tags().unwrap(), ["x"]);
    assert!(a.to_string().starts_with("<skel_mod.Counter object at 0x"), "{a}");
    assert!(format!("{a:?}").starts_with("<skel_mod.Counter object at 0x"), "{a:?}");
}

#[test]
fn class_and_static_methods() {
    use_test_python();
    let parsed = Counter::from_text("41").unwrap();
    assert_eq!(parsed.incr().unwrap(), 42);
    assert_eq!(Counter::double(21).unwrap(), 42);
}

#[test]
fn instances_pass_in_and_come_back_typed() {
    use_test_python();
    let a = Counter::new(Some(2), None).unwrap();
    let b = skel_mod::make_counter(3).unwrap();
    let merged = a.merged(&b).unwrap();
    assert_eq!(merged.value().unwrap(), 5);
}

#[test]
fn extraction_checks_isinstance_against_the_real_class() {
    use_test_python();
    let err = skel_mod::not_a_counter().unwrap_err();
    let text = err.to_string();
    assert!(text.contains("skel_mod.not_a_counter: return value should be Counter, got str"), "{text}");
    assert!(text.contains("expected an instance of skel_mod.Counter, got str"), "{text}");
}

#[test]
fn bound_views_for_attached_loops() {
    use_test_python();
    let counter = Counter::new(None, None).unwrap();
    let last = pybridge::attach(|py| {
        let view = counter.bind(py);
        let mut last = 0;
        for _ in 0..1000 {
            last = view.incr().unwrap();
        }
        last
    });
    assert_eq!(last, 1000);
}

#[test]
fn handles_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Counter>();
    assert_send_sync::<Error>();
    use_test_python();
    let counter = std::sync::Arc::new(Counter::new(None, None).unwrap());
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let counter = counter.clone();
            std::thread::spawn(move || {
                for _ in 0..250 {
                    counter.incr().unwrap();
                }
            })
        })
        .collect();
    threads.into_iter().for_each(|t| t.join().unwrap());
    assert_eq!(counter.value().unwrap(), 1000);
}

#[test]
fn declared_exceptions_become_variants_most_derived_first() {
    use_test_python();
    match skel_mod::fail_with("base").unwrap_err() {
        Error::SkelError(e) => assert_eq!(e.to_string(), "skel_mod.SkelError: base failure"),
        other => panic!("expected SkelError, got {other:?}"),
    }
    match skel_mod::fail_with("sub").unwrap_err() {
        Error::SkelSubError(e) => assert!(e.is_python("SkelSubError")),
        other => panic!("expected SkelSubError, got {other:?}"),
    }
    match skel_mod::fail_with("other").unwrap_err() {
        Error::Other(e) => assert!(e.is_python("RuntimeError"), "{e}"),
        other => panic!("expected Other, got {other:?}"),
    }
}

#[test]
fn exception_cause_chain_is_captured() {
    use_test_python();
    let Error::SkelError(err) = skel_mod::fail_with("chained").unwrap_err() else { panic!("variant") };
    let exc = err.python().unwrap();
    let cause = exc.cause.as_deref().expect("the `from` cause");
    assert_eq!(cause.type_name, "OSError");
    assert_eq!(cause.message, "disk on fire");
}

#[test]
fn conversion_errors_land_in_other() {
    use_test_python();
    match skel_mod::lies().unwrap_err() {
        Error::Other(e) => assert!(matches!(e.kind(), pybridge::ErrorKind::Conversion { .. })),
        other => panic!("expected Other, got {other:?}"),
    }
}

#[test]
fn keyword_named_attributes_reach_the_right_python_names() {
    use_test_python();
    let counter = Counter::new(None, None).unwrap();
    assert_eq!(counter.r#type().unwrap(), "counter");
    counter.set_type("renamed").unwrap();
    assert_eq!(counter.r#type().unwrap(), "renamed");
}

#[test]
fn exception_attributes_arrive_as_fields_of_their_variant() {
    use_test_python();
    match skel_mod::fail_with("http").unwrap_err() {
        Error::HttpFailure(e) => {
            assert_eq!((e.status, e.reason.as_str()), (503, "busy"));
            assert_eq!(e.to_string(), "skel_mod.HttpFailure: 503 busy");
            assert!(e.is_python("HttpFailure") && e.python().is_some_and(|p| p.traceback.is_some()), "{e}");
            // Inheritance, for classes the spec does not declare too.
            assert!(e.is_instance_of("skel_mod", "SkelError") && e.is_instance_of("builtins", "Exception"));
            assert!(!e.is_instance_of("builtins", "KeyError") && !e.is_instance_of("no_such_module", "X"));
        }
        other => panic!("expected HttpFailure, got {other:?}"),
    }
    // An attribute of another type than declared: a conversion error naming it.
    match skel_mod::fail_with("http-bad").unwrap_err() {
        Error::Other(e) => {
            let text = e.to_string();
            assert!(text.contains("skel_mod.HttpFailure: attribute `status` should be int, got str"), "{text}");
        }
        other => panic!("expected Other, got {other:?}"),
    }
}
