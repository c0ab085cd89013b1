"""Key figures by meaning: what a number is (a measured prevalence or a target, a
budget or a cost per child, people reached or stunted children, places,
workers), the year it refers to, and the area it is about.

Indonesian notation: "." groups thousands and "," is the decimal mark
("7.133" = 7133, "14,61" = 14.61, "Rp 1,5 miliar" = 1500000000). Dates, years,
times, phone and regulation numbers are not figures: a number only becomes a
figure when a unit (persen, Rp) or a counted noun (balita, desa, kader...)
stands with it. The words are data (`data/figures.yml`); each figure is read
from its own clause (the words since the figure before it), its own sentence,
and the sentence before when its own says nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import Evidence, Figure
from ..reference.figures import FigureRules

NATIONAL = "national"


def parse_number(raw: str) -> float | int:
    """'7.133' -> 7133, '14,61' -> 14.61, '1,5' -> 1.5."""
    raw = raw.replace(".", "").replace(",", ".")
    value = float(raw)
    return int(value) if value.is_integer() else value


def _whole(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


@dataclass(frozen=True)
class Place:
    """Where a sentence places things: a region's code, with its position in the sentence."""

    code: str
    start: int


def find_figures(rules: FigureRules, sentences: list[str],
                 places: dict[int, list[Place]] | None = None, actors: dict[int, list[tuple[int, str]]] | None = None,
                 home: str = "", national_actors: frozenset[str] = frozenset()) -> list[Figure]:
    """Every figure of an article. `places` and `actors` give, by sentence index, the
    regions and actors named in it (with their positions); `home` is the article's only
    region, if it has one, for figures whose sentences name none; a figure of one of
    `national_actors` (ministries, national agencies) that names no region is national."""
    places = places or {}
    actors = actors or {}
    figures: list[Figure] = []
    for i, s in enumerate(sentences):
        for f in _in_sentence(rules, s):
            actor = _actor(sentences, i, f.start, actors)
            scope = _scope(rules, sentences, i, f, places, NATIONAL if actor in national_actors and not home else home)
            since = f.since
            if since is None and i and rules.total.search(s):
                # "Total ..." goes on with the tally the sentence before began ("sejak 2018").
                m = rules.since.search(sentences[i - 1])
                since = int(m.group(1)) if m else None
            year = None if since is not None else f.year
            basis = "since" if since is not None else f.basis
            figures.append(Figure(f.kind, f.value, f.unit, year, f.subject, f.text, Evidence(s, f.text),
                                  scope=scope, actor=actor, basis=basis, since=since))
    return _first_of_each(figures)


@dataclass
class _Found:
    kind: str
    value: float | int
    unit: str
    subject: str
    text: str
    start: int
    end: int
    lead_start: int = 0  # where its clause begins: after the figure before it
    year: int | None = None
    basis: str = ""  # "" | before | after (since is set later)
    since: int | None = None


def _in_sentence(rules: FigureRules, s: str) -> list[_Found]:
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in taken)

    for m in rules.money.finditer(s):
        value = _whole(parse_number(m.group("num")) * rules.multipliers.get((m.group("mult") or "").lower(), 1))
        kind = "unit-cost" if rules.per_unit.search(s[m.end():m.end() + 40]) else "budget"
        taken.append(m.span())
        found.append(_Found(kind, value, "IDR", "rupiah", m.group(0).strip(), *m.span()))
    for m in rules.percent.finditer(s):
        if not free(*m.span()):
            continue
        taken.append(m.span())
        found.append(_Found("", parse_number(m.group("num")), "percent", "", m.group(0), *m.span()))
    for m in rules.count.finditer(s):
        if not free(*m.span()) or _is_year(m.group("num"), s, m):
            continue
        taken.append(m.span())
        value = _whole(parse_number(m.group("num")) * rules.multipliers.get((m.group("mult") or "").lower(), 1))
        found.append(_Found("", value, "count", _subject(m.group("subj")), m.group(0), *m.span()))
    for m in rules.word_count.finditer(s):
        if not free(*m.span()):
            continue
        taken.append(m.span())
        found.append(_Found("", rules.word_numbers[m.group("word").lower()], "count", _subject(m.group("subj")), m.group(0), *m.span()))
    found.sort(key=lambda f: f.start)
    # The words each figure is read from: its clause, since the figure before it.
    previous: _Found | None = None
    for k, f in enumerate(found):
        f.lead_start = previous.end if previous else 0
        lead = s[f.lead_start:f.start]
        # What follows, up to the next figure: a year behind that one is its own.
        after = s[f.end:found[k + 1].start] if k + 1 < len(found) else s[f.end:]
        f.year, f.basis, f.since = _when(rules, s, f, lead, after)
        if previous and previous.basis == "before" and not f.basis and rules.change_to.fullmatch(" " + lead.strip() + " "):
            f.basis = "after"
        if f.year is None and not f.basis and previous and previous.year and _ENUMERATION.match(lead):
            # "Sepanjang 2025, sebanyak 7.133 bayi dan balita serta 399 ibu hamil": one year for both.
            f.year = previous.year
        if f.unit == "percent":
            f.kind, f.subject = _percent_kind(rules, s, f, lead, after)
            if f.kind == "count" and previous and previous.unit == "percent" and previous.kind in ("prevalence", "target"):
                # "20,1 persen pada 2022 dan 15,3 persen pada 2023", "turun dari 20,1 persen menjadi 15,3
                # persen": the next value of the same series.
                if _SERIES_GAP.match(lead) or (previous.basis == "before" and f.basis == "after"):
                    f.kind, f.subject = previous.kind, previous.subject
            if f.kind == "count" and _AFTER_CHANGE.search(lead) and rules.prevalence.search(s, 0, f.start) \
                    and not _names_another_rate(rules, s[:f.start]):
                # "Prevalensi stunting turun 2,1 persen menjadi 15,3 persen": the rate it came to.
                f.kind, f.subject = "prevalence", "stunting"
        elif f.unit == "count":
            f.kind = _count_kind(rules, s, f, lead, after)
        previous = f
    return found


