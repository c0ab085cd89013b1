"""A news web page -> a news item: trafilatura finds the article in the page's chrome and
reads its metadata (title, date via htmldate, site name, canonical URL)."""
from __future__ import annotations

import logging

import trafilatura

from .fetch import host, is_web_address
from .items import NewsItem, Skipped, TextTools, article_text, one_line, parse_date, without_tracking, word_count

# trafilatura logs every page it finds no article in; the importer says so itself.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def page_item(html: bytes | str, origin: str, tools: TextTools, fetched_from: str | None = None) -> NewsItem | Skipped:
    try:
        doc = trafilatura.bare_extraction(html, url=fetched_from, with_metadata=True, include_comments=False,
                                          include_tables=False, include_images=False, favor_precision=True)
    except Exception as exc:  # noqa: BLE001 - a page trafilatura cannot parse is one skipped source
        return Skipped(origin, f"halaman tidak bisa dibaca ({type(exc).__name__})")
    if doc is None or not doc.text:
        return Skipped(origin, "tidak ada artikel di halaman")
    title = one_line(doc.title)
    text = article_text(doc.text, title, tools)
    words = word_count(text)
    if words < tools.sources.min_words:
        return Skipped(origin, f"tidak ada artikel di halaman (hanya {words} kata)")
    return NewsItem(
        text=text,
        origin=origin,
        title=title,
        date=parse_date(doc.date, tools.calendar),
        url=_article_url(doc.url, fetched_from, tools.sources.tracking_parameters),
        outlet=one_line(doc.sitename) or (host(fetched_from) if fetched_from else None),
    )


def _article_url(canonical: str | None, fetched_from: str | None, tracking: frozenset[str]) -> str | None:
    """The page's canonical address when it names one on the same site (a copy elsewhere
    is not the original), else where it was fetched."""
    if canonical and is_web_address(canonical):
        if fetched_from is None or host(canonical).removeprefix("www.") == host(fetched_from).removeprefix("www."):
            return without_tracking(canonical, tracking)
    return without_tracking(fetched_from, tracking) if fetched_from else None
