"""Make seeds from a news dataset in JSON Lines (one article per line), for measuring.

    python tools/corpus_seeds.py ../shared/corpus/stunting_dev.jsonl /tmp/dev-seeds

Each record becomes `<id>.txt` holding its title, a blank line and its text, as
../shared/spec/dev-labels.yaml expects. The texts belong to their outlets: write
the seeds outside the project.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    source, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for line in source.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        record = json.loads(line)
        text = ((record.get("title") or "") + "\n\n" + record["text"]).strip() + "\n"
        (out / f"{record['id']}.txt").write_text(text, encoding="utf-8")
        count += 1
    print(f"{count} seeds written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
