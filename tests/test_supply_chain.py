"""Dependencies: the lock files pin every package the README's commands install, with hashes,
and satisfy pyproject.toml (regenerate them with pip-compile when this fails)."""
from __future__ import annotations

import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def locked(name: str) -> dict[str, tuple[str, list[str]]]:
    """package -> (version, hashes) of a pip-compile lock file."""
    out: dict[str, tuple[str, list[str]]] = {}
    text = (ROOT / name).read_text(encoding="utf-8").replace("\\\n", " ")
    for line in text.splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)(.*)$", line)
        if m:
            out[canonicalize_name(m.group(1))] = (m.group(2), re.findall(r"--hash=sha256:([0-9a-f]{64})", m.group(3)))
    return out


@pytest.mark.parametrize("lock,extras", [("requirements.lock", []), ("requirements-test.lock", ["test"])])
def test_the_lock_pins_every_requirement_with_hashes(lock, extras):
    pins = locked(lock)
    wanted = list(PYPROJECT["project"]["dependencies"])
    for extra in extras:
        wanted += PYPROJECT["project"]["optional-dependencies"][extra]
    for spec in wanted:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not in {lock}"
        assert req.specifier.contains(pins[name][0], prereleases=True), f"{lock}: {req.name}=={pins[name][0]} is not {req.specifier}"
    for name, (version, hashes) in pins.items():
        assert hashes, f"{lock}: {name}=={version} has no hash"


def test_both_locks_agree_and_every_command_installs_from_them():
    runtime, test = locked("requirements.lock"), locked("requirements-test.lock")
    for name, (version, _) in runtime.items():
        assert test.get(name, (version,))[0] == version, f"{name}: {version} and {test[name][0]}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    install = "pip install --no-deps --no-build-isolation -e ."
    assert f"pip install --no-deps --require-hashes -r requirements.lock && {install} && mkdocs serve" in readme
    assert f"pip install --no-deps --require-hashes -r requirements-test.lock && {install} && pytest" in readme
    assert "pip install -q --no-deps --require-hashes -r requirements-test.lock && pip install -q --no-deps --no-build-isolation -e . && pytest" in ci
    assert f"pip install --no-deps --require-hashes -r requirements.lock && {install}" in workflow


def test_the_build_backend_is_locked_too():
    """The project installs with --no-build-isolation: its build backend comes from the
    locks, hash-checked, like everything else (only the local checkout itself is not)."""
    backend = [Requirement(r) for r in PYPROJECT["build-system"]["requires"]]
    for lock in ("requirements.lock", "requirements-test.lock"):
        pins = locked(lock)
        for req in backend:
            name = canonicalize_name(req.name)
            assert name in pins and req.specifier.contains(pins[name][0]), f"{lock}: {req} (pip-compile --build-deps-for editable)"


def test_each_lock_is_closed_under_dependencies():
    """The README installs a lock with --no-deps (pip 23's resolver, under --require-hashes,
    refuses an extra asked for by a dependency, as justext's lxml[html_clean]); that is only
    right when every dependency of every locked package, extras included, is locked too.
    Read from the installed packages' own metadata."""
    from importlib import metadata

    from packaging.markers import default_environment

    env = default_environment()
    requires = {canonicalize_name(d.metadata["Name"]): [Requirement(r) for r in d.requires or []]
                for d in metadata.distributions()}
    for lock in ("requirements.lock", "requirements-test.lock"):
        pins = locked(lock)
        # The extras some locked package asks for, by package (one level deep).
        asked: dict[str, set[str]] = {}
        for name in pins:
            for req in requires.get(name, []):
                if canonicalize_name(req.name) != name and (not req.marker or req.marker.evaluate({**env, "extra": ""})):
                    asked.setdefault(canonicalize_name(req.name), set()).update(req.extras)
        for name in pins:
            for req in requires.get(name, []):  # absent: locked for another platform
                extras = ("",) + tuple(sorted(asked.get(name, ())))
                if req.marker and not any(req.marker.evaluate({**env, "extra": e}) for e in extras):
                    continue
                assert canonicalize_name(req.name) in pins, f"{lock}: {name} needs {req}, which is not locked"
