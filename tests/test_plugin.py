"""The MkDocs plugin: its options are checked by MkDocs, `python -m generator` reads the
same ones, and it joins an unrelated MkDocs site (examples/plugin-site) cleanly."""
from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs
from generator.plugin import KnowledgeBasePlugin

EXAMPLE = ROOT / "examples" / "plugin-site"


def _errors(options: dict) -> list[str]:
    errors, _ = KnowledgeBasePlugin().load_config(options, str(ROOT / "mkdocs.yml"))
    return [f"{key}: {message}" for key, message in errors]


def test_options_are_typed_with_defaults_beside_mkdocs_yml():
    plugin = KnowledgeBasePlugin()
    errors, warnings = plugin.load_config({}, str(EXAMPLE / "mkdocs.yml"))
    assert errors == [] and warnings == []
    assert Path(plugin.config.seeds) == EXAMPLE / "seeds" and Path(plugin.config.output) == EXAMPLE / "generated"
    assert (plugin.config.full_text, plugin.config.search_language, plugin.config.search_index,
            plugin.config.workers, plugin.config.templates) == (True, "id", "auto", 0, None)


def test_an_unknown_key_is_an_error_that_lists_the_valid_keys():
    errors = _errors({"ful_text": False})
    assert len(errors) == 1 and errors[0].startswith("ful_text: opsi tidak dikenal")
    for key in ("seeds", "output", "full_text", "search_language", "search_index", "workers", "templates"):
        assert key in errors[0]


@pytest.mark.parametrize("options,says", [
    ({"search_index": "sometimes"}, "Expected one of: ('auto', 'lunr', 'prebuilt')"),
    ({"search_language": "jv"}, "Expected one of: ('id', 'en')"),
    ({"full_text": "maybe"}, "Expected type: <class 'bool'>"),
    ({"workers": -1}, "0 or more"),
    ({"workers": True}, "0 or more"),
    ({"templates": "no/such/folder"}, "isn't an existing directory"),
])
def test_a_bad_value_is_an_error_naming_the_valid_ones(options, says):
    errors = _errors(options)
    assert len(errors) == 1 and says in errors[0], errors


def _site(tmp_path: Path, plugin_lines: str, extra: str = "") -> Path:
    site = tmp_path / "site-src"
    shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("generated", "site"))
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - stunting-kb\n", plugin_lines) + extra
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    return site


def test_mkdocs_refuses_a_typo_with_the_valid_keys(tmp_path):
    site = _site(tmp_path, "  - stunting-kb:\n      ful_text: false\n")
    result = mkdocs(site, "build", "-d", "out", timeout=120)
    assert result.returncode != 0
    assert "Plugin 'stunting-kb' option 'ful_text': opsi tidak dikenal; opsi yang sah: full_text, output" in result.stderr
    assert not (site / "generated").exists()


def test_mkdocs_refuses_the_old_extra_kb(tmp_path):
    site = _site(tmp_path, "  - stunting-kb\n", "extra:\n  kb:\n    full_text: false\n")
    result = mkdocs(site, "build", "-d", "out", timeout=120)
    assert result.returncode != 0 and "extra.kb tidak dipakai lagi" in result.stderr


def test_the_command_line_reads_the_plugin_options_of_mkdocs_yml(tmp_path):
    from generator.__main__ import _configured, main

    site = _site(tmp_path, "  - stunting-kb:\n      output: keluaran\n      full_text: false\n      workers: 1\n")
    config = _configured(site / "mkdocs.yml")
    assert (config.seeds, config.output, config.docs) == (site / "seeds", site / "keluaran", site / "docs")
    assert (config.site.full_text, config.workers) == (False, 1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["build", "-f", str(site / "mkdocs.yml")]) == 0
    assert "2 artikel dibangun" in out.getvalue()
    page = next((site / "keluaran" / "artikel").glob("*pmt-lokal-sigi*.md")).read_text(encoding="utf-8")
    assert "Teks lengkap ada pada sumber aslinya" in page  # full_text: false
    assert "Kepala Dinas Kesehatan Sigi mengatakan kader posyandu" not in page
    err = io.StringIO()
    (site / "mkdocs.yml").write_text((site / "mkdocs.yml").read_text(encoding="utf-8")
                                     .replace("workers: 1", "workers: many"), encoding="utf-8")
    with contextlib.redirect_stderr(err):
        assert main(["build", "-f", str(site / "mkdocs.yml")]) == 2
    assert "galat:" in err.getvalue() and "configuration error" in err.getvalue()


@pytest.mark.slow
def test_the_example_site_keeps_its_pages_and_nav_and_builds_strict(tmp_path):
    config = (EXAMPLE / "mkdocs.yml").read_text(encoding="utf-8")
    # All it takes: the plugin named beside search.
    assert config.endswith("plugins:\n  - search\n  - stunting-kb\n")
    site = _site(tmp_path, "  - stunting-kb\n")
    result = mkdocs(site, "build", "--strict", "-d", "out", timeout=300)
    assert result.returncode == 0, result.stderr
    assert "2 artikel dibangun" in result.stderr
    out = site / "out"
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Halaman ini ditulis tim sendiri" in home  # its own home page, not ours
    assert "Rapat koordinasi TPPS diadakan setiap bulan" in (out / "rapat" / "index.html").read_text(encoding="utf-8")
    nav = home[home.index("md-nav--primary"):home.index('<div class="md-content"')]
    assert "Rapat koordinasi" in nav and "Berita per wilayah" in nav
    articles = sorted(p.parent.name for p in (out / "artikel").glob("*/index.html"))
    assert len(articles) == 2 and any("sigi" in a for a in articles), articles
    sigi = (out / "wilayah" / "sulawesi-tengah" / "kabupaten-sigi" / "index.html").read_text(encoding="utf-8")
    assert any(a in sigi for a in articles)
    article = (out / "artikel" / articles[0] / "index.html").read_text(encoding="utf-8")
    assert 'href="../../assets/kb.css"' in article and (out / "assets" / "kb.css").exists()
    assert "Content-Security-Policy" in article
    assert (out / "tentang" / "index.html").exists() and (out / "kurasi" / "index.html").exists()
    assert (out / "assets" / "javascripts" / "lunr" / "min" / "lunr.id.min.js").exists()  # Indonesian search
    assert not (site / "docs" / "artikel").exists()  # nothing written among its own pages


@pytest.mark.parametrize("command,kept", [("serve", 2), ("build", 0)])
def test_the_knowledge_base_is_kept_between_builds_only_under_serve(tmp_path, command, kept):
    # Under `mkdocs serve` the next save reuses it; through a one-shot `mkdocs build` it
    # would only hold every article in memory while MkDocs renders the pages. MkDocs
    # keeps one plugin instance per process: the build after the serve reuses it.
    from mkdocs.config import load_config

    site = _site(tmp_path, "  - stunting-kb\n")
    with contextlib.chdir(site):
        config = load_config(str(site / "mkdocs.yml"))
        config.plugins.on_startup(command=command, dirty=False)
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
    plugin = config.plugins["stunting-kb"]
    assert plugin.failure is None and (site / "generated" / "kurasi" / "index.md").exists()
    assert (len(plugin.memory.entries) if plugin.memory is not None else 0) == kept
