"""Actors: the organisations behind an effort, normalised, with their type.

Rules live in `data/actors.yml`. A rule that needs a region reads it from the
words right after the match ("DP3AKB Kota Balikpapan", "Pemkab Balangan",
"Sekda Provinsi Kaltim"), using the gazetteer, so that abbreviations and
nicknames give the official name.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from ..model import Actor, Evidence, Region, Tag
from ..reference.actors import ActorRule, ActorRules
from ..reference.gazetteer import Gazetteer, words_of
from ..scan import Pattern, Scan
from .sentences import Sentences


def region_after(gaz: Gazetteer, text: str, pos: int, head: str) -> Region | None:
    """The region named at `pos` (after an organisation or office), if any."""
    level_word, pos = gaz.context.level_after(text, pos)
    end = text.find(Sentences.SEP, pos)
    end = min(len(text) if end < 0 else end, pos + 60)
    tokens = [(t.start(), t.group(0)) for t in words_of(text, pos, end)]
    if not tokens or tokens[0][0] != pos or not tokens[0][1][:1].isupper():
        return None
    level = level_word or gaz.context.level_before(head)
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


def _region_at_the_end(gaz: Gazetteer, name: str) -> tuple[str, Region | None]:
    """'Dinas Kesehatan Sleman' -> ('Dinas Kesehatan', Kabupaten Sleman): a bare region name
    read as part of an agency's name (a person's name may follow it: it goes too)."""
    words = name.split()
    for end in range(len(words), 1, -1):
        for n in (3, 2, 1):
            if end - n < 1:
                continue
            found = gaz.names.get(" ".join(w.lower().strip(",") for w in words[end - n:end]))
            if found is None or found.needs:
                continue
            regions = [gaz.regions[c] for c in found.codes]
            # A bare name shared by a kabupaten and a kota is the kabupaten's, as in
            # "Dinkes Bogor"; a province and its capital, the province's.
            provinces = [r for r in regions if r.is_province]
            kabupaten = [r for r in regions if r.kind == "kabupaten"]
            pick = provinces or kabupaten or regions
            if len(pick) == 1:
                return " ".join(words[:end - n]).rstrip(","), pick[0]
    return name, None


def display_region(region: Region) -> str:
    return f"Provinsi {region.name}" if region.is_province else region.name


@dataclass(frozen=True)
class FoundActors:
    """An article's actors, and where each is named (so that a figure can be tied to its actor)."""

    actors: list[Actor]
    named_at: dict[int, list[tuple[int, str]]]  # sentence index -> (position in it, actor name), in order
    # Actors no sentence shows at work, only named (a speaker's employer, an item of a
    # list, a meeting's host): not certain, left for the curator to check.
    idle: tuple[Actor, ...] = ()


def find_actors(gaz: Gazetteer, rules: ActorRules, text: Sentences, doing: re.Pattern | None = None) -> FoundActors:
    """The article's actors; with `doing` (a verb of doing, the relevance rules'), those
    that no sentence shows acting are set apart in `idle`."""
    found: dict[str, tuple[int, Actor]] = {}
    claimed = _Spans()
    passive: set[int] = set()  # ends of names that were found not acting
    places: list[tuple[int, str]] = []  # (position in the text, actor name) of every acting mention
    spans: list[tuple[int, int, str]] = []  # (start, end, actor name) of the same
    for rule in rules.rules:
        for m in rule.finditer(text):
            if claimed.overlaps(m.start(), m.end()):
                continue
            actor = _apply(gaz, rules, rule, text, m)
            if actor is None:
                continue
            claimed.add(m.start(), m.end())
            # An acronym in brackets after a name ("Kementerian Kesehatan RI (Kemenkes)") shares its fate.
            restated = re.search(r"\(\s*$", text.text[max(0, m.start() - 8):m.start()])
            if _not_acting(rules, text.text, m.start()) or (restated and _ends_near(passive, m.start())):
                passive.add(m.end())
                continue  # claimed all the same: no other rule may read the place anew
            places.append((m.start(), actor.name))
            spans.append((m.start(), m.end(), actor.name))
            key = actor.name.lower()
            if key not in found or m.start() < found[key][0]:
                found[key] = (m.start(), actor)
    renamed: dict[str, str] = {}
    actors = _with_their_acronyms([a for _, a in found.values()], text.text, renamed)
    actors = _without_repeats(actors, renamed)
    named_at: dict[int, list[tuple[int, str]]] = {}
    for pos, name in sorted(places):
        i = text.index_at(pos)
        named_at.setdefault(i, []).append((pos - text.starts[i], _final(renamed, name)))
    actors = sorted(_company_foundations(actors), key=lambda a: (a.type, a.name))
    if doing is None:
        return FoundActors(actors, named_at)
    acting = {_final(renamed, name) for pos, end, name in spans if _acts(text.text, pos, end, doing)}
    return FoundActors([a for a in actors if a.name in acting], named_at, tuple(a for a in actors if a.name not in acting))


