"""Render stage: the knowledge base -> Markdown pages (Jinja2 templates).

Every `{{ value }}` a template prints is escaped for Markdown and HTML unless
it is `Markup` made here (links, front matter): text from a seed can never
become a link, an HTML element, a snippet include or a template.
"""
from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from . import charts, feeds
from .cache import PageMemo, digest
from .index import MONTHS_ID, KnowledgeBase, date_id, region_path
from .extract.overrides import SAFE_URL
from .model import Article, Evidence

TEMPLATES = Path(__file__).parent / "templates"
SEARCH_LANGUAGE_FILE = "assets/javascripts/lunr/min/lunr.id.min.js"
# Index pages are lists of article titles, which the articles themselves give to
# the search index already; leaving them out keeps the index small.
SEARCH_FULL_TEXT_UP_TO = 1000
NOT_SEARCHED = {"province.html.j2", "regency.html.j2", "actor.html.j2", "actor_type.html.j2", "target.html.j2",
                "timeline_year.html.j2", "timeline_month.html.j2", "timeline_index.md.j2", "article_archive.html.j2",
                "curator.md.j2", "data_index.html.j2", "region_index.md.j2", "actor_index.md.j2", "target_index.md.j2"}
_SPACES = re.compile(r"\s+")
_URL_SLOT = "\x00url\x00"
# A page to write: its text, or None when the file written last time is still right.
LazyPage = Callable[[], "str | None"]
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
# Python-Markdown's backslash escapes (plus "|" from the tables extension).
_BACKSLASHABLE = "\\`*_{}[]()#+-.!|"
RELEVANCE_LABELS = {"effort": "melaporkan upaya penurunan stunting", "mention": "stunting disebut sekilas",
                    "none": "tidak menyebut stunting"}
FIGURE_KINDS = {
    "prevalence": "prevalensi terukur", "target": "target", "budget": "anggaran", "unit-cost": "biaya per sasaran",
    "beneficiaries": "penerima manfaat", "cases": "kasus stunting", "places": "wilayah/tempat", "workers": "petugas/kader",
    "count": "angka lain",
}
# How a figure's year is to be read, besides a plain year.
FIGURE_BASIS = {"since": "total sejak {since}", "before": "nilai sebelum perubahan", "after": "nilai setelah perubahan"}


def _escape_table() -> dict[int, str]:
    table = {ord(ch): rep for ch, rep in _HTML.items()}
    table.update({ord(ch): "\\" + ch for ch in _BACKSLASHABLE})
    # ~ ^ = : have no backslash escape in Python-Markdown; an entity keeps them inert.
    table.update({ord(ch): f"&#{ord(ch)};" for ch in "~^=:"})
    return table


_ESCAPES = _escape_table()


def md_escape(text: object, strip: bool = True) -> str:
    """Plain text -> Markdown that renders as exactly that text, and nothing live."""
    out = str(text).translate(_ESCAPES)
    # Leading spaces would make a code block; line breaks are not ours to keep.
    if strip:
        return " ".join(out.split())
    return _SPACES.sub(" ", out)


def plain_title(title: str) -> str:
    """A title for the theme, which prints it unescaped (and `striptags` unescapes entities):
    no angle brackets, and entity-like text kept as text."""
    title = re.sub(r"&(?=#?\w+;)", "&amp;", title)
    return re.sub(r"\s+", " ", title.replace("<", "‹").replace(">", "›")).strip()


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return md_escape(value)


@dataclass(frozen=True)
class SiteSettings:
    """What the site shows, beyond the articles (set in mkdocs.yml `extra.kb` or on the command line)."""

    full_text: bool = True  # False: lead paragraph, extracted facts and a link to the source
    directory_urls: bool = True  # MkDocs' use_directory_urls: the offline bundle uses .html URLs
    site_url: str = ""  # absolute links in feeds when known
    # Paragraphs of an article's text that go into the search index (the lead
    # and the next ones): the browser builds the index at every page load, so
    # its size decides how soon search is ready on a large knowledge base.
    # None: the whole text up to SEARCH_FULL_TEXT_UP_TO articles, the lead above.
    search_paragraphs: int | None = None
    # Articles listed on an entry page (region, programme, actor...); the rest go to its archive pages.
    list_page_size: int = 100


