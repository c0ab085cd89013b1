"""A search index made at build time and split so that a query loads only what it needs.

Material's search worker builds a lunr index in the browser from every page's text
at every page load: at 10,000 articles that takes longer than readers wait. For a
large site we give the browser an index already built (`search/kb/`):

- `index.js`: how many documents, and the keys of the term shards;
- `t/<key>.js`: the terms that start with `key` (2-3 letters, longer where a shard
  would be big), each with its documents and weights;
- `d/<n>.js`: the documents (location, title, a short teaser, parent page), in
  chunks, loaded for the results shown only;
- `x/<n>.js`: the documents' texts, read for the best results, to show the
  passage that matched.

Terms are what our Indonesian stemmer (`lunr.id.js`, run here in V8 through
mini-racer, so index and query stem alike) makes of each word; weights follow
lunr's BM25 with Material's field boosts and `b = 0`, quantised to a log scale.
Our worker (`worker.js`) answers Material's search UI from these files.
"""
from __future__ import annotations

import html
import json
import math
import re
import shutil
from collections import Counter, defaultdict
from array import array
from pathlib import Path
from typing import Iterable, Iterator

WORKER = Path(__file__).parent / "worker.js"
STEMMER = Path(__file__).parent / "lunr.id.js"
_DATA_HEAD = "var KB_ID_DATA = "
# Documents stemmed together (one call into V8 each).
STEM_BATCH = 512
# Documents per chunk file: a result list needs the chunks of its results only
# (a multiple of TEXTS_PER_CHUNK).
DOCS_PER_CHUNK = 16
# A shard larger than this (in bytes of JSON) is split by one more letter.
SHARD_BYTES = 120_000
MAX_KEY = 5
# Documents per text file: the best results show the passage that matched, read
# from these (a page's sections are neighbours, so a page is one or two files).
TEXTS_PER_CHUNK = 4
# Characters of a document's text shown under its title in the results.
TEASER_CHARS = 280
_TAG = re.compile(r"<[^>]*>")
_EDGES = re.compile(r"^[^A-Za-z0-9\u00C0-\u024F]+|[^A-Za-z0-9\u00C0-\u024F]+$")
_KEY_SAFE = re.compile(r"^[a-z0-9]+$")
# lunr's BM25 term-frequency saturation (k1 = 1.2), with b = 0 as Material sets it.
_K1 = 1.2


def own_stemmer(script: str) -> str:
    """The stemmer script as the generator writes it (`var KB_ID_DATA = {...};` then the
    package's lunr.id.js), remade from its data alone; ValueError for any other script. A
    file in docs/ may stand in for the site's stemmer: the build never runs it."""
    head, sep, source = script.partition(";\n")
    if not sep or not head.startswith(_DATA_HEAD) or source != STEMMER.read_text(encoding="utf-8"):
        raise ValueError("bukan penstem buatan pembangkit")
    try:
        data = json.loads(head[len(_DATA_HEAD):])
    except ValueError:
        raise ValueError("data penstem bukan JSON") from None
    return f"{_DATA_HEAD}{json.dumps(data, ensure_ascii=True, separators=(',', ':'), sort_keys=True)};\n{source}"


class Stemmer:
    """Our JavaScript stemmer, the very file the browser loads (when it is ours: own_stemmer), run in V8."""

    def __init__(self, script: str):
        from py_mini_racer import MiniRacer  # only sites with a prebuilt index need V8

        self._v8 = MiniRacer()
        self._v8.eval(script)
        self._v8.eval("function kbStems(ws) { return ws.map(function (w) { return KB_ID_STEMMER.stem(w); }); }"
                      "function kbStops() { return typeof KB_ID_DATA === 'undefined' ? [] : KB_ID_DATA.stop; }")
        self.stop_words = frozenset(self._v8.call("kbStops"))
        self._known: dict[str, str] = {}

    def stems(self, words: Iterable[str]) -> dict[str, str]:
        new = sorted({w for w in words if w not in self._known})
        if new:
            self._known.update(zip(new, self._v8.call("kbStems", new)))
        return self._known


