"""The write stage on its own: atomic, minimal, and never touching what it did not write."""
from __future__ import annotations

import json
import os
import threading
import time

import pytest

from generator.state import (EDITED, JOURNAL, LEFT_ALONE, MANIFEST, OUTSIDE, manifest_entries, read_journal,
                             read_manifest, write_tree)
from generator.write import REPLACED, Output, file_stat, output_lock, remove_leftovers


def _outputs(files: dict[str, bytes | None]) -> list[Output]:
    return [Output(path, (lambda data=data: data)) for path, data in files.items()]


def test_writes_files_and_claims_them(tmp_path):
    result = write_tree(tmp_path, _outputs({"a.md": b"A\n", "sub/b.md": b"B\n"}))
    assert sorted(result.written) == ["a.md", "sub/b.md"]
    assert (tmp_path / "sub" / "b.md").read_bytes() == b"B\n"
    assert read_manifest(tmp_path) == {"a.md", "sub/b.md"}
    assert set(result.stats) == {"a.md", "sub/b.md"}


def test_an_unchanged_file_keeps_its_time(tmp_path):
    write_tree(tmp_path, _outputs({"a.md": b"A\n"}))
    os.utime(tmp_path / "a.md", ns=(1_000_000_000, 1_000_000_000))
    result = write_tree(tmp_path, _outputs({"a.md": b"A\n"}))
    assert result.written == [] and result.unchanged == 1
    assert (tmp_path / "a.md").stat().st_mtime_ns == 1_000_000_000


def test_none_means_the_file_is_still_right(tmp_path):
    write_tree(tmp_path, _outputs({"a.md": b"A\n"}))
    result = write_tree(tmp_path, _outputs({"a.md": None}))
    assert result.unchanged == 1 and (tmp_path / "a.md").read_bytes() == b"A\n"


def test_large_files_are_streamed_and_compared_in_chunks(tmp_path):
    chunks = [b"x" * 1000] * 50
    write_tree(tmp_path, [Output("big.json", lambda: iter(chunks))])
    assert (tmp_path / "big.json").stat().st_size == 50_000
    result = write_tree(tmp_path, [Output("big.json", lambda: iter(chunks))])
    assert result.written == []
    result = write_tree(tmp_path, [Output("big.json", lambda: iter(chunks[:-1]))])
    assert result.written == ["big.json"] and (tmp_path / "big.json").stat().st_size == 49_000


def test_a_file_it_did_not_write_is_never_overwritten_or_removed(tmp_path):
    (tmp_path / "mine.md").write_text("hand-written\n")
    result = write_tree(tmp_path, _outputs({"mine.md": b"generated\n", "a.md": b"A\n"}))
    assert result.refused == ["mine.md"]
    assert (tmp_path / "mine.md").read_text() == "hand-written\n"
    write_tree(tmp_path, _outputs({}))
    assert (tmp_path / "mine.md").exists() and not (tmp_path / "a.md").exists()


def test_stale_files_it_wrote_are_removed_with_their_empty_folders(tmp_path):
    write_tree(tmp_path, _outputs({"x/y/old.md": b"old\n", "keep.md": b"k\n"}))
    result = write_tree(tmp_path, _outputs({"keep.md": b"k\n"}))
    assert result.removed == ["x/y/old.md"] and not (tmp_path / "x").exists()
    assert read_manifest(tmp_path) == {"keep.md"}


def test_a_page_changed_by_hand_is_kept_aside_and_said(tmp_path):
    first = write_tree(tmp_path, _outputs({"a.md": b"A\n"}))
    (tmp_path / "a.md").write_text("edited by a person\n")
    heard = []
    write_tree(tmp_path, _outputs({"a.md": b"A2\n"}), {p: {s} for p, s in first.stats.items()},
               lambda event, rel: heard.append((event, rel)))
    assert heard == [(EDITED, "a.md")]
    assert (tmp_path / REPLACED / "a.md").read_text() == "edited by a person\n"
    assert (tmp_path / "a.md").read_bytes() == b"A2\n"


def test_the_journal_records_each_file_before_it_is_renamed(tmp_path):
    seen = []

    def make() -> bytes:
        seen.append(read_journal(tmp_path))
        return b"second\n"
    write_tree(tmp_path, [Output("a.md", lambda: b"first\n"), Output("b.md", make)])
    # When b.md is made, a.md is in the journal in the state it was left in.
    assert seen[0]["a.md"] == {file_stat(tmp_path / "a.md")}
    lines = (tmp_path / JOURNAL).read_text().splitlines()
    assert [json.loads(line)[0] for line in lines] == ["a.md", "b.md"]


