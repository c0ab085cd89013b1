"""How much of an article's own text a built site publishes (lead-only mode's promise)."""
from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]+>")
RUN = 6  # words in a row that count as copied


def _ngrams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def share(article_text: str, published: str) -> float:
    """The part of the article's words that stand in a run of RUN words also found in `published`."""
    words = _WORD.findall(article_text.lower())
    grams = _ngrams(published)
    covered = [False] * len(words)
    for i in range(len(words) - RUN + 1):
        if tuple(words[i:i + RUN]) in grams:
            covered[i:i + RUN] = [True] * RUN
    return sum(covered) / max(len(words), 1)


def published_of(site: Path, article_id: str, page: str) -> str:
    """Everything the built site publishes about one article: its page's text, the search
    index entries of the page, its feed items, its export record and figure rows."""
    parts = [_TAG.sub(" ", html.unescape((site / page / "index.html").read_text(encoding="utf-8")))]
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    parts += [html.unescape(_TAG.sub(" ", d["title"] + " " + d["text"])) for d in index["docs"] if d["location"].startswith(page)]
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    parts += [json.dumps(i, ensure_ascii=False) for i in feed["items"] if i["id"] == article_id]
    for xml in site.rglob("feed.xml"):
        parts.append(html.unescape(xml.read_text(encoding="utf-8")))
    export = json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))
    parts += [json.dumps(r, ensure_ascii=False) for r in export["articles"] if r["id"] == article_id]
    rows = csv.DictReader(io.StringIO((site / "data" / "figures.csv").read_text(encoding="utf-8-sig")))
    parts += [json.dumps(r, ensure_ascii=False) for r in rows if r["article_id"] == article_id]
    return "\n".join(parts)
