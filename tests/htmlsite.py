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


def _targets(page: Path):
    """(href, file it reaches or None) for every relative link of `page`."""
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    for href in parser.hrefs:
        url, _ = urldefrag(href)
        if not url or urlparse(url).scheme or url.startswith("//"):
            continue
        target = (page.parent / unquote(url)).resolve()
        if target.is_dir():
            target = target / "index.html"
        yield href, target if target.is_file() else None


def links(site: Path, page: Path) -> set[Path]:
    """Site files that `page` links to (directory URLs resolved to index.html)."""
    return {t for _, t in _targets(page) if t is not None and site.resolve() in t.parents}


def broken_links(site: Path) -> list[tuple[str, str]]:
    """(page, href) for every relative link in the site that reaches no file inside it
    (404.html is left out: MkDocs gives it root-absolute links, as any folder may serve it)."""
    root = site.resolve()
    return [(str(page.relative_to(site)), href) for page in sorted(site.rglob("*.html")) if page.name != "404.html"
            for href, target in _targets(page) if target is None or root not in target.parents]


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
