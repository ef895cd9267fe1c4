//! `cargo run -p objects`: the seed-000 walk-through.

use objects::{my_module, numpy, setup};

fn main() -> pybridge::Result<()> {
    setup()?;
    // The seed's C++: import, getattr, PyCallable_Check, PyTuple_New, PyLong_FromLong,
    // PyObject_CallObject, PyObject_GetAttrString, PyLong_AsLong and eight Py_DECREFs.
    let instance = my_module::MyClass::new(42)?;
    println!("Python instance value: {}", instance.get_value()?);

    match numpy::array(&[0.0, 2.0, 4.0, 6.0, 8.0]) {
        Ok(array) => {
            println!("numpy array {:?} with shape {:?}, sum {}", array.tolist()?, array.shape()?, array.sum()?)
        }
        Err(e) if e.is_python("ModuleNotFoundError") => println!("numpy is not installed here: {e}"),
        Err(e) => return Err(e),
    }
    Ok(())
}