def plain(text: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", text or "")).split())


def words_of(text: str, separator: re.Pattern, stop: frozenset[str]) -> Counter:
    out: Counter = Counter()
    for token in separator.split(text.lower()):
        token = _EDGES.sub("", token)
        if token and token not in stop:
            out[token] += 1
    return out


def teaser(text: str) -> str:
    if len(text) <= TEASER_CHARS:
        return text
    cut = text.rfind(" ", 0, TEASER_CHARS)
    return text[:cut if cut > 0 else TEASER_CHARS] + " …"


def shard_file(key: str) -> str:
    """A shard key as a file name (the worker computes the same)."""
    return key if _KEY_SAFE.match(key) else "x" + key.encode("utf-8").hex()


def build(index: dict, stemmer: Stemmer) -> Iterator[tuple[str, str]]:
    """Material's search index (`search_index.json`) -> (path under search/kb/, file content),
    one file at a time (at 100,000 articles the files make 400 MB)."""
    config, docs = index.get("config") or {}, index.get("docs") or []
    separator = re.compile(config.get("separator") or r"[\s\-]+")
    boosts = {name: float((spec or {}).get("boost", 1)) for name, spec in (config.get("fields") or {}).items()}
    boosts = boosts or {"title": 1000.0, "text": 1.0, "tags": 1000000.0}
    # term -> [doc, weight, doc, weight, ...]: flat integer arrays, a fraction of the
    # memory of tuples in lists. Documents are read in batches, so that the stemmer
    # (in V8) is called a few hundred times, not once per word.
    postings: dict[str, array] = defaultdict(lambda: array("i"))
    for start in range(0, len(docs), STEM_BATCH):
        batch = [{f: words_of(_field_text(doc.get(f)), separator, stemmer.stop_words) for f in boosts if doc.get(f)}
                 for doc in docs[start:start + STEM_BATCH]]
        stems = stemmer.stems(w for fields in batch for counts in fields.values() for w in counts)
        for number, (doc, fields) in enumerate(zip(docs[start:start + STEM_BATCH], batch), start):
            weights: dict[str, float] = defaultdict(float)
            for name, counts in fields.items():
                by_stem: Counter = Counter()
                for word, n in counts.items():
                    by_stem[stems[word]] += n
                for stem, tf in by_stem.items():
                    weights[stem] += boosts[name] * tf * (_K1 + 1) / (tf + _K1)
            doc_boost = float(doc.get("boost", 1) or 1)
            for stem, w in weights.items():
                postings[stem].extend((number, round(4 * math.log2(max(w * doc_boost, 1e-6)))))

    keys = []
    for key, terms in _shards(postings):
        body = {t: _encode(postings[t]) for t in sorted(terms)}
        yield f"t/{shard_file(key)}.js", f"self.kbSearchShard({json.dumps(key)},{_json(body)});\n"
        keys.append(key)
    del postings
    parents = _parents(docs)
    for start in range(0, len(docs), DOCS_PER_CHUNK):
        block = docs[start:start + DOCS_PER_CHUNK]
        texts = [plain(d.get("text", "")) for d in block]
        chunk = [[d.get("location", ""), html.escape(plain(d.get("title", "")), quote=False),
                  html.escape(teaser(text), quote=False), parents[start + i]] for i, (d, text) in enumerate(zip(block, texts))]
        yield f"d/{start // DOCS_PER_CHUNK}.js", f"self.kbSearchDocs({start // DOCS_PER_CHUNK},{_json(chunk)});\n"
        for at in range(0, len(block), TEXTS_PER_CHUNK):  # a document chunk holds whole text chunks
            number = (start + at) // TEXTS_PER_CHUNK
            escaped = [html.escape(text, quote=False) for text in texts[at:at + TEXTS_PER_CHUNK]]
            yield f"x/{number}.js", f"self.kbSearchTexts({number},{_json(escaped)});\n"
    manifest = {"docs": len(docs), "chunk": DOCS_PER_CHUNK, "texts": TEXTS_PER_CHUNK, "teaser": TEASER_CHARS,
                "separator": separator.pattern, "shards": sorted(keys)}
    yield "index.js", f"self.kbSearchIndex={_json(manifest)};\n"


def write(files: Iterable[tuple[str, str]], folder: Path) -> None:
    """Write the index, replacing an older one (whose shards may have other keys). The new
    one is written beside it and swapped in: a failure halfway leaves the old one whole."""
    fresh = folder.with_name(folder.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    for path, content in files:
        target = fresh / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    fresh.rename(folder)


def _field_text(value) -> str:
    if isinstance(value, list):
        return " ".join(plain(str(v)) for v in value)
    return plain(str(value or ""))


def _parents(docs: list[dict]) -> list[int]:
    """Each section's page (the document at its location without the #anchor); -1 for a page."""
    at = {d.get("location", ""): i for i, d in enumerate(docs)}
    out = []
    for d in docs:
        page, hash_, _ = d.get("location", "").partition("#")
        out.append(at.get(page, -1) if hash_ else -1)
    return out


def _encode(posting: array) -> list[int]:
    """[doc, weight, doc gap, weight, ...]: gaps keep the numbers, and the files, small."""
    out, last = posting.tolist(), 0
    for i in range(0, len(out), 2):
        out[i], last = out[i] - last, out[i]
    return out


def _shards(postings: dict[str, array]) -> list[tuple[str, list[str]]]:
    """Terms grouped by their first letters: two, or more where a group is big."""
    def size(terms: list[str]) -> int:
        return sum(len(t) + 3 * len(postings[t]) for t in terms)  # ~6 characters a document

    def split(key: str, terms: list[str]) -> list[tuple[str, list[str]]]:
        if size(terms) <= SHARD_BYTES or len(key) >= MAX_KEY:
            return [(key, terms)]
        groups: dict[str, list[str]] = defaultdict(list)
        for t in terms:
            groups[t[:len(key) + 1]].append(t)
        out = []
        for sub, members in sorted(groups.items()):
            # A term as long as the key itself stays under the key.
            out += [(sub, members)] if sub == key else split(sub, members)
        return out

    groups: dict[str, list[str]] = defaultdict(list)
    for t in postings:
        groups[t[:2]].append(t)
    out = []
    for key, terms in sorted(groups.items()):
        out += split(key, terms)
    return out


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
