//! Known findings: spec shapes `check` accepts but whose output fails, kept out of the generator
//! while they are being fixed (or refused by `check` since), one entry per finding.

/// Spec shapes `check` accepts but that fail (to compile, or at run time) — each one a known
/// finding being fixed elsewhere. While an entry is here the generator does not produce it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finding {
    /// Import: a `kind: keyword` parameter before positional ones is bound wrongly.
    KeywordBeforePositional,
    /// Names that collide after mangling: `crate`/`crate_`, `self`/`self_`, `py`/`py_` params.
    MangledNameCollision,
    /// Import: a class named `attached` collides with the `attached` module of the stubs.
    ImportClassNamedAttached,
    /// Export: `kind: keyword` parameters are not keyword-only.
    ExportKeywordParams,
    /// Export: `kind: classmethod` becomes a staticmethod.
    ExportClassmethod,
    /// `set[float]`, `dict[float, _]` (and `f32`): float keys are not `Hash`/`Eq` in Rust.
    FloatHashKeys,
    /// `set[list[int]]` and other unhashable keys (lists, dicts, sets, Any, classes).
    UnhashableKeys,
    /// `tuple[()]` as a return or attribute type.
    EmptyTuple,
    /// Export: `&str` / `Option<&str>` returns and `Option<&str>` parameters.
    BorrowedStrShapes,
    /// Export: a lifetime in a class's `rust:` path (`crate::Wrapper<'static>`).
    LifetimeInClassPath,
    /// Export: dunder method names (`__len__`) through `extend`.
    DunderThroughExtend,
    /// Export: `Vec<u8>` returns.
    VecU8Return,
    /// Export: writable `Vec<i64>`/`Vec<f64>`/`Vec<String>` fields (the fast-path list type).
    WritableFastVecField,
}

impl Finding {
    /// Every finding, by name.
    pub const ALL: &'static [(&'static str, Finding)] = &[
        ("KeywordBeforePositional", Finding::KeywordBeforePositional),
        ("MangledNameCollision", Finding::MangledNameCollision),
        ("ImportClassNamedAttached", Finding::ImportClassNamedAttached),
        ("ExportKeywordParams", Finding::ExportKeywordParams),
        ("ExportClassmethod", Finding::ExportClassmethod),
        ("FloatHashKeys", Finding::FloatHashKeys),
        ("UnhashableKeys", Finding::UnhashableKeys),
        ("EmptyTuple", Finding::EmptyTuple),
        ("BorrowedStrShapes", Finding::BorrowedStrShapes),
        ("LifetimeInClassPath", Finding::LifetimeInClassPath),
        ("DunderThroughExtend", Finding::DunderThroughExtend),
        ("VecU8Return", Finding::VecU8Return),
        ("WritableFastVecField", Finding::WritableFastVecField),
    ];

    /// The finding called `name`.
    pub fn by_name(name: &str) -> Option<Finding> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }

    /// Its name.
    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, f)| *f == self).map(|(n, _)| *n).unwrap_or("?")
    }
}

/// The known findings the generator avoids. **The lead removes an entry when its fix lands.**
/// Empty: every finding of the first runs is fixed (the shapes that now compile are generated
/// again; those `check` now refuses are in [`REFUSED_SHAPES`]).
pub const KNOWN_FINDINGS: &[Finding] = &[];

/// Findings whose fix was to refuse the shape in `check` (at its token, with a hint): a
/// generator of *valid* specs does not produce them. Each has a broken spec in
/// `tests/spec_errors/` (`keyword_before_positional`, `mangled_name_clash`, `unhashable_keys`,
/// `lifetime_class_path`). (`DunderThroughExtend` was refused too until protocol methods were
/// bound: its regression now compiles.)
pub const REFUSED_SHAPES: &[Finding] = &[
    Finding::KeywordBeforePositional,
    Finding::MangledNameCollision,
    Finding::ImportClassNamedAttached,
    Finding::FloatHashKeys,
    Finding::UnhashableKeys,
    Finding::LifetimeInClassPath,
];

/// Whether the generator may produce `finding`'s shape: not a known finding, or re-enabled by
/// `PYBRIDGE_PROPTEST_ENABLE`.
pub fn allowed(finding: Finding) -> bool {
    if REFUSED_SHAPES.contains(&finding) {
        return false;
    }
    if !KNOWN_FINDINGS.contains(&finding) {
        return true;
    }
    std::env::var("PYBRIDGE_PROPTEST_ENABLE")
        .is_ok_and(|v| v.split(',').any(|n| n.trim() == "all" || n.trim() == finding.name()))
}
