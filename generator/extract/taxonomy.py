"""Programme types and target groups, driven by `data/taxonomy.yml`.

A tag is given for the first sentence that justifies it: a strong cue anywhere
in a relevant article, or a weak cue in a sentence that also speaks of the
stunting effort. Adding a programme type is a change to the YAML file only.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..model import Evidence, Tag
from ..reference.taxonomy import Cue, Term
from .sentences import Sentences


def tag_terms(terms: tuple[Term, ...], text: "Sentences", context: re.Pattern) -> list[Tag]:
    tags: list[Tag] = []
    for term in terms:
        ev = _first_evidence(term, text, context)
        if ev is not None:
            tags.append(Tag(term.id, ev))
    return tags


def _matches(cue: Cue, text: Sentences) -> Iterator[re.Match]:
    """A cue's matches, searched only in the sentences that hold a piece of text every match
    contains (its anchors): a cue with its affixed forms is slow to search a whole text."""
    if not cue.possible(text):
        return
    if cue.anchors is None or len(text.lower) != len(text.text):
        yield from cue.pattern.finditer(text.text)
        return
    found: set[int] = set()
    for anchor in cue.anchors:
        at = text.lower.find(anchor)
        while at >= 0:
            found.add(text.index_at(at))
            at = text.lower.find(anchor, at + 1)
    for i in sorted(found):
        start = text.starts[i]
        yield from cue.pattern.finditer(text.text, start, start + len(text.sentences[i]))


def _first_evidence(term: Term, text: Sentences, context: re.Pattern) -> Evidence | None:
    best: tuple[int, Evidence] | None = None
    for cue in term.cues:
        m = next(_matches(cue, text), None)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), Evidence(text.sentence_at(m.start()), m.group(0)))
    if best is not None:
        return best[1]
    weak: tuple[int, Evidence] | None = None
    for cue in term.weak_cues:
        for m in _matches(cue, text):
            sentence = text.sentence_at(m.start())
            if context.search(sentence):
                if weak is None or m.start() < weak[0]:
                    weak = (m.start(), Evidence(sentence, m.group(0)))
                break
    return weak[1] if weak else None
