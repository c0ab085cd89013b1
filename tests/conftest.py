"""Shared fixtures: build the knowledge base or the whole site from seeds the test writes."""
from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import build
from generator.config import BuildConfig
from generator.extract import extract_article
from generator.model import Seed
from generator.reference import Reference

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def reference() -> Reference:
    return Reference.load(ROOT / "generator" / "data")


@pytest.fixture
def extract(reference):
    """Extract an article from a text the test wrote."""

    def run(text: str, name: str = "t.txt"):
        seed = Seed(id=Path(name).stem, file=name, text=text, encoding="utf-8")
        return extract_article(seed, reference, Path(name).stem)[0]

    return run


def write_seeds(folder: Path, seeds: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in seeds.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture
def build_kb(tmp_path):
    """Run the generator on seeds the test writes; returns (output dir, report, articles.json)."""

    def run(seeds: dict[str, str | bytes], **options):
        seeds_dir = write_seeds(tmp_path / "seeds", seeds)
        output = tmp_path / "generated"
        report = build(BuildConfig(seeds=seeds_dir, output=output, **options))
        data = json.loads((output / "data" / "articles.json").read_text(encoding="utf-8"))
        return output, report, data

    return run


def make_project(dest: Path, seeds_dir: Path | None = None) -> Path:
    """A copy of the project's site sources (not its generated output) in `dest`: mkdocs.yml,
    the hand-written docs/ and the seeds. The generator comes as users get it: the
    installed plugin (see `plugin_env`)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    generated = _generated_paths()
    shutil.copytree(ROOT / "docs", dest / "docs",
                    ignore=lambda folder, names: [n for n in names if _relative_to_docs(folder, n) in generated])
    shutil.copytree(seeds_dir or ROOT / "seeds", dest / "seeds")
    return dest


def _relative_to_docs(folder: str, name: str) -> str:
    return (Path(folder) / name).relative_to(ROOT / "docs").as_posix()


def _generated_paths() -> set[str]:
    """What the generator wrote into the project's docs/ (its manifest), and its cache: not hand-written."""
    paths = {".generator-manifest.json", ".cache"}
    manifest = ROOT / "docs" / ".generator-manifest.json"
    if manifest.exists():
        paths |= set(json.loads(manifest.read_text())["files"])
    return paths


def plugin_installed() -> bool:
    """This checkout installed as the README says (`pip install --no-deps -e .`): its plugin registered
    in the environment (not only by the egg-info an editable build leaves in the checkout, which
    pytest's pythonpath makes visible here but a `mkdocs` started elsewhere does not see)."""
    from importlib.metadata import distributions

    for dist in distributions():
        if any(ep.group == "mkdocs.plugins" and ep.name == "stunting-kb" for ep in dist.entry_points):
            if Path(str(dist.locate_file(""))).resolve() == ROOT:
                continue
            spec = importlib.util.find_spec("generator")
            return spec is not None and Path(spec.origin).resolve().is_relative_to(ROOT)
    return False


def _checkout_registration() -> Path:
    """A folder with a registration of this checkout's plugin (the entry point of
    pyproject.toml), as an install would give: for a checkout that is not installed."""
    import tempfile
    import tomllib

    import atexit

    folder = Path(tempfile.mkdtemp(prefix="kb-plugin-shim-"))
    atexit.register(shutil.rmtree, folder, True)
    info = folder / "stunting_kb_checkout-0.dist-info"
    info.mkdir()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    points = project["project"]["entry-points"]["mkdocs.plugins"]
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: stunting-kb-checkout\nVersion: 0\n")
    (info / "entry_points.txt").write_text("[mkdocs.plugins]\n" + "".join(f"{k} = {v}\n" for k, v in points.items()))
    return folder


INSTALLED = plugin_installed()
if not INSTALLED:  # an engineer's shared venv: MkDocs loaded here finds the plugin too
    _REGISTRATION = _checkout_registration()
    sys.path.append(str(_REGISTRATION))


def plugin_env(**extra: str) -> dict[str, str]:
    """The environment for `mkdocs` and `python -m generator` in a subprocess. Installed,
    as the README and .ci/run do: the user's own. In a checkout that is not installed:
    PYTHONPATH with the checkout and the registration of its plugin."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **extra)
    if INSTALLED:
        return env
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(_REGISTRATION), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def mkdocs(project: Path, *args: str, timeout: int = 300, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=project, env=env or plugin_env(),
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def seeds_output(tmp_path_factory) -> Path:
    """The project's seeds through the generator once, with the default settings (no MkDocs):
    the output folder, which the tests that share it only read."""
    docs = tmp_path_factory.mktemp("seeds-output") / "docs"
    build(BuildConfig(seeds=ROOT / "seeds", output=docs))
    return docs


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The seed site, built once with `mkdocs build --strict`; returns the site folder."""
    project = make_project(tmp_path_factory.mktemp("seedsite") / "project")
    result = mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


def build_bundle(project: Path, out: Path) -> Path:
    """`python -m generator bundle` in `project`, unzipped next to `out`; returns the bundle's index.html."""
    import zipfile

    env = plugin_env()
    result = subprocess.run([sys.executable, "-m", "generator", "bundle", "--out", str(out)], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "bundel luring ditulis" in result.stdout
    with zipfile.ZipFile(out) as zf:
        zf.extractall(out.parent / "usb")
    return out.parent / "usb" / "basis-pengetahuan-stunting" / "index.html"


@pytest.fixture(scope="session")
def served_seed_site(seed_site):
    """The seed site on http://127.0.0.1 (a thread of this process)."""
    with serve(seed_site) as url:
        yield url


@contextlib.contextmanager
def serve(folder: Path):
    """A built site served on http://127.0.0.1 by a thread of this process; yields its URL."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
