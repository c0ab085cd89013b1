"""Incremental builds: what the last build knew, wrapped around the pipeline.

The pipeline (build.py) asks `Memory` three things: is everything as the last
build left it (`unchanged`), which seeds need extracting (`extract`), which
files need making (`skip_fresh`); and tells it what this build did (`save`).
Switched off (`BuildConfig.incremental = False`), it knows nothing and keeps
nothing: every stage runs on everything, and the output is the same.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from ..config import BuildConfig
from ..model import Article, Problem, Seed
from ..reference import Reference
from ..write import Output, WriteResult, forget_journal, read_journal, read_manifest
from .cache import CACHE_DIR, BuildCache, PageMemo, forget_stamp, remembered, unchanged_report
from .keys import code_version, digest, seeds_fingerprint

__all__ = ["CACHE_DIR", "Extracted", "Memory", "digest"]

# One seed's extraction: its article (None if it failed), its problems, its shingle sample.
Extraction = tuple["Article | None", list, list[int]]


@dataclass
class Extracted:
    """Every seed's extraction, whether made now or remembered."""

    articles: list[Article]
    problems: list[Problem]
    samples: dict[str, list[int]]  # article id -> shingle sample (dedupe)
    keys: dict[str, str]  # seed id -> digest of its file name, text and front matter


class Memory:
    def __init__(self, config: BuildConfig):
        self.enabled = config.incremental
        self.output = config.output
        inputs = [p for p in (config.data, config.taxonomy, config.templates) if p is not None]
        self.version = code_version(inputs, (config.site, str(config.taxonomy))) if self.enabled else ""
        self.fingerprint = seeds_fingerprint(config.seeds) if self.enabled else ""
        self.owned = read_manifest(config.output)
        self.cache = BuildCache()
        self.memo = PageMemo(config.output, {}, self.owned, {})
        self._extracted: Extracted | None = None
        self.journal: dict[str, set[tuple[int, int]]] = {}

    def unchanged(self):
        """The last build's report when seeds, code, settings and generated files are as it
        left them (then nothing needs doing), else None; from here on, until `save`,
        nothing claims the output is up to date."""
        if not self.enabled:
            return None
        last = unchanged_report(self.output, self.version, self.fingerprint, self.owned)
        if last is not None:
            last.write = WriteResult(unchanged=len(self.owned))
            return last
        forget_stamp(self.output)
        self.cache = BuildCache.load(self.output, self.version)
        self.journal = read_journal(self.output)
        self.memo = PageMemo(self.output, self.cache.pages, self.owned, self.cache.written)
        return None

    def reference(self, load: Callable[[], Reference]) -> Reference:
        """The reference data, compiled: kept from the last build of the same code and data."""
        return remembered(self.output, "reference.pickle", self.version, load) if self.enabled else load()

    def extract(self, seeds: list[Seed], slugs: dict[str, str],
                extract: Callable[[list[Seed]], dict[str, Extraction]]) -> Extracted:
        """Every seed's extraction: remembered when its bytes did not change, else `extract`ed."""
        keys = {s.id: digest(s.file, s.text, s.front_matter, s.overrides) for s in seeds}
        cached = self.cache.articles
        fresh = extract([s for s in seeds if cached.get(s.id, ("",))[0] != keys[s.id]])
        out = Extracted([], [], {}, keys)
        remembered: dict[str, tuple[str, Article | None, list]] = {}
        for seed in seeds:
            if seed.id in fresh:
                article, problems, sample = fresh[seed.id]
            else:
                _, article, problems = cached[seed.id]
                sample = self.cache.samples.get(keys[seed.id], [])
                if article is not None and article.slug != slugs[seed.id]:
                    article = replace(article, slug=slugs[seed.id])
            remembered[seed.id] = (keys[seed.id], article, problems)
            out.problems.extend(problems)
            if article is not None:
                out.articles.append(article)
                if sample:
                    out.samples[article.id] = sample
        self.cache.articles = remembered
        self._extracted = out  # dedupe adds the samples it had to make
        return out

    def article_digests(self, articles: list[Article], keys: dict[str, str]) -> dict[str, str]:
        """What an article's pages and record show of it: its seed, slug and duplicates."""
        return {a.id: digest(keys[a.id], a.slug, a.duplicates, a.duplicate_outlets) for a in articles}

    @property
    def records(self) -> dict[str, str]:
        """The export's records of the last build, by article digest (updated as the export is written)."""
        return self.cache.records

    @property
    def left(self) -> dict[str, set[tuple[int, int]]]:
        """The states earlier builds left each generated file in: as the last finished build
        left it, or as any build killed since may have (a file in none was changed by hand)."""
        out = {path: {stat} for path, stat in self.cache.written.items()}
        for path, stats in self.journal.items():
            out.setdefault(path, set()).update(stats)
        return out

    def compiled_templates(self) -> Path | None:
        return self.output / CACHE_DIR / "templates" if self.enabled else None

    def skip_fresh(self, outputs: list[Output]) -> list[Output]:
        """Files whose key and file are as the last build left them are not made again."""
        out = []
        for o in outputs:
            if o.key:
                self.memo.current[o.path] = o.key
                if self.memo.fresh(o.path, o.key):
                    o = Output(o.path, _nothing, o.key, o.source)
            out.append(o)
        return out

    def changed(self, outputs: list[Output]) -> list[str]:
        """Keyed files that will be made (their key changed since the last build)."""
        return [o.path for o in outputs if o.key and self.memo.previous.get(o.path) != o.key]

    def save(self, report, write: WriteResult, failed: set[str]) -> None:
        """What this build did; a page that failed is not remembered, so that the next build tries it again."""
        if not self.enabled:
            forget_journal(self.output)
            return
        cache = self.cache
        if self._extracted is not None:
            keys = self._extracted.keys
            cache.samples = {keys[i]: sample for i, sample in self._extracted.samples.items() if i in keys}
        cache.written = write.stats
        cache.fingerprint = self.fingerprint if not write.refused else ""
        cache.report = report
        cache.pages = {p: k for p, k in self.memo.current.items() if p not in failed}
        cache.save(self.output)
        forget_journal(self.output)


def _nothing() -> None:
    return None
