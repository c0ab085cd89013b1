"""Every file of the site, in the order it is written, and what stands in for a page
that fails.

Pages first (sorted by path), then feeds, the search language and the data
export, then the pages that show the build report, which the others add to,
and last the report itself.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from .. import export, urls
from ..errors import one_line
from ..incremental.keys import digest
from ..model import Article, Problem
from ..report import BuildReport
from ..write import Content, Output
from .pages import PageTable

_SEARCH_SOURCE = Path(__file__).resolve().parent.parent / "search" / "lunr.id.js"


def site_outputs(table: PageTable, articles: list[Article], digests: dict[str, str], records: dict[str, str],
                 report: BuildReport, memo: dict | None = None) -> list[Output]:
    """`records` memoises the export's records by article digest (updated as it is written);
    `memo`, kept by a long-lived process, the CSV rows likewise and the pages that show
    the build report by what they show."""
    memo = memo if memo is not None else {}
    full_text = table.renderer.settings.full_text
    pages = sorted(table.pages(), key=lambda p: p.path)
    outputs = [Output(p.path, _utf8(table.render, p), p.key, p.source) for p in pages]
    extra = {**table.feeds(), urls.SEARCH_LANGUAGE: table.search_language(_SEARCH_SOURCE.read_text(encoding="utf-8"))}
    outputs += [Output(path, _utf8(str, text)) for path, text in sorted(extra.items())]
    outputs += [
        Output(urls.DATA_JSON, lambda: export.articles_json(articles, records, digests, full_text)),
        Output(urls.DATA_CSV, lambda: export.articles_csv(articles, memo.setdefault(urls.DATA_CSV, {}), digests)),
        Output(urls.FIGURES_CSV, lambda: export.figures_csv(articles, full_text, memo.setdefault(urls.FIGURES_CSV, {}),
                                                            digests)),
        Output(urls.OFFICIAL_CSV, _utf8(str, table.renderer.ref.official.file_text)),
        Output(urls.OFFICIAL_SOURCES, _utf8(str, table.renderer.ref.official.description)),
    ]
    outputs += [Output(p.path, _report_page(table, p, report, digests, memo)) for p in table.report_pages(report)]
    outputs.append(Output(urls.BUILD_REPORT, lambda: (json.dumps(report.as_dict(), ensure_ascii=False, indent=1)
                                                       + "\n").encode("utf-8")))
    return outputs


def _report_page(table: PageTable, page, report: BuildReport, digests: dict[str, str], memo: dict) -> Callable[[], bytes]:
    """A page that shows the build report (made after every other page, which may add to
    the report): made again only when the report or an article it shows changed. The
    curator's page of a national knowledge base is megabytes."""
    def make() -> bytes:
        shown = page.kind.report_articles(report) if page.kind.report_articles else sorted(digests)
        key = digest(page.path, page.kind.template, report.problems, report.as_dict(), [digests.get(i) for i in shown])
        last = memo.get(page.path)
        if last is not None and last[0] == key:
            return last[1]
        data = table.render(page).encode("utf-8")
        memo[page.path] = (key, data)
        return data
    return make


def _utf8(function: Callable, *args) -> Callable[[], bytes]:
    return lambda: function(*args).encode("utf-8")


class PageFailed(Exception):
    """A page failed where the guard could not see it (a worker process): its one-line reason."""


class PageGuard:
    """Makes a file so that its failure is reported and the rest of the site still built.

    A page that raises is replaced by a short page that says so (links to it keep
    working, `mkdocs build --strict` stays green), and its failure goes into the
    report under the seed file it came from. `failed` lists what failed, so that
    the next build tries it again."""

    def __init__(self, report: BuildReport):
        self.report = report
        self.failed: set[str] = set()

    def wrap(self, outputs: list[Output]) -> list[Output]:
        return [Output(o.path, self._guarded(o), o.key, o.source) for o in outputs]

    def _guarded(self, o: Output) -> Callable[[], Content]:
        def make() -> Content:
            try:
                return o.make()
            except PageFailed as exc:
                return self._fallback(o, str(exc))
            except Exception as exc:  # noqa: BLE001 - one page must not stop the site
                return self._fallback(o, one_line(exc))
        return make

    def _fallback(self, o: Output, failure: str) -> bytes:
        self.failed.add(o.path)
        self.report.problems.append(Problem(o.source or o.path, f"halaman {o.path} tidak dapat dibuat ({failure})", stage="render"))
        return fallback_page(o.path, failure)


def fallback_page(path: str, failure: str) -> bytes:
    """What stands in for a page that failed: valid for its kind of file, and saying why (in Indonesian)."""
    if path.endswith(".md"):
        reason = json.dumps(failure, ensure_ascii=True)
        return (f"---\ntitle: Halaman tidak dapat dibuat\nkb_failed: {reason}\n---\n\n"
                "# Halaman tidak dapat dibuat\n\n"
                "Pembangkit gagal membuat halaman ini; bagian lain situs tetap dibangun. "
                "Rinciannya ada di catatan kurasi.\n").encode("utf-8")
    if path.endswith(".xml"):
        return b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>-</title><link>-</link><description>-</description></channel></rss>\n'
    if path.endswith(".json"):
        return b"{}\n"
    return b""
