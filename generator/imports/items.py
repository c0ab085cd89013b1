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
from ..sanitize import clean_text, without_mojibake
from .boilerplate import Boilerplate


@dataclass(frozen=True)
class NewsItem:
    """An article as its source states it."""

    text: str
    origin: str  # where it came from, for messages: a file, a URL, "berita.csv baris 12"
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    source: str = ""  # the file or address given (a folder's file), for the summary per file
    note: str | None = None  # what was repaired on the way ("byte bukan UTF-8 diperbaiki")


# Why an item is not imported: the summary counts per kind, the log says the rest.
EMPTY = "teks kosong"
TOO_SHORT = "terlalu pendek"
NOT_INDONESIAN = "bukan bahasa Indonesia"
NOT_ARTICLE = "bukan artikel"
BROKEN_ROW = "baris rusak"
REFUSED = "berkas ditolak"
BEFORE_SINCE = "sebelum --since"
UNREACHABLE = "tidak bisa diambil"
OTHER = "lain"


@dataclass(frozen=True)
class Skipped:
    origin: str
    reason: str
    kind: str = OTHER
    source: str = ""


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
    boilerplate: Boilerplate


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
                break  # "10/21/2025 20:43" is month first: the forms below know it
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    found, _ = dates.find_date(value, [], calendar)
    return found


# Line and paragraph separators that only Unicode knows (a JSON string may hold them):
# ordinary characters of the text, made the line breaks (or space) they stand for.
_SEPARATORS = str.maketrans({"\u2028": "\n", "\u2029": "\n\n", "\x85": " "})
_DATELINE = re.compile(r"^([A-Z][^.!?]{1,78}?)\s(?:-{1,3}|–|—)\s")


def article_text(text: str, title: str | None, tools: TextTools) -> str:
    """The article's own text: paragraphs separated by a blank line, without the page's
    furniture (data/boilerplate.yml, then the text rules), the headline repeated above it
    or a line that only gives the date."""
    return article(text, title, tools)[0]


def article(text: str, title: str | None, tools: TextTools) -> tuple[str, dt.date | None]:
    """`article_text`, and the date its dateline gives ("SIGI, Senin (3/6/2024) - ...", or a
    date line above the text): never a year the text merely mentions."""
    text = tools.boilerplate.strip(clean_text(without_mojibake(text.translate(_SEPARATORS))))
    lines = [ln for ln in article_lines(text, tools.text) if not tools.sources.page_line.match(ln)]
    paragraphs = [" ".join(ln.split()) for ln in lines if ln.strip()]
    head = _comparable(title or "")
    date_lines = []
    while paragraphs and (_comparable(paragraphs[0]) == head or tools.text.date_line.match(paragraphs[0])):
        first = paragraphs.pop(0)
        if tools.text.date_line.match(first):
            date_lines.append(first)
    return "\n\n".join(paragraphs), dateline_date(date_lines, paragraphs[:1], tools.calendar)


def dateline_date(date_lines: list[str], first: list[str], calendar: Calendar) -> dt.date | None:
    for line in date_lines:
        found = parse_date(line, calendar)
        if found:
            return found
    m = _DATELINE.match(first[0]) if first else None
    # Only a dateline before the dash ("KENDARI, Rabu (12/3/2025) -"): places and a date, not a clause.
    if m and sum(w[0].islower() for w in m.group(1).split()) <= 2:
        found, _ = dates.find_date(None, [m.group(1)], calendar)
        return found
    return None




def looks_indonesian(text: str, rules: SourceRules) -> bool:
    """Enough of Indonesian's commonest words: an English or Malay-free list of names is not."""
    words = re.findall(r"[a-z]+", text.lower())
    if not words:
        return False
    return sum(w in rules.indonesian_words for w in words) / len(words) >= rules.min_indonesian_share


def looks_like_listing(text: str) -> bool:
    """Many short lines and few sentences: a list of headlines or links, not running text."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if len(paragraphs) < 8:
        return False
    running = sum(len(p) for p in paragraphs if p.rstrip().endswith((".", "!", "?", "\"", "”")) or len(p) > 200)
    return running < 0.3 * sum(len(p) for p in paragraphs)


def word_count(text: str) -> int:
    return len(text.split())


def _comparable(line: str) -> str:
    return " ".join(re.findall(r"\w+", line.lower()))


def one_line(value: object) -> str | None:
    """A title or outlet as one clean line, or None."""
    if value is None:
        return None
    line = " ".join(clean_text(without_mojibake(str(value))).split())
    return line or None


def without_tracking(url: str, tracking: frozenset[str]) -> str:
    """The address without its fragment and the parameters that only say where a reader
    came from ("?utm_source=rss")."""
    parts = urllib.parse.urlsplit(url.strip())
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in tracking and not k.lower().startswith("utm_")]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query), fragment=""))
