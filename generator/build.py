"""The pipeline: read -> extract -> model -> index -> render -> write.

`build()` is what both the command line and the MkDocs hook call.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sys
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

import yaml

from . import export
from .config import BuildConfig
from .errors import BuildError, one_line
from .extract import Knowledge, extract_article
from .extract.taxonomy import TaxonomyError
from .index import KnowledgeBase, article_slug
from .model import Article, Problem
from .read import read_folder
from .render import LazyPage, Renderer
from .cache import CACHE_DIR, BuildCache, PageMemo, code_version, digest, forget_stamp, seeds_fingerprint, unchanged_report
from .write import (REPLACED, Content, WriteResult, docs_lock, forget_journal, read_journal, read_manifest,
                    remove_leftovers, write_tree)

# Generated pages that hand-written pages link to; the rest is linked from these.
HOME_SNIPPET = ".snippets/beranda.md"
# Duplicates and off-topic articles named on the console (the curator page has them all).
LISTED = 10


@dataclass
class BuildReport:
    seeds_dir: str
    built: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # kept id -> dropped ids
    off_topic: list[str] = field(default_factory=list)  # stunting mentioned in passing
    no_topic: list[str] = field(default_factory=list)  # stunting not mentioned: on no public list
    no_region: list[str] = field(default_factory=list)
    no_date: list[str] = field(default_factory=list)
    write: WriteResult | None = None
    leftovers: int = 0  # temporary files of an interrupted build, removed (said on the console only)

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "skipped"]

    def as_dict(self) -> dict:
        return {
            "articles_built": len(self.built),
            "skipped": [{"file": p.file, "reason": p.message} for p in self.skipped],
            "warnings": [{"file": p.file, "line": p.line, "message": p.message} for p in self.problems if p.level == "warning"],
            "notes": [{"file": p.file, "line": p.line, "message": p.message} for p in self.problems if p.level == "info"],
            "duplicates": self.duplicates,
            "off_topic": self.off_topic,
            "no_topic": self.no_topic,
            "no_region": self.no_region,
            "no_date": self.no_date,
        }

    def lines(self) -> list[str]:
        out = [f"{len(self.built)} articles built from {self.seeds_dir}"]
        if self.write is not None:
            out[0] += f" ({len(self.write.written)} files written, {self.write.unchanged} unchanged, {len(self.write.removed)} removed)"
        for p in sorted(self.problems, key=lambda p: (p.file, p.line or 0)):
            out.append(f"  {p.level}: {p.describe()}")
        # Not problems, and possibly thousands: a few on the console, all on the curator page.
        for kept, dropped in list(self.duplicates.items())[:LISTED]:
            out.append(f"  duplicate: {', '.join(dropped)} repeat {kept} (one page built)")
        if len(self.duplicates) > LISTED:
            out.append(f"  ... {len(self.duplicates) - LISTED} more duplicates (see kurasi/index.md)")
        for ids, what in ((self.off_topic, "stunting only in passing"), (self.no_topic, "stunting not mentioned, not listed")):
            if ids:
                more = f" and {len(ids) - LISTED} more (see kurasi/index.md)" if len(ids) > LISTED else ""
                out.append(f"  {what}: {', '.join(ids[:LISTED])}{more}")
        if self.leftovers:
            out.append(f"  removed {self.leftovers} temporary files an interrupted build left")
        if self.write and self.write.refused:
            out.append(f"  not overwritten (hand-written files): {', '.join(self.write.refused)}")
        return out


def build(config: BuildConfig) -> BuildReport:
    if not config.seeds.is_dir():
        raise BuildError(f"{config.seeds}: seeds folder not found")
    try:
        with docs_lock(config.docs):
            return _build(config)
    except TimeoutError as exc:
        raise BuildError(str(exc)) from exc
    except OSError as exc:
        raise BuildError(f"{config.docs}: cannot write the docs folder ({exc.strerror or exc})") from exc


def _build(config: BuildConfig) -> BuildReport:
    version = code_version(config.data, (config.site, str(config.taxonomy)))
    fingerprint = seeds_fingerprint(config.seeds)
    owned = read_manifest(config.docs)
    last = unchanged_report(config.docs, version, fingerprint, owned)
    if last is not None:
        last.write = WriteResult(unchanged=len(owned))
        return last
    forget_stamp(config.docs)
    leftovers = remove_leftovers(config.docs)
    try:
        kb_data = Knowledge.load(config.data, config.taxonomy)
    except TaxonomyError as exc:
        raise BuildError(str(exc)) from exc
    cache = BuildCache.load(config.docs, version)

    report = BuildReport(seeds_dir=str(config.seeds))
    report.leftovers = len(leftovers)
    folder = read_folder(config.seeds)
    report.problems.extend(folder.problems)
    slugs = {s.id: article_slug(s.id) for s in folder.seeds}
    articles: list[Article] = []
    extracted: dict[str, tuple[str, Article | None, list]] = {}
    keys = {seed.id: digest(seed.file, seed.text, seed.front_matter, seed.overrides) for seed in folder.seeds}
    todo = [s for s in folder.seeds if cache.articles.get(s.id, ("",))[0] != keys[s.id]]
    fresh = extract_all(todo, kb_data, slugs)
    for seed in folder.seeds:
        key = keys[seed.id]
        if seed.id in fresh:
            article, problems, cache.samples[key] = fresh[seed.id]
        else:
            _, article, problems = cache.articles[seed.id]
            if article is not None and article.slug != slugs[seed.id]:
                article = replace(article, slug=slugs[seed.id])
        extracted[seed.id] = (key, article, problems)
        report.problems.extend(problems)
        if article is not None:
            articles.append(article)
    samples = {a.id: cache.samples[keys[a.id]] for a in articles if keys[a.id] in cache.samples}
    articles, report.duplicates = merge_duplicates(articles, samples)
    kb, unplaced = KnowledgeBase.build(articles, kb_data.taxonomy, kb_data.gazetteer)
    if unplaced:
        report.problems.extend(unplaced)
        dropped = {p.file for p in unplaced}
        articles = [a for a in articles if a.file not in dropped]
    report.built = [a.id for a in articles]
    report.off_topic = [a.id for a in articles if a.relevance == "mention"]
    report.no_topic = [a.id for a in articles if a.relevance == "none"]
    report.no_region = [a.id for a in articles if not a.provinces]
    report.no_date = [a.id for a in articles if a.date is None]
    cache.written.update(read_journal(config.docs))
    memo = PageMemo(config.docs, cache.pages, owned, cache.written)
    article_digests = {a.id: digest(keys[a.id], a.slug, a.duplicates, a.duplicate_outlets) for a in articles}
    glossary = load_glossary(config.data / "glossary.yml")
    renderer = Renderer(kb, config.site, memo=memo, digests=article_digests, glossary=glossary,
                        compiled=config.docs / CACHE_DIR / "templates")
    pages = renderer.pages()
    pages["data/index.md"] = lambda: renderer.html_page("data_index.html.j2", "data/index.md", {"title": "Data"})
    for more in (renderer.feeds(), renderer.glossary(glossary),
                 renderer.search_language(search_words(config.data / "search_id.yml", kb_data.gazetteer))):
        pages.update({path: functools.partial(str, text) for path, text in more.items()})
    sources = {a.source_path: a.file for a in articles}  # a failed article page is reported under its seed file
    guard = PageGuard(report, memo, sources)
    files: dict[str, Callable[[], Content]] = {
        path: functools.partial(guard.render, path, functools.partial(_utf8, pages[path])) for path in sorted(pages)}
    files["data/articles.json"] = lambda: export.articles_json(articles, cache.records, article_digests)
    files["data/articles.csv"] = lambda: export.articles_csv(articles)
    files["data/figures.csv"] = lambda: export.figures_csv(articles)
    # Written last: they show the report, which pages that fail to render add to.
    report_pages: dict[str, LazyPage] = {
        "kurasi/index.md": lambda: renderer.page("curator.md.j2", "kurasi/index.md", {"title": "Catatan kurasi"}, report=report),
        HOME_SNIPPET: lambda: renderer.snippet("home.md.j2", "index.md", report=report),
    }
    for path, page in report_pages.items():
        files[path] = functools.partial(guard.render, path, functools.partial(_utf8, page))
    files["data/build-report.json"] = lambda: (json.dumps(report.as_dict(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    # Only pages whose inputs changed are worth sending to workers (after one edit, a few dozen).
    workers = _render_ahead(files, guard, [p for p in files if p in pages and memo.previous.get(p) != memo.current.get(p, "")])
    def edited(path: str) -> None:
        report.problems.append(Problem(path, f"generated page changed by hand since the last build; replaced "
                                             f"(the edited copy is kept in {(REPLACED / path).as_posix()})", stage="write"))

    try:
        report.write = write_tree(config.docs, files, cache.written, edited)
        cache.written = report.write.stats
        cache.fingerprint = fingerprint if not report.write.refused else ""
        cache.report = report
        cache.articles = extracted
        cache.samples = {keys[i]: sample for i, sample in samples.items() if i in keys}
        cache.pages = memo.current
        cache.save(config.docs)
        forget_journal(config.docs)
    except OSError as exc:
        raise BuildError(f"{config.docs}: cannot write the docs folder ({exc.strerror or exc})") from exc
    finally:
        if workers is not None:
            workers.terminate()
    return report


class PageGuard:
    """Renders a page so that its failure is reported and the rest of the site still built.

    A page that raises is replaced by a short page that says so (links to it keep
    working, `mkdocs build --strict` stays green), its failure goes into the
    report under the seed file it came from, and it is not remembered as done:
    the next build tries it again."""

    def __init__(self, report: BuildReport, memo: PageMemo, sources: dict[str, str]):
        self.report = report
        self.memo = memo
        self.sources = sources

    def render(self, path: str, make: Callable[[], bytes | None]) -> bytes | None:
        data, failure = render_safely(make)
        return data if failure is None else self.failed(path, failure)

    def failed(self, path: str, failure: str) -> bytes:
        self.memo.current.pop(path, None)
        file = self.sources.get(path, path)
        self.report.problems.append(Problem(file, f"page {path} not rendered ({failure})", stage="render"))
        return fallback_page(path, failure)


def render_safely(make: Callable[[], bytes | None]) -> tuple[bytes | None, str | None]:
    """A page's bytes, or the one-line reason it could not be made (picklable, for worker processes)."""
    try:
        return make(), None
    except Exception as exc:  # noqa: BLE001 - one page must not stop the site
        return None, one_line(exc)


