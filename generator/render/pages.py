"""The page table: every kind of generated page, its template, and what it shows.

A page's key is a digest of everything it shows: the values its template is
given (an article stands for the digest of its seed, slug and duplicates; an
entry for its articles) and what the kind declares its template looks up in
the knowledge base besides (`depends`). Keys are made here and nowhere else;
the incremental build skips a page whose key did not change. The pages that
show the build report have no key and are made at every build.
tests/test_pages.py checks, page by page, that two knowledge bases that
give a page the same key give it the same text.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from .. import urls
from ..index import ActorEntry, FigureRow, KnowledgeBase, RegionEntry, TermEntry
from ..incremental.keys import digest
from ..excerpts import Excerpts, excerpts
from ..model import Article, Region
from ..reference.taxonomy import Term
from . import feeds
from .renderer import Renderer

# Material's search weighs a title match a thousand times a text match: an article
# weighs as much, so that it comes before an index or About page naming the same words.
ARTICLE_SEARCH_BOOST = 1000
# What a page of a kind looks up in the knowledge base beyond its context.
Depends = Callable[[KnowledgeBase, dict], tuple]


@dataclass(frozen=True)
class PageKind:
    name: str
    template: str
    html: bool = True  # an entry page written as HTML (MkDocs takes it as is); else Markdown
    searched: bool = True  # in the search index
    keyed: bool = True  # False: made at every build (the pages that show the build report)
    depends: Depends | None = None
    # Context values made from the others alone (already in the key through them): left out of it.
    derived: tuple[str, ...] = ()
    # A page that shows the build report: the articles it shows beside the report (by
    # the report); None: any article (the home page's newest, its counts).
    report_articles: Callable[[Any], list[str]] | None = None


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes, how it is made, and the key of what it shows."""

    path: str
    kind: PageKind
    meta: dict
    context: dict = field(default_factory=dict)
    key: str = ""  # "" when the page is made at every build
    source: str = ""  # the seed file of an article page (failures are reported under it)


def _actor_paths(kb: KnowledgeBase, articles: list[Article]) -> tuple:
    # An actor's page name depends on the other actors' (two names may slugify alike).
    return tuple((x.name, x.path, x.type) for x in kb.actors_in(articles))


def _figures(kb: KnowledgeBase, region: Region) -> tuple:
    # A region's figures come from every article that gives one for it, tagged with it or not.
    return tuple(row.article.id for row in kb.figures_in(region))


def _article_depends(kb: KnowledgeBase, ctx: dict) -> tuple:
    a = ctx["a"]
    return (tuple(kb.actor(x.name).path for x in a.actors), tuple(kb.has_page(r.region) for r in a.mentioned_regions))


def _region_depends(kb: KnowledgeBase, ctx: dict) -> tuple:
    entry = ctx["entry"]
    return (_figures(kb, entry.region), _actor_paths(kb, entry.articles),
            tuple((c.region.code, c.path, len(c.articles)) for c in entry.children))


def _term_depends(kb: KnowledgeBase, ctx: dict) -> tuple:
    return _actor_paths(kb, ctx["entry"].articles)


def _actor_type_depends(kb: KnowledgeBase, ctx: dict) -> tuple:
    return tuple((x.name, x.path, len(x.articles)) for x in kb.actors_of_type(ctx["entry"].term.id))


def _region_index_depends(kb: KnowledgeBase, ctx: dict) -> tuple:
    return tuple((p.region.code, len(p.articles), len(p.efforts),
                  tuple(len(c.articles) for c in p.children)) for p in kb.provinces)


def _programme_index_depends(kb: KnowledgeBase, ctx: dict) -> tuple:
    return tuple((e.path, len(e.articles), len(kb.regions_of(e.articles))) for e in kb.programmes)


def _actor_index_depends(kb: KnowledgeBase, ctx: dict) -> tuple:
    return tuple((e.path, len(e.articles), _actor_type_depends(kb, {"entry": e})) for e in kb.actor_types)


def _target_index_depends(kb: KnowledgeBase, ctx: dict) -> tuple:
    return tuple((e.path, len(e.articles)) for e in kb.target_groups)


