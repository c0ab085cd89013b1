"""What MkDocs needs to know about an HTML page body the generator wrote."""
from __future__ import annotations

import re

# Headings as the generator's templates write them (_macros.html.j2 `h`).
_HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)<a class="headerlink"')
_ID = re.compile(r'\sid="([^"]+)"')


def heading_tree(body: str) -> tuple[list[dict], set[str]]:
    """Python-Markdown's toc tokens for the headings of `body`, and every id in it."""
    root: list[dict] = []
    stack: list[dict] = []
    for m in _HEADING.finditer(body):
        token = {"level": int(m.group(1)), "id": m.group(2), "name": m.group(3), "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root, set(_ID.findall(body))


_EXCLUDED_START = re.compile(r"<([a-z0-9]+)\b[^>]*\sdata-search-exclude\b")
_SECTION_START = re.compile(r'<h[1-6] id="')
_SEARCH_ATTRS = re.compile(r'\s?data-search-\w+(?:="[^"]*")?(?=[\s>])')


def searchable(body: str) -> str:
    """`body` without the blocks marked data-search-exclude: what Material's search
    indexes of it, at a fraction of the parsing. Relies on the shape our templates
    write: an excluded block starts a line, and closes on that line or on a line
    of its own; an excluded heading (with an id) excludes its whole section."""
    out: list[str] = []
    tag, depth, section_excluded = "", 0, False
    for line in body.split("\n"):
        if section_excluded:
            if not _SECTION_START.match(line):
                continue
            section_excluded = False
        if tag:  # inside an excluded block
            if line == f"</{tag}>":
                depth -= 1
                tag = tag if depth else ""
            elif line.startswith((f"<{tag} ", f"<{tag}>")) and not line.endswith(f"</{tag}>"):
                depth += 1
            continue
        m = _EXCLUDED_START.match(line)
        if m is None:
            out.append(line)
        elif _SECTION_START.match(line):
            section_excluded = True
        elif not line.endswith(f"</{m.group(1)}>"):
            tag, depth = m.group(1), 1
    return "\n".join(out)


def without_search_attributes(html: str) -> str:
    """The page once indexed: Material's search plugin removes data-search attributes
    with a value; the bare ones our templates write go too."""
    return _SEARCH_ATTRS.sub("", html)
