"""The knowledge base: every grouping of the articles, computed once.

Taxonomy -> term -> articles, as in Hugo: the region tree (province ->
kabupaten/kota), programmes, actors and actor types, target groups and the
timeline, and every figure placed in its region. Templates render index pages
from this object; what they look up in it (`programmes_in`, `figures_in`...)
is computed here.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

from . import urls
from .errors import one_line
from .incremental.keys import digest
from .model import Actor, Article, Figure, Problem, Region
from .reference.gazetteer import Gazetteer
from .reference.site import PublishingWords
from .reference.taxonomy import Taxonomy, Term


def region_path(region: Region, gaz: Gazetteer) -> str:
    """The source path of a region's page."""
    if region.is_province:
        return urls.province(region.name)
    return urls.regency(gaz.province_of(region).name, region.name)


def newest_first(d) -> tuple:
    """A sort key that puts the newest date first and a missing date last (never compares None)."""
    return (d is None, -d.toordinal() if d is not None else 0)


def optional(value) -> tuple:
    """A sort key for a value that may be missing: missing values last, never compared with present ones."""
    return (value is None, value if value is not None else 0)


_TAGGED_FIELDS = ("programmes", "target_groups", "actor_types")


def _check_placeable(a: Article, known_ids: dict[str, set[str]], gaz: Gazetteer) -> None:
    """Every id an article carries is known: the index would otherwise fail half-way through it."""
    for field in _TAGGED_FIELDS:
        known = known_ids[field]
        for t in getattr(a, field):
            if t.id not in known:
                raise ValueError(f"id {field} {t.id!r} tidak dikenal")
    for tag in (*a.provinces, *a.regencies):
        if tag.region.code not in gaz.regions:
            raise ValueError(f"kode wilayah {tag.region.code!r} tidak dikenal")


@dataclass
class RegionEntry:
    region: Region
    path: str
    articles: list[Article] = field(default_factory=list)
    children: list["RegionEntry"] = field(default_factory=list)  # kabupaten/kota of a province

    @property
    def efforts(self) -> list[Article]:
        """The articles that report an effort here (counted as efforts; mentions are counted apart)."""
        return [a for a in self.articles if a.relevant]

    @property
    def mentions(self) -> list[Article]:
        return [a for a in self.articles if not a.relevant]


@dataclass
class TermEntry:
    term: Term
    path: str
    articles: list[Article] = field(default_factory=list)


@dataclass
class ActorEntry:
    name: str
    type: str
    path: str
    articles: list[Article] = field(default_factory=list)


@dataclass(frozen=True)
class FigureRow:
    """A figure placed in the knowledge base: where it applies and which article reports it."""

    figure: Figure
    article: Article
    region: Region | None  # the region it is about (its scope); None: national, several or unknown

    @property
    def national(self) -> bool:
        return self.figure.scope == "national"

    @property
    def area(self) -> str:
        """The area as readers see it."""
        if self.region is not None:
            return self.region.name
        return "Indonesia (nasional)" if self.national else ""


# Kinds of figure whose meaning is known ("count" is any other number).
TABULATED_KINDS = frozenset({"prevalence", "target", "budget", "unit-cost", "beneficiaries", "cases", "places", "workers"})


def shown_beyond_article(row: FigureRow, words: PublishingWords) -> bool:
    """The publishing rule of news figures: which ones the data page, region pages and their
    tables and charts take. A figure of an article that reports a stunting effort, whose
    kind, area and year are known; a prevalence or a target is a stunting rate in percent,
    and a prevalence is of a year its article could have measured (not after its own); a
    count names what it counts; money is said of stunting (`money_words` in its sentence),
    and a budget is at least `min_budget_idr`. Anything else stays on its article's page,
    where its sentence says what it is, marked uncertain when extraction doubted it
    (Figure.publishable: kind, area and year not known from the text, or not about stunting)."""
    f = row.figure
    if not f.publishable or not row.article.relevant or f.kind not in TABULATED_KINDS or f.year is None:
        return False
    if row.region is None and not row.national:
        return False
    if f.kind == "prevalence" and row.article.date is not None and f.year > row.article.date.year:
        return False  # a rate of a year after the article's: a goal, whatever its words, not a measurement
    if f.kind in ("prevalence", "target"):
        return f.unit == "percent" and f.subject == "stunting" and 0 < f.value < 100
    if f.unit == "IDR" and words.money_words is not None:
        if not words.money_words.search(f.evidence.sentence if f.evidence is not None else ""):
            return False
    if f.kind == "budget":
        return f.unit == "IDR" and f.value >= words.min_budget_idr
    if f.unit == "count":
        return f.subject.lower() not in words.vague_subjects
    return True


