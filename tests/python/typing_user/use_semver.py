"""A user script type-checked with `mypy --strict` against the wrapped crate's stubs."""

import semver_py

v: semver_py.Version = semver_py.Version.parse("1.2.3")
major: int = v.major
newer: bool = v < semver_py.Version(2, 0, 0)
req = semver_py.VersionReq.parse("^1")
ok: bool = req.matches(v)
best: semver_py.Version | None = semver_py.max_satisfying(req, ["1.0.0", "1.5.0"])
try:
    semver_py.Version.parse("x")
except semver_py.SemverError as e:
    message: str = str(e)
print(major, newer, ok, best, v.bump_minor(), v.is_prerelease())
