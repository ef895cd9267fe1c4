"""The JSON Schema (specs/pybridge.schema.json) agrees with the checker (`bindgen-cli check`).

Every spec the project has, broken (tests/spec_errors/) and valid (specs/examples/,
tests/specs/, tests/spec_valid/, specs/template.yaml), is loaded with a YAML 1.2 loader
(ruamel.yaml, the YAML version the checker and editors read), validated with a real JSON
Schema validator (jsonschema, draft 2020-12), and checked with the real CLI. The two verdicts
must be the same, except for the specs that SPEC.md's list "What the JSON Schema cannot check"
names: that table is the exception list, read from SPEC.md itself, so the documentation and
this test cannot drift apart. An exception that no longer disagrees fails too (the list stays
the smallest one that passes).

A file that is not YAML data at all (a syntax error, two documents, a duplicate key, bytes that
are not UTF-8) counts as refused on the schema side: no instance exists for a schema to accept.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from conftest import ROOT, _built

SCHEMA_PATH = ROOT / "specs" / "pybridge.schema.json"
SPEC_MD = ROOT / "specs" / "SPEC.md"
LIMITS_ANCHOR = '<a id="schema_limits"></a>'


def _yaml_files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).glob("*.yaml"))


def corpus() -> list[Path]:
    """Every spec: the broken corpus, then every valid one."""
    files = _yaml_files("tests/spec_errors")
    for folder in ("specs/examples", "tests/specs", "tests/spec_valid"):
        files += _yaml_files(folder)
    files.append(ROOT / "specs" / "template.yaml")
    return files


def schema_limits() -> dict[str, str]:
    """SPEC.md's table of what the schema cannot check: spec file name → the row's first cell."""
    text = SPEC_MD.read_text(encoding="utf-8")
    start = text.index(LIMITS_ANCHOR)
    end = text.find("<a id=", start + len(LIMITS_ANCHOR))
    section = text[start : end if end != -1 else len(text)]
    limits: dict[str, str] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        if not line.startswith("|") or len(cells) != 3 or set(cells[0]) <= {"-", " "} or cells[0] == "rule":
            continue
        for name in re.findall(r"`([\w.-]+\.yaml)`", cells[2]):
            assert name not in limits, f"SPEC.md lists {name} twice"
            limits[name] = cells[0]
    return limits


@dataclass
class Verdict:
    accepted: bool
    why: str


@dataclass
class Loaded:
    """A spec as data, as an editor's YAML 1.2 loader sees it, or why it is not YAML data."""

    data: Any = None
    not_yaml: str | None = None


def load_yaml(path: Path) -> Loaded:
    try:
        text = path.read_bytes().decode("utf-8-sig")
        return Loaded(data=YAML(typ="safe", pure=True).load(text))
    except Exception as err:  # noqa: BLE001 - any loader failure means "not YAML data"
        return Loaded(not_yaml=f"{type(err).__name__}: {str(err)[:100]}")


def schema_verdict(validator: jsonschema.protocols.Validator, loaded: Loaded) -> Verdict:
    if loaded.not_yaml is not None:
        return Verdict(False, f"not YAML data: {loaded.not_yaml}")
    errors = list(validator.iter_errors(loaded.data))
    if not errors:
        return Verdict(True, "valid")
    best = jsonschema.exceptions.best_match(errors)
    # Inside `anyOf` (a section or `~`), the error that explains is the deepest one.
    while best.context:
        best = jsonschema.exceptions.best_match(best.context)
    where = "/".join(map(str, best.absolute_path)) or "(top)"
    return Verdict(False, f"{len(errors)} schema error(s); at {where}: {best.message[:200]}")


