"""What the site shows besides the articles: its words for ids (`data/site.yml`), the
glossary (`data/glossary.yml`), the search language's words (`data/search_id.yml`),
the province tile map's layout (`data/tilemap.csv`) and the words of the rule of which
news figures leave their article's page (`data/publish.yml`)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .files import DataFileError, compiling, csv_rows, yaml_mapping
from .gazetteer import Gazetteer

# Kinds every figure rule set has besides its counted nouns' (extract/figures.py).
BUILT_IN_FIGURE_KINDS = ("prevalence", "target", "budget", "unit-cost", "count")


@dataclass(frozen=True)
class SiteWords:
    """The words readers see for the generator's ids."""

    sections: dict[str, str]  # section id (urls.SECTIONS) -> its name
    relevance: dict[str, str]  # relevance level -> how an article page states it
    figure_kinds: dict[str, str]
    figure_basis: dict[str, str]  # "since" | "before" | "after" -> how a figure's year reads

    @classmethod
    def load(cls, path: Path) -> "SiteWords":
        raw = yaml_mapping(path)
        with compiling(path):
            words = cls(**{key: {str(k): str(v) for k, v in raw[key].items()}
                           for key in ("sections", "relevance", "figure_kinds", "figure_basis")})
        missing = {"relevance": {"effort", "mention", "none"} - set(words.relevance),
                   "figure_basis": {"since", "before", "after"} - set(words.figure_basis),
                   "sections": {"other"} - set(words.sections)}
        for key, ids in missing.items():
            if ids:
                raise DataFileError(f"{path}: {key}: no words for {', '.join(sorted(ids))}")
        return words

    def section(self, section_id: str) -> str:
        return self.sections.get(section_id, self.sections["other"])


@dataclass(frozen=True)
class PublishingWords:
    """What the publishing rule of news figures needs to know (`data/publish.yml`); the
    rule itself is `index.shown_beyond_article`."""

    vague_subjects: frozenset[str] = frozenset()  # counted nouns that say too little alone ("anak")
    min_budget_idr: float = 1_000_000
    money_words: re.Pattern | None = None  # what makes money a stunting figure; None: any

    @classmethod
    def load(cls, path: Path) -> "PublishingWords":
        raw = yaml_mapping(path)
        with compiling(path):
            words = [str(w) for w in raw.get("money_words") or ()]
            rule = cls(frozenset(str(w).lower() for w in raw.get("vague_subjects") or ()),
                       float(raw["min_budget_idr"]),
                       re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.I) if words else None)
        if rule.min_budget_idr < 0:
            raise DataFileError(f"{path}: min_budget_idr must not be negative")
        return rule


# A term the glossary's tooltip syntax can hold.
_TERM = re.compile(r"^[\w][\w .-]*$")


def load_glossary(path: Path) -> dict[str, str]:
    """Glossary terms -> their meaning, sorted; a term the tooltip syntax cannot hold is left out."""
    raw = yaml_mapping(path)
    return {str(k): str(v) for k, v in sorted(raw.items(), key=lambda kv: str(kv[0]).lower()) if _TERM.match(str(k))}


def load_search_words(path: Path, gaz: Gazetteer) -> dict[str, list[str]]:
    """Roots, protected words (ours and every place name's words) and stop words for the search."""
    raw = yaml_mapping(path)
    with compiling(path):
        words = {key: set(str(raw.get(key) or "").lower().split()) for key in ("roots", "protect", "stop")}
    names = list(gaz.names) + [r.name.lower().replace("-", " ") for r in gaz.regions.values()]
    for name in names:
        words["protect"].update(name.split())
        words["protect"].add(name.replace(" ", ""))
    return {key: sorted(w for w in values if w.isalnum()) for key, values in words.items()}


def load_tile_layout(path: Path, gaz: Gazetteer) -> dict[str, tuple[int, int, str]]:
    """Province code -> (column, row, abbreviation) of its tile; every province has one."""
    with compiling(path):
        layout = {code: (int(col), int(row), abbr) for code, col, row, abbr in csv_rows(path, ("code", "col", "row", "abbr"))}
    provinces = {c for c, r in gaz.regions.items() if r.is_province}
    if set(layout) != provinces:
        odd = sorted(set(layout) ^ provinces)
        raise DataFileError(f"{path}: tiles and provinces differ ({', '.join(odd[:5])})")
    return layout
