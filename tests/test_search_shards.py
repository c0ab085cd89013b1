"""The prebuilt, split search index (generator/search/shards.py): terms stemmed as the
browser stems them, every word of every document, shards small enough to load one by one."""
from __future__ import annotations

import json
import math
import re

import pytest

from generator.search import shards

pytest.importorskip("py_mini_racer")


@pytest.fixture(scope="module")
def stemmer(seeds_output):
    out = seeds_output
    return shards.Stemmer((out / "assets" / "javascripts" / "lunr" / "min" / "lunr.id.min.js").read_text(encoding="utf-8"))


def material_index(docs: list[dict]) -> dict:
    return {"config": {"lang": ["id"], "separator": r"[\s\-]+", "pipeline": ["stemmer", "stopWordFilter", "trimmer"],
                       "fields": {"title": {"boost": 1000}, "text": {"boost": 1}, "tags": {"boost": 1000000}}},
            "docs": docs}


def loaded(files: dict[str, str]) -> tuple[dict, dict[str, dict], dict[int, list]]:
    """The manifest, the shards and the document chunks, as the worker would see them."""
    manifest = json.loads(files["index.js"].removeprefix("self.kbSearchIndex=").rstrip(";\n"))
    shard_map, chunks = {}, {}
    for path, content in files.items():
        m = re.fullmatch(r"self\.kbSearchShard\((\"[^\"]*\"),(.*)\);\n", content, re.S)
        if m:
            shard_map[json.loads(m.group(1))] = json.loads(m.group(2))
        m = re.fullmatch(r"self\.kbSearchDocs\((\d+),(.*)\);\n", content, re.S)
        if m:
            chunks[int(m.group(1))] = json.loads(m.group(2))
    return manifest, shard_map, chunks


def postings(shard_map: dict, term: str) -> dict[int, float]:
    for terms in shard_map.values():
        if term in terms:
            flat, doc, out = terms[term], 0, {}
            for i in range(0, len(flat), 2):
                doc += flat[i]
                out[doc] = 2 ** (flat[i + 1] / 4)
            return out
    return {}


def test_every_word_is_indexed_under_its_stem(stemmer):
    text = " ".join(["Kader posyandu mendampingi keluarga."] * 50) + " Di akhir acara warga Rawabening memamerkan hasil kebun."
    files = dict(shards.build(material_index([
        {"location": "artikel/a/", "title": "Penanganan stunting di Balikpapan", "text": f"<p>{text}</p>", "boost": 1000},
        {"location": "artikel/a/#teks", "title": "Teks berita", "text": "<p>Pelatihan kader &amp; bidan</p>"},
        {"location": "program/", "title": "Program", "text": "<p>Daftar program dan penanganan</p>"},
    ]), stemmer))
    manifest, shard_map, chunks = loaded(files)
    assert manifest["docs"] == 3
    # The stemmer's terms, as the query side will ask for them: penanganan -> tangan, pelatihan -> latih.
    assert set(postings(shard_map, "tangan")) == {0, 2}
    assert set(postings(shard_map, "latih")) == {1}
    assert set(postings(shard_map, "rawabening")) == {0}  # the last words of a long text too
    assert postings(shard_map, "dan") == {} and postings(shard_map, "di") == {}  # stop words
    # A title word of a boosted article page weighs more than a word in an index page's text.
    assert postings(shard_map, "tangan")[0] > 1000 * postings(shard_map, "tangan")[2]
    assert math.isclose(postings(shard_map, "program")[2], 1000, rel_tol=0.2)
    # Documents: location, escaped plain title and teaser, parent page.
    assert chunks[0][1] == ["artikel/a/#teks", "Teks berita", "Pelatihan kader &amp; bidan", 0]
    assert chunks[0][0][3] == -1 and chunks[0][0][2].endswith(" …") and len(chunks[0][0][2]) <= shards.TEASER_CHARS + 2
    # Every shard is under the key its terms start with.
    for key, terms in shard_map.items():
        assert all(t.startswith(key) for t in terms)


def test_big_shards_are_split_by_one_more_letter(stemmer, monkeypatch):
    monkeypatch.setattr(shards, "SHARD_BYTES", 40)
    words = [f"ka{c}{d}an" for c in "bcdfg" for d in "aiu"]
    files = dict(shards.build(material_index([{"location": f"p{i}/", "title": w, "text": w}
                                              for i, w in enumerate(words)]), stemmer))
    manifest, shard_map, _ = loaded(files)
    keys = [k for k in manifest["shards"] if k.startswith("ka")]
    assert len(keys) > 1 and all(len(k) >= 3 for k in keys)
    assert sorted(k for t in shard_map.values() for k in t if k.startswith("ka")) == sorted(
        {k for t in shard_map.values() for k in t if k.startswith("ka")})
    # Non-ASCII keys become file names that stay ASCII.
    assert shards.shard_file("ab") == "ab" and shards.shard_file("é1") == "xc3a931"


def test_two_builds_give_the_same_files(stemmer):
    index = material_index([{"location": "a/", "title": "Posyandu", "text": "<p>Kader posyandu menimbang balita</p>"}])
    assert dict(shards.build(index, stemmer)) == dict(shards.build(json.loads(json.dumps(index)), stemmer))


@pytest.mark.slow
def test_a_preview_keeps_the_index_made_at_start(tmp_path):
    """Under `mkdocs serve` a large site's index is made once: a save stays a quick rebuild."""
    import re as regex
    from conftest import make_project, mkdocs
    from generator.plugin.plugin import put_prebuilt_index

    project = make_project(tmp_path / "project")
    config_file = project / "mkdocs.yml"
    config_file.write_text(regex.sub(r"search_index: .*", "search_index: prebuilt",
                                     config_file.read_text(encoding="utf-8")), encoding="utf-8")
    result = mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    made = (site / "search" / "kb" / "index.js").read_bytes()
    # What Material's search plugin writes again at the next rebuild, with one more page.
    index = {"config": {"lang": ["id"], "separator": r"[\s\-]+", "fields": {"title": {"boost": 1000}}},
             "docs": [{"location": "baru/", "title": "Halaman baru", "text": "Posyandu"}]}
    (site / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    put_prebuilt_index(site, keep_made=True)  # as under `mkdocs serve`
    assert (site / "search" / "kb" / "index.js").read_bytes() == made
    assert json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"] == []
    (site / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    put_prebuilt_index(site, keep_made=False)  # a build (not a preview) makes it anew
    assert json.loads((site / "search" / "kb" / "index.js").read_text(encoding="utf-8")
                      .removeprefix("self.kbSearchIndex=").rstrip(";\n"))["docs"] == 1


def test_the_prebuilt_index_is_chosen_once_for_pipeline_and_hook():
    from generator.config import SEARCH_FULL_TEXT_UP_TO, SiteSettings, prebuilt_search

    large = SEARCH_FULL_TEXT_UP_TO + 1
    assert prebuilt_search(SiteSettings(), large) and not prebuilt_search(SiteSettings(), SEARCH_FULL_TEXT_UP_TO)
    assert prebuilt_search(SiteSettings(search_index="prebuilt"), 5)
    assert not prebuilt_search(SiteSettings(search_index="lunr"), large)
    # Material's English search (the benchmark's reference) keeps lunr: our stemmer makes the index.
    assert not prebuilt_search(SiteSettings(search_index="prebuilt", search_language="en"), large)