def checker_verdicts(files: list[Path]) -> dict[Path, Verdict]:
    cli = _built("bindgen-cli")
    verdicts = {}
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        out = subprocess.run([str(cli), "check", rel], cwd=ROOT, capture_output=True, text=True)
        assert out.returncode in (0, 1), f"{rel}: bindgen-cli check exited {out.returncode}:\n{out.stderr}"
        first = out.stderr.splitlines()[0] if out.stderr else "ok"
        verdicts[path] = Verdict(out.returncode == 0, first)
    return verdicts


def disagreements(schema: dict[str, Any], loaded: dict[Path, Loaded], checker: dict[Path, Verdict]) -> dict[str, str]:
    """File name → how the schema's verdict differs from the checker's, for every disagreement."""
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    out = {}
    for path, spec in loaded.items():
        ours = schema_verdict(validator, spec)
        theirs = checker[path]
        if ours.accepted != theirs.accepted:
            side = "schema accepts, checker refuses" if ours.accepted else "schema refuses, checker accepts"
            out[path.name] = f"{path.relative_to(ROOT)}: {side}\n    schema: {ours.why}\n    checker: {theirs.why}"
    return out


@pytest.fixture(scope="module")
def files() -> list[Path]:
    found = corpus()
    names = [p.name for p in found]
    assert len(set(names)) == len(names), "spec file names must be unique across the folders"
    assert len(found) >= 60
    return found


@pytest.fixture(scope="module")
def checker(files: list[Path]) -> dict[Path, Verdict]:
    return checker_verdicts(files)


@pytest.fixture(scope="module")
def loaded(files: list[Path]) -> dict[Path, Loaded]:
    return {path: load_yaml(path) for path in files}


def _schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_schema_agrees_with_the_checker(files: list[Path], loaded: dict[Path, Loaded], checker: dict[Path, Verdict]) -> None:
    limits = schema_limits()
    names = {p.name for p in files}
    unknown = sorted(set(limits) - names)
    assert not unknown, f"SPEC.md's schema limits name specs that do not exist: {unknown}"
    found = disagreements(_schema(), loaded, checker)
    unexplained = [msg for name, msg in sorted(found.items()) if name not in limits]
    stale = sorted(f"{name} ({limits[name]})" for name in limits if name not in found)
    report = []
    if unexplained:
        report.append(
            "the schema and `bindgen-cli check` disagree (fix specs/pybridge.schema.json's generator, "
            "model/src/spec/schema.rs, or list the spec in SPEC.md's schema limits with the reason):\n"
            + "\n".join(unexplained)
        )
    if stale:
        report.append("listed in SPEC.md's schema limits but the schema now agrees (remove them):\n" + "\n".join(stale))
    assert not report, "\n\n".join(report)


def test_every_valid_spec_is_valid_and_every_broken_one_refused(files: list[Path], checker: dict[Path, Verdict]) -> None:
    """The corpus is what its folder says it is (so the comparison compares what it should)."""
    for path in files:
        broken = path.parent.name == "spec_errors"
        assert checker[path].accepted != broken, f"{path.relative_to(ROOT)}: {checker[path].why}"


def test_the_comparison_catches_a_schema_that_refuses_null(loaded: dict[Path, Loaded], checker: dict[Path, Verdict]) -> None:
    """Positive control: a schema with the old defect (`export: ~` refused, as a `$ref` to an
    object is) disagrees with the checker on the spec that writes it."""
    broken = copy.deepcopy(_schema())
    broken["properties"]["export"] = {"$ref": "#/$defs/export"}
    found = disagreements(broken, loaded, checker)
    assert "null_export.yaml" in found, sorted(found)
    assert "schema refuses, checker accepts" in found["null_export.yaml"]


def test_the_comparison_catches_a_schema_that_accepts_too_much(
    loaded: dict[Path, Loaded], checker: dict[Path, Verdict]
) -> None:
    """Positive control the other way: any `version` accepted → `version: 2` disagrees."""
    broken = copy.deepcopy(_schema())
    broken["properties"]["version"] = {"type": "integer"}
    found = disagreements(broken, loaded, checker)
    assert "unsupported_version.yaml" in found, sorted(found)