def _timeline_index_depends(kb: KnowledgeBase, ctx: dict) -> tuple:
    return tuple(kb.articles_per_month())


def _data_index_depends(kb: KnowledgeBase, ctx: dict) -> tuple:
    # Figure rows show their article (its digest is in the key through `articles`) and
    # link their actor's page.
    actors = sorted({r.figure.actor for r in kb.figures if r.figure.actor})
    # The official table counts each province's efforts.
    return (len(kb.articles), tuple((name, kb.actor(name).path) for name in actors),
            tuple(len(p.efforts) for p in kb.provinces), len([a for a in kb.articles if a.relevant]))


# The excerpts are the article's (its digest is in the key): keying their texts cost a second at 10,000.
ARTICLE = PageKind("article", "html/article.html.j2", depends=_article_depends, derived=("ex",))
PROVINCE = PageKind("province", "html/province.html.j2", searched=False, depends=_region_depends)
REGENCY = PageKind("regency", "html/regency.html.j2", searched=False, depends=_region_depends)
PROGRAMME = PageKind("programme", "html/programme.html.j2", depends=_term_depends)
ACTOR_TYPE = PageKind("actor-type", "html/actor_type.html.j2", searched=False, depends=_actor_type_depends)
ACTOR = PageKind("actor", "html/actor.html.j2", searched=False)
TARGET = PageKind("target", "html/target.html.j2", searched=False)
YEAR = PageKind("year", "html/timeline_year.html.j2", searched=False)
MONTH = PageKind("month", "html/timeline_month.html.j2", searched=False)
ARCHIVE = PageKind("archive", "html/article_archive.html.j2", searched=False)
ARTICLE_INDEX = PageKind("article-index", "html/article_index.html.j2", searched=False)
REGION_INDEX = PageKind("region-index", "md/region_index.md.j2", html=False, searched=False, depends=_region_index_depends)
PROGRAMME_INDEX = PageKind("programme-index", "md/programme_index.md.j2", html=False, depends=_programme_index_depends)
ACTOR_INDEX = PageKind("actor-index", "md/actor_index.md.j2", html=False, searched=False, depends=_actor_index_depends)
TARGET_INDEX = PageKind("target-index", "md/target_index.md.j2", html=False, searched=False, depends=_target_index_depends)
TIMELINE_INDEX = PageKind("timeline-index", "md/timeline_index.md.j2", html=False, searched=False,
                          depends=_timeline_index_depends)
GLOSSARY = PageKind("glossary", "md/glossary.md.j2", html=False)
DATA_INDEX = PageKind("data-index", "html/data_index.html.j2", searched=False, depends=_data_index_depends)
# Made last, after every other page: they show the build report, which pages that fail add to.
# The rest of the curator's "Perlu dicek" list, a page per list_page_size articles (at 10,000
# articles with doubts, one page would be megabytes: MkDocs would convert it at every save).
CURATOR_UNSURE = PageKind("curator-unsure", "md/curator_unsure.md.j2", html=False, searched=False)


def _curator_articles(report: Any) -> list[str]:
    # The lists its template looks up with kb.articles_by_id.
    return [*report.unsure, *report.off_topic, *report.no_topic, *report.no_region, *report.no_date]


CURATOR = PageKind("curator", "md/curator.md.j2", html=False, searched=False, keyed=False,
                   report_articles=_curator_articles)
HOME = PageKind("home", "md/home.md.j2", html=False, keyed=False)


