"""Command line: `python -m generator build [--seeds DIR] [--docs DIR]`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import BuildError, build
from .config import BuildConfig
from .render import SiteSettings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Stunting knowledge base generator")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="generate Markdown pages and data/ from the seeds")
    b.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of article .txt files (default: seeds/)")
    b.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs docs folder to write into (default: docs/)")
    b.add_argument("--lead-only", action="store_true", help="publish only lead paragraphs, not full article texts")
    args = parser.parse_args(argv)
    if args.command == "build":
        config = BuildConfig(seeds=args.seeds, docs=args.docs, site=SiteSettings(full_text=not args.lead_only))
        try:
            report = build(config)
        except BuildError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print("\n".join(report.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
