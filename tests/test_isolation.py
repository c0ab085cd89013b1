"""No article can stop the build: a failure in one seed or one page is reported, the rest is built."""
from __future__ import annotations

import html
import json
import re

import pytest

from generator.build import build
from generator.config import BuildConfig
from generator.extract import figures

from conftest import ROOT, make_project, mkdocs, write_seeds

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
    # The data page takes figures whose year is known; the other stays on its article's page.
    assert "12,4%" in page and "11,8%" not in page
    assert "11,8%" in (docs / "artikel" / "b.md").read_text(encoding="utf-8")
    assert not [p for p in report.problems if p.stage]


@pytest.mark.slow
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
    assert "b.txt (tahap ekstraksi): dilewati: ekstraksi gagal (ZeroDivisionError" in curator
    assert any("b.txt [tahap ekstraksi]" in line for line in report.lines())


def _failing_article_template(folder):
    """A curator's template folder whose article layout fails for article b (a name it
    does not define), and works for the others."""
    (folder / "html").mkdir(parents=True, exist_ok=True)
    real = (ROOT / "generator" / "templates" / "html" / "article.html.j2").read_text(encoding="utf-8")
    (folder / "html" / "article.html.j2").write_text("{% if a.id == 'b' %}{{ no_such_name.attribute }}{% endif %}\n" + real,
                                                      encoding="utf-8")
    return folder


@pytest.mark.slow
def test_a_page_that_fails_to_render_is_replaced_reported_and_retried(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a.txt": WITH_YEAR, "b.txt": WITHOUT_YEAR})
    docs = tmp_path / "generated"
    templates = _failing_article_template(tmp_path / "templates")
    report = build(BuildConfig(seeds=seeds, output=docs, templates=templates))
    (problem,) = [p for p in report.problems if p.stage == "render"]
    assert problem.file == "b.txt" and "UndefinedError" in problem.message and "artikel/b.md" in problem.message
    page = (docs / "artikel" / "b.md").read_text(encoding="utf-8")
    assert "Halaman tidak dapat dibuat" in page
    assert "Teks berita" in (docs / "artikel" / "a.md").read_text(encoding="utf-8")
    assert "b.txt (tahap pembuatan halaman)" in plain((docs / "kurasi" / "index.md").read_text(encoding="utf-8"))
    report_json = json.loads((docs / "data" / "build-report.json").read_text(encoding="utf-8"))
    assert any(w["file"] == "b.txt" for w in report_json["warnings"])
    # Fixed (the template put right), the next build renders the page for real.
    (templates / "html" / "article.html.j2").unlink()
    (seeds / "c.txt").write_text(WITH_YEAR.replace("Tapin", "Banjar"), encoding="utf-8")
    report = build(BuildConfig(seeds=seeds, output=docs, templates=templates))
    assert not [p for p in report.problems if p.stage == "render"]
    assert "Teks berita" in (docs / "artikel" / "b.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_failed_page_is_not_remembered_as_made(tmp_path):
    """A page that failed is made again by the next build even when nothing it shows changed."""
    seeds = write_seeds(tmp_path / "seeds", {"a.txt": WITH_YEAR, "b.txt": WITHOUT_YEAR})
    docs = tmp_path / "generated"
    templates = tmp_path / "templates"
    (templates / "html").mkdir(parents=True)
    real = (ROOT / "generator" / "templates" / "html" / "article.html.j2").read_text(encoding="utf-8")
    # Fails while the knowledge base has two articles: a third, unrelated to b, changes nothing b shows.
    (templates / "html" / "article.html.j2").write_text(
        "{% if a.id == 'b' and kb.every | length < 3 %}{{ no_such_name.attribute }}{% endif %}\n" + real, encoding="utf-8")
    build(BuildConfig(seeds=seeds, output=docs, templates=templates))
    assert "Halaman tidak dapat dibuat" in (docs / "artikel" / "b.md").read_text(encoding="utf-8")
    (seeds / "c.txt").write_text("Sigi - Pemkab Sigi menggelar audit kasus stunting di Kecamatan Dolo.\n", encoding="utf-8")
    report = build(BuildConfig(seeds=seeds, output=docs, templates=templates))
    assert not [p for p in report.problems if p.stage == "render"]
    assert "Teks berita" in (docs / "artikel" / "b.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_site_with_a_failed_page_still_builds_strict(tmp_path):
    project = make_project(tmp_path / "project", write_seeds(tmp_path / "seeds", {"a.txt": WITH_YEAR, "b.txt": WITHOUT_YEAR}))
    _failing_article_template(project / "kb-templates")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("      seeds: seeds\n", "      seeds: seeds\n      templates: kb-templates\n"),
                                        encoding="utf-8")
    result = mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "artikel" / "b" / "index.html").read_text(encoding="utf-8")
    assert "Halaman tidak dapat dibuat" in html
    assert "12,4" in (project / "site" / "artikel" / "a" / "index.html").read_text(encoding="utf-8")
