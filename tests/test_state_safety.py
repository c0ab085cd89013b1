"""Hostile build state (issue 22): what a committed or downloaded output folder holds,
and where the site is built, can neither run code nor delete anything outside."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import make_project, mkdocs, write_seeds

SEED = ("Sigi - Pemerintah Kabupaten Sigi menyalurkan PMT bagi 120 balita stunting. Prevalensi stunting di Kabupaten "
        "Sigi turun menjadi 12,4 persen pada 2024.\n")


def test_a_linked_site_folder_is_refused_and_its_target_untouched(tmp_path):
    """MkDocs empties its site folder before building: a `site/` that links elsewhere
    would wipe the folder it points to. The build stops first, in Indonesian."""
    seeds = write_seeds(tmp_path / "seeds-src", {"a.txt": SEED})
    project = make_project(tmp_path / "project", seeds)
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "tesis.docx").write_bytes(b"three years of work")
    (precious / "bab").mkdir()
    (precious / "bab" / "1.md").write_text("Bab 1\n", encoding="utf-8")
    (project / "site").symlink_to(precious, target_is_directory=True)
    result = mkdocs(project, "build", timeout=120)
    assert result.returncode != 0
    assert "adalah tautan ke" in result.stderr and str(precious) in result.stderr
    assert (precious / "tesis.docx").read_bytes() == b"three years of work"
    assert (precious / "bab" / "1.md").read_text(encoding="utf-8") == "Bab 1\n"
    assert sorted(p.name for p in precious.rglob("*")) == ["1.md", "bab", "tesis.docx"]


def test_site_dir_problem_sees_links_in_the_project_only(tmp_path):
    from generator.build import site_dir_problem

    real = tmp_path / "real"
    (real / "site").mkdir(parents=True)
    assert site_dir_problem(real / "site", real) is None
    assert site_dir_problem(real / "new-site", real) is None  # not there yet: made by MkDocs
    (real / "out").symlink_to(tmp_path, target_is_directory=True)
    assert "induk site_dir" in site_dir_problem(real / "out" / "site", real)
    # A project that itself lives under a linked folder builds as before.
    (tmp_path / "home").symlink_to(real, target_is_directory=True)
    assert site_dir_problem(tmp_path / "home" / "site", tmp_path / "home") is None
    assert os.path.isdir(tmp_path / "home" / "site")


class _RunsCode:
    """What a hostile pickle holds: unpickling it calls eval, which writes a marker file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (eval, (f"open({str(self.marker)!r}, 'w').write('ran')",))


def _hostile_pickle(marker: Path) -> bytes:
    import pickle

    return pickle.dumps(_RunsCode(marker))


@pytest.mark.slow
def test_no_cache_or_manifest_file_runs_code(tmp_path):
    """The attack of issue 22: a committed docs/ with an old manifest and a pickle that calls
    eval, and pickles (and Jinja bytecode) wherever the caches lived. `mkdocs build` runs
    none of them, builds the same site as from a clean clone, and says what is left in docs/."""
    seeds = write_seeds(tmp_path / "seeds-src", {"a.txt": SEED, "b.txt": SEED.replace("Sigi", "Poso")})
    project = make_project(tmp_path / "project", seeds)
    marker = tmp_path / "ran"
    docs, generated = project / "docs", project / "generated"
    (docs / "lama.md").write_text("# Halaman versi lama\n", encoding="utf-8")
    (docs / ".generator-manifest.json").write_text('{"files": ["lama.md"]}', encoding="utf-8")
    victim = tmp_path / "victim.md"
    victim.write_text("keep", encoding="utf-8")
    generated.mkdir()
    (generated / ".generator-manifest.json").write_text(f'{{"files": [{str(victim)!r}, "../victim.md"]}}'.replace("'", '"'),
                                                        encoding="utf-8")
    for folder in (docs / ".cache", generated / ".cache", generated / ".cache" / "templates",
                   generated / ".cache" / "theme", generated / ".cache" / "articles"):
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("generator.pickle", "stamp.pickle", "reference.pickle", "state.json", "stamp.json"):
            (folder / name).write_bytes(_hostile_pickle(marker))
    # Jinja's on-disk bytecode cache files (what FileSystemBytecodeCache would read).
    for name in ("__jinja2_" + "0" * 40 + ".cache",):
        (generated / ".cache" / "templates" / name).write_bytes(b"j2" + _hostile_pickle(marker))
    result = mkdocs(project, "build", "--strict", "-d", "site", timeout=300)
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    assert (docs / "lama.md").read_text(encoding="utf-8") == "# Halaman versi lama\n"  # reported, not deleted
    assert "halaman buatan pembangkit versi lama masih ada" in result.stderr
    assert f"jalur '{victim}' di manifes diabaikan" in result.stderr and "jalur '../victim.md'" in result.stderr
    assert victim.read_text(encoding="utf-8") == "keep"
    # And the articles are those a clean clone builds (the report pages add the warnings).
    clean = make_project(tmp_path / "clean", seeds)
    (clean / "docs" / "lama.md").write_text("# Halaman versi lama\n", encoding="utf-8")
    assert mkdocs(clean, "build", "--strict", "-d", "site", timeout=300).returncode == 0
    articles = {k: v for k, v in _tree(generated).items()
                if (k.startswith("artikel/") and k != "artikel/index.md") or k == "data/articles.json"}
    assert len(articles) == 3 and articles == {k: v for k, v in _tree(clean / "generated").items() if k in articles}
    # The next build reads the cache it wrote itself (JSON), and still runs nothing.
    again = mkdocs(project, "build", "--strict", "-d", "site", timeout=300)
    assert again.returncode == 0 and not marker.exists()


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(root).parts and p.name != ".build.lock"}


