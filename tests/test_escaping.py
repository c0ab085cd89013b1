"""Nothing in a seed becomes live HTML, a link, an include or a template, in the built site."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, make_project, mkdocs, write_seeds

HOSTILE = """Sigi - Pemkab Sigi <script>alert('x')</script> menyalurkan PMT <img src=x onerror="alert(1)"> kepada balita.
Klik [di sini](javascript:alert(2)) atau <a href="javascript:alert(3)">ini</a> dan <iframe src="https://evil.example"></iframe>.
# Bukan judul * bukan daftar _miring_ | pipa | `kode` <b>tebal</b> &amp; {{ config.site_name }} {% if true %}jinja{% endif %}
--8<-- "/etc/passwd"
*[PMT]: singkatan palsu
    empat spasi bukan kode
1. bukan daftar ![gambar](https://evil.example/x.png) <https://evil.example> {: onclick="alert(4)" }
"""


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def live_parts(html: str) -> list[str]:
    """Elements or attributes in `html` that would run code or load/link elsewhere."""
    parser = _Tags()
    parser.feed(html)
    bad = []
    for tag, attrs in parser.tags:
        if tag in {"script", "iframe", "img", "object", "embed", "b", "style"}:
            bad.append(tag)
        for name, value in attrs.items():
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                bad.append(f"{tag}[{name}]")
            if name in {"href", "src"} and value and re.match(r"^(?:[a-z]+:|//)", value):
                bad.append(f"{tag}[{name}={value}]")
    return bad


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    seeds = write_seeds(base / "seeds", {
        "jahat.txt": HOSTILE,
        "judul.txt": "---\ntitle: \"<script>alert('t')</script> Judul {{ x }}\"\noutlet: \"<b>Media</b>\"\n"
                     "url: \"javascript:alert(5)\"\n---\n" + "Poso - Kader posyandu di Kabupaten Poso dilatih.\nPMT dibagikan.\n",
    })
    project = make_project(base / "project", seeds)
    result = mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["jahat", "judul"])
def test_hostile_text_is_shown_as_text(hostile_site, slug):
    html = (hostile_site / "artikel" / slug / "index.html").read_text(encoding="utf-8")
    article = html[html.index('<article'):html.index("</article>")]
    assert live_parts(article) == []
    if slug == "judul":
        return
    # The text is there, as the article had it: what a reader sees, entities resolved.
    text = visible_text(article)
    for shown in ["[di sini](javascript:alert(2))", "{{ config.site_name }}",
                  "{% if true %}jinja{% endif %}", "--8<-- ", "# Bukan judul * bukan daftar _miring_ | pipa |",
                  "`kode`", "<b>tebal</b> &amp;", "<script>alert('x')</script>", '<a href="javascript:alert(3)">ini</a>']:
        assert shown in text, shown
    assert "root:" not in html  # no snippet include of /etc/passwd


@pytest.mark.slow
def test_hostile_front_matter_title_stays_text(hostile_site):
    html = (hostile_site / "artikel" / "judul" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert('t')" not in html
    assert "javascript:alert(5)" not in html.split("<article", 1)[1].split('href="', 1)[-1][:30]
    title = html[html.index("<title>") + 7:html.index("</title>")]
    assert "<" not in title and "Judul" in title


def _markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions of our mkdocs.yml."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    names, configs = [], {}
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict):
            (name, options), = ext.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(ext)
    return markdown.Markdown(extensions=names, extension_configs=configs)


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("<>&\"'`*_[]()#!|{}%-=:;/\\~^ \nabcSigiPMT.jsx0123456789")) |
               st.characters(), min_size=1, max_size=400))
@pytest.mark.slow
def test_random_text_never_crashes_and_never_yields_live_html(reference, text):
    from generator.extract import extract_article
    from generator.index import KnowledgeBase
    from generator.model import Seed
    from generator.render import PageTable, Renderer
    from generator.urls import article as article_page

    article, _ = extract_article(Seed(id="x", file="x.txt", text=text, encoding="utf-8"), reference, "x")
    kb, _ = KnowledgeBase.build([article], reference.taxonomy, reference.gazetteer)
    table = PageTable(Renderer(kb, reference), {})
    page = table.render(next(p for p in table.pages() if p.path == article_page(article.slug)))
    body = page.split("\n---\n", 1)[1].strip()
    html = _markdown().convert(body)
    # The hook serves the body as is; MkDocs without the hook would serve this.
    assert html == body
    assert [p for p in live_parts(html) if not p.startswith("a[href=")] == []
    for tag, attrs in _anchors(html):
        assert not attrs.get("href", "").lower().startswith(("javascript", "http", "//", "data:")), attrs


def _anchors(html: str):
    parser = _Tags()
    parser.feed(html)
    return [(t, a) for t, a in parser.tags if t == "a"]


@pytest.mark.slow
def test_search_scope_keeps_later_paragraphs_out_of_the_index(build_kb):
    from generator.config import SiteSettings

    text = "Sigi - Pemkab Sigi menyalurkan PMT kepada balita.\nParagraf kedua tentang posyandu.\nParagraf ketiga.\n"
    docs, _, _ = build_kb({"a.txt": text}, site=SiteSettings(search_paragraphs=1))
    page = (docs / "artikel" / "a.md").read_text(encoding="utf-8")
    assert "<p><abbr" in page and "Sigi menyalurkan" in page
    assert "<p data-search-exclude>Paragraf kedua" in page and "<p data-search-exclude>Paragraf ketiga" in page
    from generator.build import build
    from generator.config import BuildConfig

    whole = docs.parent / "whole"  # a small knowledge base indexes the whole text
    build(BuildConfig(seeds=docs.parent / "seeds", output=whole))
    assert "data-search-exclude>Paragraf" not in (whole / "artikel" / "a.md").read_text(encoding="utf-8")
