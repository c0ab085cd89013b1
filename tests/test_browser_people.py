"""The site for people: accessible (axe-core, WCAG 2.1 AA), no script errors, readable on a
phone, articles first in search, and in lead-only mode no more than a quarter of any article
published. Screenshots of every page kind, desktop and phone, go to test-artifacts/pages/."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from browser import ARTIFACTS, browser_context, open_page, search
from conftest import build_bundle, make_project, plugin_env
from published import published_of, share

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTICLE = "artikel/000_677c019573854520"
# One page of every kind: (name, path without the directory-URL ending).
KINDS = [
    ("beranda", ""), ("wilayah", "wilayah"), ("provinsi", "wilayah/kalimantan-timur"),
    ("kabupaten-kota", "wilayah/kalimantan-timur/kota-balikpapan"), ("program-indeks", "program"),
    ("program", "program/posyandu"), ("aktor-indeks", "aktor"), ("jenis-aktor", "aktor/jenis/swasta"),
    ("aktor", "aktor/adaro-group"), ("sasaran-indeks", "sasaran"), ("sasaran", "sasaran/balita"),
    ("linimasa", "linimasa"), ("tahun", "linimasa/2024"), ("data", "data"), ("glosarium", "glosarium"),
    ("kurasi", "kurasi"), ("tentang", "tentang"), ("artikel", ARTICLE),
]
PHONE = {"width": 390, "height": 844}
WCAG = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']"


def _axe(page) -> list[str]:
    """Serious and critical axe-core violations of the page as it is shown."""
    from axe_playwright_python.base import AXE_SCRIPT

    result = page.evaluate(AXE_SCRIPT + f"\n;axe.run(document, {{runOnly: {{type: 'tag', values: {WCAG}}}}})")
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in result["violations"]
            if v["impact"] in ("serious", "critical")]




def test_every_page_kind_is_accessible_and_error_free(served_seed_site):
    problems, errors = [], []
    with browser_context() as context:
        for name, path in KINDS:
            page = open_page(context, served_seed_site + (path + "/" if path else ""), errors)
            problems += [f"{name}: {v}" for v in _axe(page)]
            page.screenshot(path=str(_shot(f"{name}-desktop.png")), full_page=False)
            page.close()
        # The search dialog, open, with its results.
        page = open_page(context, served_seed_site, errors)
        search(page, "posyandu")
        problems += [f"pencarian: {v}" for v in _axe(page)]
        page.screenshot(path=str(_shot("pencarian-desktop.png")))
    assert problems == [] and errors == []


def test_the_offline_bundle_is_accessible_and_error_free(tmp_path):
    import zipfile

    index = build_bundle(make_project(tmp_path / "project"), tmp_path / "kb.zip")
    root = index.parent
    # It carries only what its pages load: no source maps, no lunr files of other languages.
    names = zipfile.ZipFile(tmp_path / "kb.zip").namelist()
    assert not [n for n in names if n.endswith(".map") or n.endswith(("wordcut.js", "tinyseg.js"))]
    assert sorted(n.rsplit("/", 1)[1] for n in names if "/lunr/" in n) == ["lunr.id.min.js", "lunr.stemmer.support.min.js"]
    problems, errors = [], []
    with browser_context() as context:
        for name, path in KINDS:
            target = root / (path + ".html" if path and (root / (path + ".html")).exists() else f"{path}/index.html".lstrip("/"))
            page = open_page(context, target.as_uri(), errors)
            problems += [f"{name}: {v}" for v in _axe(page)]
            page.close()
    assert problems == [] and errors == []


def test_pages_read_well_on_a_phone(served_seed_site):
    errors = []
    with browser_context(viewport=PHONE) as context:
        for name, path in KINDS:
            page = open_page(context, served_seed_site + (path + "/" if path else ""), errors)
            # Nothing wider than the screen: wide tables scroll inside their own box.
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"] + 1, f"{name}: the page is {width} px wide"
            page.screenshot(path=str(_shot(f"{name}-phone.png")), full_page=False)
            if name == "artikel":
                # The summary card opens the page, within the first screen.
                card = page.locator(".kb-card").bounding_box()
                assert card is not None and card["y"] < PHONE["height"] / 2 and card["height"] < PHONE["height"]
                # The evidence is behind a disclosure, and the sentence column keeps its width.
                assert not page.locator("details.info").get_attribute("open")
                cells = [c for c in page.locator("td.kb-sentence").all() if c.is_visible()]
                assert cells  # the figures table is open
                for cell in cells:
                    box = cell.bounding_box()
                    assert box["width"] >= 150, f"a sentence column squeezed to {box['width']} px"
            if name in ("beranda", "wilayah"):
                sizes = page.eval_on_selector_all(".kb-tile-abbr", "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
                assert sizes and min(sizes) >= 12, f"{name}: map labels of {min(sizes)} px"
            page.close()
    assert errors == []


def test_map_labels_and_chart_ticks_are_legible_on_a_desktop(served_seed_site):
    with browser_context() as context:
        page = open_page(context, served_seed_site, [])
        sizes = page.eval_on_selector_all(".kb-tile-abbr", "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert sizes and min(sizes) >= 10
        page = open_page(context, served_seed_site + "linimasa/", [])
        boxes = page.eval_on_selector_all(".kb-bar text", "els => els.map(e => e.getBoundingClientRect().toJSON())")
        lines: dict[int, list] = {}
        for b in boxes:
            lines.setdefault(round(b["y"]), []).append(b)
        for row in lines.values():
            row.sort(key=lambda b: b["x"])
            for left, right in zip(row, row[1:]):
                assert left["x"] + left["width"] <= right["x"] + 0.5, "tick labels overlap"


def test_articles_come_before_index_pages_in_search(served_seed_site):
    with browser_context() as context:
        page = open_page(context, served_seed_site, [])
        items = search(page, "menangani stunting")
        hrefs = [items.nth(i).locator("a").first.get_attribute("href") for i in range(items.count())]
        kinds = ["artikel" if "/artikel/" in h else "lain" for h in hrefs]
        assert "artikel" in kinds and "lain" in kinds
        assert kinds.index("lain") > len(kinds) - 1 - kinds[::-1].index("artikel"), hrefs
        assert any("000_677c019573854520" in h for h in hrefs[:kinds.count("artikel")])
        # No article result repeats its title as its first line of text.
        for i in range(items.count()):
            if "/artikel/" not in hrefs[i]:
                continue
            article = items.nth(i).locator("article").first
            title = article.locator("h1, h2").first.inner_text().strip()
            text = article.locator("p").first.inner_text().strip() if article.locator("p").count() else ""
            assert not text.startswith(title[:40]), title


def test_lead_only_publishes_at_most_a_quarter_of_any_article(tmp_path):
    from conftest import ROOT

    project = make_project(tmp_path / "project")
    env = plugin_env(KB_FULL_TEXT="false")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    shares = {}
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        published = published_of(site, seed.stem, f"artikel/{seed.stem}/")
        shares[seed.stem] = share(seed.read_text(encoding="utf-8"), published)
    assert max(shares.values()) <= 0.25, shares
    assert min(shares.values()) > 0.02, shares  # the lead and the quotes are there
    # The full text, for comparison: the measure sees it.
    record = json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))["articles"][0]
    assert all(len((s or "").split()) <= 16 for s in record["evidence"]["programmes"].values())


def _shot(name: str) -> Path:
    folder = ARTIFACTS / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name
