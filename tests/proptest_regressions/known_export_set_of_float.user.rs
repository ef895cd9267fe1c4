pub fn floats(_keys: ::std::collections::HashSet<f64>) {}
