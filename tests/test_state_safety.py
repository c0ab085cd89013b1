"""Hostile build state (issue 22): what a committed or downloaded output folder holds,
and where the site is built, can neither run code nor delete anything outside."""
from __future__ import annotations

import os
from pathlib import Path

from conftest import make_project, mkdocs, write_seeds

SEED = ("Sigi - Pemerintah Kabupaten Sigi menyalurkan PMT bagi 120 balita stunting. Prevalensi stunting di Kabupaten "
        "Sigi turun menjadi 12,4 persen pada 2024.\n")


def test_a_linked_site_folder_is_refused_and_its_target_untouched(tmp_path):
    """MkDocs empties its site folder before building: a `site/` that links elsewhere
    would wipe the folder it points to. The build stops first, in Indonesian."""
    seeds = write_seeds(tmp_path / "seeds-src", {"a.txt": SEED})
    project = make_project(tmp_path / "project", seeds)
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "tesis.docx").write_bytes(b"three years of work")
    (precious / "bab").mkdir()
    (precious / "bab" / "1.md").write_text("Bab 1\n", encoding="utf-8")
    (project / "site").symlink_to(precious, target_is_directory=True)
    result = mkdocs(project, "build", timeout=120)
    assert result.returncode != 0
    assert "adalah tautan ke" in result.stderr and str(precious) in result.stderr
    assert (precious / "tesis.docx").read_bytes() == b"three years of work"
    assert (precious / "bab" / "1.md").read_text(encoding="utf-8") == "Bab 1\n"
    assert sorted(p.name for p in precious.rglob("*")) == ["1.md", "bab", "tesis.docx"]


def test_site_dir_problem_sees_links_in_the_project_only(tmp_path):
    from generator.build import site_dir_problem

    real = tmp_path / "real"
    (real / "site").mkdir(parents=True)
    assert site_dir_problem(real / "site", real) is None
    assert site_dir_problem(real / "new-site", real) is None  # not there yet: made by MkDocs
    (real / "out").symlink_to(tmp_path, target_is_directory=True)
    assert "induk site_dir" in site_dir_problem(real / "out" / "site", real)
    # A project that itself lives under a linked folder builds as before.
    (tmp_path / "home").symlink_to(real, target_is_directory=True)
    assert site_dir_problem(tmp_path / "home" / "site", tmp_path / "home") is None
    assert os.path.isdir(tmp_path / "home" / "site")
