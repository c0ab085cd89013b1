"""Scanning a text: where each cue, rule or name can start, found once per text.

A cue or an actor rule is a regular expression searched in an article's whole
text. Python's `re` tries it at every position of the text (a pattern that
starts with a look-behind or ignores case has no fast scan), which made regex
search most of the extraction's time. Here a pattern is compiled once (per
build) with the literal texts that every one of its matches starts with
(`Starts`); in a text (`Scan`, one per article text) the places of those texts
are found with `str.find` (once per literal text, however many patterns share
it) and the pattern is tried there only, with `Pattern.match`. The result is the
pattern's own leftmost match, groups and all: a position where no start text
stands cannot start a match, and `pattern.match(text, pos)` sees the text
before `pos` (look-behinds) as `pattern.search` does.

A pattern whose starts cannot be told (one that may start with any letter) is
searched as before. A case-insensitive pattern's start texts are ASCII, looked
for in the text folded (`fold`: lower case, and the three letters that
`re.IGNORECASE` matches with an ASCII one though their lower case is another),
which keeps every character's position. `re._parser` is CPython's own parser of
patterns (Python >= 3.11, as pyproject.toml requires); a Python without it, or
whose parser differs, has every pattern searched whole, with the same results.

Gazetteer names are words, looked up in dictionaries (`phrases_in`): a
sentence is split into words once, and only one that names a place is split
with the words' places.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import TypeVar

try:  # CPython's private parser: where it is missing or changed, patterns are searched whole
    from re import _constants as sre  # the parser's node kinds
    from re import _parser
except ImportError:  # pragma: no cover - CPython 3.11 to 3.14 have both
    sre = _parser = None

V = TypeVar("V")

# How long a start text is made (longer ones are rarer in a text, but more of them
# are needed for one pattern), and how many a pattern may have.
MAX_START = 6
MAX_STARTS = 48
# A character class of at most this many characters is spelled out.
MAX_CLASS = 12

# Characters that `re.IGNORECASE` matches with an ASCII letter but whose `str.lower`
# is not that letter ("İ".lower() is even two characters): folded by hand.
_FOLD = {0x130: "i", 0x131: "i", 0x17F: "s"}


def fold(text: str) -> str:
    """The text as a case-insensitive ASCII letter sees it; as long as the text."""
    return text.translate(_FOLD).lower()


@dataclass(frozen=True)
class Starts:
    """The texts every match of a pattern starts with (lower case when the pattern ignores case)."""

    texts: tuple[str, ...]
    folded: bool
    key: str = field(init=False, repr=False, compare=False)  # a scan's memo key (a string keeps its hash)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", ("i" if self.folded else "c") + "\x00".join(self.texts))

    @classmethod
    def of(cls, pattern: re.Pattern) -> "Starts | None":
        """The pattern's start texts, or None when they cannot be told."""
        if pattern.flags & re.VERBOSE or _parser is None:
            return None
        return _starts_of(pattern.pattern, pattern.flags)


# Parsing a pattern is most of the time the reference data take to load: a process that
# loads them again (each rebuild of `mkdocs serve`) finds the start texts of its patterns here.
@functools.lru_cache(maxsize=4096)
def _starts_of(source: str, flags: int) -> Starts | None:
    try:
        parsed = _parser.parse(source, flags)
        if parsed.getwidth()[0] == 0:
            return None  # an empty match is possible: anywhere
        folded = bool(parsed.state.flags & re.IGNORECASE)
        found = _sequence(list(parsed), folded)
    except (re.error, AttributeError, TypeError, ValueError):  # pragma: no cover - another CPython's parser
        return None
    texts = {t for t, _ in found}
    if not texts or "" in texts:
        return None
    # A text that starts another is enough for both.
    kept = tuple(sorted(t for t in texts if not any(o != t and t.startswith(o) for o in texts)))
    return Starts(kept, folded)


