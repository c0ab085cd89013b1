"""Read stage: seed files on disk -> `Seed` objects (text + curator overrides).

Reading never raises for a bad file: every file ends up either as a `Seed` or
as a `Problem` that names it and says why it was skipped. Seed files are
opened read-only and never touched otherwise. A seeds folder may hold anything
(it can come from a repository someone else wrote): only regular files inside
it are read, never more than the size limit, and nothing read can become
anything but text.
"""
from __future__ import annotations

import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from frontmatter.default_handlers import YAMLHandler

from .errors import WITHOUT_OVERRIDES, thousands
from .model import Problem, Seed
from .sanitize import clean_text, clean_value, has_non_text, without_mojibake

SEED_SUFFIX = ".txt"
# A news article is a few KB; anything this large is not one, and refusing it
# keeps a build's time and memory bounded.
MAX_SEED_BYTES = 1_000_000
# A curator's front matter is a few lines.
MAX_FRONT_MATTER_BYTES = 65_536
# Magic numbers of files that are often renamed by mistake.
_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
_KINDS = {stat.S_IFIFO: "pipa bernama (FIFO)", stat.S_IFCHR: "perangkat karakter", stat.S_IFBLK: "perangkat blok",
          stat.S_IFSOCK: "soket", stat.S_IFDIR: "folder"}


@dataclass(frozen=True)
class SeedFolder:
    """What a seeds folder holds: readable seeds, and problems with the rest."""

    seeds: tuple[Seed, ...]
    problems: tuple[Problem, ...]


def read_folder(folder: Path, known: dict[str, tuple[tuple, "Seed | Problem"]] | None = None) -> SeedFolder:
    """Every file of the folder as a `Seed` or a `Problem`. `known` (kept by a long-lived
    process between builds) holds what each file gave when last read, with its stat:
    a file whose stat is unchanged is not read again; it is updated here."""
    seeds: list[Seed] = []
    problems: list[Problem] = []
    root = os.path.realpath(folder)
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    last = dict(known or {})
    now = time.time_ns()
    if known is not None:
        known.clear()
    for entry in entries:
        name = entry.name
        shown = printable_name(name)
        if shown != name:
            problems.append(Problem(shown, "dilewati: nama berkas bukan teks UTF-8 yang sah", level="skipped", stage="read"))
            continue
        is_dir = entry.is_dir(follow_symlinks=False)
        if name.startswith(".") or is_dir or not name.lower().endswith(SEED_SUFFIX):
            what = "folder" if is_dir else "berkas"
            problems.append(Problem(name, f"diabaikan: bukan berkas sumber ({what}; berkas sumber berakhiran .txt)", level="info"))
            continue
        signature = _signature(entry) if known is not None else None
        result = last[name][1] if signature is not None and last.get(name, ((),))[0] == signature else None
        if result is None:
            result = read_seed(Path(entry.path), root)
        if signature is not None and now - signature[3] > _SETTLED_NS:  # its change time
            known[name] = (signature, result)
        if isinstance(result, Seed):
            seeds.append(result)
            problems.extend(result.problems)
        else:
            problems.append(result)
    return SeedFolder(tuple(seeds), tuple(problems))


# A file changed less than this long before it was read may change again within the
# same timestamp (a coarse clock, a save in two writes): read again next time.
_SETTLED_NS = 2_000_000_000


def _signature(entry: os.DirEntry) -> tuple | None:
    """What changes when a regular file is saved (inode, size, times); None for a link
    (what it points to may change without it) or a file that cannot be stat'ed."""
    try:
        if entry.is_symlink():
            return None
        st = entry.stat(follow_symlinks=False)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_mode)


