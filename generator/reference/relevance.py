"""The relevance words of `data/taxonomy.yml`, compiled (the rule is in extract/relevance.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass


def _words(items: list[str]) -> str:
    # Longest first, so that "percepatan penurunan" wins over "penurunan".
    return "|".join(sorted((str(w) for w in items), key=len, reverse=True))


def _pattern(items: list[str]) -> re.Pattern:
    """Whole words or phrases, case-insensitive; an all-capitals word (KEK, 3B) keeps its case."""
    upper = [w for w in items if w.isupper()]
    other = [w for w in items if not w.isupper()]
    parts = []
    if other:
        parts.append(r"(?i:(?<!\w)(?:" + _words(other) + r")(?!\w))")
    if upper:
        parts.append(r"(?<!\w)(?:" + _words(upper) + r")(?!\w)")
    return re.compile("|".join(parts))


@dataclass(frozen=True)
class RelevanceRules:
    """The relevance section of the taxonomy, compiled."""

    topic: re.Pattern
    aim: re.Pattern  # an action aimed at the topic, or the topic as a target's attribute
    activity: re.Pattern  # a word of doing, in the sentence or its context
    doing: re.Pattern  # a verb of doing, in the sentence itself
    group: re.Pattern  # whom an effort is for
    group_service: re.Pattern  # ... or a service for those groups by itself
    place: re.Pattern  # ... or the area it serves, named in the sentence itself
    focus_group: re.Pattern
    focus_min: int
    nutrition: re.Pattern  # what feeds or serves the focus groups
    reason_before: re.Pattern
    reason_after: re.Pattern
    window: int
    item_separator: re.Pattern  # what separates the items of an enumeration
    activity_noun: re.Pattern  # an item that names an activity of its own: "pengadaan obat"
    density_passing: float = 0.0  # topic names per 100 words below which an effort is near the line
    density_about: float = 1e9  # ... and at or above which a mention is

    @classmethod
    def from_data(cls, raw: dict) -> "RelevanceRules":
        # Topic words are matched inside glued words too ("paketstunting", "kasusstuntingdi").
        topic = r"(?:" + _words(raw["topic"]) + r")"
        objects = r"(?:(?:" + _words(raw["aim_objects"]) + r")\s+)?"
        # A target noun names whom the effort is for by itself ("paket stunting", "kasus stunting").
        aimed = (r"(?<!\w)(?:" + _words(raw["aims"]) + r")\s*(?:[\w-]+\s+){0,4}?" + objects + topic
                 + r"|(?P<target>(?<!\w)(?:" + _words(raw["targets"]) + r")\s*(?:[\w-]+\s+){0,2}?(?:yang\s+)?" + topic + ")")
        return cls(
            topic=re.compile(topic, re.I),
            aim=re.compile(aimed, re.I),
            activity=_pattern(raw["activities"]),
            doing=re.compile(r"(?!(?:" + _words(raw["not_doing"]) + r")(?!\w))" + _pattern(raw["verbs"]).pattern, re.I),
            group=_pattern(raw["groups"]),
            group_service=_pattern(raw["group_services"]),
            place=_pattern(raw["places"]),
            focus_group=_pattern(raw["focus_groups"]),
            focus_min=int(raw["focus_min"]),
            nutrition=_pattern(raw["nutrition"]),
            reason_before=_pattern(raw["reason_before"]),
            reason_after=_pattern(raw["reason_after"]),
            window=int(raw["window"]),
            item_separator=re.compile(r"\s*[,;:]\s*|\s+[-–—]\s+|\s+(?:" + _words(raw["list_words"]) + r")\s+", re.I),
            activity_noun=re.compile(r"(?:(?:" + _words(raw["list_words_before_activity"]) + r")\s+)?(?:"
                                     + "|".join(raw["activity_nouns"]) + r")\b", re.I),
            density_passing=float(raw.get("density_passing", 0.0)),
            density_about=float(raw.get("density_about", 1e9)),
        )
