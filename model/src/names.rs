//! Names across the boundary: Rust and Python keywords, raw identifiers, and "did you mean".
//!
//! The documented renaming rule: a Python name that is a Rust keyword becomes a raw identifier
//! (`type` → `r#type`); the five that cannot be raw (`self`, `Self`, `super`, `crate`, `_`) get
//! a trailing underscore (`self` → `self_`). Python keywords are errors (no Python code can
//! define or call such a name with ordinary syntax).

/// Rust's strict and reserved keywords (edition 2024), which need `r#` to be identifiers.
pub const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Rust keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Python's keywords (hard keywords only; soft keywords such as `match` are ordinary names).
pub const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// The Rust identifier for a Python name (see the module docs for the rule).
///
/// ```
/// use pybridge_model::names::rust_ident;
/// assert_eq!(rust_ident("type"), "r#type");
/// assert_eq!(rust_ident("self"), "self_");
/// assert_eq!(rust_ident("sqrt"), "sqrt");
/// ```
pub fn rust_ident(py: &str) -> String {
    if NOT_RAW.contains(&py) {
        format!("{py}_")
    } else if RUST_KEYWORDS.contains(&py) {
        format!("r#{py}")
    } else {
        py.to_string()
    }
}

/// A Rust identifier without its `r#` (for names built from it: `r#type` → `typeRef`).
///
/// ```
/// assert_eq!(pybridge_model::names::unraw("r#type"), "type");
/// assert_eq!(pybridge_model::names::unraw("sqrt"), "sqrt");
/// ```
pub fn unraw(rust: &str) -> &str {
    rust.strip_prefix("r#").unwrap_or(rust)
}

/// An identifier's name without its `r#` (a `#[py_embed]` item's Python name).
///
/// ```
/// let ident = syn::Ident::new_raw("type", proc_macro2::Span::call_site());
/// assert_eq!(pybridge_model::names::unraw_ident(&ident), "type");
/// ```
pub fn unraw_ident(ident: &syn::Ident) -> String {
    unraw(&ident.to_string()).to_string()
}

/// The identifier for a model name's Rust side (`r#type` stays raw): the one place a name
/// becomes a token.
///
/// ```
/// assert_eq!(pybridge_model::names::ident("r#type").to_string(), "r#type");
/// assert_eq!(pybridge_model::names::ident("sqrt").to_string(), "sqrt");
/// ```
pub fn ident(rust: &str) -> syn::Ident {
    try_ident(rust).unwrap_or_else(|| panic!("`{rust}` is not a Rust identifier: check accepts only names that are"))
}

/// [`ident`] for a name that has not been checked yet (the resolver runs before check, also on
/// specs with broken names): `None` when `rust` is no identifier.
///
/// ```
/// assert!(pybridge_model::names::try_ident("n{ x").is_none());
/// assert!(pybridge_model::names::try_ident("r#self").is_none());
/// assert_eq!(pybridge_model::names::try_ident("r#type").unwrap().to_string(), "r#type");
/// ```
pub fn try_ident(rust: &str) -> Option<syn::Ident> {
    let span = proc_macro2::Span::call_site();
    match rust.strip_prefix("r#") {
        Some(raw) if is_identifier(raw) && !NOT_RAW.contains(&raw) => Some(syn::Ident::new_raw(raw, span)),
        Some(_) => None,
        None if is_identifier(rust) => Some(syn::Ident::new(rust, span)),
        None => None,
    }
}

/// The Rust identifier of an import stub's parameter: `py` is taken by the interpreter token
/// that every attached stub takes first, so a parameter named `py` is `py_`.
///
/// ```
/// use pybridge_model::names::import_param_rust;
/// assert_eq!(import_param_rust("py"), "py_");
/// assert_eq!(import_param_rust("r#type"), "r#type");
/// ```
pub fn import_param_rust(rust: &str) -> String {
    if rust == "py" { "py_".into() } else { rust.into() }
}

/// Whether `name` is an identifier in both languages: Unicode `XID_Start` (or `_`) followed by
/// `XID_Continue` characters, which is what Python and Rust both build identifiers from.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c == '_' || unicode_ident::is_xid_start(c) => {}
        _ => return false,
    }
    chars.all(unicode_ident::is_xid_continue)
}

/// The name Python actually binds for `name`, when it differs: Python NFKC-normalises
/// identifiers as it parses them, so `ｆｏｏ` (full-width) or `ﬁle` (a ligature) is `foo` or
/// `file` to Python, and generated code looking up the written name would not find it.
///
/// ```
/// use pybridge_model::names::python_normal_form;
/// assert_eq!(python_normal_form("ｆｏｏ").as_deref(), Some("foo"));
/// assert_eq!(python_normal_form("naïve"), None);
/// ```
pub fn python_normal_form(name: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    if name.is_ascii() {
        return None;
    }
    let normal: String = name.nfkc().collect();
    (normal != name).then_some(normal)
}