def fallback_page(path: str, failure: str) -> bytes:
    """What stands in for a page that failed: valid for its kind of file, and saying why (in Indonesian)."""
    if path.endswith(".md"):
        reason = json.dumps(failure, ensure_ascii=True)
        return (f"---\ntitle: Halaman tidak dapat dibuat\nkb_failed: {reason}\n---\n\n"
                "# Halaman tidak dapat dibuat\n\n"
                "Pembangkit gagal membuat halaman ini; bagian lain situs tetap dibangun. "
                "Rinciannya ada di catatan kurasi.\n").encode("utf-8")
    if path.endswith(".xml"):
        return b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>-</title><link>-</link><description>-</description></channel></rss>\n'
    if path.endswith(".json"):
        return b"{}\n"
    return b""


def _utf8(page: LazyPage) -> bytes | None:
    text = page()
    return None if text is None else text.encode("utf-8")


# Below this many seeds to extract, starting worker processes costs more than it saves.
PARALLEL_FROM = 400


def extract_all(seeds: list, kb_data: Knowledge, slugs: dict[str, str]) -> dict[str, tuple[Article, list, list[int]]]:
    """Extraction of many seeds spread over the machine's cores (order and results as in one process):
    each seed's article, its problems, and the shingle sample duplicate search needs."""
    workers = min(os.cpu_count() or 1, 8)
    if len(seeds) < PARALLEL_FROM or workers < 2:
        return {s.id: _extract_one(s, kb_data, slugs[s.id]) for s in seeds}
    import multiprocessing

    chunks = [seeds[i::workers] for i in range(workers)]
    # spawn, not fork: under `mkdocs serve` the process has threads (watcher, server).
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(kb_data, slugs)) as pool:
        parts = pool.map(_extract_chunk, chunks)
    return {seed_id: result for part in parts for seed_id, result in part}


