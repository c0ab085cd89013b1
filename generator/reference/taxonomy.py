"""The taxonomy (`data/taxonomy.yml`): programme types, actor types and target groups,
with the cues that justify a tag, and the relevance words.

Adding a programme type is a change to the YAML file only.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..scan import Pattern, Scan
from .files import DataFileError, compiling, yaml_mapping
from .morph import with_forms
from .relevance import RelevanceRules

# Ids are page names and front matter values.
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class SearchableText(Protocol):
    """An article's sentences joined once (extract.sentences.Sentences)."""

    text: str
    lower: str
    scan: Scan


@dataclass(frozen=True)
class Cue:
    """A cue pattern, and a piece of text it cannot match without (to skip it cheaply)."""

    pattern: re.Pattern
    anchors: tuple[str, ...] | None  # texts of which a match contains one
    # The pattern with the texts its matches start with: tried where one stands only.
    scanned: Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "scanned", Pattern.compile(self.pattern))

    @classmethod
    def compile(cls, pattern: str, affixed: bool = False) -> "Cue":
        """`affixed`: the cue's words match their affixed forms too (reference.morph)."""
        # Upper-case acronyms (PMT, TPK, KEK) must not match ordinary words (tpk, kek).
        flags = 0 if re.fullmatch(r"[A-Z0-9-]+(\?)?[A-Z-]*", pattern) else re.I
        expanded, anchors = with_forms(pattern) if affixed else (pattern, pattern)
        return cls(re.compile(r"(?<!\w)(?:" + expanded + r")(?!\w)", flags), _best_anchors(anchors))

    def possible(self, text: SearchableText) -> bool:
        return self.anchors is None or any(map(text.lower.__contains__, self.anchors))

    def search(self, text: SearchableText) -> re.Match | None:
        return self.scanned.search(text.scan) if self.possible(text) else None

    def finditer(self, text: SearchableText):
        return self.scanned.finditer(text.scan) if self.possible(text) else iter(())


def _best_anchors(pattern: str) -> tuple[str, ...] | None:
    """The pattern's anchors (required_any), or those of the group it starts with when that
    group is required and gives longer ones ("(pemantauan|pencatatan) ... pertumbuhan")."""
    whole = required_any(pattern)
    lead = None
    if pattern.startswith("("):
        depth, i = 0, 0
        while i < len(pattern):
            ch = pattern[i]
            if ch == "\\":
                i += 2
                continue
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0:
                break
            i += 1
        optional = pattern[i + 1:i + 2] in ("?", "*") or pattern.startswith("{0", i + 1)
        if i < len(pattern) and not optional:
            inner = pattern[1:i]
            lead = required_any(inner[2:] if inner.startswith("?:") else inner)
    if lead is None or (whole is not None and min(map(len, whole)) >= min(map(len, lead))):
        return whole
    return lead


def required_any(pattern: str) -> tuple[str, ...] | None:
    """Plain texts (lower case) of which every match of `pattern` contains at least one, if
    known: for each top-level alternative, its longest run of characters that every match
    must hold. None when an alternative has no such run of three characters or more: the
    cue is then always searched. Groups, classes and escapes end a run (conservative)."""
    anchors = set()
    for alternative in _split_top_level(pattern):
        run = _longest_mandatory_literal(alternative)
        if run is None or len(run) < 3:
            return None
        anchors.add(run.lower())
    return tuple(sorted(anchors))


def _split_top_level(pattern: str) -> list[str]:
    parts, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return parts + [pattern[start:]]


# Escapes that stand for one literal character.
_LITERAL_ESCAPES = set(".^$*+?{}[]()|\\/-&'\"#%,;:!<>=@~`")


