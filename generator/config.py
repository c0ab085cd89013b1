"""Build options: one typed object, passed down; nothing reads globals."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .render import SiteSettings

PACKAGE_DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class BuildConfig:
    seeds: Path = Path("seeds")
    docs: Path = Path("docs")
    data: Path = PACKAGE_DATA  # gazetteer, taxonomy, actor rules, outlets
    taxonomy: Path | None = None  # defaults to data/taxonomy.yml
    site: SiteSettings = field(default_factory=SiteSettings)