# Between two figures of one enumeration: "... dan balita serta ", "... dan ".
_ENUMERATION = re.compile(r"^(?:\s+[a-z][\w-]*){0,3}\s+(?:dan|serta)\s+$")
# Between two values of one series: a year of the first, then a comma or "dan", perhaps a year of
# the next: " pada 2022 dan ", " (2022), ", ", pada 2023 sebesar ".
_AFTER_CHANGE = re.compile(r"(?<!\w)menjadi\s+$", re.I)
_SERIES_GAP = re.compile(r"^\s*(?:\(?(?:pada\s+|tahun\s+|di\s+tahun\s+)*(?:19|20)\d{2}\)?)?\s*(?:,|;|dan|serta|sedangkan)\s*"
                         r"(?:dan\s+|serta\s+)?(?:(?:pada\s+|tahun\s+)+(?:19|20)\d{2}\s*(?:sebesar\s+|mencapai\s+|menjadi\s+)?)?$",
                         re.I)


def _subject(raw: str) -> str:
    return " ".join(raw.lower().split())


def _percent_kind(rules: FigureRules, s: str, f: _Found, lead: str, after: str) -> tuple[str, str]:
    if rules.change.search(lead) and not re.search(r"menjadi\s+$", lead, re.I):
        return "count", "perubahan"
    if re.fullmatch(r"\s*\(\s*", lead):
        return "count", ""  # "Rp224 miliar (60,14%)": a share of the figure before
    year_after = rules.year.match(after.lstrip()) or re.match(r"\s*(?:pada|di)\s+(?:tahun\s+)?(?:19|20)\d{2}", after)
    if rules.target.search(lead) or (rules.below_with_year.search(lead) and year_after):
        return "target", "stunting"
    if rules.prevalence.search(_clause(lead, after)) and not _names_another_rate(rules, lead):
        return "prevalence", "stunting"
    return "count", ""


def _names_another_rate(rules: FigureRules, lead: str) -> bool:
    """'pertumbuhan ekonomi 34,3 persen': the rate of something else is named closer to the
    number than stunting is."""
    other = [m.end() for m in rules.other_rate.finditer(lead)]
    stunting = [m.end() for m in rules.prevalence.finditer(lead)]
    return bool(other) and (not stunting or other[-1] > stunting[-1])


def _count_kind(rules: FigureRules, s: str, f: _Found, lead: str, after: str) -> str:
    """People are reached (beneficiaries) when the sentence says so; stunted children
    not reached are cases; other counts of people ("24 juta orang miskin") are counts."""
    kind = rules.subject_kind.get(f.subject, "count")
    if kind != "beneficiaries":
        return kind
    reached = rules.reach.search(_clause(lead, after)) or rules.reach.search(s)
    if rules.stunted_after.match(after) or f.subject == "penderita":
        return "beneficiaries" if rules.reach.search(_clause(lead, after)) else "cases"
    return "beneficiaries" if reached else "count"


def _clause(lead: str, after: str) -> str:
    """The words around a figure up to the next clause break."""
    tail = re.split(r"[,;:]|\s(?:namun|tetapi|sedangkan|sementara)\s", after, maxsplit=1)[0]
    return lead + " " + tail


