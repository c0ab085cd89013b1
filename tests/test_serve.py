"""`mkdocs serve` picks up an edited seed by itself, with a bounded number of rebuilds."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from conftest import make_project

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_one_seed_edit_causes_a_bounded_number_of_rebuilds(tmp_path):
    project = make_project(tmp_path / "project")
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
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
        assert 1 <= after - first <= 2, "".join(lines)
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/artikel/004_958a61920b972913/", timeout=10).read().decode()
        assert "Judul yang disunting kurator" in page
    finally:
        proc.terminate()
        proc.wait(timeout=20)