def test_a_cache_of_the_wrong_shape_is_absent(tmp_path):
    """Each cache file replaced by valid JSON of another shape, or cut short: the build
    does everything again and gives the fresh build's files."""
    from generator.build import build
    from generator.config import BuildConfig

    seeds = write_seeds(tmp_path / "seeds", {f"s{i}.txt": SEED.replace("120", str(100 + i)) for i in range(5)})
    out = tmp_path / "out"
    build(BuildConfig(seeds=seeds, output=out))
    (seeds / "s0.txt").write_text(SEED.replace("Sigi", "Poso"), encoding="utf-8")  # the stamp no longer holds
    cache = out / ".cache"
    bad = [b'{"format": 1, "version": 3}', b'[1, 2', b'{"format": 1, "article": {"id": 5}}', b"\x80\x04K\x01."]
    for i, path in enumerate(sorted(p for p in cache.rglob("*.json"))):
        path.write_bytes(bad[i % len(bad)])
    report = build(BuildConfig(seeds=seeds, output=out))
    assert len(report.built) == 5
    fresh = tmp_path / "fresh"
    build(BuildConfig(seeds=seeds, output=fresh))
    assert _tree(out) == _tree(fresh)


def test_an_edited_page_whose_copy_fails_is_left_alone_and_reported(tmp_path):
    """Issue 21: a generated page a person edited is never overwritten unless its copy is
    kept. The copy cannot be made (a file stands where .cache/replaced/ goes): the page
    stays as edited, the report and the curator page say so; once the copy can be made,
    the next build keeps it and replaces the page."""
    from generator.build import build
    from generator.config import BuildConfig

    seeds = write_seeds(tmp_path / "seeds", {"a.txt": SEED})
    out = tmp_path / "out"
    build(BuildConfig(seeds=seeds, output=out))
    page = out / "artikel" / "a.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\nCatatan tangan kurator.\n", encoding="utf-8")
    blocker = out / ".cache" / "replaced"
    blocker.write_text("not a folder", encoding="utf-8")
    (seeds / "b.txt").write_text(SEED.replace("Sigi", "Poso"), encoding="utf-8")
    report = build(BuildConfig(seeds=seeds, output=out))
    assert page.read_text(encoding="utf-8").endswith("Catatan tangan kurator.\n")
    (problem,) = [p for p in report.problems if p.file == "artikel/a.md"]
    assert "tidak ditimpa" in problem.message
    assert "tidak ditimpa" in (out / "kurasi" / "index.md").read_text(encoding="utf-8")
    assert (out / "artikel" / "b.md").is_file()  # the rest of the build went on
    again = build(BuildConfig(seeds=seeds, output=out))  # still no copy: still left alone (no "unchanged" claim)
    assert any("tidak ditimpa" in p.message for p in again.problems)
    assert page.read_text(encoding="utf-8").endswith("Catatan tangan kurator.\n")
    blocker.unlink()
    last = build(BuildConfig(seeds=seeds, output=out))
    build(BuildConfig(seeds=seeds, output=tmp_path / "fresh"))
    assert page.read_bytes() == (tmp_path / "fresh" / "artikel" / "a.md").read_bytes()
    assert (blocker / "artikel" / "a.md").read_text(encoding="utf-8").endswith("Catatan tangan kurator.\n")
    assert any("diganti" in p.message for p in last.problems if p.file == "artikel/a.md")


