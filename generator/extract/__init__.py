"""Extract stage: a `Seed` -> an `Article`, every value with its evidence.

Each submodule is a set of pure functions from text to values; this module
only runs them in order and lets the curator's front matter win.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model import Article, Problem, Seed
from . import actors as actors_mod
from . import dates, figures, overrides, regions, taxonomy, text
from . import relevance


@dataclass(frozen=True)
class Knowledge:
    """The domain data extraction reads: gazetteer, taxonomy, actor rules, outlets."""

    gazetteer: regions.Gazetteer
    taxonomy: taxonomy.Taxonomy
    actor_rules: actors_mod.ActorRules
    outlets: text.Outlets
    text_rules: text.TextRules

    @classmethod
    def load(cls, data_dir: Path, taxonomy_file: Path | None = None) -> "Knowledge":
        with open(data_dir / "outlets.yml", encoding="utf-8") as fh:
            outlet_names = {str(k).lower(): str(v) for k, v in (yaml.safe_load(fh) or {}).items()}
        return cls(
            gazetteer=regions.Gazetteer.load(data_dir),
            taxonomy=taxonomy.Taxonomy.load(taxonomy_file or data_dir / "taxonomy.yml"),
            actor_rules=actors_mod.ActorRules.load(data_dir / "actors.yml"),
            outlets=text.Outlets(outlet_names),
            text_rules=text.TextRules.load(data_dir / "text.yml"),
        )


def extract_article(seed: Seed, kb: Knowledge, slug: str) -> tuple[Article, list[Problem]]:
    cleaned = text.clean(seed.text, kb.outlets, kb.text_rules)
    sents = text.sentences(cleaned.paragraphs, kb.text_rules.abbreviations)
    full = " ".join(cleaned.paragraphs)
    title = cleaned.headline or text.title_from_lead(cleaned.paragraphs[0] if cleaned.paragraphs else "")
    date, date_ev = dates.find_date(cleaned.date_line, sents)
    provinces, regencies, mentioned = regions.resolve(kb.gazetteer, regions.find_mentions(kb.gazetteer, sents), full)
    tax = kb.taxonomy
    joined = taxonomy.Sentences(sents)  # searched by every cue and actor rule
    programmes = taxonomy.tag_terms(tax.programmes, joined, tax.effort_context)
    targets = taxonomy.tag_terms(tax.target_groups, joined, tax.effort_context)
    actors = actors_mod.find_actors(kb.gazetteer, kb.actor_rules, joined)
    actor_types = actors_mod.actor_types(actors, kb.actor_rules, sents, tax.effort_context)
    rel = relevance.assess(tax.relevance, cleaned.headline or "", sents)
    values = {
        "title": title or seed.id,
        "date": date,
        "date_evidence": date_ev,
        "outlet": cleaned.outlet,
        "dateline": cleaned.dateline,
        "url": None,
        "provinces": tuple(provinces),
        "regencies": tuple(regencies),
        "mentioned_regions": tuple(mentioned),
        "programmes": tuple(programmes),
        "actors": tuple(actors),
        "actor_types": tuple(actor_types),
        "target_groups": tuple(targets),
        "figures": tuple(figures.find_figures(sents)),
        "relevance": rel.level,
        "relevance_note": rel.note,
        "relevance_evidence": rel.evidence,
    }
    problems: list[Problem] = []
    curated: tuple[str, ...] = ()
    if seed.overrides:
        checked, problems = overrides.validate(seed, kb)
        if checked is not None:
            values, curated = overrides.apply(values, checked, kb)
    if values["relevance"] != relevance.EFFORT:
        # Tags say what an effort does, for whom and by whom: an article that
        # reports none keeps its regions only (../shared/spec/dev-labels.yaml),
        # and whatever the curator set.
        kept = set(curated) | ({"actor_types"} if "actors" in curated else set())
        for field in ("programmes", "target_groups", "actors", "actor_types"):
            if field not in kept:
                values[field] = ()
    article = Article(
        id=seed.id,
        slug=slug,
        file=seed.file,
        paragraphs=cleaned.paragraphs,
        curated=curated,
        **values,
    )
    return article, problems
