"""Same output before and after a change: builds one corpus with a git revision and with
the working tree, and compares the generated folders byte for byte.

    python bench/same_output.py                    # HEAD against the working tree, 1,000 articles + real texts
    python bench/same_output.py main --size 2000   # another revision, another size

A change meant to make the generator faster (issue 24: one pass over each text)
must not change a single byte of what it writes. The corpus is bench/corpus.py's
(plus ../shared/corpus/*.jsonl when it is there); the revision is exported with
`git archive` into a temporary folder, so the working tree is not touched.
"""
from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_corpus  # noqa: E402


def build(checkout: Path, seeds: Path, docs: Path) -> float:
    """The checkout's generator, with its default options (no mkdocs.yml is read)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "build", "-f", str(seeds.parent / "no-mkdocs.yml"),
                    "--seeds", str(seeds), "--docs", str(docs)],
                   cwd=seeds.parent, check=True, stdout=subprocess.DEVNULL, env=_env(checkout))
    return time.perf_counter() - start


def _env(checkout: Path) -> dict:
    import os

    return {**os.environ, "PYTHONPATH": str(checkout)}


def differences(a: Path, b: Path) -> list[str]:
    """Files that differ, or exist on one side only, as paths relative to the folders.
    The incremental build's cache (.cache/) is left out: it is stamped with a digest
    of the generator's code, which a change to the code changes by design."""
    out = []
    cmp = filecmp.dircmp(a, b, ignore=[".cache"])
    stack = [(cmp, Path())]
    while stack:
        c, rel = stack.pop()
        out += [str(rel / n) + " (only before)" for n in c.left_only]
        out += [str(rel / n) + " (only after)" for n in c.right_only]
        _, mismatch, errors = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
        out += [str(rel / n) for n in mismatch + errors]
        stack += [(sub, rel / name) for name, sub in c.subdirs.items()]
    return sorted(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", nargs="?", default="HEAD")
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--real", default=str(ROOT.parent / "shared" / "corpus"), help="folder of *.jsonl real texts ('' for none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="same-output-") as tmp:
        work = Path(tmp)
        before = work / "before"
        before.mkdir()
        archive = subprocess.run(["git", "archive", args.revision], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive, check=True)
        seeds = work / "seeds"
        count = write_corpus(seeds, args.size, Path(args.real) if args.real else None)
        t_before = build(before, seeds, work / "docs-before")
        t_after = build(ROOT, seeds, work / "docs-after")
        files = sum(1 for p in (work / "docs-after").rglob("*") if p.is_file() and ".cache" not in p.parts)
        diff = differences(work / "docs-before", work / "docs-after")
        print(f"{count} articles, {files} files compared (.cache/ left out); build {args.revision}: {t_before:.1f} s, working tree: {t_after:.1f} s")
        for d in diff[:50]:
            print("differs:", d)
        print("identical" if not diff else f"{len(diff)} files differ")
        return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
