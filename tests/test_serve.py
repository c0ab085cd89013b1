"""`mkdocs serve` picks up an edited seed by itself, with one rebuild per save."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from conftest import make_project, plugin_env

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_one_seed_edit_causes_one_rebuild(tmp_path):
    project = make_project(tmp_path / "project")
    port = _free_port()
    env = plugin_env()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")), daemon=True)
    reader.start()

    def builds() -> int:
        return sum("Documentation built" in ln for ln in list(lines))

    def wait_quiet(min_builds: int, timeout: float = 60) -> int:
        end = time.time() + timeout
        last, since = builds(), time.time()
        while time.time() < end:
            time.sleep(0.5)
            now = builds()
            if now != last:
                last, since = now, time.time()
            elif now >= min_builds and time.time() - since > 6:
                return now
        return builds()

    try:
        first = wait_quiet(1)
        assert first >= 1, "".join(lines)
        seed = project / "seeds" / "004_958a61920b972913.txt"
        seed.write_text(seed.read_text(encoding="utf-8").replace(
            "ASN di Belitung jadi orang tua asuh anak stunting\n", "Judul yang disunting kurator\n"), encoding="utf-8")
        after = wait_quiet(first + 1)
        # The generated pages are written outside docs/: MkDocs sees the save, not our writes.
        assert after - first == 1, "".join(lines)
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/artikel/004_958a61920b972913/", timeout=10).read().decode()
        assert "Judul yang disunting kurator" in page
    finally:
        proc.terminate()
        proc.wait(timeout=20)


FAILING_HOOK = """
from pathlib import Path
import generator.build as build_module

if not hasattr(build_module, "real_build"):
    build_module.real_build = build_module.build

def failing_build(config, *args, **kwargs):
    if (Path(config.seeds).parent / "FAIL").exists():
        raise RuntimeError("simulated generator bug")
    return build_module.real_build(config, *args, **kwargs)

build_module.build = failing_build

def on_post_build(config):
    if (Path(config.config_file_path).parent / "FAIL_MKDOCS").exists():
        raise RuntimeError("simulated theme bug")
"""


def _with_failing_hook(project):
    (project / "fail_hook.py").write_text(FAILING_HOOK, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + "\nhooks:\n  - fail_hook.py\n", encoding="utf-8")
    return project


def test_a_failing_generator_keeps_the_last_pages_and_says_so(tmp_path):
    from conftest import mkdocs

    project = _with_failing_hook(make_project(tmp_path / "project"))
    assert mkdocs(project, "build", "-d", "site").returncode == 0
    (project / "FAIL").write_text("")
    strict = mkdocs(project, "build", "--strict", "-d", "site-strict")
    assert strict.returncode != 0 and "simulated generator bug" in strict.stderr
    lenient = mkdocs(project, "build", "-d", "site")
    assert lenient.returncode == 0, lenient.stderr
    html = (project / "site" / "artikel" / "004_958a61920b972913" / "index.html").read_text(encoding="utf-8")
    assert "Pembangunan terakhir gagal" in html and "simulated generator bug" in html
    assert "orang tua asuh" in html  # the last good page, still there


def test_serve_keeps_answering_when_a_rebuild_fails(tmp_path):
    project = _with_failing_hook(make_project(tmp_path / "project"))
    port = _free_port()
    env = plugin_env()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")), daemon=True).start()
    url = f"http://127.0.0.1:{port}/artikel/004_958a61920b972913/"

    def wait_for(text: str, timeout: float = 60) -> None:
        end = time.time() + timeout
        while time.time() < end and not any(text in ln for ln in list(lines)):
            time.sleep(0.3)
        assert any(text in ln for ln in list(lines)), "".join(lines)

    try:
        wait_for("Serving on")
        assert "orang tua asuh" in urllib.request.urlopen(url, timeout=10).read().decode()
        (project / "FAIL_MKDOCS").write_text("")
        seed = project / "seeds" / "004_958a61920b972913.txt"
        seed.write_text(seed.read_text(encoding="utf-8") + "\nTambahan.\n", encoding="utf-8")
        wait_for("pembangunan ulang gagal; situs terakhir yang berhasil tetap disajikan")
        # The request is answered (MkDocs alone would wait for a good build forever).
        assert "orang tua asuh" in urllib.request.urlopen(url, timeout=10).read().decode()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
