"""The seeds folder as the importer sees it: which articles it already holds (by URL and
by text), and new seed files written next to them, never over them."""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
import urllib.parse
from pathlib import Path

import yaml

from ..read import SEED_SUFFIX, read_folder
from ..urls import slugify
from .items import NewsItem, without_tracking

# Seed names stay short enough for every file system and the offline bundle's zip.
MAX_NAME = 70
# Names Windows cannot create, whatever follows a dot ("con.txt" included).
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", "conin$", "conout$", *(f"com{n}" for n in "0123456789¹²³"),
                              *(f"lpt{n}" for n in "0123456789¹²³")})
# A seed being written: a dot file (the build ignores it) that becomes the seed by a rename.
TEMP_PREFIX = ".impor-"
TEMP_SUFFIX = ".sementara"


class SeedShelf:
    def __init__(self, folder: Path, tracking_parameters: frozenset[str]):
        self.folder = folder
        self.tracking = tracking_parameters
        self._by_url: dict[str, str] = {}
        self._by_text: dict[str, str] = {}
        self.added: dict[str, str] = {}  # seed written by this import -> the origin it came from
        if folder.is_dir():
            self._remove_leftovers()
            for seed in read_folder(folder).seeds:
                source = seed.overrides.get("source") if isinstance(seed.overrides.get("source"), dict) else {}
                for url in (seed.overrides.get("url"), source.get("url")):
                    if isinstance(url, str) and url:
                        self._by_url.setdefault(self.url_key(url), seed.file)
                self._by_text.setdefault(text_key(seed.text), seed.file)
                # The body as written, too: whatever the build repairs on reading (mojibake, control
                # characters), a re-run must recognise what an earlier run wrote.
                body = _raw_body(folder / seed.file)
                if body is not None:
                    self._by_text.setdefault(text_key(body), seed.file)

    def holding(self, item: NewsItem) -> str | None:
        """The seed file that already holds this article, if one does."""
        if item.url and self.url_key(item.url) in self._by_url:
            return self._by_url[self.url_key(item.url)]
        return self._by_text.get(text_key(item.text))

    def add(self, item: NewsItem) -> str:
        """Write the item's seed under a free name: whole or not at all. The content goes to a
        temporary dot file first (a full disk or a kill leaves no seed, empty or half), then
        takes its name with a link that fails when the name is taken."""
        self.folder.mkdir(parents=True, exist_ok=True)
        content = seed_content(item).encode("utf-8")
        stem = seed_stem(item)
        candidates = [stem, f"{stem}-{hashlib.sha1(content).hexdigest()[:6]}"] + [f"{stem}-{n}" for n in range(2, 100)]
        temp = self._write_temp(content)
        try:
            for name in (c + SEED_SUFFIX for c in candidates):
                try:
                    # A link never replaces anything: an existing seed, a link, a folder stay as they are.
                    os.link(temp, self.folder / name)
                except FileExistsError:
                    continue
                except OSError:  # a file system without hard links: a rename after a look
                    if os.path.lexists(self.folder / name):
                        continue
                    os.rename(temp, self.folder / name)
                if item.url:
                    self._by_url[self.url_key(item.url)] = name
                self._by_text[text_key(item.text)] = name
                self.added[name] = item.origin
                return name
        finally:
            if os.path.lexists(temp):
                os.unlink(temp)
        raise OSError(f"tidak ada nama berkas bebas untuk {stem}")

    def _write_temp(self, content: bytes) -> Path:
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=self.folder)
        try:
            os.chmod(name, 0o644)  # a seed like any other, not mkstemp's private 0600
            with os.fdopen(fd, "wb") as fh:
                fh.write(content)
                fh.flush()
                os.fsync(fh.fileno())
        except BaseException:
            os.unlink(name)
            raise
        return Path(name)

    def _remove_leftovers(self) -> None:
        """Temporary files an interrupted import left (only ours: our prefix and suffix, plain files)."""
        for entry in os.scandir(self.folder):
            if entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX) \
                    and entry.is_file(follow_symlinks=False):
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass

    def url_key(self, url: str) -> str:
        """One key for the addresses of one article: scheme, "www.", a trailing slash, the
        fragment and tracking parameters ("?utm_source=rss") do not matter."""
        parts = urllib.parse.urlsplit(without_tracking(url, self.tracking))
        query = urllib.parse.urlencode(sorted(urllib.parse.parse_qsl(parts.query, keep_blank_values=True)))
        return parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/") + (f"?{query}" if query else "")

def _raw_body(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        return text[end + 5:] if end >= 0 else None
    return text


def text_key(text: str) -> str:
    """The same article text, whatever its spacing, line breaks and capitals."""
    words = re.findall(r"\w+", text.lower())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def seed_stem(item: NewsItem) -> str:
    """'2024-06-03-dinkes-sigi-salurkan-pmt-lokal': the date, then the headline."""
    words = item.title or " ".join(item.text.split()[:10])
    stem = f"{item.date.isoformat() + '-' if item.date else ''}{slugify(words)}"[:MAX_NAME].rstrip("-_.") or "berita"
    if stem.split(".")[0].lower() in WINDOWS_RESERVED:
        stem = f"berita-{stem}"
    return stem


def seed_content(item: NewsItem) -> str:
    """The seed file: what the source states, as source data (`source:`, not a curator's
    correction), then the article text."""
    source = {k: v for k, v in (("title", item.title), ("date", item.date), ("url", item.url),
                                ("outlet", item.outlet)) if v}
    if not source:
        return item.text + "\n"
    head = yaml.safe_dump({"source": source}, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{head}---\n{item.text}\n"
