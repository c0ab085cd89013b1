"""Bad seeds: every kind is reported, nothing is lost, nothing in a seed becomes live."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import re
import time
from pathlib import Path

import pytest

from generator.__main__ import main
from generator.build import build
from generator.config import BuildConfig

GOOD = "Sigi - Pemkab Sigi menyalurkan PMT kepada 120 balita stunting di Kecamatan Dolo.\nKader posyandu dilatih.\n"


def problems_of(report, name):
    return [p for p in report.problems if p.file == name]


def test_empty_and_whitespace_files_are_skipped_and_named(build_kb):
    docs, report, data = build_kb({"kosong.txt": "", "spasi.txt": "  \n\t\n", "ok.txt": GOOD})
    assert [a["id"] for a in data["articles"]] == ["ok"]
    for name in ("kosong.txt", "spasi.txt"):
        (p,) = problems_of(report, name)
        assert p.level == "skipped" and "kosong" in p.message


def test_binary_files_are_skipped(build_kb):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    docs, report, data = build_kb({"foto.txt": png, "nul.txt": b"abc\x00def", "ok.txt": GOOD})
    assert [a["id"] for a in data["articles"]] == ["ok"]
    assert all("biner" in problems_of(report, n)[0].message for n in ("foto.txt", "nul.txt"))


def test_cp1252_is_read_and_noted(build_kb):
    text = "Sigi - Pemkab Sigi menyalurkan PMT “bergizi” – kata Bupati Sigi.\nKader dilatih.\n"
    docs, report, data = build_kb({"windows.txt": text.encode("cp1252")})
    a = data["articles"][0]
    page = (docs / "artikel" / "windows.md").read_text(encoding="utf-8")
    assert "“bergizi”" in page
    assert any("cp1252" in p.message for p in problems_of(report, "windows.txt"))
    assert [r["code"] for r in a["regencies"]] == ["72.10"]


def test_bom_and_crlf_build_as_normal(build_kb):
    docs, report, data = build_kb({"bom.txt": "\ufeff" + GOOD.replace("\n", "\r\n"), "plain.txt": GOOD.replace("Sigi", "Poso")})
    bom = next(a for a in data["articles"] if a["id"] == "bom")
    assert bom["dateline"] == "Sigi" and not problems_of(report, "bom.txt")
    page = (docs / "artikel" / "bom.md").read_text(encoding="utf-8")
    assert "\r" not in page and "\ufeff" not in page


def test_front_matter_errors_name_file_line_and_problem(build_kb):
    seeds = {"a.txt": "---\ntitle: [tidak ditutup\n---\n" + GOOD,
             "b.txt": "---\nregencies: ['12.345']\n---\n" + GOOD.replace("Sigi", "Poso")}
    docs, report, data = build_kb(seeds)
    assert len(data["articles"]) == 2
    (a,) = [p for p in problems_of(report, "a.txt") if p.level == "warning"]
    (b,) = [p for p in problems_of(report, "b.txt") if p.level == "warning"]
    assert a.line is not None and "YAML" in a.message
    assert b.line == 2 and "12.345" in b.message


def test_duplicates_make_one_page_that_names_the_others(build_kb):
    text = ("Kupang - Pemerintah Kota Kupang meluncurkan gerakan orang tua asuh anak stunting yang melibatkan seluruh "
            "aparatur sipil negara dan pengusaha di kota itu untuk membantu 300 balita stunting.\n"
            "Setiap orang tua asuh memberikan bantuan makanan bergizi untuk balita selama enam bulan.\n")
    seeds = {"a_antara.txt": text + "(ant)", "b_lain.txt": "Kupang (Kompas.com) - " + text.split(" - ", 1)[1] + " Demikian."}
    docs, report, data = build_kb(seeds)
    assert [a["id"] for a in data["articles"]] == ["a_antara"]
    assert data["articles"][0]["duplicates"] == ["b_lain"]
    assert report.duplicates == {"a_antara": ["b_lain"]}
    page = (docs / "artikel" / "a_antara.md").read_text(encoding="utf-8")
    assert "Juga dimuat oleh media lain" in page and "b_lain" not in page  # no seed file names
    assert not (docs / "artikel" / "b_lain.md").exists()


def test_very_large_file_is_refused_quickly(build_kb):
    big = ("Kader posyandu di Kabupaten Sigi dilatih. " * 60000).encode()
    start = time.perf_counter()
    docs, report, data = build_kb({"besar.txt": big, "ok.txt": GOOD})
    assert time.perf_counter() - start < 20
    (p,) = problems_of(report, "besar.txt")
    assert p.level == "skipped" and "melebihi batas" in p.message
    assert [a["id"] for a in data["articles"]] == ["ok"]


def test_odd_file_names_get_stable_unique_ascii_urls(build_kb):
    names = ["Berita (1).txt", "berita 1.txt", "BÉRITA—1.txt", "Stunting Ruteng.TXT"]
    seeds = {n: GOOD.replace("120", str(100 + i)) + f"Catatan {i} {n}" for i, n in enumerate(names)}
    docs, report, data = build_kb(seeds)
    pages = [a["page"] for a in data["articles"]]
    assert len(pages) == len(set(pages)) == 4
    for page in pages:
        assert page.isascii() and page == page.lower() and " " not in page and "(" not in page
    build(BuildConfig(seeds=docs.parent / "seeds", output=docs.parent / "docs2"))
    import json
    data2 = json.loads((docs.parent / "docs2" / "data" / "articles.json").read_text(encoding="utf-8"))
    assert [a["page"] for a in data2["articles"]] == pages


def test_files_that_are_not_seeds_are_ignored_and_mentioned(build_kb, tmp_path):
    (tmp_path / "seeds" / "folder").mkdir(parents=True)
    docs, report, data = build_kb({"catatan.md": "# bukan seed", ".DS_Store": b"\x00\x01", "ok.txt": GOOD})
    assert [a["id"] for a in data["articles"]] == ["ok"]
    mentioned = {p.file for p in report.problems if p.level == "info"}
    assert {"catatan.md", "folder"} <= mentioned
    assert ".DS_Store" in mentioned


def test_unreadable_file_is_named_and_the_rest_built(build_kb, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "hilang.txt").symlink_to(seeds / "tidak-ada.md")
    locked = seeds / "terkunci.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    try:
        docs, report, data = build_kb({"ok.txt": GOOD.replace("Sigi", "Poso")})
    finally:
        locked.chmod(0o644)
    assert "ok" in [a["id"] for a in data["articles"]]
    (p,) = problems_of(report, "hilang.txt")
    assert p.level == "skipped" and "tidak dapat dibaca" in p.message
    if os.geteuid() != 0:  # root reads anything
        assert problems_of(report, "terkunci.txt")[0].level == "skipped"


@pytest.mark.slow
def test_seed_files_are_never_modified(build_kb, tmp_path):
    seeds = {"a.txt": "---\ntitle: x\n---\n" + GOOD, "b.txt": b"\xff\xfe bad \x00", "c.txt": GOOD.encode("cp1252")}
    build_kb(seeds)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (tmp_path / "seeds").iterdir()}
    build(BuildConfig(seeds=tmp_path / "seeds", output=tmp_path / "docs"))
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (tmp_path / "seeds").iterdir()}
    assert before == after


def test_hand_written_pages_are_never_overwritten_or_deleted(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(GOOD)
    docs = tmp_path / "docs"
    (docs / "wilayah").mkdir(parents=True)
    hand = {"index.md": "# Beranda\n", "tentang.md": "# Tentang\n", "wilayah/index.md": "# Tulisan tangan\n",
            "artikel/catatan.md": "# Catatan kurator\n"}
    for rel, text in hand.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text)
    report = build(BuildConfig(seeds=seeds, output=docs))
    (seeds / "a.txt").unlink()
    (seeds / "b.txt").write_text(GOOD.replace("Sigi", "Poso"))
    build(BuildConfig(seeds=seeds, output=docs))
    for rel, text in hand.items():
        assert (docs / rel).read_text() == text, rel
    assert "wilayah/index.md" in report.write.refused
    assert not (docs / "artikel" / "a.md").exists()  # our own stale page is removed
    assert (docs / "artikel" / "b.md").exists()


@pytest.mark.slow
def test_an_interrupted_build_leaves_previous_output_and_the_next_repairs(tmp_path):
    """A build killed half-way through writing (the power cut, Ctrl-C twice): every file
    is whole, nothing claims to be up to date, and the next build repairs everything."""
    from conftest import ROOT, plugin_env

    seeds = _seeds_for_cache(tmp_path / "seeds", 300)
    docs = tmp_path / "docs"
    build(BuildConfig(seeds=seeds, output=docs))
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file() and ".cache" not in p.parts}
    for p in sorted(seeds.glob("*.txt")):
        p.write_text(p.read_text(encoding="utf-8").replace("stunting", "stunting anak", 1), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--docs", str(docs)],
                               cwd=ROOT, env=plugin_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = docs / ".cache" / "written.journal"
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if journal.exists() and journal.read_bytes().count(b"\n") >= 20:
            process.kill()
            break
        time.sleep(0.001)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the build ended before it could be killed"
    # Its worker processes end with it: left running, they would hold the output
    # folder's lock and the next build would wait for them.
    deadline = time.monotonic() + 10
    while _processes_naming(seeds) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _processes_naming(seeds), "worker processes of the killed build are still running"
    # Every file is whole: the old version or the new one, never a fragment.
    for p, old in before.items():
        assert p.exists(), p
        text = p.read_bytes()
        assert text == old or text.endswith(b"\n"), p
    assert not (docs / ".cache" / "stamp.json").exists()  # no claim that the tree is up to date
    report = build(BuildConfig(seeds=seeds, output=docs))
    assert report.leftovers >= 0 and not [p for p in docs.rglob(".tmp-*")]
    fresh = tmp_path / "fresh"
    build(BuildConfig(seeds=seeds, output=fresh))
    assert _tree(docs) == _tree(fresh)


def _processes_naming(path: Path) -> list[int]:
    """Live processes whose command line names `path` (Linux /proc; none elsewhere)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if str(path).encode() in (proc / "cmdline").read_bytes() and b"Z" not in (proc / "stat").read_bytes().split(b") ")[1][:1]:
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def _tree(root: Path) -> dict[str, bytes]:
    """The generated files (the build cache in .cache/ is not output)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(root).parts}


@pytest.mark.slow
def test_two_builds_give_byte_identical_output(tmp_path):
    from conftest import ROOT

    a, b = tmp_path / "a", tmp_path / "b"
    build(BuildConfig(seeds=ROOT / "seeds", output=a))
    build(BuildConfig(seeds=ROOT / "seeds", output=b))
    tree_a, tree_b = _tree(a), _tree(b)
    assert tree_a == tree_b
    assert not any(str(tmp_path) in v.decode("utf-8", "replace") for v in tree_a.values())


def test_exit_codes(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_bytes(b"\x00")
    assert main(["build", "--seeds", str(seeds), "--docs", str(tmp_path / "docs")]) == 0
    assert main(["build", "--seeds", str(tmp_path / "nope"), "--docs", str(tmp_path / "docs")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nope" in err[0] and "tidak ditemukan" in err[0]
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["build", "--seeds", str(seeds), "--docs", str(blocker / "docs")]) == 2
    assert "docs" in capsys.readouterr().err


def test_invalid_taxonomy_is_fatal_with_one_line(tmp_path):
    import shutil
    from conftest import ROOT
    from generator.build import BuildError

    data = tmp_path / "data"
    shutil.copytree(ROOT / "generator" / "data", data)
    (data / "taxonomy.yml").write_text("programmes: [\n")
    with pytest.raises(BuildError, match="taxonomy.yml"):
        build(BuildConfig(seeds=ROOT / "seeds", output=tmp_path / "docs", data=data))


def _seeds_for_cache(folder: Path, count: int = 40) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from corpus import write_corpus

    write_corpus(folder, count)
    return folder


@pytest.mark.slow
def test_unchanged_seeds_rewrite_nothing(tmp_path):
    seeds = _seeds_for_cache(tmp_path / "seeds")
    docs = tmp_path / "docs"
    build(BuildConfig(seeds=seeds, output=docs))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in docs.rglob("*") if p.is_file()}
    report = build(BuildConfig(seeds=seeds, output=docs))
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in docs.rglob("*") if p.is_file()}
    assert before == after
    assert report.write.written == [] and len(report.built) == 40


@pytest.mark.slow
@pytest.mark.parametrize("change", ["edit", "add", "remove", "rename"])
def test_incremental_build_equals_a_fresh_build(tmp_path, change):
    seeds = _seeds_for_cache(tmp_path / "seeds")
    docs = tmp_path / "docs"
    build(BuildConfig(seeds=seeds, output=docs))
    target = seeds / "bench_00007.txt"
    if change == "edit":
        target.write_text(target.read_text(encoding="utf-8").replace("Pemerintah", "Pemda", 1) + "\nKader PMT dilatih.\n")
    elif change == "add":
        (seeds / "baru.txt").write_text("Sigi - Pemkab Sigi menyalurkan PMT kepada 120 balita stunting.\nKader dilatih.\n")
    elif change == "remove":
        target.unlink()
    else:
        target.rename(seeds / "bench_99999.txt")
    report = build(BuildConfig(seeds=seeds, output=docs))
    assert 0 < len(report.write.written) < 60  # only what the change touched
    fresh = tmp_path / "fresh"
    build(BuildConfig(seeds=seeds, output=fresh))
    assert _tree(docs) == _tree(fresh)


@pytest.mark.slow
def test_a_broken_cache_is_ignored(tmp_path):
    seeds = _seeds_for_cache(tmp_path / "seeds")
    docs = tmp_path / "docs"
    build(BuildConfig(seeds=seeds, output=docs))
    for path in (docs / ".cache").rglob("*.json"):
        path.write_bytes(b"not json")
    build(BuildConfig(seeds=seeds, output=docs))
    fresh = tmp_path / "fresh"
    build(BuildConfig(seeds=seeds, output=fresh))
    assert _tree(docs) == _tree(fresh)


_BUILD_WITH_WORKERS = """
import sys
from pathlib import Path
from generator.build import build
from generator.config import BuildConfig
report = build(BuildConfig(seeds=Path(sys.argv[1]), output=Path(sys.argv[2]), workers=4, parallel_from=1))
print(report.workers.get("extraction", 0), report.workers.get("pages", 0), len(report.write.written))
"""


def _build_with_workers(seeds: Path, output: Path) -> tuple[int, int, int]:
    """A build in a process of its own (forked workers need a process without threads,
    which this one, having run servers, may not be)."""
    from conftest import ROOT

    result = subprocess.run([sys.executable, "-c", _BUILD_WITH_WORKERS, str(seeds), str(output)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    extraction, pages, written = map(int, result.stdout.split())
    return extraction, pages, written


@pytest.mark.slow
def test_worker_processes_give_the_same_output(tmp_path):
    """Extraction (spawned workers) and rendering (forked workers) as in one process."""
    seeds = _seeds_for_cache(tmp_path / "seeds")
    build(BuildConfig(seeds=seeds, output=tmp_path / "serial", workers=1))
    extraction, pages, _ = _build_with_workers(seeds, tmp_path / "parallel")
    assert (extraction, pages) == (4, 4)
    assert _tree(tmp_path / "serial") == _tree(tmp_path / "parallel")
    # And again with one seed changed: the workers see what the last build made.
    edited = sorted(seeds.glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8").replace("stunting", "stunting anak", 1), encoding="utf-8")
    build(BuildConfig(seeds=seeds, output=tmp_path / "serial", workers=1))
    _, _, written = _build_with_workers(seeds, tmp_path / "parallel")
    assert 0 < written < len(_tree(tmp_path / "parallel")) / 2
    assert _tree(tmp_path / "serial") == _tree(tmp_path / "parallel")


def test_long_article_lists_continue_on_archive_pages(build_kb):
    from generator.config import SiteSettings

    seeds = {f"s{i:02d}.txt": f"Sigi - Pemerintah Kabupaten Sigi menggelar posyandu balita di desa nomor {i} untuk "
             f"menurunkan stunting, dengan pemberian makanan tambahan bagi {i + 10} balita.\n" for i in range(7)}
    docs, _, data = build_kb(seeds, site=SiteSettings(list_page_size=3))
    assert len(data["articles"]) == 7
    regency = next((docs / "wilayah").rglob("kabupaten-sigi.md"))
    pages = [regency, regency.with_suffix("") / "halaman-2.md", regency.with_suffix("") / "halaman-3.md"]
    assert all(p.exists() for p in pages) and not (regency.with_suffix("") / "halaman-4.md").exists()
    listed = []
    for p in pages:
        html = p.read_text(encoding="utf-8")
        listing = html.split('<ul class="kb-articles"', 1)[1].split("</ul>", 1)[0]
        listed += re.findall(r'href="[^"]*artikel/(s\d\d)/"', listing)
        assert "7 artikel, 3 per halaman" in html
    assert sorted(listed) == [f"s{i:02d}" for i in range(7)]  # every article once, across the pages


def test_a_busy_month_gets_its_own_pages(build_kb):
    from generator.config import SiteSettings

    seeds = {f"m{i:02d}.txt": f"---\ndate: 2025-03-{i + 1:02d}\n---\nSigi - Pemerintah Kabupaten Sigi menggelar posyandu "
             f"balita di desa nomor {i} untuk menurunkan stunting bagi {i + 10} balita.\n" for i in range(5)}
    docs, _, data = build_kb(seeds, site=SiteSettings(list_page_size=2))
    assert len(data["articles"]) == 5
    year = (docs / "linimasa" / "2025.md").read_text(encoding="utf-8")
    assert len(re.findall(r'href="[^"]*artikel/m\d\d/"', year)) == 2  # the newest two
    assert 'href="03/">Semua 5 artikel Maret 2025</a>' in year  # linimasa/2025/ -> linimasa/2025/03/
    month = docs / "linimasa" / "2025" / "03.md"
    pages = [month, month.with_suffix("") / "halaman-2.md", month.with_suffix("") / "halaman-3.md"]
    listed = [m for p in pages for m in re.findall(r'href="[^"]*artikel/(m\d\d)/"', p.read_text(encoding="utf-8"))]
    assert sorted(listed) == [f"m{i:02d}" for i in range(5)]


@pytest.mark.slow
def test_without_incremental_builds_the_output_is_the_same(tmp_path):
    """The cache, the stamp and the page keys only save work: switched off, every stage runs
    on everything, and the site is byte for byte the same."""
    seeds = _seeds_for_cache(tmp_path / "seeds")
    build(BuildConfig(seeds=seeds, output=tmp_path / "incremental"))
    edited = sorted(seeds.glob("*.txt"))[2]
    edited.write_text(edited.read_text(encoding="utf-8").replace("stunting", "stunting anak", 1), encoding="utf-8")
    build(BuildConfig(seeds=seeds, output=tmp_path / "incremental"))
    report = build(BuildConfig(seeds=seeds, output=tmp_path / "plain", incremental=False))
    assert _tree(tmp_path / "incremental") == _tree(tmp_path / "plain")
    assert not (tmp_path / "plain" / ".cache" / "state.json").exists()
    again = build(BuildConfig(seeds=seeds, output=tmp_path / "plain", incremental=False))
    assert again.write.written == [] and len(again.built) == len(report.built)


def _random_change(rng, seeds: Path, step: int) -> str:
    """One change a curator or an import makes to a seeds folder."""
    files = sorted(seeds.glob("*.txt"))
    target = rng.choice(files)
    change = rng.choice(["edit", "same-size", "add", "remove", "rename", "title", "touch"])
    text = target.read_text(encoding="utf-8")
    if change == "edit":
        target.write_text(text.replace("Pemerintah", "Pemda", 1) + f"\nKader PMT dilatih ({step}).\n", encoding="utf-8")
    elif change == "same-size":  # the size stays: only the content and the times say it changed
        target.write_text(text.replace("a", "o", 1), encoding="utf-8")
    elif change == "add":
        (seeds / f"baru_{step}.txt").write_text(
            f"Sigi - Pemkab Sigi menyalurkan PMT kepada {100 + step} balita stunting.\nKader dilatih.\n", encoding="utf-8")
    elif change == "remove":
        target.unlink()
    elif change == "rename":
        target.rename(seeds / f"nama_baru_{step}.txt")
    elif change == "title":  # a curator's front matter
        target.write_text(f"---\ntitle: Judul kurator {step}\n---\n" + text, encoding="utf-8")
    else:  # saved unchanged
        target.write_text(text, encoding="utf-8")
    return f"{change} {target.name}"


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_a_long_lived_process_builds_what_a_fresh_build_does(tmp_path, monkeypatch, seed):
    """`mkdocs serve` keeps a Memory between builds (seeds by their stat, extractions,
    related lists, export rows, report pages): after any series of changes its output
    is byte for byte a fresh build's."""
    import random

    import generator.read
    from generator.state import Memory

    # Seeds written by this test are seconds old at most: trust their stat at once, as
    # a long-lived process does with files that have settled.
    monkeypatch.setattr(generator.read, "_SETTLED_NS", -1)
    rng = random.Random(seed)
    seeds = _seeds_for_cache(tmp_path / "seeds", count=30)
    docs, memory = tmp_path / "docs", Memory()
    build(BuildConfig(seeds=seeds, output=docs), memory)
    for step in range(4):
        what = _random_change(rng, seeds, step)
        time.sleep(0.01)  # a later save has a later time, whatever the clock's grain
        build(BuildConfig(seeds=seeds, output=docs), memory)
        fresh = tmp_path / f"fresh{step}"
        build(BuildConfig(seeds=seeds, output=fresh, incremental=False))
        assert _tree(docs) == _tree(fresh), what


def test_a_seed_is_read_again_unless_its_stat_is_unchanged_and_settled(tmp_path, monkeypatch):
    import generator.read
    from generator.read import read_folder

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(GOOD, encoding="utf-8")
    known: dict = {}
    read_folder(seeds, known)
    assert known == {}  # changed a moment ago: it may change again within the same time stamp
    monkeypatch.setattr(generator.read, "_SETTLED_NS", -1)
    first = read_folder(seeds, known).seeds[0]
    assert read_folder(seeds, known).seeds[0] is first  # not read again
    time.sleep(0.01)
    (seeds / "a.txt").write_text(GOOD.replace("120", "130"), encoding="utf-8")  # same size
    assert "130 balita" in read_folder(seeds, known).seeds[0].text
    (seeds / "a.txt").unlink()
    assert read_folder(seeds, known).seeds == () and known == {}
