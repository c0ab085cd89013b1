"""What MkDocs needs to know about an HTML page body the generator wrote."""
from __future__ import annotations

import re

# Headings as the generator's templates write them (_macros.html.j2 `h`).
_HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)<a class="headerlink"')
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
