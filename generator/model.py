"""The knowledge base's domain objects.

Extraction produces these, the index groups them, templates render them. Where
their pages live is not theirs to say (see urls.py).
They are plain frozen dataclasses so that two builds of the same input give
equal objects, and so that nothing downstream can change what extraction found.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date


@dataclass(frozen=True)
class Evidence:
    """The sentence that justifies a value, and the words in it that did."""

    sentence: str
    cue: str = ""


@dataclass(frozen=True)
class Region:
    """A province (code `NN`) or kabupaten/kota (code `NN.NN`) of the Kemendagri list."""

    code: str
    name: str
    kind: str  # provinsi | kabupaten | kota
    province_code: str

    @property
    def is_province(self) -> bool:
        return self.kind == "provinsi"


@dataclass(frozen=True)
class Tag:
    """A taxonomy id given to an article, with why it was given."""

    id: str
    evidence: Evidence | None = None
    curated: bool = False


@dataclass(frozen=True)
class RegionTag:
    region: Region
    evidence: Evidence | None = None
    curated: bool = False
    role: str = ""  # "" for a region of the effort; why it is only mentioned otherwise ("perbandingan"...)


@dataclass(frozen=True)
class Actor:
    """An organisation behind an effort; people stand for their office."""

    name: str
    type: str
    evidence: Evidence | None = None
    curated: bool = False


@dataclass(frozen=True)
class Figure:
    """A number the article reports, normalised (Indonesian notation resolved), by meaning."""

    kind: str  # prevalence | target | budget | unit-cost | count, or a kind of counted noun (data/figures.yml)
    value: float | int
    unit: str  # percent | IDR | count
    year: int | None  # the year the figure refers to; None for totals since a year and values before a change
    subject: str  # what is counted ("balita", "desa"), "stunting" for rates, "rupiah" for money
    text: str  # the words of the figure as written
    evidence: Evidence | None = None
    scope: str = ""  # national | a province or regency code | "" (several areas, or none said)
    actor: str = ""  # the actor named with it, if any
    basis: str = ""  # "" | since (a total since `since`) | before / after (the two values of a change)
    since: int | None = None
    doubt: str = ""  # why it is not certain enough to publish beyond its article (Indonesian), or ""

    @property
    def publishable(self) -> bool:
        """Certain enough for the data page, the map, region pages and the tables of targets,
        budgets and beneficiaries: its kind, area and year are known and it is about stunting.
        The rest stays on its article's page, marked as uncertain."""
        return not self.doubt


@dataclass(frozen=True)
class Doubt:
    """A value the extractor is unsure of: not published as a fact, but listed on the curator
    page ("perlu dicek"), where one front-matter line confirms or rejects it."""

    field: str  # relevance | provinces | regencies | actors | figures
    value: str  # as front matter writes it (a level, region codes), or a figure's words, or an actor
    reason: str  # why, in Indonesian
    evidence: Evidence | None = None
    confirm: str = ""  # the front-matter line that confirms it, where it is not just `field: value`


# How curators read a problem's stage and level (the report's data keeps the ids).
STAGE_NAMES = {"read": "baca", "extract": "ekstraksi", "index": "indeks", "render": "pembuatan halaman", "write": "tulis"}
LEVEL_NAMES = {"warning": "peringatan", "skipped": "dilewati", "info": "catatan"}


@dataclass(frozen=True)
class Problem:
    """Something a curator should know about a seed file (shown in the build report)."""

    file: str
    message: str
    line: int | None = None
    level: str = "warning"  # warning | skipped | info
    stage: str = ""  # read | extract | index | render: where a failure happened, for the report

    def describe(self) -> str:
        """'b.txt:3 [tahap ekstraksi]: ...' for the console and the curator page."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        stage = f" [tahap {self.stage_name}]" if self.stage else ""
        return f"{where}{stage}: {self.message}"

    @property
    def stage_name(self) -> str:
        return STAGE_NAMES.get(self.stage, self.stage)

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES.get(self.level, self.level)


@dataclass(frozen=True)
class Seed:
    """A seed file as read from disk: its text and the curator's overrides."""

    id: str  # file name without extension
    file: str  # file name as found in the seeds folder
    text: str
    encoding: str
    overrides: dict = field(default_factory=dict)
    front_matter: str = ""  # the raw YAML block, to point at a bad line
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Article:
    """One news article with everything extracted from it."""

    id: str
    slug: str
    file: str
    title: str
    date: Date | None
    date_evidence: Evidence | None
    outlet: str | None
    dateline: str | None
    url: str | None
    paragraphs: tuple[str, ...]
    provinces: tuple[RegionTag, ...]
    regencies: tuple[RegionTag, ...]
    programmes: tuple[Tag, ...]
    actors: tuple[Actor, ...]
    actor_types: tuple[Tag, ...]
    target_groups: tuple[Tag, ...]
    figures: tuple[Figure, ...]
    relevance: str  # effort | mention | none (../shared/spec/relevance.md)
    relevance_note: str
    curated: tuple[str, ...] = ()  # names of fields set by the curator
    duplicates: tuple[str, ...] = ()  # ids of seeds with the same text (not built)
    duplicate_outlets: tuple[str, ...] = ()

    relevance_evidence: Evidence | None = None
    mentioned_regions: tuple[RegionTag, ...] = ()  # named, but not where the effort is ("disebut")
    doubts: tuple[Doubt, ...] = ()  # values left for the curator to check ("perlu dicek")

    @property
    def relevant(self) -> bool:
        """Reports a stunting effort (the export's `relevant`, kept for older readers)."""
        return self.relevance == "effort"

    @property
    def listed(self) -> bool:
        """Shown on public lists, feeds and the map: an article that does not mention stunting is not."""
        return self.relevance != "none"

    @property
    def lead(self) -> str:
        return self.paragraphs[0] if self.paragraphs else ""
