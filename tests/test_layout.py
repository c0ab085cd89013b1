"""docs/ holds only hand-written pages: generated ones live in the output folder and reach
MkDocs as generated files; an older generator's pages in docs/ are cleaned up once."""
from __future__ import annotations

import json
import pickle
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import make_project, mkdocs

pytestmark = pytest.mark.slow


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_a_site_build_leaves_docs_as_people_wrote_it(tmp_path):
    project = make_project(tmp_path / "project")
    before = {p: (project / "docs" / p).read_bytes() for p in _files(project / "docs")}
    result = mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 0, result.stderr
    assert {p: (project / "docs" / p).read_bytes() for p in _files(project / "docs")} == before
    generated = project / "generated"
    assert (generated / "wilayah" / "index.md").is_file() and (generated / "data" / "articles.json").is_file()
    assert (project / "site" / "wilayah" / "kalimantan-timur" / "index.html").is_file()
    assert (project / "site" / "data" / "articles.json").is_file()
    # The home page (hand-written) includes the generated summary.
    assert "artikel" in (project / "site" / "index.html").read_text(encoding="utf-8")
    assert not (project / "site" / ".cache").exists() and not (project / "site" / ".snippets").exists()


def test_a_hand_written_page_wins_over_a_generated_one(tmp_path):
    project = make_project(tmp_path / "project")
    (project / "docs" / "program").mkdir()
    (project / "docs" / "program" / "index.md").write_text("# Program kami\n\nDitulis tangan.\n", encoding="utf-8")
    result = mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "program" / "index.html").read_text(encoding="utf-8")
    assert "Ditulis tangan." in html
    assert "halaman tulisan tangan memakai jalur halaman buatan pembangkit" in result.stderr
    assert (project / "docs" / "program" / "index.md").read_text(encoding="utf-8").startswith("# Program kami")


@dataclass
class BuildCache:  # the shape of the old generator's cache, as far as the migration reads it
    written: dict = field(default_factory=dict)


def _old_generator_in(docs: Path, pages: dict[str, str], recorded: list[str]) -> None:
    """docs/ as the older generator left it: its pages, manifest and cache (which recorded
    the size and time of `recorded` pages as it wrote them)."""
    for rel, text in pages.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    (docs / ".generator-manifest.json").write_text(json.dumps({"files": sorted(pages)}), encoding="utf-8")
    (docs / ".cache" / "replaced" / "artikel").mkdir(parents=True)
    (docs / ".cache" / "replaced" / "artikel" / "lama.md").write_text("edited long ago\n", encoding="utf-8")
    module = types.ModuleType("generator.cache")  # where the old generator kept its cache class
    BuildCache.__module__, BuildCache.__qualname__ = "generator.cache", "BuildCache"
    module.BuildCache = BuildCache
    sys.modules["generator.cache"] = module
    try:
        stats = {}
        for rel in recorded:
            st = (docs / rel).stat()
            stats[rel] = (st.st_size, st.st_mtime_ns)
        (docs / ".cache" / "generator.pickle").write_bytes(pickle.dumps(BuildCache(stats)))
    finally:
        del sys.modules["generator.cache"]
        BuildCache.__module__ = __name__


def test_an_older_generators_pages_leave_docs_once(tmp_path):
    project = make_project(tmp_path / "project")
    docs = project / "docs"
    hand = {p: (docs / p).read_bytes() for p in _files(docs)}
    old_pages = {"wilayah/index.md": "# Wilayah (lama)\n", "artikel/x.md": "# X\n", "kurasi/index.md": "# Kurasi\n"}
    _old_generator_in(docs, old_pages, recorded=["wilayah/index.md", "artikel/x.md", "kurasi/index.md"])
    (docs / "kurasi" / "index.md").write_text("# Kurasi, diedit tangan\n", encoding="utf-8")  # after it was recorded
    result = mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 0, result.stderr
    # docs/ is back to the hand-written pages, byte for byte.
    assert {p: (docs / p).read_bytes() for p in _files(docs)} == hand
    kept = project / "generated" / ".cache" / "replaced" / "docs"
    assert (kept / "kurasi" / "index.md").read_text(encoding="utf-8") == "# Kurasi, diedit tangan\n"
    assert (kept / "artikel" / "lama.md").read_text(encoding="utf-8") == "edited long ago\n"
    assert not (kept / "wilayah" / "index.md").exists()  # as the old generator left it: simply removed
    assert "2 halaman buatan pembangkit versi lama dihapus" in result.stderr
    assert "Wilayah (lama)" not in (project / "site" / "wilayah" / "index.html").read_text(encoding="utf-8")
    # Once: the next build has nothing to clean.
    again = mkdocs(project, "build", "--strict", "-d", "site")
    assert "versi lama" not in again.stderr