# A word of the text, as the words around a name are read for its verb.
_WORD = re.compile(r"[^\W\d_]+")
# An active verb (me-, nasal forms included): its subject does what it says.
_ACTIVE = re.compile(r"me[a-z]{3,}")
# A passive (di-): a name right after it is its agent ("dilakukan pemkab").
_PASSIVE = re.compile(r"di[a-z]{4,}")
# Words before a name that make it the agent of a passive, a partner in the work or the
# means of the doer: "oleh Dinkes", "bersama Pemkab", "bekerja sama dengan KUA", "melalui Dinkes".
_AGENT_WORDS = frozenset(("oleh", "bersama", "melalui", "lewat"))
# A speaker's own side, the subject of what the speaker reports ("mengatakan, pihaknya menggelar").
_OWN_SIDE = frozenset(("pihaknya", "kami", "jajarannya"))
# How many words around a name are read for its verb (after it: lower-case words,
# past a person's name and titles).
_REACH = 15


def _acts(text: str, start: int, end: int, doing: re.Pattern) -> bool:
    """The name at text[start:end] is the doer of an action, by the structure of its sentence:
    the agent of a passive ("oleh X", "dilakukan X") or a partner ("bersama X", "kerja sama
    dengan X", an item of a list after them), or the subject of an active verb of doing --
    the first verb after it, past the region, person's name and titles that follow it, or the
    verb of the speaker's own side that the speaker reports ("X mengatakan, pihaknya menggelar")."""
    sentence_start = text.rfind(Sentences.SEP, 0, start) + 1
    before = [w.group(0) for w in _WORD.finditer(text, sentence_start, start)][-_REACH:]
    for n, word in enumerate(reversed(before)):
        low = word.lower()
        if low in _AGENT_WORDS or (low == "dengan" and n + 1 < len(before) and before[-n - 2].lower() == "sama"):
            return True
        if _PASSIVE.fullmatch(word):
            return n == 0 and bool(doing.fullmatch(word))
        if _ACTIVE.fullmatch(word):
            break  # the name is what a verb acts on
    stop = text.find(Sentences.SEP, end)
    stop = len(text) if stop < 0 else stop
    reported: bool | None = False
    n = 0
    for w in _WORD.finditer(text, end, stop):
        word = w.group(0)
        if word[:1].isupper():
            continue  # a name, a title, an office
        n += 1
        if n > _REACH and not reported:
            return False
        if _PASSIVE.fullmatch(word):
            continue  # a participle ("didampingi ...")
        if reported is None and word in _OWN_SIDE:
            reported = True
            continue
        if _ACTIVE.fullmatch(word):
            if doing.fullmatch(word):
                return True
            if reported is not False:
                return False
            reported = None  # a verb of saying: what follows may be the speaker's side at work
    return False


class _Spans:
    """Places of the text already read as an actor: never overlapping, kept in order, so
    that a new match is checked against its one neighbour (thousands of names in a long
    text stay cheap)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _final(renamed: dict[str, str], name: str) -> str:
    while name in renamed and renamed[name] != name:
        name = renamed[name]
    return name


def _ends_near(ends: set[int], start: int) -> bool:
    """A name ended a few characters (a region, "RI", a bracket) before `start`."""
    return any(0 <= start - end <= 8 for end in ends)


def _without_repeats(actors: list[Actor], renamed: dict[str, str]) -> list[Actor]:
    """A name that runs on from another actor's ("LG Electronics Indonesia Ha Sang-chul"
    after "PT LG Electronics Indonesia") is that actor, with a person's name after it."""
    cores = [(a, re.sub(r"^PT\s+|\s*\([^)]*\)$", "", a.name)) for a in actors]
    out = []
    for a in actors:
        same = next((b for b, core in cores if b is not a and len(core) < len(a.name) and a.name.startswith(core + " ")), None)
        if same is None:
            out.append(a)
        else:
            renamed[a.name] = same.name
    return out


def _not_acting(rules: ActorRules, text: str, start: int) -> bool:
    """A former job, the author of a policy or data, a commentator's employer."""
    sentence_start = text.rfind(Sentences.SEP, 0, start) + 1
    return bool(rules.not_acting.search(text, max(sentence_start, start - 120), start))


