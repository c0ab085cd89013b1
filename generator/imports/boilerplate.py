"""Boilerplate that pages and scraped datasets glue onto an article ("Cek Berita ... di Google
News", "Baca juga: <headline>" inside a paragraph, "Pewarta: ...Editor: ... COPYRIGHT ©"), cut
off before the importer's line rules run. The patterns are data (data/boilerplate.yml); this
module only decides where a removal ends, and leaves the text alone when it cannot tell."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..reference.files import DataFileError, compiling, yaml_mapping

# Where a glued headline ends: a lower-case letter, digit or ")" directly followed by a
# capitalised word ("filmPewarta", "TurunPeroleh").
_GLUED = re.compile(r"(?<=[a-z0-9)])(?=[A-Z][a-z])")
_SENTENCE_END = re.compile(r"[.!?][\"”’]?(?:\s|$)")
_QUOTE_OPENS = re.compile(r"\s(?=[“\"][A-Z])")
_WORD = re.compile(r"\S+")
_LOWER_RUN = re.compile(r"\b[a-z]{2,}(?:\s+[a-z]{2,}){3,}\b")
MAX_HEADLINE_WORDS = 25
HEADLINE_WINDOW = 600


@dataclass(frozen=True)
class Boilerplate:
    phrases: re.Pattern
    lines: re.Pattern
    read_also: re.Pattern
    small_words: frozenset[str]
    credits: re.Pattern
    credits_max_chars: int
    tail_lines: re.Pattern
    tail_max_chars: int

    @classmethod
    def load(cls, path: Path) -> "Boilerplate":
        raw = yaml_mapping(path)
        with compiling(path):
            return cls(
                phrases=re.compile(r"[ \t]*(?:" + "|".join(raw.get("phrases") or ["(?!)"]) + r")"),
                lines=re.compile(r"^\s*(?:" + "|".join(raw.get("lines") or ["(?!)"]) + r")\s*$"),
                read_also=re.compile(raw.get("read_also") or "(?!)"),
                small_words=frozenset(str(w).lower() for w in raw.get("headline_small_words") or ()),
                credits=re.compile(r"(?:(?<=[a-z0-9.)”\"])|\b)(?:" + (raw.get("credits") or "(?!)") + ")"),
                credits_max_chars=int(raw.get("credits_max_chars", 200)),
                tail_lines=re.compile(r"^\s*(?:" + "|".join(raw.get("tail_lines") or ["(?!)"]) + r")\s*$", re.M),
                tail_max_chars=int(raw.get("tail_max_chars", 600)),
            )

    def strip(self, text: str, removed: Counter | None = None) -> str:
        """`text` without its boilerplate; `removed` counts the removals by kind (for the
        measurement on a corpus)."""
        removed = removed if removed is not None else Counter()
        text, n = self.phrases.subn("", text)
        removed["prompt"] += n
        text = self._without_read_also(text, removed)
        text = self._without_tail(text, removed)
        kept = []
        for line in text.split("\n"):
            if line.strip() and self.lines.match(line):
                removed["line"] += 1
                continue
            kept.append(line)
        return "\n".join(kept)

    def _without_read_also(self, text: str, removed: Counter) -> str:
        out, at = [], 0
        for m in self.read_also.finditer(text):
            if m.start() < at:
                continue
            if not text[m.end():m.end() + HEADLINE_WINDOW].split("\n", 1)[0].strip():
                continue  # the label alone on its line: the text rules (text.yml) take it and its headline
            end = self.headline_end(text, m.end())
            out.append(text[at:m.start()].rstrip(" \t"))
            out.append("\n")
            if end is None:  # no telling where the headline stops: keep it, drop the label only
                removed["read_also_label_only"] += 1
                at = m.end()
            else:
                removed["read_also"] += 1
                at = end
                while at < len(text) and text[at] in " \t":
                    at += 1
        out.append(text[at:])
        return "".join(out)

    def headline_end(self, text: str, start: int) -> int | None:
        """Where the headline that starts at `start` ends, or None when that is not clear."""
        # A headline and the start of the next sentence fit in a window: on a line of a megabyte
        # each label costs no more than that.
        line_end = text.find("\n", start, start + HEADLINE_WINDOW)
        truncated = line_end < 0 and len(text) > start + HEADLINE_WINDOW
        segment = text[start:line_end if line_end >= 0 else start + HEADLINE_WINDOW]
        if not segment.strip() or segment.lstrip()[0] in "“\"‘'":
            return None  # a quote right after the label: the headline is gone, an article sentence follows
        seams = [m.start() for m in (_GLUED.search(segment), _QUOTE_OPENS.search(segment), self.read_also.search(segment))
                 if m and m.start() > 0]
        head = segment[:min(seams)] if seams else segment
        open_end = truncated and not seams  # the line goes on past the window: its end tells nothing
        first_end = _SENTENCE_END.search(head)
        if first_end is None and not open_end and (not seams or not self._title_case(list(_WORD.finditer(head)))):
            stop: int | None = len(head)  # nothing but the headline up to the line's end or a seam
        else:
            words = list(_WORD.finditer(head[:first_end.start()] if first_end else head))
            if self._title_case(words):
                stop = self._title_case_end(words)
                if stop is None and not open_end and (first_end is None or first_end.end() >= len(head.rstrip())):
                    stop = len(head)  # a headline in Title Case, ending in "?" or "!" at most
            else:
                stop = self._sentence_case_end(words)
        if stop is None:
            return None
        head = head[:stop]
        if not head.strip() or len(_WORD.findall(head)) > MAX_HEADLINE_WORDS:
            return None
        return start + len(head)

    def _plain_lower(self, word: str) -> bool:
        return word[0].islower() and word.strip(",.:;!?\"”’").lower() not in self.small_words

    def _title_case(self, words: list[re.Match]) -> bool:
        return bool(words) and not any(self._plain_lower(w.group(0)) for w in words[:4])

    def _title_case_end(self, words: list[re.Match]) -> int | None:
        """"... Diajak Kenali Manfaat Minum Susu Selain itu, ...": the capital before the first
        plain lower-case word begins the article's sentence."""
        for i, w in enumerate(words):
            if i >= 2 and self._plain_lower(w.group(0)):
                j = i - 1
                while j >= 2 and words[j].group(0).lower() in self.small_words:
                    j -= 1  # "... Balita Petugas yang tiba di lokasi": the sentence starts at "Petugas"
                first = words[j].group(0)
                return words[j].start() if j >= 2 and (first[0].isupper() or first[0].isdigit()) else None
        return None

    def _sentence_case_end(self, words: list[re.Match]) -> int | None:
        """"... tekan angka stunting Intan mengatakan ...": a capital between plain words."""
        tokens = [w.group(0) for w in words]
        for i in range(2, len(tokens) - 1):
            if tokens[i][0].isupper() and self._plain_lower(tokens[i - 1]) and self._plain_lower(tokens[i + 1]):
                return words[i].start()
        return None

    def _without_tail(self, text: str, removed: Counter) -> str:
        tail = self.tail_lines.search(text, max(0, len(text) - self.tail_max_chars))
        if tail:
            removed["tail"] += 1
            text = text[:tail.start()].rstrip()
        for m in self.credits.finditer(text, max(0, len(text) - self.credits_max_chars)):
            rest = text[m.start():]
            if not _LOWER_RUN.search(rest):
                removed["credits"] += 1
                return text[:m.start()].rstrip()
        return text


def load_boilerplate(data_dir: Path) -> Boilerplate:
    path = data_dir / "boilerplate.yml"
    if not path.exists():
        raise DataFileError(f"{path}: not found")
    return Boilerplate.load(path)
