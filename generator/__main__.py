"""Command line: `python -m generator build [-f mkdocs.yml] [--seeds DIR] [--docs DIR]`, `python -m generator bundle`,
`python -m generator import SOURCE... [--seeds DIR] [--since DATE] [--map COL=FIELD]`."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from .build import BuildError, build
from .bundle import DEFAULT_OUT, TOP_FOLDER, build_bundle
from .config import DEFAULT_OUTPUT, BuildConfig, SiteSettings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Stunting knowledge base generator")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="generate the pages and data/ from the seeds")
    b.add_argument("-f", "--config", type=Path, default=Path("mkdocs.yml"),
                   help="MkDocs configuration whose stunting-kb plugin options are used (default: mkdocs.yml, if it exists)")
    b.add_argument("--seeds", type=Path, default=None, help="folder of article .txt files (default: the plugin's `seeds`, seeds/)")
    b.add_argument("--docs", type=Path, default=None,
                   help=f"folder that receives the generated pages and data/ (default: the plugin's `output`, "
                        f"{DEFAULT_OUTPUT}/, where `mkdocs build` takes them from)")
    b.add_argument("--lead-only", action="store_true", help="publish only lead paragraphs, not full article texts")
    b.add_argument("--site-url", default=None, help="absolute site URL for feeds (default: mkdocs.yml's site_url, or $SITE_URL)")
    z = sub.add_parser("bundle", help="build the offline site (works from file://) and zip it")
    z.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"zip file to write (default: {DEFAULT_OUT})")
    z.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs configuration (default: mkdocs.yml)")
    i = sub.add_parser("import", help="turn saved news pages, datasets and RSS/Atom feeds into seeds")
    i.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="a saved page (.html/.htm) or a folder of them, an http(s) URL of a news page or feed, "
                        "a dataset (.jsonl, .json, .csv, .xlsx)")
    i.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder the seeds are written to (default: seeds/)")
    i.add_argument("--since", type=_iso_date, default=None, metavar="DATE",
                   help="only articles published on or after DATE (YYYY-MM-DD)")
    i.add_argument("--map", action="append", default=[], metavar="COL=FIELD",
                   help="read dataset column COL as FIELD (title, text, date, url, outlet); repeatable")
    i.add_argument("--delay", type=float, default=None, help="seconds between two requests to one site (default: 1)")
    i.add_argument("--log", type=Path, default=None, metavar="FILE",
                   help="where the full list (every row and what became of it) goes "
                        "(default: import-logs/impor-<time>.log beside the seeds folder)")
    i.add_argument("--limit", action="append", default=[], metavar="NAME=VALUE",
                   help="raise or lower one of the limits of generator/data/import.yml for this import "
                        "(e.g. max_rows=1000000); repeatable")
    args = parser.parse_args(argv)
    if args.command == "import":
        return _import(args)
    if args.command == "bundle":
        try:
            out = build_bundle(args.config, args.out)
        except Exception as exc:  # noqa: BLE001 - one line for the user, whatever failed
            print(f"galat: bundel luring tidak dibuat: {exc}", file=sys.stderr)
            return 2
        print(f"bundel luring ditulis: {out} (ekstrak lalu buka {TOP_FOLDER}/index.html)")
        return 0
    try:
        config = _configured(args.config).with_command_line(args.seeds, args.docs, args.lead_only, args.site_url)
        report = build(config)
    except BuildError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 2
    print("\n".join(report.lines()))
    return 0


def _configured(config_file: Path) -> BuildConfig:
    """The options `mkdocs build` would use (mkdocs.yml, validated by MkDocs), or the
    defaults where there is no mkdocs.yml."""
    if not config_file.exists():
        return BuildConfig(docs=Path("docs"), site=SiteSettings(site_url=os.environ.get("SITE_URL", "")))
    from mkdocs.exceptions import MkDocsException

    from .plugin.config import build_config, load_mkdocs

    try:
        return build_config(load_mkdocs(config_file))
    except MkDocsException as exc:  # a configuration error (MkDocs logged which) or Abort
        raise BuildError(f"{config_file}: {exc}") from exc


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' bukan tanggal TTTT-BB-HH") from None


def _import(args: argparse.Namespace) -> int:
    from .imports import load_tools, parse_mapping, run_import, with_limits
    from .imports.fetch import Fetcher
    from .reference import DataFileError

    try:
        mapping = parse_mapping(args.map)
        tools = with_limits(load_tools(Path(__file__).parent / "data"), args.limit)
    except (ValueError, DataFileError) as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 2
    summary = run_import(args.sources, args.seeds, tools, Fetcher(tools.sources, delay=args.delay),
                         since=args.since, mapping=mapping, progress=sys.stderr)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    log = args.log or args.seeds.resolve().parent / "import-logs" / f"impor-{stamp}.log"
    try:
        summary.write_log(log)
    except OSError as exc:
        print(f"peringatan: log tidak bisa ditulis ke {log} ({exc.strerror or exc})", file=sys.stderr)
    print("\n".join(summary.lines()))
    # An import that lost something (a source with nothing usable, a seed not written) fails.
    return 1 if summary.failed() else 0


if __name__ == "__main__":
    sys.exit(main())
