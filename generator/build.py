"""The pipeline: read -> extract -> dedupe -> index -> render -> write, one line each.

`build()` is what both the command line and the MkDocs hook call. The output
folder's state (`state.OutputState`: what the last build knew and wrote) wraps
around the stages: it says which seeds to extract and which pages to make
again, and writes them; switched off, the same stages run on everything.
Worker processes share out extraction and rendering.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

from . import urls
from .config import BuildConfig
from .dedupe import merge_duplicates, shingle_sample, shingles
from .errors import BuildError, one_line
from .extract import extract_article
from .incremental.templates import COMPILED
from .incremental.workers import ForkedMap, fork_is_safe, map_spawned, worker_count
from .index import KnowledgeBase, RelatedMemo
from .model import Problem, Seed
from .read import read_folder
from .reference import Reference
from .render.pages import PageTable
from .render.renderer import Renderer
from .render.site import PageFailed, PageGuard, site_outputs
from .report import BuildReport
from .sanitize import MOJIBAKE_REPAIRED
from .state import Extraction, Memory, OutputState
from .write import Output, output_lock, remove_leftovers


def build(config: BuildConfig, memory: Memory | None = None) -> BuildReport:
    """Build the output folder from the seeds. `memory`, kept by a long-lived caller
    (the plugin under `mkdocs serve`) from one build to the next, spares reading back
    what the last build knew; the output is the same with or without it."""
    if not config.seeds.is_dir():
        raise BuildError(f"{config.seeds}: folder sumber tidak ditemukan")
    try:
        with output_lock(config.output):
            return _build(config, memory)
    except TimeoutError as exc:
        raise BuildError(str(exc)) from exc
    except OSError as exc:
        raise BuildError(f"{config.output}: folder keluaran tidak dapat ditulis ({exc.strerror or exc})") from exc


def _build(config: BuildConfig, memory: Memory | None) -> BuildReport:
    state = OutputState(config, memory)
    last = state.unchanged()
    if last is not None:
        return last
    report = BuildReport(seeds_dir=str(config.seeds), leftovers=len(remove_leftovers(config.output)),
                         notes=settings_notes(config))
    memo = state.memory
    ref = memo.keep("reference", lambda: Reference.load(config.data, config.taxonomy))
    folder = read_folder(config.seeds, memo.keep("seeds", dict) if state.enabled else None)
    slugs = {s.id: urls.article_slug(s.id) for s in folder.seeds}
    extracted = state.extract(folder.seeds, slugs, SeedExtractor(ref, slugs, config, report))
    articles, duplicates = merge_duplicates(extracted.articles, extracted.samples)
    kb, unplaced = KnowledgeBase.build(articles, ref.taxonomy, ref.gazetteer, ref.publishing,
                                       memo.keep("related", RelatedMemo) if state.enabled else None)
    report.record([*state.problems, *folder.problems, *extracted.problems, *unplaced], duplicates, kb.every)
    digests = state.article_digests(kb.every, extracted.keys)
    table = PageTable(Renderer(kb, ref, config.site, config.templates, COMPILED if config.incremental else None), digests)
    report.search_prebuilt = table.renderer.search_prebuilt
    outputs = state.skip_fresh(site_outputs(table, kb.every, digests, state.records, report,
                                            memo.keep("outputs", dict) if state.enabled else None))
    guard = PageGuard(report)
    with render_ahead(outputs, state.changed(outputs), config, report) as ahead:
        report.write = state.write(guard.wrap(ahead), report.problems)
    state.save(report, report.write, guard.failed)
    return report


def site_dir_problem(site_dir: str | Path, project: str | Path | None = None) -> str | None:
    """Why MkDocs must not build into `site_dir`, or None. MkDocs empties its site folder
    before a build: were it a link (a symlink, a Windows junction), or inside a linked
    folder of the project, the files of the folder it points to would go."""
    site = Path(os.path.abspath(site_dir))
    top = Path(os.path.abspath(project)) if project is not None else None
    folder = site
    while folder != top:
        if folder.is_symlink() or getattr(folder, "is_junction", lambda: False)():
            what = "site_dir" if folder == site else f"folder {folder} (induk site_dir)"
            return (f"{what} adalah tautan ke {os.path.realpath(folder)}: MkDocs mengosongkan folder situs sebelum "
                    f"membangun, jadi isi folder tujuan tautan itu akan terhapus. Pembangunan dihentikan; hapus tautan "
                    f"{folder} atau atur site_dir ke folder biasa.")
        if top is None or top not in folder.parents:
            return None
        folder = folder.parent
    return None


def settings_notes(config: BuildConfig) -> list[str]:
    """What a person publishing the site should know about its settings."""
    notes = []
    if config.site.directory_urls and not config.site.site_url:
        notes.append("peringatan: SITE_URL tidak diset, jadi umpan berita (feed.xml, feed.json) memakai tautan relatif; "
                     "atur SITE_URL (atau site_url di mkdocs.yml) sebelum menerbitkan")
    if not MOJIBAKE_REPAIRED:
        notes.append("peringatan: pustaka ftfy tidak terpasang, jadi teks yang salah kode (UTF-8 terbaca sebagai "
                     "Latin-1) tidak diperbaiki; pasang proyek dengan perintah di README")
    return notes


class SeedExtractor:
    """Extracts seeds, spread over worker processes when there are many (order and
    results as in one process), and says in the report how many it used."""

    def __init__(self, ref: Reference, slugs: dict[str, str], config: BuildConfig, report: BuildReport):
        self.shared, self.config, self.report = (ref, slugs), config, report

    def __call__(self, seeds: list[Seed]) -> dict[str, Extraction]:
        workers = worker_count(self.config.workers)
        if len(seeds) < self.config.parallel_from or workers < 2:
            return {s.id: extract_one(self.shared, s) for s in seeds}
        self.report.workers["extraction"] = workers
        return dict(zip((s.id for s in seeds), map_spawned(extract_one, self.shared, seeds, workers,
                                                                 warn=self.report.notes.append)))


def extract_one(shared: tuple[Reference, dict[str, str]], seed: Seed) -> Extraction:
    """One seed's article, its problems, and the shingle sample dedupe needs; a failure
    is that seed's problem, never the build's."""
    ref, slugs = shared
    try:
        article, problems = extract_article(seed, ref, slugs[seed.id])
        return article, problems, shingle_sample(shingles(article))
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the others
        return None, [Problem(seed.file, f"dilewati: ekstraksi gagal ({one_line(exc)})", level="skipped", stage="extract")], []


class render_ahead:
    """Pages `paths` made by forked worker processes, which share the knowledge base
    with this one; write_tree then takes each in its turn. Nothing forked for few
    pages, one worker, no fork (not Linux) or threads (`mkdocs serve`)."""

    def __init__(self, outputs: list[Output], paths: list[str], config: BuildConfig, report: BuildReport):
        self.outputs, self.pool = outputs, None
        workers = worker_count(config.workers)
        if len(paths) < config.parallel_from or workers < 2 or not fork_is_safe():
            return
        makers = {o.path: o.make for o in outputs}
        try:
            self.pool = ForkedMap(lambda path: _made(makers[path]), paths, workers, warn=report.notes.append)
        except OSError:  # no processes to be had: made here
            return
        report.workers["pages"] = workers
        wanted = set(paths)
        self.outputs = [Output(o.path, functools.partial(self._take, o.path), o.key, o.source) if o.path in wanted else o
                        for o in outputs]

    def _take(self, path: str) -> bytes:
        data, failure = self.pool.take(path)
        if failure is not None:
            raise PageFailed(failure)
        return data

    def __enter__(self) -> list[Output]:
        return self.outputs

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.close()


def _made(make) -> tuple[bytes | None, str | None]:
    """A page's bytes, or the one-line reason it could not be made (picklable, from a worker)."""
    try:
        return make(), None
    except Exception as exc:  # noqa: BLE001 - the guard here reports it
        return None, one_line(exc)
