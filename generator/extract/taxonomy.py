"""Programme types, target groups and relevance, driven by `data/taxonomy.yml`.

A tag is given for the first sentence that justifies it: a strong cue anywhere
in a relevant article, or a weak cue in a sentence that also speaks of the
stunting effort. Adding a programme type is a change to the YAML file only.
"""
from __future__ import annotations

import bisect
import re
from re import _constants, _parser  # to find the plain text a cue needs
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model import Evidence, Tag
from .relevance import RelevanceRules


class TaxonomyError(ValueError):
    """The taxonomy file cannot be used; the build cannot go on without it."""


@dataclass(frozen=True)
class Cue:
    """A cue pattern, and a piece of text it cannot match without (to skip it cheaply)."""

    pattern: re.Pattern
    anchors: tuple[str, ...] | None  # texts of which a match contains one

    @classmethod
    def compile(cls, pattern: str) -> "Cue":
        # Upper-case acronyms (PMT, TPK, KEK) must not match ordinary words (tpk, kek).
        flags = 0 if re.fullmatch(r"[A-Z0-9-]+(\?)?[A-Z-]*", pattern) else re.I
        return cls(re.compile(r"(?<!\w)(?:" + pattern + r")(?!\w)", flags), required_any(pattern))

    def possible(self, text: "Sentences") -> bool:
        return self.anchors is None or any(a in text.lower for a in self.anchors)

    def search(self, text: "Sentences") -> re.Match | None:
        return self.pattern.search(text.text) if self.possible(text) else None

    def finditer(self, text: "Sentences"):
        return self.pattern.finditer(text.text) if self.possible(text) else iter(())


def required_any(pattern: str) -> tuple[str, ...] | None:
    """Plain texts of which every match of `pattern` contains at least one (lower case), if known.

    Alternations ("Pemkab|Bupati|...") are followed branch by branch.
    """
    try:
        found = _triggers(list(_parser.parse(pattern)))
    except re.error:
        return None
    return tuple(sorted(found)) if found else None


def _triggers(items: list) -> set[str] | None:
    runs, current = [], []
    for i, (op, value) in enumerate(items):
        if op is _constants.LITERAL:
            current.append(chr(value))
            continue
        if op is _constants.BRANCH or (op is _constants.SUBPATTERN and len(value[3]) == 1
                                       and value[3][0][0] is _constants.BRANCH):
            branches = value[1] if op is _constants.BRANCH else value[3][0][1][1]
            # The parser moves a common prefix ("K" of KUA|Kantor) in front of the alternation.
            prefix = [(_constants.LITERAL, ord(c)) for c in current]
            sets = [_triggers(prefix + list(b)) for b in branches]
            if all(sets) and max(len(r) for r in runs + [""]) < 3:
                return set().union(*sets)
        elif op is _constants.SUBPATTERN:
            inner = _triggers(list(value[3]))
            if inner and len(inner) == 1:
                runs.append(next(iter(inner)))
        runs.append("".join(current))
        current = []
    runs.append("".join(current))
    best = max(runs, key=len)
    return {best.lower()} if len(best) >= 3 else None


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
        try:
            with open(path, encoding="utf-8") as fh:
                raw = yaml.safe_load(fh)
            return cls(
                programmes=tuple(_term(t) for t in raw["programmes"]),
                actor_types=tuple(_term(t) for t in raw["actor_types"]),
                target_groups=tuple(_term(t) for t in raw["target_groups"]),
                effort_context=_alternation(raw["effort_context"]),
                relevance=RelevanceRules.from_data(raw["relevance"]),
            )
        except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, re.error) as exc:
            raise TaxonomyError(f"{path}: invalid taxonomy file ({exc.__class__.__name__}: {exc})") from exc

    def ids(self, field: str) -> set[str]:
        return {t.id for t in getattr(self, field)}

    def label(self, field: str, term_id: str) -> str:
        for t in getattr(self, field):
            if t.id == term_id:
                return t.label
        return term_id


def _alternation(words: list[str]) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")", re.I)


def _term(raw: dict) -> Term:
    return Term(
        id=str(raw["id"]),
        label=str(raw["label"]),
        definition=str(raw.get("definition", "")),
        cues=tuple(Cue.compile(c) for c in raw.get("cues") or ()),
        weak_cues=tuple(Cue.compile(c) for c in raw.get("weak_cues") or ()),
    )


def tag_terms(terms: tuple[Term, ...], text: "Sentences", context: re.Pattern) -> list[Tag]:
    tags: list[Tag] = []
    for term in terms:
        ev = _first_evidence(term, text, context)
        if ev is not None:
            tags.append(Tag(term.id, ev))
    return tags


class Sentences:
    """An article's sentences joined once, so that a cue is searched once per article, not per sentence."""

    SEP = "\x00"

    def __init__(self, sentences: list[str]):
        self.sentences = sentences
        self.text = self.SEP.join(sentences)
        self.lower = self.text.lower()
        self.starts = []
        pos = 0
        for s in sentences:
            self.starts.append(pos)
            pos += len(s) + 1

    def index_at(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def sentence_at(self, pos: int) -> str:
        return self.sentences[self.index_at(pos)]


def _first_evidence(term: Term, text: Sentences, context: re.Pattern) -> Evidence | None:
    best: tuple[int, Evidence] | None = None
    for cue in term.cues:
        m = cue.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), Evidence(text.sentence_at(m.start()), m.group(0)))
    if best is not None:
        return best[1]
    weak: tuple[int, Evidence] | None = None
    for cue in term.weak_cues:
        for m in cue.finditer(text):
            sentence = text.sentence_at(m.start())
            if context.search(sentence):
                if weak is None or m.start() < weak[0]:
                    weak = (m.start(), Evidence(sentence, m.group(0)))
                break
    return weak[1] if weak else None
