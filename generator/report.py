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
    write: WriteResult | None = None
    leftovers: int = 0  # temporary files of an interrupted build, removed (said on the console only)
    workers: dict[str, int] = field(default_factory=dict)  # stage -> worker processes it used (console only)

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

    def edited_by_hand(self, path: str) -> None:
        self.problems.append(Problem(path, f"generated page changed by hand since the last build; replaced "
                                           f"(the edited copy is kept in {(REPLACED / path).as_posix()})", stage="write"))

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
        }

    def lines(self) -> list[str]:
        out = [f"{len(self.built)} articles built from {self.seeds_dir}"]
        if self.write is not None:
            out[0] += f" ({len(self.write.written)} files written, {self.write.unchanged} unchanged, {len(self.write.removed)} removed)"
        for p in sorted(self.problems, key=lambda p: (p.file, p.line or 0)):
            out.append(f"  {p.level}: {p.describe()}")
        # Not problems, and possibly thousands: a few on the console, all on the curator page.
        for kept, dropped in list(self.duplicates.items())[:LISTED]:
            out.append(f"  duplicate: {', '.join(dropped)} repeat {kept} (one page built)")
        if len(self.duplicates) > LISTED:
            out.append(f"  ... {len(self.duplicates) - LISTED} more duplicates (see {urls.index('curator')})")
        for ids, what in ((self.off_topic, "stunting only in passing"), (self.no_topic, "stunting not mentioned, not listed")):
            if ids:
                more = f" and {len(ids) - LISTED} more (see {urls.index('curator')})" if len(ids) > LISTED else ""
                out.append(f"  {what}: {', '.join(ids[:LISTED])}{more}")
        if self.workers:
            out.append("  worker processes: " + ", ".join(f"{stage} {n}" for stage, n in self.workers.items()))
        if self.leftovers:
            out.append(f"  removed {self.leftovers} temporary files an interrupted build left")
        if self.write and self.write.refused:
            out.append(f"  not overwritten (hand-written files): {', '.join(self.write.refused)}")
        return out
