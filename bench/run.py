"""Benchmark: the generator and the site at 1,000 / 5,000 / 10,000 articles, against a bare Material site.

    python bench/run.py                      # 1000,5000,10000; browser search at 1000 and 5000
    python bench/run.py --sizes 1000 --quick # one size, no browser, no preview

Every measurement runs a whole process (time and peak RSS from wait4). The
reference, measured in the same run on the same article texts, is a bare
Material site: one page per article, articles not in the nav. Results are
printed as one table and written as JSON (bench/results/latest.json).
Nothing here is a unit test: targets are reported, not asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from corpus import RARE_WORD, write_corpus  # noqa: E402

PY = sys.executable
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
TARGETS = {
    "generator_articles_per_s": ">= 2000 at 10,000",
    "per_page_ratio": "<= 1.25 x reference",
    "growth": "per-page time at 10,000 <= 1.2 x at 1,000",
    "peak_rss_mb": "<= 1024 at 10,000",
    "kb_per_article_page": "<= 60",
    "unchanged_s": "<= 1 s, no file rewritten",
    "preview_s": "<= 2 s at 1,000",
    "search_ready_s": "<= 1.5 s at 1,000, <= 4 s at 5,000",
    "long_line_extra_s": "a 1 MB single-line seed extracts in < 1 s (its build minus a one-article build)",
}


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float
    returncode: int


def run(cmd: list[str], cwd: Path, env: dict | None = None) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        print(err[-2000:], file=sys.stderr)
    return Run(round(seconds, 2), round(usage.ru_maxrss / 1024, 1), code)


@dataclass
class Result:
    articles: int
    generator_cold_s: float = 0
    generator_articles_per_s: float = 0
    generator_peak_rss_mb: float = 0
    unchanged_s: float = 0
    unchanged_rewrites: int = -1
    one_edit_s: float = 0
    site_build_s: float = 0
    site_peak_rss_mb: float = 0
    html_pages: int = 0
    site_mb: float = 0
    kb_per_article_page: float = 0
    search_index_mb: float = 0
    prebuilt_index_mb: float | None = None
    ref_build_s: float = 0
    ref_peak_rss_mb: float = 0
    ref_pages: int = 0
    per_page_ms: float = 0
    ref_per_page_ms: float = 0
    per_page_ratio: float = 0
    # The full build without the generator's cold run: what MkDocs and Material cost on our pages.
    mkdocs_per_page_ms: float = 0
    mkdocs_ratio: float = 0
    preview_s: float | None = None
    search: dict = field(default_factory=dict)


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


def measure_preview(project: Path, seed: Path) -> float | None:
    """`mkdocs serve --dirty`: seconds from saving an edited seed to the served page showing it."""
    port = free_port()
    proc = subprocess.Popen([PY, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/artikel/{seed.stem.lower()}/"
    try:
        if not _wait_for(url, lambda body: True, 600, proc):
            return None
        time.sleep(3)  # let the first build settle
        marker = f"Suntingan bench {int(time.time())}"
        text = seed.read_text(encoding="utf-8")
        start = time.perf_counter()
        seed.write_text(f"---\ntitle: {marker}\n---\n" + text, encoding="utf-8")
        ok = _wait_for(url, lambda body: marker in body, 120, proc)
        elapsed = time.perf_counter() - start
        seed.write_text(text, encoding="utf-8")
        return round(elapsed, 2) if ok else None
    finally:
        proc.terminate()
        proc.wait(timeout=30)


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
            page.wait_for_function("(w) => [...document.querySelectorAll('.md-search-result__item mark')]"
                                   ".some(m => m.textContent.toLowerCase().startsWith(w))", arg=RARE_WORD.lower(), timeout=120000)
            out["rare_word_s"] = round(time.perf_counter() - start, 2)
            out["rare_word_found"] = page.locator(".md-search-result__item").count()
            out["transferred_mb"] = round(served[0] / 2**20, 2)
        return out
    finally:
        server.shutdown()


def bench_size(n: int, work: Path, args) -> Result:
    res = Result(articles=n)
    seeds = work / "seeds"
    if seeds.exists():
        shutil.rmtree(seeds)
    count = write_corpus(seeds, n, Path(args.real) if args.real else None)
    res.articles = count
    print(f"\n== {count} articles", flush=True)

    docs = work / "gen-docs"
    shutil.rmtree(docs, ignore_errors=True)
    r = run([PY, "-m", "generator", "build", "--seeds", str(seeds), "--docs", str(docs)], ROOT)
    res.generator_cold_s, res.generator_peak_rss_mb = r.seconds, r.peak_rss_mb
    res.generator_articles_per_s = round(count / r.seconds, 1)
    print(f"generator cold: {r.seconds} s, {res.generator_articles_per_s} articles/s, {r.peak_rss_mb} MB", flush=True)
    before = snapshot(docs)
    r = run([PY, "-m", "generator", "build", "--seeds", str(seeds), "--docs", str(docs)], ROOT)
    after = snapshot(docs)
    res.unchanged_s = r.seconds
    res.unchanged_rewrites = sum(1 for k, v in after.items() if before.get(k) != v) + len(set(before) - set(after))
    edited = seeds / "bench_00001.txt"
    original = edited.read_text(encoding="utf-8")
    edited.write_text(original.replace("terus memperkuat", "kembali memperkuat", 1), encoding="utf-8")
    res.one_edit_s = run([PY, "-m", "generator", "build", "--seeds", str(seeds), "--docs", str(docs)], ROOT).seconds
    edited.write_text(original, encoding="utf-8")
    print(f"generator unchanged: {res.unchanged_s} s ({res.unchanged_rewrites} files rewritten); one edit: {res.one_edit_s} s",
          flush=True)

    project = make_project(work, seeds)
    r = run([PY, "-m", "mkdocs", "build", "-q", "-d", "site"], project)
    site = project / "site"
    res.site_build_s, res.site_peak_rss_mb = r.seconds, r.peak_rss_mb
    res.html_pages = html_pages(site)
    res.site_mb = folder_mb(site)
    article_pages = list((site / "artikel").glob("*/index.html"))
    res.kb_per_article_page = round(sum(p.stat().st_size for p in article_pages) / max(len(article_pages), 1) / 1024, 1)
    res.search_index_mb = round((site / "search" / "search_index.json").stat().st_size / 2**20, 1)
    if (site / "search" / "kb").is_dir():
        res.prebuilt_index_mb = folder_mb(site / "search" / "kb")
    print(f"site build: {r.seconds} s, {r.peak_rss_mb} MB, {res.html_pages} pages, {res.site_mb} MB", flush=True)

    ref = make_reference(work, seeds)
    r = run([PY, "-m", "mkdocs", "build", "-q", "-d", "site"], ref)
    res.ref_build_s, res.ref_peak_rss_mb = r.seconds, r.peak_rss_mb
    res.ref_pages = html_pages(ref / "site")
    res.per_page_ms = round(res.site_build_s / res.html_pages * 1000, 2)
    res.ref_per_page_ms = round(res.ref_build_s / res.ref_pages * 1000, 2)
    res.per_page_ratio = round(res.per_page_ms / res.ref_per_page_ms, 2)
    res.mkdocs_per_page_ms = round((res.site_build_s - res.generator_cold_s) / res.html_pages * 1000, 2)
    res.mkdocs_ratio = round(res.mkdocs_per_page_ms / res.ref_per_page_ms, 2)
    print(f"reference: {r.seconds} s, {r.peak_rss_mb} MB, {res.ref_pages} pages; per page {res.per_page_ms} ms "
          f"vs {res.ref_per_page_ms} ms = {res.per_page_ratio}x", flush=True)

    if not args.quick and n <= args.preview_max:
        res.preview_s = measure_preview(project, seeds / "bench_00002.txt")
        print(f"preview (mkdocs serve --dirty, one seed edited): {res.preview_s} s", flush=True)
    if not args.quick and n <= args.browser_max:
        try:
            res.search["id"] = measure_search(site)
            if n <= 5000:  # Material's own search builds its index in the browser: minutes above
                ref_site = project / "site-en"
                env = dict(ENV, KB_SEARCH_LANG="en")
                run([PY, "-m", "mkdocs", "build", "-q", "-d", str(ref_site)], project, env)
                res.search["en"] = measure_search(ref_site)
            print(f"search: {res.search}", flush=True)
        except Exception as exc:  # noqa: BLE001 - a missing browser is reported, not fatal
            res.search = {"error": str(exc)[:200]}
            print(f"search not measured: {exc}", flush=True)
    return res


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
        ("articles", "articles"),
        ("generator cold (s)", "generator_cold_s"), ("generator articles/s", "generator_articles_per_s"),
        ("generator peak RSS (MB)", "generator_peak_rss_mb"), ("unchanged regen (s)", "unchanged_s"),
        ("unchanged: files rewritten", "unchanged_rewrites"), ("one seed edited, regen (s)", "one_edit_s"),
        ("full site build (s)", "site_build_s"), ("site peak RSS (MB)", "site_peak_rss_mb"),
        ("HTML pages", "html_pages"), ("site size (MB)", "site_mb"), ("KB per article page", "kb_per_article_page"),
        ("search index (MB)", "search_index_mb"), ("prebuilt search index (MB)", "prebuilt_index_mb"), ("reference build (s)", "ref_build_s"),
        ("reference peak RSS (MB)", "ref_peak_rss_mb"), ("reference pages", "ref_pages"),
        ("per page (ms)", "per_page_ms"), ("reference per page (ms)", "ref_per_page_ms"),
        ("per-page ratio (target <= 1.25)", "per_page_ratio"),
        ("MkDocs part per page (ms)", "mkdocs_per_page_ms"), ("MkDocs part ratio", "mkdocs_ratio"),
        ("preview after one edit (s)", "preview_s"),
    ]
    width = 34
    lines = ["| " + "what".ljust(width) + " | " + " | ".join(f"{r.articles:>9}" for r in results) + " |",
             "|" + "-" * (width + 2) + "|" + "|".join("-" * 11 for _ in results) + "|"]
    for label, key in rows[1:]:
        lines.append("| " + label.ljust(width) + " | " + " | ".join(f"{_fmt(getattr(r, key)):>9}" for r in results) + " |")
    for lang in ("id", "en"):
        for k in ("ready_s", "first_results_s", "rare_word_s", "transferred_mb"):
            label = f"search {k.replace('_s', ' (s)').replace('_mb', ' (MB)').replace('_', ' ')}, lang {lang}"
            lines.append("| " + label.ljust(width) + " | " + " | ".join(
                f"{_fmt(r.search.get(lang, {}).get(k)):>9}" for r in results) + " |")
    if len(results) >= 2:
        first, last = results[0], results[-1]
        growth = round(last.per_page_ms / first.per_page_ms, 2) if first.per_page_ms else None
        lines.append(f"\ngrowth: per-page time at {last.articles} = {growth} x per-page time at {first.articles} (target <= 1.2)")
    return "\n".join(lines)


def _fmt(v) -> str:
    return "—" if v is None else str(v)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,5000,10000")
    ap.add_argument("--real", default=str(ROOT.parent / "shared" / "corpus") if (ROOT.parent / "shared" / "corpus").is_dir() else "",
                    help="folder of *.jsonl real texts to add to every corpus ('' for none)")
    ap.add_argument("--browser-max", type=int, default=5000, help="measure browser search up to this size")
    ap.add_argument("--preview-max", type=int, default=1000, help="measure the serve preview up to this size")
    ap.add_argument("--quick", action="store_true", help="no browser, no preview")
    ap.add_argument("--work", default=str(HERE / "work"))
    ap.add_argument("--out", default=str(HERE / "results" / "latest.json"))
    args = ap.parse_args()
    results = []
    long_line = measure_long_line(Path(args.work))
    for n in [int(x) for x in args.sizes.split(",") if x]:
        results.append(bench_size(n, Path(args.work) / str(n), args))
    text = table(results) if results else ""
    text += (f"\nlong line: 1 MB on one line {long_line['one_mb_line_s']} s, one article {long_line['one_article_s']} s: "
             f"{long_line['extra_s']} s for the long line (target < 1 s)")
    print("\n" + text)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"targets": TARGETS, "results": [asdict(r) for r in results], "long_line": long_line,
                               "table": text}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
