"""No article can stop the build: a failure in one seed or one page is reported, the rest is built."""
from __future__ import annotations

import html
import json
import re

from generator import render
from generator.build import build
from generator.config import BuildConfig
from generator.extract import figures

from conftest import make_project, mkdocs, write_seeds

WITH_YEAR = ("Tapin - Pemkab Tapin menyalurkan PMT bagi 150 balita stunting. "
             "Prevalensi stunting di Kabupaten Tapin turun menjadi 12,4 persen pada 2024.\n")
WITHOUT_YEAR = ("Barito Kuala - Pemkab Barito Kuala melatih kader posyandu untuk menekan stunting. "
                "Prevalensi stunting di Kabupaten Barito Kuala turun menjadi 11,8 persen.\n")


def plain(markdown: str) -> str:
    """A generated Markdown page as the reader sees its text (escapes undone)."""
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown.replace("**", "")))


def test_prevalence_with_and_without_a_year_side_by_side(build_kb):
    docs, report, data = build_kb({"a.txt": WITH_YEAR, "b.txt": WITHOUT_YEAR})
    years = sorted((f["value"], f["year"]) for a in data["articles"] for f in a["figures"] if f["kind"] == "prevalence")
    assert years == [(11.8, None), (12.4, 2024)]
    page = (docs / "data" / "index.md").read_text(encoding="utf-8")
    # Newest year first, the figure without a year last.
    assert page.index("12,4%") < page.index("11,8%")
    assert not [p for p in report.problems if p.stage]


def test_a_seed_whose_extraction_fails_is_reported_and_the_rest_built(build_kb, monkeypatch):
    real = figures.find_figures

    def fragile(rules, sentences, *args):
        if any("Barito Kuala" in s for s in sentences):
            raise ZeroDivisionError("division by zero")
        return real(rules, sentences, *args)

    monkeypatch.setattr(figures, "find_figures", fragile)
    docs, report, data = build_kb({"a.txt": WITH_YEAR, "b.txt": WITHOUT_YEAR})
    assert [a["id"] for a in data["articles"]] == ["a"]
    (problem,) = [p for p in report.problems if p.file == "b.txt"]
    assert problem.level == "skipped" and problem.stage == "extract" and "ZeroDivisionError" in problem.message
    curator = plain((docs / "kurasi" / "index.md").read_text(encoding="utf-8"))
    assert "b.txt (tahap extract): skipped: extraction failed (ZeroDivisionError" in curator
    assert any("b.txt [extract]" in line for line in report.lines())


def test_a_page_that_fails_to_render_is_replaced_reported_and_retried(tmp_path, monkeypatch):
    real = render.Renderer.article

    def fragile(self, a, related=None):
        if a.id == "b":
            raise KeyError("missing")
        return real(self, a, related)

    seeds = write_seeds(tmp_path / "seeds", {"a.txt": WITH_YEAR, "b.txt": WITHOUT_YEAR})
    docs = tmp_path / "docs"
    monkeypatch.setattr(render.Renderer, "article", fragile)
    report = build(BuildConfig(seeds=seeds, docs=docs))
    (problem,) = [p for p in report.problems if p.stage == "render"]
    assert problem.file == "b.txt" and "KeyError" in problem.message and "artikel/b.md" in problem.message
    page = (docs / "artikel" / "b.md").read_text(encoding="utf-8")
    assert "Halaman tidak dapat dibuat" in page
    assert "Teks berita" in (docs / "artikel" / "a.md").read_text(encoding="utf-8")
    assert "b.txt (tahap render)" in plain((docs / "kurasi" / "index.md").read_text(encoding="utf-8"))
    report_json = json.loads((docs / "data" / "build-report.json").read_text(encoding="utf-8"))
    assert any(w["file"] == "b.txt" for w in report_json["warnings"])
    # Fixed (here: the failure gone), the next build renders the page for real.
    monkeypatch.setattr(render.Renderer, "article", real)
    (seeds / "c.txt").write_text(WITH_YEAR.replace("Tapin", "Banjar"), encoding="utf-8")
    report = build(BuildConfig(seeds=seeds, docs=docs))
    assert not [p for p in report.problems if p.stage == "render"]
    assert "Teks berita" in (docs / "artikel" / "b.md").read_text(encoding="utf-8")


def test_site_with_a_failed_page_still_builds_strict(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project", write_seeds(tmp_path / "seeds", {"a.txt": WITH_YEAR, "b.txt": WITHOUT_YEAR}))
    # The failing page comes from a hook of the test's own, loaded before ours.
    (project / "fail_hook.py").write_text(
        "from generator import render\n"
        "real = render.Renderer.article\n"
        "def fragile(self, a, related=None):\n"
        "    if a.id == 'b':\n"
        "        raise KeyError('missing')\n"
        "    return real(self, a, related)\n"
        "render.Renderer.article = fragile\n", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("hooks:\n", "hooks:\n  - fail_hook.py\n"), encoding="utf-8")
    result = mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "artikel" / "b" / "index.html").read_text(encoding="utf-8")
    assert "Halaman tidak dapat dibuat" in html
    assert "12,4" in (project / "site" / "artikel" / "a" / "index.html").read_text(encoding="utf-8")
