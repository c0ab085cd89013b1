"""Months and weekdays as news writes them and as the site shows them (`data/calendar.yml`)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .files import DataFileError, compiling, yaml_mapping


@dataclass(frozen=True)
class Calendar:
    months: dict[str, int]  # any written form (lower case) -> month number
    weekdays: dict[str, int]  # any written form (lower case) -> weekday, Monday 0
    month_names: tuple[str, ...]  # as the site shows them, January first
    month_pattern: str  # an alternation of the months' written forms
    weekday_pattern: str  # an alternation of the weekdays' written forms
    date_line_words: tuple[str, ...]

    @classmethod
    def load(cls, path: Path) -> "Calendar":
        raw = yaml_mapping(path)
        with compiling(path):
            months = {str(w).lower(): n for n, m in enumerate(raw["months"], start=1) for w in m["written"]}
            weekdays = {str(w).lower(): n for n, d in enumerate(raw["weekdays"]) for w in d["written"]}
            names = tuple(str(m["name"]) for m in raw["months"])
            words = tuple(str(w) for w in raw["date_line_words"])
        if len(names) != 12 or len(raw["weekdays"]) != 7:
            raise DataFileError(f"{path}: expected 12 months and 7 weekdays")
        return cls(months, weekdays, names, _alternation(months), _alternation(weekdays), words)

    def date(self, d) -> str:
        """'3 Juni 2024'."""
        return f"{d.day} {self.month_names[d.month - 1]} {d.year}"


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