/// Whether `name` is a dotted Python module path (`pkg.sub.mod`).
pub fn is_module_path(name: &str) -> bool {
    !name.is_empty() && name.split('.').all(is_identifier)
}

/// Whether `name` is a Python keyword.
pub fn is_python_keyword(name: &str) -> bool {
    PYTHON_KEYWORDS.contains(&name)
}

/// The closest candidate to `word`, if one is close enough to be a likely typo.
///
/// ```
/// use pybridge_model::names::did_you_mean;
/// assert_eq!(did_you_mean("fuctions", ["functions", "classes"]), Some("functions".to_string()));
/// assert_eq!(did_you_mean("zzz", ["functions", "classes"]), None);
/// ```
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_string())
}

/// The optimal-string-alignment distance between `a` and `b`: insertions, deletions,
/// substitutions and transpositions of adjacent characters each cost 1 (`fuctions` is 1 from
/// `functions`, `fucntions` 1 as well). Quadratic in the lengths, which are names.
///
/// ```
/// use pybridge_model::names::edit_distance;
/// assert_eq!(edit_distance("fucntions", "functions"), 1);
/// assert_eq!(edit_distance("flaot", "float"), 1);
/// assert_eq!(edit_distance("", "abc"), 3);
/// assert_eq!(edit_distance("kitten", "sitting"), 3);
/// ```
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows: two back (for transpositions), one back, and the current one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// "did you mean `x`?" when there is a close candidate.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    did_you_mean(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// The Rust names an import entry's stubs add beside the declared ones, decided here for `check`
/// (which refuses declarations that would land on them) and the emitters alike.
pub mod generated {
    /// The module's error enum, when it declares exception classes.
    pub const ERROR_ENUM: &str = "Error";
    /// The error enum's variant for undeclared exceptions.
    pub const OTHER_VARIANT: &str = "Other";
    /// The module of stubs taking a `Python<'py>` token.
    pub const ATTACHED_MODULE: &str = "attached";
    /// The module of stubs run in a `pybridge::Pool`, when a function qualifies ([`is_poolable`]).
    pub const POOLED_MODULE: &str = "pooled";
    /// A class handle's constructor.
    pub const CONSTRUCTOR: &str = "new";
    /// Methods every class handle defines itself.
    pub const HANDLE_METHODS: &[&str] =
        &["bind", "as_object", "into_object", "unbind", "as_bound", "clone_ref", "eq_ref"];

    pub use super::unraw;

    /// The bound view of class handle `class` (`Driver` → `DriverRef`).
    ///
    /// ```
    /// assert_eq!(pybridge_model::names::generated::view("r#type"), "typeRef");
    /// ```
    pub fn view(class: &str) -> String {
        format!("{}Ref", unraw(class))
    }

    /// The setter of attribute `attr` (`x` → `set_x`).
    pub fn setter(attr: &str) -> String {
        format!("set_{}", unraw(attr))
    }

    /// Whether import function `f` gets a pooled stub (`m::pooled::f(&pool, …)`): only plain
    /// values cross a sub-interpreter's edge, so positional parameters without defaults of
    /// `bool`, `int`, `float`, `str`, `bytes`, and lists and optionals of the first four
    /// (nested), returning one of those or `None`.
    ///
    /// ```
    /// let spec = "version: 1\nimport:\n  - module: m\n    functions:\n      - name: f\n        params: [{ name: x, type: int }]\n        returns: \"list[str]\"\n      - name: g\n        params: [{ name: d, type: \"dict[str, int]\" }]\n";
    /// let mut diags = pybridge_model::Diagnostics::new();
    /// let bridge = pybridge_model::spec::load_spec(spec, &mut diags).unwrap();
    /// let functions = &bridge.modules[0].functions;
    /// assert!(pybridge_model::names::generated::is_poolable(&functions[0]));
    /// assert!(!pybridge_model::names::generated::is_poolable(&functions[1]));
    /// ```
    pub fn is_poolable(f: &crate::ir::Function) -> bool {
        let params = f.params.iter().all(|p| {
            p.default.is_none()
                && matches!(p.kind, crate::ir::ParamKind::Positional | crate::ir::ParamKind::PositionalOnly)
                && is_plain_value(&p.ty)
        });
        params && is_plain_result(&f.returns)
    }

