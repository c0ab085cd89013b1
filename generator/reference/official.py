"""Official stunting prevalence of the national surveys (SSGI 2021, SSGI 2022, SKI 2023,
SSGI 2024): `data/official_prevalence.csv`, described with its sources in
`data/official_prevalence.md`.

These are facts of government surveys; the documents they were read from belong
to their publishers, credited by key in the `sources` column and listed in the
description. Where the file has no row the survey value is unknown here: pages
show nothing for it, never a guess (and never a news figure in its place).

Checked at build time against the region list (`regions.csv`): every code is a
region of the file with the same name and level, every source key is described,
and no survey of before the 2022 split of Papua has a row for the new Papua
provinces (SSGI 2021 and 2022 report the pre-split Papua and Papua Barat under
codes 91 and 92: `OfficialValue.pre_split`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .files import DataFileError, compiling, csv_rows
from .gazetteer import Gazetteer

NATIONAL = "00"
LEVELS = {"national": None, "province": ("provinsi",), "regency": ("kabupaten", "kota")}
SURVEYS = ("SSGI", "SKI")
CONFIDENCE = ("high", "medium")
# Papua and Papua Barat were split in 2022 (UU 14-16/2022, UU 29/2022), after SSGI 2022's
# fieldwork: their rows of earlier years are the provinces before the split.
SPLIT_YEAR = 2023
SPLIT_FROM = {"91": ("91", "93", "94", "95"), "92": ("92", "96")}
NEW_PROVINCES = frozenset(c for codes in SPLIT_FROM.values() for c in codes if c not in SPLIT_FROM)
_SOURCE_KEY = re.compile(r"^\|\s*`([a-z0-9_]+)`\s*\|", re.M)


@dataclass(frozen=True)
class OfficialValue:
    """One survey's stunting prevalence of one area, as published."""

    code: str  # "00" for Indonesia, else a province or kabupaten/kota code
    level: str  # national | province | regency
    name: str
    survey: str  # SSGI | SKI
    year: int
    prevalence: float  # percent
    confidence: str  # high | medium
    sources: tuple[str, ...]  # keys described in official_prevalence.md
    notes: str = ""

    @property
    def label(self) -> str:
        """'SSGI 2021', 'SKI 2023'."""
        return f"{self.survey} {self.year}"

    @property
    def pre_split(self) -> bool:
        """A value of Papua or Papua Barat before the 2022 split: of a larger area than today's province."""
        return self.level == "province" and self.code in SPLIT_FROM and self.year < SPLIT_YEAR


@dataclass(frozen=True)
class OfficialPrevalence:
    values: tuple[OfficialValue, ...]  # in file order
    sources: tuple[str, ...]  # every key the description credits
    by_code: dict[str, tuple[OfficialValue, ...]]  # area code -> its values, oldest survey first
    file_text: str = ""  # the CSV file as shipped (the site's download)
    description: str = ""  # official_prevalence.md: the sources, credited

    @classmethod
    def load(cls, path: Path, description: Path, gaz: Gazetteer) -> "OfficialPrevalence":
        columns = ("level", "code", "name", "survey", "year", "prevalence", "confidence", "sources")
        rows = csv_rows(path, columns, optional=("notes",))
        try:
            described = description.read_text(encoding="utf-8")
            file_text = path.read_bytes().decode("utf-8")  # as shipped, line endings included
        except (OSError, UnicodeDecodeError) as exc:
            raise DataFileError(f"{exc.filename if isinstance(exc, OSError) else description}: cannot be read ({exc})") from exc
        credited = tuple(dict.fromkeys(_SOURCE_KEY.findall(described)))
        values = []
        with compiling(path):
            for level, code, name, survey, year, prevalence, confidence, sources, note in rows:
                values.append(OfficialValue(code, level, name, survey, int(year), float(prevalence), confidence,
                                            tuple(s.strip() for s in sources.split(";") if s.strip()), note))
        _check(path, values, set(credited), gaz)
        by_code: dict[str, list[OfficialValue]] = {}
        for v in values:
            by_code.setdefault(v.code, []).append(v)
        return cls(tuple(values), credited,
                   {code: tuple(sorted(vs, key=lambda v: v.year)) for code, vs in sorted(by_code.items())},
                   file_text, described)

    def series(self, code: str) -> tuple[OfficialValue, ...]:
        """An area's values, oldest survey first (empty where the file has none)."""
        return self.by_code.get(code, ())

    @property
    def national(self) -> tuple[OfficialValue, ...]:
        return self.series(NATIONAL)

    def national_of(self, survey: str, year: int) -> OfficialValue | None:
        return next((v for v in self.national if v.survey == survey and v.year == year), None)

    @property
    def surveys(self) -> tuple[tuple[str, int], ...]:
        """Every survey of the file, oldest first: ("SSGI", 2021), ..."""
        return tuple(sorted({(v.survey, v.year) for v in self.values}, key=lambda s: (s[1], s[0])))

    def provinces_of(self, survey: str, year: int) -> dict[str, OfficialValue]:
        """Province code -> its value in one survey."""
        return {v.code: v for v in self.values if v.level == "province" and v.survey == survey and v.year == year}

    def map_survey(self, provinces: int) -> tuple[str, int] | None:
        """The survey the map shows: the newest one with a value for at least half of the
        `provinces` (SSGI 2024 is published for 36 provinces, but the file holds 7 of them:
        a map of 31 grey provinces would answer no one)."""
        for survey, year in reversed(self.surveys):
            if len(self.provinces_of(survey, year)) * 2 >= provinces:
                return survey, year
        return None


def _check(path: Path, values: list[OfficialValue], credited: set[str], gaz: Gazetteer) -> None:
    seen: set[tuple[str, str, int]] = set()
    for v in values:
        where = f"{path}: {v.code} {v.label}"
        if v.level not in LEVELS:
            raise DataFileError(f"{where}: level {v.level!r} is not one of {', '.join(LEVELS)}")
        if v.survey not in SURVEYS:
            raise DataFileError(f"{where}: survey {v.survey!r} is not one of {', '.join(SURVEYS)}")
        if v.confidence not in CONFIDENCE:
            raise DataFileError(f"{where}: confidence {v.confidence!r} is not one of {', '.join(CONFIDENCE)}")
        if not 0 < v.prevalence < 100:
            raise DataFileError(f"{where}: prevalence {v.prevalence} is not a percentage")
        if v.level == "national":
            if v.code != NATIONAL:
                raise DataFileError(f"{where}: a national row has code {NATIONAL}")
        else:
            region = gaz.regions.get(v.code)
            if region is None:
                raise DataFileError(f"{where}: code is not in regions.csv")
            if region.kind not in LEVELS[v.level]:
                raise DataFileError(f"{where}: level {v.level} but regions.csv says {region.kind}")
            if region.name != v.name:
                raise DataFileError(f"{where}: name {v.name!r} but regions.csv says {region.name!r}")
            if v.level == "province" and v.code in NEW_PROVINCES and v.year < SPLIT_YEAR:
                raise DataFileError(f"{where}: {region.name} did not exist before the 2022 split of Papua "
                                    f"(its area is in the row of {', '.join(k for k, c in SPLIT_FROM.items() if v.code in c)})")
        if not v.sources:
            raise DataFileError(f"{where}: no source")
        uncredited = [s for s in v.sources if s not in credited]
        if uncredited:
            raise DataFileError(f"{where}: source {uncredited[0]!r} is not described in official_prevalence.md")
        key = (v.code, v.survey, v.year)
        if key in seen:
            raise DataFileError(f"{where}: two rows for the same area and survey")
        seen.add(key)
