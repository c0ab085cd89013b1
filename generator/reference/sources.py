"""How the importer reads news sources (from data/import.yml)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .files import DataFileError, compiling, yaml_mapping

SEED_FIELDS = ("title", "text", "date", "url", "outlet")


@dataclass(frozen=True)
class SourceRules:
    columns: dict[str, tuple[str, ...]]  # seed field -> dataset column names
    min_words: int
    tracking_parameters: frozenset[str]
    page_line: re.Pattern
    user_agent: str
    timeout: float
    delay: float
    max_bytes: int

    @classmethod
    def load(cls, path: Path) -> "SourceRules":
        raw = yaml_mapping(path)
        columns = raw.get("columns") or {}
        unknown = sorted(set(columns) - set(SEED_FIELDS))
        if unknown:
            raise DataFileError(f"{path}: columns: '{unknown[0]}' is not a seed field ({', '.join(SEED_FIELDS)})")
        if not columns.get("text"):
            raise DataFileError(f"{path}: columns: text needs at least one column name")
        with compiling(path):
            page_line = re.compile(r"^\s*(?:" + "|".join(raw.get("page_lines") or ["(?!)"]) + r")\s*$", re.I)
            return cls(
                columns={f: tuple(column_key(c) for c in columns.get(f) or ()) for f in SEED_FIELDS},
                min_words=int(raw.get("min_words", 60)),
                tracking_parameters=frozenset(str(p).lower() for p in raw.get("tracking_parameters") or ()),
                page_line=page_line,
                user_agent=str(raw["user_agent"]),
                timeout=float(raw.get("timeout", 20)),
                delay=float(raw.get("delay", 1.0)),
                max_bytes=int(raw.get("max_bytes", 5_000_000)),
            )


def column_key(name: object) -> str:
    """A column name as it is compared: "Isi Berita" and "isi-berita" are "isi_berita"."""
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())
