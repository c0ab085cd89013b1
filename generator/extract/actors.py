"""Actors: the organisations behind an effort, normalised, with their type.

Rules live in `data/actors.yml`. A rule that needs a region reads it from the
words right after the match ("DP3AKB Kota Balikpapan", "Pemkab Balangan",
"Sekda Provinsi Kaltim"), using the gazetteer, so that abbreviations and
nicknames give the official name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from ..model import Actor, Evidence, Region, Tag
from .regions import Gazetteer, words_of
from .taxonomy import Cue, Sentences, required_any

_LEVEL_WORDS = re.compile(r"\s*(?:\([^)]{1,40}\)\s*)?(?:,\s*)?(Provinsi|Prov\.|Kabupaten|Kab\.|Kota)?\s*", re.I)


# Capitalised words that start a sentence, not a name ("Perusahaan Adaro Group").
_LEADING_FILLER = re.compile(r"^(?:(?:Perusahaan|Melalui|Oleh|Dari|Dan|Bersama|Pihak|Sementara|Selain|Kini|Saat|Ini|Para|Head|Departement|Department|Manager|Manajer|Direktur|Kepala|Ketua)\s+)+")


@dataclass(frozen=True)
class ActorRule:
    cue: Cue  # the rule's pattern, skipped at once on a text without any of its trigger words
    region: str  # required | none
    name: str
    type: str

    def finditer(self, text: Sentences):
        return self.cue.finditer(text)


@dataclass(frozen=True)
class ActorRules:
    rules: tuple[ActorRule, ...]
    type_cues: tuple[tuple[str, re.Pattern], ...]

    @classmethod
    def load(cls, path: Path) -> "ActorRules":
        with open(path, encoding="utf-8") as fh:
            raw = yaml.safe_load(fh)
        rules = tuple(
            _rule(r["match"], r.get("region", "none"), r["name"], r["type"])
            for r in raw["rules"]
        )
        cues = tuple(
            (type_id, re.compile(r"(?<!\w)(?:" + c + r")(?!\w)", 0 if c.isupper() else re.I))
            for type_id, patterns in raw.get("type_cues", {}).items()
            for c in patterns
        )
        return cls(rules, cues)


def _rule(match: str, region: str, name: str, type_id: str) -> ActorRule:
    # Case-sensitive, unlike most taxonomy cues: names are told by their capitals.
    pattern = re.compile(r"(?<!\w)(?:" + match + r")(?!\w)")
    return ActorRule(Cue(pattern, required_any(match)), region, name, type_id)


def region_after(gaz: Gazetteer, text: str, pos: int, head: str) -> Region | None:
    """The region named at `pos` (after an organisation or office), if any."""
    m = _LEVEL_WORDS.match(text, pos)
    level_word = (m.group(1) or "").lower() if m else ""
    pos = m.end() if m else pos
    end = text.find(Sentences.SEP, pos)
    end = min(len(text) if end < 0 else end, pos + 60)
    tokens = [(t.start(), t.group(0)) for t in words_of(text, pos, end)]
    if not tokens or tokens[0][0] != pos or not tokens[0][1][:1].isupper():
        return None
    level = ("provinsi" if level_word.startswith("prov") else "kabupaten" if level_word.startswith("kab")
             else "kota" if level_word == "kota" else "")
    if not level:
        level = gaz.context.level_before(head)
    for n in range(min(6, len(tokens)), 0, -1):
        name = gaz.names.get(" ".join(t[1].lower() for t in tokens[:n]))
        if name is None:
            continue
        if name.exact_case and not tokens[0][1].isupper():
            continue
        regions = [gaz.regions[c] for c in name.codes]
        if level:
            regions = [r for r in regions if r.kind == level] or (regions if not level_word else [])
        provinces = [r for r in regions if r.is_province]
        if len(regions) > 1 and len(provinces) == 1 and not level:
            return provinces[0]
        return regions[0] if len(regions) == 1 else None
    return None


def display_region(region: Region) -> str:
    return f"Provinsi {region.name}" if region.is_province else region.name


def find_actors(gaz: Gazetteer, rules: ActorRules, text: Sentences) -> list[Actor]:
    found: dict[str, tuple[int, Actor]] = {}
    claimed: list[tuple[int, int]] = []
    for rule in rules.rules:
        for m in rule.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in claimed):
                continue
            actor = _apply(gaz, rule, text, m)
            if actor is None:
                continue
            claimed.append((m.start(), m.end()))
            key = actor.name.lower()
            if key not in found or m.start() < found[key][0]:
                found[key] = (m.start(), actor)
    return sorted(_company_foundations([a for _, a in found.values()]), key=lambda a: (a.type, a.name))


def _company_foundations(actors: list[Actor]) -> list[Actor]:
    """A foundation named after a company in the same article is that company's arm."""
    companies = {a.name.split()[0].lower() for a in actors if a.type == "swasta" and not a.name.startswith("PT")}
    companies |= {a.name.split()[1].lower() for a in actors if a.type == "swasta" and a.name.startswith("PT") and len(a.name.split()) > 1}
    return [
        replace(a, type="swasta") if a.name.startswith("Yayasan") and len(a.name.split()) > 1 and a.name.split()[1].lower() in companies else a
        for a in actors
    ]


def _apply(gaz: Gazetteer, rule: ActorRule, text: Sentences, m: re.Match) -> Actor | None:
    s = text.text
    group = (m.group(1) if m.re.groups else m.group(0)) or ""
    group = re.sub(r"\s+", " ", group).strip(" ,.")
    region = None
    if rule.region == "required":
        region = region_after(gaz, s, m.end(), m.group(0))
        if region is None:
            return None
    type_id = rule.type
    if type_id == "by_region":
        type_id = "pemerintah-provinsi" if region.is_province else "pemerintah-kabupaten-kota"
    province = gaz.province_of(region).name if region else ""
    name = (rule.name.replace("{region}", display_region(region) if region else "")
            .replace("{province}", province).replace("{1}", group))
    name = _LEADING_FILLER.sub("", re.sub(r"\s+", " ", name).strip())
    if len(name) < 2:
        return None
    return Actor(name=name, type=type_id, evidence=Evidence(text.sentence_at(m.start()), m.group(0)))


def actor_types(actors: list[Actor], rules: ActorRules, sentences: list[str], context: re.Pattern) -> list[Tag]:
    """Types of the named actors, plus types seen at work unnamed ("CSR perusahaan", "kader")."""
    types: dict[str, Evidence | None] = {}
    for a in actors:
        types.setdefault(a.type, a.evidence)
    for type_id, rx in rules.type_cues:
        if type_id in types:
            continue
        for s in sentences:
            mm = rx.search(s)
            if mm and context.search(s):
                types[type_id] = Evidence(s, mm.group(0))
                break
    return [Tag(t, e) for t, e in sorted(types.items())]
