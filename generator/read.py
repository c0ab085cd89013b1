"""Read stage: seed files on disk -> `Seed` objects (text + curator overrides).

Reading never raises for a bad file: every file ends up either as a `Seed` or
as a `Problem` that names it and says why it was skipped. Seed files are
opened read-only and never touched otherwise.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml

from .model import Problem, Seed

SEED_SUFFIX = ".txt"
# A news article is a few KB; anything this large is not one, and refusing it
# keeps a build's time and memory bounded.
MAX_SEED_BYTES = 1_000_000
# Magic numbers of files that are often renamed by mistake.
_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


@dataclass(frozen=True)
class SeedFolder:
    """What a seeds folder holds: readable seeds, and problems with the rest."""

    seeds: tuple[Seed, ...]
    problems: tuple[Problem, ...]


def read_folder(folder: Path) -> SeedFolder:
    seeds: list[Seed] = []
    problems: list[Problem] = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name.startswith(".") or entry.is_dir() or not entry.name.lower().endswith(SEED_SUFFIX):
            what = "folder" if entry.is_dir() else "file"
            problems.append(Problem(entry.name, f"ignored: not a seed ({what}; seeds are .txt files)", level="info"))
            continue
        result = read_seed(Path(entry.path))
        if isinstance(result, Seed):
            seeds.append(result)
            problems.extend(result.problems)
        else:
            problems.append(result)
    return SeedFolder(tuple(seeds), tuple(problems))


def read_seed(path: Path) -> Seed | Problem:
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_SEED_BYTES:
            return Problem(name, f"skipped: file is {size:,} bytes, larger than the {MAX_SEED_BYTES:,}-byte limit for an article", level="skipped")
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        return Problem(name, f"skipped: cannot be read ({exc.strerror or exc})", level="skipped")
    if raw.startswith(_BINARY_MAGIC) or b"\x00" in raw:
        return Problem(name, "skipped: binary file, not text", level="skipped")
    text, encoding = decode(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return Problem(name, "skipped: empty file", level="skipped")
    problems: list[Problem] = []
    if encoding != "utf-8":
        problems.append(Problem(name, f"not valid UTF-8, read as {encoding}", level="info"))
    overrides, body, problem = split_front_matter(name, text)
    block = text[: len(text) - len(body)] if overrides else ""
    if problem:
        problems.append(problem)
    if not body.strip():
        return Problem(name, "skipped: no article text after the front matter", level="skipped")
    return Seed(id=path.stem, file=name, text=body, encoding=encoding, overrides=overrides,
                front_matter=block, problems=tuple(problems))


def decode(raw: bytes) -> tuple[str, str]:
    """UTF-8 (BOM or not); otherwise the Windows code page editors save in."""
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte.
        return raw.decode("latin-1"), "latin-1"


def split_front_matter(name: str, text: str) -> tuple[dict, str, Problem | None]:
    """Curator overrides from a leading YAML block; a bad block is reported and ignored."""
    if not text.lstrip("\ufeff").startswith("---"):
        return {}, text, None
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        # Drop the block so its YAML does not show up as article text.
        body = _strip_block(text)
        return {}, body, Problem(name, f"front matter is not valid YAML ({reason}); built without overrides", line=line)
    except Exception as exc:  # noqa: BLE001 - any parser failure must not stop the build
        return {}, _strip_block(text), Problem(name, f"front matter could not be read ({exc}); built without overrides", line=1)
    if not isinstance(post.metadata, dict):
        return {}, post.content, Problem(name, "front matter is not a mapping of field: value; built without overrides", line=1)
    return dict(post.metadata), post.content, None


def _strip_block(text: str) -> str:
    lines = text.split("\n")
    for i in range(1, len(lines)):
        if lines[i].strip() and set(lines[i].strip()) == {"-"}:
            return "\n".join(lines[i + 1:])
    return text