_WORKER: dict = {}  # in a worker process only: its copy of the domain data


def _init_worker(kb_data: Knowledge, slugs: dict[str, str]) -> None:
    _WORKER.update(kb=kb_data, slugs=slugs)


def _extract_chunk(seeds: list) -> list:
    return [(s.id, _extract_one(s, _WORKER["kb"], _WORKER["slugs"][s.id])) for s in seeds]


def _extract_one(seed, kb_data: Knowledge, slug: str) -> tuple[Article | None, list, list[int]]:
    """One seed's extraction; a failure is that seed's problem, never the build's."""
    try:
        article, problems = extract_article(seed, kb_data, slug)
        return article, problems, shingle_sample(_shingles(article))
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the others
        return None, [Problem(seed.file, f"skipped: extraction failed ({one_line(exc)})", level="skipped", stage="extract")], []


def _render_ahead(files: dict[str, Callable[[], Content]], guard: PageGuard, paths: list[str]):
    """Render the pages `paths` in forked worker processes, which share the knowledge
    base with this one, on every core; write_tree then takes each page in its order.
    Returns the pool to terminate, or None when pages are rendered here: few pages,
    one core, no fork (not Linux), or threads (`mkdocs serve`), which fork must not copy."""
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_FROM or workers < 2 or not _fork_is_safe():
        return None
    import multiprocessing

    # Workers render without the guard: a failure comes back as its reason, and the
    # guard here records it (a worker's report would be lost with the worker).
    _WORKER["pages"] = {p: files[p].args[1] for p in paths}  # inherited by the forked workers
    try:
        pool = multiprocessing.get_context("fork").Pool(workers)
    except OSError:  # no processes to be had: render here
        return None
    finally:
        del _WORKER["pages"]
    results = pool.imap(_render_page, paths, chunksize=16)
    done: dict[str, tuple[bytes | None, str | None]] = {}

    def take(path: str) -> bytes | None:
        while path not in done:
            rendered, data, failure = next(results)
            done[rendered] = (data, failure)
        data, failure = done.pop(path)
        return data if failure is None else guard.failed(path, failure)
    for path in paths:
        files[path] = functools.partial(take, path)
    return pool


