"""A news web page -> a news item: trafilatura finds the article in the page's chrome and
reads its metadata (title, date via htmldate, site name, canonical URL)."""
from __future__ import annotations

import logging
import re

import trafilatura
from trafilatura.utils import load_html

from .fetch import host, is_web_address
from .items import (NOT_ARTICLE, NOT_INDONESIAN, REFUSED, NewsItem, Skipped, TextTools, article, looks_indonesian, one_line,
                    parse_date, without_tracking, word_count)

# A page whose text is mostly the texts of its links is an index (a front page, a section or
# tag page, search results): at least this many links and this share of the text in them.
INDEX_LINKS = 10
INDEX_LINK_SHARE = 0.5
# The date only from what the page states about itself (meta tags, JSON-LD, its address,
# <time>), never guessed from a year in its text.
DATE_PARAMS = {"extensive_search": False, "original_date": True}

# trafilatura logs every page it finds no article in; the importer says so itself.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def page_item(html: bytes | str, origin: str, tools: TextTools, fetched_from: str | None = None) -> NewsItem | Skipped:
    tree = _tree(html)
    most = tools.sources.limits.max_page_elements
    if tree is not None and sum(1 for _ in tree.iter()) > most:
        # trafilatura's time grows faster than the page: a 5 MB page of 90,000 paragraphs takes a minute.
        return Skipped(origin, f"halaman dengan lebih dari {most} elemen HTML (batas limits.max_page_elements di "
                               "generator/data/import.yml, atau opsi --limit); tidak dibaca", REFUSED)
    try:
        doc = trafilatura.bare_extraction(html, url=fetched_from, with_metadata=True, include_comments=False,
                                          include_tables=False, include_images=False, favor_precision=True,
                                          date_extraction_params=DATE_PARAMS)
    except Exception as exc:  # noqa: BLE001 - a page trafilatura cannot parse is one skipped source
        return Skipped(origin, f"halaman tidak bisa dibaca ({type(exc).__name__})", REFUSED)
    links, link_share = _links(tree, doc.text if doc is not None else "")
    title = one_line(doc.title) if doc is not None else None
    text, dateline = article(doc.text, title, tools) if doc is not None and doc.text else ("", None)
    words = word_count(text)
    if links >= INDEX_LINKS and (link_share >= INDEX_LINK_SHARE or words < tools.sources.min_words):
        return Skipped(origin, f"bukan artikel: halaman indeks, rubrik atau pencarian ({links} tautan, "
                               f"{words} kata teks berjalan)", NOT_ARTICLE)
    if words < tools.sources.min_words:
        return Skipped(origin, f"tidak ada artikel di halaman (hanya {words} kata)", NOT_ARTICLE)
    if not looks_indonesian(text, tools.sources):
        return Skipped(origin, "teks bukan bahasa Indonesia", NOT_INDONESIAN)
    return NewsItem(
        text=text,
        origin=origin,
        title=title,
        date=parse_date(doc.date, tools.calendar) or dateline,
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


def _tree(html: bytes | str):
    """The page as trafilatura parses it (an lxml tree), or None."""
    try:
        return load_html(html)
    except Exception:  # noqa: BLE001 - a page lxml cannot parse is read by trafilatura, or skipped
        return None


def _links(tree, extracted: str) -> tuple[int, float]:
    """How many links the page has, and the share of the extracted text that is link text
    (teasers of other articles rather than an article's own sentences)."""
    if tree is None:
        return 0, 0.0
    texts = [" ".join(a.text_content().split()) for a in tree.iter("a")]
    texts = [t for t in texts if len(t) >= 3]
    if not texts:
        return 0, 0.0
    if not extracted.strip():
        return len(texts), 1.0
    linked = set(texts)
    lines = [" ".join(ln.split()) for ln in extracted.split("\n") if ln.strip()]
    # Link texts inside a line are looked for only on pages of ordinary size (time stays bounded).
    deep = len(linked) * len(lines) <= 200_000
    in_links = sum(len(ln) for ln in lines if ln in linked or deep and _only_links(ln, linked))
    return len(texts), in_links / max(1, sum(len(ln) for ln in lines))


def _only_links(line: str, linked: set[str]) -> bool:
    rest = line
    for t in linked:
        if t in rest:
            rest = rest.replace(t, " ")
    return len(re.sub(r"[\W_]+", "", rest)) < 0.2 * len(line)
