"""Dedupe stage: the same or nearly the same text (a release run by several outlets)
becomes one article, which names the others."""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from .model import Article


def merge_duplicates(articles: list[Article], samples: dict[str, list[int]] | None = None
                     ) -> tuple[list[Article], dict[str, list[str]]]:
    """Same or nearly same text (a release run by two outlets): keep the first by id.

    Candidates are found through a sample of each text's 5-word shingles (one in
    eight, by hash), skipping shingles that many articles share (boilerplate);
    only candidates that share most of the sample are compared in full.
    """
    ordered = sorted(articles, key=lambda a: a.id)
    samples = samples if samples is not None else {}
    by_id = {a.id: a for a in ordered}
    postings: dict[int, list[str]] = {}
    dropped: dict[str, str] = {}
    for a in ordered:
        # Whole shingle sets are made when needed and not kept: at 10,000
        # articles they would take hundreds of MB.
        mine = None
        if a.id not in samples:
            mine = shingles(a)
            samples[a.id] = shingle_sample(mine)
        sample = samples[a.id]
        counts: dict[str, int] = {}
        for h in sample:
            seen = postings.get(h, ())
            if len(seen) <= 50:
                for other in seen:
                    counts[other] = counts.get(other, 0) + 1
        for other, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if n < len(sample) / 2:
                break
            if mine is None:
                mine = shingles(a)
            if _jaccard(mine, shingles(by_id[other])) >= 0.7:
                dropped[a.id] = other
                break
        if a.id not in dropped:
            for h in sample:
                postings.setdefault(h, []).append(a.id)
    groups: dict[str, list[str]] = {}
    for d, kept in dropped.items():
        groups.setdefault(kept, []).append(d)
    out = []
    for a in ordered:
        if a.id in dropped:
            continue
        if a.id in groups:
            outlets = [by_id[d].outlet for d in groups[a.id] if by_id[d].outlet and by_id[d].outlet != a.outlet]
            a = replace(a, duplicates=tuple(groups[a.id]), duplicate_outlets=tuple(dict.fromkeys(outlets)))
        out.append(a)
    return out, groups


def shingle_sample(shingles: set[int]) -> list[int]:
    """The shingles duplicate search indexes: one in eight, by hash (a few for a very short text)."""
    return sorted(h for h in shingles if h % 8 == 0) or sorted(shingles)[:4]


def shingles(a: Article) -> set[int]:
    words = re.findall(r"\w+", " ".join(a.paragraphs).lower())
    grams = {" ".join(words[i:i + 5]) for i in range(max(len(words) - 4, 1))}
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big") for g in grams}


def _jaccard(x: set[int], y: set[int]) -> float:
    return len(x & y) / len(x | y) if x or y else 0.0
