//! Seed 000 end to end against real CPython.

use objects::{my_module, numpy, setup};

#[test]
fn create_a_python_instance_call_it_and_read_back() {
    setup().unwrap();
    let instance = my_module::MyClass::new(42).unwrap();
    assert_eq!(instance.get_value().unwrap(), 42);
    instance.set_value(7).unwrap();
    assert_eq!(instance.get_value().unwrap(), 7);
}

#[test]
fn build_a_numpy_array_from_a_rust_vec() {
    setup().unwrap();
    let data: Vec<f64> = (0..1000).map(|i| i as f64 * 0.5).collect();
    let array = match numpy::array(&data) {
        Ok(array) => array,
        // The README's test command installs numpy and sets PYBRIDGE_REQUIRE_NUMPY=1.
        Err(e) if e.is_python("ModuleNotFoundError") && std::env::var_os("PYBRIDGE_REQUIRE_NUMPY").is_none() => {
            eprintln!("skipping: numpy is not installed ({e})");
            return;
        }
        Err(e) => panic!("{e}"),
    };
    assert_eq!(array.ndim().unwrap(), 1);
    assert_eq!(array.shape().unwrap(), (1000,));
    assert_eq!(array.sum().unwrap(), data.iter().sum::<f64>());
    assert_eq!(array.tolist().unwrap(), data);
    // The object really is a numpy.ndarray: extraction checked isinstance.
    use pybridge::pyo3::types::PyAnyMethods;
    let type_name = pybridge::attach(|py| array.bind(py).as_bound().get_type().to_string());
    assert_eq!(type_name, "<class 'numpy.ndarray'>");
}
