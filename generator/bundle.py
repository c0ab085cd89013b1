"""The offline bundle: the site built for file://, zipped, for a USB stick.

Builds with KB_OFFLINE=true (Material's offline plugin: .html URLs, search
index inlined as a script; our iframe-worker shim lets the search worker run
from file://; no fonts or scripts from the network), then zips the site
under one top folder. The zip is deterministic: sorted entries, fixed times.
"""
from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

TOP_FOLDER = "basis-pengetahuan-stunting"
DEFAULT_OUT = Path("dist") / f"{TOP_FOLDER}-offline.zip"
_EPOCH = (1980, 1, 1, 0, 0, 0)


def build_bundle(config_file: Path, out: Path) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    previous = os.environ.get("KB_OFFLINE")
    os.environ["KB_OFFLINE"] = "true"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            site = Path(tmp) / TOP_FOLDER
            config = load_config(str(config_file), site_dir=str(site), site_url="")
            build(config)
            out.parent.mkdir(parents=True, exist_ok=True)
            write_zip(site, out)
    finally:
        if previous is None:
            os.environ.pop("KB_OFFLINE", None)
        else:
            os.environ["KB_OFFLINE"] = previous
    return out


def write_zip(site: Path, out: Path) -> None:
    tmp = out.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            # The sitemap carries a build date and is of no use offline.
            if path.name.startswith("sitemap.xml"):
                continue
            info = zipfile.ZipInfo(f"{TOP_FOLDER}/{path.relative_to(site).as_posix()}", _EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    os.replace(tmp, out)