@dataclass(frozen=True)
class Pager:
    """An article list cut into pages: the entry page shows the first."""

    total: int
    size: int
    pages: tuple[str, ...]  # docs paths: the entry page, then its archive pages

    @classmethod
    def of(cls, path: str, total: int, size: int) -> "Pager":
        base = path[:-len("index.md")] if path.endswith("/index.md") else path[:-len(".md")] + "/"
        count = max(1, -(-total // size))
        return cls(total, size, (path, *(f"{base}halaman-{n}.md" for n in range(2, count + 1))))


class Renderer:
    def __init__(self, kb: KnowledgeBase, settings: SiteSettings = SiteSettings(),
                 memo: PageMemo | None = None, digests: dict[str, str] | None = None,
                 glossary: dict[str, str] | None = None, compiled: Path | None = None):
        self.kb = kb
        self.settings = settings
        # With a memo, a page whose inputs (the digests of the articles it shows)
        # did not change since the last build is not rendered again: None.
        self.memo = memo
        self.digests = digests or {}
        self.search_paragraphs = settings.search_paragraphs
        if self.search_paragraphs is None:
            self.search_paragraphs = 1000 if len(kb.articles) <= SEARCH_FULL_TEXT_UP_TO else 1
        # Compiled templates kept between builds (`compiled`): compiling them is a
        # good part of a one-edit rebuild.
        bytecode = None
        try:
            if compiled is not None:
                compiled.mkdir(parents=True, exist_ok=True)
                bytecode = FileSystemBytecodeCache(str(compiled))
        except OSError:  # no cache then; the writer reports an unwritable docs folder
            pass
        # What both template languages use.
        shared_globals = dict(kb=kb, settings=settings, region_path=lambda r: region_path(r, kb.gazetteer),
                              prevalence_chart=self.prevalence_chart, article_list=self.article_list)
        shared_filters = dict(date_id=date_id, number=_number, label=self._label, figure_text=_figure_text,
                              figure_kind=FIGURE_KINDS.get, figure_when=_figure_when, figure_scope=self._figure_scope)
        env = Environment(
            loader=FileSystemLoader(str(TEMPLATES)), bytecode_cache=bytecode,
            finalize=_finalize,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=StrictUndefined,
        )
        env.globals.update(shared_globals, link=_link, province_map=self.province_map, month_chart=self.month_chart)
        env.filters.update(shared_filters)
        self.env = env
        # Entry pages (articles, regions, actors, programmes...), SVG and feeds are
        # HTML/XML, escaped for HTML. Entry pages skip Markdown altogether: the
        # hook hands their HTML to MkDocs as is (Markdown parsing of their lists
        # and tables was most of a site build's time), and Python-Markdown alone
        # would pass the same HTML through unchanged.
        html_env = Environment(loader=FileSystemLoader(str(TEMPLATES)), bytecode_cache=bytecode,
                               autoescape=True, keep_trailing_newline=True,
                               trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined)
        html_env.globals.update(shared_globals, link=self._html_link, evidence_rows=self.evidence_rows,
                                chips=self.chips, month_path=_month_path)
        # Glossary terms become <abbr> tooltips in article texts.
        html_env.filters.update(shared_filters, glossed=self._glossed, evidence_html=_evidence_html,
                                month_id=lambda m: MONTHS_ID[m - 1])
        html_env.tests["safe_url"] = lambda u: bool(SAFE_URL.match(str(u)))
        self.html_env = html_env
        self._items: dict[str, tuple[str, str]] = {}  # article id -> its list item, around the link
        self._gloss = _glossary_pattern(glossary or {})
        self.glossary_terms = glossary or {}
        self.layout = charts.load_layout(Path(__file__).parent / "data" / "tilemap.csv")

    def _html_block(self, template: str, **context) -> Markup:
        html = self.html_env.get_template(template).render(**context)
        # One HTML block for Markdown: no blank lines inside.
        return Markup("\n".join(line for line in html.splitlines() if line.strip()))

    @pass_context
    def article_list(self, ctx, articles) -> Markup:
        """A list of articles as one HTML block. Index pages list thousands: each
        article's item is rendered once per build, and only its link differs
        from page to page."""
        here, directory_urls = ctx["here"], self.settings.directory_urls
        items = []
        for a in articles:
            head, tail = self._item(a)
            items.append(f"{head}{html.escape(_url(a.source_path, here, directory_urls))}{tail}")
        return self._html_block("article_list.html.j2", items=Markup("\n".join(items)))

    def _item(self, a: Article) -> tuple[str, str]:
        parts = self._items.get(a.id)
        if parts is None:
            item = self.html_env.get_template("article_item.html.j2").render(url=_URL_SLOT, a=a, place=_place(a))
            head, tail = item.strip().split(_URL_SLOT, 1)
            parts = self._items[a.id] = (head, tail)
        return parts

    @pass_context
    def _html_link(self, ctx, target: str, text: object, cls: str = "") -> Markup:
        return Markup(self._anchor(target, ctx["here"], text, cls))

    def _anchor(self, target: str, here: str, text: object, cls: str = "") -> str:
        attrs = f' class="{cls}"' if cls else ""
        url = _url(target, here, self.settings.directory_urls)
        return f'<a href="{html.escape(url)}"{attrs}>{html.escape(str(text))}</a>'

    @pass_context
    def chips(self, ctx, tags, field: str, entry_of) -> Markup:
        """Links to the pages of an article's programmes, actor types or target groups (✎: set by the curator)."""
        if not tags:
            return Markup("—")
        here, label = ctx["here"], self.kb.taxonomy.label
        return Markup("".join(self._anchor(entry_of(t.id).path, here, label(field, t.id), "kb-chip")
                              + ('<sup title="dikurasi">✎</sup> ' if t.curated else " ") for t in tags))

    def evidence_rows(self, a: Article) -> list[tuple[str, str, Evidence | None]]:
        label = self.kb.taxonomy.label
        rows = [("Relevansi", RELEVANCE_LABELS.get(a.relevance, a.relevance), a.relevance_evidence)]
        rows += [("Tanggal", date_id(a.date), a.date_evidence)] if a.date_evidence else []
        rows += [("Provinsi", r.region.name, r.evidence) for r in a.provinces]
        rows += [("Kabupaten/kota", r.region.name, r.evidence) for r in a.regencies]
        rows += [("Disebut", f"{r.region.name} ({r.role})", r.evidence) for r in a.mentioned_regions]
        rows += [("Program", label("programmes", t.id), t.evidence) for t in a.programmes]
        rows += [("Aktor", x.name, x.evidence) for x in a.actors]
        rows += [("Jenis aktor", label("actor_types", t.id), t.evidence) for t in a.actor_types]
        rows += [("Sasaran", label("target_groups", t.id), t.evidence) for t in a.target_groups]
        return rows

    def _glossed(self, text: str) -> Markup:
        escaped = str(escape(text))
        if self._gloss is None:
            return Markup(escaped)
        terms = self.glossary_terms
        return Markup(self._gloss.sub(lambda m: f'<abbr title="{escape(terms[m.group(0)])}">{m.group(0)}</abbr>', escaped))

    def _figure_scope(self, f) -> str:
        if f.scope == "national":
            return "Indonesia (nasional)"
        region = self.kb.gazetteer.regions.get(f.scope)
        return region.name if region else ""

    def _label(self, term_id: str, field: str) -> str:
        return self.kb.taxonomy.label(field, term_id)

    def _front_matter(self, template: str, path: str, meta: dict) -> str:
        # Every generated page carries tags; an index page its section's name.
        meta = {**meta, "title": plain_title(meta["title"]), "tags": meta.get("tags") or [_section(path)]}
        if template in NOT_SEARCHED:
            meta["search"] = {"exclude": True}
        # JSON values are valid YAML, and far quicker to write than yaml.safe_dump.
        return "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())

    def page(self, template: str, path: str, meta: dict, **context) -> str:
        """A Markdown page (index pages, hand-written structure)."""
        front = self._front_matter(template, path, meta)
        return self.env.get_template(template).render(here=path, front_matter=Markup(front), **context)

    def html_page(self, template: str, path: str, meta: dict, **context) -> str:
        """An entry page whose body is HTML, marked `kb_html` for the MkDocs hook."""
        front = self._front_matter(template, path, {**meta, "kb_html": True})
        body = self.html_env.get_template(template).render(here=path, **context)
        lines = "\n".join(line for line in body.splitlines() if line.strip())
        return f"---\n{front}---\n\n{lines}\n"

    def _lazy(self, path: str, inputs: tuple, render: Callable[..., str], *args, **kwargs) -> LazyPage:
        """A page rendered only when it is written (a build never holds every page at
        once), and not at all when its inputs did not change since the last build."""
        key = ""
        if self.memo is not None:
            # Recorded here, not when rendered: pages may be rendered in worker processes.
            key = self.memo.current[path] = digest(*inputs)

        def page() -> str | None:
            if self.memo is not None and self.memo.fresh(path, key):
                return None
            return render(*args, **kwargs)
        return page

    def _entry(self, out: dict[str, LazyPage], template: str, path: str, title: str, tag: str, inputs: tuple,
               articles: list[Article], **context) -> None:
        """An entry page with its newest articles, and archive pages with the rest: a
        programme on a national knowledge base has thousands, too many for one page."""
        pager = Pager.of(path, len(articles), self.settings.list_page_size)
        out[path] = self._lazy(path, inputs, self.html_page, template, path, {"title": title, "tags": [tag]},
                               pager=pager, **context)
        for number, page_path in enumerate(pager.pages[1:], start=2):
            shown = articles[(number - 1) * pager.size:number * pager.size]
            out[page_path] = self._lazy(
                page_path, ("archive", title, number, len(pager.pages), self._digests(shown)),
                self.html_page, "article_archive.html.j2", page_path, {"title": f"{title}: halaman {number}", "tags": [tag]},
                title=title, number=number, pager=pager, articles=shown)

    def _digests(self, articles) -> tuple[str, ...]:
        return tuple(self.digests.get(a.id, a.id) for a in articles)

    def pages(self) -> dict[str, LazyPage]:
        """Every generated Markdown page, keyed by its path under docs/."""
        kb = self.kb
        out: dict[str, LazyPage] = {}
        for a in kb.every:
            related = kb.related(a) if a.listed else []
            inputs = ("article", self._digests([a, *related]), tuple(kb.actor(x.name).path for x in a.actors),
                      tuple(kb.has_page(r.region) for r in a.mentioned_regions))
            out[a.source_path] = self._lazy(a.source_path, inputs, self.article, a, related)
        out["wilayah/index.md"] = _ready(self.page("region_index.md.j2", "wilayah/index.md", {"title": "Wilayah"}))
        for p in kb.provinces:
            self._entry(out, "province.html.j2", p.path, p.region.name, "Provinsi",
                        ("province", p.region.code, self._digests(p.articles)), p.articles, entry=p)
            for r in p.children:
                if r.articles:
                    inputs = ("regency", r.region.code, self._digests(r.articles), self._actor_paths(r.articles))
                    self._entry(out, "regency.html.j2", r.path, r.region.name, p.region.name, inputs, r.articles,
                                entry=r, province=p)
        out["program/index.md"] = _ready(self.page("programme_index.md.j2", "program/index.md", {"title": "Program"}))
        for e in kb.programmes:
            self._entry(out, "programme.html.j2", e.path, e.term.label, "Program",
                        ("programme", e.term, self._digests(e.articles), self._actor_paths(e.articles)), e.articles, entry=e)
        out["aktor/index.md"] = _ready(self.page("actor_index.md.j2", "aktor/index.md", {"title": "Aktor"}))
        for e in kb.actor_types:
            actors = tuple((x.name, x.path, len(x.articles)) for x in kb.actors_of_type(e.term.id))
            self._entry(out, "actor_type.html.j2", e.path, e.term.label, "Jenis aktor",
                        ("type", e.term, self._digests(e.articles), actors), e.articles, entry=e)
        for e in kb.actors.values():
            self._entry(out, "actor.html.j2", e.path, e.name, kb.taxonomy.label("actor_types", e.type),
                        ("actor", e.name, e.type, self._digests(e.articles)), e.articles, entry=e)
        out["sasaran/index.md"] = _ready(self.page("target_index.md.j2", "sasaran/index.md", {"title": "Kelompok sasaran"}))
        for e in kb.target_groups:
            self._entry(out, "target.html.j2", e.path, e.term.label, "Sasaran",
                        ("target", e.term, self._digests(e.articles)), e.articles, entry=e)
        out["linimasa/index.md"] = _ready(self.page("timeline_index.md.j2", "linimasa/index.md", {"title": "Linimasa"}))
        size = self.settings.list_page_size
        for year, months in kb.years.items():
            path = f"linimasa/{year}.md"
            out[path] = self._lazy(path, ("year", year, size, tuple((m, self._digests(arts)) for m, arts in months.items())),
                                   self.html_page, "timeline_year.html.j2", path, {"title": f"Linimasa {year}"},
                                   year=year, months=months, size=size)
            # A month with more articles than the year page shows gets its own pages.
            for month, arts in months.items():
                if len(arts) > size:
                    month_path = _month_path(year, month)
                    self._entry(out, "timeline_month.html.j2", month_path, f"{MONTHS_ID[month - 1]} {year}", "Linimasa",
                                ("month", year, month, self._digests(arts)), arts, year=year, month=month,
                                month_articles=arts)
        return out

    def _actor_paths(self, articles) -> tuple[str, ...]:
        return tuple(x.path for x in self.kb.actors_in(articles))

    def article(self, a: Article, related: list[Article] | None = None) -> str:
        path = a.source_path
        tags = [t.region.name for t in (*a.provinces, *a.regencies)]
        tags += [self.kb.taxonomy.label("programmes", t.id) for t in a.programmes]
        tags += [self.kb.taxonomy.label("target_groups", t.id) for t in a.target_groups]
        meta = {
            "title": a.title,
            "date": a.date.isoformat() if a.date else None,
            "outlet": a.outlet,
            "provinces": [t.region.code for t in a.provinces],
            "regencies": [t.region.code for t in a.regencies],
            "programmes": [t.id for t in a.programmes],
            "actor_types": [t.id for t in a.actor_types],
            "actors": [x.name for x in a.actors],
            "target_groups": [t.id for t in a.target_groups],
            "relevance": a.relevance,
            "curated": list(a.curated),
            "tags": tags,
            # Articles are not in the navigation: give the width to the text.
            "hide": ["navigation"],
        }
        if not a.listed:
            # Not about stunting: reached from the curator page only, not found by search.
            meta["search"] = {"exclude": True}
        if related is None:
            related = self.kb.related(a) if a.listed else []
        return self.html_page("article.html.j2", path, meta, a=a, related=related,
                              search_paragraphs=self.search_paragraphs)

    # Pictures (inline SVG, drawn at build time) -----------------------------------

    def url(self, target: str, here: str) -> str:
        """The URL of a docs page as seen from another: raw HTML gets no link rewriting from MkDocs."""
        return _url(target, here, self.settings.directory_urls)

    def _svg(self, template: str, **context) -> Markup:
        return self._html_block(template, size=charts.TILE, **context)

    def province_map(self, here: str, view: str = "articles") -> Markup:
        kb = self.kb
        rows = []
        for p in kb.provinces:
            value = len(p.articles) if view == "articles" else kb.latest_prevalence(p.region)
            rows.append((p.region.code, p.region.name, self.url(p.path, here), value))
        if view == "articles":
            m = charts.tile_map("peta-artikel", "Peta provinsi menurut jumlah artikel", self.layout, rows,
                                lambda v: _number(int(v)), "artikel")
        else:
            m = charts.tile_map("peta-prevalensi", "Peta provinsi menurut prevalensi stunting terbaru yang dilaporkan",
                                self.layout, rows, lambda v: _number(v) + "%", "")
        return self._svg("map.svg.j2", m=m)

    def month_chart(self) -> Markup:
        months = self.kb.articles_per_month()
        if not months:
            return Markup("")
        if len(months) > 48:
            years: dict[int, int] = {}
            for y, _, n in months:
                years[y] = years.get(y, 0) + n
            items = [(str(y) if i % 2 == 0 or len(years) < 12 else "", f"{y}: {n} artikel", n) for i, (y, n) in enumerate(years.items())]
            title = "Jumlah artikel per tahun"
        else:
            items = [(MONTHS_ID[m - 1][:3] + (f" {y}" if m == 1 or i == 0 else ""), f"{MONTHS_ID[m - 1]} {y}: {n} artikel", n)
                     for i, (y, m, n) in enumerate(months)]
            title = "Jumlah artikel per bulan"
        return self._svg("bars.svg.j2", c=charts.bar_chart(title, items, bar_width=18 if len(items) < 24 else 12), chart_id="artikel-per-waktu")

    def prevalence_chart(self, rows, chart_id: str = "prevalensi") -> Markup:
        series = self.kb.prevalence_series(rows)
        if not any(len(points) >= 1 for points in series.values()):
            return Markup("")
        chart = charts.line_chart("Prevalensi stunting yang dilaporkan menurut tahun", dict(list(series.items())[:8]),
                                  lambda v: _number(v) + "%")
        return self._svg("lines.svg.j2", c=chart, chart_id=chart_id)

    def feeds(self) -> dict[str, str]:
        """RSS and JSON Feed of the newest articles, site-wide and per province."""
        kb, s = self.kb, self.settings
        out = {
            "feed.xml": feeds.rss(self.html_env, kb, kb.articles, s.site_url, s.directory_urls),
            "feed.json": feeds.json_feed(kb, kb.articles, s.site_url, s.directory_urls),
        }
        for p in kb.provinces:
            if p.articles:
                path = p.path.replace("index.md", "feed.xml")
                out[path] = feeds.rss(self.html_env, kb, p.articles, s.site_url, s.directory_urls,
                                      title=f"{feeds.TITLE}: {p.region.name}", path=path)
        return out

    def glossary(self, terms: dict[str, str]) -> dict[str, str]:
        """The glosarium page (article texts carry the tooltips, see _glossed)."""
        return {"glosarium/index.md": self.page("glossary.md.j2", "glosarium/index.md", {"title": "Glosarium"}, glossary=terms)}

    def search_language(self, words: dict[str, list[str]]) -> dict[str, str]:
        """Material's search worker loads lunr.<lang>.min.js: ours is the Indonesian stemmer with its data."""
        data = json.dumps(words, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
        source = (Path(__file__).parent / "search" / "lunr.id.js").read_text(encoding="utf-8")
        return {SEARCH_LANGUAGE_FILE: f"var KB_ID_DATA = {data};\n{source}"}

    def snippet(self, template: str, path: str, **context) -> str:
        """A Markdown fragment included by a hand-written page (no front matter)."""
        return self.env.get_template(template).render(here=path, **context)


def _month_path(year: int, month: int) -> str:
    return f"linimasa/{year}/{month:02d}.md"


def _ready(text: str) -> LazyPage:
    return lambda: text


@pass_context
def _link(ctx, target: str, text: object, cls: str = "") -> Markup:
    """A relative Markdown link from the page being rendered to another docs path."""
    rel = _relative(target, posixpath.dirname(ctx["here"]))
    attrs = f"{{ .{cls} }}" if cls else ""
    return Markup(f"[{md_escape(text)}]({rel}){attrs}")


@functools.lru_cache(maxsize=65536)
def _relative(target: str, here_dir: str) -> str:
    """posixpath.relpath for docs-relative paths (no '..', no absolute paths), cached: pages link the same few targets."""
    t, h = target.split("/"), here_dir.split("/") if here_dir else []
    common = 0
    while common < len(h) and common < len(t) - 1 and h[common] == t[common]:
        common += 1
    return "/".join([".."] * (len(h) - common) + t[common:])


def _section(path: str) -> str:
    return {"wilayah": "Wilayah", "program": "Program", "aktor": "Aktor", "sasaran": "Sasaran", "linimasa": "Linimasa",
            "kurasi": "Kurasi", "data": "Data", "glosarium": "Glosarium"}.get(path.split("/")[0], "Basis pengetahuan")


def _place(a: Article) -> str:
    tags = a.regencies or a.provinces
    return ", ".join(t.region.name for t in tags) if tags else "wilayah belum dikenali"


def _glossary_pattern(terms: dict[str, str]) -> re.Pattern | None:
    if not terms:
        return None
    names = sorted(terms, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in names) + r")(?![\w-])")


def _split_cue(ev: Evidence) -> tuple[str, str, str] | None:
    i = ev.sentence.find(ev.cue) if ev.cue else -1
    if i < 0:
        return None
    return ev.sentence[:i], ev.cue, ev.sentence[i + len(ev.cue):]


def _evidence_html(ev: Evidence | None) -> Markup:
    """The evidence sentence as HTML, its cue in bold."""
    if ev is None:
        return Markup("")
    parts = _split_cue(ev)
    if parts is None:
        return escape(ev.sentence)
    before, cue, after = (html.escape(part, quote=True) for part in parts)
    return Markup(f"{before}<strong>{cue}</strong>{after}")


def _figure_when(f) -> str:
    """'2023', 'total sejak 2018', 'nilai sebelum perubahan' ..."""
    basis = FIGURE_BASIS.get(f.basis, "").format(since=f.since)
    return ", ".join(str(part) for part in (f.year, basis) if part)


def _figure_text(f) -> str:
    if f.unit == "IDR":
        return _rupiah(f.value)
    if f.unit == "percent":
        return _number(f.value) + "%"
    return f"{_number(f.value)} {f.subject}"


def _url(target: str, here: str, directory_urls: bool) -> str:
    """Relative URL between two docs pages (a build makes ~100 per article: no posixpath.relpath)."""
    t = _page_url(target, directory_urls).split("/")
    h = _page_url(here, directory_urls)
    here_dir = h[:-1] if h.endswith("/") else h.rpartition("/")[0]
    d = here_dir.split("/") if here_dir else []
    common = 0
    while common < len(d) and common < len(t) - 1 and d[common] == t[common]:
        common += 1
    return "/".join([".."] * (len(d) - common) + t[common:]) or "./"


@functools.lru_cache(maxsize=1 << 16)
def _page_url(src: str, directory_urls: bool) -> str:
    """MkDocs' URL for a docs path: 'a/b.md' -> 'a/b/' (or 'a/b.html'), 'a/index.md' -> 'a/'."""
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        base = stem[:-5]
        return base if directory_urls else base + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


def _rupiah(value: float | int) -> str:
    """1500000000 -> 'Rp1,5 miliar', as Indonesian news writes money."""
    for size, word in ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta")):
        if value >= size:
            return f"Rp{_number(round(value / size, 2))} {word}"
    return f"Rp{_number(value)}"


def _number(value: float | int) -> str:
    """Indonesian notation: 7133 -> '7.133', 14.61 -> '14,61'."""
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value:.2f}".rstrip("0").split(".")
        return f"{int(whole):,}".replace(",", ".") + "," + frac
    return f"{int(value):,}".replace(",", ".")
