"""The build report: what happened to every seed, for the console, the curator page
(kurasi/) and data/build-report.json."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import urls
from .model import Article, Problem
from .write import REPLACED, WriteResult

# Duplicates and off-topic articles named on the console (the curator page has them all).
LISTED = 10


@dataclass
class BuildReport:
    seeds_dir: str
    built: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # kept id -> dropped ids
    off_topic: list[str] = field(default_factory=list)  # stunting mentioned in passing
    no_topic: list[str] = field(default_factory=list)  # stunting not mentioned: on no public list
    no_region: list[str] = field(default_factory=list)
    no_date: list[str] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)  # articles with values for the curator to check ("perlu dicek")
    write: WriteResult | None = None
    leftovers: int = 0  # temporary files of an interrupted build, removed (said on the console only)
    workers: dict[str, int] = field(default_factory=dict)  # stage -> worker processes it used (console only)
    notes: list[str] = field(default_factory=list)  # about the settings, for the console (e.g. no SITE_URL)
    search_prebuilt: bool = False  # the site's search index is made at build time (plugin/plugin.py, search/shards.py)

    def record(self, problems: list[Problem], duplicates: dict[str, list[str]], built: list[Article]) -> None:
        """What reading, extraction, dedupe and the index found."""
        self.problems.extend(problems)
        self.duplicates = duplicates
        articles = sorted(built, key=lambda a: a.id)
        self.built = [a.id for a in articles]
        self.off_topic = [a.id for a in articles if a.relevance == "mention"]
        self.no_topic = [a.id for a in articles if a.relevance == "none"]
        self.no_region = [a.id for a in articles if not a.provinces]
        self.no_date = [a.id for a in articles if a.date is None]
        self.unsure = [a.id for a in articles if a.doubts]

    def edited_by_hand(self, path: str) -> None:
        self.problems.append(Problem(path, f"halaman buatan pembangkit diubah tangan sejak pembangunan terakhir; diganti "
                                           f"(salinan yang diubah disimpan di {(REPLACED / path).as_posix()})", stage="write"))

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "skipped"]

    def as_dict(self) -> dict:
        return {
            "articles_built": len(self.built),
            "skipped": [{"file": p.file, "reason": p.message} for p in self.skipped],
            "warnings": [{"file": p.file, "line": p.line, "message": p.message} for p in self.problems if p.level == "warning"],
            "notes": [{"file": p.file, "line": p.line, "message": p.message} for p in self.problems if p.level == "info"],
            "duplicates": self.duplicates,
            "off_topic": self.off_topic,
            "no_topic": self.no_topic,
            "no_region": self.no_region,
            "no_date": self.no_date,
            "unsure": self.unsure,
        }

    def lines(self) -> list[str]:
        """The report for the console, in Indonesian (a curator reads it)."""
        out = [f"{len(self.built)} artikel dibangun dari {self.seeds_dir}"]
        if self.write is not None:
            out[0] += (f" ({len(self.write.written)} berkas ditulis, {self.write.unchanged} tidak berubah, "
                       f"{len(self.write.removed)} dihapus)")
        for p in sorted(self.problems, key=lambda p: (p.file, p.line or 0)):
            out.append(f"  {p.level_name}: {p.describe()}")
        # Not problems, and possibly thousands: a few on the console, all on the curator page.
        curator = urls.index("curator")
        for kept, dropped in list(self.duplicates.items())[:LISTED]:
            out.append(f"  ganda: {', '.join(dropped)} mengulang {kept} (satu halaman dibuat)")
        if len(self.duplicates) > LISTED:
            out.append(f"  ... {len(self.duplicates) - LISTED} artikel ganda lagi (lihat {curator})")
        for ids, what in ((self.off_topic, "stunting hanya disebut sekilas"),
                          (self.no_topic, "tidak menyebut stunting, tidak didaftar")):
            if ids:
                more = f" dan {len(ids) - LISTED} lagi (lihat {curator})" if len(ids) > LISTED else ""
                out.append(f"  {what}: {', '.join(ids[:LISTED])}{more}")
        if self.workers:
            names = {"extraction": "ekstraksi", "pages": "halaman"}
            out.append("  proses pekerja: " + ", ".join(f"{names.get(stage, stage)} {n}" for stage, n in self.workers.items()))
        if self.leftovers:
            out.append(f"  {self.leftovers} berkas sementara dari pembangunan yang terputus dihapus")
        if self.write and self.write.refused:
            out.append(f"  tidak ditimpa (berkas tulisan tangan): {', '.join(self.write.refused)}")
        for note in self.notes:
            out.append(f"  {note}")
        return out
