"""Benchmark: the generator and the site at 1,000 / 5,000 / 10,000 articles, against a bare Material site.

    python bench/run.py                      # 1000,5000,10000: every target of issue 24 (and the earlier ones)
    python bench/run.py --sizes 1000 --quick # one size, no browser, no preview
    python bench/run.py --sizes 100000       # the 100,000-article targets (preview, memory)

Every measurement runs a whole process (time and peak RSS from wait4; the peak
memory of the whole process tree, workers included, sampled from /proc). The
reference, measured in the same run on the same article texts, is a bare
Material site: one page per article, articles not in the nav. Results are
printed as one table per size, then one table of targets (each judged "met" or
"not met" at the size it names, with the bare-Material reference beside it),
and written as JSON (bench/results/latest.json).
Nothing here is a unit test: targets are reported, not asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from corpus import RARE_WORD, write_corpus  # noqa: E402

PY = sys.executable
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")  # the checkout's plugin added in main() (this_checkout)
# Python as users run it keeps compiled modules (.pyc): where the environment says not to
# (this workplace's machines do), every process would compile the generator again, half a
# second that a user never pays.
ENV.pop("PYTHONDONTWRITEBYTECODE", None)
# The seed both edit measurements change (the generator alone, and `mkdocs serve`):
# one word of its lead paragraph, which every synthetic article has (bench/corpus.py).
EDITED_PHRASE = "terus memperkuat"
# What the README tells users to run for a large knowledge base: MkDocs then builds
# again only the pages whose files changed. Plain `mkdocs serve` renders every page
# again after each save (MkDocs 1.6), which no edit target can survive at 10,000.
SERVE = ["-m", "mkdocs", "serve", "--dirty"]


def this_checkout(work: Path) -> dict[str, str]:
    """What every measured process imports: this checkout's generator and plugin.

    Installed as the README says (`pip install -e .`), MkDocs finds the plugin
    by its entry point. In an environment where it is not (an engineer's shared
    venv), PYTHONPATH puts this checkout first and a registration of its entry
    point (as an install writes it) beside it, as tests/conftest.py does."""
    from importlib.metadata import distributions
    import importlib.util
    import tomllib

    spec = importlib.util.find_spec("generator")
    ours = spec is not None and spec.origin is not None and Path(spec.origin).resolve().is_relative_to(ROOT)
    registered = any(ep.group == "mkdocs.plugins" and ep.name == "stunting-kb"
                     for dist in distributions() for ep in dist.entry_points)
    if ours and registered:
        return {}
    # Absolute: MkDocs runs in the projects' folders.
    info = work.resolve() / "plugin-registration" / "stunting_kb_checkout-0.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    points = project["entry-points"]["mkdocs.plugins"]
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: stunting-kb-checkout\nVersion: 0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[mkdocs.plugins]\n" + "".join(f"{k} = {v}\n" for k, v in points.items()),
                                           encoding="utf-8")
    path = [str(ROOT), str(info.parent), os.environ.get("PYTHONPATH", "")]
    return {"PYTHONPATH": os.pathsep.join(p for p in path if p)}


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float  # the largest single process (wait4: the child or a descendant it waited for)
    peak_tree_mb: float  # the whole process tree at once (sampled PSS: shared pages counted once)
    returncode: int


def run(cmd: list[str], cwd: Path, env: dict | None = None) -> Run:
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=err)
        sampler = TreeMemory(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stop()
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            print(err.read().decode("utf-8", "replace")[-2000:], file=sys.stderr)
    return Run(round(seconds, 2), round(usage.ru_maxrss / 1024, 1), round(sampler.peak_kb / 1024, 1), code)


class TreeMemory:
    """Peak memory of a process and all its descendants together, sampled twice a second.

    wait4's ru_maxrss is the largest single process: the generator's extraction
    workers are separate processes, and what a build needs is their sum. PSS
    (proportional set size) counts a page shared by forked workers once in all."""

    INTERVAL = 0.5

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._done.is_set():
            self.peak_kb = max(self.peak_kb, sum(_memory_kb(p) for p in _process_tree(self.pid)))
            self._done.wait(self.INTERVAL)


def _process_tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            pass  # gone meanwhile, or no /proc: nothing to add
    return pids


def _memory_kb(pid: int) -> int:
    for path, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(path, encoding="ascii") as fh:
                for line in fh:
                    if line.startswith(key):
                        return int(line.split()[1])
        except (OSError, ValueError):
            continue
    return 0


@dataclass
class Result:
    articles: int  # synthetic + real texts
    synthetic: int = 0  # the size asked for (--sizes): the one targets name
    load_average: float = 0  # 1-minute load when this size started: other work on the 2 cores
    generator_cold_s: float = 0
    generator_articles_per_s: float = 0
    generator_peak_rss_mb: float = 0
    generator_peak_tree_mb: float = 0
    unchanged_s: float = 0
    unchanged_rewrites: int = -1
    one_edit_s: float = 0
    site_build_s: float = 0
    site_peak_rss_mb: float = 0
    site_peak_tree_mb: float = 0
    html_pages: int = 0
    site_mb: float = 0
    kb_per_article_page: float = 0
    search_index_mb: float = 0
    prebuilt_index_mb: float | None = None
    ref_build_s: float = 0
    ref_peak_rss_mb: float = 0
    ref_peak_tree_mb: float = 0
    ref_pages: int = 0
    ref_pages_per_s: float = 0
    per_page_ms: float = 0
    ref_per_page_ms: float = 0
    per_page_ratio: float = 0
    # The full build without the generator's cold run: what MkDocs and Material cost on our pages.
    mkdocs_per_page_ms: float = 0
    mkdocs_ratio: float = 0
    preview: dict = field(default_factory=dict)  # ours under `mkdocs serve --dirty` (measure_preview)
    ref_preview: dict = field(default_factory=dict)  # the bare Material site, the same way
    search: dict = field(default_factory=dict)

    @property
    def preview_s(self) -> float | None:
        return _slower(self.preview)

    @property
    def ref_preview_s(self) -> float | None:
        return _slower(self.ref_preview)


def _slower(preview: dict) -> float | None:
    """A preview's figure: the slower of its two saves (the edit, then its undo)."""
    times = [preview.get("edit_s"), preview.get("undo_s")]
    return None if None in times else max(times)