    /// Whether import function `f` is a plain call: every parameter (keyword-only and
    /// defaulted ones too) and the result are plain values, as for [`is_poolable`]. Its stub
    /// attaches directly from an unattached thread (`attach_plain`, the runtime's
    /// direct_attach.rs): nothing but `Bound` values lives inside, so no `Py<T>` is dropped.
    ///
    /// ```
    /// let spec = "version: 1\nimport:\n  - module: m\n    functions:\n      - name: f\n        params: [{ name: x, type: int }, { name: y, type: str, kind: keyword, default: \"a\" }]\n        returns: \"list[str]\"\n      - name: g\n        params: [{ name: o, type: object }]\n";
    /// let mut diags = pybridge_model::Diagnostics::new();
    /// let bridge = pybridge_model::spec::load_spec(spec, &mut diags).unwrap();
    /// let functions = &bridge.modules[0].functions;
    /// assert!(pybridge_model::names::generated::is_plain_call(&functions[0]));
    /// assert!(!pybridge_model::names::generated::is_plain_call(&functions[1]));
    /// ```
    pub fn is_plain_call(f: &crate::ir::Function) -> bool {
        f.params.iter().all(|p| is_plain_value(&p.ty)) && is_plain_result(&f.returns)
    }

    /// `bool`, `int`, `float`, `str`, `bytes`, or lists and optionals of the first four: a
    /// value that crosses as itself (no Python object kept on either side).
    ///
    /// ```
    /// use pybridge_model::names::generated::is_plain_value;
    /// let spec = "version: 1\nimport:\n  - module: m\n    functions:\n      - name: f\n        params: [{ name: x, type: \"list[int | None]\" }, { name: o, type: object }]\n";
    /// let mut diags = pybridge_model::Diagnostics::new();
    /// let bridge = pybridge_model::spec::load_spec(spec, &mut diags).unwrap();
    /// let params = &bridge.modules[0].functions[0].params;
    /// assert!(is_plain_value(&params[0].ty));
    /// assert!(!is_plain_value(&params[1].ty));
    /// ```
    pub fn is_plain_value(ty: &crate::types::Type) -> bool {
        use crate::types::TypeKind;
        fn is_plain(ty: &crate::types::Type) -> bool {
            match &ty.kind {
                TypeKind::Bool | TypeKind::Int(_) | TypeKind::Float { .. } | TypeKind::Str { .. } => true,
                TypeKind::List(inner) => is_plain(inner),
                TypeKind::Optional(inner) => !matches!(inner.kind, TypeKind::Optional(_)) && is_plain(inner),
                _ => false,
            }
        }
        matches!(ty.kind, TypeKind::Bytes { .. }) || is_plain(ty)
    }

    /// A plain value ([`is_plain_value`]) or `None`.
    fn is_plain_result(ty: &crate::types::Type) -> bool {
        matches!(ty.kind, crate::types::TypeKind::Unit) || is_plain_value(ty)
    }

    /// How many defaulted parameters give a stub an options struct and a `_with` form.
    pub const OPTIONS_FROM: usize = 3;

    /// Whether stub `f` gets an options struct: [`OPTIONS_FROM`] or more defaulted parameters,
    /// none of them an iterator (an `impl IntoIterator` cannot be a field).
    pub fn has_options(f: &crate::ir::Function) -> bool {
        let defaulted = || f.params.iter().filter(|p| p.default.is_some());
        defaulted().count() >= OPTIONS_FROM
            && !defaulted().any(|p| matches!(p.ty.kind, crate::types::TypeKind::Iterator { .. }))
    }

    /// The options struct of stub `f`, a method of `class` or a module function
    /// (`wrap` → `WrapOptions`, `Driver.predict` → `DriverPredictOptions`, a constructor
    /// `DriverNewOptions`).
    ///
    /// ```
    /// use pybridge_model::names::generated::options_struct;
    /// assert_eq!(options_struct(None, "word_counts"), "WordCountsOptions");
    /// assert_eq!(options_struct(Some("Driver"), "new"), "DriverNewOptions");
    /// ```
    pub fn options_struct(class: Option<&str>, f: &str) -> String {
        let camel = |s: &str| -> String {
            unraw(s)
                .split('_')
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let mut c = w.chars();
                    c.next().map(|f| f.to_ascii_uppercase()).into_iter().chain(c).collect::<String>()
                })
                .collect()
        };
        format!("{}{}Options", class.map(camel).unwrap_or_default(), camel(f))
    }

    /// The stub taking the options struct (`wrap` → `wrap_with`, a constructor `new_with`).
    pub fn with_fn(f: &str) -> String {
        format!("{}_with", unraw(f))
    }
}
