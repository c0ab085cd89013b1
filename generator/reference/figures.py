"""How figures are recognised (`data/figures.yml`), compiled."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .files import compiling, yaml_mapping


_NUM = r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
_NOT_BEFORE = r"(?<![\w/.,:-])"
_NOT_AFTER = r"(?![\w/]|[.,:]\d)"


def _any(words: list[str]) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")(?!\w)", re.I)


@dataclass(frozen=True)
class FigureRules:
    """The words of data/figures.yml, compiled."""

    subject_kind: dict[str, str]  # counted noun (lower case) -> kind
    count: re.Pattern
    word_count: re.Pattern
    percent: re.Pattern
    money: re.Pattern
    multipliers: dict[str, float]
    word_numbers: dict[str, int]
    stunted_after: re.Pattern
    reach: re.Pattern
    target: re.Pattern
    below_with_year: re.Pattern
    prevalence: re.Pattern
    change: re.Pattern
    per_unit: re.Pattern
    since: re.Pattern
    total: re.Pattern
    change_from: re.Pattern  # right before the value before a change
    change_to: re.Pattern  # right after it
    national: re.Pattern
    several: re.Pattern
    other_rate: re.Pattern  # a rate of something else than stunting ("pertumbuhan ekonomi")
    year: re.Pattern  # a year a figure refers to: "pada 2023", "tahun 2024", a bare 2020s year

    @classmethod
    def load(cls, path: Path) -> "FigureRules":
        raw = yaml_mapping(path)
        with compiling(path):
            kinds = {str(noun).lower(): kind for kind, nouns in raw["subjects"].items() for noun in nouns}
            nouns = "|".join(sorted((re.escape(n).replace(r"\ ", r"\s+") for n in kinds), key=len, reverse=True))
            mults = {str(k).lower(): float(v) for k, v in raw["multipliers"].items()}
            words = {str(k).lower(): int(v) for k, v in raw["word_numbers"].items()}
            mult = r"(?:\s*(?P<mult>" + "|".join(sorted(mults, key=len, reverse=True)) + r")(?!\w))?"
            return cls(
                subject_kind=kinds,
                count=re.compile(_NOT_BEFORE + r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)" + _NOT_AFTER + mult
                                 + r"\s+(?:orang\s+|unit\s+|buah\s+|ekor\s+)?(?P<subj>" + nouns + r")(?!\w)", re.I),
                word_count=re.compile(r"(?<!\w)(?P<word>" + "|".join(words) + r")\s+(?:orang\s+)?(?P<subj>" + nouns + r")(?!\w)", re.I),
                percent=re.compile(_NOT_BEFORE + _NUM + r"\s*(?:persen|%)(?!\w)", re.I),
                money=re.compile(r"(?<!\w)Rp\.?\s*" + _NUM + mult, re.I),
                multipliers=mults,
                word_numbers=words,
                stunted_after=re.compile(r"\s*(?:" + "|".join(raw["stunted_after"]) + ")", re.I),
                reach=_any(raw["reach"]),
                target=_any(raw["target"]),
                below_with_year=re.compile(raw["below_with_year"] + r"\s*$", re.I),
                prevalence=_any(raw["prevalence"]),
                change=re.compile(r"(?<!\w)(?:" + "|".join(raw["change"]) + r")\s+(?:sebesar\s+|sekitar\s+)?$", re.I),
                per_unit=re.compile(r"^\W{0,3}(?:\s*\w+){0,3}?\s*(?:" + "|".join(raw["per_unit"]) + r")(?!\w)", re.I),
                since=re.compile(raw["since"], re.I),
                total=re.compile(raw["total"], re.I),
                change_from=re.compile(r"(?<!\w)(?:" + raw["change_from"] + r")\s+$", re.I),
                change_to=re.compile(r"\s+(?:[\w-]+\s+){0,3}?(?:" + "|".join(raw["change_to"]) + r")\s", re.I),
                national=re.compile(r"(?<!\w)(?:" + "|".join(raw["national"]) + r")(?!\w)"),
                several=_any(raw["several"]),
                other_rate=re.compile(r"\b(?:" + "|".join(raw["other_rates"]) + r")\b", re.I),
                year=re.compile(r"(?:" + "|".join(raw["year_words"]) + r")\s+(?P<y>(?:19|20)\d{2})(?!\d)"
                                r"|(?<![\d/.,])(?P<y2>20[0-4]\d)(?![\d/])", re.I),
            )
