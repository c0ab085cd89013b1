"""Reference data: everything the generator knows about the world besides the seeds.

The gazetteer, the taxonomy, the rules that read actors, figures and text, the
official survey prevalence and the site's own words are files a curator edits
(`generator/data/`). They are loaded once per build by `Reference.load`, which
checks each file and how the files fit together; a file that cannot be used stops the build with one
`DataFileError` line naming it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .actors import ActorRules
from .calendar import Calendar
from .figures import FigureRules
from .files import DataFileError
from .gazetteer import Gazetteer
from .official import OfficialPrevalence
from .site import BUILT_IN_FIGURE_KINDS, PublishingWords, SiteWords, load_glossary, load_search_words, load_tile_layout
from .taxonomy import Taxonomy
from .text import Outlets, TextRules

__all__ = ["DataFileError", "Reference"]


@dataclass(frozen=True)
class Reference:
    gazetteer: Gazetteer
    calendar: Calendar
    taxonomy: Taxonomy
    actor_rules: ActorRules
    outlets: Outlets
    text_rules: TextRules
    figure_rules: FigureRules
    site_words: SiteWords
    glossary: dict[str, str]  # term -> meaning
    search_words: dict[str, list[str]]  # roots, protect, stop
    tile_layout: dict[str, tuple[int, int, str]]  # province code -> tile column, row, abbreviation
    official: OfficialPrevalence  # the national surveys' stunting prevalence (official_prevalence.csv)
    publishing: PublishingWords  # the words of the rule of which news figures leave their article's page

    @classmethod
    def load(cls, data_dir: Path, taxonomy_file: Path | None = None) -> "Reference":
        gazetteer = Gazetteer.load(data_dir)
        calendar = Calendar.load(data_dir / "calendar.yml")
        ref = cls(
            gazetteer=gazetteer,
            calendar=calendar,
            taxonomy=Taxonomy.load(taxonomy_file or data_dir / "taxonomy.yml"),
            actor_rules=ActorRules.load(data_dir / "actors.yml"),
            outlets=Outlets.load(data_dir / "outlets.yml"),
            text_rules=TextRules.load(data_dir / "text.yml", calendar),
            figure_rules=FigureRules.load(data_dir / "figures.yml"),
            site_words=SiteWords.load(data_dir / "site.yml"),
            glossary=load_glossary(data_dir / "glossary.yml"),
            search_words=load_search_words(data_dir / "search_id.yml", gazetteer),
            tile_layout=load_tile_layout(data_dir / "tilemap.csv", gazetteer),
            official=OfficialPrevalence.load(data_dir / "official_prevalence.csv",
                                             data_dir / "official_prevalence.md", gazetteer),
            publishing=PublishingWords.load(data_dir / "publish.yml"),
        )
        ref._check_together(data_dir)
        return ref

    def _check_together(self, data_dir: Path) -> None:
        """The ids one file uses are defined by another."""
        actor_types = self.taxonomy.ids("actor_types")
        used = {r.type for r in self.actor_rules.rules} | {t for t, _ in self.actor_rules.type_cues}
        unknown = sorted(used - actor_types - {"by_region"})
        if unknown:
            raise DataFileError(f"{data_dir / 'actors.yml'}: actor type {unknown[0]!r} is not in the taxonomy")
        kinds = set(self.figure_rules.subject_kind.values()) | set(BUILT_IN_FIGURE_KINDS)
        unnamed = sorted(kinds - set(self.site_words.figure_kinds))
        if unnamed:
            raise DataFileError(f"{data_dir / 'site.yml'}: figure_kinds: no words for {', '.join(unnamed)}")