def make_project(work: Path, seeds: Path) -> Path:
    project = work / "site-project"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    # The generator is the installed plugin (README); its theme files and Tentang page come with it.
    (project / "seeds").symlink_to(seeds)
    docs = project / "docs"
    docs.mkdir()
    shutil.copy(ROOT / "docs" / "index.md", docs / "index.md")
    return project


def make_reference(work: Path, seeds: Path) -> Path:
    """A bare Material site of the same article texts: one page each, not in the nav."""
    ref = work / "reference"
    if ref.exists():
        shutil.rmtree(ref)
    (ref / "docs" / "a").mkdir(parents=True)
    (ref / "docs" / "index.md").write_text("# Referensi\n", encoding="utf-8")
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        body = "\n\n".join(lines)
        (ref / "docs" / "a" / (path.stem + ".md")).write_text(f"# {path.stem}\n\n{body}\n", encoding="utf-8")
    (ref / "mkdocs.yml").write_text(
        "site_name: Referensi\ntheme:\n  name: material\n  language: id\n  font: false\n"
        "plugins:\n  - search\nnav:\n  - index.md\nnot_in_nav: |\n  /a/\n", encoding="utf-8")
    return ref


def html_pages(site: Path) -> int:
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html")


def folder_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20, 1)


def snapshot(docs: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in docs.rglob("*")
            if p.is_file() and ".cache" not in p.parts}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def with_word(text: str, word: str) -> str:
    """The seed (or reference page) with one word of its lead paragraph changed to `word`."""
    out = text.replace(EDITED_PHRASE, f"{word} memperkuat", 1)
    if out == text:
        raise ValueError(f"{EDITED_PHRASE!r} not in the edited text")
    return out