class Scan:
    """One text, and the places of the start texts asked for so far."""

    def __init__(self, text: str):
        self.text = text
        self._folded: str | None = None
        self._at: dict[str, list[int]] = {}  # start text -> its places in the text
        self._at_folded: dict[str, list[int]] = {}  # ... in the folded text
        self._candidates: dict[str, list[int]] = {}  # Starts.key -> places where one of them stands

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def places(self, literal: str, folded: bool) -> list[int]:
        """Every position of `literal` in the text (overlapping ones too), in order."""
        memo = self._at_folded if folded else self._at
        found = memo.get(literal)
        if found is None:
            text = self.folded if folded else self.text
            found = []
            at = text.find(literal)
            while at >= 0:
                found.append(at)
                at = text.find(literal, at + 1)
            memo[literal] = found
        return found

    def candidates(self, starts: Starts) -> list[int]:
        """Where a match of a pattern with these starts may begin, in order."""
        found = self._candidates.get(starts.key)
        if found is None:
            lists = [p for p in (self.places(t, starts.folded) for t in starts.texts) if p]
            # Two start texts never stand at one place (neither starts the other).
            found = lists[0] if len(lists) == 1 else sorted(p for ps in lists for p in ps)
            self._candidates[starts.key] = found
        return found


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern with its start texts: searched where it can match only."""

    rx: re.Pattern
    starts: Starts | None

    @classmethod
    def compile(cls, rx: re.Pattern) -> "Pattern":
        return cls(rx, Starts.of(rx))

    def search(self, scan: Scan, pos: int = 0) -> re.Match | None:
        """`rx.search(scan.text, pos)`."""
        if self.starts is None:
            return self.rx.search(scan.text, pos)
        cands = scan.candidates(self.starts)
        match = self.rx.match
        text = scan.text
        for i in range(bisect.bisect_left(cands, pos), len(cands)):
            m = match(text, cands[i])
            if m is not None:
                return m
        return None

    def finditer(self, scan: Scan):
        """`rx.finditer(scan.text)` (a match is never empty: `Starts.of` sees to it)."""
        if self.starts is None:
            yield from self.rx.finditer(scan.text)
            return
        match = self.rx.match
        text = scan.text
        end = 0
        for at in scan.candidates(self.starts):
            if at < end:
                continue
            m = match(text, at)
            if m is not None:
                yield m
                end = m.end()


def phrases_in(text: str, word: re.Pattern, table: dict[str, V], longest: dict[str, int]) -> list[tuple[int, int, V]]:
    """The phrases of `table` in a text, left to right, the longest where two start at
    one word: (start, end, value). A phrase is words as `word` finds them, in lower
    case, joined by one space; `longest` gives, for each phrase's first word, the most
    words a phrase that starts with it has. Most words start no phrase: they are passed
    over by one dictionary look-up, and only a text that has a phrase is split into
    words with their places."""
    keys = [w.lower() for w in word.findall(text)]
    heads = [i for i, k in enumerate(keys) if k in longest]
    out: list[tuple[int, int, V]] = []
    spans = None
    after = 0  # the first word not in a phrase found
    for i in heads:
        if i < after:
            continue
        for n in range(min(longest[keys[i]], len(keys) - i), 0, -1):
            value = table.get(" ".join(keys[i:i + n]))
            if value is not None:
                break
        else:
            continue
        if spans is None:
            spans = [m.span() for m in word.finditer(text)]
        out.append((spans[i][0], spans[i + n - 1][1], value))
        after = i + n
    return out


# What the parser's nodes give: a list of (start text, whether the node was read to its
# end) pairs. A text not read to its end stops there: what follows it is not known.
_Starts = list[tuple[str, bool]]
_UNKNOWN: _Starts = [("", False)]


def _sequence(items: list, folded: bool) -> _Starts:
    out: _Starts = [("", True)]
    for item in items:
        if not any(done for _, done in out):
            break
        node = _node(item, folded)
        grown: _Starts = []
        for text, done in out:
            if not done:
                grown.append((text, False))
                continue
            for more, more_done in node:
                joined = text + more
                grown.append((joined[:MAX_START], more_done and len(joined) < MAX_START))
        out = sorted(set(grown))
        if len(out) > MAX_STARTS:
            return _UNKNOWN
    return out


def _node(item, folded: bool) -> _Starts:
    op, av = item
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return [("", True)]  # zero width: only narrows where a match is
    if op is sre.LITERAL:
        ch = _char(av, folded)
        return [(ch, True)] if ch is not None else _UNKNOWN
    if op is sre.IN:
        chars = _class(av, folded)
        return [(c, True) for c in chars] if chars else _UNKNOWN
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            return _UNKNOWN
        return _sequence(list(sub), folded)
    if op is sre.BRANCH:
        out: _Starts = []
        for alternative in av[1]:
            out += _sequence(list(alternative), folded)
        return out
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, high, sub = av
        once = _sequence(list(sub), folded)
        if high != 1:
            once = [(t, False) for t, _ in once]  # what follows the first time is not known
        return ([("", True)] if low == 0 else []) + once
    return _UNKNOWN


def _char(code: int, folded: bool) -> str | None:
    ch = chr(code)
    if not folded:
        return ch
    # Case-insensitive: ASCII only, where `fold` is exact.
    return ch.lower() if ch.isascii() else None


def _class(av, folded: bool) -> list[str] | None:
    chars: set[str] = set()
    for op, value in av:
        if op is sre.LITERAL:
            chars.add(chr(value))
        elif op is sre.RANGE and value[1] - value[0] < MAX_CLASS:
            chars.update(chr(c) for c in range(value[0], value[1] + 1))
        else:
            return None  # a category, a negation, a wide range
    if folded:
        if not all(c.isascii() for c in chars):
            return None
        chars = {c.lower() for c in chars}
    return sorted(chars) if len(chars) <= MAX_CLASS else None
