"""What the importer's boilerplate rules (generator/data/boilerplate.yml) remove from real texts.

    python tools/measure_boilerplate.py [../shared/corpus/*.jsonl] [--show]

Counts the removals by kind, and the words removed: a word-level diff of each text
against its cleaned form gives every run of removed words; --show lists them all (with
the words that follow), to be read by a person: none may be a sentence of the article."""
from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.imports.boilerplate import load_boilerplate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    files = args.files or sorted((ROOT.parent / "shared" / "corpus").glob("*.jsonl"))
    rules = load_boilerplate(ROOT / "generator" / "data")
    removed: Counter = Counter()
    texts = touched_texts = runs = removed_words = 0
    for path in files:
        for line in path.read_bytes().split(b"\n"):
            if not line.strip():
                continue
            row = json.loads(line)
            text = row.get("text") or ""
            texts += 1
            before = Counter(removed)
            original, cleaned = words(text), words(rules.strip(text, removed))
            if removed != before:
                touched_texts += 1
            diff = difflib.SequenceMatcher(None, original, cleaned, autojunk=False)
            for op, i1, i2, j1, j2 in diff.get_opcodes():
                if op in ("delete", "replace"):
                    runs += 1
                    removed_words += i2 - i1
                    if args.show:
                        print(f"{row.get('id')}: -[{' '.join(original[i1:i2])}] {' '.join(original[i2:i2 + 6])}")
    print(f"{texts} texts, {touched_texts} with boilerplate removed")
    for kind, n in sorted(removed.items()):
        print(f"  {kind}: {n}")
    print(f"{removed_words} words removed in {runs} runs (--show lists each, to be read)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