def printable_name(name: str) -> str:
    """A file name as it can be shown: undecodable bytes as \\xNN, control characters as escapes."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if has_non_text(name):
        return name.encode("unicode_escape").decode("ascii")
    return name


def read_seed(path: Path, root: str | None = None) -> Seed | Problem:
    name = path.name
    raw = _read_regular_file(path, root)
    if isinstance(raw, Problem):
        return raw
    if raw.startswith(_BINARY_MAGIC):
        return Problem(name, "dilewati: berkas biner, bukan teks", level="skipped", stage="read")
    decoded = decode(raw)
    if decoded is None:
        return Problem(name, "dilewati: berkas biner, bukan teks", level="skipped", stage="read")
    text, encoding = decoded
    problems: list[Problem] = []
    repaired = without_mojibake(text)
    if repaired != text:
        text = repaired
        problems.append(Problem(name, "teks salah kode (UTF-8 terbaca sebagai kode lain); sudah diperbaiki", level="info",
                                stage="read"))
    if not looks_like_text(text, encoding):
        return Problem(name, "dilewati: bukan teks (terlalu banyak karakter yang tidak ada dalam teks)", level="skipped", stage="read")
    text = clean_text(text)
    if not text.strip():
        return Problem(name, "dilewati: berkas kosong", level="skipped", stage="read")
    if encoding != "utf-8":
        problems.append(Problem(name, f"bukan UTF-8 yang sah, dibaca sebagai {encoding}", level="info"))
    overrides, body, problem = split_front_matter(name, text)
    block = text[: len(text) - len(body)] if overrides else ""
    if problem:
        problems.append(problem)
    if not body.strip():
        return Problem(name, "dilewati: tidak ada teks artikel setelah front matter", level="skipped", stage="read")
    return Seed(id=path.stem, file=name, text=body, encoding=encoding, overrides=overrides,
                front_matter=block, problems=tuple(problems))


def _read_regular_file(path: Path, root: str | None) -> bytes | Problem:
    """The bytes of a regular file inside the seeds folder, at most one byte over the limit.
    Symlinks out of the folder, folders, pipes, devices and sockets are not read (a pipe
    would block the build for ever, /dev/zero never end)."""
    name = path.name
    try:
        if root is not None and path.is_symlink():
            target = os.path.realpath(path)
            if os.path.commonpath([target, root]) != root:
                return Problem(name, "dilewati: tautan ke berkas di luar folder sumber", level="skipped", stage="read")
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            what = _KINDS.get(stat.S_IFMT(info.st_mode), "bukan berkas biasa")
            return Problem(name, f"dilewati: {what}, bukan berkas teks", level="skipped", stage="read")
        if info.st_size > MAX_SEED_BYTES:
            return Problem(name, f"dilewati: berkas berukuran {thousands(info.st_size)} bita, melebihi batas {thousands(MAX_SEED_BYTES)} bita "
                                 "untuk satu artikel", level="skipped", stage="read")
        # Non-blocking: should the file have become a pipe since the check, opening does not wait.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return Problem(name, "dilewati: bukan berkas biasa", level="skipped", stage="read")
            with os.fdopen(fd, "rb", closefd=False) as fh:
                raw = fh.read(MAX_SEED_BYTES + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        return Problem(name, f"dilewati: tidak dapat dibaca ({exc.strerror or exc})", level="skipped", stage="read")
    if len(raw) > MAX_SEED_BYTES:
        return Problem(name, f"dilewati: berkas melebihi batas {thousands(MAX_SEED_BYTES)} bita untuk satu artikel",
                       level="skipped", stage="read")
    return raw


def decode(raw: bytes) -> tuple[str, str] | None:
    """UTF-8 (BOM or not), UTF-16 with its BOM; otherwise the Windows code page editors
    save in. None: bytes that are no text (NUL bytes outside UTF-16)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None
    if b"\x00" in raw:
        return None
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte.
        return raw.decode("latin-1"), "latin-1"


def looks_like_text(text: str, encoding: str) -> bool:
    """Random bytes decode too (as cp1252 any byte is a character): text has almost no
    control characters and, read through a code page, is mostly letters, digits,
    spaces and punctuation."""
    if not text:
        return True
    sample = text[:20_000]
    # Counted by the regular expression engine: a loop over characters in Python
    # would cost a good part of reading a thousand seeds.
    if len(_CONTROL_CHARS.findall(sample)) > max(2, len(sample) // 200):
        return False
    if encoding in ("cp1252", "latin-1"):
        return len(_PLAIN_CHARS.findall(sample)) >= 0.85 * len(sample)
    return True


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_PLAIN_CHARS = re.compile(r"[A-Za-z0-9\s\x1c-\x1f.,;:!?'\"()\-/%&]", re.ASCII)


class _NoAliases(yaml.SafeLoader):
    """YAML without aliases: a curator never needs them, and an alias bomb would
    exhaust memory."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed", mark)
        return super().compose_node(parent, index)


def split_front_matter(name: str, text: str) -> tuple[dict, str, Problem | None]:
    """Curator overrides from a leading YAML block; a bad block is reported and ignored."""
    if not text.lstrip("\ufeff").startswith("---"):
        return {}, text, None
    try:
        block, body = YAMLHandler().split(text)
    except ValueError:
        return {}, text, None  # "---" with no closing line: text, not front matter
    if len(block.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        return {}, body, Problem(name, f"front matter lebih besar dari {thousands(MAX_FRONT_MATTER_BYTES)} bita; {WITHOUT_OVERRIDES}",
                                 line=1)
    try:
        metadata = yaml.load(block, Loader=_NoAliases)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None  # the block starts on the opening line
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {}, body, Problem(name, f"front matter bukan YAML yang sah ({reason}); {WITHOUT_OVERRIDES}", line=line)
    except Exception as exc:  # noqa: BLE001 - any parser failure must not stop the build
        return {}, body, Problem(name, f"front matter tidak dapat dibaca ({exc}); {WITHOUT_OVERRIDES}", line=1)
    if metadata is None:
        return {}, body, None
    if not isinstance(metadata, dict):
        kind = "daftar" if isinstance(metadata, list) else "satu nilai"
        return {}, body, Problem(name, f"front matter berupa {kind}, bukan pasangan bidang: nilai; {WITHOUT_OVERRIDES}",
                                 line=1)
    return clean_value(metadata), body, None
