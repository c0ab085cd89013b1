"""The data export: data/articles.json, data/articles.csv, data/figures.csv.

The contract is ../shared/spec/export.md (schema_version 1): fields are only
added, never renamed. Output is deterministic: sorted by id, no timestamps.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Iterator

from . import urls
from .errors import one_line
from .excerpts import excerpts
from .model import Article, Evidence, Figure

SCHEMA_VERSION = 1


def _page(a: Article) -> str:
    """The article page's URL relative to the site root (export.md `page`)."""
    return urls.page_url(urls.article(a.slug))


def article_record(a: Article, full_text: bool = True) -> dict:
    """An article's record; in lead-only mode its evidence sentences are short quotes
    (excerpts.py: the export publishes no more of a text than its page)."""
    ex = excerpts(a, full_text)

    def _evidence(ev: Evidence | None) -> str | None:
        published = ex.evidence(ev)
        return published.sentence if published else None

    def _figure(f: Figure) -> dict:
        return {"kind": f.kind, "value": f.value, "unit": f.unit, "year": f.year, "scope": f.scope, "subject": f.subject,
                "text": f.text, "basis": f.basis, "since": f.since, "actor": f.actor, "sentence": _evidence(f.evidence)}

    return {
        "id": a.id,
        "title": a.title,
        "date": a.date.isoformat() if a.date else None,
        "outlet": a.outlet,
        "dateline": a.dateline,
        "url": a.url,
        "provinces": [{"code": t.region.code, "name": t.region.name} for t in a.provinces],
        "regencies": [{"code": t.region.code, "name": t.region.name} for t in a.regencies],
        "regions_mentioned": [{"code": t.region.code, "name": t.region.name, "why": t.role} for t in a.mentioned_regions],
        "programmes": [t.id for t in a.programmes],
        "actor_types": [t.id for t in a.actor_types],
        "actors": [{"name": x.name, "type": x.type} for x in a.actors],
        "target_groups": [t.id for t in a.target_groups],
        "relevance": a.relevance,
        "relevant": a.relevant,
        "relevance_note": a.relevance_note,
        "figures": [_figure(f) for f in a.figures],
        "page": _page(a),
        "source_file": a.file,
        "curated": list(a.curated),
        "duplicates": list(a.duplicates),
        "evidence": {
            "date": _evidence(a.date_evidence),
            "relevance": _evidence(a.relevance_evidence),
            "provinces": {t.region.code: _evidence(t.evidence) for t in a.provinces},
            "regencies": {t.region.code: _evidence(t.evidence) for t in a.regencies},
            "programmes": {t.id: _evidence(t.evidence) for t in a.programmes},
            "actor_types": {t.id: _evidence(t.evidence) for t in a.actor_types},
            "actors": {x.name: _evidence(x.evidence) for x in a.actors},
            "target_groups": {t.id: _evidence(t.evidence) for t in a.target_groups},
        },
    }


def _record_or_stub(a: Article, full_text: bool) -> dict:
    """An article's record; if it cannot be made, the fields that identify it and why
    (the export must always be written, and must always hold every built article)."""
    try:
        return article_record(a, full_text)
    except Exception as exc:  # noqa: BLE001 - reported in the record itself
        return {"id": a.id, "title": str(a.title), "page": _page(a), "source_file": a.file, "export_error": one_line(exc)}


def articles_json(articles: list[Article], records: dict[str, str] | None = None,
                  digests: dict[str, str] | None = None, full_text: bool = True) -> Iterator[bytes]:
    """The export, as json.dumps(doc, indent=1) would write it, in chunks (it is
    tens of MB at 10,000 articles). `records` memoises each article's part by its
    digest, so an unchanged article is not re-encoded; it is updated once all
    chunks are taken."""
    records = records if records is not None else {}
    digests = digests or {}
    fresh: dict[str, str] = {}
    yield f'{{\n "schema_version": {SCHEMA_VERSION},\n "articles": ['.encode("utf-8")
    for i, a in enumerate(sorted(articles, key=lambda a: a.id)):
        key = digests.get(a.id)
        text = records.get(key) if key else None
        if text is None:
            body = json.dumps(_record_or_stub(a, full_text), ensure_ascii=False, indent=1)
            text = "\n".join("  " + line for line in body.split("\n"))
        if key:
            fresh[key] = text
        yield (",\n" if i else "\n").encode("utf-8") + text.encode("utf-8")
    yield ("\n ]\n}\n" if articles else "]\n}\n").encode("utf-8")
    records.clear()
    records.update(fresh)


