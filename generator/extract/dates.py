"""The article's date, from the forms Indonesian news uses.

Order of trust: a publication date line ("Jumat, 10 Oktober 2025 17:11 WIB"),
then the first full date in the text ("Selasa (29/11/2022)", "3 Juni 2024"),
then a weekday with day/month and no year ("Rabu (12/6)"), whose year must be
the single year, among those the article speaks of, in which that day falls on
that weekday. A weekday that contradicts its date voids the date: no date is
better than a wrong one.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date as Date

from ..model import Evidence
from ..reference.calendar import Calendar

_US_STAMP = re.compile(r"^\s*(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>20\d{2})\s+\d{1,2}:\d{2}\s*$", re.M)
_ISO = re.compile(r"\b(?P<y>20\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")


@dataclass(frozen=True)
class _Forms:
    """The date forms, with the calendar's words."""

    long: re.Pattern  # "Selasa, 3 Juni 2024"
    numeric: re.Pattern  # "Selasa (29/11/2022)"
    no_year: re.Pattern  # "Rabu (12/6)"


@functools.lru_cache(maxsize=4)
def _forms(months: str, weekdays: str) -> _Forms:
    wd = r"(?P<wd>" + weekdays + r")"
    return _Forms(
        long=re.compile(r"(?:" + wd + r",?\s*\(?\s*)?\b(?P<d>\d{1,2})\s+(?P<m>" + months + r")\.?\s+(?P<y>(?:19|20)\d{2})\b", re.I),
        numeric=re.compile(r"(?:" + wd + r",?\s*)?\(\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:20)?\d{2})\s*\)", re.I),
        no_year=re.compile(wd + r"\s*\(\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})\s*\)", re.I),
    )


def find_date(date_line: str | None, sentences: list[str], calendar: Calendar) -> tuple[Date | None, Evidence | None]:
    forms = _forms(calendar.month_pattern, calendar.weekday_pattern)
    if date_line:
        for parse in (_parse_long, _parse_us_stamp, _parse_iso):
            d = parse(date_line, forms, calendar)
            if d is not None:
                return d, Evidence(date_line, date_line)
    for s in sentences:
        for parse in (_parse_numeric, _parse_long):
            d = parse(s, forms, calendar)
            if d is not None:
                return d, Evidence(s, _matched(s, forms))
    text = " ".join(sentences)
    years = sorted({int(y) for y in _YEAR.findall(text)})
    for s in sentences:
        m = forms.no_year.search(s)
        if m:
            d = _infer_year(m, years, calendar)
            if d is not None:
                return d, Evidence(s, m.group(0))
    return None, None


def year_inferred(evidence: Evidence | None, calendar: Calendar) -> bool:
    """Whether a date found by `find_date` has a year the text did not give: a weekday with
    day/month only ("Rabu (12/6)"), dated in the year whose calendar fits the weekday."""
    forms = _forms(calendar.month_pattern, calendar.weekday_pattern)
    return evidence is not None and forms.no_year.fullmatch(evidence.cue) is not None


def _matched(s: str, forms: _Forms) -> str:
    for rx in (forms.numeric, forms.long):
        m = rx.search(s)
        if m:
            return m.group(0)
    return ""


def _make(y: int, m: int, d: int, weekday: str | None, calendar: Calendar) -> Date | None:
    try:
        out = Date(y, m, d)
    except ValueError:
        return None
    if weekday and calendar.weekdays[weekday.lower()] != out.weekday():
        return None
    return out


def _parse_long(s: str, forms: _Forms, calendar: Calendar) -> Date | None:
    m = forms.long.search(s)
    if not m:
        return None
    return _make(int(m["y"]), calendar.months[m["m"].lower()], int(m["d"]), m["wd"], calendar)


def _parse_numeric(s: str, forms: _Forms, calendar: Calendar) -> Date | None:
    m = forms.numeric.search(s)
    if not m:
        return None
    y = int(m["y"])
    return _make(y + 2000 if y < 100 else y, int(m["m"]), int(m["d"]), m["wd"], calendar)


def _parse_us_stamp(s: str, forms: _Forms, calendar: Calendar) -> Date | None:
    m = _US_STAMP.search(s)
    return _make(int(m["y"]), int(m["m"]), int(m["d"]), None, calendar) if m else None


def _parse_iso(s: str, forms: _Forms, calendar: Calendar) -> Date | None:
    m = _ISO.search(s)
    return _make(int(m["y"]), int(m["m"]), int(m["d"]), None, calendar) if m else None


def _infer_year(m: re.Match, years: list[int], calendar: Calendar) -> Date | None:
    fits = [d for y in years if (d := _make(y, int(m["m"]), int(m["d"]), m["wd"], calendar)) is not None]
    return fits[0] if len(fits) == 1 else None
