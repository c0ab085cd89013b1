"""Render stage: the knowledge base -> Markdown pages (Jinja2 templates).

Every `{{ value }}` a template prints is escaped for Markdown and HTML unless
it is `Markup` made here (links, front matter): text from a seed can never
become a link, an HTML element, a snippet include or a template.
"""
from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from .index import MONTHS_ID, KnowledgeBase, date_id, region_path
from .model import Article, Evidence

TEMPLATES = Path(__file__).parent / "templates"
# Python-Markdown's backslash escapes (plus "|" from the tables extension).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^=:<>&\"])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_BACKSLASHABLE = set("\\`*_{}[]()#+-.!|")
_SAFE_URL = re.compile(r"^https?://[^\s()<>\[\]\"'`]+$")
FIGURE_KINDS = {
    "prevalence": "prevalensi", "target": "target", "budget": "anggaran", "beneficiaries": "penerima manfaat",
    "cases": "kasus", "places": "wilayah/tempat", "workers": "petugas/kader", "percent": "persentase",
}


def md_escape(text: object, strip: bool = True) -> str:
    """Plain text -> Markdown that renders as exactly that text, and nothing live."""

    def one(m: re.Match) -> str:
        ch = m.group(1)
        if ch in _HTML:
            return _HTML[ch]
        if ch in _BACKSLASHABLE:
            return "\\" + ch
        # ~ ^ = : have no backslash escape in Python-Markdown; an entity keeps them inert.
        return f"&#{ord(ch)};"

    out = _MD_SPECIAL.sub(one, str(text))
    # Leading spaces would make a code block; line breaks are not ours to keep.
    out = re.sub(r"\s+", " ", out)
    return out.strip() if strip else out


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


class Renderer:
    def __init__(self, kb: KnowledgeBase, settings: SiteSettings = SiteSettings()):
        self.kb = kb
        self.settings = settings
        env = Environment(
            loader=FileSystemLoader(str(TEMPLATES)),
            finalize=_finalize,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=StrictUndefined,
        )
        env.globals.update(link=_link, kb=kb, settings=settings, region_path=lambda r: region_path(r, kb.gazetteer))
        env.filters.update(date_id=date_id, evidence=_evidence, number=_number, label=self._label,
                           safe_url=_safe_url, rupiah=_rupiah, figure_kind=FIGURE_KINDS.get, month_id=lambda m: MONTHS_ID[m - 1])
        env.tests["safe_url"] = lambda u: bool(_SAFE_URL.match(str(u)))
        self.env = env

    def _label(self, term_id: str, field: str) -> str:
        return self.kb.taxonomy.label(field, term_id)

    def page(self, template: str, path: str, meta: dict, **context) -> str:
        meta = {**meta, "title": plain_title(meta["title"])}
        # JSON values are valid YAML, and far quicker to write than yaml.safe_dump.
        front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
        return self.env.get_template(template).render(here=path, front_matter=Markup(front), **context)

    def pages(self) -> dict[str, str]:
        """Every generated Markdown page, keyed by its path under docs/."""
        kb = self.kb
        out: dict[str, str] = {}
        for a in kb.articles:
            out[a.source_path] = self.article(a)
        out["wilayah/index.md"] = self.page("region_index.md.j2", "wilayah/index.md", {"title": "Wilayah"})
        for p in kb.provinces:
            out[p.path] = self.page("province.md.j2", p.path, {"title": p.region.name, "tags": ["Provinsi"]}, entry=p)
            for r in p.children:
                if r.articles:
                    out[r.path] = self.page("regency.md.j2", r.path, {"title": r.region.name, "tags": [p.region.name]}, entry=r, province=p)
        out["program/index.md"] = self.page("programme_index.md.j2", "program/index.md", {"title": "Program"})
        for e in kb.programmes:
            out[e.path] = self.page("programme.md.j2", e.path, {"title": e.term.label, "tags": ["Program"]}, entry=e)
        out["aktor/index.md"] = self.page("actor_index.md.j2", "aktor/index.md", {"title": "Aktor"})
        for e in kb.actor_types:
            out[e.path] = self.page("actor_type.md.j2", e.path, {"title": e.term.label, "tags": ["Jenis aktor"]}, entry=e)
        for e in kb.actors.values():
            out[e.path] = self.page("actor.md.j2", e.path, {"title": e.name, "tags": [kb.taxonomy.label("actor_types", e.type)]}, entry=e)
        out["sasaran/index.md"] = self.page("target_index.md.j2", "sasaran/index.md", {"title": "Kelompok sasaran"})
        for e in kb.target_groups:
            out[e.path] = self.page("target.md.j2", e.path, {"title": e.term.label, "tags": ["Sasaran"]}, entry=e)
        out["linimasa/index.md"] = self.page("timeline_index.md.j2", "linimasa/index.md", {"title": "Linimasa"})
        for year, months in kb.years.items():
            path = f"linimasa/{year}.md"
            out[path] = self.page("timeline_year.md.j2", path, {"title": f"Linimasa {year}"}, year=year, months=months)
        return out

    def article(self, a: Article) -> str:
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
            "relevant": a.relevant,
            "curated": list(a.curated),
            "tags": tags,
        }
        return self.page("article.md.j2", path, meta, a=a, related=self.kb.related(a))

    def snippet(self, template: str, path: str, **context) -> str:
        """A Markdown fragment included by a hand-written page (no front matter)."""
        return self.env.get_template(template).render(here=path, **context)


@pass_context
def _link(ctx, target: str, text: object, cls: str = "") -> Markup:
    """A relative Markdown link from the page being rendered to another docs path."""
    here = ctx["here"]
    rel = posixpath.relpath(target, posixpath.dirname(here) or ".")
    attrs = f"{{ .{cls} }}" if cls else ""
    return Markup(f"[{md_escape(text)}]({rel}){attrs}")


def _evidence(ev: Evidence | None) -> Markup:
    """The evidence sentence, its cue in bold."""
    if ev is None:
        return Markup("")
    s, cue = ev.sentence, ev.cue
    i = s.find(cue) if cue else -1
    if i < 0:
        return Markup(md_escape(s))
    before, after = md_escape(s[:i], strip=False), md_escape(s[i + len(cue):], strip=False)
    return Markup(f"{before}**{md_escape(cue)}**{after}".strip())


def _safe_url(url: str) -> Markup:
    """A curator's source URL, only if it is a plain http(s) address."""
    return Markup(url) if _SAFE_URL.match(url) else Markup("")


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
