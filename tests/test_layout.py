"""docs/ holds only hand-written pages: generated ones live in the output folder and reach
MkDocs as generated files."""
from __future__ import annotations

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
