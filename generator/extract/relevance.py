"""Relevance: is an article about a stunting effort (`effort`), does it only mention
stunting (`mention`), or not at all (`none`)? As ../shared/spec/relevance.md defines it.

The words are data (`relevance:` in data/taxonomy.yml); the rule is here: an
effort is a sentence that says who does what for whom against stunting, not a
count of how often the word appears.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Evidence
from ..reference.relevance import RelevanceRules

EFFORT, MENTION, NONE = "effort", "mention", "none"
LEVELS = (EFFORT, MENTION, NONE)


@dataclass(frozen=True)
class Relevance:
    level: str  # effort | mention | none
    note: str  # why, in Indonesian, for the page and the curator
    evidence: Evidence | None = None  # the sentence that reports the effort (or first names the topic)
    unsure: str = ""  # why the level is near the line (for the curator's "perlu dicek" list), or ""


def assess(rules: RelevanceRules, title: str, sentences: list[str]) -> Relevance:
    texts = ([title] if title else []) + list(sentences)
    topical = [i for i, s in enumerate(texts) if rules.topic.search(s)]
    if not topical:
        return Relevance(NONE, "tidak menyebut stunting")
    strong: list[Evidence] = []
    weak: list[Evidence] = []  # the aim is an item of a list
    reasons: list[Evidence] = []  # the topic is why something else is done
    for i in topical:
        s = texts[i]
        aim = rules.aim.search(s)
        if aim is None:
            continue
        context = window(texts, i, rules.window)
        named = aim.group("target") or rules.group.search(context) or rules.group_service.search(s)
        # A verb of doing is enough where it acts for a group ("melatih kader posyandu untuk
        # mencegah stunting"). A target noun with the topic ("balita stunting", "kasus
        # stunting") may be counted or a consequence ("mencatat 500 kasus stunting",
        # "melahirkan anak stunting"), and an area's aim ("menurunkan stunting di daerah")
        # a general call or a priority: these report an effort with a measure, an activity
        # named in the sentence or beside it.
        acting = rules.activity.search(context) or (named and not aim.group("target") and rules.doing.search(s))
        if not ((named or rules.place.search(s)) and acting):
            continue
        ev = Evidence(s, aim.group(0))
        if listed(rules, s, aim):
            weak.append(ev)
        elif given_as_reason(rules, s, aim):
            reasons.append(ev)
        else:
            strong.append(ev)
    if reasons and sum(1 for s in texts if rules.focus_group.search(s)) >= rules.focus_min:
        # An article that keeps returning to the first 1,000 days' groups is about
        # them: why it serves them is part of its effort.
        strong += reasons
    weak += reasons
    if not strong and len(weak) < 2:
        served = served_groups(rules, texts)
        if served:
            strong.append(served)
    where = Evidence(texts[topical[0]], rules.topic.search(texts[topical[0]]).group(0))
    count = len([i for i in topical if i or not title])
    passing = f"stunting hanya disebut sambil lalu ({count} dari {len(sentences)} kalimat)"
    # How often the topic is named (per 100 words) does not decide (on the evaluation part
    # it did no better than the sentences), but where it disagrees with them the level is
    # near the line: the curator is asked to check it.
    per_100 = density(rules, texts)
    if strong or len(weak) >= 2:
        first = (strong or weak)[0]
        unsure = "kalimat upaya ada, tetapi stunting jarang disebut" if per_100 < rules.density_passing else ""
        return Relevance(EFFORT, f"melaporkan upaya: “{first.cue}”", first, unsure)
    unsure = "stunting sering disebut, tetapi tanpa kalimat upaya yang jelas" if per_100 >= rules.density_about else ""
    return Relevance(MENTION, passing, where, unsure)


def served_groups(rules: RelevanceRules, texts: list[str]) -> Evidence | None:
    """A sentence that says someone does something for the nutrition or care of the first
    1,000 days' groups ("MBG diberikan kepada ibu hamil, ibu menyusui, dan balita"): a verb
    of doing, a focus group and what feeds or serves it. In an article that names stunting,
    that is an effort against it even where no sentence aims at stunting by name."""
    for s in texts:
        what = rules.nutrition.search(s)
        if what and rules.focus_group.search(s) and rules.doing.search(s):
            return Evidence(s, what.group(0))
    return None


def density(rules: RelevanceRules, texts: list[str]) -> float:
    """Names of the topic per 100 words."""
    words = sum(len(t.split()) for t in texts)
    return 100 * sum(len(rules.topic.findall(t)) for t in texts) / max(words, 1)


def window(texts: list[str], i: int, k: int) -> str:
    """A sentence with its k neighbours on each side."""
    return " ".join(texts[max(0, i - k):i + k + 1])


_SHORT_ITEM = 7  # words


def listed(rules: RelevanceRules, s: str, aim: re.Match) -> bool:
    """The aim is one short item of an enumeration of three or more ("pembayaran JKM,
    penanganan stunting, pengadaan obat"). Not when it heads a list of bare conditions it
    applies to all ("terhindar dari stunting, obesitas dan malnutrisi"), nor when the aim
    word stands before the list ("mengatasi stunting, wasting, hingga anemia")."""
    bounds = [0] + [m.end() for m in rules.item_separator.finditer(s)]
    items = rules.item_separator.split(s)

    def short(j: int) -> bool:
        # A list item is a few words without a verb of its own (the aim's own word aside):
        # a clause with one is not.
        if not (0 <= j < len(items) and 0 < len(items[j].split()) <= _SHORT_ITEM):
            return False
        item = items[j].replace(aim.group(0), " ") if j == i else items[j]
        return not rules.doing.search(item)

    for i, item in enumerate(items):
        inside = bounds[i] <= aim.start() < bounds[i] + len(item) + 1
        if not inside:
            continue
        if not short(i):
            return False
        first = i
        while short(first - 1):
            first -= 1
        last = i
        while short(last + 1):
            last += 1
        if last - first + 1 < 3:
            return False
        heads = first == i and not any(rules.activity_noun.match(items[j]) for j in range(i + 1, last + 1))
        return not heads
    return False



def given_as_reason(rules: RelevanceRules, s: str, aim: re.Match) -> bool:
    """The topic is why something else is done: "karena ... stunting", "stunting ... oleh karena itu"."""
    return bool(rules.reason_before.search(s, 0, aim.start()) or rules.reason_after.search(s, aim.end()))
