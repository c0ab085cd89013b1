"""What MkDocs needs to know about an HTML page body the generator wrote."""
from __future__ import annotations

import base64
import hashlib
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


# The site runs its own scripts only: files it serves, and the theme's inline
# scripts by their hash. Styles may be inline (the theme and our tables set
# some), images and fonts may be data: URLs (the theme's icons).
POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; frame-src 'self'; "
          "object-src 'none'; base-uri 'self'; form-action 'self'")
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*\stype=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>", re.S)


def with_content_security_policy(page: str) -> str:
    """`page` with a Content-Security-Policy meta tag at the top of its head that allows
    exactly the inline scripts it holds (by hash) and the site's own script files."""
    if "<head>" not in page or 'http-equiv="Content-Security-Policy"' in page:
        return page
    hashes = sorted({base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
                     for body in _INLINE_SCRIPT.findall(page)})
    policy = POLICY.format(hashes=" ".join(f"'sha256-{h}'" for h in hashes))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    # After the charset (which must come first), before any script.
    charset = re.search(r"<meta charset=[^>]*>", page)
    if charset and charset.start() < page.find("<script"):
        return page[:charset.end()] + "\n" + meta + page[charset.end():]
    return page.replace("<head>", "<head>\n" + meta, 1)


_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def with_named_dialogs(page: str) -> str:
    """Material's search dialog has no accessible name; screen readers announce it as "Pencarian"."""
    return page.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Pencarian">', 1)
