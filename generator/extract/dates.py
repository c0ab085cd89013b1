"""The article's date, from the forms Indonesian news uses.

Order of trust: a publication date line ("Jumat, 10 Oktober 2025 17:11 WIB"),
then the first full date in the text ("Selasa (29/11/2022)", "3 Juni 2024"),
then a weekday with day/month and no year ("Rabu (12/6)"), whose year must be
the single year, among those the article speaks of, in which that day falls on
that weekday. A weekday that contradicts its date voids the date: no date is
better than a wrong one.
"""
from __future__ import annotations

import re
from datetime import date as Date

from ..model import Evidence

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "nopember": 11,
    "desember": 12, "des": 12, "dec": 12, "may": 5,
}
WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6, "ahad": 6}

_WD = r"(?P<wd>Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad)"
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_LONG = re.compile(r"(?:" + _WD + r",?\s*\(?\s*)?\b(?P<d>\d{1,2})\s+(?P<m>" + _MONTH_NAMES + r")\.?\s+(?P<y>(?:19|20)\d{2})\b", re.I)
_NUMERIC = re.compile(r"(?:" + _WD + r",?\s*)?\(\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:20)?\d{2})\s*\)", re.I)
_US_STAMP = re.compile(r"^\s*(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>20\d{2})\s+\d{1,2}:\d{2}\s*$", re.M)
_ISO = re.compile(r"\b(?P<y>20\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_NO_YEAR = re.compile(_WD + r"\s*\(\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})\s*\)", re.I)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")


def find_date(date_line: str | None, sentences: list[str]) -> tuple[Date | None, Evidence | None]:
    if date_line:
        for parse in (_parse_long, _parse_us_stamp, _parse_iso):
            d = parse(date_line)
            if d is not None:
                return d, Evidence(date_line, date_line)
    for s in sentences:
        for parse in (_parse_numeric, _parse_long):
            d = parse(s)
            if d is not None:
                return d, Evidence(s, _matched(s))
    text = " ".join(sentences)
    years = sorted({int(y) for y in _YEAR.findall(text)})
    for s in sentences:
        m = _NO_YEAR.search(s)
        if m:
            d = _infer_year(m, years)
            if d is not None:
                return d, Evidence(s, m.group(0))
    return None, None


def _matched(s: str) -> str:
    for rx in (_NUMERIC, _LONG):
        m = rx.search(s)
        if m:
            return m.group(0)
    return ""


def _make(y: int, m: int, d: int, weekday: str | None) -> Date | None:
    try:
        out = Date(y, m, d)
    except ValueError:
        return None
    if weekday and WEEKDAYS[weekday.lower()] != out.weekday():
        return None
    return out


def _parse_long(s: str) -> Date | None:
    m = _LONG.search(s)
    if not m:
        return None
    return _make(int(m["y"]), MONTHS[m["m"].lower()], int(m["d"]), m["wd"])


def _parse_numeric(s: str) -> Date | None:
    m = _NUMERIC.search(s)
    if not m:
        return None
    y = int(m["y"])
    return _make(y + 2000 if y < 100 else y, int(m["m"]), int(m["d"]), m["wd"])


def _parse_us_stamp(s: str) -> Date | None:
    m = _US_STAMP.search(s)
    return _make(int(m["y"]), int(m["m"]), int(m["d"]), None) if m else None


def _parse_iso(s: str) -> Date | None:
    m = _ISO.search(s)
    return _make(int(m["y"]), int(m["m"]), int(m["d"]), None) if m else None


def _infer_year(m: re.Match, years: list[int]) -> Date | None:
    fits = [d for y in years if (d := _make(y, int(m["m"]), int(m["d"]), m["wd"])) is not None]
    return fits[0] if len(fits) == 1 else None
