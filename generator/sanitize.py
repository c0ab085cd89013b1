"""Characters that are never text: control characters, surrogates, noncharacters.

They come from broken files, hostile seeds or YAML escapes in a front matter,
and they break what the site is made of: YAML refuses them in a page's front
matter (MkDocs would then drop the page's metadata and render it as
Markdown), XML refuses them in feeds, a lone surrogate cannot be written as
UTF-8. Every text and every value is cleaned of them when it is read, before
anything is derived from it or written.
"""
from __future__ import annotations

import re
from typing import Any

try:  # a declared dependency; where the project is run without being installed, text is read as it is
    import ftfy
    import ftfy.badness
except ImportError:
    ftfy = None

# Without ftfy the build still runs, and says that mojibake is not repaired (build.settings_notes).
MOJIBAKE_REPAIRED = ftfy is not None

# C0 controls but tab and newline, DEL, C1 controls, surrogates, and the noncharacters
# U+FDD0-U+FDEF and U+xFFFE/U+xFFFF of every plane.
_NOT_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)


def clean_text(text: str) -> str:
    """`text` without characters that are never text (tabs and newlines stay; a carriage
    return is a newline)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_TEXT.sub("", text)


def has_non_text(text: str) -> bool:
    return _NOT_TEXT.search(text.replace("\r", "")) is not None


def clean_value(value: Any) -> Any:
    """A front-matter value with every string in it (keys too) cleaned."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_value(v) for v in value]
    return value


def without_mojibake(text: str) -> str:
    """UTF-8 once read as Latin-1 ("kmÂ²", "Ù\x8a...": scraped text often is) repaired.
    ftfy's check is slow: only text with Latin-1-range characters, where mojibake lives,
    gets it. The build reads seeds and the importer writes them with this one function, so a
    second import recognises what the build saw."""
    if ftfy is None or not _LATIN1.search(text):
        return text
    return ftfy.fix_encoding(text) if ftfy.badness.is_bad(text) else text


_LATIN1 = re.compile(r"[\x80-\xff]")
