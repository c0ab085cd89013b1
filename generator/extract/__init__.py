"""Extract stage: a `Seed` -> an `Article`, every value with its evidence.

Each submodule is a set of pure functions from text to values; this module
only runs them in order and lets the curator's front matter win.
"""
from __future__ import annotations

import json
from dataclasses import replace

from ..errors import thousands
from ..model import Actor, Article, Doubt, Evidence, Problem, Seed
from ..reference import Reference
from . import actors as actors_mod
from . import dates, figures, overrides, regions, relevance, taxonomy, text
from .sentences import Sentences


# Facts are read from this much of a text: the longest news articles are a few
# tens of thousands of characters; a longer text is no single article, and
# reading all of it would only cost time (the page still shows all of it).
READ_CHARS = 100_000


def extract_article(seed: Seed, ref: Reference, slug: str) -> tuple[Article, list[Problem]]:
    cleaned = text.clean(seed.text, ref.outlets, ref.text_rules)
    sents = text.sentences(cleaned.paragraphs, ref.text_rules.abbreviations)
    notes: list[Problem] = []
    if sum(len(s) for s in sents) > READ_CHARS:
        sents = _first_chars(sents, READ_CHARS)
        notes.append(Problem(seed.file, f"teks sangat panjang: fakta dibaca dari {thousands(READ_CHARS)} karakter pertamanya",
                             level="info", stage="extract"))
    full = " ".join(sents)
    title = cleaned.headline or text.title_from_lead(cleaned.paragraphs[0] if cleaned.paragraphs else "", ref.text_rules.headline,
                                                     ref.text_rules.abbreviations)
    date, date_ev = dates.find_date(cleaned.date_line, [cleaned.lead_prefix, *sents] if cleaned.lead_prefix else sents,
                                    ref.calendar)
    tax = ref.taxonomy
    # The curator's front matter, checked before extraction reads any of it.
    checked, problems = overrides.validate(seed, ref) if seed.overrides else ({}, [])
    # A link to another story ("Baca juga: ... Cegah Stunting") reports nothing of this one.
    own = [s for s in sents if not ref.gazetteer.context.link.match(s)]
    rel = relevance.assess(tax.relevance, cleaned.headline or (checked.get("source") or {}).get("title") or "", own)
    level = checked.get("relevance") or rel.level
    mentions = regions.find_mentions(ref.gazetteer, sents)
    # Without an effort, an article's regions are the places of its story (its headline,
    # dateline and lead tell them).
    story = None if level == relevance.EFFORT else regions.find_mentions(
        ref.gazetteer, [x for x in (cleaned.headline, cleaned.lead_prefix) if x])
    provinces, regencies, mentioned = regions.resolve(ref.gazetteer, mentions, full, story)
    joined = Sentences(sents)  # searched by every cue and actor rule
    # Tags say what an effort does, for whom and by whom: they are looked for in an
    # effort only (and a text that does not mention stunting has no figures to show).
    if level == relevance.EFFORT:
        programmes = taxonomy.tag_terms(tax.programmes, joined, tax.effort_context)
        targets = taxonomy.tag_terms(tax.target_groups, joined, tax.effort_context)
        found = actors_mod.find_actors(ref.gazetteer, ref.actor_rules, joined, tax.relevance.doing)
        # An actor no sentence shows at work stays published (the labels count a speaker's
        # employer as an actor: withholding it lost named actors on TUNE and the seeds) and
        # is listed for the curator.
        actors = sorted([*found.actors, *found.idle], key=lambda a: (a.type, a.name))
        actor_types = actors_mod.actor_types(actors, ref.actor_rules, sents, tax.effort_context)
    else:
        programmes, targets, actors, actor_types = [], [], [], []
        found = actors_mod.FoundActors([], {})
    if level == relevance.NONE:
        article_figures: tuple = ()
    else:
        article_figures = tuple(figures.find_figures(
            ref.figure_rules, sents, _places(mentions, provinces, regencies), found.named_at,
            _home(provinces, regencies), frozenset(a.name for a in actors if a.type == "pemerintah-pusat")))
        article_figures = tuple(replace(f, doubt=figures.doubt(f, tax.effort_context)) for f in article_figures)
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
        "figures": article_figures,
        "relevance": rel.level,
        "relevance_note": rel.note,
        "relevance_evidence": rel.evidence,
    }
    problems = notes + problems
    curated: tuple[str, ...] = ()
    if checked:
        values, curated = overrides.apply(values, checked, ref)
    if values["relevance"] != relevance.EFFORT:
        # Tags say what an effort does, for whom and by whom: an article that
        # reports none keeps its regions only (../shared/spec/dev-labels.yaml),
        # and whatever the curator set.
        kept = set(curated) | ({"actor_types"} if "actors" in curated else set())
        for field in ("programmes", "target_groups", "actors", "actor_types"):
            if field not in kept:
                values[field] = ()
    values["doubts"] = _doubts(rel, mentions, values, curated, found.idle)
    named = {x.name for x in values["actors"]}
    if any(f.actor and f.actor not in named for f in values["figures"]):
        # A figure's actor is one of the article's actors, or none.
        values["figures"] = tuple(f if not f.actor or f.actor in named else replace(f, actor="") for f in values["figures"])
    article = Article(
        id=seed.id,
        slug=slug,
        file=seed.file,
        paragraphs=cleaned.paragraphs,
        curated=curated,
        **values,
    )
    return article, problems


