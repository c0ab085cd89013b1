"""An article's sentences joined once: every cue and actor rule searches one text."""
from __future__ import annotations

import bisect

from ..scan import Scan


class Sentences:
    """An article's sentences joined once, so that a cue is searched once per article, not per sentence."""

    SEP = "\x00"

    def __init__(self, sentences: list[str]):
        self.sentences = sentences
        self.text = self.SEP.join(sentences)
        self.lower = self.text.lower()
        self.scan = Scan(self.text)  # where each cue and rule can start, found once
        self.starts = []
        pos = 0
        for s in sentences:
            self.starts.append(pos)
            pos += len(s) + 1

    def index_at(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def sentence_at(self, pos: int) -> str:
        return self.sentences[self.index_at(pos)]