def measure_preview(project: Path, edited_file: Path, page: str, articles: int) -> dict:
    """`mkdocs serve --dirty` in `project`: seconds from saving `edited_file` with a new word
    to the served `page` showing it (edit_s), then from saving it back to the page showing
    the old text (undo_s); also, from its log, when MkDocs' watcher noticed each save and
    how long MkDocs says the rebuild took, and how long the server took to start (its
    first build, before it answers at all)."""
    port = free_port()
    proc = subprocess.Popen([PY, *SERVE, "-a", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    log = ServeLog(proc)
    url = f"http://127.0.0.1:{port}/{page}"
    original = edited_file.read_text(encoding="utf-8")
    out: dict = {}
    try:
        start = time.perf_counter()
        # MkDocs builds the whole site before it listens (minutes at 10,000 articles):
        # its "Serving on" line says the first build is done and the watcher started.
        if not log.wait_for("Serving on", 600 + 0.03 * articles):
            out["error"] = "no server: " + log.tail()
            return out
        out["serve_start_s"] = round(time.perf_counter() - start, 2)
        if not _wait_for(url, lambda body: True, 60, proc):
            out["error"] = f"{page} not served: " + log.tail()
            return out
        # The watcher takes its first listing of the folders in a thread of its own,
        # after the server answers: a save before that listing would never be seen.
        time.sleep(3)
        # A word in no text (letters only: digits could read as a figure), new at every run.
        marker = "sunting" + "".join(chr(ord("a") + int(d)) for d in str(time.time_ns())[-9:])
        patience = 120 + 0.01 * articles
        for name, text, shown in (("edit", with_word(original, marker), True), ("undo", original, False)):
            saved = time.perf_counter()
            edited_file.write_text(text, encoding="utf-8")
            if not _wait_for(url, lambda body: (marker in body) == shown, patience, proc):
                out["error"] = f"{name}: page unchanged after {patience:.0f} s: " + log.tail()
                return out
            out[f"{name}_s"] = round(time.perf_counter() - saved, 2)
            noticed = log.first_after("Detected file changes", saved)
            out[f"{name}_noticed_s"] = round(noticed - saved, 2) if noticed is not None else None
            # MkDocs' own figure for the rebuild (the generator runs inside it, in on_pre_build).
            built = re.search(r"Documentation built in ([\d.]+) seconds", log.line_after("Documentation built in", saved))
            out[f"{name}_rebuild_s"] = float(built.group(1)) if built else None
        return out
    finally:
        if edited_file.read_text(encoding="utf-8") != original:
            edited_file.write_text(original, encoding="utf-8")
        # Ctrl-C, as a user stops it: MkDocs then deletes its temporary site folder.
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.join()


class ServeLog:
    """The lines `mkdocs serve` logs, each with the moment it arrived (perf_counter)."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.lines: list[tuple[float, str]] = []
        self.ended = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(proc.stdout,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        for raw in stream:
            with self._cond:
                self.lines.append((time.perf_counter(), raw.decode("utf-8", "replace").rstrip()))
                self._cond.notify_all()
        with self._cond:
            self.ended = True  # the process has gone
            self._cond.notify_all()

    def wait_for(self, text: str, timeout: float) -> bool:
        """Whether a line with `text` came within `timeout` seconds (False at once if the process ended)."""
        with self._cond:
            self._cond.wait_for(lambda: self.ended or any(text in line for _, line in self.lines), timeout)
            return any(text in line for _, line in self.lines)

    def first_after(self, text: str, moment: float) -> float | None:
        with self._cond:
            return next((t for t, line in self.lines if t >= moment and text in line), None)

    def line_after(self, text: str, moment: float) -> str:
        with self._cond:
            return next((line for t, line in self.lines if t >= moment and text in line), "")

    def tail(self) -> str:
        with self._cond:
            return " | ".join(line for _, line in self.lines[-6:] if line)[-600:]

    def join(self) -> None:
        self._thread.join(timeout=10)


def _wait_for(url: str, check, timeout: float, proc=None) -> bool:
    end = time.time() + timeout
    while time.time() < end:
        if proc is not None and proc.poll() is not None:
            return False  # the server died
        try:
            body = urllib.request.urlopen(url, timeout=5).read().decode("utf-8", "replace")
            if check(body):
                return True
        except Exception:  # noqa: BLE001 - not up yet
            pass
        time.sleep(0.1)
    return False


def measure_search(site: Path, query: str = "posyandu") -> dict:
    """In headless Chromium, on a site served over HTTP: from page load to Material's search
    being ready, and to the first results; then, on a fresh cold page, from the first
    keystroke of a word found only in the last paragraph of one article to its result,
    and the megabytes transferred by then."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import browser_context
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    served = [0]  # bytes of the files the server sent (what the browser transferred)

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            super().do_GET()
            path = Path(self.translate_path(self.path))
            path = path / "index.html" if path.is_dir() else path
            if path.is_file():
                served[0] += path.stat().st_size

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    out: dict = {}
    try:
        with browser_context() as context:
            page = context.new_page()
            page.goto(url, wait_until="load")
            loaded = time.perf_counter()
            page.keyboard.press("/")
            page.wait_for_function("() => { const m = document.querySelector('.md-search-result__meta');"
                                   " return m && !/Mempersiapkan|Initializing/.test(m.textContent); }", timeout=120000)
            out["ready_s"] = round(time.perf_counter() - loaded, 2)
            start = time.perf_counter()
            page.type("input[data-md-component=search-query]", query)
            page.wait_for_selector(".md-search-result__item", timeout=60000)
            out["first_results_s"] = round(time.perf_counter() - start, 2)
        with browser_context() as context:
            page = context.new_page()
            served[0] = 0
            page.goto(url, wait_until="load")
            start = time.perf_counter()
            page.keyboard.press("/")
            page.type("input[data-md-component=search-query]", RARE_WORD)
            # Its result, not the results of the first letters typed.
            try:
                page.wait_for_function("(w) => [...document.querySelectorAll('.md-search-result__item mark')]"
                                       ".some(m => m.textContent.toLowerCase().startsWith(w))", arg=RARE_WORD.lower(),
                                       timeout=60000)
                out["rare_word_s"] = round(time.perf_counter() - start, 2)
                out["rare_word_found"] = page.locator(".md-search-result__item").count()
            except PlaywrightTimeout:
                # Not in the index: Material's lunr index of a site above 1,000 articles
                # holds each article's lead only (generator/config.py), and the word is in a last paragraph.
                out["rare_word_s"], out["rare_word_found"] = None, 0
            out["transferred_mb"] = round(served[0] / 2**20, 2)
        return out
    finally:
        server.shutdown()


def bench_size(n: int, work: Path, args) -> Result:
    res = Result(articles=n, synthetic=n, load_average=round(os.getloadavg()[0], 2))
    seeds = work / "seeds"
    if seeds.exists():
        shutil.rmtree(seeds)
    count = write_corpus(seeds, n, Path(args.real) if args.real else None)
    res.articles = count
    print(f"\n== {count} articles (load average {res.load_average})", flush=True)

    docs = work / "gen-docs"
    shutil.rmtree(docs, ignore_errors=True)
    r = run([PY, "-m", "generator", "build", "--seeds", str(seeds), "--docs", str(docs)], ROOT)
    res.generator_cold_s, res.generator_peak_rss_mb, res.generator_peak_tree_mb = r.seconds, r.peak_rss_mb, r.peak_tree_mb
    res.generator_articles_per_s = round(count / r.seconds, 1)
    print(f"generator cold: {r.seconds} s, {res.generator_articles_per_s} articles/s, {r.peak_rss_mb} MB "
          f"(process tree {r.peak_tree_mb} MB)", flush=True)
    before = snapshot(docs)
    r = run([PY, "-m", "generator", "build", "--seeds", str(seeds), "--docs", str(docs)], ROOT)
    after = snapshot(docs)
    res.unchanged_s = r.seconds
    res.unchanged_rewrites = sum(1 for k, v in after.items() if before.get(k) != v) + len(set(before) - set(after))
    seed = seeds / "bench_00001.txt"
    original = seed.read_text(encoding="utf-8")
    seed.write_text(with_word(original, "kembali"), encoding="utf-8")
    res.one_edit_s = run([PY, "-m", "generator", "build", "--seeds", str(seeds), "--docs", str(docs)], ROOT).seconds
    seed.write_text(original, encoding="utf-8")
    print(f"generator unchanged: {res.unchanged_s} s ({res.unchanged_rewrites} files rewritten); one edit: {res.one_edit_s} s",
          flush=True)

    project = make_project(work, seeds)
    r = run([PY, "-m", "mkdocs", "build", "-q", "-d", "site"], project)
    site = project / "site"
    res.site_build_s, res.site_peak_rss_mb, res.site_peak_tree_mb = r.seconds, r.peak_rss_mb, r.peak_tree_mb
    res.html_pages = html_pages(site)
    res.site_mb = folder_mb(site)
    article_pages = list((site / "artikel").glob("*/index.html"))
    res.kb_per_article_page = round(sum(p.stat().st_size for p in article_pages) / max(len(article_pages), 1) / 1024, 1)
    res.search_index_mb = round((site / "search" / "search_index.json").stat().st_size / 2**20, 1)
    if (site / "search" / "kb").is_dir():
        res.prebuilt_index_mb = folder_mb(site / "search" / "kb")
    print(f"site build: {r.seconds} s, {r.peak_rss_mb} MB (process tree {r.peak_tree_mb} MB), {res.html_pages} pages, "
          f"{res.site_mb} MB", flush=True)

    ref = make_reference(work, seeds)
    r = run([PY, "-m", "mkdocs", "build", "-q", "-d", "site"], ref)
    res.ref_build_s, res.ref_peak_rss_mb, res.ref_peak_tree_mb = r.seconds, r.peak_rss_mb, r.peak_tree_mb
    res.ref_pages = html_pages(ref / "site")
    res.ref_pages_per_s = round(res.ref_pages / r.seconds, 1)
    res.per_page_ms = round(res.site_build_s / res.html_pages * 1000, 2)
    res.ref_per_page_ms = round(res.ref_build_s / res.ref_pages * 1000, 2)
    res.per_page_ratio = round(res.per_page_ms / res.ref_per_page_ms, 2)
    res.mkdocs_per_page_ms = round((res.site_build_s - res.generator_cold_s) / res.html_pages * 1000, 2)
    res.mkdocs_ratio = round(res.mkdocs_per_page_ms / res.ref_per_page_ms, 2)
    print(f"reference: {r.seconds} s, {r.peak_rss_mb} MB, {res.ref_pages} pages; per page {res.per_page_ms} ms "
          f"vs {res.ref_per_page_ms} ms = {res.per_page_ratio}x", flush=True)

    # What was left out says so (the targets table shows it).
    skipped = "--quick" if args.quick else None
    res.preview = res.ref_preview = {"skipped": skipped or "--preview-max"}
    if not args.quick and n <= args.preview_max:
        # The same word of the same text, in our seed and in the reference's page.
        res.preview = _reported(measure_preview, project, seeds / "bench_00002.txt", "artikel/bench_00002/", count)
        print(f"preview (mkdocs serve --dirty, one seed edited): {res.preview}", flush=True)
        res.ref_preview = _reported(measure_preview, ref, ref / "docs" / "a" / "bench_00002.md", "a/bench_00002/", count)
        print(f"reference preview (bare Material, one page edited): {res.ref_preview}", flush=True)
    res.search = {"skipped": skipped or "--browser-max"}
    if not args.quick and n <= args.browser_max:
        res.search = {}
        try:
            res.search["id"] = measure_search(site)
            if n <= 5000:  # Material's own search builds its index in the browser: minutes above
                ref_site = project / "site-en"
                env = dict(ENV, KB_SEARCH_LANG="en")
                run([PY, "-m", "mkdocs", "build", "-q", "-d", str(ref_site)], project, env)
                res.search["en"] = measure_search(ref_site)
            print(f"search: {res.search}", flush=True)
        except Exception as exc:  # noqa: BLE001 - a missing browser is reported, not fatal
            res.search["error"] = str(exc)[:200]  # what was measured before it stays
            print(f"search not measured: {exc}", flush=True)
    return res


def _reported(measure, *args) -> dict:
    """A measurement that fails is reported in the results, not fatal: at 10,000
    articles the measurements before it took the best part of an hour."""
    try:
        return measure(*args)
    except Exception as exc:  # noqa: BLE001
        return {"error": f"{type(exc).__name__}: {exc}"[:300]}


def measure_long_line(work: Path) -> dict:
    """A 1 MB seed on one line (a hostile or broken file) against a one-article seeds
    folder, both built cold in the same run: the difference is what the long line costs."""
    from corpus import write_corpus

    normal = work / "long-line" / "normal"
    long = work / "long-line" / "long"
    for folder in (normal, long):
        if folder.exists():
            shutil.rmtree(folder)
    write_corpus(normal, 1)
    one = next(normal.glob("*.txt"))
    text = " ".join(one.read_text(encoding="utf-8").split())
    long.mkdir(parents=True)
    (long / "satu-baris.txt").write_text(((text + " ") * (990_000 // (len(text) + 1) + 1))[:990_000], encoding="utf-8")
    base = run([PY, "-m", "generator", "build", "--seeds", str(normal), "--docs", str(normal.parent / "docs-normal")], ROOT)
    big = run([PY, "-m", "generator", "build", "--seeds", str(long), "--docs", str(long.parent / "docs-long")], ROOT)
    out = {"one_article_s": base.seconds, "one_mb_line_s": big.seconds, "extra_s": round(big.seconds - base.seconds, 2),
           "one_mb_line_peak_rss_mb": big.peak_rss_mb}
    print(f"long line: a 1 MB single-line seed builds in {big.seconds} s, a one-article folder in {base.seconds} s: "
          f"{out['extra_s']} s more (target < 1 s)", flush=True)
    return out


def table(results: list[Result]) -> str:
    rows = [
        ("load average at start (1 min)", lambda r: r.load_average),
        ("generator cold (s)", lambda r: r.generator_cold_s),
        ("generator articles/s", lambda r: r.generator_articles_per_s),
        ("generator peak RSS (MB)", lambda r: r.generator_peak_rss_mb),
        ("generator process tree (MB)", lambda r: r.generator_peak_tree_mb),
        ("unchanged regen (s)", lambda r: r.unchanged_s),
        ("unchanged: files rewritten", lambda r: r.unchanged_rewrites),
        ("one seed edited, regen (s)", lambda r: r.one_edit_s),
        ("full site build (s)", lambda r: r.site_build_s),
        ("site peak RSS (MB)", lambda r: r.site_peak_rss_mb),
        ("site process tree (MB)", lambda r: r.site_peak_tree_mb),
        ("HTML pages", lambda r: r.html_pages),
        ("site size (MB)", lambda r: r.site_mb),
        ("KB per article page", lambda r: r.kb_per_article_page),
        ("search index (MB)", lambda r: r.search_index_mb),
        ("prebuilt search index (MB)", lambda r: r.prebuilt_index_mb),
        ("reference build (s)", lambda r: r.ref_build_s),
        ("reference peak RSS (MB)", lambda r: r.ref_peak_rss_mb),
        ("reference process tree (MB)", lambda r: r.ref_peak_tree_mb),
        ("reference pages", lambda r: r.ref_pages),
        ("per page (ms)", lambda r: r.per_page_ms),
        ("reference per page (ms)", lambda r: r.ref_per_page_ms),
        ("per-page ratio", lambda r: r.per_page_ratio),
        ("MkDocs part per page (ms)", lambda r: r.mkdocs_per_page_ms),
        ("MkDocs part ratio", lambda r: r.mkdocs_ratio),
        ("serve: start-up (s)", lambda r: r.preview.get("serve_start_s")),
        ("serve: edit shown (s)", lambda r: r.preview.get("edit_s")),
        ("serve: edit noticed (s)", lambda r: r.preview.get("edit_noticed_s")),
        ("serve: edit rebuild, MkDocs (s)", lambda r: r.preview.get("edit_rebuild_s")),
        ("serve: undo shown (s)", lambda r: r.preview.get("undo_s")),
        ("reference serve: start-up (s)", lambda r: r.ref_preview.get("serve_start_s")),
        ("reference serve: edit shown (s)", lambda r: r.ref_preview.get("edit_s")),
        ("reference serve: undo shown (s)", lambda r: r.ref_preview.get("undo_s")),
    ]
    for lang in ("id", "en"):
        for k in ("ready_s", "first_results_s", "rare_word_s", "rare_word_found", "transferred_mb"):
            label = f"search {k.replace('_s', ' (s)').replace('_mb', ' (MB)').replace('_', ' ')}, lang {lang}"
            rows.append((label, lambda r, lang=lang, k=k: r.search.get(lang, {}).get(k)))
    width = 34
    lines = ["| " + "what".ljust(width) + " | " + " | ".join(f"{r.articles:>9}" for r in results) + " |",
             "|" + "-" * (width + 2) + "|" + "|".join("-" * 11 for _ in results) + "|"]
    for label, value in rows:
        lines.append("| " + label.ljust(width) + " | " + " | ".join(f"{_fmt(value(r)):>9}" for r in results) + " |")
    for r in results:
        for who, preview in (("serve", r.preview), ("reference serve", r.ref_preview)):
            if preview.get("error"):
                lines.append(f"{who} at {r.articles}: {preview['error']}")
    if results and results[0].search.get("error"):
        lines.append(f"search: {results[0].search['error']}")
    return "\n".join(lines)


@dataclass(frozen=True)
class Target:
    what: str
    source: str  # the issue that set it
    at: int | None  # the --sizes value it is judged at; None: at every size measured
    limit: float
    at_least: bool  # met when the value is >= limit (else <= limit)
    unit: str
    value: Callable[[Result], float | None]
    reference: Callable[[Result], str] = lambda r: ""
    part: str = ""  # the Result dict ("preview", "search") that says why a value is missing
    unmet_without_value: Callable[[Result], str] = lambda r: ""  # why a missing value still means "not met"

    def missing(self, r: Result) -> str:
        if unmet := self.unmet_without_value(r):
            return f"not met ({unmet})"
        part = getattr(r, self.part, None) or {}
        why = part.get("error") or (f"skipped: {part['skipped']}" if part.get("skipped") else "")
        return f"not measured ({why[:60]})" if why else "not measured"


def _search(r: Result, key: str, lang: str = "id") -> float | None:
    return r.search.get(lang, {}).get(key)


def _reference_preview(r: Result) -> str:
    return f"bare Material, one page: {r.ref_preview_s} s" if r.ref_preview_s is not None else ""


def _material_search(r: Result, key: str, unit: str) -> str:
    """Material's own search on the same pages (measured up to 5,000 articles)."""
    if key == "rare_word_s" and _search(r, "rare_word_found", "en") == 0:
        return "Material's search: not found"  # its index holds leads only above 1,000 articles
    value = _search(r, key, "en")
    return f"Material's search: {value} {unit}" if value is not None else ""


# Issue 24's targets, then the earlier ones this benchmark still measures. "Peak
# memory" is the larger of the largest process's peak RSS and the whole process
# tree's: the generator's workers are processes of their own, and a short peak
# can fall between the tree's samples.
TARGETS = [
    Target("generator cold, whole process, 2 cores", "issue 24", 10_000, 1000, True, "articles/s",
           lambda r: r.generator_articles_per_s, lambda r: f"bare Material builds {r.ref_pages_per_s} pages/s"),
    Target("generator cold, the minimum", "issue 24", 10_000, 500, True, "articles/s", lambda r: r.generator_articles_per_s),
    Target("full build per HTML page vs bare Material", "issue 24", None, 1.5, False, "x",
           lambda r: r.per_page_ratio, lambda r: f"{r.per_page_ms} ms / bare {r.ref_per_page_ms} ms per page"),
    Target("one edited seed -> its page served (`mkdocs serve --dirty`)", "issue 24", 10_000, 2, False, "s",
           lambda r: r.preview_s, _reference_preview, "preview"),
    Target("one edited seed -> its page served (`mkdocs serve --dirty`)", "issue 24", 100_000, 5, False, "s",
           lambda r: r.preview_s, _reference_preview, "preview"),
    Target("unchanged rebuild, generator", "issue 24", 10_000, 1, False, "s", lambda r: r.unchanged_s),
    Target("peak memory, generator", "issue 24", 100_000, 4096, False, "MB",
           lambda r: max(r.generator_peak_rss_mb, r.generator_peak_tree_mb)),
    Target("peak memory, full build", "issue 24", 100_000, 4096, False, "MB",
           lambda r: max(r.site_peak_rss_mb, r.site_peak_tree_mb),
           lambda r: f"bare Material {max(r.ref_peak_rss_mb, r.ref_peak_tree_mb)} MB"),
    Target("one edited seed, generator alone", "issue 16", 10_000, 2, False, "s", lambda r: r.one_edit_s),
    Target("search: rare word, first keystroke -> its result", "issue 16", 10_000, 1.5, False, "s",
           lambda r: _search(r, "rare_word_s"), lambda r: _material_search(r, "rare_word_s", "s"), "search",
           lambda r: "not found in 60 s" if _search(r, "rare_word_found") == 0 else ""),
    Target("search: MB sent by then", "issue 16", 10_000, 6, False, "MB",
           lambda r: _search(r, "transferred_mb"), lambda r: _material_search(r, "transferred_mb", "MB"), "search"),
    Target("search ready after page load", "issue 5", 1000, 1.5, False, "s",
           lambda r: _search(r, "ready_s"), lambda r: _material_search(r, "ready_s", "s"), "search"),
    Target("search ready after page load", "issue 5", 5000, 4, False, "s",
           lambda r: _search(r, "ready_s"), lambda r: _material_search(r, "ready_s", "s"), "search"),
    Target("unchanged rebuild: files rewritten", "issue 5", 10_000, 0, False, "files", lambda r: r.unchanged_rewrites),
    Target("peak memory, full build", "issue 5", 10_000, 1024, False, "MB",
           lambda r: max(r.site_peak_rss_mb, r.site_peak_tree_mb),
           lambda r: f"bare Material {max(r.ref_peak_rss_mb, r.ref_peak_tree_mb)} MB"),
    Target("KB per article page", "issue 5", 10_000, 60, False, "KB", lambda r: r.kb_per_article_page),
]
GROWTH_LIMIT = 1.2  # issue 5: per-page time at 10,000 <= 1.2 x at 1,000
LONG_LINE_LIMIT = 1.0  # hostile input: a 1 MB single-line seed costs < 1 s more than a one-article build


def _judge(value: float | None, limit: float, at_least: bool) -> str:
    if value is None:
        return "not measured"
    return "met" if (value >= limit if at_least else value <= limit) else "not met"


def target_rows(results: list[Result], long_line: dict) -> list[dict]:
    """Every target with what was measured where it is set, the reference beside it, and met / not met.
    A target at a size this run did not measure says so, with the nearest smaller size's value as a hint."""
    rows = []
    for t in TARGETS:
        limit = f"{'>=' if t.at_least else '<='} {t.limit:g} {t.unit}"
        judged = [r for r in results if t.at is None or r.synthetic == t.at]
        for r in judged:
            value = t.value(r)
            status = _judge(value, t.limit, t.at_least) if value is not None else t.missing(r)
            rows.append({"target": t.what, "source": t.source, "limit": limit, "articles": r.articles,
                         "measured": value, "reference": t.reference(r), "status": status})
        if not judged:
            smaller = [r for r in results if r.synthetic < t.at and t.value(r) is not None]
            hint = f"(at {smaller[-1].articles}: {t.value(smaller[-1])})" if smaller else ""
            rows.append({"target": t.what, "source": t.source, "limit": limit, "articles": t.at, "measured": None,
                         "hint": hint, "reference": "", "status": f"not measured ({t.at} not in --sizes)"})
    by_size = {r.synthetic: r for r in results}
    small, large = by_size.get(1000), by_size.get(10_000)
    growth = round(large.per_page_ms / small.per_page_ms, 2) if small and large and small.per_page_ms else None
    rows.append({"target": "per-page time at 10,000 / at 1,000", "source": "issue 5", "limit": f"<= {GROWTH_LIMIT} x",
                 "articles": large.articles if large else 10_000, "measured": growth,
                 "reference": f"bare Material: {round(large.ref_per_page_ms / small.ref_per_page_ms, 2)} x" if growth else "",
                 "status": _judge(growth, GROWTH_LIMIT, False) if growth else "not measured (needs 1000 and 10000)"})
    rows.append({"target": "a 1 MB single-line seed, time over a one-article build", "source": "hostile input",
                 "limit": f"< {LONG_LINE_LIMIT:g} s", "articles": 1, "measured": long_line.get("extra_s"),
                 "reference": f"one article: {long_line.get('one_article_s')} s",
                 "status": _judge(long_line.get("extra_s"), LONG_LINE_LIMIT, False)})
    return rows


def targets_table(rows: list[dict]) -> str:
    head = ("target", "set by", "limit", "articles", "measured", "reference beside it", "status")
    body = [(row["target"], row["source"], row["limit"], str(row["articles"]),
             _fmt(row["measured"]) + (f" {row['hint']}" if row.get("hint") else ""), row["reference"], row["status"])
            for row in rows]
    widths = [max(len(cells[i]) for cells in [head, *body]) for i in range(len(head))]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    return "\n".join([line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, body)])


def _fmt(v) -> str:
    return "—" if v is None else str(v)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,5000,10000")
    ap.add_argument("--real", default=str(ROOT.parent / "shared" / "corpus") if (ROOT.parent / "shared" / "corpus").is_dir() else "",
                    help="folder of *.jsonl real texts to add to every corpus ('' for none)")
    ap.add_argument("--browser-max", type=int, default=10_000, help="measure browser search up to this size")
    ap.add_argument("--preview-max", type=int, default=10**9,
                    help="measure the `mkdocs serve --dirty` preview up to this size (default: every size)")
    ap.add_argument("--quick", action="store_true", help="no browser, no preview")
    ap.add_argument("--work", default=str(HERE / "work"))
    ap.add_argument("--out", default=str(HERE / "results" / "latest.json"))
    args = ap.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    ENV.update(this_checkout(Path(args.work)))
    results = []
    long_line = measure_long_line(Path(args.work))
    for n in [int(x) for x in args.sizes.split(",") if x]:
        results.append(bench_size(n, Path(args.work) / str(n), args))
    rows = target_rows(results, long_line)
    text = table(results) if results else ""
    text += (f"\nlong line: 1 MB on one line {long_line['one_mb_line_s']} s, one article {long_line['one_article_s']} s: "
             f"{long_line['extra_s']} s for the long line")
    text += (f"\n\nTargets ({os.cpu_count()} cores; run started {started}, load average at its end "
             f"{round(os.getloadavg()[0], 2)}):\n" + targets_table(rows))
    print("\n" + text)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"started": started, "cores": os.cpu_count(), "targets": rows,
                               "results": [asdict(r) for r in results], "long_line": long_line, "table": text},
                              ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