def figure_region(figure: Figure, gaz: Gazetteer) -> Region | None:
    """The region a figure is about: its scope, when that is a region."""
    return gaz.regions.get(figure.scope) if figure.scope and figure.scope != "national" else None


# Newest articles of each of an article's regions that related() considers.
RELATED_CANDIDATES = 100


@dataclass
class KnowledgeBase:
    every: list[Article]  # every article built: each has its page, listed or not
    articles: list[Article]  # the listed ones (they mention stunting): efforts first, each newest first, undated last
    provinces: list[RegionEntry]  # all 38, in code order
    regions: dict[str, RegionEntry]
    programmes: list[TermEntry]
    target_groups: list[TermEntry]
    actor_types: list[TermEntry]
    actors: dict[str, ActorEntry]  # by lower-cased name
    years: dict[int, dict[int, list[Article]]]
    undated: list[Article]
    taxonomy: Taxonomy
    gazetteer: Gazetteer
    figures: list[FigureRow] = field(default_factory=list)  # the figures publishing lets out, newest article first
    figures_by_region: dict[str, list[FigureRow]] = field(default_factory=dict)  # a province's include its regencies'
    # Related lists of earlier builds (kept by a long-lived process).
    related_memo: "RelatedMemo | None" = field(default=None, repr=False, compare=False)

    @classmethod
    def build(cls, articles: list[Article], taxonomy: Taxonomy, gaz: Gazetteer,
              publishing: PublishingWords = PublishingWords(),
              related_memo: "RelatedMemo | None" = None) -> tuple["KnowledgeBase", list[Problem]]:
        """The knowledge base, and a problem for each article that could not be placed in it
        (left out, so that one odd article never stops the others). Of the news figures it
        keeps those the publishing rule lets out of their article's page (`shown_beyond_article`)."""
        placed: list[tuple[Article, list[FigureRow]]] = []
        problems: list[Problem] = []
        known_ids = {field: taxonomy.ids(field) for field in _TAGGED_FIELDS}
        for a in articles:
            try:
                _check_placeable(a, known_ids, gaz)
                placed.append((a, [FigureRow(f, a, figure_region(f, gaz)) for f in a.figures]))
            except Exception as exc:  # noqa: BLE001 - reported, never fatal
                problems.append(Problem(a.file, f"tidak dimasukkan ke basis pengetahuan ({one_line(exc)})", level="skipped", stage="index"))
        # Lists show efforts before passing mentions, each newest first; an article
        # that does not mention stunting is on no public list (only its own page
        # and the curator's).
        placed.sort(key=lambda p: (not p[0].relevant, *newest_first(p[0].date), p[0].id))
        every = [a for a, _ in placed]
        ordered = [a for a in every if a.listed]
        placed = [p for p in placed if p[0].listed]
        regions: dict[str, RegionEntry] = {r.code: RegionEntry(r, region_path(r, gaz)) for r in gaz.regions.values()}
        for code, entry in sorted(regions.items()):
            if not entry.region.is_province:
                regions[entry.region.province_code].children.append(entry)
        programmes = {t.id: TermEntry(t, urls.programme(t.id)) for t in taxonomy.programmes}
        targets = {t.id: TermEntry(t, urls.target_group(t.id)) for t in taxonomy.target_groups}
        types = {t.id: TermEntry(t, urls.actor_type(t.id)) for t in taxonomy.actor_types}
        actor_names: dict[str, Actor] = {}
        for a in ordered:
            for act in a.actors:
                actor_names.setdefault(act.name.lower(), act)
        actor_slugs = urls.unique_slugs(sorted(actor_names))
        actors = {k: ActorEntry(v.name, v.type, urls.actor(actor_slugs[k])) for k, v in sorted(actor_names.items())}
        years: dict[int, dict[int, list[Article]]] = defaultdict(lambda: defaultdict(list))
        undated: list[Article] = []
        for a in ordered:
            for tag in (*a.provinces, *a.regencies):
                regions[tag.region.code].articles.append(a)
            for t in a.programmes:
                programmes[t.id].articles.append(a)
            for t in a.target_groups:
                targets[t.id].articles.append(a)
            for t in a.actor_types:
                types[t.id].articles.append(a)
            for act in a.actors:
                actors[act.name.lower()].articles.append(a)
            if a.date:
                years[a.date.year][a.date.month].append(a)
            else:
                undated.append(a)
        figures = [row for _, rows in placed for row in rows if shown_beyond_article(row, publishing)]
        by_region: dict[str, list[FigureRow]] = defaultdict(list)
        for row in figures:
            if row.region is not None:
                by_region[row.region.code].append(row)
                if not row.region.is_province:
                    by_region[row.region.province_code].append(row)
        kb = cls(
            every=every,
            figures=figures,
            figures_by_region=dict(by_region),
            articles=ordered,
            provinces=[e for e in regions.values() if e.region.is_province],
            regions=regions,
            programmes=list(programmes.values()),
            target_groups=list(targets.values()),
            actor_types=list(types.values()),
            actors=actors,
            years={y: dict(sorted(m.items(), reverse=True)) for y, m in sorted(years.items(), reverse=True)},
            undated=undated,
            taxonomy=taxonomy,
            gazetteer=gaz,
            related_memo=related_memo.turn() if related_memo is not None else None,
        )
        return kb, problems

    # Lookups the templates use -------------------------------------------------

    def articles_by_id(self, ids: list[str]) -> list[Article]:
        wanted = set(ids)
        return [a for a in self.every if a.id in wanted]

    def newest(self, limit: int, relevance: str | None = None) -> list[Article]:
        """The newest listed articles of one relevance ("effort": "Artikel terbaru"; "mention"), or all (feeds)."""
        articles = self.articles if relevance is None else [a for a in self.articles if a.relevance == relevance]
        return sorted(articles, key=lambda a: (*newest_first(a.date), a.id))[:limit]

    def figures_of(self, kind: str, newest_year_first: bool = False) -> list[FigureRow]:
        rows = [r for r in self.figures if r.figure.kind == kind]
        if newest_year_first:
            # Figures without a year last, whatever their neighbours say.
            rows.sort(key=lambda r: (r.figure.year is None, -(r.figure.year or 0)))
        return rows

    def figures_in(self, region: Region) -> list[FigureRow]:
        """Figures about a region (a province includes its kabupaten/kota), by year then value."""
        rows = self.figures_by_region.get(region.code, [])
        return sorted(rows, key=lambda r: (*optional(r.figure.year), r.figure.kind, r.region.code, r.article.id))

    def prevalence_series(self, rows: list[FigureRow]) -> dict[str, list[tuple[int, float]]]:
        """Area name -> [(year, measured prevalence)], one value per year (the latest article's).
        Targets are goals, not measurements: they are not plotted."""
        series: dict[str, dict[int, float]] = defaultdict(dict)
        for r in sorted(rows, key=lambda r: (*newest_first(r.article.date), r.article.id)):
            f = r.figure
            if f.kind == "prevalence" and f.year and r.area:
                series[r.area].setdefault(f.year, f.value)
        return {name: sorted(points.items()) for name, points in sorted(series.items())}

    def newest_news_prevalence(self, province: Region) -> FigureRow | None:
        """The newest prevalence the news gives for a province or one of its kabupaten/kota:
        the latest year, the province's own before its regencies', then the newest article."""
        rows = [r for r in self.figures_by_region.get(province.code, ()) if r.figure.kind == "prevalence"]
        if not rows:
            return None
        return min(rows, key=lambda r: (-r.figure.year, r.region.code != province.code,
                                        *newest_first(r.article.date), r.article.id, r.region.code))

    def articles_per_month(self) -> list[tuple[int, int, int]]:
        """(year, month, count) for every month from the first dated article to the last."""
        dated = [a.date for a in self.articles if a.date]
        if not dated:
            return []
        counts: dict[tuple[int, int], int] = defaultdict(int)
        for d in dated:
            counts[(d.year, d.month)] += 1
        (y, m), end = min(counts), max(counts)
        out = []
        while (y, m) <= end:
            out.append((y, m, counts.get((y, m), 0)))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def region_entry(self, code: str) -> RegionEntry:
        return self.regions[code]

    def has_page(self, region: Region) -> bool:
        """Every province has a page; a kabupaten/kota once an article is about it."""
        return region.is_province or bool(self.regions[region.code].articles)

    def programme(self, term_id: str) -> TermEntry:
        return next(e for e in self.programmes if e.term.id == term_id)

    def target_group(self, term_id: str) -> TermEntry:
        return next(e for e in self.target_groups if e.term.id == term_id)

    def actor_type(self, term_id: str) -> TermEntry:
        return next(e for e in self.actor_types if e.term.id == term_id)

    def actor(self, name: str) -> ActorEntry:
        return self.actors[name.lower()]

    def actors_of_type(self, type_id: str) -> list[ActorEntry]:
        return [a for a in self.actors.values() if a.type == type_id]

    def programmes_in(self, articles: list[Article]) -> list[tuple[TermEntry, list[Article]]]:
        """The programmes a set of articles reports, each with those articles (taxonomy order)."""
        by_id: dict[str, list[Article]] = defaultdict(list)
        for a in articles:
            for t in a.programmes:
                by_id[t.id].append(a)
        return [(e, by_id[e.term.id]) for e in self.programmes if e.term.id in by_id]

    def regions_of(self, articles: list[Article]) -> list[RegionEntry]:
        """Where a set of articles takes place: kabupaten/kota where known, else the province."""
        codes: dict[str, int] = defaultdict(int)
        for a in articles:
            regs = [t.region.code for t in a.regencies] or [t.region.code for t in a.provinces]
            for c in regs:
                codes[c] += 1
        return [self.regions[c] for c in sorted(codes)]

    def actors_in(self, articles: list[Article]) -> list[ActorEntry]:
        names = sorted({act.name.lower() for a in articles for act in a.actors})
        return [self.actors[n] for n in names]

    def related(self, article: Article, limit: int = 5) -> list[Article]:
        """Articles that share the region and the programmes of this one."""
        keys = self._related_keys
        mine = keys[article.id]
        codes = sorted(mine[0]) + sorted(mine[1])
        memo = self.related_memo
        if memo is None:
            return self._related(article, codes, limit)
        # A list depends only on this article's tags and on the candidates of its
        # regions: after an edit, only the articles of the regions it touched are
        # compared again.
        key = (article.id, mine, limit, tuple(self._candidates_digest(code) for code in codes))
        ids = memo.get(key)
        if ids is None:
            ids = tuple(a.id for a in self._related(article, codes, limit))
        memo.put(key, ids)
        return [self._by_id[i] for i in ids]

    def _related(self, article: Article, codes: list[str], limit: int) -> list[Article]:
        keys = self._related_keys
        mine_reg, mine_prov, mine_prog = keys[article.id]
        candidates: dict[str, Article] = {}
        # Bounded candidate lists keep this linear at 10,000 articles: the newest
        # articles of the same kabupaten/kota first, then of the same province.
        for code in codes:
            for a in self.regions[code].articles[:RELATED_CANDIDATES]:
                candidates[a.id] = a
        scored = []
        for a in candidates.values():
            if a.id == article.id:
                continue
            reg, prov, prog = keys[a.id]
            score = 3 * len(mine_reg & reg) + len(mine_prov & prov) + 2 * (mine_prog & prog).bit_count()
            if score:
                scored.append((-score, a.id, a))
        return [a for _, _, a in sorted(scored)[:limit]]

    @functools.cached_property
    def _related_keys(self) -> dict[str, tuple[frozenset[str], frozenset[str], int]]:
        # Programmes as a bit mask: related() compares each article with hundreds.
        ids = sorted({t.id for a in self.articles for t in a.programmes})
        bits = {term_id: 1 << i for i, term_id in enumerate(ids)}
        return {a.id: (frozenset(t.region.code for t in a.regencies), frozenset(t.region.code for t in a.provinces),
                       sum(bits[i] for i in {t.id for t in a.programmes})) for a in self.articles}

    @functools.cached_property
    def _by_id(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}

    def _candidates_digest(self, code: str) -> str:
        """What related() reads of a region: its newest articles and their tags."""
        found = self._candidate_digests.get(code)
        if found is None:
            keys = self._related_keys
            found = self._candidate_digests[code] = digest(*(
                (a.id, sorted(keys[a.id][0]), sorted(keys[a.id][1]), keys[a.id][2])
                for a in self.regions[code].articles[:RELATED_CANDIDATES]))
        return found

    @functools.cached_property
    def _candidate_digests(self) -> dict[str, str]:
        return {}


class RelatedMemo:
    """Related lists by what decided them, kept from one build to the next by a
    long-lived process (`mkdocs serve`): the lists this build used, and the last build's."""

    def __init__(self) -> None:
        self.last: dict[tuple, tuple[str, ...]] = {}
        self.now: dict[tuple, tuple[str, ...]] = {}

    def turn(self) -> "RelatedMemo":
        """A new build: what the last one used is what this one may reuse."""
        if self.now:
            self.last, self.now = self.now, {}
        return self

    def get(self, key: tuple) -> tuple[str, ...] | None:
        found = self.now.get(key)
        return found if found is not None else self.last.get(key)

    def put(self, key: tuple, ids: tuple[str, ...]) -> None:
        self.now[key] = ids