@dataclass(frozen=True)
class Pager:
    """An article list cut into pages: the entry page shows the first."""

    total: int
    size: int
    pages: tuple[str, ...]  # source paths: the entry page, then its archive pages

    @classmethod
    def of(cls, path: str, total: int, size: int) -> "Pager":
        count = max(1, -(-total // size))
        return cls(total, size, (path, *(urls.archive(path, n) for n in range(2, count + 1))))


class PageTable:
    """Every page of the site made from one knowledge base, with its key."""

    def __init__(self, renderer: Renderer, digests: dict[str, str]):
        self.renderer = renderer
        self.kb = renderer.kb
        self.digests = digests  # article id -> digest of its seed, slug and duplicates

    def pages(self) -> Iterator[Page]:
        """Every page but the report pages (`report_pages`), in a stable order."""
        kb, size = self.kb, self.renderer.settings.list_page_size
        for a in kb.every:
            related = kb.related(a) if a.listed else []
            yield self.page(ARTICLE, urls.article(a.slug), self._article_meta(a), source=a.file, a=a, related=related,
                            search_paragraphs=self.renderer.search_paragraphs,
                            ex=excerpts(a, self.renderer.settings.full_text))
        yield self.page(ARTICLE_INDEX, urls.index("articles"), {"title": "Semua artikel"}, years=kb.years,
                        undated=kb.undated, size=size)
        yield self.page(REGION_INDEX, urls.index("regions"), {"title": "Wilayah"})
        for p in kb.provinces:
            yield from self._entry(PROVINCE, p.path, p.region.name, "Provinsi", p.efforts, entry=p)
            for r in p.children:
                if r.articles:
                    yield from self._entry(REGENCY, r.path, r.region.name, p.region.name, r.efforts, entry=r,
                                           province=p.region)
        yield self.page(PROGRAMME_INDEX, urls.index("programmes"), {"title": "Program"})
        for e in kb.programmes:
            yield from self._entry(PROGRAMME, e.path, e.term.label, "Program", e.articles, entry=e)
        yield self.page(ACTOR_INDEX, urls.index("actors"), {"title": "Aktor"})
        for e in kb.actor_types:
            yield from self._entry(ACTOR_TYPE, e.path, e.term.label, "Jenis aktor", e.articles, entry=e)
        for e in kb.actors.values():
            yield from self._entry(ACTOR, e.path, e.name, kb.taxonomy.label("actor_types", e.type), e.articles, entry=e)
        yield self.page(TARGET_INDEX, urls.index("targets"), {"title": "Kelompok sasaran"})
        for e in kb.target_groups:
            yield from self._entry(TARGET, e.path, e.term.label, "Sasaran", e.articles, entry=e)
        yield self.page(TIMELINE_INDEX, urls.index("timeline"), {"title": "Linimasa"}, undated=kb.undated)
        for year, months in kb.years.items():
            yield self.page(YEAR, urls.year(year), {"title": f"Linimasa {year}"}, year=year, months=months, size=size)
            # A month with more articles than the year page shows gets its own pages.
            for month, arts in months.items():
                if len(arts) > size:
                    title = f"{self.renderer.month_name(month)} {year}"
                    yield from self._entry(MONTH, urls.month(year, month), title, "Linimasa", arts, year=year,
                                           month=month, month_articles=arts)
        yield self.page(GLOSSARY, urls.index("glossary"), {"title": "Glosarium"}, glossary=self.renderer.ref.glossary)
        yield self.page(DATA_INDEX, urls.index("data"), {"title": "Data"}, figures=kb.figures)
        unsure, pager = self.unsure
        for number, path in enumerate(pager.pages[1:], start=2):
            yield self.page(CURATOR_UNSURE, path, {"title": f"Perlu dicek: halaman {number}"}, number=number,
                            pager=pager, articles=unsure[(number - 1) * pager.size:number * pager.size])

    @functools.cached_property
    def unsure(self) -> tuple[list[Article], Pager]:
        """The articles with values to check, by id, and their pages: the curator page has the first."""
        unsure = sorted((a for a in self.kb.every if a.doubts), key=lambda a: a.id)
        size = self.renderer.settings.list_page_size
        count = max(1, -(-len(unsure) // size))
        return unsure, Pager(len(unsure), size, (urls.index("curator"), *(urls.curator_unsure(n) for n in range(2, count + 1))))

    def report_pages(self, report: Any) -> Iterator[Page]:
        unsure, pager = self.unsure
        yield self.page(CURATOR, urls.index("curator"), {"title": "Catatan kurasi"}, report=report, unsure=unsure,
                        unsure_pager=pager)
        yield self.page(HOME, urls.HOME_SNIPPET, {}, report=report)

    def page(self, kind: PageKind, path: str, meta: dict, source: str = "", **context) -> Page:
        key = ""
        if kind.keyed:
            depends = kind.depends(self.kb, context) if kind.depends else ()
            keyed = {k: v for k, v in context.items() if k not in kind.derived} if kind.derived else context
            key = digest(kind.name, kind.template, meta, _fingerprint(keyed, self.digests), depends)
        return Page(path, kind, meta, context, key, source)

    def _entry(self, kind: PageKind, path: str, title: str, tag: str, articles: list[Article], **context) -> Iterator[Page]:
        """An entry page with its newest articles, and archive pages with the rest: a
        programme on a national knowledge base has thousands, too many for one page."""
        pager = Pager.of(path, len(articles), self.renderer.settings.list_page_size)
        yield self.page(kind, path, {"title": title, "tags": [tag]}, pager=pager, **context)
        for number, page_path in enumerate(pager.pages[1:], start=2):
            shown = articles[(number - 1) * pager.size:number * pager.size]
            yield self.page(ARCHIVE, page_path, {"title": f"{title}: halaman {number}", "tags": [tag]},
                            title=title, number=number, pager=pager, articles=shown)

    def _article_meta(self, a: Article) -> dict:
        label = self.kb.taxonomy.label
        tags = [t.region.name for t in (*a.provinces, *a.regencies)]
        tags += [label("programmes", t.id) for t in a.programmes]
        tags += [label("target_groups", t.id) for t in a.target_groups]
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
        else:
            meta["search"] = {"boost": ARTICLE_SEARCH_BOOST}
        return meta

    def render(self, page: Page) -> str:
        """The page's text."""
        r, kind = self.renderer, page.kind
        if kind is HOME:
            return r.snippet(kind.template, urls.HOME, **page.context)
        make = r.html_page if kind.html else r.markdown_page
        return make(kind.template, page.path, page.meta, searched=kind.searched, **page.context)

    def feeds(self) -> dict[str, str]:
        """RSS and JSON Feed of the newest articles, site-wide and per province."""
        kb, r, s = self.kb, self.renderer, self.renderer.settings
        out = {
            urls.FEED_RSS: feeds.rss(r, kb, kb.articles, s),
            urls.FEED_JSON: feeds.json_feed(kb, kb.articles, s),
        }
        for p in kb.provinces:
            if p.articles:
                path = urls.province_feed(p.region.name)
                out[path] = feeds.rss(r, kb, p.articles, s, title=f"{feeds.TITLE}: {p.region.name}", path=path)
        return out

    def search_language(self, source: str) -> str:
        """Material's search worker loads lunr.<lang>.min.js: ours is the Indonesian stemmer
        (`source`) with its data."""
        data = json.dumps(self.renderer.ref.search_words, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
        return f"var KB_ID_DATA = {data};\n{source}"


def _fingerprint(value: Any, digests: dict[str, str]) -> Any:
    """A value as the page key sees it: articles by digest, entries by their articles."""
    if isinstance(value, Article):
        return digests.get(value.id, value.id)
    if isinstance(value, RegionEntry):
        return ("region", value.region.code, value.path, _fingerprint(value.articles, digests))
    if isinstance(value, TermEntry):
        return ("term", _fingerprint(value.term, digests), value.path, _fingerprint(value.articles, digests))
    if isinstance(value, ActorEntry):
        return ("actor", value.name, value.type, value.path, _fingerprint(value.articles, digests))
    if isinstance(value, FigureRow):
        # Its figure is its article's (by place), its region the figure's scope: the article's digest says both.
        return ("figure", value.article.figures.index(value.figure), _fingerprint(value.article, digests))
    if isinstance(value, Excerpts):
        return ("excerpts", value.full_text, value.lead, tuple(sorted(value.quotes.items())))
    if isinstance(value, Term):
        return ("term", value.id, value.label, value.definition)
    if isinstance(value, dict):
        return tuple((k, _fingerprint(v, digests)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        if all(type(v) is Article for v in value):  # an article list, of thousands on a national knowledge base
            return tuple(digests.get(a.id, a.id) for a in value)
        return tuple(_fingerprint(v, digests) for v in value)
    return value
