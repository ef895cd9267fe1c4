pub fn delta(_p0: f64) -> bool { todo!() }