def _fork_is_safe() -> bool:
    return sys.platform == "linux" and threading.active_count() == 1


def _render_page(path: str) -> tuple[str, bytes | None, str | None]:
    return (path, *render_safely(_WORKER["pages"][path]))


_TERM = re.compile(r"^[\w][\w .-]*$")


def load_glossary(path: Path) -> dict[str, str]:
    """Glossary terms; a term the abbreviation syntax cannot hold is left out."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise BuildError(f"{path}: invalid glossary file ({exc})") from exc
    return {str(k): str(v) for k, v in sorted(raw.items(), key=lambda kv: str(kv[0]).lower()) if _TERM.match(str(k))}


def search_words(path: Path, gaz) -> dict[str, list[str]]:
    """Roots, protected words (ours and every place name's words) and stop words for the search."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    words = {key: set(str(raw.get(key) or "").lower().split()) for key in ("roots", "protect", "stop")}
    names = list(gaz.names) + [r.name.lower().replace("-", " ") for r in gaz.regions.values()]
    for name in names:
        words["protect"].update(name.split())
        words["protect"].add(name.replace(" ", ""))
    return {key: sorted(w for w in values if w.isalnum()) for key, values in words.items()}


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
            mine = _shingles(a)
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
                mine = _shingles(a)
            if _jaccard(mine, _shingles(by_id[other])) >= 0.7:
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


def _shingles(a: Article) -> set[int]:
    words = re.findall(r"\w+", " ".join(a.paragraphs).lower())
    grams = {" ".join(words[i:i + 5]) for i in range(max(len(words) - 4, 1))}
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big") for g in grams}


def _jaccard(x: set[int], y: set[int]) -> float:
    return len(x & y) / len(x | y) if x or y else 0.0
