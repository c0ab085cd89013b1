"""What of an article's own words the knowledge base publishes.

Article texts belong to their publishers. With the full text (a private or
licensed deployment) everything is published. In lead-only mode (the public
default) at most a quarter of an article's words appear anywhere the site
publishes them (its page, the search index, the feeds, the data export): the
title, a short quote around each cue instead of the evidence sentence, and
as much of the lead as the rest of that quarter allows. Readers follow the
link to the source for the rest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Article, Evidence

SHARE = 0.25  # of an article's words, at most, published in lead-only mode
QUOTE_WORDS = 12  # a quote's length around its cue, at most
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Excerpts:
    """An article's published words: its lead (cut in lead-only mode) and its evidence."""

    full_text: bool
    lead: str
    quotes: dict[str, str] = field(default_factory=dict)  # evidence sentence -> the quote published for it

    def sentence(self, sentence: str) -> str:
        return sentence if self.full_text else self.quotes.get(sentence, "")

    def evidence(self, ev: Evidence | None) -> Evidence | None:
        """The evidence as published: the sentence, or a quote around its cue."""
        if ev is None or self.full_text:
            return ev
        return Evidence(self.quotes.get(ev.sentence, ev.cue), ev.cue)


def excerpts(a: Article, full_text: bool) -> Excerpts:
    if full_text:
        return Excerpts(True, a.lead)
    total = sum(len(_WORD.findall(p)) for p in a.paragraphs)
    budget = int(total * SHARE) - len(_WORD.findall(a.title))
    cues: dict[str, str] = {}
    for ev in _evidence_of(a):
        cues.setdefault(ev.sentence, ev.cue)
    # Quotes take at most half of what is left; the lead the rest.
    size = QUOTE_WORDS
    while size > 0 and sum(len(_WORD.findall(quote(s, c, size))) for s, c in cues.items()) > max(budget, 0) / 2:
        size -= 2
    quotes = {s: quote(s, c, size) for s, c in cues.items()}
    spent = sum(len(_WORD.findall(q)) for q in quotes.values())
    return Excerpts(False, cut(a.lead, max(budget - spent, 0)), quotes)


def _evidence_of(a: Article) -> list[Evidence]:
    tags = [*a.provinces, *a.regencies, *a.mentioned_regions, *a.programmes, *a.actors, *a.actor_types, *a.target_groups]
    found = [a.relevance_evidence, a.date_evidence, *(t.evidence for t in tags), *(f.evidence for f in a.figures)]
    return [ev for ev in found if ev is not None and ev.sentence]


def quote(sentence: str, cue: str, words: int) -> str:
    """About `words` words of `sentence` around `cue` ("… the words around the cue …");
    the cue alone when `words` is 0 or the cue is not in the sentence."""
    at = sentence.find(cue) if cue else -1
    if at < 0 or words <= 0:
        return cue
    spans = [m.span() for m in _WORD.finditer(sentence)]
    first = next((i for i, (s, e) in enumerate(spans) if e > at), 0)
    last = next((i for i, (s, e) in enumerate(spans) if e >= at + len(cue)), len(spans) - 1)
    extra = max(words - (last - first + 1), 0)
    start = max(first - extra // 2, 0)
    end = min(last + (extra - (first - start)), len(spans) - 1)
    start = max(min(start, end - words + 1), 0)
    text = sentence[spans[start][0]:spans[end][1]]
    return ("… " if start > 0 else "") + text + (" …" if end < len(spans) - 1 else "")


def cut(text: str, words: int) -> str:
    """The first `words` words of `text`, with "…" when cut."""
    spans = [m.span() for m in _WORD.finditer(text)]
    if len(spans) <= words:
        return text
    return text[:spans[words - 1][1]] + " …" if words > 0 else ""
