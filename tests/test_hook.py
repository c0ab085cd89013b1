"""The MkDocs hook's short cuts for entry pages give what the long way gives."""
from __future__ import annotations

from types import SimpleNamespace

import frontmatter
import pytest
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc

from conftest import ROOT
from generator.build import build
from generator.config import BuildConfig
from generator.html import heading_tree, searchable, without_search_attributes
from generator.config import SiteSettings


@pytest.fixture(scope="module", params=[None, 1], ids=["whole-text", "lead-only"])
def entry_pages(request, tmp_path_factory) -> list[tuple[str, dict, str]]:
    if request.param is None:  # the default settings: the seeds' shared output
        docs = request.getfixturevalue("seeds_output")
    else:
        docs = tmp_path_factory.mktemp("docs")
        build(BuildConfig(seeds=ROOT / "seeds", output=docs, site=SiteSettings(search_paragraphs=request.param)))
    pages = []
    for path in sorted(docs.rglob("*.md")):
        post = frontmatter.load(path)
        if post.metadata.get("kb_html"):
            pages.append((str(path.relative_to(docs)), post.metadata, post.content))
    return pages


def _index(meta: dict, html: str) -> list[dict]:
    index = SearchIndex(lang=["id"], separator=r"[\s\-]+", pipeline=[], fields={})
    toc = get_toc(heading_tree(html)[0])
    index.add_entry_from_context(SimpleNamespace(meta=meta, content=html, toc=toc, url="p/", title=meta["title"]))
    return index.entries


def test_search_gets_the_same_entries_from_the_searchable_part(entry_pages):
    kinds = {path.split("/")[0] for path, _, _ in entry_pages}
    assert {"artikel", "wilayah", "aktor", "program", "sasaran", "linimasa"} <= kinds
    searched = [(p, m, b) for p, m, b in entry_pages if not (m.get("search") or {}).get("exclude")]
    assert sum(p.startswith("artikel/") for p, _, _ in searched) == 5
    for path, meta, body in searched:
        full = _index(meta, body)
        assert _index(meta, searchable(body)) == full, path
        if path.startswith("artikel/"):
            text = next(e["text"] for e in full if e["title"] == "Teks berita")
            assert "stunting" in text.lower(), path
            assert len(searchable(body)) < len(body) / 2, path


def test_searchable_drops_nested_and_one_line_blocks():
    body = "\n".join([
        "<h1>T</h1>", "<p>kept</p>", "<p data-search-exclude>gone</p>",
        '<div class="x" data-search-exclude>', "<div>", "<p>gone too</p>", "</div>", "<p>still gone</p>", "</div>",
        "<p>kept too</p>",
    ])
    assert searchable(body) == "<h1>T</h1>\n<p>kept</p>\n<p>kept too</p>"
    sections = "\n".join([
        "<h1>T</h1>", "<p>lead</p>",
        '<h2 id="a" data-search-exclude>A<a class="headerlink" href="#a">¶</a></h2>', "<p>in A, gone</p>",
        '<h2 id="b">B<a class="headerlink" href="#b">¶</a></h2>', "<p>in B</p>", "<p data-search-exclude>x</p>",
    ])
    assert searchable(sections) == "\n".join(["<h1>T</h1>", "<p>lead</p>", sections.split("\n")[4], "<p>in B</p>"])
    meta = {"title": "T"}
    assert _index(meta, searchable(sections)) == _index(meta, sections)
    assert [e["title"] for e in _index(meta, sections)] == ["T", "B"]
    assert without_search_attributes('<p data-search-exclude>a</p><ul class="k" data-search-exclude="true">') == \
        '<p>a</p><ul class="k">'


def test_headings_make_the_table_of_contents(entry_pages):
    path, meta, body = next(p for p in entry_pages if p[0].startswith("artikel/"))
    tokens, ids = heading_tree(body)
    assert [t["level"] for t in tokens] == [2] * len(tokens)
    names = [t["name"] for t in tokens]
    assert "Teks berita" in names and names == sorted(names, key=["Angka kunci", "Teks berita", "Artikel terkait"].index)
    assert {t["id"] for t in tokens} <= ids
    nested, _ = heading_tree('<h2 id="a">A<a class="headerlink" href="#a">¶</a></h2>\n'
                             '<h3 id="b">B<a class="headerlink" href="#b">¶</a></h3>\n'
                             '<h2 id="c">C<a class="headerlink" href="#c">¶</a></h2>')
    assert [(t["id"], [c["id"] for c in t["children"]]) for t in nested] == [("a", ["b"]), ("c", [])]