# A cell starting with one of these is a formula to a spreadsheet program
# (`=HYPERLINK(...)` in a title would be live): OWASP's "CSV injection".
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: object) -> object:
    """A text cell as a spreadsheet shows it but never runs it: a leading quote before a
    formula character (OWASP). Numbers stay numbers."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def _csv(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if header:
        w.writerow(header)
    w.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return buf.getvalue()


def _csv_file(header: list[str], articles: list[Article], rows_of, memo: dict[str, str] | None,
              digests: dict[str, str] | None) -> bytes:
    """A CSV file of each article's rows, in id order. `memo` keeps each article's rows as
    text by its digest (updated to this build's), so an unchanged article is not
    written out again; the file is the same either way (a CSV row does not depend on
    the rows before it)."""
    memo = memo if memo is not None else {}
    digests = digests or {}
    fresh: dict[str, str] = {}
    parts = [_csv(header, [])]
    for a in sorted(articles, key=lambda a: a.id):
        key = digests.get(a.id)
        text = memo.get(key) if key else None
        if text is None:
            text = _csv([], rows_of(a))
        if key:
            fresh[key] = text
        parts.append(text)
    memo.clear()
    memo.update(fresh)
    # A BOM lets spreadsheet programs on Windows read the UTF-8 correctly.
    return ("\ufeff" + "".join(parts)).encode("utf-8")


ARTICLES_CSV_HEADER = ["id", "title", "date", "outlet", "dateline", "province_codes", "provinces", "regency_codes",
                       "regencies", "programmes", "actor_types", "actors", "target_groups", "relevance", "relevant", "page"]
FIGURES_CSV_HEADER = ["article_id", "kind", "value", "unit", "year", "scope", "basis", "since", "subject", "text", "actor",
                      "province_codes", "regency_codes", "sentence", "page"]


def articles_csv(articles: list[Article], memo: dict[str, str] | None = None,
                 digests: dict[str, str] | None = None) -> bytes:
    return _csv_file(ARTICLES_CSV_HEADER, articles, _article_row, memo, digests)


def _article_row(a: Article) -> list[list]:
    return [[
        a.id, a.title, a.date.isoformat() if a.date else "", a.outlet or "", a.dateline or "",
        "; ".join(t.region.code for t in a.provinces), "; ".join(t.region.name for t in a.provinces),
        "; ".join(t.region.code for t in a.regencies), "; ".join(t.region.name for t in a.regencies),
        "; ".join(t.id for t in a.programmes), "; ".join(t.id for t in a.actor_types),
        "; ".join(x.name for x in a.actors), "; ".join(t.id for t in a.target_groups),
        a.relevance, "true" if a.relevant else "false", _page(a),
    ]]


def figures_csv(articles: list[Article], full_text: bool = True, memo: dict[str, str] | None = None,
                digests: dict[str, str] | None = None) -> bytes:
    def rows(a: Article) -> list[list]:
        ex = excerpts(a, full_text)
        return [[a.id, f.kind, f.value, f.unit, f.year or "", f.scope, f.basis, f.since or "", f.subject, f.text,
                 f.actor, "; ".join(t.region.code for t in a.provinces), "; ".join(t.region.code for t in a.regencies),
                 ex.sentence(f.evidence.sentence) if f.evidence else "", _page(a)] for f in a.figures]
    return _csv_file(FIGURES_CSV_HEADER, articles, rows, memo, digests)