def test_leftover_temporary_files_are_removed(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".tmp-abc.md").write_text("half")
    (tmp_path / ".tmpfile-not-ours").write_text("x")
    assert remove_leftovers(tmp_path) == ["sub/.tmp-abc.md"]
    assert (tmp_path / ".tmpfile-not-ours").exists()


def test_a_failing_page_leaves_the_others_written_and_the_manifest_whole(tmp_path):
    def fail() -> bytes:
        raise RuntimeError("boom")
    with pytest.raises(RuntimeError):
        write_tree(tmp_path, [Output("a.md", lambda: b"A\n"), Output("b.md", fail)])
    assert (tmp_path / "a.md").exists()
    assert {"a.md", "b.md"} <= read_manifest(tmp_path)  # claimed before writing
    assert not [p for p in tmp_path.rglob(".tmp-*")]


def test_one_build_at_a_time(tmp_path):
    order = []

    def second():
        with output_lock(tmp_path):
            order.append("second")
    with output_lock(tmp_path):
        t = threading.Thread(target=second)
        t.start()
        time.sleep(0.3)
        order.append("first")
    t.join(10)
    assert order == ["first", "second"]
    with output_lock(tmp_path):
        with pytest.raises(TimeoutError):
            with output_lock(tmp_path, wait=0.2):
                pass


def test_the_manifest_is_never_trusted_to_reach_outside(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "victim.txt").write_text("keep")
    (tmp_path / "out" / MANIFEST).write_text(json.dumps({"files": ["../victim.txt", "a.md"]}))
    assert read_manifest(tmp_path / "out") == {"a.md"}
    write_tree(tmp_path / "out", _outputs({}))
    assert (tmp_path / "victim.txt").read_text() == "keep"


def test_a_page_changed_by_hand_whose_copy_fails_is_left_alone(tmp_path):
    """The copy of an edited page cannot be kept (here a file stands where the copies'
    folder should be): the page is not overwritten, and the caller hears of it."""
    first = write_tree(tmp_path, _outputs({"a.md": b"A\n", "b.md": b"B\n"}))
    (tmp_path / "a.md").write_text("edited by a person\n")
    (tmp_path / REPLACED).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / REPLACED).write_text("not a folder")
    heard = []
    result = write_tree(tmp_path, _outputs({"a.md": b"A2\n", "b.md": b"B2\n"}), {p: {s} for p, s in first.stats.items()},
                        lambda event, rel: heard.append((event, rel)))
    assert heard == [(LEFT_ALONE, "a.md")] and result.kept_edited == ["a.md"]
    assert (tmp_path / "a.md").read_text() == "edited by a person\n"
    assert (tmp_path / "b.md").read_bytes() == b"B2\n"
    assert "a.md" in read_manifest(tmp_path)  # still the generator's, never deleted as stale


def test_absolute_and_climbing_manifest_paths_delete_nothing_outside(tmp_path):
    """A manifest from a pull request lists files outside the output folder: by absolute
    path, by `..`, through a link in the folder. None is deleted; each is reported."""
    out = tmp_path / "out"
    out.mkdir()
    victims = [tmp_path / "victim.txt", tmp_path / "elsewhere" / "v.md"]
    victims[1].parent.mkdir()
    for v in victims:
        v.write_text("keep")
    (out / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    listed = [str(victims[0]), "../victim.txt", "link/v.md", "C:\\victim.txt", "sub\\..\\..\\victim.txt", 7, "a.md"]
    (out / MANIFEST).write_text(json.dumps({"files": listed}))
    owned, ignored = manifest_entries(out)
    assert owned == {"a.md"} and len(ignored) == 6
    result = write_tree(out, _outputs({}))
    assert all(v.read_text() == "keep" for v in victims)
    assert result.removed == []
    assert (out / "link").is_symlink()


def test_nothing_is_written_through_a_path_out_of_the_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (out / "artikel").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    heard = []
    absolute = str(tmp_path / "x.md")
    result = write_tree(out, _outputs({"artikel/a.md": b"A\n", absolute: b"X\n", "../y.md": b"Y\n", "ok.md": b"O\n"}),
                        tell=lambda event, rel: heard.append((event, rel)))
    assert sorted(result.outside) == sorted(["../y.md", absolute, "artikel/a.md"])
    assert {e for e, _ in heard} == {OUTSIDE}
    assert list((tmp_path / "elsewhere").iterdir()) == [] and not (tmp_path / "y.md").exists()
    assert not (tmp_path / "x.md").exists()
    assert result.written == ["ok.md"]
