"""Reading a built site: links between its pages, as a browser would follow them."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links(site: Path, page: Path) -> set[Path]:
    """Site files that `page` links to (directory URLs resolved to index.html)."""
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    out = set()
    for href in parser.hrefs:
        url, _ = urldefrag(href)
        if not url or urlparse(url).scheme or url.startswith("//"):
            continue
        target = (page.parent / unquote(url)).resolve()
        if target.is_dir():
            target = target / "index.html"
        if target.is_file() and site.resolve() in target.parents:
            out.add(target)
    return out


def reachable(site: Path, start: Path) -> set[Path]:
    seen = {start.resolve()}
    todo = [start.resolve()]
    while todo:
        page = todo.pop()
        if page.suffix != ".html":
            continue
        for target in links(site, page):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def article_page(site: Path, record: dict) -> Path:
    return (site / record["page"] / "index.html").resolve()