def _longest_mandatory_literal(pattern: str) -> str | None:
    runs, current, i = [], "", 0

    def end_run() -> str:
        runs.append(current)
        return ""

    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            literal = pattern[i + 1] if pattern[i + 1] in _LITERAL_ESCAPES else None
            i += 2
        elif ch == "[":
            j = i + 1
            while j < len(pattern) and (pattern[j] != "]" or j == i + 1):
                j += 2 if pattern[j] == "\\" else 1
            literal, i = None, j + 1
        elif ch == "(":
            depth, j = 1, i + 1
            while j < len(pattern) and depth:
                if pattern[j] == "\\":
                    j += 1
                elif pattern[j] == "(":
                    depth += 1
                elif pattern[j] == ")":
                    depth -= 1
                j += 1
            literal, i = None, j
        elif ch in ".^$":
            literal, i = None, i + 1
        else:
            literal, i = ch, i + 1
        # What follows the atom: a quantifier that allows zero makes it optional.
        optional = i < len(pattern) and (pattern[i] in "?*" or pattern.startswith("{0", i))
        repeated = i < len(pattern) and (pattern[i] == "+" or (pattern[i] == "{" and not optional))
        if i < len(pattern) and pattern[i] in "?*+":
            i += 1
            if i < len(pattern) and pattern[i] in "?+":  # lazy or possessive
                i += 1
        elif i < len(pattern) and pattern[i] == "{":
            close = pattern.find("}", i)
            i = close + 1 if close > 0 else i + 1
            if i < len(pattern) and pattern[i] == "?":
                i += 1
        if literal is None or optional:
            current = end_run()
            continue
        current += literal
        if repeated:
            current = end_run()
    end_run()
    best = max(runs, key=len)
    return best or None


@dataclass(frozen=True)
class Term:
    """One taxonomy value (a programme type, actor type or target group)."""

    id: str
    label: str
    definition: str
    cues: tuple[Cue, ...] = ()
    weak_cues: tuple[Cue, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    programmes: tuple[Term, ...]
    actor_types: tuple[Term, ...]
    target_groups: tuple[Term, ...]
    effort_context: re.Pattern
    relevance: RelevanceRules

    @classmethod
    def load(cls, path: Path) -> "Taxonomy":
        raw = yaml_mapping(path)
        with compiling(path):
            taxonomy = cls(
                programmes=tuple(_term(t) for t in raw["programmes"]),
                actor_types=tuple(_term(t) for t in raw["actor_types"]),
                target_groups=tuple(_term(t) for t in raw["target_groups"]),
                effort_context=_alternation(raw["effort_context"]),
                relevance=RelevanceRules.from_data(raw["relevance"]),
            )
        for field in ("programmes", "actor_types", "target_groups"):
            ids = [t.id for t in getattr(taxonomy, field)]
            twice = sorted({i for i in ids if ids.count(i) > 1})
            if twice:
                raise DataFileError(f"{path}: {field}: id {twice[0]!r} is used twice")
            bad = [i for i in ids if not _ID.fullmatch(i)]
            if bad:
                raise DataFileError(f"{path}: {field}: id {bad[0]!r} is not lower-case letters, digits and hyphens")
        return taxonomy

    def ids(self, field: str) -> set[str]:
        return {t.id for t in getattr(self, field)}

    def label(self, field: str, term_id: str) -> str:
        return self._labels[field].get(term_id, term_id)

    @functools.cached_property
    def _labels(self) -> dict[str, dict[str, str]]:
        # Looked up for every tag of every article page: a dictionary, not a scan of the terms.
        return {name: {t.id: t.label for t in getattr(self, name)} for name in ("programmes", "actor_types", "target_groups")}


def _alternation(words: list[str]) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")", re.I)


def _term(raw: dict) -> Term:
    return Term(
        id=str(raw["id"]),
        label=str(raw["label"]),
        definition=str(raw.get("definition", "")),
        cues=tuple(Cue.compile(c, affixed=True) for c in raw.get("cues") or ()),
        weak_cues=tuple(Cue.compile(c, affixed=True) for c in raw.get("weak_cues") or ()),
    )


