"""Feeds of the newest articles: RSS 2.0 and JSON Feed 1.1, from the model.

Deterministic: items are ordered by date then id, and no build time is
written. Links are absolute when the site's URL is known (`site_url`),
relative to the site root otherwise.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from email.utils import format_datetime
from datetime import datetime, timezone

from .. import urls
from ..config import SiteSettings
from ..excerpts import excerpts
from ..index import KnowledgeBase, newest_first
from ..model import Article

FEED_SIZE = 50
TITLE = "Basis Pengetahuan Penurunan Stunting"
DESCRIPTION = "Artikel terbaru tentang upaya penurunan stunting di Indonesia"


@dataclass(frozen=True)
class FeedItem:
    id: str
    title: str
    url: str
    date: str | None  # ISO date
    rfc822: str | None
    summary: str
    tags: tuple[str, ...]


def items(kb: KnowledgeBase, articles: list[Article], settings: SiteSettings) -> list[FeedItem]:
    site_url, directory_urls = settings.site_url, settings.directory_urls
    out = []
    # Feeds are chronological, whatever order a page lists the articles in.
    for a in sorted(articles, key=lambda a: (*newest_first(a.date), a.id))[:FEED_SIZE]:
        page = urls.page_url(urls.article(a.slug), directory_urls)
        tags = [t.region.name for t in (*a.provinces, *a.regencies)]
        tags += [kb.taxonomy.label("programmes", t.id) for t in a.programmes]
        stamp = datetime(a.date.year, a.date.month, a.date.day, tzinfo=timezone.utc) if a.date else None
        out.append(FeedItem(a.id, a.title, _absolute(site_url, page), a.date.isoformat() if a.date else None,
                            format_datetime(stamp) if stamp else None, excerpts(a, settings.full_text).lead[:500], tuple(tags)))
    return out


def _absolute(site_url: str, path: str) -> str:
    return (site_url.rstrip("/") + "/" + path) if site_url else path


def rss(renderer, kb: KnowledgeBase, articles: list[Article], settings: SiteSettings,
        title: str = TITLE, path: str = urls.FEED_RSS) -> str:
    site_url = settings.site_url
    return renderer.xml("xml/feed.xml.j2",
        title=title, description=DESCRIPTION, home=_absolute(site_url, ""), self_url=_absolute(site_url, path) if site_url else "",
        items=items(kb, articles, settings))


def json_feed(kb: KnowledgeBase, articles: list[Article], settings: SiteSettings) -> str:
    site_url = settings.site_url
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": TITLE,
        "description": DESCRIPTION,
        "language": "id",
        "home_page_url": _absolute(site_url, ""),
        "items": [
            {"id": i.id, "url": i.url, "title": i.title, "content_text": i.summary, "tags": list(i.tags),
             **({"date_published": f"{i.date}T00:00:00Z"} if i.date else {})}
            for i in items(kb, articles, settings)
        ],
    }
    if site_url:
        doc["feed_url"] = _absolute(site_url, urls.FEED_JSON)
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
