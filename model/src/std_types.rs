//! Standard-library types that cross as Python's own (PyO3's conversion table): one row per
//! type with its Rust spelling, its Python spellings (what Python receives, what it may pass,
//! and the import direction's annotation). `Ipv4Addr`/`Ipv6Addr` are not here: PyO3 converts
//! them to Python only (take an `IpAddr`).

/// A standard-library type converted to and from a Python type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StdType {
    /// `char` ↔ a one-character `str`.
    Char,
    /// `std::path::PathBuf` ↔ `pathlib.Path` (any `str` or `os.PathLike` accepted).
    PathBuf,
    /// `std::time::Duration` ↔ `datetime.timedelta` (not negative).
    Duration,
    /// `std::time::SystemTime` ↔ `datetime.datetime` (time-zone aware).
    SystemTime,
    /// `std::net::IpAddr` ↔ `ipaddress.IPv4Address | ipaddress.IPv6Address`.
    IpAddr,
    /// Import: `pybridge::BigInt` ↔ a Python `int` of any size (spelled `BigInt`).
    BigInt,
    /// Import: `pybridge::Complex64` ↔ `complex`.
    Complex,
    /// Import: `pybridge::ByteArray` ↔ `bytearray`.
    ByteArray,
    /// Import: `pybridge::Json` (a `serde_json::Value`) ↔ JSON-like data (spelled `Json`).
    Json,
}

/// One row of the table.
#[derive(Clone, Copy, Debug)]
pub struct StdRow {
    /// The type.
    pub ty: StdType,
    /// Its full Rust path, segment by segment (`["std", "time", "Duration"]`; one segment for a
    /// primitive).
    pub rust: &'static [&'static str],
    /// The annotation of a value Python receives (`.pyi` returns, attributes).
    pub python: &'static str,
    /// The annotation of a value Python passes (`.pyi` parameters).
    pub python_param: &'static str,
    /// How an `import:` entry spells it, if Python has a type for it (`char` has none).
    pub import_name: Option<&'static str>,
    /// Export specs may name it by its Rust path (the import-only rows are pybridge's own
    /// types, which an exported crate's signatures do not use).
    pub export: bool,
}

/// Every standard type that crosses.
pub const STD_TYPES: &[StdRow] = &[
    StdRow { ty: StdType::Char, rust: &["char"], python: "str", python_param: "str", import_name: None, export: true },
    StdRow {
        ty: StdType::PathBuf,
        rust: &["std", "path", "PathBuf"],
        python: "pathlib.Path",
        python_param: "str | os.PathLike[str]",
        import_name: Some("pathlib.Path"),
        export: true,
    },
    StdRow {
        ty: StdType::Duration,
        rust: &["std", "time", "Duration"],
        python: "datetime.timedelta",
        python_param: "datetime.timedelta",
        import_name: Some("datetime.timedelta"),
        export: true,
    },
    StdRow {
        ty: StdType::SystemTime,
        rust: &["std", "time", "SystemTime"],
        python: "datetime.datetime",
        python_param: "datetime.datetime",
        import_name: Some("datetime.datetime"),
        export: true,
    },
    StdRow {
        ty: StdType::IpAddr,
        rust: &["std", "net", "IpAddr"],
        python: "ipaddress.IPv4Address | ipaddress.IPv6Address",
        python_param: "ipaddress.IPv4Address | ipaddress.IPv6Address",
        import_name: None,
        export: true,
    },
    StdRow {
        ty: StdType::BigInt,
        rust: &["pybridge", "BigInt"],
        python: "int",
        python_param: "int",
        import_name: Some("BigInt"),
        export: false,
    },
    StdRow {
        ty: StdType::Complex,
        rust: &["pybridge", "Complex64"],
        python: "complex",
        python_param: "complex",
        import_name: Some("complex"),
        export: false,
    },
    StdRow {
        ty: StdType::ByteArray,
        rust: &["pybridge", "ByteArray"],
        python: "bytearray",
        python_param: "bytearray",
        import_name: Some("bytearray"),
        export: false,
    },
    StdRow {
        ty: StdType::Json,
        rust: &["pybridge", "Json"],
        python: "typing.Any",
        python_param: "typing.Any",
        import_name: Some("Json"),
        export: false,
    },
];

impl StdType {
    /// Its row of [`STD_TYPES`].
    pub fn row(self) -> &'static StdRow {
        STD_TYPES.iter().find(|r| r.ty == self).expect("every StdType has a row")
    }

    /// The type a Rust path names: its last segment (`Duration`, `std::time::Duration`), when
    /// any earlier segments agree with the full path.
    ///
    /// ```
    /// use pybridge_model::std_types::StdType;
    /// assert_eq!(StdType::from_rust(&["std", "time", "Duration"]), Some(StdType::Duration));
    /// assert_eq!(StdType::from_rust(&["PathBuf"]), Some(StdType::PathBuf));
    /// assert_eq!(StdType::from_rust(&["chrono", "Duration"]), None);
    /// ```
    pub fn from_rust(segments: &[&str]) -> Option<StdType> {
        STD_TYPES
            .iter()
            .filter(|r| r.export)
            .find(|r| r.rust.ends_with(segments) || (r.rust.len() == 1 && segments == r.rust))
            .map(|r| r.ty)
    }

    /// The type an `import:` annotation names (`datetime.timedelta`).
    pub fn from_python(name: &str) -> Option<StdType> {
        STD_TYPES.iter().find(|r| r.import_name == Some(name)).map(|r| r.ty)
    }

    /// The Rust names a class may not take, since a type of that name means the std type
    /// (`Duration`, `PathBuf`…).
    pub fn reserved_names() -> impl Iterator<Item = &'static str> {
        STD_TYPES
            .iter()
            .filter(|r| r.export)
            .filter_map(|r| r.rust.last().copied().filter(|n| n.chars().next().is_some_and(char::is_uppercase)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_std_type_has_one_row_and_a_full_path() {
        for ty in [StdType::Char, StdType::PathBuf, StdType::Duration, StdType::SystemTime, StdType::IpAddr] {
            assert_eq!(STD_TYPES.iter().filter(|r| r.ty == ty).count(), 1);
            let row = ty.row();
            assert!(row.export);
            assert!(row.rust.len() == 1 || row.rust[0] == "std");
            assert_eq!(StdType::from_rust(row.rust), Some(ty));
        }
        assert_eq!(StdType::from_rust(&["time", "Duration"]), Some(StdType::Duration));
        assert_eq!(StdType::from_rust(&["other", "Duration"]), None);
        // pybridge's own value types are import-only: an export class may be named `BigInt`.
        for ty in [StdType::BigInt, StdType::Complex, StdType::ByteArray, StdType::Json] {
            assert!(!ty.row().export);
            assert_eq!(StdType::from_rust(ty.row().rust), None);
            assert_eq!(StdType::from_python(ty.row().import_name.unwrap()), Some(ty));
        }
    }
}
