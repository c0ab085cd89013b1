"""Text from seeds made safe for the page it goes into.

Every `{{ value }}` a Markdown template prints is escaped for Markdown and
HTML unless it is `Markup` made here (links, front matter); HTML templates
escape for HTML. Text from a seed can never become a link, an HTML element, a
snippet include or a template.
"""
from __future__ import annotations

import html
import json
import re

from markupsafe import Markup, escape

from ..model import Evidence

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
# Python-Markdown's backslash escapes (plus "|" from the tables extension).
_BACKSLASHABLE = "\\`*_{}[]()#+-.!|"


def _escape_table() -> dict[int, str]:
    table = {ord(ch): rep for ch, rep in _HTML.items()}
    table.update({ord(ch): "\\" + ch for ch in _BACKSLASHABLE})
    # ~ ^ = : have no backslash escape in Python-Markdown; an entity keeps them inert.
    table.update({ord(ch): f"&#{ord(ch)};" for ch in "~^=:"})
    return table


_ESCAPES = _escape_table()


def md_escape(text: object) -> str:
    """Plain text -> Markdown that renders as exactly that text, and nothing live.
    Leading spaces would make a code block and line breaks are not ours to keep: one line."""
    return " ".join(str(text).translate(_ESCAPES).split())


def finalize(value: object) -> object:
    """What a Markdown template prints for a value: nothing for None, Markup as is, the rest escaped."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return md_escape(value)


def plain_title(title: str) -> str:
    """A title for the theme, which prints it unescaped (and `striptags` unescapes entities):
    no angle brackets, and entity-like text kept as text."""
    title = re.sub(r"&(?=#?\w+;)", "&amp;", title)
    return re.sub(r"\s+", " ", title.replace("<", "‹").replace(">", "›")).strip()


def front_matter(meta: dict) -> str:
    """YAML front matter lines; JSON values are valid YAML, and far quicker to write than yaml.safe_dump."""
    return "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())


def glossary_pattern(terms: dict[str, str]) -> re.Pattern | None:
    if not terms:
        return None
    names = sorted(terms, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in names) + r")(?![\w-])")


def evidence_html(ev: Evidence | None) -> Markup:
    """The evidence sentence as HTML, its cue in bold."""
    if ev is None:
        return Markup("")
    i = ev.sentence.find(ev.cue) if ev.cue else -1
    if i < 0:
        return escape(ev.sentence)
    before, cue, after = (html.escape(part, quote=True) for part in (ev.sentence[:i], ev.cue, ev.sentence[i + len(ev.cue):]))
    return Markup(f"{before}<strong>{cue}</strong>{after}")
