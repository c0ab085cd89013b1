"""What every kind of source gives the importer: news items, or a reason to skip."""
from __future__ import annotations

import datetime as dt
import email.utils
import re
import urllib.parse
from dataclasses import dataclass

from ..extract import dates
from ..extract.text import article_lines
from ..reference.calendar import Calendar
from ..reference.sources import SourceRules
from ..reference.text import TextRules
from ..sanitize import clean_text


@dataclass(frozen=True)
class NewsItem:
    """An article as its source states it."""

    text: str
    origin: str  # where it came from, for messages: a file, a URL, "berita.csv baris 12"
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Skipped:
    origin: str
    reason: str


@dataclass(frozen=True)
class Expected:
    """A source's word on how many items it is about to yield (for the progress bar)."""

    count: int


# What a source yields, one at a time.
Found = NewsItem | Skipped | Expected


@dataclass(frozen=True)
class TextTools:
    """The rules the importer cleans text and reads dates with."""

    sources: SourceRules
    text: TextRules
    calendar: Calendar


_DMY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-]((?:19|20)\d{2})\b")
_ISO = re.compile(r"^\s*((?:19|20)\d{2})-(\d{2})-(\d{2})")


def parse_date(value: object, calendar: Calendar) -> dt.date | None:
    """A publication date as datasets and pages write it: a date or datetime, ISO 8601,
    RFC 2822 ("Mon, 03 Jun 2024 02:15:00 GMT"), day first ("03/06/2024"), or as Indonesian
    news writes it ("Senin, 3 Juni 2024 10:15 WIB")."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    for pattern, order in ((_ISO, (0, 1, 2)), (_DMY, (2, 1, 0))):
        m = pattern.match(value)
        if m:
            parts = [int(g) for g in m.groups()]
            try:
                return dt.date(parts[order[0]], parts[order[1]], parts[order[2]])
            except ValueError:
                return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    found, _ = dates.find_date(value, [], calendar)
    return found


def article_text(text: str, title: str | None, tools: TextTools) -> str:
    """The article's own text: paragraphs separated by a blank line, without the page's
    furniture, the headline repeated above it or a line that only gives the date."""
    lines = [ln for ln in article_lines(clean_text(text), tools.text) if not tools.sources.page_line.match(ln)]
    paragraphs = [" ".join(ln.split()) for ln in lines if ln.strip()]
    head = _comparable(title or "")
    while paragraphs and (_comparable(paragraphs[0]) == head or tools.text.date_line.match(paragraphs[0])):
        paragraphs.pop(0)
    return "\n\n".join(paragraphs)


def word_count(text: str) -> int:
    return len(text.split())


def _comparable(line: str) -> str:
    return " ".join(re.findall(r"\w+", line.lower()))


def one_line(value: object) -> str | None:
    """A title or outlet as one clean line, or None."""
    if value is None:
        return None
    line = " ".join(clean_text(str(value)).split())
    return line or None


def without_tracking(url: str, tracking: frozenset[str]) -> str:
    """The address without its fragment and the parameters that only say where a reader
    came from ("?utm_source=rss")."""
    parts = urllib.parse.urlsplit(url.strip())
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in tracking and not k.lower().startswith("utm_")]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query), fragment=""))