def _doubts(rel: relevance.Relevance, mentions: list[regions.Mention], values: dict, curated: tuple[str, ...],
            idle: tuple[Actor, ...] = ()) -> tuple[Doubt, ...]:
    """What the curator is asked to check: a relevance near the line, a region named only
    inside an institution's name, an actor no sentence shows at work, a figure whose kind,
    area or year is not known."""
    out: list[Doubt] = []
    if rel.unsure and "relevance" not in curated:
        out.append(Doubt("relevance", values["relevance"], rel.unsure, rel.evidence))
    tagged = {t.region.code for t in (*values["provinces"], *values["regencies"])}
    seen: set[tuple[str, ...]] = set()
    for m in mentions:
        if m.role != regions.INSTITUTION or m.codes in seen or tagged & set(m.codes):
            continue
        seen.add(m.codes)
        field = "provinces" if all("." not in c for c in m.codes) else "regencies"
        if field in curated:
            continue
        out.append(Doubt(field, " atau ".join(m.codes), f"hanya disebut dalam nama lembaga (“{m.surface}”)",
                         Evidence(m.sentence, m.surface)))
    if "actors" not in curated and values["relevance"] == relevance.EFFORT:
        certain = [a for a in values["actors"] if a not in idle]
        for a in idle:
            # The line that confirms it: the certain actors and this one (the line without
            # it rejects it).
            listed = sorted([*certain, a], key=lambda x: (x.type, x.name))
            line = "actors: [" + ", ".join(
                f"{{name: {json.dumps(x.name, ensure_ascii=False)}, type: {x.type}}}" for x in listed) + "]"
            out.append(Doubt("actors", f"{a.name} ({a.type})",
                             "hanya disebut, tidak ada kalimat yang menunjukkannya bertindak", a.evidence, line))
    out += [Doubt("figures", f.text, f.doubt, f.evidence) for f in values["figures"] if f.doubt]
    return tuple(out)


def _first_chars(sentences: list[str], limit: int) -> list[str]:
    out, total = [], 0
    for s in sentences:
        if total >= limit:
            break
        out.append(s)
        total += len(s)
    return out


def _places(mentions: list[regions.Mention], provinces, regencies) -> dict[int, list[figures.Place]]:
    """The regions each sentence names, where it names them: a figure is about the one
    named with it. A name shared by several regions counts as the one the article is about."""
    tagged = {t.region.code for t in (*provinces, *regencies)}
    out: dict[int, list[figures.Place]] = {}
    for m in mentions:
        if m.role and m.role != regions.COMPARISON:
            continue  # where a speaker spoke or a meeting sat says nothing of a figure
        codes = m.codes if len(m.codes) == 1 else tuple(c for c in m.codes if c in tagged)
        if len(codes) == 1:
            out.setdefault(m.index, []).append(figures.Place(codes[0], max(m.sentence.find(m.surface), 0)))
    return {i: sorted(p, key=lambda p: p.start) for i, p in out.items()}


def _home(provinces, regencies) -> str:
    """The article's only region, for figures that name none; an article that names no
    region as the effort's place is about the whole country."""
    if len(regencies) == 1:
        return regencies[0].region.code
    if not regencies and len(provinces) == 1:
        return provinces[0].region.code
    if not regencies and not provinces:
        return figures.NATIONAL
    return ""