def test_a_stemmer_a_folder_brings_is_never_run_by_the_build(build_kb, tmp_path, caplog):
    """A large site's search index is made at build time with the site's stemmer script, run
    in V8. A hand-written file in docs/ at that path would be run by the build: only the
    generator's own stemmer (its data, then the package's code) is; another is reported and
    Material's search indexes the site."""
    import json
    import logging

    from generator import urls
    from generator.plugin.plugin import put_prebuilt_index

    output, _, _ = build_kb({"a.txt": SEED})
    own = (output / urls.SEARCH_LANGUAGE).read_text(encoding="utf-8")
    index = {"config": {"lang": ["id"], "separator": r"[\s\-]+", "fields": {"title": {"boost": 1000}}},
             "docs": [{"location": "a/", "title": "Posyandu", "text": "Pemerintah menyalurkan makanan tambahan"}]}
    hostile = ("var KB_ID_DATA = {\"stop\": []};\nvar KB_ID_STEMMER = {stem: function (w) { return 'diretas'; }};\n")
    made = {}
    for name, script in (("own", own), ("hostile", hostile), ("own-then-more", own + "\nKB_ID_STEMMER.stem = function () { return 'diretas'; };\n")):
        site = tmp_path / name
        (site / "search").mkdir(parents=True)
        (site / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
        (site / "assets" / "javascripts" / "workers").mkdir(parents=True)
        (site / "assets" / "javascripts" / "workers" / "search.1234.min.js").write_text("material", encoding="utf-8")
        (site / urls.SEARCH_LANGUAGE).parent.mkdir(parents=True, exist_ok=True)
        (site / urls.SEARCH_LANGUAGE).write_text(script, encoding="utf-8")
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            put_prebuilt_index(site, keep_made=False)
        made[name] = (site / "search" / "kb").exists()
        shards = "".join(p.read_text(encoding="utf-8") for p in (site / "search").rglob("*.js"))
        assert "diretas" not in shards
        if name != "own":
            assert json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8")) == index
            assert "bukan penstem buatan pembangkit" in caplog.text
    assert made == {"own": True, "hostile": False, "own-then-more": False}


def test_cache_folders_that_link_out_are_neither_written_nor_emptied(tmp_path):
    """A committed output folder whose .cache/articles is a link to another folder: the build
    reads no cache from there, writes nothing there and deletes nothing there."""
    from generator.build import build
    from generator.config import BuildConfig

    seeds = write_seeds(tmp_path / "seeds", {"a.txt": SEED, "b.txt": SEED.replace("Sigi", "Poso")})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / ("0" * 32 + ".json")
    victim.write_text('{"precious": true}', encoding="utf-8")
    out = tmp_path / "out"
    (out / ".cache").mkdir(parents=True)
    (out / ".cache" / "articles").symlink_to(elsewhere, target_is_directory=True)
    report = build(BuildConfig(seeds=seeds, output=out))
    assert len(report.built) == 2
    assert sorted(p.name for p in elsewhere.iterdir()) == [victim.name]
    assert victim.read_text(encoding="utf-8") == '{"precious": true}'
    again = build(BuildConfig(seeds=seeds, output=out))  # and the next build, with the cache it could write
    assert len(again.built) == 2 and sorted(p.name for p in elsewhere.iterdir()) == [victim.name]
    build(BuildConfig(seeds=seeds, output=tmp_path / "fresh"))
    assert _tree(out) == _tree(tmp_path / "fresh")



def test_a_cache_folder_that_links_out_is_not_read(tmp_path):
    """.cache/articles made a link to a folder of entries of the right shape (the build's own,
    with their title changed): the build extracts the seeds again and shows none of them. The
    same entries in the folder itself are read (so the test would see them)."""
    import json

    from generator.build import build
    from generator.config import BuildConfig

    seeds = write_seeds(tmp_path / "seeds", {"a.txt": SEED})
    out = tmp_path / "out"
    build(BuildConfig(seeds=seeds, output=out))
    articles, elsewhere = out / ".cache" / "articles", tmp_path / "elsewhere"
    for entry in articles.glob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["article"]["title"] = "Judul dari luar"
        entry.write_text(json.dumps(data), encoding="utf-8")

    def shown() -> bool:
        (out / ".cache" / "stamp.json").unlink()  # else nothing is looked at again
        build(BuildConfig(seeds=seeds, output=out))
        return any("Judul dari luar" in p.read_text(encoding="utf-8") for p in out.rglob("*.md")
                   if ".cache" not in p.relative_to(out).parts)

    articles.rename(elsewhere)
    articles.symlink_to(elsewhere, target_is_directory=True)
    assert not shown()
    articles.unlink()
    elsewhere.rename(articles)
    assert shown()

def test_a_generated_page_that_is_a_link_is_replaced_not_published(tmp_path):
    """A committed output folder may hold, at a generated page's path, a link to a private file,
    with .cache/replaced blocked so that no copy of an 'edited' page can be kept: the link is
    replaced by the page (what it pointed to untouched), never left for MkDocs to publish."""
    from generator.build import build
    from generator.config import BuildConfig

    seeds = write_seeds(tmp_path / "seeds", {"a.txt": SEED})
    out = tmp_path / "out"
    build(BuildConfig(seeds=seeds, output=out))
    secret = tmp_path / "id_rsa"
    secret.write_text("-----BEGIN PRIVATE KEY-----\n", encoding="utf-8")
    page = out / "artikel" / "a.md"
    page.unlink()
    page.symlink_to(secret)
    (out / ".cache" / "replaced").write_text("not a folder", encoding="utf-8")
    (seeds / "b.txt").write_text(SEED.replace("Sigi", "Poso"), encoding="utf-8")
    build(BuildConfig(seeds=seeds, output=out))
    assert not page.is_symlink() and "PRIVATE KEY" not in page.read_text(encoding="utf-8")
    assert secret.read_text(encoding="utf-8") == "-----BEGIN PRIVATE KEY-----\n"
    build(BuildConfig(seeds=seeds, output=tmp_path / "fresh"))
    assert page.read_bytes() == (tmp_path / "fresh" / "artikel" / "a.md").read_bytes()
