"""The Jinja2 environments and what templates call: links, article lists, charts.

Two environments share one template folder: Markdown pages (index pages and
the home snippet, escaped for Markdown by `markup.finalize`) and HTML (entry
pages, SVG and feeds, autoescaped). Entry pages skip Markdown altogether: the
hook hands their HTML to MkDocs as is (Markdown parsing of their lists and
tables was most of a site build's time), and Python-Markdown alone would pass
the same HTML through unchanged.
"""
from __future__ import annotations

import html
from pathlib import Path

from jinja2 import BytecodeCache, ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from .. import urls
from ..config import SEARCH_FULL_TEXT_UP_TO, SiteSettings, prebuilt_search
from ..extract import dates
from ..extract.overrides import SAFE_URL
from ..index import KnowledgeBase, region_path
from ..model import Article, Evidence
from ..reference import Reference
from . import charts, format
from .markup import evidence_html, finalize, front_matter, glossary_pattern, md_escape, plain_title

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_URL_SLOT = "\x00url\x00"


class Renderer:
    def __init__(self, kb: KnowledgeBase, ref: Reference, settings: SiteSettings = SiteSettings(),
                 templates: Path | None = None, compiled: BytecodeCache | None = None):
        self.kb = kb
        self.ref = ref
        self.settings = settings
        self.words = ref.site_words
        # A prebuilt index holds every word; Material's lunr index, built in the browser,
        # holds whole texts up to SEARCH_FULL_TEXT_UP_TO articles, and leads above.
        self.search_prebuilt = prebuilt_search(settings, len(kb.articles))
        self.search_paragraphs = settings.search_paragraphs
        if self.search_paragraphs is None:
            self.search_paragraphs = 1000 if self.search_prebuilt or len(kb.articles) <= SEARCH_FULL_TEXT_UP_TO else 1
        # `templates`: a folder whose templates replace the package's of the same name.
        folders = [str(p) for p in (templates, TEMPLATES) if p is not None]
        # Compiled templates kept between builds (`compiled`, in memory: incremental/templates.py):
        # compiling them is a good part of a one-edit rebuild.
        bytecode = compiled
        options = dict(loader=ChoiceLoader([FileSystemLoader(f) for f in folders]), bytecode_cache=bytecode,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, undefined=StrictUndefined)
        shared_globals = dict(kb=kb, settings=settings, paths=urls, region_path=lambda r: region_path(r, kb.gazetteer),
                              prevalence_chart=self.prevalence_chart, article_list=self.article_list,
                              official=ref.official, official_rows=self.official_rows, official_chart=self.official_chart)
        shared_filters = dict(date_id=self.date, number=format.number, label=self._label, figure_text=format.figure_text,
                              figure_kind=self.words.figure_kinds.get, figure_when=self.figure_when,
                              figure_scope=self._figure_scope, key_figures=format.key_figures)
        self.env = Environment(finalize=finalize, autoescape=False, **options)
        self.env.globals.update(shared_globals, link=self._md_link, province_map=self.province_map,
                                month_chart=self.month_chart)
        self.env.filters.update(shared_filters)
        self.html_env = Environment(autoescape=True, **options)
        self.html_env.globals.update(shared_globals, link=self._html_link, evidence_rows=self.evidence_rows,
                                     chips=self.chips, tag_links=self.tag_links, date_note=self.date_note)
        # Glossary terms become <abbr> tooltips in article texts.
        self.html_env.filters.update(shared_filters, glossed=self._glossed, evidence_html=evidence_html,
                                     month_id=self.month_name)
        self.html_env.tests["safe_url"] = lambda u: bool(SAFE_URL.match(str(u)))
        self._items: dict[str, tuple[str, str]] = {}  # article id -> its list item, around the link
        self._gloss = glossary_pattern(ref.glossary)

    # Whole pages ------------------------------------------------------------------

    def markdown_page(self, template: str, path: str, meta: dict, searched: bool = True, **context) -> str:
        """A Markdown page: its template writes the front matter where it wants it."""
        front = Markup(self._front_matter(path, meta, searched))
        return self.env.get_template(template).render(here=path, front_matter=front, **context)

    def html_page(self, template: str, path: str, meta: dict, searched: bool = True, **context) -> str:
        """An entry page whose body is HTML, marked `kb_html` for the MkDocs hook."""
        front = self._front_matter(path, {**meta, "kb_html": True}, searched)
        body = self.html_env.get_template(template).render(here=path, **context)
        lines = "\n".join(line for line in body.splitlines() if line.strip())
        return f"---\n{front}---\n\n{lines}\n"

    def snippet(self, template: str, here: str, **context) -> str:
        """A Markdown fragment a hand-written page includes (no front matter); links are from `here`."""
        return self.env.get_template(template).render(here=here, **context)

    def xml(self, template: str, **context) -> str:
        return self.html_env.get_template(template).render(**context)

    def _front_matter(self, path: str, meta: dict, searched: bool) -> str:
        # Every generated page carries tags; an index page its section's name.
        meta = {**meta, "title": plain_title(meta["title"]), "tags": meta.get("tags") or [self.section(path)]}
        if not searched:
            meta["search"] = {"exclude": True}
        return front_matter(meta)

    def section(self, path: str) -> str:
        return self.words.section(urls.section_of(path))

    # What templates call ------------------------------------------------------------

    def date(self, d) -> str:
        return self.ref.calendar.date(d) if d else "tanggal tidak diketahui"

    def month_name(self, month: int) -> str:
        return self.ref.calendar.month_names[month - 1]

    def date_note(self, a: Article) -> str:
        """What a reader should know about an article's date when it is not stated in full:
        unknown, or a year the text did not give (found as the one year whose calendar fits
        the weekday, extract/dates.py)."""
        if a.date is None:
            return "Sumber dan teks artikel tidak menyebut tanggal terbitnya."
        ev = a.date_evidence
        if dates.year_inferred(ev, self.ref.calendar):
            return (f"Tahun diperkirakan: teks hanya menyebut hari dan tanggal ({ev.cue}); "
                    f"{a.date.year} adalah tahun di teks yang cocok dengan hari itu.")
        return ""

    def figure_when(self, f) -> str:
        return format.figure_when(f, self.words.figure_basis)

    def url(self, target: str, here: str) -> str:
        """The URL of a page as seen from another: raw HTML gets no link rewriting from MkDocs."""
        return urls.link(target, here, self.settings.directory_urls)

    def _html_block(self, template: str, **context) -> Markup:
        html_text = self.html_env.get_template(template).render(**context)
        # One HTML block for Markdown: no blank lines inside.
        return Markup("\n".join(line for line in html_text.splitlines() if line.strip()))

    @pass_context
    def article_list(self, ctx, articles) -> Markup:
        """A list of articles as one HTML block. Index pages list thousands: each
        article's item is rendered once per build, and only its link differs
        from page to page."""
        here = ctx["here"]
        items = []
        for a in articles:
            head, tail = self._item(a)
            items.append(f"{head}{html.escape(self.url(urls.article(a.slug), here))}{tail}")
        return self._html_block("html/article_list.html.j2", items=Markup("\n".join(items)))

    def _item(self, a: Article) -> tuple[str, str]:
        parts = self._items.get(a.id)
        if parts is None:
            item = self.html_env.get_template("html/article_item.html.j2").render(url=_URL_SLOT, a=a, place=_place(a))
            head, tail = item.strip().split(_URL_SLOT, 1)
            parts = self._items[a.id] = (head, tail)
        return parts

    @pass_context
    def _md_link(self, ctx, target: str, text: object, cls: str = "") -> Markup:
        """A relative Markdown link to another source path (MkDocs checks it and makes it a URL)."""
        attrs = f"{{ .{cls} }}" if cls else ""
        return Markup(f"[{md_escape(text)}]({urls.source_link(target, ctx['here'])}){attrs}")

    @pass_context
    def _html_link(self, ctx, target: str, text: object, cls: str = "") -> Markup:
        return Markup(self._anchor(target, ctx["here"], text, cls))

    def _anchor(self, target: str, here: str, text: object, cls: str = "") -> str:
        attrs = f' class="{cls}"' if cls else ""
        return f'<a href="{html.escape(self.url(target, here))}"{attrs}>{html.escape(str(text))}</a>'

    @pass_context
    def chips(self, ctx, tags, field: str, entry_of) -> Markup:
        """Links to the pages of an article's programmes, actor types or target groups (✎: set by the curator)."""
        if not tags:
            return Markup("—")
        here, label = ctx["here"], self.kb.taxonomy.label
        return Markup("".join(self._anchor(entry_of(t.id).path, here, label(field, t.id), "kb-chip")
                              + ('<sup title="dikurasi">✎</sup> ' if t.curated else " ") for t in tags))

    @pass_context
    def tag_links(self, ctx, tags, field: str, entry_of) -> Markup:
        """The same links as `chips`, as a short line of text (the summary card)."""
        if not tags:
            return Markup("—")
        here, label = ctx["here"], self.kb.taxonomy.label
        return Markup(", ".join(self._anchor(entry_of(t.id).path, here, label(field, t.id))
                                + ('<sup title="dikurasi">✎</sup>' if t.curated else "") for t in tags))

    def evidence_rows(self, a: Article) -> list[tuple[str, str, Evidence | None]]:
        label = self.kb.taxonomy.label
        rows = [("Relevansi", self.words.relevance.get(a.relevance, a.relevance), a.relevance_evidence)]
        rows += [("Tanggal", self.date(a.date), a.date_evidence)] if a.date_evidence else []
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
        terms = self.ref.glossary
        return Markup(self._gloss.sub(lambda m: f'<abbr title="{escape(terms[m.group(0)])}">{m.group(0)}</abbr>', escaped))

    def _figure_scope(self, f) -> str:
        if f.scope == "national":
            return "Indonesia (nasional)"
        region = self.kb.gazetteer.regions.get(f.scope)
        return region.name if region else ""

    def _label(self, term_id: str, field: str) -> str:
        return self.kb.taxonomy.label(field, term_id)

    # Pictures (inline SVG, drawn at build time) -----------------------------------

    def _svg(self, template: str, **context) -> Markup:
        return self._html_block(template, **context)

    @pass_context
    def province_map(self, ctx, view: str = "articles") -> Markup:
        """The tile map of effort articles per province, or of the official survey prevalence
        (never of news figures: a regency's figure in the news is not its province's)."""
        kb, here, number = self.kb, ctx["here"], format.number
        if view == "articles":
            rows = []
            for p in kb.provinces:
                n = len(p.efforts)
                rows.append((p.region.code, p.region.name, self.url(p.path, here), n, number(n),
                             f"{p.region.name}: {number(n)} artikel upaya"))
            m = charts.tile_map("peta-artikel", "Jumlah artikel upaya per provinsi", self.ref.tile_layout, rows,
                                lambda v: number(int(v)), "artikel")
            return self._html_block("html/tile_map.html.j2", m=m, details=[], survey="", here=here)
        official = self.ref.official
        survey = official.map_survey(len(kb.provinces))
        label = f"{survey[0]} {survey[1]}" if survey else "survei resmi"
        values = official.provinces_of(*survey) if survey else {}
        rows, details = [], []
        for p in kb.provinces:
            code, name = p.region.code, p.region.name
            v = values.get(code)
            if v is None:
                rows.append((code, name, self.url(p.path, here), None, "", ""))
                continue
            text = f"{number(v.prevalence)}%"
            rows.append((code, name, self.url(p.path, here), v.prevalence, text, f"{name}: {text} ({label})"))
            details.append((p, v, text))
        m = charts.tile_map("peta-prevalensi", f"Prevalensi stunting balita per provinsi, {label} (survei resmi)",
                            self.ref.tile_layout, rows, lambda v: number(v) + "%", "",
                            missing=f"belum ada angka resmi {label}", source=f"Warna: prevalensi stunting {label}")
        return self._html_block("html/tile_map.html.j2", m=m, details=details, survey=label, here=here)

    def month_chart(self) -> Markup:
        months = self.kb.articles_per_month()
        if not months:
            return Markup("")
        if len(months) > 48:
            years: dict[int, int] = {}
            for y, _, n in months:
                years[y] = years.get(y, 0) + n
            items = [(str(y), str(y), "", n) for y, n in years.items()]
            title = "Jumlah artikel per tahun"
        else:
            name = self.month_name
            items = [(f"{name(m)} {y}", name(m)[:3], str(y) if m == 1 or i == 0 else "", n)
                     for i, (y, m, n) in enumerate(months)]
            title = "Jumlah artikel per bulan"
        chart = charts.bar_chart(title, items, "artikel", bar_width=18 if len(items) < 24 else 12)
        return self._svg("svg/bars.svg.j2", c=chart, chart_id="artikel-per-waktu")

    def prevalence_chart(self, rows, chart_id: str = "prevalensi") -> Markup:
        """The news prevalence of some areas over the years: only where an area has three
        years or more (the figure table beside it lists every one)."""
        series = self.kb.prevalence_series(rows)
        series = {name: points for name, points in series.items() if len(points) >= charts.MIN_LINE_POINTS}
        if not series:
            return Markup("")
        chart = charts.line_chart("Prevalensi stunting yang dilaporkan berita, menurut tahun", dict(list(series.items())[:8]),
                                  lambda v: format.number(v) + "%")
        return self._svg("svg/lines.svg.j2", c=chart, chart_id=chart_id)

    def official_rows(self, code: str) -> list[tuple]:
        """An area's official values, oldest survey first, each with the national value of its survey."""
        official = self.ref.official
        return [(v, official.national_of(v.survey, v.year)) for v in official.series(code)]

    def official_chart(self, region, chart_id: str) -> Markup:
        """An area's official series beside the national one: a chart from three surveys on
        (fewer are the table alone), drawn small enough to read on a phone."""
        values = self.ref.official.series(region.code)
        if len(values) < charts.MIN_LINE_POINTS:
            return Markup("")
        national = self.ref.official.national
        labels = {v.year: v.label for v in (*national, *values)}
        data = {"Indonesia": [(v.year, v.prevalence) for v in national]}
        # Papua and Papua Barat before their 2022 split were larger areas: no line joins them to today's.
        before = [(v.year, v.prevalence) for v in values if v.pre_split]
        if before:
            data[f"{region.name} sebelum pemekaran"] = before
        data[region.name] = [(v.year, v.prevalence) for v in values if not v.pre_split]
        chart = charts.line_chart("Prevalensi stunting balita menurut survei resmi", data,
                                  lambda v: format.number(v) + "%", width=360, height=200, year_labels=labels)
        # Its data is the table beside it.
        return self._svg("svg/lines.svg.j2", c=chart, chart_id=chart_id, with_data=False)


def _place(a: Article) -> str:
    tags = a.regencies or a.provinces
    return ", ".join(t.region.name for t in tags) if tags else "wilayah belum dikenali"