def _with_their_acronyms(actors: list[Actor], text: str, renamed: dict[str, str]) -> list[Actor]:
    """One organisation under its long name and the acronym the text gives it
    ("PT Gunbuster Nickel Industry (GNI)", then "PT GNI") is one actor, named with both."""
    by_name = {a.name: a for a in actors}
    out = dict(by_name)
    for a in actors:
        short = _acronym_after(text, a.name)
        if short is None:
            continue
        if short.lower() in ("persero", "tbk"):
            continue
        merged = a if a.name.endswith(f"({short})") else replace(a, name=f"{a.name} ({short})")
        out[a.name] = merged
        renamed[a.name] = merged.name
        for other in (short, f"PT {short}", f"PT {short} Tbk"):
            if other in out and other != a.name:
                del out[other]
                renamed[other] = merged.name
    return list(out.values())


# An acronym in brackets right after a name: "PT Gunbuster Nickel Industry (GNI)".
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z0-9&.-]{1,12})\)")


def _acronym_after(text: str, name: str) -> str | None:
    """The acronym in brackets after the first place of `name` that has one
    (what `re.search(re.escape(name) + _ACRONYM_AFTER.pattern, text)` finds, without
    compiling a pattern per name)."""
    at = text.find(name)
    while at >= 0:
        m = _ACRONYM_AFTER.match(text, at + len(name))
        if m is not None:
            return m.group(1)
        at = text.find(name, at + 1)
    return None


def _company_foundations(actors: list[Actor]) -> list[Actor]:
    """A foundation named after a company in the same article is that company's arm."""
    companies = {a.name.split()[0].lower() for a in actors if a.type == "swasta" and not a.name.startswith("PT")}
    companies |= {a.name.split()[1].lower() for a in actors if a.type == "swasta" and a.name.startswith("PT") and len(a.name.split()) > 1}
    return [
        replace(a, type="swasta") if a.name.startswith("Yayasan") and len(a.name.split()) > 1 and a.name.split()[1].lower() in companies else a
        for a in actors
    ]


def _apply(gaz: Gazetteer, rules: ActorRules, rule: ActorRule, text: Sentences, m: re.Match) -> Actor | None:
    s = text.text
    group = (m.group(1) if m.re.groups else m.group(0)) or ""
    group = re.sub(r"\s+", " ", group).strip(" ,.")
    region = None
    if rule.region == "required":
        region = region_after(gaz, s, m.end(), m.group(0))
        if region is None:
            # A bare region name may have been read as part of the name: "Dinas Kesehatan Sleman".
            group, region = _region_at_the_end(gaz, group)
            if region is None:
                return None
    type_id = rule.type
    if type_id == "by_region":
        type_id = "pemerintah-provinsi" if region.is_province else "pemerintah-kabupaten-kota"
    province = gaz.province_of(region).name if region else ""
    name = (rule.name.replace("{region}", display_region(region) if region else "")
            .replace("{province}", province).replace("{agency}", rules.agency(group)).replace("{1}", group))
    name = rules.leading_words.sub("", re.sub(r"\s+", " ", name).strip())
    if len(name) < 2:
        return None
    return Actor(name=name, type=type_id, evidence=Evidence(text.sentence_at(m.start()), m.group(0)))


def _anchored(rx: re.Pattern) -> bool:
    return "^" in rx.pattern.replace("[^", "") or "$" in rx.pattern


def actor_types(actors: list[Actor], rules: ActorRules, sentences: list[str], context: re.Pattern) -> list[Tag]:
    """Types of the named actors, plus types seen at work unnamed ("CSR perusahaan", "kader")."""
    types: dict[str, Evidence | None] = {}
    for a in actors:
        types.setdefault(a.type, a.evidence)
    # A cue found nowhere in the text is not looked for sentence by sentence (a cue
    # anchored at a sentence's start or end could be missed there: those are always).
    whole = Scan("\n".join(sentences))
    for type_id, cue in rules.type_cues:
        rx = cue.rx
        if type_id in types or (not _anchored(rx) and cue.search(whole) is None):
            continue
        for s in _where_it_may_be(cue, whole, sentences):
            mm = rx.search(s)
            if mm and context.search(s):
                types[type_id] = Evidence(s, mm.group(0))
                break
    return [Tag(t, e) for t, e in sorted(types.items())]


def _where_it_may_be(cue: Pattern, whole: Scan, sentences: list[str]) -> list[str]:
    """The sentences, in order, in which a start of the cue stands (`whole` is them
    joined by one character): a match in a sentence starts with one there too."""
    if cue.starts is None:
        return sentences
    at = whole.candidates(cue.starts)
    if not at:
        return []
    bounds, pos = [], 0
    for s in sentences:
        bounds.append(pos)
        pos += len(s) + 1
    return [sentences[i] for i in sorted({bisect.bisect_right(bounds, p) - 1 for p in at})]
