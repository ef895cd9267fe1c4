pub fn __pt_obj_37_1(obj: self::id::f) -> ::pybridge::Object { obj.into_object() }
