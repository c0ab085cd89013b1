"""Hostile seed folders: nothing in them runs in a reader's browser, leaks a local file,
hangs or exhausts the build, or leaves docs/ in a state that claims to be up to date."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import xml.dom.minidom
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import build
from generator.config import BuildConfig

from conftest import ROOT, make_project, mkdocs, plugin_env, write_seeds

GOOD = "Sigi - Pemkab Sigi menyalurkan PMT kepada 120 balita stunting di Kecamatan Dolo.\nKader posyandu dilatih.\n"
SECRET = "root:x:0:0:rahasia-lokal:/root:/bin/bash"


def problems(report, name):
    return [p for p in report.problems if p.file == name]


def every_output(docs: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in docs.rglob("*")
                     if p.is_file() and ".cache" not in p.parts)


def run_build(seeds: Path, docs: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """The generator in its own process: a hang is a failed test, not a stuck test run."""
    return subprocess.run([sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--docs", str(docs)],
                          cwd=ROOT, env=plugin_env(), capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow
def test_links_out_of_the_folder_and_special_files_are_skipped(tmp_path):
    outside = tmp_path / "passwd"
    outside.write_text(SECRET + "\n")
    seeds = write_seeds(tmp_path / "seeds", {"ok.txt": GOOD})
    (seeds / "rahasia.txt").symlink_to(outside)
    (seeds / "nol.txt").symlink_to("/dev/zero")
    (seeds / "putar.txt").symlink_to(seeds / "putar.txt")
    os.mkfifo(seeds / "pipa.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(seeds / "soket.txt"))
    (seeds / "dalam.txt").symlink_to(seeds / "ok.txt")  # a link inside the folder is read
    try:
        result = run_build(seeds, tmp_path / "docs")
    finally:
        sock.close()
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for name, why in [("rahasia.txt", "di luar folder sumber"), ("nol.txt", "di luar folder sumber"),
                      ("putar.txt", "tidak dapat dibaca"), ("pipa.txt", "FIFO"), ("soket.txt", "soket")]:
        assert any(name in line and why in line for line in out.splitlines()), (name, out)
    assert SECRET not in every_output(tmp_path / "docs")
    data = json.loads((tmp_path / "docs" / "data" / "articles.json").read_text(encoding="utf-8"))
    assert {a["id"] for a in data["articles"]} == {"dalam"}  # ok.txt repeats it: a duplicate of the first by name


@pytest.mark.slow
def test_a_file_name_that_is_not_utf8_is_reported(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"ok.txt": GOOD})
    bad = os.path.join(os.fsencode(seeds), b"berita-\xff\xfe.txt")
    with open(bad, "wb") as fh:
        fh.write(GOOD.encode())
    result = run_build(seeds, tmp_path / "docs")
    assert result.returncode == 0, result.stderr
    assert "berita-\\xff\\xfe.txt" in result.stdout and "bukan teks UTF-8 yang sah" in result.stdout


def test_utf16_is_text_and_random_bytes_are_not(build_kb):
    noise = bytes((i * 97 + 13) % 255 + 1 for i in range(4000))  # no NUL, not text
    docs, report, data = build_kb({"utf16.txt": "\ufeff".encode("utf-16-le") + GOOD.encode("utf-16-le"),
                                   "acak.txt": noise})
    assert [a["id"] for a in data["articles"]] == ["utf16"]
    assert data["articles"][0]["regencies"][0]["code"] == "72.10"
    (p,) = problems(report, "acak.txt")
    assert p.level == "skipped" and "bukan teks" in p.message


def test_front_matter_aliases_lists_and_unsafe_urls_are_reported(build_kb):
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
           "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ntitle: *c\n---\n"
    seeds = {"bom.txt": bomb + GOOD, "daftar.txt": "---\n- a\n- b\n---\n" + GOOD.replace("Sigi", "Poso"),
             "tautan.txt": "---\nurl: javascript:alert(1)\ntitle: Judul kurator\n---\n" + GOOD.replace("Sigi", "Palu")}
    docs, report, data = build_kb(seeds)
    assert "aliases" in problems(report, "bom.txt")[0].message
    assert "berupa daftar" in problems(report, "daftar.txt")[0].message
    (url,) = problems(report, "tautan.txt")
    assert "bukan alamat http(s)" in url.message
    by_id = {a["id"]: a for a in data["articles"]}
    assert by_id["tautan"]["title"] == "Judul kurator" and by_id["tautan"]["url"] is None
    assert "href=\"javascript:" not in every_output(docs) and "(javascript:" not in every_output(docs)


def test_long_file_names_get_short_slugs_and_urls_do_not_move(build_kb, tmp_path):
    long_name = "berita-" + "sangat-panjang-" * 16 + ".txt"
    docs, report, data = build_kb({long_name: GOOD, "Berita Sigi.txt": GOOD.replace("120", "130")})
    pages = {a["id"]: a["page"] for a in data["articles"]}
    assert all(len(p.split("/")[1]) <= 80 for p in pages.values())
    # A seed whose name slugifies alike arrives: the existing article keeps its URL.
    (tmp_path / "seeds" / "berita-sigi.txt").write_text(GOOD.replace("120", "140"), encoding="utf-8")
    build(BuildConfig(seeds=tmp_path / "seeds", output=docs))
    again = {a["id"]: a["page"] for a in json.loads((docs / "data" / "articles.json").read_text())["articles"]}
    assert again["Berita Sigi"] == pages["Berita Sigi"] and again["berita-sigi"] == "artikel/berita-sigi/"


def test_a_generated_page_changed_by_hand_is_reported_kept_and_replaced(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a.txt": GOOD})
    docs = tmp_path / "docs"
    build(BuildConfig(seeds=seeds, output=docs))
    page = docs / "artikel" / "a.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\nCatatan tangan kurator.\n", encoding="utf-8")
    report = build(BuildConfig(seeds=seeds, output=docs))  # the seeds did not change
    (p,) = [p for p in report.problems if p.file == "artikel/a.md"]
    assert "diubah tangan" in p.message
    assert page.read_text(encoding="utf-8") == original
    assert "Catatan tangan kurator." in (docs / ".cache" / "replaced" / "artikel" / "a.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_two_builds_at_once_leave_one_consistent_tree(tmp_path):
    one = write_seeds(tmp_path / "one", {f"s{i}.txt": GOOD.replace("120", str(100 + i)) for i in range(30)})
    two = write_seeds(tmp_path / "two", {f"t{i}.txt": GOOD.replace("Sigi", "Poso").replace("120", str(200 + i)) for i in range(30)})
    docs = tmp_path / "docs"
    procs = [subprocess.Popen([sys.executable, "-m", "generator", "build", "--seeds", str(s), "--docs", str(docs)],
                              cwd=ROOT, env=plugin_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for s in (one, two)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert any("pembangunan lain sedang menulis" in err for _, err in outs)  # the second waited, and said so
    ids = {a["id"] for a in json.loads((docs / "data" / "articles.json").read_text())["articles"]}
    assert ids in ({f"s{i}" for i in range(30)}, {f"t{i}" for i in range(30)})
    pages = {p.stem for p in (docs / "artikel").glob("*.md")} - {"index"}  # the articles' index page
    assert pages == ids  # no page of the other seed set left over
    # The tree is exactly what a fresh build of the winning seeds gives.
    winner = one if "s0" in ids else two
    fresh = tmp_path / "fresh"
    build(BuildConfig(seeds=winner, output=fresh))
    assert _tree(docs) == _tree(fresh)


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(root).parts and p.name != ".build.lock"}


@pytest.mark.slow
def test_a_killed_build_never_leaves_an_unchanged_claim_or_temp_files(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {f"s{i}.txt": GOOD.replace("120", str(100 + i)) for i in range(400)})
    docs = tmp_path / "docs"
    build(BuildConfig(seeds=seeds, output=docs))
    for i in range(400):
        (seeds / f"s{i}.txt").write_text(GOOD.replace("Sigi", "Poso").replace("120", str(300 + i)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--docs", str(docs)],
                            cwd=ROOT, env=plugin_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stamp = docs / ".cache" / "stamp.json"
    # Kill it once it has begun writing (the stamp goes before the first write).
    deadline = threading.Event()
    while stamp.exists() and proc.poll() is None and not deadline.wait(0.01):
        pass
    proc.kill()
    proc.wait()
    (docs / "artikel" / ".tmp-sisa.md").write_text("sisa")  # as a kill mid-write leaves one
    report = build(BuildConfig(seeds=seeds, output=docs))
    assert report.write.written  # not "unchanged": the tree is repaired
    assert not list(docs.rglob(".tmp-*"))
    fresh = tmp_path / "fresh"
    build(BuildConfig(seeds=seeds, output=fresh))
    assert _tree(docs) == _tree(fresh)


def test_very_long_sentences_are_cut_into_bounded_pieces(reference):
    from generator.extract import text

    one_line = " ".join(["kader posyandu di Kabupaten Sigi melatih ibu hamil"] * 20000)
    pieces = text.sentences([one_line], reference.text_rules.abbreviations)
    assert len(pieces) > 100 and max(len(p) for p in pieces) <= text.MAX_SENTENCE
    assert " ".join(pieces).split() == one_line.split()


# Text that is never text: C0 and C1 controls, U+FFFE/U+FFFF, lone surrogates (from YAML escapes).
NOT_TEXT = st.sampled_from(["\x1b", "\x07", "\x85", "\x9b", "\ufffe", "\uffff", "\x00", "\x7f"])
HOSTILE_VALUE = st.lists(st.one_of(st.sampled_from(["<script>alert(1)</script>", "<svg onload=alert(2)>", "&amp;",
                                                    "]]>", "Judul", " ", "\n"]), NOT_TEXT,
                                   st.text(min_size=0, max_size=5)), min_size=1, max_size=8).map("".join)


def _yaml_string(value: str) -> str:
    """A YAML double-quoted string that carries any character, surrogates included, as escapes."""
    return '"' + "".join(ch if ch.isalnum() or ch in " <>=()/!&;" else f"\\u{ord(ch):04x}" if ord(ch) < 0x10000
                         else f"\\U{ord(ch):08x}" for ch in value) + '"'


@pytest.mark.slow
@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(title=HOSTILE_VALUE, outlet=HOSTILE_VALUE, actor=HOSTILE_VALUE, lead=HOSTILE_VALUE)
def test_any_value_round_trips_as_text(title, outlet, actor, lead):
    import tempfile

    front = (f"---\ntitle: {_yaml_string(title)}\noutlet: {_yaml_string(outlet)}\ndateline: {_yaml_string(lead)}\n"
             f"actors:\n  - {{name: {_yaml_string(actor or 'x')}, type: swasta}}\n---\n")
    body = f"{lead} - Pemkab Sigi \ud800menyalurkan PMT\x85 kepada balita stunting {title}.\nKader dilatih {outlet}.\n"
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        seeds.mkdir()
        (seeds / "a.txt").write_bytes((front + body).encode("utf-8", "surrogatepass"))
        (seeds / "b.txt").write_bytes(body.encode("utf-8", "surrogatepass"))
        docs = Path(tmp) / "docs"
        build(BuildConfig(seeds=seeds, output=docs))
        for page in docs.rglob("*.md"):
            text = page.read_text(encoding="utf-8")
            if text.startswith("---\n"):
                meta = yaml.safe_load(text.split("---\n")[1])  # PyYAML takes every page's front matter
                assert isinstance(meta, dict) and "title" in meta, page
        for feed in docs.rglob("feed.xml"):
            xml.dom.minidom.parseString(feed.read_bytes())  # well-formed XML
        export = (docs / "data" / "articles.json").read_text(encoding="utf-8")
        json.loads(export)
        assert not any(ch in export for ch in ("\x1b", "\x85", "\ufffe", "\x07"))


@pytest.mark.slow
def test_a_hostile_folder_builds_strict_with_no_live_html(tmp_path):
    from test_escaping import _Tags  # the parser the escaping tests use

    seeds = write_seeds(tmp_path / "seeds", {
        "a.txt": "---\ntitle: \"<script>alert(1)</script>\\x85\"\noutlet: \"<svg onload=alert(2)>\\u001b\"\n---\n" + GOOD,
        "b.txt": "Sigi - <script>alert(3)</script>\x85 Pemkab Sigi\ufffe menyalurkan PMT bagi balita stunting.\n",
    })
    project = make_project(tmp_path / "project", seeds)
    result = mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 0, result.stderr
    for page in (project / "site" / "artikel").rglob("*.html"):
        parser = _Tags()
        parser.feed(page.read_text(encoding="utf-8"))
        scripts = [a for tag, a in parser.tags if tag == "script" and not a.get("src")]
        assert all("alert" not in str(a) for a in scripts)
        assert not any(tag == "svg" and "onload" in a for tag, a in parser.tags), page
    for feed in (project / "site").rglob("feed.xml"):
        xml.dom.minidom.parseString(feed.read_bytes())


def test_mojibake_is_repaired_not_rejected(build_kb):
    """Scraped text is often UTF-8 read as Latin-1; heavy mojibake (Arabic, emoji) used to
    look like noise. It is repaired and said."""
    good = "Sigi - Pemkab Sigi menyalurkan PMT bagi balita stunting di lahan seluas 17 km² ini, “gerakan bersama” warga."
    arabic = " Doa yang dibacakan: يَٰٓأَيُّهَا ٱلَّذِينَ ءَامَنُوٓا۟ " * 20 + "😮‍💨"
    scraped = (good + arabic).encode("utf-8").decode("latin-1")
    docs, report, data = build_kb({"a.txt": scraped + "\n"})
    assert [a["id"] for a in data["articles"]] == ["a"]
    page = (docs / "artikel" / "a.md").read_text(encoding="utf-8")
    assert "17 km² ini, “gerakan bersama”" in page and "يَٰٓأَيُّهَا" in page and "Â" not in page
    assert any("salah kode" in p.message and p.level == "info" for p in report.problems)


def test_without_ftfy_the_build_still_runs_and_says_mojibake_is_not_repaired(tmp_path):
    """ftfy is a declared dependency, but a checkout run without installing it (an evaluation
    script, a bare `python -m generator build`) must still build every article."""
    blocker = tmp_path / "blocker" / "ftfy"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('ftfy is not installed here')\n", encoding="utf-8")
    seeds = write_seeds(tmp_path / "seeds", {"a.txt": "Sigi - Pemkab Sigi menyalurkan PMT bagi balita stunting di 17 desa.\n"})
    docs = tmp_path / "docs"
    env = plugin_env()
    env["PYTHONPATH"] = os.pathsep.join([str(blocker.parent), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--docs", str(docs)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "ftfy tidak terpasang" in result.stdout + result.stderr
    data = json.loads((docs / "data" / "articles.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in data["articles"]] == ["a"]
