"""RSS and Atom feeds -> the articles they link to. feedparser reads only the bytes it is
given: it never fetches anything itself here."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import feedparser

from .fetch import is_web_address


class NotAFeed(Exception):
    pass


@dataclass(frozen=True)
class FeedEntry:
    link: str | None
    title: str | None
    date: dt.date | None
    content: str  # what the feed itself carries of the article (often a summary)


def looks_like_feed(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in body[:4096].lower() or b"<feed" in body[:4096].lower()) \
        or head.startswith((b"<rss", b"<feed", b"<rdf"))


def entries(body: bytes) -> list[FeedEntry]:
    parsed = feedparser.parse(body)
    if not parsed.get("version") or (parsed.get("bozo") and not parsed.entries):
        raise NotAFeed("bukan feed RSS/Atom")
    found = []
    for e in parsed.entries:
        link = e.get("link")
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        content = " ".join(c.get("value", "") for c in e.get("content") or []) or e.get("summary", "")
        found.append(FeedEntry(
            link=link if isinstance(link, str) and is_web_address(link) else None,
            title=e.get("title"),
            date=dt.date(*stamp[:3]) if stamp else None,
            content=content,
        ))
    return found
