"""Command line: `python -m generator build [--seeds DIR] [--docs DIR]`, `python -m generator bundle`."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .build import BuildError, build
from .bundle import DEFAULT_OUT, TOP_FOLDER, build_bundle
from .config import DEFAULT_OUTPUT, BuildConfig


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Stunting knowledge base generator")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="generate the pages and data/ from the seeds")
    b.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of article .txt files (default: seeds/)")
    b.add_argument("--docs", type=Path, default=None,
                   help=f"folder that receives the generated pages and data/ (default: {DEFAULT_OUTPUT}/, "
                        "where `mkdocs build` takes them from)")
    b.add_argument("--lead-only", action="store_true", help="publish only lead paragraphs, not full article texts")
    b.add_argument("--site-url", default=os.environ.get("SITE_URL", ""), help="absolute site URL for feeds (default: $SITE_URL)")
    z = sub.add_parser("bundle", help="build the offline site (works from file://) and zip it")
    z.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"zip file to write (default: {DEFAULT_OUT})")
    z.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs configuration (default: mkdocs.yml)")
    args = parser.parse_args(argv)
    if args.command == "bundle":
        try:
            out = build_bundle(args.config, args.out)
        except Exception as exc:  # noqa: BLE001 - one line for the user, whatever failed
            print(f"galat: bundel luring tidak dibuat: {exc}", file=sys.stderr)
            return 2
        print(f"bundel luring ditulis: {out} (ekstrak lalu buka {TOP_FOLDER}/index.html)")
        return 0
    config = BuildConfig.from_command_line(args.seeds, args.docs, args.lead_only, args.site_url)
    try:
        report = build(config)
    except BuildError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 2
    print("\n".join(report.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
