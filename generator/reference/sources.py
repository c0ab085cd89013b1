"""How the importer reads news sources (from data/import.yml)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .files import DataFileError, compiling, yaml_mapping

SEED_FIELDS = ("title", "text", "date", "url", "outlet")


@dataclass(frozen=True)
class ImportLimits:
    """What one local file may cost before the importer refuses it (data/import.yml: limits)."""

    max_file_mb: float = 200
    max_json_mb: float = 50
    max_rows: int = 200_000
    max_seconds: float = 600
    max_page_mb: float = 5
    max_page_elements: int = 30_000
    max_unzipped_mb: float = 300
    max_shared_strings: int = 1_000_000
    max_xlsx_part_mb: float = 5

    @classmethod
    def from_data(cls, raw: object, path: Path) -> "ImportLimits":
        raw = raw or {}
        if not isinstance(raw, dict):
            raise DataFileError(f"{path}: limits: must be a mapping")
        known = cls.__dataclass_fields__
        unknown = sorted(set(raw) - set(known))
        if unknown:
            raise DataFileError(f"{path}: limits: unknown key '{unknown[0]}' (known: {', '.join(known)})")
        values = {}
        for key, value in raw.items():
            kind = type(getattr(cls, key))
            try:
                values[key] = kind(value)
            except (TypeError, ValueError):
                raise DataFileError(f"{path}: limits: {key} must be a number") from None
            if values[key] <= 0:
                raise DataFileError(f"{path}: limits: {key} must be more than 0")
        return cls(**values)


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
    indonesian_words: frozenset[str]
    min_indonesian_share: float
    limits: ImportLimits

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
                indonesian_words=frozenset(str(w).lower() for w in raw.get("indonesian_words") or ()),
                min_indonesian_share=float(raw.get("min_indonesian_share", 0)),
                limits=ImportLimits.from_data(raw.get("limits"), path),
            )


def column_key(name: object) -> str:
    """A column name as it is compared: "Isi Berita" and "isi-berita" are "isi_berita"."""
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())
