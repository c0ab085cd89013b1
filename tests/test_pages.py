"""The page table's keys: a page whose key did not change shows nothing new.

The incremental build skips a page whose key is the same as last time. That is
only right if the key covers everything the page's template shows; these tests
change a knowledge base in the ways curators do (a new article, one removed,
an edited text, an actor whose name collides with another's) and render every
page of both: wherever the keys are equal, the texts must be.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from generator import urls
from generator.build import SeedExtractor
from generator.config import BuildConfig
from generator.dedupe import merge_duplicates
from generator.index import KnowledgeBase
from generator.read import read_folder
from generator.render import PageTable, Renderer
from generator.report import BuildReport
from generator.state import OutputState

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from corpus import write_corpus  # noqa: E402


def _table(seeds: Path, reference, tmp: Path) -> PageTable:
    """The page table the build makes from `seeds` (no cache)."""
    config = BuildConfig(seeds=seeds, output=tmp / "unused", incremental=False)
    folder = read_folder(seeds)
    slugs = {s.id: urls.article_slug(s.id) for s in folder.seeds}
    memory = OutputState(config)
    extracted = memory.extract(folder.seeds, slugs, SeedExtractor(reference, slugs, config, BuildReport("")))
    articles, _ = merge_duplicates(extracted.articles, extracted.samples)
    kb, _ = KnowledgeBase.build(articles, reference.taxonomy, reference.gazetteer)
    return PageTable(Renderer(kb, reference), memory.article_digests(kb.every, extracted.keys))


def _pages(table: PageTable) -> dict[str, tuple[str, str]]:
    return {p.path: (p.key, table.render(p)) for p in table.pages() if p.key}


# Two names of one slug: the second one's arrival renames the first one's page.
ACTOR = ("Sigi - Yayasan Mitra Sehat menyalurkan paket gizi bagi balita stunting di Kabupaten Sigi. "
         "Yayasan Mitra Sehat juga melatih kader.\n")
ACTOR_TWIN = ("Bantul - Yayasan Mitra-Sehat menyalurkan paket gizi bagi balita stunting di Kabupaten Bantul. "
              "Yayasan Mitra-Sehat juga melatih kader.\n")
# A figure for a province the article is not about: it shows on that province's page.
ANOTHER_PROVINCE = ("Jayapura - Pemkot Jayapura menggelar posyandu remaja untuk mencegah stunting. Prevalensi stunting "
                    "Kota Jayapura 18 persen pada 2023, lebih rendah dibandingkan Provinsi Maluku yang mencapai "
                    "28,4 persen pada 2023.\n")


def _add(seeds: Path) -> None:
    (seeds / "zz-new.txt").write_text(ANOTHER_PROVINCE, encoding="utf-8")


def _remove(seeds: Path) -> None:
    sorted(seeds.glob("*.txt"))[3].unlink()


def _edit(seeds: Path) -> None:
    seed = sorted(seeds.glob("*.txt"))[5]
    seed.write_text(seed.read_text(encoding="utf-8").replace("stunting", "stunting anak", 2)
                    + "\nPT Telkom Indonesia turut menyalurkan paket gizi bagi balita.\n", encoding="utf-8")


def _twin_actor(seeds: Path) -> None:
    (seeds / "zz-twin.txt").write_text(ACTOR_TWIN, encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("change", [_add, _remove, _edit, _twin_actor], ids=lambda f: f.__name__.strip("_"))
def test_equal_keys_mean_equal_pages(tmp_path, reference, change):
    before_seeds = tmp_path / "before"
    write_corpus(before_seeds, 30)
    (before_seeds / "sigi-actor.txt").write_text(ACTOR, encoding="utf-8")
    (before_seeds / "maluku.txt").write_text("Ambon - Pemprov Maluku menggelar audit kasus stunting di Provinsi Maluku.\n",
                                             encoding="utf-8")
    after_seeds = tmp_path / "after"
    shutil.copytree(before_seeds, after_seeds)
    change(after_seeds)
    before = _pages(_table(before_seeds, reference, tmp_path))
    after = _pages(_table(after_seeds, reference, tmp_path))
    same_key = [p for p in before.keys() & after.keys() if before[p][0] == after[p][0]]
    changed_key = [p for p in before.keys() & after.keys() if before[p][0] != after[p][0]]
    assert same_key and changed_key  # the change touched some pages and left others
    for path in same_key:
        assert before[path][1] == after[path][1], f"{path}: same key, different text"


def test_every_page_of_the_seed_site_has_a_kind_with_a_template(reference, tmp_path):
    table = _table(ROOT / "seeds", reference, tmp_path)
    pages = list(table.pages())
    assert len({p.path for p in pages}) == len(pages)  # no two pages share a path
    for p in pages:
        assert (ROOT / "generator" / "templates" / p.kind.template).is_file(), p.kind