def _when(rules: FigureRules, s: str, f: _Found, lead: str, after: str) -> tuple[int | None, str, int | None]:
    """(year, basis, since) of a figure: "sejak 2018" totals have no year of their own;
    in "dari 28 desa menjadi 40 desa pada 2024", 28 is the value before, 40 the value after."""
    clause = _clause(lead, after)
    since = rules.since.search(clause) or rules.since.search(s, 0, f.start)
    if since:
        # "Tercatat sejak 2018, ... 300 kader": the sentence's tally, unless a year of
        # the figure's own stands with it.
        own = _year_near(rules, s, f.start, f.end, lead, after)
        if own is None or own == int(since.group(1)):
            return None, "since", int(since.group(1))
    if rules.change_from.search(s, max(0, f.start - 8), f.start) and rules.change_to.match(s, f.end):
        return None, "before", None
    return _year_near(rules, s, f.start, f.end, lead, after), "", None


def _year_near(rules: FigureRules, s: str, start: int, end: int, lead: str, after: str) -> int | None:
    """The year the clause gives for this figure: the nearest after it, else before it;
    a year behind a later figure belongs to that figure."""
    best = None
    tail = _clause("", after)
    for y in rules.year.finditer(s):
        year = int(y.group("y") or y.group("y2"))
        if start <= y.start() < end:
            continue
        if y.start() >= end:
            if y.start() - end >= len(tail):  # beyond the figure's clause
                continue
            dist = y.start() - end
        else:
            if y.end() < start - len(lead):
                continue
            dist = (start - y.end()) * 2
        if best is None or dist < best[0]:
            best = (dist, year)
    return best[1] if best else None


def _scope(rules: FigureRules, sentences: list[str], i: int, f: _Found, places: dict[int, list[Place]], home: str) -> str:
    """The area a figure is about: a region named in its own clause, the whole country,
    a region named before it in its sentence, none when it spans several; then the
    sentence before; the article's only region when nothing says otherwise."""
    s = sentences[i]
    lead_start = max(f.lead_start, f.start - 120)
    here = [p for p in places.get(i, []) if p.start < f.start]
    in_clause = [p for p in here if p.start >= lead_start]
    if in_clause:
        return _most_specific(in_clause)
    if rules.national.search(_clause(s[lead_start:f.start], s[f.end:])):
        return NATIONAL
    if here:
        return _most_specific(here)
    if rules.national.search(s):
        return NATIONAL
    if rules.several.search(s):
        return ""
    if places.get(i):
        return places[i][0].code
    if i:
        before = sentences[i - 1]
        if rules.several.search(before):
            return ""
        if places.get(i - 1):
            return _most_specific(places[i - 1])
    return home


def _most_specific(places: list[Place]) -> str:
    """The last region named; a kabupaten/kota rather than its own province named after it
    ("Kabupaten Belitung, Provinsi Kepulauan Bangka Belitung")."""
    last = places[-1].code
    inside = [p.code for p in places if "." in p.code and p.code.startswith(last + ".")]
    return inside[-1] if "." not in last and inside else last


def _actor(sentences: list[str], i: int, start: int, actors: dict[int, list[tuple[int, str]]]) -> str:
    """The actor named with a figure: the last before it in its sentence, else the
    first after it, else the last of the sentence before."""
    here = actors.get(i, [])
    before = [name for pos, name in here if pos < start]
    if before:
        return before[-1]
    if here:
        return here[0][1]
    if i and actors.get(i - 1):
        return actors[i - 1][-1][1]
    return ""


def _first_of_each(figures: list[Figure]) -> list[Figure]:
    """An article often repeats a figure ("92 orang anak" three times): keep its first
    mention, with the year and the area a later mention adds ("kini 21,3 persen" ...
    "pada 2023 mencapai 21,3 persen")."""
    first: dict[tuple, int] = {}
    out: list[Figure] = []
    for f in figures:
        key = (f.kind, f.value, f.unit, f.subject)
        if key not in first:
            first[key] = len(out)
            out.append(f)
            continue
        kept = out[first[key]]
        if kept.year is None and kept.basis == "" and f.year is not None and f.basis == "":
            kept = replace(kept, year=f.year)
        if not kept.scope and f.scope:
            kept = replace(kept, scope=f.scope)
        out[first[key]] = kept
    return out


def _is_year(num: str, s: str, m: re.Match) -> bool:
    return bool(re.fullmatch(r"(19|20)\d{2}", num)) and bool(re.search(r"(tahun|pada|sejak)\s*$", s[:m.start()], re.I))


def doubt(f: Figure, topic: re.Pattern) -> str:
    """Why a figure is not certain enough to publish beyond its article ("" if it is): its
    kind (not a bare count), area and year (or the year a total runs since) must be
    known, and its sentence must speak of stunting or its groups (`topic`)."""
    reasons = []
    if f.kind == "count":
        reasons.append("jenisnya belum jelas")
    if not f.scope:
        reasons.append("wilayahnya belum jelas")
    if f.year is None and f.since is None:
        reasons.append("tahunnya belum jelas")
    if f.evidence is None or not topic.search(f.evidence.sentence):
        reasons.append("tidak jelas tentang stunting")
    return "; ".join(reasons)
