"""Where one edit's time goes in a long-lived process (what `mkdocs serve` keeps): the
generator's build with a `Memory`, run once cold, once unchanged, then for a few edits
of one seed; prints wall and CPU time and the garbage collector's share of each.

    python bench/serve_edit.py                      # 10,000 synthetic articles + real texts
    python bench/serve_edit.py --size 1000 --profile   # and a cProfile of the last edit

MkDocs' part of a save (its watcher, reading the changed pages, Material's theme) is
not in these figures: `bench/run.py` measures the whole save under `mkdocs serve --dirty`.
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402
from bench.run import EDITED_PHRASE  # noqa: E402
from generator.build import build  # noqa: E402
from generator.config import BuildConfig  # noqa: E402
from generator.state import Memory  # noqa: E402


class Collector:
    """Time spent in the garbage collector, and its runs by generation."""

    def __init__(self) -> None:
        self.seconds, self.runs, self._start = 0.0, [0, 0, 0], 0.0
        gc.callbacks.append(self._note)

    def _note(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start
            self.runs[info["generation"]] += 1

    def reset(self) -> None:
        self.seconds, self.runs = 0.0, [0, 0, 0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--real", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--edits", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="cProfile the last edit")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seeds, docs = Path(tmp) / "seeds", Path(tmp) / "docs"
        real = Path(args.real) if Path(args.real).is_dir() else None
        count = write_corpus(seeds, args.size, real)
        config, memory, collector = BuildConfig(seeds=seeds, output=docs, docs=None), Memory(), Collector()

        def timed(label: str) -> None:
            collector.reset()
            wall, cpu = time.perf_counter(), time.process_time()
            build(config, memory)
            print(f"{label:>10}: {time.perf_counter() - wall:7.2f} s wall, {time.process_time() - cpu:7.2f} s CPU "
                  f"(this process), garbage collector {collector.seconds:5.2f} s, runs by generation {collector.runs}",
                  flush=True)

        print(f"{count} articles")
        timed("cold")
        timed("unchanged")
        edited = next(p for p in sorted(seeds.iterdir()) if EDITED_PHRASE in p.read_text(encoding="utf-8"))
        original = edited.read_text(encoding="utf-8")
        for n in range(args.edits):
            edited.write_text(original.replace(EDITED_PHRASE, EDITED_PHRASE + "lah") if n % 2 == 0 else original,
                              encoding="utf-8")
            time.sleep(2.1)  # a seed younger than two seconds is always read again (read.read_folder)
            profile = cProfile.Profile() if args.profile and n == args.edits - 1 else None
            if profile:
                profile.enable()
            timed(f"edit {n + 1}")
            if profile:
                profile.disable()
                out = io.StringIO()
                pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(40)
                print(out.getvalue())


if __name__ == "__main__":  # worker processes import this module again
    main()
