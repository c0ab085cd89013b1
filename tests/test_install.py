"""The README's install, used as a user uses it (issue 21): the console scripts of the
environment in a subprocess, a clean environment (no PYTHONPATH), more seeds than
the parallel threshold (so extraction runs in spawned worker processes), started
from the project folder and with `-f` from elsewhere. A worker that cannot import
the package used to hang `mkdocs build` and `mkdocs serve` for good: every run
here has a timeout."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.corpus import write_corpus
from conftest import INSTALLED, make_project
from generator.config import BuildConfig

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not INSTALLED, reason="the project is not installed in this environment: run "
                       "`pip install --no-deps --no-build-isolation -e .` (the README's command and .ci/run do)"),
]

SEEDS = BuildConfig().parallel_from + 50
BIN = Path(sys.executable).parent


def clean_env() -> dict[str, str]:
    """What a user's shell has after `. .venv/bin/activate`: no PYTHONPATH, nothing of the tests."""
    env = {k: v for k, v in os.environ.items() if k in ("HOME", "LANG", "LC_ALL", "TMPDIR", "USER")}
    env.update(PATH=f"{BIN}{os.pathsep}{os.defpath}", VIRTUAL_ENV=str(BIN.parent), NO_MKDOCS_2_WARNING="1")
    return env


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    seeds = tmp_path_factory.mktemp("many") / "seeds"
    write_corpus(seeds, SEEDS)
    folder = make_project(tmp_path_factory.mktemp("install") / "project", seeds_dir=seeds)
    # Two workers even on a one-core machine: the test is about worker processes.
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      workers: 0", "      workers: 2"), encoding="utf-8")
    assert "workers: 2" in config.read_text(encoding="utf-8")
    return folder


def fresh(project: Path) -> None:
    """No output of an earlier run: every seed is extracted again."""
    shutil.rmtree(project / "generated", ignore_errors=True)


def run(args: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, env=clean_env(), capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = result.stdout + result.stderr
    assert "ModuleNotFoundError" not in out and "tidak dapat berjalan" not in out, out[-3000:]
    assert f"{SEEDS} artikel dibangun" in out and "proses pekerja: ekstraksi 2" in out, out[-3000:]
    return result


def test_mkdocs_build_from_the_project_folder(project):
    fresh(project)
    run([str(BIN / "mkdocs"), "build", "--strict", "-d", "site"], cwd=project)
    assert (project / "site" / "artikel" / "bench_00000" / "index.html").exists()


def test_generator_build_with_f_from_elsewhere(project, tmp_path):
    fresh(project)
    run([str(BIN / "python"), "-m", "generator", "build", "-f", str(project / "mkdocs.yml")], cwd=tmp_path)
    assert (project / "generated" / "artikel" / f"bench_{SEEDS - 1:05d}.md").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
        return getattr(exc, "code", 0), ""


@pytest.mark.parametrize("where", ["project folder", "-f from elsewhere"])
def test_mkdocs_serve_answers(project, tmp_path, where):
    fresh(project)
    port = _free_port()
    args = [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"]
    if where == "project folder":
        cwd = project
    else:
        cwd, args = tmp_path, [*args, "-f", str(project / "mkdocs.yml")]
    proc = subprocess.Popen(args, cwd=cwd, env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")), daemon=True).start()
    base = f"http://127.0.0.1:{port}/"
    try:
        end = time.time() + 600
        while time.time() < end and proc.poll() is None and not any("Serving on" in ln for ln in list(lines)):
            time.sleep(0.5)
        log = "".join(lines)
        assert any("Serving on" in ln for ln in list(lines)), log[-3000:]
        assert "ModuleNotFoundError" not in log and "proses pekerja: ekstraksi 2" in log, log[-3000:]
        status, home = _get(base)
        assert status == 200 and "Upaya penurunan stunting" in home
        status, article = _get(base + "artikel/bench_00007/")
        assert status == 200 and "stunting" in article.lower()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
