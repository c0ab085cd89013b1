"""The seeds folder as the importer sees it: which articles it already holds (by URL and
by text), and new seed files written next to them, never over them."""
from __future__ import annotations

import hashlib
import os
import re
import urllib.parse
from pathlib import Path

import yaml

from ..read import SEED_SUFFIX, read_folder
from ..urls import slugify
from .items import NewsItem, without_tracking

# Seed names stay short enough for every file system and the offline bundle's zip.
MAX_NAME = 70


class SeedShelf:
    def __init__(self, folder: Path, tracking_parameters: frozenset[str]):
        self.folder = folder
        self.tracking = tracking_parameters
        self._by_url: dict[str, str] = {}
        self._by_text: dict[str, str] = {}
        if folder.is_dir():
            for seed in read_folder(folder).seeds:
                source = seed.overrides.get("source") if isinstance(seed.overrides.get("source"), dict) else {}
                for url in (seed.overrides.get("url"), source.get("url")):
                    if isinstance(url, str) and url:
                        self._by_url.setdefault(self.url_key(url), seed.file)
                self._by_text.setdefault(text_key(seed.text), seed.file)

    def holding(self, item: NewsItem) -> str | None:
        """The seed file that already holds this article, if one does."""
        if item.url and self.url_key(item.url) in self._by_url:
            return self._by_url[self.url_key(item.url)]
        return self._by_text.get(text_key(item.text))

    def add(self, item: NewsItem) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        content = seed_content(item).encode("utf-8")
        stem = seed_stem(item)
        candidates = [stem, f"{stem}-{hashlib.sha1(content).hexdigest()[:6]}"] + [f"{stem}-{n}" for n in range(2, 100)]
        for name in (c + SEED_SUFFIX for c in candidates):
            try:
                # O_EXCL: an existing seed, a link, anything already there is never written over.
                fd = os.open(self.folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                continue
            with os.fdopen(fd, "wb") as fh:
                fh.write(content)
            if item.url:
                self._by_url[self.url_key(item.url)] = name
            self._by_text[text_key(item.text)] = name
            return name
        raise OSError(f"tidak ada nama berkas bebas untuk {stem}")

    def url_key(self, url: str) -> str:
        """One key for the addresses of one article: scheme, "www.", a trailing slash, the
        fragment and tracking parameters ("?utm_source=rss") do not matter."""
        parts = urllib.parse.urlsplit(without_tracking(url, self.tracking))
        query = urllib.parse.urlencode(sorted(urllib.parse.parse_qsl(parts.query, keep_blank_values=True)))
        return parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/") + (f"?{query}" if query else "")

def text_key(text: str) -> str:
    """The same article text, whatever its spacing, line breaks and capitals."""
    words = re.findall(r"\w+", text.lower())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def seed_stem(item: NewsItem) -> str:
    """'2024-06-03-dinkes-sigi-salurkan-pmt-lokal': the date, then the headline."""
    words = item.title or " ".join(item.text.split()[:10])
    stem = f"{item.date.isoformat() + '-' if item.date else ''}{slugify(words)}"
    return stem[:MAX_NAME].rstrip("-_")


def seed_content(item: NewsItem) -> str:
    """The seed file: what the source states, as source data (`source:`, not a curator's
    correction), then the article text."""
    source = {k: v for k, v in (("title", item.title), ("date", item.date), ("url", item.url),
                                ("outlet", item.outlet)) if v}
    if not source:
        return item.text + "\n"
    head = yaml.safe_dump({"source": source}, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{head}---\n{item.text}\n"
